"""Definition rules (D): a KPI's metric definition fits its unit, name and frequency.

These read ``KPI.definition`` (see :mod:`krakit.metrics.definition`). A ``ref`` is read
through the metrics library :func:`check_definitions` is given; without one, a ref is not
judged. The column rule (D006) needs the data: it runs in :func:`check_definitions` when
``data`` names the sources, and stays silent otherwise.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TYPE_CHECKING, Any

from krakit.rules.base import Finding, Hit, Rule, Severity
from krakit.rules.context import KPIContext

if TYPE_CHECKING:
    from krakit.metrics.definition import Definition
    from krakit.metrics.library import MetricLibrary
    from krakit.model import Scorecard

__all__ = ["check_definitions", "check_example"]

_SEEN: ContextVar[tuple[Any, Mapping[str, set[str]] | None] | None] = ContextVar(
    "krakit_definition_data", default=None
)
"""The metrics library and the sources' columns of the running check_definitions call."""

_RATE = re.compile(r"\b(rate|ratio|percent(age)?|share|conversion|acceptance|retention)\b|%")
_ORDER = ("daily", "weekly", "monthly", "quarterly", "annual")


def _definition(ctx: KPIContext) -> Definition | None:
    if ctx.kpi is None or ctx.kpi.definition is None:
        return None
    definition = ctx.kpi.definition
    if definition.ref is None:
        return definition
    seen = _SEEN.get()
    library = seen[0] if seen else None
    return None if library is None else library.metrics.get(definition.ref)


def _percent(ctx: KPIContext) -> bool:
    return (ctx.kpi is not None and ctx.kpi.unit == "%") or ctx.unit == "%"


def _agg(ctx: KPIContext) -> str | None:
    definition = _definition(ctx)
    if definition is None or definition.kind != "measure" or definition.agg is None:
        return None
    return definition.agg.value


def _sums_percent(ctx: KPIContext) -> Hit | None:
    return Hit(where="definition.agg") if _percent(ctx) and _agg(ctx) == "sum" else None


def _averages_rate(ctx: KPIContext) -> Hit | None:
    return Hit(where="definition.agg") if _percent(ctx) and _agg(ctx) == "average" else None


def _ratio_without_denominator(ctx: KPIContext) -> Hit | None:
    definition = _definition(ctx)
    if definition is None or definition.ratio is None or definition.ratio.denominator:
        return None
    return Hit(where="definition.ratio.denominator")


def _coarse_grain(ctx: KPIContext) -> Hit | None:
    definition = _definition(ctx)
    if definition is None or definition.grain is None or ctx.kpi is None:
        return None
    frequency = ctx.kpi.frequency
    if frequency is None or _ORDER.index(definition.grain) <= _ORDER.index(frequency.value):
        return None
    return Hit(values={"grain": definition.grain, "frequency": frequency.value},
               where="definition.grain")  # fmt: skip


def _kind_mismatch(ctx: KPIContext) -> Hit | None:
    definition = _definition(ctx)
    name = " ".join(filter(None, [ctx.kpi.metric if ctx.kpi else None, ctx.metric])).lower()
    if definition is None or not name or not _RATE.search(name) or _percent(ctx):
        return None
    if definition.kind == "measure" and definition.agg in ("count", "count_distinct", "sum"):
        return Hit(values={"agg": definition.agg.value}, where="definition.agg")
    return None


def _rolled_up(ctx: KPIContext) -> Hit | None:
    agg = _agg(ctx)
    if agg is None or ctx.kpi is None or ctx.kpi.aggregation is None:
        return None
    from krakit.metrics.definition import Agg

    if Agg(agg).additive or agg in ("min", "max") or ctx.kpi.aggregation.value == "last":
        return None
    return Hit(values={"agg": agg, "aggregation": ctx.kpi.aggregation.value},
               where="aggregation")  # fmt: skip


def _unknown_column(ctx: KPIContext) -> Iterator[Hit]:
    seen = _SEEN.get()
    definition = _definition(ctx)
    if seen is None or seen[1] is None or definition is None:
        return
    from sqlglot import exp

    from krakit.errors import InputError
    from krakit.metrics.guard import check_expression

    for measure in definition.measures():
        columns = seen[1].get(measure.source)
        if columns is None:
            continue
        named = [c for c in (measure.time, measure.person) if c]
        for text in (measure.expr, measure.filter):
            if text:
                try:
                    tree = check_expression(text, kpi=ctx.kpi.id if ctx.kpi else "", field="expr")
                except InputError:
                    continue  # the guard names it when computing
                named += [c.name for c in tree.find_all(exp.Column)]
        for column in dict.fromkeys(named):
            if column.lower() not in columns:
                yield Hit(values={"column": column, "source": measure.source},
                          where="definition")  # fmt: skip


SUMS_PERCENT = Rule(
    code="D001",
    name="sum-of-percent",
    severity=Severity.ERROR,
    message="'{text}' is a percentage, but its definition adds the rows up",
    why="Percentages do not add: 60% and 70% are not 130% of anything.",
    bad=("metric: Attrition rate\nunit: '%'\ndefinition: {source: exits, agg: sum, expr: pct, "
         "time: month}",),
    good=("metric: Attrition rate\nunit: '%'\ndefinition: {ratio: {numerator: {source: staff, "
          "agg: count, filter: left, time: month}, denominator: {source: staff, agg: count, "
          "time: month}}, scale: 100}",),
    source="Dimensional modelling: non-additive facts (Kimball & Ross, The Data Warehouse "
    "Toolkit, 3rd ed., ch. 2)",
    fix="Define it as a ratio of two counts or sums (numerator / denominator, scale 100).",
    examples="kpi",
    smart="M",
    test=_sums_percent,
)  # fmt: skip

AVERAGES_RATE = Rule(
    code="D002",
    name="unweighted-average-of-rate",
    severity=Severity.WARNING,
    message="'{text}' averages a rate row by row, so a small group weighs as much as a big one",
    why="The mean of rates is not the rate of the whole (Simpson's paradox).",
    bad=("metric: Conversion rate\nunit: '%'\ndefinition: {source: stores, agg: average, "
         "expr: conversion_pct, time: day}",),
    good=("metric: Conversion rate\nunit: '%'\ndefinition: {ratio: {numerator: {source: visits, "
          "agg: count, filter: bought, time: day}, denominator: {source: visits, agg: count, "
          "time: day}}, scale: 100}",),
    source="MetricFlow: ratio metrics are computed from their measures, not averaged "
    "(docs.getdbt.com, 'Ratio metrics')",
    fix="Define it as a ratio (numerator / denominator) over the rows, not an average of rates.",
    examples="kpi",
    smart="M",
    test=_averages_rate,
)  # fmt: skip

RATIO_WITHOUT_DENOMINATOR = Rule(
    code="D003",
    name="ratio-without-denominator",
    severity=Severity.ERROR,
    message="'{text}' is defined as a ratio with no denominator",
    why="A ratio without what it is counted out of cannot be computed.",
    bad=("metric: Offer acceptance\ndefinition: {ratio: {numerator: {source: offers, "
         "agg: count, filter: accepted, time: made_on}}}",),
    good=("metric: Offer acceptance\ndefinition: {ratio: {numerator: {source: offers, "
          "agg: count, filter: accepted, time: made_on}, denominator: {source: offers, "
          "agg: count, time: made_on}}}",),
    source="MetricFlow ratio metrics: numerator and denominator (docs.getdbt.com, "
    "'Ratio metrics')",
    fix="Add the denominator: what the numerator is counted out of.",
    examples="kpi",
    smart="M",
    test=_ratio_without_denominator,
)  # fmt: skip

COARSE_GRAIN = Rule(
    code="D004",
    name="grain-coarser-than-frequency",
    severity=Severity.ERROR,
    message="'{text}' is reviewed {frequency} but its definition is computed {grain}",
    why="A value computed per quarter cannot be reviewed every month.",
    bad=("metric: Revenue\nfrequency: monthly\ndefinition: {source: invoices, agg: sum, "
         "expr: amount, time: issued_on, grain: quarterly}",),
    good=("metric: Revenue\nfrequency: quarterly\ndefinition: {source: invoices, agg: sum, "
          "expr: amount, time: issued_on, grain: quarterly}",),
    source="MetricFlow: a metric's time grain cannot be finer than its data's "
    "(docs.getdbt.com, 'Time granularity')",
    fix="Drop 'grain' (it then follows the frequency) or review the KPI as often as it is "
    "computed.",
    examples="kpi",
    smart="T",
    test=_coarse_grain,
)  # fmt: skip

KIND_MISMATCH = Rule(
    code="D005",
    name="rate-defined-as-count",
    severity=Severity.WARNING,
    message="'{text}' is named as a rate but defined as a {agg}",
    why="A reader takes a rate for a share, and a count grows with volume instead.",
    bad=("metric: Offer acceptance rate\ndefinition: {source: offers, agg: count, "
         "filter: accepted, time: made_on}",),
    good=("metric: Offers accepted\ndefinition: {source: offers, agg: count, "
          "filter: accepted, time: made_on}",
          "metric: Offer acceptance rate\nunit: '%'\ndefinition: {ratio: {numerator: "
          "{source: offers, agg: count, filter: accepted, time: made_on}, denominator: "
          "{source: offers, agg: count, time: made_on}}, scale: 100}"),
    source="KPI documentation: the name, formula and unit agree (Parmenter, Key Performance "
    "Indicators, 4th ed., 2019)",
    fix="Define it as a ratio, or rename it to say it counts ('Offers accepted').",
    examples="kpi",
    smart="S",
    test=_kind_mismatch,
)  # fmt: skip

UNKNOWN_COLUMN = Rule(
    code="D006",
    name="column-not-in-source",
    severity=Severity.ERROR,
    message="'{text}' reads column '{column}', which source '{source}' does not have",
    why="The definition cannot be computed on this data.",
    bad=("kpi: {metric: Revenue, definition: {source: invoices, agg: sum, expr: amout, "
         "time: issued_on}}\ncolumns: {invoices: [amount, issued_on]}",),
    good=("kpi: {metric: Revenue, definition: {source: invoices, agg: sum, expr: amount, "
          "time: issued_on}}\ncolumns: {invoices: [amount, issued_on]}",),
    source="krakit: a definition is checked against the data it runs on",
    fix="Use one of the source's columns (check the spelling), or pass the right file.",
    examples="data",
    smart="M",
    test=_unknown_column,
)  # fmt: skip

ROLLED_UP = Rule(
    code="D007",
    name="rolled-up-non-additive",
    severity=Severity.WARNING,
    message="'{text}' is a {agg} of rows, but its periods roll up by {aggregation}",
    why="The median of a quarter is not the mean (or sum) of three monthly medians.",
    bad=("metric: Time to hire\naggregation: mean\ndefinition: {source: reqs, agg: median, "
         "expr: days, time: filled_on}",),
    good=("metric: Time to hire\ndefinition: {source: reqs, agg: median, expr: days, "
          "time: filled_on}",
          "metric: Revenue\naggregation: sum\ndefinition: {source: invoices, agg: sum, "
          "expr: amount, time: issued_on}"),
    source="Dimensional modelling: non-additive facts are recomputed at each grain (Kimball "
    "& Ross, The Data Warehouse Toolkit, 3rd ed., ch. 2)",
    fix="Compute the longer period from the rows (krakit actuals --rollup annual; "
    "compute_actuals(..., rollup='annual')) and drop 'aggregation'.",
    examples="kpi",
    smart="M",
    test=_rolled_up,
)  # fmt: skip

__rules__ = (
    SUMS_PERCENT,
    AVERAGES_RATE,
    RATIO_WITHOUT_DENOMINATOR,
    COARSE_GRAIN,
    KIND_MISMATCH,
    UNKNOWN_COLUMN,
    ROLLED_UP,
)


@contextmanager
def _seeing(library: Any, columns: Mapping[str, set[str]] | None) -> Iterator[None]:
    token = _SEEN.set((library, columns))
    try:
        yield
    finally:
        _SEEN.reset(token)


def check_definitions(
    card: Scorecard,
    data: Mapping[str, Any] | None = None,
    metrics: MetricLibrary | str | None = None,
    **options: Any,
) -> list[Finding]:
    """Run the checker with the D rules seeing the metrics library and the data's columns.

    ``data`` maps a source to a CSV/Parquet path, a DataFrame, or a list of its column
    names; only the columns are read. Other options go to :func:`krakit.check`.
    """
    from krakit.metrics.library import load_metrics
    from krakit.rules.engine import check

    library = load_metrics(metrics) if metrics is not None else None
    columns = None if data is None else {k: _columns_of(v, k) for k, v in data.items()}
    with _seeing(library, columns):
        return check(card, **options)


def _columns_of(source: Any, name: str) -> set[str]:
    import pandas as pd

    if isinstance(source, pd.DataFrame):
        return {str(c).strip().lower() for c in source.columns}  # as a CSV's headers
    if isinstance(source, list | tuple | set | frozenset):
        return {str(c).strip().lower() for c in source}
    import duckdb

    from krakit.metrics.sources import Sources

    con = duckdb.connect()
    try:
        sources = Sources({name: source}, con)
        sources.open(name, kpi="")
        return sources.columns[name]
    finally:
        con.close()


def check_example(text: str) -> list[Finding]:
    """Check a D006-style example: YAML with a ``kpi`` and the ``columns`` of each source."""
    from krakit.model import KPI, Scorecard
    from krakit.store.safe_yaml import read_yaml

    data: Any = read_yaml(text)
    kpi = KPI.model_validate(data["kpi"])
    card = Scorecard.model_validate(
        {"role": {"title": "Example"}, "unassigned_kpis": [kpi.model_dump(exclude_none=True)]}
    )
    return check_definitions(card, data=data.get("columns") or {})
