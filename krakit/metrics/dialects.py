"""What one warehouse spells differently: a query tree made valid for its dialect.

sqlglot transpiles most of a definition's SQL, but a median or a percentile has no one
spelling every warehouse accepts as an aggregate:

==========  ===================================================================
dialect     median / percentile p (exact, interpolated, NULLs ignored)
==========  ===================================================================
duckdb      ``MEDIAN(x)`` / ``QUANTILE_CONT(x, p)``
postgres    ``PERCENTILE_CONT(p) WITHIN GROUP (ORDER BY x)``
snowflake   ``MEDIAN(x)`` / ``PERCENTILE_CONT(p) WITHIN GROUP (ORDER BY x)``
spark       ``PERCENTILE(x, p)`` (``PERCENTILE_CONT(x, p)`` is not Spark SQL; ``MEDIAN``
            only since Spark 3.4)
bigquery    no aggregate: ``PERCENTILE_CONT(x, p)`` is analytic only, so the value is
            ``PERCENTILE_CONT(x, p) OVER (PARTITION BY person, period_start)`` in a subquery
            and the outer query takes its ``MAX`` per group (one value per group; exact,
            unlike ``APPROX_QUANTILES``)
==========  ===================================================================

Examples
--------
>>> from sqlglot import exp
>>> q = exp.select(exp.alias_(exp.Median(this=exp.column("x")), "value")).from_("t")
>>> for_dialect(q, "spark").sql(dialect="spark")
'SELECT PERCENTILE(x, 0.5) AS value FROM t'
"""

from __future__ import annotations

from sqlglot import exp

__all__ = ["for_dialect"]

_QUANTILES = (exp.Median, exp.PercentileCont)


def _p(node: exp.Expression) -> exp.Expression:
    """The fraction a median or percentile node asks for, as a literal."""
    if isinstance(node, exp.Median):
        return exp.Literal.number(0.5)
    return node.expression.copy()


def for_dialect(query: exp.Expression, dialect: str) -> exp.Expression:
    """A copy of ``query`` (built by :mod:`krakit.metrics.compile`) valid in ``dialect``.

    Parameters
    ----------
    query
        A ``SELECT person, period_start, value ... GROUP BY 1, 2``, or a ratio of two in
        CTEs.
    dialect
        The sqlglot dialect it will be written in.

    Returns
    -------
    sqlglot.exp.Expression
        The same query where it was valid already; else with each median or percentile
        respelled as the table in the module docstring says.
    """
    name = dialect.lower()
    if name not in ("spark", "spark2", "databricks", "bigquery"):
        return query
    query = query.copy()
    if name == "bigquery":
        for select in list(query.find_all(exp.Select)):
            if any(e.find(*_QUANTILES) for e in select.expressions):  # its own, not its CTEs'
                new = _windowed(select)
                query = new if select is query else query
                select.replace(new)
        return query
    for node in list(query.find_all(*_QUANTILES)):
        node.replace(exp.Quantile(this=node.this.copy(), quantile=_p(node)))
    return query


def _windowed(select: exp.Select) -> exp.Select:
    """``SELECT person, period_start, f(PERCENTILE_CONT(x, p)) ... GROUP BY 1, 2`` as the
    analytic form BigQuery takes: the percentile over each group's rows, then one per group."""
    person, period, value = (e.copy() for e in select.expressions)
    keys = [person.this.copy(), period.this.copy()]
    for node in list(value.find_all(*_QUANTILES)):
        cont = exp.PercentileCont(this=node.this.copy(), expression=_p(node))
        node.replace(exp.Window(this=cont, partition_by=[k.copy() for k in keys], over="OVER"))
    rows = select.copy()
    rows.set("expressions", [person, period, value])
    rows.set("group", None)
    outer = [exp.column(exp.to_identifier(e.alias, quoted=True)) for e in (person, period)]
    top = exp.Max(this=exp.column(exp.to_identifier(value.alias, quoted=True)))
    return (
        exp.select(*outer, exp.alias_(top, exp.to_identifier(value.alias, quoted=True)))
        .from_(rows.subquery(exp.to_identifier("rows_", quoted=True)))
        .group_by(exp.Literal.number(1), exp.Literal.number(2))
    )
