"""Scoring, worked by hand: every polarity, target type and edge case, roll-ups, weights, teams."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import krakit
from krakit.errors import InputError
from krakit.model import Band, ScoringConfig, validate_scorecard
from krakit.score import aggregation_of, explain, score

SAMPLE = Path(__file__).parents[1] / "templates" / "samples" / "recruiter.yaml"


def card(*kpis: dict, weights: str = "percent", **extra) -> krakit.Scorecard:
    return krakit.Scorecard(
        role={"title": "Tester"},
        weights=weights,
        kras=[{"id": "main", "title": "Main", "weight": 100, "kpis": list(kpis)}],
        **extra,
    )


def one(kpi: dict, value: float, period: str = "2026-01", **kw) -> float:
    """The achievement of a single KPI with a single actual."""
    result = score(card(kpi), [krakit.Actual(kpi=kpi["id"], period=period, value=value)], **kw)
    return float(result.totals["achievement"].iloc[0])


# --------------------------------------------------------------------------- polarities

HIGHER = {"id": "k", "target": 200}
LOWER = {"id": "k", "target": 30, "polarity": "lower_is_better"}
PROGRESS_UP = {"id": "k", "target": 45, "baseline": 32, "target_type": "progress"}
PROGRESS_DOWN = {
    "id": "k",
    "target": 30,
    "baseline": 45,
    "target_type": "progress",
    "polarity": "lower_is_better",
}
RANGE = {"id": "k", "polarity": "in_range", "target_low": 95, "target_high": 105}


@pytest.mark.parametrize(
    ("kpi", "actual", "expected", "why"),
    [
        (HIGHER, 150, 75.0, "150 / 200"),
        (HIGHER, 260, 120.0, "260 / 200 = 130, capped at 120"),
        (HIGHER, 0, 0.0, "actual 0 scores 0"),
        (HIGHER, -50, 0.0, "negative actual floored at 0"),
        (LOWER, 40, 75.0, "30 / 40"),
        (LOWER, 25, 120.0, "30 / 25 = 120"),
        (LOWER, 20, 120.0, "30 / 20 = 150, capped"),
        (LOWER, 0, 120.0, "0 beats any positive target: the cap"),
        (PROGRESS_UP, 36, 4 / 13 * 100, "(36 - 32) / (45 - 32)"),
        (PROGRESS_UP, 30, 0.0, "went backwards: floored at 0"),
        (PROGRESS_DOWN, 41, 4 / 15 * 100, "(41 - 45) / (30 - 45)"),
        (PROGRESS_DOWN, 30, 100.0, "reached"),
        (RANGE, 100, 100.0, "inside"),
        (RANGE, 95, 100.0, "on the edge is inside"),
        (RANGE, 90, 90 / 95 * 100, "below: actual / low"),
        (RANGE, 120, 105 / 120 * 100, "above: high / actual"),
    ],
)
def test_polarities_hand_worked(kpi: dict, actual: float, expected: float, why: str) -> None:
    assert one(kpi, actual) == pytest.approx(expected), why


@pytest.mark.parametrize(
    ("kpi", "actual", "expected"),
    [
        ({"id": "k", "target": 0, "polarity": "lower_is_better"}, 0, 100.0),  # zero defects
        ({"id": "k", "target": 0, "polarity": "lower_is_better"}, 2, 0.0),
        ({"id": "k", "target": 0}, 3, 100.0),  # higher, target 0: met
        ({"id": "k", "target": 0}, -1, 0.0),
        ({"id": "k", "target": -10}, -5, 100.0),  # loss cut to 5 beats -10: met
        ({"id": "k", "target": -10}, -12, 0.0),
        ({"id": "k", "target": -10, "polarity": "lower_is_better"}, -12, 100.0),
        # target equal to baseline: met or not
        ({"id": "k", "target": 50, "baseline": 50, "target_type": "progress"}, 50, 100.0),
        ({"id": "k", "target": 50, "baseline": 50, "target_type": "progress"}, 49, 0.0),
        # progress across zero: baseline -20 (a loss) to target 10
        ({"id": "k", "target": 10, "baseline": -20, "target_type": "progress"}, -5, 50.0),
    ],
)
def test_edge_cases(kpi: dict, actual: float, expected: float) -> None:
    assert one(kpi, actual) == pytest.approx(expected)


def test_progress_without_baseline_falls_back_to_ratio() -> None:
    kpi = {"id": "k", "target": 200, "target_type": "progress"}
    result = score(card(kpi), [krakit.Actual(kpi="k", period="2026-01", value=100)])
    assert result.totals["achievement"].iloc[0] == pytest.approx(50.0)
    assert "needs a baseline" in result.totals["rule"].iloc[0]


def test_cap_is_configurable() -> None:
    assert one(HIGHER, 300, config=ScoringConfig(cap=150)) == pytest.approx(150.0)


# --------------------------------------------------------------------------- target types


def test_threshold_scores_share_of_periods_held() -> None:
    kpi = {"id": "k", "target": 95, "target_type": "threshold", "unit": "%"}
    values = {"2026-01": 96, "2026-02": 94, "2026-03": 95, "2026-04": 99}
    actuals = [krakit.Actual(kpi="k", period=p, value=v) for p, v in values.items()]
    result = score(card(kpi), actuals)
    assert result.kpis["achievement"].tolist() == [100.0, 0.0, 100.0, 100.0]
    assert result.kpis["status"].tolist() == ["green", "red", "green", "green"]
    assert result.totals["achievement"].iloc[0] == pytest.approx(75.0)  # held 3 of 4
    by_quarter = score(card(kpi), actuals, by="quarter").kpis
    assert by_quarter["achievement"].tolist() == pytest.approx([200 / 3, 100.0])


def test_threshold_lower_is_better() -> None:
    kpi = {"id": "k", "target": 2, "target_type": "threshold", "polarity": "lower_is_better"}
    assert one(kpi, 2) == 100.0
    assert one(kpi, 3) == 0.0


def test_milestone_done_by_latest_period() -> None:
    kpi = {"id": "launch", "target_type": "milestone"}
    actuals = [
        krakit.Actual(kpi="launch", period="2026-01", value=0),
        krakit.Actual(kpi="launch", period="2026-02", value=1),
    ]
    result = score(card(kpi), actuals)
    assert result.kpis["achievement"].tolist() == [0.0, 100.0]
    assert result.totals["achievement"].iloc[0] == 100.0
    assert aggregation_of(krakit.KPI(id="x", target_type="milestone")).value == "last"


# --------------------------------------------------------------------------- roll-ups


def test_sum_rolls_up_with_target_scaled_by_periods() -> None:
    kpi = {"id": "rev", "unit": "INR", "target": 100000, "frequency": "monthly"}
    actuals = [
        krakit.Actual(kpi="rev", period=f"2026-{m:02d}", value=v)
        for m, v in [(1, 90000), (2, 110000), (3, 120000), (4, 50000)]
    ]
    q = score(card(kpi), actuals, by="quarter").kpis
    assert q["period"].astype(str).tolist() == ["2026-Q1", "2026-Q2"]
    assert q["actual"].tolist() == [320000, 50000]
    assert q["target"].tolist() == [300000, 100000]  # 3 months covered, then 1
    assert q["achievement"].tolist() == pytest.approx([320 / 3, 50.0])
    total = score(card(kpi), actuals).totals.iloc[0]
    assert (total.actual, total.target, total.periods) == (370000, 400000, 4)
    assert total.achievement == pytest.approx(92.5)


def test_mean_and_last_roll_ups() -> None:
    rate = {"id": "rate", "unit": "%", "target": 80}
    level = {"id": "head", "unit": "people", "target": 50, "aggregation": "last"}
    actuals = [
        krakit.Actual(kpi="rate", period="2026-01", value=70),
        krakit.Actual(kpi="rate", period="2026-02", value=90),
        krakit.Actual(kpi="head", period="2026-02", value=45),
        krakit.Actual(kpi="head", period="2026-01", value=40),
    ]
    totals = score(card(rate, level), actuals).totals.set_index("kpi")
    assert totals.loc["rate", "actual"] == 80  # mean of 70 and 90
    assert totals.loc["head", "actual"] == 45  # last by period, not by row order
    assert totals.loc["head", "achievement"] == pytest.approx(90.0)


def test_weekly_entries_roll_up_to_monthly_kpi() -> None:
    kpi = {"id": "calls", "unit": "calls", "target": 100, "frequency": "monthly"}
    actuals = [krakit.Actual(kpi="calls", period=f"2026-W{w:02d}", value=30) for w in (2, 3, 4, 5)]
    rows = score(card(kpi), actuals).kpis
    assert rows["period"].astype(str).tolist() == ["2026-01"]
    assert rows["actual"].iloc[0] == 120
    # the target covers the 4 weeks entered (28 of 31 days ≈ 0.92 month)
    assert rows["target"].iloc[0] == pytest.approx(100 * 28 / (365.25 / 12))


def test_aggregation_inferred_from_unit() -> None:
    assert aggregation_of(krakit.KPI(id="a", unit="INR")).value == "sum"
    assert aggregation_of(krakit.KPI(id="a", unit="count")).value == "sum"
    assert aggregation_of(krakit.KPI(id="a", unit="%")).value == "mean"
    assert aggregation_of(krakit.KPI(id="a", unit="days")).value == "mean"
    assert aggregation_of(krakit.KPI(id="a")).value == "mean"


def test_an_average_or_rate_metric_is_averaged_even_in_money() -> None:
    def agg(metric: str, unit: str) -> str:
        return aggregation_of(krakit.KPI(id="k", metric=metric, unit=unit)).value

    assert agg("Average basket size", "EUR") == "mean"
    assert agg("Spend per visitor", "USD") == "mean"
    assert agg("Median ticket value", "INR") == "mean"
    assert agg("Quarterly bookings", "INR") == "sum"
    assert agg("Operating expenses", "GBP") == "sum"
    # the id stands in for a missing metric
    assert aggregation_of(krakit.KPI(id="cost-per-lead", unit="USD")).value == "mean"


def test_two_months_of_an_average_metric_roll_up_to_their_mean() -> None:
    sc = krakit.Scorecard(
        role={"title": "Store lead"},
        kras=[
            {
                "title": "Sales",
                "kpis": [
                    {
                        "id": "basket",
                        "metric": "Average basket size",
                        "unit": "EUR",
                        "target": 50,
                        "frequency": "monthly",
                    },
                ],
            }
        ],
        actuals=[
            {"kpi": "basket", "period": "2026-01", "value": 40},
            {"kpi": "basket", "period": "2026-02", "value": 50},
        ],
    )
    row = score(sc, by="quarter").kpis.iloc[0]
    assert row["actual"] == 45
    assert row["target"] == 50


# --------------------------------------------------------------------------- weights


def two_kras(weights: str = "percent", w1: float = 60, w2: float = 40) -> krakit.Scorecard:
    return krakit.Scorecard(
        role={"title": "Tester"},
        weights=weights,
        kras=[
            {
                "id": "a",
                "title": "A",
                "weight": w1,
                "kpis": [
                    {"id": "a1", "target": 100, "weight": 75},
                    {"id": "a2", "target": 100, "weight": 25},
                ],
            },
            {"id": "b", "title": "B", "weight": w2, "kpis": [{"id": "b1", "target": 100}]},
        ],
    )


def acts(**values: float) -> list[krakit.Actual]:
    return [krakit.Actual(kpi=k, period="2026-01", value=v) for k, v in values.items()]


def test_weighted_overall_hand_worked() -> None:
    result = score(two_kras(), acts(a1=80, a2=120, b1=50))
    kras = result.kras.set_index("kra")
    assert kras.loc["a", "score"] == pytest.approx(0.75 * 80 + 0.25 * 120)  # 90
    assert result.score == pytest.approx(0.6 * 90 + 0.4 * 50)  # 74
    assert result.band == "Needs improvement"
    assert result.totals["contribution"].sum() == pytest.approx(74.0)


def test_missing_actuals_are_excluded_and_weights_renormalised() -> None:
    result = score(two_kras(), acts(a1=80, b1=50))
    assert result.missing[["kra", "kpi", "reason"]].values.tolist() == [["a", "a2", "no actuals"]]
    kras = result.kras.set_index("kra")
    assert kras.loc["a", "score"] == pytest.approx(80.0)  # a1 alone, not 75% × 80
    assert result.score == pytest.approx(0.6 * 80 + 0.4 * 50)
    # a whole KRA without actuals: the other KRA carries 100%
    only_a = score(two_kras(), acts(a1=80, a2=120))
    assert only_a.score == pytest.approx(90.0)
    assert only_a.overall["coverage"].iloc[0] == pytest.approx(60.0)
    assert any("renormalised" in note for note in only_a.notes)


def test_relative_weights_are_normalised() -> None:
    relative = score(two_kras("relative", 3, 2), acts(a1=80, a2=120, b1=50))
    assert relative.score == pytest.approx(74.0)
    assert relative.kras["share"].tolist() == pytest.approx([60.0, 40.0])


def test_percent_weights_within_tolerance() -> None:
    sc = krakit.Scorecard(
        role={"title": "t"},
        kras=[
            {"id": "a", "title": "A", "weight": 0.1 + 0.2, "kpis": [{"id": "a1", "target": 1}]},
            {"id": "b", "title": "B", "weight": 99.7, "kpis": [{"id": "b1", "target": 1}]},
        ],
    )
    assert not any("add to" in n for n in score(sc, acts(a1=1, b1=1)).notes)
    off = two_kras(w1=60, w2=30)
    result = score(off, acts(a1=80, a2=120, b1=50))
    assert any("add to 90, not 100" in note for note in result.notes)
    assert result.score == pytest.approx((60 * 90 + 30 * 50) / 90)


def test_missing_weights_share_the_rest() -> None:
    sc = krakit.Scorecard(
        role={"title": "t"},
        kras=[
            {"id": "a", "title": "A", "weight": 50, "kpis": [{"id": "a1", "target": 1}]},
            {"id": "b", "title": "B", "kpis": [{"id": "b1", "target": 1}]},
            {"id": "c", "title": "C", "kpis": [{"id": "c1", "target": 1}]},
        ],
    )
    assert score(sc, acts(a1=1, b1=1, c1=1)).kras["share"].tolist() == [50, 25, 25]


# --------------------------------------------------------------------------- bands and mix


def test_manager_rating_mix() -> None:
    result = score(two_kras(), acts(a1=80, a2=120, b1=50), manager_rating=100)
    assert result.score == pytest.approx(0.8 * 74 + 0.2 * 100)  # 79.2
    custom = ScoringConfig(
        kpi_share=50,
        bands=[Band(rating=2, name="Good", min=80), Band(rating=1, name="Not yet", min=0)],
    )
    result = score(two_kras(), acts(a1=80, a2=120, b1=50), manager_rating=100, config=custom)
    assert result.score == pytest.approx(87.0)
    assert (result.band, int(result.overall["rating"].iloc[0])) == ("Good", 2)


def test_bands_default_edges() -> None:
    def band_of(value: float) -> str | None:
        return score(card(HIGHER), acts(k=value * 2)).band

    assert band_of(115) == "Outstanding"
    assert band_of(114.9) == "Exceeds expectations"
    assert band_of(90) == "Meets expectations"
    assert band_of(69.99) == "Unsatisfactory"


def test_bands_must_start_at_zero() -> None:
    data = {"role": {"title": "t"}, "scoring": {"bands": [{"rating": 1, "name": "x", "min": 5}]}}
    with pytest.raises(krakit.ScorecardError, match="must start at 0"):
        validate_scorecard(data)


# --------------------------------------------------------------------------- inputs


def test_text_in_a_number_cell_names_the_row() -> None:
    frame = pd.DataFrame(
        {"kpi": ["k", "k"], "period": ["2026-01", "2026-02"], "value": ["150", "ten lakh"]}
    )
    frame.index = [2, 3]
    with pytest.raises(InputError) as err:
        score(card(HIGHER), frame)
    assert err.value.row == 3
    assert "ten lakh" in str(err.value)


def test_unknown_kpi_and_duplicate_rows_are_errors() -> None:
    with pytest.raises(InputError, match="'nope' is not in"):
        score(card(HIGHER), acts(nope=1))
    frame = pd.DataFrame({"kpi": ["k", "k"], "period": ["2026-01", "2026-01"], "value": [1, 2]})
    with pytest.raises(InputError, match="given twice"):
        score(card(HIGHER), frame)
    with pytest.raises(InputError, match="not a period"):
        score(card(HIGHER), pd.DataFrame({"kpi": ["k"], "period": ["Jan"], "value": [1.0]}))


def test_blank_value_is_missing_not_zero() -> None:
    frame = pd.DataFrame({"kpi": ["k"], "period": ["2026-01"], "value": [np.nan]})
    result = score(card(HIGHER), frame)
    assert result.score is None
    assert result.missing["reason"].tolist() == ["no actuals"]


def test_no_actuals_still_scores_saying_so() -> None:
    sc = krakit.load(SAMPLE)
    sc.actuals = []
    result = score(sc)
    assert result.score is None and not result.has_actuals
    assert len(result.missing) == 3
    assert "no actuals yet" in result.notes[0]
    assert "No actuals yet" in str(result)


def test_sample_scorecard_hand_worked() -> None:
    result = score(krakit.load(SAMPLE))
    # time to hire 30/41; offer acceptance 82 < 85 not held; NPS (36-32)/(45-32)
    recruitment = 0.5 * 30 / 41 * 100 + 0.5 * 0
    expected = 0.6 * recruitment + 0.4 * 4 / 13 * 100
    assert result.score == pytest.approx(expected)
    # krakit.score is both the module and, called, the function
    assert krakit.score(krakit.load(SAMPLE)).score == pytest.approx(expected)


# --------------------------------------------------------------------------- team


def test_team_scoring_long_frame() -> None:
    sc = two_kras()
    frame = pd.DataFrame(
        {
            "person": ["ann", "ann", "ann", "bob", "bob"],
            "kpi": ["a1", "a2", "b1", "a1", "b1"],
            "period": ["2026-01"] * 5,
            "value": [80, 120, 50, 100, 100],
        }
    )
    result = score({"ann": sc, "bob": sc, "cy": sc}, frame)
    overall = result.overall.set_index("person")
    assert overall.loc["ann", "score"] == pytest.approx(74.0)
    assert overall.loc["bob", "score"] == pytest.approx(100.0)
    assert math.isnan(overall.loc["cy", "score"])
    assert len(result.missing[result.missing["person"] == "cy"]) == 3
    with pytest.raises(InputError, match="'dan' has no scorecard"):
        score({"ann": sc}, frame.assign(person="dan"))


# --------------------------------------------------------------------------- explain


def test_explain_works_the_numbers() -> None:
    sc = krakit.load(SAMPLE)
    text = str(explain(sc))
    assert "target / actual = 30 / 41 = 73.2%" in text
    assert "(36 − 32) / (45 − 32) = 30.8%" in text
    assert "held in 0 of 1 period(s)" in text
    assert "band: Unsatisfactory" in text
    frame = explain(sc).frame
    assert frame["level"].tolist().count("kpi") == 3
    assert frame.loc[frame["level"] == "overall", "achievement"].iloc[0] == pytest.approx(
        score(sc).score
    )
    only = explain(sc, kpi_or_kra="time-to-hire")
    assert "candidate-nps" not in str(only)
    with pytest.raises(InputError, match="neither a KPI nor a KRA"):
        explain(sc, kpi_or_kra="nope")


def test_team_with_different_scorecards() -> None:
    sales = card({"id": "rev", "unit": "INR", "target": 100})
    support = card({"id": "csat", "unit": "%", "target": 90}, {"id": "rev", "target": 10})
    frame = pd.DataFrame(
        {
            "person": ["ann", "bob", "bob"],
            "kpi": ["rev", "csat", "rev"],
            "period": ["2026-01"] * 3,
            "value": [80.0, 90.0, 5.0],
        }
    )
    result = score({"ann": sales, "bob": support}, frame)
    overall = result.overall.set_index("person")["score"]
    assert overall["ann"] == pytest.approx(80.0)
    assert overall["bob"] == pytest.approx((100 + 50) / 2)  # same KPI id, bob's own target
    with pytest.raises(InputError, match="'csat' is not in ann's scorecard"):
        score({"ann": sales, "bob": support}, frame.assign(person=["ann", "ann", "bob"]))
    with pytest.raises(InputError, match="several people"):
        score(sales, frame)
    assert "3 people" not in str(result) and "ann: overall 80.0%" in str(result)


def test_lazy_period_table_matches_totals() -> None:
    kpi = {"id": "rev", "unit": "INR", "target": 100, "frequency": "monthly"}
    actuals = [krakit.Actual(kpi="rev", period=f"2026-{m:02d}", value=50.0 * m) for m in (1, 2)]
    result = score(card(kpi), actuals)
    assert result.totals["actual"].iloc[0] == 150
    assert result.kpis["achievement"].tolist() == [50.0, 100.0]
    assert result.kpis is result.kpis  # built once


def test_fiscal_year_labels_and_roll_ups() -> None:
    kpi = {"id": "rev", "unit": "INR", "target": 100, "frequency": "monthly"}
    months = {"2026-03": 100, "2026-04": 110, "2026-05": 90, "2027-03": 100}
    actuals = [krakit.Actual(kpi="rev", period=p, value=v) for p, v in months.items()]
    fiscal = ScoringConfig(fiscal_year_start=4)
    years = score(card(kpi), actuals, by="year", config=fiscal).kpis
    assert years["period"].astype(str).tolist() == ["FY2025-26", "FY2026-27"]
    assert years["actual"].tolist() == [100, 300]
    quarters = score(card(kpi), actuals, by="quarter", config=fiscal).kpis
    assert quarters["period"].astype(str).tolist() == [
        "FY2025-26 Q4",
        "FY2026-27 Q1",
        "FY2026-27 Q4",
    ]
    calendar = score(card(kpi), actuals, by="year").kpis
    assert calendar["period"].astype(str).tolist() == ["2026", "2027"]
    # FY labels in the actuals switch fiscal years on (April) without any setting
    entered = [
        krakit.Actual(kpi="rev", period="Q1 FY2026-27", value=330),
        krakit.Actual(kpi="rev", period="FY2026-27 Q2", value=270),
    ]
    auto = score(card(kpi), entered, by="year")
    assert auto.kpis["period"].astype(str).tolist() == ["FY2026-27"]
    assert auto.kpis["target"].iloc[0] == 600  # 6 months of a monthly ₹100 target
    assert auto.totals["achievement"].iloc[0] == pytest.approx(100.0)


def test_readable_totals_speak_the_kpis_units() -> None:
    sc = krakit.Scorecard(
        role={"title": "Store lead"},
        kras=[
            {
                "title": "Sales",
                "weight": 100,
                "kpis": [
                    {
                        "id": "rev",
                        "metric": "Revenue",
                        "unit": "INR",
                        "target": 1_000_000,
                        "weight": 60,
                    },
                    {"id": "csat", "metric": "CSAT", "unit": "%", "target": 90, "weight": 40},
                ],
            }
        ],
        actuals=[{"kpi": "rev", "period": "2026-01", "value": 1_250_000}],
    )
    table = score(sc).readable().set_index("metric")
    assert table.loc["Revenue", "actual"] == "₹12,50,000"
    assert table.loc["Revenue", "target"] == "₹10,00,000"
    assert table.loc["Revenue", "achievement"] == "120.0%"  # capped
    assert table.loc["CSAT", "target"] == "90%"
    assert table.loc["CSAT", "actual"] == "—"  # no actual yet: a dash, never a zero
    assert "unit" not in table.columns
    assert set(table["kra"]) == {"Sales"}  # the KRA's title, not its id
    assert all(isinstance(v, str) for v in table.to_numpy().ravel())


def test_progress_rolls_up_to_where_the_metric_stands_now() -> None:
    kpi = {
        "id": "tth",
        "metric": "Time to hire",
        "unit": "days",
        "polarity": "lower_is_better",
        "target_type": "progress",
        "baseline": 45,
        "target": 30,
    }
    sc = krakit.Scorecard(
        role={"title": "Recruiter"},
        kras=[{"title": "Recruitment", "kpis": [kpi]}],
        actuals=[
            {"kpi": "tth", "period": "2026-01", "value": 44},
            {"kpi": "tth", "period": "2026-02", "value": 38},
            {"kpi": "tth", "period": "2026-03", "value": 33},
        ],
    )
    assert aggregation_of(sc.kpi("tth")).value == "last"
    row = score(sc, by="quarter").kpis.iloc[0]
    assert row["actual"] == 33  # March, not the quarter's mean of 38.3
    assert row["achievement"] == pytest.approx(80.0)  # 12 of the 15 days travelled
    # without a baseline it is scored as a ratio, and a duration averages as before
    del kpi["baseline"]
    assert aggregation_of(krakit.KPI(**kpi)).value == "mean"
