"""A longer period is computed from its rows: scoring never averages monthly medians."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import krakit
from krakit.errors import InputError
from krakit.metrics.compare import compare_definitions
from krakit.metrics.compile import sql_for
from krakit.metrics.compute import compute_actuals
from krakit.model import Scorecard, ScoringConfig
from tests.metrics.test_compute import (
    AGGS,
    PEOPLE,
    _card,
    _definition,
    _frame,
    _reference,
    _same,
    rows,
)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    data=rows,
    agg=st.sampled_from(sorted(AGGS)),
    rollup=st.sampled_from(["quarterly", "annual"]),
    filtered=st.booleans(),
)
def test_a_rollup_equals_a_pandas_reference_over_the_longer_period(
    data: list[tuple], agg: str, rollup: str, filtered: bool
) -> None:
    frame = _frame(data)
    card = _card(_definition(agg, **({"filter": "keep"} if filtered else {})))
    got = compute_actuals(dict.fromkeys(PEOPLE, card), {"events": frame}, rollup=rollup)
    # counts and sums keep their months (they add up); the rest is computed per longer period
    _same(got, _reference(frame, agg, "monthly" if agg in ("count", "sum") else rollup, filtered))


def _team() -> tuple[dict[str, Scorecard], pd.DataFrame]:
    kpis = [
        {"id": "days", "metric": "Time to hire", "unit": "days", "frequency": "monthly",
         "polarity": "lower_is_better", "target": 10, "weight": 50,
         "definition": _definition("median")},
        {"id": "hires", "metric": "Hires", "unit": "count", "frequency": "monthly",
         "target": 2, "weight": 25, "definition": _definition("count")},
        {"id": "share", "metric": "Kept share", "unit": "%", "frequency": "monthly",
         "target": 50, "weight": 25, "definition": {"scale": 100, "ratio": {
             "numerator": _definition("count", filter="keep"),
             "denominator": _definition("count")}}},
    ]  # fmt: skip
    card = Scorecard.model_validate(
        {"role": {"title": "Recruiter"}, "kras": [{"title": "Hiring", "weight": 100, "kpis": kpis}]}
    )
    # January: one slow hire; February: three quick ones (one kept of four in all)
    frame = pd.DataFrame(
        {
            "who": ["ana"] * 4,
            "at": pd.to_datetime(["2026-01-10", "2026-02-02", "2026-02-03", "2026-02-04"]),
            "x": [40.0, 2.0, 4.0, 6.0],
            "keep": [True, False, False, False],
        }
    )
    return {"ana": card}, frame


def test_a_year_scores_the_median_of_its_rows_not_a_mean_of_monthly_medians() -> None:
    team, frame = _team()
    monthly = compute_actuals(team, {"events": frame})
    yearly = compute_actuals(team, {"events": frame}, rollup="annual")
    days = yearly[yearly["kpi"] == "days"]
    assert days[["period", "value"]].values.tolist() == [["2026", 5.0]]  # median of 40, 2, 4, 6
    assert monthly[monthly["kpi"] == "days"]["value"].tolist() == [40.0, 4.0]  # mean: 22
    share = yearly[yearly["kpi"] == "share"]
    assert share["value"].tolist() == [25.0]  # 1 of 4, not the mean of 100 % and 0 %
    hires = yearly[yearly["kpi"] == "hires"]  # a count keeps its months: they add up
    assert hires[["period", "value"]].values.tolist() == [["2026-01", 1.0], ["2026-02", 3.0]]

    totals = krakit.score(team, yearly).totals.set_index("kpi")
    assert totals.loc["days", "actual"] == 5.0 and totals.loc["share", "actual"] == 25.0
    assert totals.loc["hires", "actual"] == 4.0
    wrong = krakit.score(team, monthly).totals.set_index("kpi")
    assert wrong.loc["days", "actual"] == 22.0  # what rolling monthly medians up gives


def test_compare_definitions_scores_the_year_from_its_rows() -> None:
    team, frame = _team()
    mean = _definition("average")
    data = {"events": frame}
    rolled = compare_definitions(team, data, new={"days": mean}, rollup="annual")
    totals = rolled.totals.set_index("kpi")
    assert totals.loc["days", ["actual_old", "actual_new"]].tolist() == [5.0, 13.0]  # the rows'
    plain = compare_definitions(team, data, new={"days": mean})
    assert plain.totals.set_index("kpi").loc["days", "actual_old"] == 22.0  # monthly, averaged
    pd.testing.assert_frame_equal(rolled.kpis, plain.kpis)  # the periods stay the periods


def test_a_kpi_scored_on_its_latest_period_or_per_period_keeps_its_grain() -> None:
    team, frame = _team()
    card = team["ana"].model_copy(deep=True)
    days, _, share = card.all_kpis()
    days.aggregation = "last"  # the latest month's median is the score
    share.target_type = "threshold"  # held or not, month by month
    got = compute_actuals({"ana": card}, {"events": frame}, rollup="annual")
    assert set(got["period"]) == {"2026-01", "2026-02"}


def test_a_rollup_never_computes_finer_than_the_kpi() -> None:
    team, frame = _team()
    card = team["ana"].model_copy(deep=True)
    for kpi in card.all_kpis():
        kpi.frequency = "annual"
    got = compute_actuals({"ana": card}, {"events": frame}, rollup="quarterly")
    assert set(got["period"]) == {"2026"}


def test_a_fiscal_year_rolls_up_to_its_label() -> None:
    team, frame = _team()
    card = team["ana"].model_copy(deep=True)
    card.scoring = ScoringConfig(fiscal_year_start=4)
    got = compute_actuals({"ana": card}, {"events": frame}, rollup="annual")
    assert set(got.loc[got["kpi"] == "days", "period"]) == {"FY2025-26"}


def test_a_card_of_a_fiscal_period_rolls_up_to_its_fiscal_year() -> None:
    team, frame = _team()
    card = team["ana"].model_copy(deep=True, update={"period": "FY2025-26"})  # no scoring
    frame = frame.assign(
        at=pd.to_datetime(["2025-11-10", "2025-12-02", "2026-02-03", "2026-03-04"])
    )
    got = compute_actuals({"ana": card}, {"events": frame}, rollup="annual")
    days = got[got["kpi"] == "days"]  # one year April to March, not calendar 2025 and 2026
    assert days[["period", "value"]].values.tolist() == [["FY2025-26", 5.0]]
    assert krakit.score({"ana": card}, got).totals.set_index("kpi").loc["days", "actual"] == 5.0
    assert '"at" - INTERVAL 3 MONTH' in sql_for(card, grain="annual")["days"]  # April to March
    assert "INTERVAL" not in sql_for(card, grain="quarterly")["days"]  # April's are calendar's
    calendar = card.model_copy(update={"period": "2025"})
    got = compute_actuals({"ana": calendar}, {"events": frame}, rollup="annual")
    assert set(got.loc[got["kpi"] == "days", "period"]) == {"2025", "2026"}


def test_an_unknown_rollup_is_refused_in_words() -> None:
    team, frame = _team()
    with pytest.raises(InputError, match="'yearly' is not a period to roll up to; use one of"):
        compute_actuals(team, {"events": frame}, rollup="yearly")
