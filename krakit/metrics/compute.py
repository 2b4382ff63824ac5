"""Compute actuals from raw data with DuckDB, in process: sources in, the actuals frame out.

The frame is the one :func:`krakit.score` takes (``person, kpi, period, value``) plus
``definition_version``: the short hash of the definition each value was computed with
(:func:`~krakit.metrics.definition.definition_version`), so a changed definition shows in the
numbers it made.

How rows become actuals
-----------------------
* A row counts for a person and period when its ``time`` and ``person`` are not NULL and it
  passes the ``filter``; ``agg(expr)`` ignores NULL values of ``expr`` (SQL's rule).
* A person has an actual for a period only when at least one of their rows counts there: an
  empty period has no actual (not a 0), and a period whose value is NULL (a median of NULLs,
  a ratio over 0) has none either. A ratio's numerator counts 0 where it has no rows.
* Periods follow the KPI's frequency (monthly when it has none) unless the definition or the
  call names a ``grain``. Every grain is computed from the rows, never from finer values: the
  quarterly median is the median of the quarter's rows, not a mean of three monthly medians.
* Scoring rolls a KPI's periods up (a mean of its months, a sum). That is right for a count or
  a sum, and wrong for the rest: a year's median is not the mean of twelve monthly medians.
  ``rollup='annual'`` (``krakit actuals --rollup annual``) computes every KPI whose values do
  not add up (a ratio; median, percentile, distinct count, average, min, max) per year from
  the rows, so a score over the year uses the year's own value; counts and sums keep their
  grain (their periods add up, and the per-period table keeps its detail), and so do KPIs
  scored on their latest period (``last``: progress, levels) or per period (thresholds,
  milestones), where a longer period would change what is scored.
"""

from __future__ import annotations

import datetime as dt
import warnings
from collections.abc import Mapping
from dataclasses import dataclass, field
from os import PathLike
from typing import TYPE_CHECKING, Any

import pandas as pd

from krakit.errors import InputError, KrakitWarning
from krakit.metrics.compile import definition_query, fiscal_start_of, grain_of
from krakit.metrics.definition import Definition, Measure, definition_version
from krakit.metrics.library import MetricLibrary, load_metrics
from krakit.metrics.scan import combined_query, shared_scan
from krakit.metrics.sources import Source, Sources

if TYPE_CHECKING:
    from krakit.model import KPI, Scorecard

__all__ = ["COLUMNS", "compute_actuals", "period_labels"]

COLUMNS = ["person", "kpi", "period", "value", "definition_version"]
"""The columns of the frame :func:`compute_actuals` returns."""

_EVERYONE = "\x00everyone"  # the one card of everyone=True: no one's real name
_LEVEL = {"monthly": "month", "quarterly": "quarter", "annual": "year"}
_ORDER = ("daily", "weekly", "monthly", "quarterly", "annual")  # each at least the last


@dataclass
class _Job:
    """One KPI definition to compute, and the people whose scorecards carry it."""

    kpi: str
    definition: Definition
    version: str
    grain: str
    fiscal_start: int
    by_person: bool
    people: set[str] = field(default_factory=set)


def period_labels(starts: pd.Series, grain: str, fiscal_start: int = 1) -> pd.Series:
    """Each period's first day as krakit's canonical label at ``grain``.

    Examples
    --------
    >>> s = pd.Series(pd.to_datetime(["2026-04-01", "2026-01-01"]))
    >>> period_labels(s, "quarterly").tolist(), period_labels(s, "quarterly", 4).tolist()
    (['2026-Q2', '2026-Q1'], ['FY2026-27 Q1', 'FY2025-26 Q4'])
    >>> period_labels(s, "weekly").tolist(), period_labels(s, "daily").tolist()
    (['2026-W14', '2026-W01'], ['2026-04-01', '2026-01-01'])
    """
    from krakit.periods import label

    def one(day: dt.date) -> str:
        if grain == "daily":
            return day.isoformat()
        if grain == "weekly":
            year, week, _ = day.isocalendar()
            return f"{year}-W{week:02d}"
        return label(day.year * 12 + day.month - 1, _LEVEL[grain], fiscal_start)

    unique = pd.unique(starts)
    names = {start: one(pd.Timestamp(start).date()) for start in unique}
    return starts.map(names)


def _cards(
    cards: Scorecard | Mapping[str, Scorecard], everyone: bool
) -> tuple[dict[str, Scorecard], bool]:
    from krakit.model import Scorecard

    if isinstance(cards, Scorecard):
        if everyone:
            return {_EVERYONE: cards}, True
        return {cards.holder or "": cards}, False
    if everyone:
        raise TypeError("everyone=True takes one Scorecard, not a mapping of people")
    if isinstance(cards, Mapping):
        return {str(person): card for person, card in cards.items()}, True
    raise TypeError(f"expected a Scorecard or a mapping person -> Scorecard, got {cards!r}")


def _rolled(kpi: KPI, definition: Definition, grain: str, rollup: str | None) -> str:
    """The grain to compute at: ``rollup`` when it is longer than ``grain`` (never a shorter
    period than the KPI's) and scoring would otherwise roll the KPI's periods' values up into
    a wrong one: a definition whose values do not add up, on a KPI scored on its rolled-up
    value by a sum or mean. A KPI scored on its latest period (``last``) or per period
    (thresholds, milestones) keeps its grain."""
    if rollup is None or definition.additive:
        return grain
    from krakit.model import Aggregation
    from krakit.scoring.definitions import aggregation_of, scored_type
    from krakit.scoring.targets import TARGET_TYPES, RollUp

    if TARGET_TYPES[scored_type(kpi)[0]].rollup is not RollUp.VALUE:
        return grain
    if aggregation_of(kpi) is Aggregation.LAST:
        return grain
    return max(grain, rollup, key=_ORDER.index)


def _jobs(
    people: Mapping[str, Scorecard],
    team: bool,
    library: MetricLibrary,
    grain: str | None,
    rollup: str | None = None,
) -> list[_Job]:
    jobs: dict[tuple[str, str, str, int, bool], _Job] = {}
    for person, card in people.items():
        for kpi in card.all_kpis():
            if kpi.definition is None:
                continue
            definition = library.resolve(kpi.definition, kpi=kpi.id)
            measures = definition.measures()
            by_person = team or (bool(person) and all(m.person for m in measures))
            at = _rolled(kpi, definition, grain_of(kpi, definition, grain), rollup)
            fiscal = fiscal_start_of(card, at)  # an FY2026-27 card's year: April to March
            key = (kpi.id, definition_version(definition), at, fiscal, by_person)
            job = jobs.get(key)
            if job is None:
                job = jobs[key] = _Job(kpi.id, definition, key[1], key[2], fiscal, by_person)
            job.people.add(person)
    return list(jobs.values())


def compute_actuals(
    cards: Scorecard | Mapping[str, Scorecard],
    data: Mapping[str, Source],
    metrics: MetricLibrary | str | PathLike[str] | Mapping[str, Any] | None = None,
    *,
    grain: str | None = None,
    rollup: str | None = None,
    everyone: bool = False,
    duckdb_config: Mapping[str, Any] | None = None,
) -> pd.DataFrame:
    """Compute every defined KPI's actuals from raw data, per person and period.

    Parameters
    ----------
    cards
        One scorecard (its ``holder`` is the person; with no holder every row is its own) or
        a mapping person -> scorecard (a team: each definition needs a ``person`` column,
        and rows of people not in the mapping are left out).
    data
        Source name -> a CSV or Parquet path (a pattern such as ``events/*.parquet`` reads
        every file it matches), or a pandas DataFrame.
    metrics
        The metrics.yaml (path, data or :class:`MetricLibrary`) that ``ref`` definitions name.
    grain
        Compute every KPI at this grain (``'quarterly'``...) instead of its frequency: the
        roll-up, recomputed from the rows.
    rollup
        The longer period the actuals will be scored over (``'annual'``, ``'quarterly'``):
        each KPI whose values do not add up over periods (a ratio; median, percentile,
        distinct count, average, min, max) and is scored on its rolled-up value by a mean or
        sum is computed per such period from the rows, so scoring never averages its shorter
        periods' values; counts, sums, ``last`` KPIs and thresholds keep their grain.
    everyone
        With one scorecard: it is every person's the data names (each definition's
        ``person`` column), as ``dict.fromkeys(people, card)`` would say.
    duckdb_config
        DuckDB settings for the connection (``{"memory_limit": "2GB", "temp_directory": ...}``).

    Returns
    -------
    pandas.DataFrame
        ``person, kpi, period, value, definition_version``, sorted by KPI, person and
        period (in time order, as DuckDB sorts it); periods are canonical
        labels (``2026-04``, ``2026-Q2``, ``FY2026-27 Q1``, ``2026-W05``, ``2026-04-01``).

    Raises
    ------
    InputError
        A source not given or unreadable, a refused expression (names the KPI and the token),
        a column the source lacks, a ref metrics.yaml does not define, a definition DuckDB
        cannot compute (a sum of text, say).

    Warns
    -----
    KrakitWarning
        A CSV with its header row and no rows (its KPIs get no actuals from it).

    Examples
    --------
    >>> import krakit
    >>> card = krakit.Scorecard(role={"title": "Recruiter"}, kras=[{"title": "Hiring",
    ...     "kpis": [{"id": "hires", "frequency": "quarterly", "definition": {
    ...         "source": "offers", "agg": "count", "filter": "accepted",
    ...         "time": "made_on", "person": "recruiter"}}]}])
    >>> offers = pd.DataFrame({"recruiter": ["ana", "ana", "ben"], "accepted": [True, True, False],
    ...     "made_on": pd.to_datetime(["2026-01-05", "2026-02-10", "2026-01-07"])})
    >>> compute_actuals({"ana": card, "ben": card}, {"offers": offers}).drop(
    ...     columns="definition_version")
      person    kpi   period  value
    0    ana  hires  2026-Q1    2.0
    """
    import duckdb

    people, team = _cards(cards, everyone)
    library = load_metrics(metrics) if metrics is not None else MetricLibrary()
    if rollup is not None and rollup not in _ORDER:
        raise InputError(
            f"'{rollup}' is not a period to roll up to; use one of {', '.join(_ORDER)}",
            field="rollup",
            value=rollup,
        )
    jobs = _jobs(people, team, library, grain, rollup)
    con = duckdb.connect(config=dict(duckdb_config or {}))
    con.execute("SET enable_progress_bar = false")  # no bar in a notebook or a CSV on stdout
    try:
        sources = Sources(data, con)
        frames = [f for group in _groups(jobs) for f in _run(group, sources)]
        frames.sort(key=lambda f: f["kpi"].iat[0] if len(f) else "")  # stable: person order kept
    finally:
        con.close()
    for name in sorted(sources.empty):
        warnings.warn(
            f"{sources.paths[name]}: source '{name}' has its header row but no rows, so the "
            "KPIs that read it get no actuals from it",
            KrakitWarning,
            stacklevel=2,
        )
    frames = [f for f in frames if len(f)]
    if not frames:
        return pd.DataFrame({c: pd.Series(dtype=float if c == "value" else str) for c in COLUMNS})
    out = pd.concat(frames, ignore_index=True)
    return out


def _groups(jobs: list[_Job]) -> list[list[_Job]]:
    """Jobs that read the same (source, time, person) at the same grain share one scan."""
    shared: dict[tuple[Any, ...], list[_Job]] = {}
    alone: list[list[_Job]] = []
    for job in jobs:
        scan = shared_scan(job.definition)
        if scan is None:
            alone.append([job])
        else:
            shared.setdefault((scan, job.grain, job.fiscal_start, job.by_person), []).append(job)
    return list(shared.values()) + alone


def _run(group: list[_Job], sources: Sources) -> list[pd.DataFrame]:
    """Compute a group of jobs: one scan when they share one, else each alone."""
    import duckdb
    from sqlglot import exp

    job = group[0]
    for each in group:
        for measure, where in _parts(each.definition):
            sources.open(measure.source, each.kpi)
            sources.check(measure, each.kpi, where)
    if all(m.source in sources.empty for each in group for m in each.definition.measures()):
        return []  # header rows only: no actuals (a warning named the files)
    scan = shared_scan(job.definition)
    if scan is None:
        query = definition_query(
            job.definition,
            kpi=job.kpi,
            grain=job.grain,
            fiscal_start=job.fiscal_start,
            columns=sources.written,
            text_columns=sources.text,
            by_person=job.by_person,
        )
        names = ["value"]
    else:
        query = combined_query(
            [(each.kpi, each.definition) for each in group],
            grain=job.grain,
            fiscal_start=job.fiscal_start,
            columns=sources.written,
            text_columns=sources.text.get(scan[0], set()),
            by_person=job.by_person,
        )
        names = [str(i) for i in range(len(group))]
    try:
        query = query.order_by(exp.Literal.number(1), exp.Literal.number(2))
        frame = sources.con.execute(query.sql(dialect="duckdb")).fetch_df()
    except duckdb.Error as exc:
        if len(group) > 1:  # find the definition at fault: each alone names it
            return [frame for each in group for frame in _run([each], sources)]
        sources.diagnose(_parts(job.definition), job.kpi)  # a text cell, by its line
        sources_read = {m.source for m in job.definition.measures()}
        raise sources.explain(
            exc, next(iter(sources_read)) if len(sources_read) == 1 else None, job.kpi
        ) from exc
    periods = period_labels(frame["period_start"], job.grain, job.fiscal_start).to_numpy()
    persons = frame["person"].astype(str).to_numpy()
    for each in group:  # 'ana ' in the data for ana: said, not left out unseen
        if each.by_person and _EVERYONE not in each.people:
            for measure, _ in _parts(each.definition):
                sources.strays(measure, each.people, pd.unique(persons), each.kpi)
    return [
        _frame(each, persons, periods, frame[name]) for each, name in zip(group, names, strict=True)
    ]


def _parts(definition: Definition) -> list[tuple[Measure, str]]:
    """Each measure of a resolved definition and its place in it (``ratio.numerator.``)."""
    if definition.ratio is None:
        return [(m, "") for m in definition.measures()]
    ratio = definition.ratio
    sides = [(ratio.numerator, "ratio.numerator."), (ratio.denominator, "ratio.denominator.")]
    return [(m, field) for m, field in sides if m is not None]


def _frame(job: _Job, persons: Any, periods: Any, values: pd.Series) -> pd.DataFrame:
    """One job's actuals: rows with a value, of the people who carry its definition."""
    keep = values.notna().to_numpy()
    if job.by_person and _EVERYONE not in job.people:
        keep = keep & pd.Series(persons).isin(job.people).to_numpy()
    person = persons[keep] if job.by_person else next(iter(job.people))
    return pd.DataFrame(
        {
            "person": person,
            "kpi": job.kpi,
            "period": periods[keep],
            "value": values.to_numpy(dtype=float, na_value=float("nan"))[keep],
            "definition_version": job.version,
        }
    )
