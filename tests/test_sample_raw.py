"""The sample team's raw tables (krakit.sample_raw) and templates/sample/metrics.yaml.

The committed Parquet files are what the generator writes, and the definitions in
metrics.yaml, computed over them, give back templates/sample/team_actuals.csv value for value.
"""

from __future__ import annotations

import duckdb
import numpy as np
import pandas as pd
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from krakit.library import templates_dir
from krakit.sample import SEED
from krakit.sample_raw import TABLES, raw_paths, raw_tables, write_raw
from krakit.sample_raw.exact import _share, _whole_sum

METRICS = templates_dir() / "sample" / "metrics.yaml"


@pytest.fixture(scope="module")
def tables() -> dict[str, pd.DataFrame]:
    return raw_tables()


@pytest.fixture(scope="module")
def team_actuals() -> pd.DataFrame:
    return pd.read_csv(templates_dir() / "sample" / "team_actuals.csv")


def _read(path) -> pd.DataFrame:
    with duckdb.connect() as con:
        return con.execute("SELECT * FROM read_parquet(?)", [str(path)]).df()


def test_committed_tables_match_the_generator(tables) -> None:
    for name, path in raw_paths().items():
        stored = _read(path)
        made = tables[name]
        assert list(stored.columns) == list(made.columns), name
        for column in made.columns:
            if pd.api.types.is_datetime64_any_dtype(made[column]):
                days = "datetime64[s]"
                assert stored[column].astype(days).equals(made[column].astype(days)), column
            else:
                assert stored[column].tolist() == made[column].tolist(), (name, column)


def test_write_raw_writes_every_table(tmp_path, tables) -> None:
    paths = write_raw(tmp_path, tables=tables)
    assert sorted(paths) == sorted(TABLES)
    assert all(p.parent == tmp_path and p.stat().st_size > 0 for p in paths.values())


def test_the_repository_copy_stays_small() -> None:
    assert sum(p.stat().st_size for p in raw_paths().values()) < 2_000_000


def test_same_seed_same_rows_other_seed_other_rows(tables) -> None:
    other = raw_tables(SEED + 1)
    assert not other["orders"]["order_value"].equals(tables["orders"]["order_value"])


def test_definition_changes_move_numbers(tables) -> None:
    """The edge rows are there so that the notebook's definition changes show something."""
    reqs = tables["requisitions"]
    assert {"internal_transfer", "external"} <= set(reqs["hire_type"])
    assert reqs["filled_on"].isna().any()  # open requisitions
    assert (tables["orders"]["status"] == "cancelled").any()
    days = (reqs["filled_on"] - reqs["approved_on"]).dt.days
    assert days.median() != days.mean()


# -- a reference: DuckDB evaluates each row's expression; pandas does the rest --------------


def _period(times: pd.Series, quarterly: bool) -> pd.Series:
    periods = times.dt.to_period("Q" if quarterly else "M").astype(str)
    return periods.str.replace("Q", "-Q") if quarterly else periods


def _measure(con, measure: dict, quarterly: bool) -> pd.Series:
    expr = measure.get("expr") or "1"
    where = f"WHERE {measure['filter']}" if measure.get("filter") else ""
    rows = con.execute(
        f"SELECT {measure['person']} AS person, {measure['time']} AS t, {expr} AS x "
        f"FROM {measure['source']} {where}"
    ).df()
    rows["period"] = _period(pd.to_datetime(rows["t"]), quarterly)
    groups = rows.groupby(["person", "period"])["x"]
    how = {"count": "size", "sum": "sum", "average": "mean", "count_distinct": "nunique"}
    return getattr(groups, how[measure["agg"]])().astype(float)


def reference_actuals(metrics: dict, kpi_periods: dict[str, bool]) -> pd.DataFrame:
    """person, kpi, period, value of each sample metric, computed without krakit.metrics."""
    frames = []
    with duckdb.connect() as con:
        for name, path in raw_paths().items():
            con.execute(f"CREATE VIEW {name} AS SELECT * FROM read_parquet('{path}')")
        for kpi, definition in metrics.items():
            quarterly = kpi_periods[kpi]
            if "ratio" in definition:
                top = _measure(con, definition["ratio"]["numerator"], quarterly)
                bottom = _measure(con, definition["ratio"]["denominator"], quarterly)
                value = top * definition.get("scale", 1) / bottom
            else:
                value = _measure(con, definition, quarterly)
            frames.append(value.rename("value").reset_index().assign(kpi=kpi))
    return pd.concat(frames, ignore_index=True)


def test_metrics_cover_every_sample_kpi(team_actuals) -> None:
    metrics = yaml.safe_load(METRICS.read_text(encoding="utf-8"))["metrics"]
    assert set(metrics) == set(team_actuals["kpi"])


def test_reference_reproduces_the_sample_actuals_exactly(team_actuals) -> None:
    metrics = yaml.safe_load(METRICS.read_text(encoding="utf-8"))["metrics"]
    quarterly = team_actuals.groupby("kpi")["period"].agg(lambda p: p.str.contains("Q").any())
    got = reference_actuals(metrics, quarterly.to_dict())
    both = team_actuals.merge(got, on=["person", "kpi", "period"], how="outer", indicator=True)
    assert (both["_merge"] == "both").all(), both[both["_merge"] != "both"].head()
    unequal = both[both["value_x"] != both["value_y"]]
    assert unequal.empty, unequal.head()


def test_compute_actuals_reproduces_the_sample_actuals_exactly(team_actuals) -> None:
    from krakit.metrics import compute_actuals
    from krakit.sample_raw import metrics_path, sample_cards

    got = compute_actuals(sample_cards(), raw_paths(), metrics_path())
    both = team_actuals.merge(got, on=["person", "kpi", "period"], how="outer", indicator=True)
    assert (both["_merge"] == "both").all(), both[both["_merge"] != "both"].head()
    unequal = both[both["value_x"] != both["value_y"]]
    assert unequal.empty, unequal[["person", "kpi", "period", "value_x", "value_y"]].head()
    assert both.groupby("kpi")["definition_version"].nunique().eq(1).all()


@settings(max_examples=200, deadline=None)
@given(
    tenths=st.integers(0, 1000),
    scale=st.sampled_from([100, 1200]),
    at_least=st.integers(1, 500),
)
def test_a_share_is_exact_in_floating_point(tenths, scale, at_least) -> None:
    value = tenths / 10
    k, n = _share(value, scale=scale, at_least=at_least)
    assert n >= at_least and 0 <= k <= n * max(1, value / scale)
    assert k * scale / n == value


@settings(max_examples=200, deadline=None)
@given(
    n=st.integers(1, 60),
    low=st.integers(0, 50),
    width=st.integers(0, 100),
    pick=st.floats(0, 1),
    seed=st.integers(0, 2**32 - 1),
)
def test_whole_numbers_add_up_exactly_within_bounds(n, low, width, pick, seed) -> None:
    high = low + width
    total = round(n * low + pick * n * width)
    rng = np.random.default_rng(seed)
    values = _whole_sum(rng, rng.normal(low + width / 2, width + 1, n), total, low, high)
    assert int(values.sum()) == total and values.min() >= low and values.max() <= high


def test_impossible_sums_are_refused() -> None:
    with pytest.raises(ValueError, match="cannot add up"):
        _whole_sum(np.random.default_rng(0), np.zeros(3), 40, 0, 10)
