"""Every dialect × every agg: the SQL `krakit sql` prints is valid there and means the same."""

from __future__ import annotations

import duckdb
import numpy as np
import pandas as pd
import pytest
import sqlglot
from sqlglot import exp

from krakit.metrics.compile import DIALECTS, measure_sql
from krakit.metrics.definition import Agg, Definition

MEASURE = {"source": "events", "time": "at", "person": "who"}


def _definition(agg: str, ratio: bool = False) -> Definition:
    measure = dict(MEASURE, agg=agg, filter="x > -2")
    if agg != "count":
        measure["expr"] = "x"
    if agg == "percentile":
        measure["p"] = 0.9
    if ratio:
        made = dict(MEASURE, agg="count")
        return Definition.model_validate({"ratio": {"numerator": measure, "denominator": made}})
    return Definition.model_validate({**measure, "scale": 2})


def _events() -> pd.DataFrame:
    rng = np.random.default_rng(7)
    n = 300
    x = rng.integers(-3, 9, n).astype(float)  # small ints: ties for the median
    x[rng.random(n) < 0.1] = np.nan
    return pd.DataFrame(
        {
            "who": rng.choice(["ana", "ben", "chen"], n),
            "at": pd.to_datetime("2026-01-01") + pd.to_timedelta(rng.integers(0, 180, n), "D"),
            "x": x,
        }
    )


def _run(sql: str, events: pd.DataFrame) -> list[tuple]:
    con = duckdb.connect()
    con.register("events", events)
    rows = con.execute(sql).fetchall()
    return sorted((str(p), str(d)[:10], None if v is None else round(v, 9)) for p, d, v in rows)


def _in_duckdb(tree: exp.Expression) -> str:
    """The query in DuckDB; Spark's PERCENTILE interpolates, as DuckDB's QUANTILE_CONT does
    (sqlglot writes it as QUANTILE, which is DuckDB's discrete one)."""

    def cont(node: exp.Expression) -> exp.Expression:
        if isinstance(node, exp.Quantile):
            return exp.PercentileCont(this=node.this, expression=node.args["quantile"])
        return node

    return tree.transform(cont).sql(dialect="duckdb")


@pytest.mark.parametrize(
    ("grain", "fiscal", "groups"),
    [("monthly", 1, 18), ("annual", 4, 6)],  # 3 people × 6 months; × 2 fiscal years
    ids=["monthly", "fiscal-year"],
)
@pytest.mark.parametrize("ratio", [False, True], ids=["measure", "ratio"])
@pytest.mark.parametrize("agg", [a.value for a in Agg])
@pytest.mark.parametrize("dialect", DIALECTS)
def test_each_dialects_sql_parses_back_and_computes_the_same(
    dialect: str, agg: str, ratio: bool, grain: str, fiscal: int, groups: int
) -> None:
    definition = _definition(agg, ratio)
    at = {"kpi": "k", "grain": grain, "fiscal_start": fiscal}
    sql = measure_sql(definition, dialect=dialect, **at)
    tree = sqlglot.parse_one(sql, read=dialect)  # it reads back in its own dialect
    assert sqlglot.parse_one(tree.sql(dialect=dialect), read=dialect) == tree  # stable
    if dialect in ("spark", "bigquery"):
        assert tree.find(exp.Median) is None  # no MEDIAN aggregate there (Spark < 3.4)
    if dialect == "spark":
        assert "PERCENTILE_CONT" not in sql
    if dialect == "bigquery":  # PERCENTILE_CONT is analytic only in BigQuery
        for node in tree.find_all(exp.PercentileCont):
            assert isinstance(node.parent, exp.Window), sql
    if agg in ("median", "percentile"):
        assert tree.find(exp.Median, exp.PercentileCont, exp.Quantile) is not None
    # and it means what DuckDB computes: transpiled back to DuckDB, the same rows
    events = _events()
    want = _run(measure_sql(definition, **at), events)
    got = _run(_in_duckdb(tree), events)
    assert got == want and len(want) == groups


def test_bigquery_median_is_exact_over_each_persons_month() -> None:
    events = pd.DataFrame(
        {
            "who": ["ana"] * 4 + ["ben"],
            "at": pd.to_datetime(
                ["2026-01-02", "2026-01-03", "2026-01-04", "2026-02-01", "2026-01-09"]
            ),
            "x": [1.0, 2.0, 10.0, None, 7.0],
        }
    )
    median = Definition.model_validate(dict(MEASURE, agg="median", expr="x", scale=2))
    sql = measure_sql(median, kpi="k", grain="monthly", dialect="bigquery")
    got = _run(_in_duckdb(sqlglot.parse_one(sql, read="bigquery")), events)
    # February's only row has no x: a NULL median, as the DuckDB query gives (no actual)
    want = [("ana", "2026-01-01", 4.0), ("ana", "2026-02-01", None), ("ben", "2026-01-01", 14.0)]
    assert got == want
