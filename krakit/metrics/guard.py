"""Check what an analyst wrote before any SQL runs: an expression over the source's columns.

Each ``expr`` and ``filter`` is parsed with sqlglot into a tree; every node of the tree must be
one of the kinds listed in :data:`ALLOWED` (columns, literals, arithmetic, comparisons, CASE,
CAST) or a function in :data:`FUNCTIONS`. Anything else is refused with a
:class:`~krakit.errors.InputError` naming the KPI, the field and the token, and the class of
thing it is (:data:`REFUSED` says what each class is called and why): table functions that read
files, subqueries, statements (DDL, DML, settings), set operations, comments, several
statements, aggregates and windows (the aggregation is ``agg``), ``*``, parameters, qualified
or unknown columns, unknown functions. The SQL krakit runs is then generated from the checked
tree (:mod:`krakit.metrics.compile`), never by pasting the text.

Examples
--------
>>> tree = check_expression("date_diff('day', opened, closed)", kpi="ttf", field="expr")
>>> tree.sql(dialect="duckdb")
"DATE_DIFF('DAY', opened, closed)"
>>> check_expression("(select 1)", kpi="ttf", field="filter")  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
krakit.errors.InputError: ... KPI 'ttf': '(SELECT 1)' is a subquery; ...
"""

from __future__ import annotations

import re
from collections.abc import Collection
from functools import lru_cache
from typing import NamedTuple

from sqlglot import exp, parse, tokens
from sqlglot.errors import ParseError, TokenError

from krakit.errors import InputError

__all__ = ["ALLOWED", "FUNCTIONS", "REFUSED", "check_expression"]

ALLOWED: tuple[type[exp.Expression], ...] = (
    exp.Column, exp.Identifier, exp.Literal, exp.Boolean, exp.Null, exp.Paren, exp.Neg,
    exp.Not, exp.Add, exp.Sub, exp.Mul, exp.Div, exp.IntDiv, exp.Mod, exp.DPipe,
    exp.EQ, exp.NEQ, exp.GT, exp.GTE, exp.LT, exp.LTE, exp.NullSafeEQ, exp.NullSafeNEQ,
    exp.Is, exp.Between, exp.Like, exp.ILike, exp.In, exp.And, exp.Or,
    exp.Case, exp.If, exp.Cast, exp.TryCast, exp.DataType, exp.Interval,
)  # fmt: skip
"""Kinds of node an expression may hold besides the functions."""

FUNCTIONS: dict[type[exp.Expression], str] = {
    exp.Abs: "abs", exp.Round: "round", exp.Floor: "floor", exp.Ceil: "ceil",
    exp.Sqrt: "sqrt", exp.Ln: "ln", exp.Log: "log", exp.Pow: "power", exp.Sign: "sign",
    exp.Greatest: "greatest", exp.Least: "least", exp.Coalesce: "coalesce",
    exp.Nullif: "nullif", exp.Lower: "lower", exp.Upper: "upper", exp.Length: "length",
    exp.Trim: "trim", exp.Substring: "substring", exp.Concat: "concat",
    exp.StrPosition: "strpos", exp.DateDiff: "date_diff", exp.DateTrunc: "date_trunc",
    exp.TimestampTrunc: "date_trunc", exp.Extract: "extract", exp.Year: "year",
    exp.Month: "month", exp.Day: "day", exp.Quarter: "quarter", exp.DayOfWeek: "dayofweek",
    exp.DateAdd: "date_add", exp.DateSub: "date_sub", exp.CurrentDate: "current_date",
    exp.TimeToUnix: "epoch",
}  # fmt: skip
"""The functions an expression may call (sqlglot's class -> the name analysts write)."""


class Refusal(NamedTuple):
    """A class of thing an expression may not hold, and why."""

    kinds: tuple[type[exp.Expression], ...]
    what: str
    why: str


REFUSED: tuple[Refusal, ...] = (
    Refusal(
        (exp.Union, exp.Intersect, exp.Except),
        "a set operation",
        "a definition reads one source; name another source in its own measure",
    ),
    Refusal(
        (exp.Subquery, exp.Select, exp.Exists, exp.Query),
        "a subquery",
        "a definition reads one source; name another source in its own measure",
    ),
    Refusal(
        (exp.DDL, exp.DML, exp.Command, exp.Drop, exp.Set, exp.Pragma, exp.Use, exp.Copy),
        "a statement",
        "only an expression over the source's columns is allowed here",
    ),
    Refusal(
        (exp.UDTF, exp.Table, exp.ReadCSV, exp.Unnest),
        "a table function",
        "a definition reads its named source only; pass files with data={name: path}",
    ),
    Refusal(
        (exp.Window, exp.AggFunc),
        "an aggregate or window",
        "the aggregation is the definition's 'agg'; write the row-level expression here",
    ),
    Refusal((exp.Star,), "'*'", "name the column; count rows with agg 'count' and no expr"),
    Refusal(
        (exp.Placeholder, exp.Parameter, exp.SessionParameter),
        "a parameter",
        "write the value itself",
    ),
)
"""What is refused by name; any other node not in ALLOWED or FUNCTIONS is refused too."""

REFUSED_KINDS = tuple(kind for refusal in REFUSED for kind in refusal.kinds)

_ONE_SOURCE = REFUSED[1].why
_TABLE_WHY = REFUSED[3].why
_FILE_READERS = ("read_", "glob", "sniff_", "parquet_", "getenv", "current_setting")


def _fail(kpi: str, field: str, token: str, what: str, why: str) -> InputError:
    return InputError(
        f"KPI '{kpi}': {token!r} is {what}; {why}",
        field=f"kpis[{kpi}].definition.{field}",
        value=token,
    )


_OPERATOR_WORDS = frozenset(
    "and or not in is null like ilike glob similar to escape between case when then else end "
    "as distinct true false interval cast try_cast".split()
)
"""SQL words that join names: two names with one of these between them are not one name."""


def _spaced_name(text: str) -> str | None:
    """The first run of two or more bare words in ``text`` (outside quotes, no SQL word
    among them), as one name: ``Resolution Hours``; None when there is none."""
    bare = re.sub(r"'[^']*'|\"[^\"]*\"", lambda m: " " * len(m[0]), text)
    for run in re.finditer(r"[A-Za-z_]\w*(?:[ \t]+[A-Za-z_]\w*)+", bare):
        words: list[str] = []
        for word in [*run[0].split(), "and"]:
            if word.lower() not in _OPERATOR_WORDS:
                words.append(word)
            elif len(words) > 1:
                return " ".join(words)
            else:
                words = []
    return None


def _quote_hint(text: str) -> str:
    """How to write a name with a space in it, when ``text`` seems to hold one; else ''."""
    name = _spaced_name(text)
    if name is None:
        return ""
    return (
        f"; a column whose name has a space is written in double quotes ('\"{name}\"'), "
        f"a text value in single quotes (\"'{name}'\")"
    )


def _complaint(exc: ParseError | TokenError, text: str) -> str:
    """What the parser found wrong, in words (no sqlglot class names)."""
    if isinstance(exc, TokenError) or not exc.errors:
        if text.count("'") % 2 or text.count('"') % 2:
            return "a quote is not closed"
        return "it holds something SQL cannot read"
    first = exc.errors[0]
    said, token = str(first.get("description") or ""), str(first.get("highlight") or "")
    if said.startswith("Required keyword"):
        return f"{token!r} is missing what comes after it"
    if said.startswith("Expecting )"):
        return "a '(' is not closed"
    if said.startswith("Invalid expression / Unexpected token"):
        return f"{token!r} is not expected at column {first.get('col')}"
    return re.sub(r"<class '[\w.]+\.(\w+)'>", r"\1", said).rstrip(".")


@lru_cache(maxsize=4096)
def _parse(text: str) -> tuple[exp.Expression, ...] | str:
    """The statements in ``text``, or the parser's complaint in words."""
    try:
        return tuple(e for e in parse(text, read="duckdb") if e is not None)
    except (ParseError, TokenError) as exc:
        return _complaint(exc, text) + _quote_hint(text)


def _has_comment(text: str) -> bool:
    try:
        return any(t.comments for t in tokens.Tokenizer().tokenize(text))
    except TokenError:
        return False


def check_expression(
    text: str,
    *,
    kpi: str,
    field: str,
    columns: Collection[str] | None = None,
) -> exp.Expression:
    """Parse ``text`` and return its tree if it holds only allowed nodes, functions, columns.

    Parameters
    ----------
    text
        What the analyst wrote for ``expr`` or ``filter`` (DuckDB's SQL spelling).
    kpi, field
        Named in the error (``kpis[ttf].definition.filter``).
    columns
        The source's columns; None skips the column check (the source is not at hand).

    Returns
    -------
    sqlglot.exp.Expression
        A fresh tree (copy it into a query freely).

    Raises
    ------
    InputError
        Names the KPI, the field and the refused token, and what to do.
    """
    if _has_comment(text) or "--" in text or "/*" in text:
        raise _fail(kpi, field, text, "written with a comment", "remove the comment")
    parsed = _parse(text)
    if isinstance(parsed, str):
        raise InputError(
            f"KPI '{kpi}': cannot read {text!r} as an SQL expression ({parsed})",
            field=f"kpis[{kpi}].definition.{field}",
            value=text,
        )
    if len(parsed) != 1:
        raise _fail(kpi, field, text, "more than one statement", "write one expression")
    tree = parsed[0]
    if isinstance(tree, exp.Alias) and _quote_hint(text):  # 'Resolution Hours': 'a AS b'
        raise _fail(kpi, field, text, "two names, not one", _quote_hint(text).removeprefix("; "))
    if not isinstance(tree, exp.Condition) and not isinstance(tree, tuple(REFUSED_KINDS)):
        what = "a statement"
        raise _fail(kpi, field, text, what, "only an expression over the columns is allowed")
    known = None if columns is None else {c.lower(): c for c in columns}
    for node in tree.walk():
        _check_node(node, kpi, field, known)
    return tree.copy()


def _check_node(node: exp.Expression, kpi: str, field: str, known: dict[str, str] | None) -> None:
    for refusal in REFUSED:
        if isinstance(node, refusal.kinds):
            raise _fail(kpi, field, node.sql(dialect="duckdb"), refusal.what, refusal.why)
    if isinstance(node, exp.Anonymous):
        name = str(node.this).lower()
        if name.startswith(_FILE_READERS):
            raise _fail(kpi, field, name, "a table function", _TABLE_WHY)
        raise _fail(kpi, field, name, "not a listed function", _functions_hint())
    if isinstance(node, exp.Var):
        if node.arg_key == "unit" or isinstance(node.parent, exp.Extract):
            return  # a date part: DAY in date_diff('day', ...)
        raise _fail(kpi, field, node.name, "not a column or value krakit knows", "check it")
    if type(node) in FUNCTIONS:
        return
    if not isinstance(node, ALLOWED):
        token = node.sql(dialect="duckdb") if not isinstance(node, exp.Func) else node.key
        if isinstance(node, exp.Func) and node.key.startswith(("read", *_FILE_READERS)):
            raise _fail(kpi, field, token, "a table function", _TABLE_WHY)
        raise _fail(kpi, field, token, "not allowed in a definition", _functions_hint())
    if isinstance(node, exp.Column):
        if node.table or isinstance(node.this, exp.Star):
            raise _fail(
                kpi, field, node.sql(), "a qualified column", "name the source's column alone"
            )
        if known is not None and node.name.lower() not in known:
            raise _fail(
                kpi,
                field,
                node.name,
                "not a column of the source",
                f"its columns are {', '.join(sorted(known.values()))}",
            )
    if isinstance(node, exp.In) and node.args.get("query") is not None:
        raise _fail(kpi, field, node.sql(), "a subquery", _ONE_SOURCE)


@lru_cache(maxsize=1)
def _functions_hint() -> str:
    return "allowed functions: " + ", ".join(sorted(set(FUNCTIONS.values())))
