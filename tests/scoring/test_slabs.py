"""Slab scoring: points by the slab the % of target falls in, end to end (YAML, score, explain)."""

from __future__ import annotations

import math

import pytest

import krakit
from krakit.scoring.targets import slab_points

# an incentive plan, as a manager types it (steps out of a round-number order on purpose)
_PLAN = [{"at": 80, "points": 50}, {"at": 90, "points": 80}, {"at": 100, "points": 100}]


def _card(kpi: dict[str, object], **scoring: object) -> krakit.Scorecard:
    card: dict[str, object] = {
        "role": {"title": "Zonal sales lead"},
        "kras": [{"title": "Channel growth", "weight": 100, "kpis": [kpi]}],
    }
    if scoring:
        card["scoring"] = scoring
    return krakit.Scorecard.model_validate(card)


def _slab_kpi(**extra: object) -> dict[str, object]:
    return {
        "id": "dealer-billing",
        "metric": "Dealer billing",
        "unit": "INR",
        "target_type": "slab",
        "target": 400_000,
        "slabs": [*_PLAN, {"at": 115, "points": 120}],
        **extra,
    }


def _one(card: krakit.Scorecard, *values: float) -> krakit.ScoreResult:
    actuals = [
        krakit.Actual(kpi=card.all_kpis()[0].id, period=f"2026-{m:02d}", value=v)
        for m, v in enumerate(values, start=1)
    ]
    return krakit.score(card, actuals)


@pytest.mark.parametrize(
    ("actual", "points"),
    [
        (0, 0),
        (319_999, 0),  # 79.99 %: below the first slab
        (320_000, 50),  # exactly 80 %: the slab starts here
        (368_000, 80),  # 92 %
        (399_999, 80),
        (400_000, 100),
        (459_999, 100),  # 114.99 %
        (460_000, 120),  # 115 %: the last slab has no top
        (4_000_000, 120),
    ],
)
def test_points_of_the_slab_reached(actual: float, points: float) -> None:
    result = _one(_card(_slab_kpi()), actual)
    assert result.totals["achievement"].iloc[0] == points
    assert result.score == points


def test_float_noise_at_an_edge_counts_as_reached() -> None:
    # 0.7 / 0.875 is 79.99999999999999 % in binary; a person reads 80 %
    got = slab_points([0.7 / 0.875 * 100], [((80.0, 50.0),)])
    assert got.tolist() == [50.0]


def test_lower_is_better_uses_target_over_actual() -> None:
    kpi = {
        "id": "tat",
        "metric": "Claim turnaround",
        "unit": "days",
        "polarity": "lower_is_better",
        "target_type": "slab",
        "target": 6,
        "slabs": _PLAN,
    }
    card = _card(kpi)
    assert _one(card, 6.5).score == 80  # 6 / 6.5 = 92.3 %
    assert _one(card, 7.6).score == 0  # 78.9 %
    assert _one(card, 3).score == 100  # 200 %, the top slab


def test_in_range_reads_the_range_like_ratio() -> None:
    kpi = {
        "id": "stock-days",
        "metric": "Stock days",
        "polarity": "in_range",
        "target_type": "slab",
        "target_low": 20,
        "target_high": 30,
        "slabs": _PLAN,
    }
    card = _card(kpi)
    assert _one(card, 25).score == 100
    assert _one(card, 17).score == 50  # 17 / 20 = 85 %
    assert _one(card, 40).score == 0  # 30 / 40 = 75 %


def test_points_above_the_cap_are_capped_and_bands_read_the_points() -> None:
    kpi = _slab_kpi(slabs=[{"at": 50, "points": 85}, {"at": 100, "points": 150}])
    card = _card(kpi, cap=130, thresholds={"green": 90, "amber": 80})
    top = _one(card, 500_000)
    assert top.totals["achievement"].iloc[0] == 130
    low = _one(card, 250_000)  # 62.5 % of target: 85 points, amber by the thresholds
    assert low.totals["achievement"].iloc[0] == 85
    assert low.totals["status"].iloc[0] == "amber"


def test_periods_roll_up_before_the_slab_is_found() -> None:
    card = _card(_slab_kpi(frequency="monthly"))
    # three months of 300,000 against a monthly 400,000: 75 % each month and for the quarter
    assert _one(card, 300_000, 300_000, 300_000).score == 0
    # one strong month lifts the quarter: 1,140,000 of 1,200,000 is 95 %
    result = _one(card, 300_000, 300_000, 540_000)
    assert result.score == 80
    by_month = krakit.score(
        card,
        [krakit.Actual(kpi="dealer-billing", period="2026-03", value=540_000)],
        by="quarter",
    )
    assert by_month.kpis["achievement"].tolist() == [120.0]  # 135 % of one month


def test_no_target_says_so() -> None:
    kpi = _slab_kpi()
    kpi.pop("target")
    result = _one(_card(kpi), 100)
    assert math.isnan(result.totals["achievement"].iloc[0])
    assert result.missing["reason"].tolist() == ["no target"]


def test_team_members_share_slabs_and_keep_their_own_points() -> None:
    card = _card(_slab_kpi())
    import pandas as pd

    frame = pd.DataFrame(
        {
            "person": ["Meera", "Arjun", "Kavya"],
            "kpi": ["dealer-billing"] * 3,
            "period": ["2026-Q1"] * 3,
            "value": [330_000, 410_000, 100_000],
        }
    )
    result = krakit.score({"Meera": card, "Arjun": card, "Kavya": card}, frame)
    got = dict(zip(result.totals["person"], result.totals["achievement"], strict=True))
    assert got == {"Meera": 50, "Arjun": 100, "Kavya": 0}


def test_explain_shows_the_slab_arithmetic_on_the_users_numbers() -> None:
    card = _card(_slab_kpi())
    text = str(
        krakit.explain(
            card,
            [krakit.Actual(kpi="dealer-billing", period="2026-01", value=368_000)],
            "dealer-billing",
        )
    )
    assert "actual / target = ₹3,68,000 / ₹4,00,000 = 92.0%" in text
    assert "actual 92.0% of target falls in slab 90–100% → 80 points" in text
    assert "→ 80.0% (amber)" in text  # the status bands read the points


def test_explain_below_the_first_slab_and_on_the_top_slab() -> None:
    card = _card(_slab_kpi())
    low = str(
        krakit.explain(card, [krakit.Actual(kpi="dealer-billing", period="2026-01", value=100_000)])
    )
    assert "below the first slab (80%) → 0 points" in low
    top = str(
        krakit.explain(card, [krakit.Actual(kpi="dealer-billing", period="2026-01", value=500_000)])
    )
    assert "falls in slab 115% and up → 120 points" in top


def test_yaml_round_trip_keeps_the_slabs(tmp_path: object) -> None:
    card = _card(_slab_kpi())
    again = krakit.loads(krakit.dump(card))
    assert again.all_kpis()[0].slabs == card.all_kpis()[0].slabs
    assert again.all_kpis()[0].target_type is krakit.TargetType.SLAB
