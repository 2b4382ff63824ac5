"""Computed actuals equal a pandas reference, on generated tables and on files."""

from __future__ import annotations

import datetime as dt

import duckdb
import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import krakit
from krakit.errors import InputError
from krakit.metrics.compile import definition_query
from krakit.metrics.compute import compute_actuals
from krakit.model import Scorecard

AGGS = {
    "count": lambda s: float(s.count()),
    "count_distinct": lambda s: float(s.nunique()),
    "sum": lambda s: s.sum(min_count=1),
    "average": lambda s: s.mean(),
    "median": lambda s: s.median(),
    "percentile": lambda s: s.quantile(0.9),
    "min": lambda s: s.min(),
    "max": lambda s: s.max(),
}
PEOPLE = ["ana", "ben", "chen"]


def _card(definition: dict, frequency: str = "monthly", **extra: object) -> Scorecard:
    kpi = {"id": "measure", "metric": "Value", "frequency": frequency, "definition": definition}
    return Scorecard.model_validate(
        {"role": {"title": "Analyst"}, "kras": [{"title": "Work", "kpis": [kpi]}], **extra}
    )


def _definition(agg: str, **more: object) -> dict:
    out: dict = {"source": "events", "agg": agg, "time": "at", "person": "who", **more}
    if agg != "count":
        out.setdefault("expr", "x")
    if agg == "percentile":
        out["p"] = 0.9
    return out


rows = st.lists(
    st.tuples(
        st.sampled_from([*PEOPLE, None, "someone-else"]),  # NULL and unknown people
        st.one_of(st.none(), st.dates(dt.date(2025, 11, 1), dt.date(2026, 6, 30))),
        st.one_of(st.none(), st.integers(-3, 3).map(float)),  # small ints: ties for the median
        st.booleans(),
    ),
    max_size=60,
)


def _frame(data: list[tuple]) -> pd.DataFrame:
    who, at, x, keep = zip(*data, strict=True) if data else ([], [], [], [])
    return pd.DataFrame(
        {
            "who": pd.Series(who, dtype="string"),
            "at": pd.to_datetime(pd.Series(at, dtype="object")),
            "x": pd.Series(x, dtype="float64"),
            "keep": pd.Series(keep, dtype="bool"),
        }
    )


def _reference(frame: pd.DataFrame, agg: str, grain: str, filtered: bool) -> pd.DataFrame:
    rows = frame[frame["at"].notna() & frame["who"].isin(PEOPLE)]
    if filtered:
        rows = rows[rows["keep"]]
    freq = {"monthly": "M", "quarterly": "Q", "annual": "Y"}[grain]
    period = rows["at"].dt.to_period(freq).astype(str).str.replace("Q", "-Q")
    out = (
        rows.assign(period=period)
        .groupby(["who", "period"])["x" if agg != "count" else "keep"]
        .agg(AGGS[agg])
        .dropna()
        .reset_index()
    )
    out.columns = ["person", "period", "value"]
    return out.sort_values(["person", "period"], ignore_index=True)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    data=rows,
    agg=st.sampled_from(sorted(AGGS)),
    grain=st.sampled_from(["monthly", "quarterly"]),
    filtered=st.booleans(),
)
def test_actuals_equal_a_pandas_reference(
    data: list[tuple], agg: str, grain: str, filtered: bool
) -> None:
    frame = _frame(data)
    card = _card(_definition(agg, **({"filter": "keep"} if filtered else {})), grain)
    got = compute_actuals(dict.fromkeys(PEOPLE, card), {"events": frame})
    want = _reference(frame, agg, grain, filtered)
    assert list(got.columns) == ["person", "kpi", "period", "value", "definition_version"]
    assert set(got["kpi"]) <= {"measure"}
    _same(got, want)


def _same(got: pd.DataFrame, want: pd.DataFrame) -> None:
    """Computed actuals hold the reference's person, period and value (to 1e-9)."""
    pd.testing.assert_frame_equal(
        got[["person", "period", "value"]].reset_index(drop=True),
        want,
        check_dtype=False,
        check_exact=False,
        rtol=1e-9,
    )


def test_a_quarter_is_recomputed_from_rows_not_from_monthly_medians() -> None:
    at = pd.to_datetime(["2026-01-05", "2026-01-06", "2026-01-07", "2026-02-01", "2026-03-01"])
    frame = pd.DataFrame({"who": ["ana"] * 5, "at": at, "x": [1.0, 2.0, 30.0, 4.0, 5.0]})
    card = _card(_definition("median"))
    monthly = compute_actuals({"ana": card}, {"events": frame})
    quarterly = compute_actuals({"ana": card}, {"events": frame}, grain="quarterly")
    assert monthly["value"].tolist() == [2.0, 4.0, 5.0]
    assert quarterly[["period", "value"]].values.tolist() == [["2026-Q1", 4.0]]  # not 3.67


def test_a_ratio_counts_zero_where_the_numerator_has_no_rows() -> None:
    frame = pd.DataFrame(
        {
            "who": ["ana", "ana", "ana", "ben", "ben"],
            "at": pd.to_datetime(
                ["2026-01-02", "2026-01-09", "2026-02-03", "2026-01-04", "2026-01-05"]
            ),
            "status": ["accepted", "declined", "declined", "accepted", "accepted"],
        }
    )
    made = {"source": "offers", "agg": "count", "time": "at", "person": "who"}
    ratio = {"numerator": {**made, "filter": "status = 'accepted'"}, "denominator": made}
    card = _card({"ratio": ratio, "scale": 100})
    got = compute_actuals(dict.fromkeys(["ana", "ben"], card), {"offers": frame})
    assert got[["person", "period", "value"]].values.tolist() == [
        ["ana", "2026-01", 50.0],
        ["ana", "2026-02", 0.0],
        ["ben", "2026-01", 100.0],
    ]


def test_csv_and_parquet_sources_give_what_a_frame_gives(tmp_path) -> None:
    frame = pd.DataFrame(
        {
            "who": ["ana", "ben", "ana"],
            "at": pd.to_datetime(["2026-04-02", "2026-04-30", "2026-05-01"]),
            "x": [10.0, 20.0, np.nan],
        }
    )
    frame.to_csv(tmp_path / "events.csv", index=False)
    duckdb.from_df(frame).write_parquet(str(tmp_path / "events.parquet"))
    card = _card(_definition("sum"))
    people = dict.fromkeys(["ana", "ben"], card)
    base = compute_actuals(people, {"events": frame})
    for path in (tmp_path / "events.csv", str(tmp_path / "events.parquet")):
        pd.testing.assert_frame_equal(compute_actuals(people, {"events": path}), base)
    assert base["value"].tolist() == [10.0, 20.0]  # May's only row is NULL: no actual
    parts = tmp_path / "parts"
    parts.mkdir()
    duckdb.from_df(frame.iloc[:2]).write_parquet(str(parts / "a.parquet"))
    duckdb.from_df(frame.iloc[2:]).write_parquet(str(parts / "b.parquet"))
    pd.testing.assert_frame_equal(compute_actuals(people, {"events": parts / "*.parquet"}), base)
    with pytest.raises(InputError, match="no file matches"):
        compute_actuals(people, {"events": parts / "*.csv"})


def test_fiscal_quarters_weeks_and_days_get_canonical_labels() -> None:
    frame = pd.DataFrame({"who": ["ana"], "at": pd.to_datetime(["2026-02-11"]), "x": [1.0]})
    fiscal = _card(_definition("sum"), "quarterly", scoring={"fiscal_year_start": 4})
    annual = _card(_definition("sum"), "annual", scoring={"fiscal_year_start": 4})
    labels = [
        compute_actuals({"ana": card}, {"events": frame})["period"].item()
        for card in (fiscal, annual, _card(_definition("sum"), "weekly"),
                     _card(_definition("sum"), "daily"))
    ]  # fmt: skip
    assert labels == ["FY2025-26 Q4", "FY2025-26", "2026-W07", "2026-02-11"]


def test_computed_actuals_score_end_to_end() -> None:
    frame = pd.DataFrame(
        {"who": ["ana", "ana", "ben"], "at": pd.to_datetime(["2026-01-03"] * 3), "x": [3, 4, 9]}
    )
    card = _card(_definition("sum"))
    card.kras[0].kpis[0].target = 10
    people = dict.fromkeys(["ana", "ben"], card)
    actuals = compute_actuals(people, {"events": frame})
    scored = krakit.score(people, actuals)
    assert scored is not None


def test_a_single_card_takes_its_holders_rows_or_all_rows() -> None:
    frame = pd.DataFrame(
        {"who": ["ana", "ben"], "at": pd.to_datetime(["2026-01-03"] * 2), "x": [1.0, 5.0]}
    )
    held = _card(_definition("sum"), holder="ben")
    assert compute_actuals(held, {"events": frame})[["person", "value"]].values.tolist() == [
        ["ben", 5.0]
    ]
    nobody = _card(_definition("sum"))
    assert compute_actuals(nobody, {"events": frame})["value"].tolist() == [6.0]


def test_a_blank_start_gives_an_empty_frame_with_the_columns() -> None:
    card = Scorecard.model_validate({"role": {"title": "New"}})
    got = compute_actuals(card, {})
    assert got.empty and list(got.columns) == ["person", "kpi", "period", "value",
                                               "definition_version"]  # fmt: skip


@pytest.mark.parametrize(
    ("definition", "data", "words"),
    [
        (_definition("sum"), {}, "reads source 'events', which the data does not name"),
        (_definition("sum", expr="salary"), None, "'salary' is not a column of the source"),
        ({**_definition("sum"), "person": "owner"}, None, "has no column 'owner'"),
        ({**_definition("sum"), "time": "when"}, None, "has no column 'when'"),
        ({k: v for k, v in _definition("sum").items() if k != "time"}, None, "no 'time'"),
        ({k: v for k, v in _definition("sum").items() if k != "person"}, None, "no 'person'"),
        (_definition("sum", expr="who"), None, "row 1: column 'who' holds 'ana', which is not a"),
        (_definition("sum", expr="at"), None, "DuckDB cannot compute"),
        ({"ref": "revenue"}, None, "give the metrics.yaml"),
        ({"ratio": {"numerator": _definition("count")}}, None, "no denominator"),
        (_definition("sum"), {"events": "missing.parquet"}, "no such file"),
        (_definition("sum"), {"events": "events.xlsx"}, "cannot tell the format"),
    ],
)
def test_mistakes_are_named(definition: dict, data: dict | None, words: str) -> None:
    frame = pd.DataFrame({"who": ["ana"], "at": pd.to_datetime(["2026-01-03"]), "x": [1.0]})
    with pytest.raises(InputError) as err:
        compute_actuals({"ana": _card(definition)}, {"events": frame} if data is None else data)
    assert words in str(err.value)
    assert "measure" in str(err.value) or "events" in str(err.value)


def test_a_ref_is_read_from_the_metrics_library(tmp_path) -> None:
    (tmp_path / "metrics.yaml").write_text(
        "schema_version: 1\nmetrics:\n  total:\n    source: events\n    agg: sum\n"
        "    expr: x\n    time: at\n    person: who\n"
    )
    frame = pd.DataFrame({"who": ["ana"], "at": pd.to_datetime(["2026-01-03"]), "x": [2.5]})
    card = _card({"ref": "total"})
    got = compute_actuals({"ana": card}, {"events": frame}, tmp_path / "metrics.yaml")
    assert got["value"].tolist() == [2.5]
    with pytest.raises(InputError, match="does not define"):
        compute_actuals(
            {"ana": _card({"ref": "other"})}, {"events": frame}, tmp_path / "metrics.yaml"
        )


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    data=rows,
    picks=st.lists(
        st.tuples(st.sampled_from(sorted(AGGS)), st.sampled_from([None, "keep", "x > 0"])),
        min_size=2,
        max_size=5,
    ),
)
def test_kpis_sharing_one_scan_equal_each_computed_alone(
    data: list[tuple], picks: list[tuple[str, str | None]]
) -> None:
    frame = _frame(data)
    kpis = []
    for i, (agg, where) in enumerate(picks):
        definition = _definition(agg, **({"filter": where} if where else {}))
        kpis.append({"id": f"k{i}", "metric": f"K{i}", "definition": definition})
    shared = {"source": "events", "agg": "count", "time": "at", "person": "who"}
    ratio = {
        "numerator": {**shared, "filter": "keep"},
        "denominator": {**shared, "filter": "x > 0"},
    }
    kpis.append({"id": "share", "metric": "Share", "definition": {"ratio": ratio, "scale": 100}})
    together = Scorecard.model_validate(
        {"role": {"title": "A"}, "kras": [{"title": "W", "kpis": kpis}]}
    )
    got = compute_actuals(dict.fromkeys(PEOPLE, together), {"events": frame})
    con = duckdb.connect()
    con.register("events", frame)
    for kpi in together.all_kpis():  # each alone, as the SQL `krakit sql` prints for it
        query = definition_query(kpi.definition, kpi=kpi.id, grain="monthly")
        alone = con.execute(query.sql(dialect="duckdb")).fetch_df()
        alone = alone[alone["value"].notna() & alone["person"].isin(PEOPLE)]
        want = sorted(zip(alone["person"], alone["period_start"].dt.strftime("%Y-%m"),
                          alone["value"], strict=True))  # fmt: skip
        mine = got[got["kpi"] == kpi.id]
        assert [(p, m) for p, m, _ in want] == list(
            zip(mine["person"], mine["period"], strict=True)
        )
        assert np.allclose([v for *_, v in want], mine["value"], rtol=1e-12)
