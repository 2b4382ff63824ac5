"""The sample team's raw event tables: the rows its actuals are computed from.

:mod:`krakit.sample` gives the sample team finished actuals (``team_actuals.csv``). This module
generates, from a seed, the raw tables an analyst would start from instead: orders, invoices,
enquiries, requisitions, offers, tickets and the rest, one Parquet file each in
``templates/sample/raw/``. ``templates/sample/metrics.yaml`` defines every sample KPI over
them, and computing those definitions gives back ``team_actuals.csv`` value for value (a test
keeps the three in step; ``python -m krakit.sample_raw`` rewrites the Parquet files).

Each (person, KPI, period) value is reached exactly, not approximately: an average of whole
numbers is given ``n`` rows whose sum is ``n × value``; a share in % is given ``n`` rows of
which ``k`` count, with ``k / n × 100`` equal to the value in floating point. Shares with one
decimal (78.3 %) need up to 1,000 rows in a period, so some volumes are larger than a real team
of this size would see; the spreads, skews and edge rows (cancelled orders, internal transfers,
open requisitions) are there so that changing a definition moves the numbers.

Examples
--------
>>> tables = raw_tables()
>>> sorted(tables)[:3]
['candidates', 'employees', 'enquiries']
>>> int(tables["orders"]["order_value"].min()) > 0
True
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pandas as pd

from krakit.library import template, templates_dir
from krakit.model import Scorecard
from krakit.sample import SEED, sample_team
from krakit.sample_raw.exact import _Rows
from krakit.sample_raw.recipes import _BY_ROLE, _MULTI

__all__ = [
    "TABLES",
    "metrics_path",
    "raw_dir",
    "raw_paths",
    "raw_tables",
    "sample_cards",
    "write_raw",
]

TABLES = (
    "candidates",
    "employees",
    "enquiries",
    "exits",
    "filings",
    "headcount",
    "hires",
    "invoices",
    "offers",
    "onboarding",
    "orders",
    "payroll_runs",
    "requisitions",
    "surveys",
    "tickets",
    "training",
    "training_sessions",
)
"""The raw tables, by name (each is ``templates/sample/raw/<name>.parquet``)."""


def raw_dir() -> Path:
    """The folder of the sample raw tables (``templates/sample/raw``)."""
    return templates_dir() / "sample" / "raw"


def raw_paths(folder: str | Path | None = None) -> dict[str, Path]:
    """Each raw table's Parquet file, by table name: the ``data`` that computing actuals takes.

    Examples
    --------
    >>> paths = raw_paths()
    >>> paths["offers"].name, all(p.exists() for p in paths.values())
    ('offers.parquet', True)
    """
    base = Path(folder) if folder is not None else raw_dir()
    return {name: base / f"{name}.parquet" for name in TABLES}


def metrics_path() -> Path:
    """``templates/sample/metrics.yaml``: the definitions of the sample KPIs, by KPI id."""
    return templates_dir() / "sample" / "metrics.yaml"


def sample_cards(seed: int = SEED) -> dict[str, Scorecard]:
    """Each sample person's scorecard, every KPI defined by ``{ref: <its id>}``.

    The refs name the definitions in :func:`metrics_path`; with :func:`raw_paths` as the data,
    :func:`krakit.compute_actuals` gives the sample team's actuals.

    Examples
    --------
    >>> cards = sample_cards()
    >>> cards["p07"].holder, cards["p07"].kpi("offer-acceptance-rate").definition.ref
    ('Ishaan Rao', 'offer-acceptance-rate')
    """
    from krakit.metrics.definition import Definition

    people = sample_team(seed).people
    cards: dict[str, Scorecard] = {}
    for person, name, role in people[["person", "name", "template"]].itertuples(index=False):
        card = template(role)
        card.holder = name
        card.period = "FY2025-26"
        for kpi in card.all_kpis():
            kpi.definition = Definition(ref=kpi.id)
        cards[person] = card
    return cards


def _values(actuals: pd.DataFrame) -> Iterator[tuple[str, str, dict[str, dict[str, float]]]]:
    for (person, role), rows in actuals.groupby(["person", "template"], sort=True):
        by_kpi: dict[str, dict[str, float]] = {}
        for kpi, period, value in rows[["kpi", "period", "value"]].itertuples(index=False):
            by_kpi.setdefault(kpi, {})[period] = float(value)
        yield str(person), str(role), by_kpi


def raw_tables(seed: int = SEED) -> dict[str, pd.DataFrame]:
    """Generate the raw tables whose computed actuals are the sample team's actuals.

    Parameters
    ----------
    seed
        Seed of the sample team and of the raw rows; the same seed gives the same tables.

    Returns
    -------
    dict[str, pandas.DataFrame]
        One frame per name in :data:`TABLES`, rows in time order per person.
    """
    rng = np.random.default_rng(seed + 1)
    tables: dict[str, _Rows] = {name: {} for name in TABLES}
    for person, role, values in _values(sample_team(seed).actuals):
        for table, recipe in _BY_ROLE.get(role, ()):
            recipe(rng, person, values, tables[table])
        if role in _MULTI:
            _MULTI[role](rng, person, values, tables)
    frames = {}
    for name, rows in tables.items():
        frame = pd.DataFrame(rows)
        date_columns = [c for c in frame.columns if c.endswith(("_on", "_date")) or c == "month"]
        for column in date_columns:
            frame[column] = pd.to_datetime(frame[column])
        frame.insert(0, "id", np.arange(1, len(frame) + 1))
        frames[name] = frame
    return frames


def write_raw(
    folder: str | Path | None = None,
    seed: int = SEED,
    tables: dict[str, pd.DataFrame] | None = None,
) -> dict[str, Path]:
    """Write each raw table as ``<name>.parquet`` (zstd) into ``folder`` and return the paths.

    The default folder is ``templates/sample/raw``; ``tables`` (from :func:`raw_tables`) saves
    generating them again. Dates are written as DATE columns.
    """
    import duckdb

    paths = raw_paths(folder)
    next(iter(paths.values())).parent.mkdir(parents=True, exist_ok=True)
    with duckdb.connect() as con:
        for name, frame in (tables or raw_tables(seed)).items():
            con.register("frame", frame)
            columns = ", ".join(
                f'CAST("{c}" AS DATE) AS "{c}"'
                if pd.api.types.is_datetime64_any_dtype(frame[c])
                else f'"{c}"'
                for c in frame.columns
            )
            target = str(paths[name]).replace("'", "''")
            con.execute(
                f"COPY (SELECT {columns} FROM frame) TO '{target}' "
                "(FORMAT parquet, COMPRESSION zstd)"
            )
            con.unregister("frame")
    return paths
