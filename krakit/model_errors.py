"""Pydantic's errors in a manager's words: the path of the field and what was expected.

Examples
--------
>>> data = {"kras": [{"title": "Sales", "kpis": [{}, {"id": "cr"}]}]}
>>> where(("kras", 0, "kpis", 1, "target"), data)
'kras[sales].kpis[cr].target'
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from krakit.errors import ScorecardError
from krakit.slugs import slugify

__all__ = ["reworded", "scorecard_error", "where"]


def where(loc: Sequence[int | str], data: Any) -> str:
    """Turn a pydantic error location into the path a reader follows.

    List indices become the item's id where it has one, so ``('kras', 0, 'kpis', 1,
    'target')`` reads ``kras[sales].kpis[conversion-rate].target``.

    Examples
    --------
    >>> where(("kras", 0, "weight"), {"kras": [{"id": "sales"}]})
    'kras[sales].weight'
    >>> where(("kras", 3, "weight"), {})
    'kras[3].weight'
    """
    parts: list[str] = []
    node: Any = data
    for key in loc:
        if isinstance(key, int):
            label = str(key)
            item = node[key] if isinstance(node, list) and 0 <= key < len(node) else None
            if isinstance(item, Mapping):
                label = _label_of(item) or label
            parts.append(f"[{label}]")
            node = item
        else:
            # pydantic adds validator and union-member tags to the location; skip them.
            if "[" in key or key in {"date", "str", "float", "int"}:
                continue
            parts.append(("." if parts else "") + key)
            node = node.get(key) if isinstance(node, Mapping) else None
    return "".join(parts)


def _label_of(item: Mapping[str, Any]) -> str | None:
    """The id a list item has, or will get from its title, metric or statement."""
    if isinstance(item.get("id"), str) and item["id"]:
        return item["id"]
    for key in ("title", "metric", "statement"):
        if isinstance(item.get(key), str) and item[key].strip():
            return slugify(item[key])
    return None


_MESSAGES = {
    "missing": "this field is required",
    "extra_forbidden": "krakit does not know this field; check its spelling",
    "string_pattern_mismatch": "expected an id of lowercase letters, digits and '-' "
    "(e.g. 'time-to-hire')",
}


def reworded(err: Mapping[str, Any]) -> str:
    """A pydantic error message, reworded for a manager."""
    if err["type"] in _MESSAGES:
        return _MESSAGES[err["type"]]
    message = str(err["msg"]).removeprefix("Value error, ")
    message = message.replace("Input should be a valid", "expected a").replace(
        "Input should be", "expected"
    )
    message = message.replace("expected greater", "expected a number greater")
    message = message.replace("expected less", "expected a number less")
    return message.replace(", unable to parse string as a number", "")


def scorecard_error(exc: ValidationError, data: Any, path: str | Path | None) -> ScorecardError:
    """One :class:`ScorecardError` for all of a validation's problems: the first, then the rest."""
    problems = []
    for err in exc.errors(include_url=False):
        field = where(err["loc"], data)
        message = reworded(err)
        got = err.get("input")
        quiet = {"missing", "value_error", "extra_forbidden"}
        if err["type"] not in quiet and not isinstance(got, Mapping | list):
            message += f", got {got!r}"
        problems.append((field, message, got))
    field, message, got = problems[0]
    if len(problems) > 1:
        more = "; ".join(f"{f or 'scorecard'}: {m}" for f, m, _ in problems[1:6])
        message += f" (and {len(problems) - 1} more: {more})"
    return ScorecardError(message, path=path, field=field or None, value=got)
