"""Several definitions over one scan of their source: one pass instead of one per KPI.

KPIs that read the same (source, time, person) at the same grain are computed by one
``SELECT person, period_start, "0", "1", ...``: each definition is ``agg(expr) FILTER (WHERE
filter)``, NULL where its filter keeps no row, so each column holds exactly what
:func:`krakit.metrics.compile.definition_query` gives for that KPI alone (a test holds them
equal). ``krakit sql`` prints the per-KPI form, which reads more easily in a warehouse.
"""

from __future__ import annotations

from collections.abc import Collection

from sqlglot import exp

from krakit.metrics.compile import (
    Columns,
    _aggregate,
    _ident,
    _quote_columns,
    build_query,
    definition_query,
)
from krakit.metrics.definition import Agg, Definition, Measure
from krakit.metrics.guard import check_expression

__all__ = ["combined_query", "shared_scan"]


def shared_scan(definition: Definition) -> tuple[str, str | None, str | None] | None:
    """The (source, time, person) every measure of a resolved definition reads, or None if
    its measures read different ones (a ratio across two sources)."""
    scans = {(m.source, m.time, m.person) for m in definition.measures()}
    return next(iter(scans)) if len(scans) == 1 else None


def _filtered(
    measure: Measure, kpi: str, field: str, known: Collection[str] | None
) -> tuple[exp.Expression, exp.Expression]:
    """``agg(expr) FILTER (WHERE filter)`` and the count of rows the filter keeps."""
    expr = None
    if measure.expr is not None:
        expr = check_expression(measure.expr, kpi=kpi, field=f"{field}expr", columns=known)
        expr = _quote_columns(expr)
    agg = _aggregate(measure, expr)
    rows: exp.Expression = exp.Count(this=exp.Star())
    if measure.filter is None:
        return agg, rows
    cond = check_expression(measure.filter, kpi=kpi, field=f"{field}filter", columns=known)
    cond = _quote_columns(cond)
    return (
        exp.Filter(this=agg, expression=exp.Where(this=cond)),
        exp.Filter(this=rows, expression=exp.Where(this=cond.copy())),
    )


def _when_rows(measure: Measure, rows: exp.Expression, value: exp.Expression) -> exp.Expression:
    """``value`` where the filter kept rows, else NULL (as a WHERE per KPI would give).

    Only a count needs telling: every other aggregate is already NULL over no rows, and
    ``count(*)`` is 0 exactly when there are none.
    """
    if measure.agg is not Agg.COUNT and measure.agg is not Agg.COUNT_DISTINCT:
        return value
    if measure.filter is None:
        return value  # the group exists only because rows are there
    if measure.expr is None:
        return exp.Nullif(this=value, expression=exp.Literal.number(0))
    kept = exp.GT(this=rows, expression=exp.Literal.number(0))
    return exp.Case(ifs=[exp.If(this=kept, true=value)])


def combined_query(
    items: list[tuple[str, Definition]],
    *,
    grain: str,
    fiscal_start: int = 1,
    table: str | None = None,
    columns: Columns | None = None,
    text_columns: Collection[str] = (),
    by_person: bool = True,
) -> exp.Select:
    """Several definitions over one scan: ``SELECT person, period_start, "0", "1", ...``.

    Every definition must read the same (source, time, person) (:func:`shared_scan`). Each
    becomes ``agg(expr) FILTER (WHERE filter)``, NULL where its filter keeps no row, so each
    column holds what :func:`definition_query` gives for it alone, in one pass over the rows.
    """
    kpi0, first = items[0]
    scan = shared_scan(first)
    assert scan is not None
    source, time, person = scan
    base = Measure(source=source, agg=Agg.COUNT, time=time, person=person)
    query = build_query(
        base,
        kpi=kpi0,
        grain=grain,
        fiscal_start=fiscal_start,
        table=table,
        columns=columns,
        text_columns=text_columns,
        by_person=by_person,
    )
    known = (columns or {}).get(source)
    values: list[exp.Expression] = []
    for i, (kpi, definition) in enumerate(items):
        if definition.ratio is None:
            measure = definition.measure()
            agg, rows = _filtered(measure, kpi, "", known)
            value: exp.Expression = _when_rows(measure, rows, agg)
        else:
            ratio = definition.ratio
            if ratio.denominator is None:
                definition_query(definition, kpi=kpi, grain=grain)  # raises, in words
                raise AssertionError("unreachable")
            num, _ = _filtered(ratio.numerator, kpi, "ratio.numerator.", known)
            den, _ = _filtered(ratio.denominator, kpi, "ratio.denominator.", known)
            if ratio.numerator.agg in (Agg.COUNT, Agg.COUNT_DISTINCT, Agg.SUM):
                num = exp.Coalesce(this=num, expressions=[exp.Literal.number(0)])
            num = exp.cast(num, "DOUBLE")
            if definition.scale is not None:  # before dividing, as in definition_query
                num = exp.Mul(this=num, expression=exp.Literal.number(definition.scale))
            share = exp.Div(
                this=num,
                expression=exp.Nullif(this=den, expression=exp.Literal.number(0)),
            )
            value = share  # NULL where the denominator has no rows, or is 0, as alone
        value = exp.cast(value, "DOUBLE")
        if definition.scale is not None and definition.ratio is None:
            value = exp.Mul(this=value, expression=exp.Literal.number(definition.scale))
        values.append(exp.alias_(value, _ident(str(i))))
    query.set("expressions", query.expressions[:2] + values)
    return query
