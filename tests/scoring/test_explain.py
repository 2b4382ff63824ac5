"""explain() prints the achievement the scorer computed, for every rule and aggregation.

The formula line is worked out again from the KPI's numbers; these tests hold it to the
score itself (a range or a target scaled over several periods, a single in-range target).
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import krakit
from krakit.scoring.definitions import scored_type, target_range

_LAST_PERCENT = re.compile(r"(-?(?:\d+(?:\.\d+)?|inf))%$")


def _card(kpi: dict[str, object]) -> krakit.Scorecard:
    return krakit.Scorecard(
        role={"title": "Ops"}, kras=[{"title": "Ops", "weight": 100, "kpis": [kpi]}]
    )


def _formula_percent(text: str) -> float:
    line = next(x for x in text.splitlines() if x.strip().startswith("achievement ="))
    found = _LAST_PERCENT.search(line.strip())
    assert found, line
    return float(found.group(1))


def _actuals(values: list[float]) -> list[krakit.Actual]:
    return [
        krakit.Actual(kpi="k", period=f"2026-{m + 1:02d}", value=v) for m, v in enumerate(values)
    ]


amounts = st.floats(min_value=1, max_value=1_000, allow_nan=False).map(lambda x: round(x, 1))


@st.composite
def kpis(draw: st.DrawFn) -> dict[str, object]:
    polarity = draw(st.sampled_from(["higher_is_better", "lower_is_better", "in_range"]))
    kpi: dict[str, object] = {
        "id": "k",
        "unit": draw(st.sampled_from(["calls", "%", "INR", "days"])),
        "polarity": polarity,
        "aggregation": draw(st.sampled_from(["sum", "mean", "last"])),
    }
    if polarity == "in_range":
        low, high = sorted((draw(amounts), draw(amounts)))
        shape = draw(st.sampled_from(["both", "low", "high", "single"]))
        if shape == "single":
            kpi["target"] = low
        else:
            kpi["target_low"] = low if shape != "high" else None
            kpi["target_high"] = high if shape != "low" else None
    else:
        kpi["target"] = draw(amounts)
        if draw(st.booleans()):
            kpi["target_type"] = "progress"
            if draw(st.booleans()):
                kpi["baseline"] = draw(amounts)
    return kpi


@settings(max_examples=150, deadline=None)
@given(kpi=kpis(), values=st.lists(amounts, min_size=1, max_size=4))
def test_the_formula_gives_the_score(kpi: dict[str, object], values: list[float]) -> None:
    card = _card(kpi)
    actuals = _actuals(values)
    achievement = krakit.score(card, actuals).totals["achievement"].iloc[0]
    text = str(krakit.explain(card, actuals))
    cap = card.scoring.cap if card.scoring else 120.0
    shown = min(max(_formula_percent(text), 0.0), cap)
    assert shown == pytest.approx(achievement, abs=0.051), text


def test_a_range_over_several_months_is_scaled_like_the_target() -> None:
    card = _card(
        {
            "id": "k",
            "unit": "calls",
            "polarity": "in_range",
            "target_low": 100,
            "target_high": 120,
            "aggregation": "sum",
        }
    )
    text = str(krakit.explain(card, _actuals([90, 90])))
    assert "target range [200 calls, 240 calls]" in text
    assert "below the range: actual / low = 180 / 200 = 90.0%" in text


def test_an_in_range_kpi_with_one_target_explains_its_number() -> None:
    card = _card({"id": "k", "unit": "%", "polarity": "in_range", "target": 80})
    text = str(krakit.explain(card, _actuals([70])))
    assert "target range [80%, 80%]" in text
    assert "actual / low = 70% / 80% = 87.5%" in text


def test_explain_and_the_scorer_read_a_kpi_alike() -> None:
    kpi = krakit.KPI(id="nps", target=50, target_type="progress")
    assert scored_type(kpi)[0] is krakit.TargetType.RATIO
    assert target_range(krakit.KPI(id="u", polarity="in_range", target=5)) == (5, 5)
    assert target_range(krakit.KPI(id="u", target=5)) == (None, None)
