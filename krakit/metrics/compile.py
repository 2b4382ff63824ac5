"""A definition to SQL: built as a sqlglot tree from checked parts, in any dialect.

Each KPI becomes one ``SELECT person, period_start, value ... GROUP BY 1, 2`` over its source:
the ``filter`` is a ``WHERE``, ``agg(expr)`` the value, and ``period_start`` the first day of
the period the ``time`` column falls in, at the KPI's grain (fiscal years shift the start). A
ratio joins its numerator to its denominator per person and period. ``expr`` and ``filter``
enter the tree only as trees :func:`krakit.metrics.guard.check_expression` has checked; names
enter as quoted identifiers, values as literals. No user text is pasted into SQL.

Examples
--------
>>> from krakit.metrics.definition import Definition
>>> d = Definition(source="offers", agg="count", filter="status = 'accepted'",
...                time="offered_at", person="recruiter")
>>> print(measure_sql(d, kpi="accepted", grain="monthly"))
SELECT CAST("recruiter" AS TEXT) AS "person", CAST(DATE_TRUNC('MONTH', "offered_at") AS DATE) AS "period_start", CAST(COUNT(*) AS DOUBLE) AS "value" FROM "offers" WHERE NOT "offered_at" IS NULL AND NOT "recruiter" IS NULL AND ("status" = 'accepted') GROUP BY 1, 2
"""  # noqa: E501

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import TYPE_CHECKING

from sqlglot import exp

from krakit.errors import InputError
from krakit.metrics.definition import Agg, Definition, Measure
from krakit.metrics.guard import check_expression

if TYPE_CHECKING:
    from krakit.metrics.library import MetricLibrary
    from krakit.model import KPI, Scorecard

__all__ = ["DIALECTS", "GRAIN_UNITS", "build_query", "fiscal_start_of", "measure_sql", "sql_for"]

DIALECTS = ("duckdb", "postgres", "spark", "bigquery", "snowflake")
"""The dialects ``krakit sql`` writes: the ones whose medians and percentiles
:mod:`krakit.metrics.dialects` makes valid (another sqlglot dialect may not run them)."""

GRAIN_UNITS: dict[str, str] = {
    "daily": "day",
    "weekly": "week",
    "monthly": "month",
    "quarterly": "quarter",
    "annual": "year",
}
"""A grain -> its DATE_TRUNC unit."""

Columns = Mapping[str, Collection[str]]
"""Source name -> its column names (compared regardless of case), when the data is at hand."""


def _ident(name: str) -> exp.Identifier:
    return exp.to_identifier(name, quoted=True)


def _col(name: str) -> exp.Column:
    return exp.column(_ident(name))


def _quote_columns(tree: exp.Expression) -> exp.Expression:
    for column in tree.find_all(exp.Column):
        column.set("this", _ident(column.name))
    return tree


def _period(time: exp.Expression, grain: str, fiscal_start: int, text_time: bool) -> exp.Expression:
    """The first day of the period ``time`` falls in, at ``grain`` (a fiscal year shifted)."""
    unit = GRAIN_UNITS[grain]
    if text_time:
        time = exp.cast(time, "TIMESTAMP")
    shift = (fiscal_start - 1) % 3 if unit == "quarter" else fiscal_start - 1
    if unit not in ("quarter", "year") or shift == 0:
        trunc = exp.DateTrunc(unit=exp.Literal.string(unit.upper()), this=time)
        return exp.cast(trunc, "DATE")
    months = exp.Literal.number(shift)
    shifted = exp.DateSub(this=time, expression=months, unit=exp.var("MONTH"))
    trunc = exp.DateTrunc(unit=exp.Literal.string(unit.upper()), this=shifted)
    back = exp.DateAdd(this=trunc, expression=months.copy(), unit=exp.var("MONTH"))
    return exp.cast(back, "DATE")


def _aggregate(measure: Measure, expr: exp.Expression | None) -> exp.Expression:
    agg = measure.agg
    if agg is Agg.COUNT:
        return exp.Count(this=expr if expr is not None else exp.Star())
    assert expr is not None  # the model requires expr for every other agg
    if agg is Agg.COUNT_DISTINCT:
        return exp.Count(this=exp.Distinct(expressions=[expr]))
    if agg is Agg.PERCENTILE:
        return exp.PercentileCont(this=expr, expression=exp.Literal.number(measure.p))
    kinds: dict[Agg, type[exp.Expression]] = {
        Agg.SUM: exp.Sum,
        Agg.AVERAGE: exp.Avg,
        Agg.MEDIAN: exp.Median,
        Agg.MIN: exp.Min,
        Agg.MAX: exp.Max,
    }
    return kinds[agg](this=expr)


def _check_column(name: str, measure: Measure, kpi: str, field: str, columns: Columns) -> None:
    known = columns.get(measure.source)
    if known is not None and name.lower() not in {c.lower() for c in known}:
        raise InputError(
            f"KPI '{kpi}': source '{measure.source}' has no column '{name}' "
            f"(its columns: {', '.join(repr(c) for c in known)})",
            field=f"kpis[{kpi}].definition.{field}",
            value=name,
        )


def build_query(
    measure: Measure,
    *,
    kpi: str,
    grain: str,
    fiscal_start: int = 1,
    table: str | None = None,
    columns: Columns | None = None,
    text_columns: Collection[str] = (),
    by_person: bool = True,
    field: str = "",
) -> exp.Select:
    """One measure as ``SELECT person, period_start, value`` (a sqlglot tree).

    Parameters
    ----------
    table
        The table to read (the source's name when None).
    columns
        Source -> its columns: every column named is checked against them (regardless of
        case).
    text_columns
        Lower-case names of the time columns stored as text (cast before truncating).
    by_person
        Group by the person column; otherwise every row is one person's (``''``).

    Raises
    ------
    InputError
        A refused expression, a missing time or person column, or (with ``columns``) a
        column the source lacks: names the KPI and the field.
    """
    where = f"{field}." if field else ""
    cols = {} if columns is None else columns
    if measure.time is None:
        raise InputError(
            f"KPI '{kpi}': the definition has no 'time' column, so its rows cannot be placed in "
            "periods: name the date column (time: closed_at)",
            field=f"kpis[{kpi}].definition.{where}time",
        )
    _check_column(measure.time, measure, kpi, f"{where}time", cols)
    known = cols.get(measure.source)
    expr = None
    if measure.expr is not None:
        expr = check_expression(measure.expr, kpi=kpi, field=f"{where}expr", columns=known)
        expr = _quote_columns(expr)
    conditions: list[exp.Expression] = [
        exp.not_(exp.Is(this=_col(measure.time), expression=exp.Null()))
    ]
    if by_person:
        if measure.person is None:
            raise InputError(
                f"KPI '{kpi}': the definition has no 'person' column, so its rows cannot be "
                "shared among people: name the column that says whose a row is (person: owner)",
                field=f"kpis[{kpi}].definition.{where}person",
            )
        _check_column(measure.person, measure, kpi, f"{where}person", cols)
        person: exp.Expression = exp.cast(_col(measure.person), "TEXT")
        conditions.append(exp.not_(exp.Is(this=_col(measure.person), expression=exp.Null())))
    else:
        person = exp.Literal.string("")
    if measure.filter is not None:
        checked = check_expression(measure.filter, kpi=kpi, field=f"{where}filter", columns=known)
        conditions.append(exp.paren(_quote_columns(checked)))
    text_time = measure.time.lower() in text_columns
    period = _period(_col(measure.time), grain, fiscal_start, text_time)
    value = exp.cast(_aggregate(measure, expr), "DOUBLE")
    return (
        exp.select(
            exp.alias_(person, _ident("person")),
            exp.alias_(period, _ident("period_start")),
            exp.alias_(value, _ident("value")),
        )
        .from_(exp.Table(this=_ident(table or measure.source)))
        .where(exp.and_(*conditions))
        .group_by(exp.Literal.number(1), exp.Literal.number(2))
    )


def definition_query(
    definition: Definition,
    *,
    kpi: str,
    grain: str,
    fiscal_start: int = 1,
    tables: Mapping[str, str] | None = None,
    columns: Columns | None = None,
    text_columns: Mapping[str, Collection[str]] | None = None,
    by_person: bool = True,
) -> exp.Select:
    """A resolved definition (a measure or a ratio) as ``SELECT person, period_start, value``.

    Raises
    ------
    InputError
        As :func:`build_query`; a ratio without a denominator; an unresolved ``ref``.
    """
    tables = tables or {}
    text_columns = text_columns or {}

    def one(measure: Measure, field: str) -> exp.Select:
        return build_query(
            measure,
            kpi=kpi,
            grain=grain,
            fiscal_start=fiscal_start,
            table=tables.get(measure.source),
            columns=columns,
            text_columns=text_columns.get(measure.source, ()),
            by_person=by_person,
            field=field,
        )

    if definition.ref is not None:
        raise InputError(
            f"KPI '{kpi}' refers to metric '{definition.ref}': give the metrics.yaml that "
            "defines it (metrics=...; --metrics on the command line)",
            field=f"kpis[{kpi}].definition.ref",
            value=definition.ref,
        )
    scale = definition.scale
    if definition.ratio is None:
        query = one(definition.measure(), "")
        if scale is not None:
            value = query.selects[2]
            value.set("this", exp.Mul(this=value.this, expression=exp.Literal.number(scale)))
        return query
    ratio = definition.ratio
    if ratio.denominator is None:
        raise InputError(
            f"KPI '{kpi}': the ratio has no denominator; add what the numerator is counted "
            "out of (denominator: {source: ..., agg: count, time: ...})",
            field=f"kpis[{kpi}].definition.ratio.denominator",
        )
    num = one(ratio.numerator, "ratio.numerator")
    den = one(ratio.denominator, "ratio.denominator")
    top: exp.Expression = exp.column("value", "n")
    if ratio.numerator.agg in (Agg.COUNT, Agg.COUNT_DISTINCT, Agg.SUM):
        top = exp.Coalesce(this=top, expressions=[exp.Literal.number(0)])
    if scale is not None:  # scale before dividing: one rounding, 41 * 100 / 250 is 16.4 exactly
        top = exp.Mul(this=exp.cast(top, "DOUBLE"), expression=exp.Literal.number(scale))
    value = exp.Div(
        this=top,
        expression=exp.Nullif(this=exp.column("value", "d"), expression=exp.Literal.number(0)),
    )
    join_on = exp.and_(
        exp.EQ(this=exp.column("person", "n"), expression=exp.column("person", "d")),
        exp.EQ(this=exp.column("period_start", "n"), expression=exp.column("period_start", "d")),
    )
    return (
        exp.select(
            exp.alias_(exp.column("person", "d"), _ident("person")),
            exp.alias_(exp.column("period_start", "d"), _ident("period_start")),
            exp.alias_(value, _ident("value")),
        )
        .with_("n", as_=num)
        .with_("d", as_=den)
        .from_("d")
        .join("n", on=join_on, join_type="left")
    )


def measure_sql(
    definition: Definition, *, kpi: str, grain: str, dialect: str = "duckdb", fiscal_start: int = 1
) -> str:
    """One resolved definition's SQL in ``dialect`` (tables named as the sources)."""
    dialect = _check_dialect(dialect)
    by_person = all(m.person for m in definition.measures())  # else every row is one's
    query = definition_query(
        definition, kpi=kpi, grain=grain, fiscal_start=fiscal_start, by_person=by_person
    )
    from krakit.metrics.dialects import for_dialect

    return for_dialect(query, dialect).sql(dialect=dialect)


def grain_of(kpi: KPI, definition: Definition, grain: str | None = None) -> str:
    """The grain a KPI is computed at: ``grain`` if given, the definition's, the KPI's
    frequency, or monthly."""
    if grain is not None:
        if grain not in GRAIN_UNITS:
            raise InputError(
                f"'{grain}' is not a grain; use one of {', '.join(GRAIN_UNITS)}",
                field="grain",
                value=grain,
            )
        return grain
    if definition.grain is not None:
        return definition.grain
    return kpi.frequency.value if kpi.frequency is not None else "monthly"


def fiscal_start_of(card: Scorecard, grain: str = "annual") -> int:
    """The month a card's years begin at ``grain``: its ``scoring.fiscal_year_start``; else,
    for an annual grain, April when its period is a fiscal label (``FY2026-27``), as scoring
    reads such labels (a year from April to March, not two calendar halves); else January.
    Quarters keep calendar labels then (April's quarters are the calendar's).

    Examples
    --------
    >>> from krakit.model import Scorecard
    >>> card = Scorecard(role={"title": "Sales"}, period="FY2026-27")
    >>> fiscal_start_of(card), fiscal_start_of(card, "quarterly")
    (4, 1)
    >>> fiscal_start_of(card.model_copy(update={"period": "2026"}))
    1
    """
    if card.scoring is not None and card.scoring.fiscal_year_start is not None:
        return card.scoring.fiscal_year_start
    if grain == "annual" and card.period and "FY" in card.period.upper():
        from krakit.when import FISCAL_START

        return FISCAL_START
    return 1


def sql_for(
    card_or_kpi: Scorecard | KPI,
    dialect: str = "duckdb",
    *,
    metrics: MetricLibrary | str | None = None,
    grain: str | None = None,
) -> dict[str, str]:
    """Each KPI's SQL, in ``dialect``, to run the same definitions in a warehouse.

    The SQL reads tables named as the sources and returns ``person, period_start, value``
    (``period_start``: the first day of the period, at the KPI's grain; ``person`` is ``''``
    when the definition names no person column).

    Parameters
    ----------
    card_or_kpi
        A scorecard (every KPI with a definition) or one KPI.
    dialect
        duckdb, postgres, spark, bigquery or snowflake (:data:`DIALECTS`).
    metrics
        The metrics.yaml (or a loaded library) that ``ref`` definitions name.

    Returns
    -------
    dict
        KPI id -> SQL; KPIs without a definition are left out.

    Raises
    ------
    InputError
        A refused expression, an unknown ref or dialect (names the KPI and the token).

    Examples
    --------
    >>> from krakit.model import KPI
    >>> kpi = KPI(id="revenue", frequency="quarterly", definition={
    ...     "source": "invoices", "agg": "sum", "expr": "amount", "time": "issued_on",
    ...     "person": "owner"})
    >>> print(sql_for(kpi, "postgres")["revenue"])  # doctest: +NORMALIZE_WHITESPACE
    SELECT CAST("owner" AS TEXT) AS "person", CAST(DATE_TRUNC('QUARTER', "issued_on") AS DATE)
    AS "period_start", CAST(SUM("amount") AS DOUBLE PRECISION) AS "value" FROM "invoices"
    WHERE NOT "issued_on" IS NULL AND NOT "owner" IS NULL GROUP BY 1, 2
    """
    from krakit.metrics.library import MetricLibrary, load_metrics
    from krakit.model import KPI as KPIModel

    dialect = _check_dialect(dialect)
    library = load_metrics(metrics) if metrics is not None else MetricLibrary()
    kpis = [card_or_kpi] if isinstance(card_or_kpi, KPIModel) else card_or_kpi.all_kpis()
    out: dict[str, str] = {}
    for kpi in kpis:
        if kpi.definition is None:
            continue
        definition = library.resolve(kpi.definition, kpi=kpi.id)
        at = grain_of(kpi, definition, grain)
        fiscal = 1 if isinstance(card_or_kpi, KPIModel) else fiscal_start_of(card_or_kpi, at)
        out[kpi.id] = measure_sql(
            definition, kpi=kpi.id, grain=at, dialect=dialect, fiscal_start=fiscal
        )
    return out


def _check_dialect(dialect: str) -> str:
    """``dialect`` in lower case, if it is one of :data:`DIALECTS`; else an InputError."""
    name = dialect.strip().lower()
    if name not in DIALECTS:
        raise InputError(
            f"'{dialect}' is not an SQL dialect krakit can write; use one of "
            f"{', '.join(DIALECTS)} (another warehouse may lack the median and percentile "
            "these write)",
            field="dialect",
            value=dialect,
        )
    return name
