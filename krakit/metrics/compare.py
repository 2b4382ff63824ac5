"""Compare two versions of metric definitions: who moves, by how much, and why.

An analyst changes how a KPI is computed (median instead of mean, internal transfers left
out, counted by the month of the offer instead of the start date) and asks what that does to
people's scorecards. :func:`compare_definitions` computes the actuals and the scores under
both versions and lines them up:

* ``kpis``: per person, changed KPI and period, the actual and achievement under each;
* ``totals``: per person and changed KPI, over the whole scoring period, with the points it
  adds to the overall score under each version;
* ``people``: per person holding a changed KPI, the overall score and rank under each and
  how many places they moved;
* ``table``: ``totals`` with each person's scores and ranks beside it (the one table to read).

:meth:`Comparison.why` says it in sentences; :meth:`Comparison.spec` draws it (Vega-Lite;
:meth:`Comparison.chart` as an Altair chart).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from os import PathLike
from typing import Any

import pandas as pd
from pydantic import ValidationError

from krakit.errors import InputError
from krakit.metrics.compute import Source, compute_actuals
from krakit.metrics.definition import Definition, definition_version
from krakit.metrics.library import MetricLibrary, load_metrics
from krakit.model import Scorecard

__all__ = ["Comparison", "Definitions", "compare_definitions", "revise", "source_columns"]

Definitions = (
    Mapping[str, Definition | Mapping[str, Any]] | MetricLibrary | str | PathLike[str] | None
)
"""One version of the definitions: ``{kpi id: definition}`` (replacing those KPIs'
definitions), a metrics.yaml (path or :class:`MetricLibrary`, which every ``ref`` then names),
or None (the definitions the scorecards and ``metrics`` already hold)."""

_KEYS = ["person", "kpi"]


@dataclass(frozen=True)
class Comparison:
    """What :func:`compare_definitions` returns (see the module docstring for each table)."""

    kpis: pd.DataFrame
    totals: pd.DataFrame
    people: pd.DataFrame
    changed: list[str] = field(default_factory=list)
    """The KPI ids whose definition differs between the two versions."""
    versions: dict[str, tuple[str, str]] = field(default_factory=dict)
    """Per changed KPI: (old, new) definition version."""

    @property
    def table(self) -> pd.DataFrame:
        """Per person and changed KPI: actual, achievement and score under each version, the
        score's ``delta`` and the places ``moved`` (positive: up the ranking)."""
        scores = self.people[
            ["person", "name", "score_old", "score_new", "delta", "rank_old", "rank_new", "moved"]
        ]
        columns = ["person", "kpi", "actual_old", "actual_new", "achievement_old"]
        columns += ["achievement_new", "points_old", "points_new"]
        return self.totals[columns].merge(scores, on="person", how="left")

    def by_period(self, old: str = "now", new: str = "edited") -> pd.DataFrame:
        """The changed KPIs' actuals, one row per KPI and period, two columns per person
        (``"<name>: now"``, ``"<name>: edited"``; the words are ``old`` and ``new``)."""
        names = dict(zip(self.people["person"], self.people["name"], strict=True))
        wide = self.kpis.pivot_table(
            index=["kpi", "period"], columns="person", values=["actual_old", "actual_new"]
        )
        columns = [(v, p) for p in names for v in ("actual_old", "actual_new") if (v, p) in wide]
        wide = wide[columns]
        wide.columns = [f"{names[p]}: {old if v == 'actual_old' else new}" for v, p in columns]
        return wide

    def why(self) -> list[str]:
        """One sentence per person whose score changed: what moved, from what to what.

        People are listed by how far they moved, the biggest move first.
        """
        lines: list[str] = []
        if self.people.empty:
            return lines
        order = self.people.assign(size=self.people["delta"].abs())
        for person in order.sort_values(["size", "person"], ascending=[False, True]).itertuples():
            if person.delta == 0:
                continue
            mine = self.totals[self.totals["person"] == person.person]
            parts = [
                f"{row.metric} {_number(row.actual_old)} → {_number(row.actual_new)} "
                f"(achievement {_number(row.achievement_old)}% → {_number(row.achievement_new)}%)"
                for row in mine.itertuples()
                if row.actual_old != row.actual_new
            ]
            rank = (
                f"rank {person.rank_old} → {person.rank_new}"
                if person.moved
                else f"rank {person.rank_old}, unchanged"
            )
            lines.append(
                f"{person.name}: {'; '.join(parts)}; score {_number(person.score_old)} → "
                f"{_number(person.score_new)} ({person.delta:+.1f} points), {rank}"
            )
        return lines

    def spec(self) -> dict[str, Any]:
        """A Vega-Lite spec: each person's score under the old and the new definitions
        (:func:`krakit.metrics.compare_chart.comparison_spec`)."""
        from krakit.metrics.compare_chart import comparison_spec

        return comparison_spec(self)

    def chart(self) -> Any:
        """:meth:`spec` as an Altair chart (imports Altair)."""
        from krakit.charts import chart

        return chart(self.spec())


def revise(definition: Definition, **changes: Any) -> Definition:
    """A copy of ``definition`` with ``changes`` made, checked as a new definition would be.

    Examples
    --------
    >>> d = Definition(source="requisitions", agg="average", expr="days", time="filled_on")
    >>> revise(d, agg="median").agg, revise(d, filter=None).filter
    (<Agg.MEDIAN: 'median'>, None)
    """
    data = definition.model_dump(mode="json", exclude_none=True)
    data.update(changes)
    return _definition({k: v for k, v in data.items() if v not in (None, "")})


def _definition(data: Any, kpi: str | None = None) -> Definition:
    """``data`` (a mapping, as in metrics.yaml) as a checked Definition.

    Raises
    ------
    InputError
        What is wrong, naming the KPI and the field (``kpis[k].definition.tme``), as the
        same mistake in a scorecard's YAML is said.
    """
    if isinstance(data, Definition):
        return data
    try:
        return Definition.model_validate(data)
    except ValidationError as exc:
        from krakit.model_errors import reworded

        problem = exc.errors(include_url=False)[0]
        loc = ".".join(str(part) for part in problem["loc"])
        base = "definition" if kpi is None else f"kpis[{kpi}].definition"
        got = problem.get("input")
        if problem["type"] == "model_type":
            message = (
                f"expected a definition (a mapping such as {{source: tickets, agg: count, "
                f"time: opened_on, person: agent}}), got {got!r}"
            )
        else:
            message = reworded(problem)
        more = len(exc.errors()) - 1
        raise InputError(
            f"{'' if kpi is None else f'KPI {kpi!r}: '}this definition cannot be used: "
            f"{message}{f' (and {more} more)' if more else ''}",
            field=f"{base}.{loc}" if loc else base,
            value=None if isinstance(got, Mapping | list) else got,
        ) from exc


def source_columns(data: Mapping[str, Source], source: str) -> list[str]:
    """The column names of one source (a CSV or Parquet path, or a DataFrame), in order.

    Raises
    ------
    InputError
        No source of that name, or a file that cannot be read.
    """
    if source not in data:
        raise InputError(
            f"there is no data set '{source}'; the data sets are {', '.join(sorted(data))}",
            field="source",
            value=source,
        )
    found = data[source]
    if isinstance(found, pd.DataFrame):
        return [str(c) for c in found.columns]
    import duckdb

    path = str(found)
    reader = "read_parquet" if path.lower().endswith(".parquet") else "read_csv_auto"
    try:
        with duckdb.connect() as con:
            return [
                row[0]
                for row in con.execute(f"DESCRIBE SELECT * FROM {reader}(?)", [path]).fetchall()
            ]
    except duckdb.Error as exc:
        raise InputError(f"cannot read the data set '{source}': {exc}", path=path) from exc


def _number(value: float) -> str:
    return "—" if pd.isna(value) else f"{value:,.1f}".removesuffix(".0")


def _team(cards: Scorecard | Mapping[str, Scorecard]) -> dict[str, Scorecard]:
    if isinstance(cards, Scorecard):
        return {cards.holder or "": cards}
    return dict(cards)


def _apply(
    cards: dict[str, Scorecard], definitions: Definitions, metrics: MetricLibrary
) -> tuple[dict[str, Scorecard], MetricLibrary]:
    """The team with one version's definitions, and the library their refs resolve in."""
    if definitions is None:
        return cards, metrics
    if isinstance(definitions, MetricLibrary | str | PathLike):
        return cards, load_metrics(definitions)
    wanted = {kpi: _definition(d, kpi) for kpi, d in definitions.items()}
    known = {k.id for card in cards.values() for k in card.all_kpis()}
    unknown = sorted(set(wanted) - known)
    if unknown:
        raise InputError(
            f"no scorecard has a KPI '{unknown[0]}' to define; the KPI ids are "
            f"{', '.join(sorted(known))}",
            field="definitions",
            value=unknown[0],
        )
    copies: dict[int, Scorecard] = {}
    for card in cards.values():
        if id(card) not in copies:
            copy = copies[id(card)] = card.model_copy(deep=True)
            for kpi in copy.all_kpis():
                if kpi.id in wanted:
                    kpi.definition = wanted[kpi.id]
    return {person: copies[id(card)] for person, card in cards.items()}, metrics


def _versions(cards: dict[str, Scorecard], metrics: MetricLibrary) -> dict[str, str]:
    """KPI id -> definition version, over the team (a KPI defined two ways: both, joined)."""
    found: dict[str, set[str]] = {}
    for card in {id(c): c for c in cards.values()}.values():
        for kpi in card.all_kpis():
            if kpi.definition is not None:
                resolved = metrics.resolve(kpi.definition, kpi=kpi.id)
                found.setdefault(kpi.id, set()).add(definition_version(resolved))
    return {kpi: "+".join(sorted(v)) for kpi, v in found.items()}


def _only(cards: dict[str, Scorecard], kpis: set[str]) -> dict[str, Scorecard]:
    """The team with definitions kept only on ``kpis`` (the others are not computed again)."""
    copies: dict[int, Scorecard] = {}
    for card in cards.values():
        if id(card) not in copies:
            copy = copies[id(card)] = card.model_copy(deep=True)
            for kpi in copy.all_kpis():
                if kpi.id not in kpis:
                    kpi.definition = None
    return {person: copies[id(card)] for person, card in cards.items()}


def _ranks(scores: pd.Series) -> pd.Series:
    return scores.rank(ascending=False, method="min").astype("Int64")


def compare_definitions(
    cards: Scorecard | Mapping[str, Scorecard],
    data: Mapping[str, Source],
    old: Definitions = None,
    new: Definitions = None,
    *,
    metrics: MetricLibrary | str | PathLike[str] | Mapping[str, Any] | None = None,
    rollup: str | None = None,
) -> Comparison:
    """Compute actuals and scores under two versions of the definitions and line them up.

    Parameters
    ----------
    cards
        A team (person -> scorecard) or one scorecard, as :func:`krakit.compute_actuals`.
    data
        Source name -> CSV or Parquet path, or DataFrame.
    old, new
        The two versions: ``{kpi id: definition}`` for the KPIs that change, a metrics.yaml
        (path or library) for a whole new set, or None for the definitions as they are.
    metrics
        The metrics.yaml the scorecards' ``ref`` definitions name (unless ``old``/``new`` is
        one itself).
    rollup
        Score over this longer period (``'annual'``) from the rows: ``totals`` and ``people``
        take each non-additive KPI's value over it (a year's median, not a mean of monthly
        medians; :func:`krakit.compute_actuals`'s ``rollup``); ``kpis`` keeps the periods.
        None: the scorecards' own roll-up of the periods' values.

    Returns
    -------
    Comparison
        ``kpis``, ``totals``, ``people``, ``table``; ``changed`` lists the KPIs whose
        definition differs (empty when none does: then the tables are empty too).

    Raises
    ------
    InputError
        A KPI id no scorecard has, or anything :func:`krakit.compute_actuals` refuses
        (a refused expression, a missing column or source), naming the KPI.

    Examples
    --------
    >>> from krakit.sample_raw import metrics_path, raw_paths, sample_cards
    >>> team = {p: c for p, c in sample_cards().items() if p in ("p07", "p08", "p09")}
    >>> median = {"source": "requisitions", "agg": "median",
    ...     "expr": "date_diff('day', approved_on, filled_on)",
    ...     "filter": "status = 'filled' AND hire_type <> 'internal_transfer'",
    ...     "time": "filled_on", "person": "recruiter"}
    >>> c = compare_definitions(team, raw_paths(), new={"average-time-to-hire": median},
    ...     metrics=metrics_path())
    >>> c.changed, len(c.people)
    (['average-time-to-hire'], 3)
    """
    from krakit.score import score

    team = _team(cards)
    library = load_metrics(metrics) if metrics is not None else MetricLibrary()
    old_cards, old_lib = _apply(team, old, library)
    new_cards, new_lib = _apply(team, new, library)
    old_versions, new_versions = _versions(old_cards, old_lib), _versions(new_cards, new_lib)
    changed = sorted(
        k for k in old_versions.keys() | new_versions.keys()
        if old_versions.get(k) != new_versions.get(k)
    )  # fmt: skip
    versions = {k: (old_versions.get(k, ""), new_versions.get(k, "")) for k in changed}
    if not changed:
        return Comparison(
            kpis=pd.DataFrame(columns=[*_KEYS, "period", "actual_old", "actual_new", "delta"]),
            totals=pd.DataFrame(columns=[*_KEYS, "metric", "actual_old", "actual_new"]),
            people=pd.DataFrame(columns=["person", "name", "score_old", "score_new", "delta"]),
        )

    def both(at: str | None) -> tuple[Any, Any]:
        """The scores under each version, the actuals computed with ``rollup=at``."""
        old_actuals = compute_actuals(old_cards, data, old_lib, rollup=at)
        kept = old_actuals[~old_actuals["kpi"].isin(changed)]
        fresh = compute_actuals(_only(new_cards, set(changed)), data, new_lib, rollup=at)
        new_actuals = pd.concat([kept, fresh], ignore_index=True)
        return score(old_cards, old_actuals), score(new_cards, new_actuals)

    before, after = both(None)
    kpis = _side_by_side(before.kpis, after.kpis, ["period"], ["actual", "achievement", "status"])
    if rollup is not None:  # the totals and scores over the longer period, from its rows
        before, after = both(rollup)
    kpis = kpis[kpis["kpi"].isin(changed)].reset_index(drop=True)
    kpis.insert(
        kpis.columns.get_loc("actual_new") + 1, "delta", kpis["actual_new"] - kpis["actual_old"]
    )
    totals = _side_by_side(
        before.totals.rename(columns={"contribution": "points"}),
        after.totals.rename(columns={"contribution": "points"}),
        [],
        ["actual", "achievement", "points"],
        keep=["metric", "unit"],
    )
    totals = totals[totals["kpi"].isin(changed)].reset_index(drop=True)

    holders = sorted(set(totals["person"]))
    people = before.overall[["person", "score"]].merge(
        after.overall[["person", "score"]], on="person", suffixes=("_old", "_new")
    )
    people = people[people["person"].isin(holders)].reset_index(drop=True)
    people.insert(1, "name", [team[p].holder or p for p in people["person"]])
    people["delta"] = people["score_new"] - people["score_old"]
    people["rank_old"], people["rank_new"] = (
        _ranks(people["score_old"]),
        _ranks(people["score_new"]),
    )
    people["moved"] = people["rank_old"] - people["rank_new"]
    return Comparison(kpis, totals, people, changed=changed, versions=versions)


def _side_by_side(
    old: pd.DataFrame,
    new: pd.DataFrame,
    keys: list[str],
    values: list[str],
    keep: list[str] | None = None,
) -> pd.DataFrame:
    """``old`` and ``new`` joined on person, KPI and ``keys``: each value as ``_old``/``_new``."""
    on = _KEYS + keys
    left = old[on + (keep or []) + values]
    right = new[on + values]
    both = left.merge(right, on=on, how="outer", suffixes=("_old", "_new"))
    order = on + (keep or []) + [f"{v}_{side}" for v in values for side in ("old", "new")]
    return both[order]
