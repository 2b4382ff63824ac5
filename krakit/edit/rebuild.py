"""The one way every edit works: the scorecard as plain data, changed, validated back.

Every edit takes a :class:`~krakit.model.Scorecard` and returns a *new*, validated one; the
input is never changed, and the new one remembers the file the old one came from (so a later
:func:`krakit.save` still detects conflicts).

Examples
--------
>>> from krakit.edit import new_scorecard
>>> sc = new_scorecard("Recruiter")
>>> data = data_of(sc)
>>> data["role"]["title"] = "Senior recruiter"
>>> rebuild(sc, data).role.title
'Senior recruiter'
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from krakit.errors import InputError
from krakit.model import Scorecard, validate_scorecard

__all__ = ["data_of", "find_item", "rebuild", "unique_id"]


def rebuild(old: Scorecard, data: Mapping[str, Any]) -> Scorecard:
    """Validate ``data`` as a scorecard that remembers the file ``old`` came from."""
    new = validate_scorecard(data)
    new._origin = old._origin
    return new


def data_of(sc: Scorecard) -> dict[str, Any]:
    """The scorecard as plain, editable data (a deep copy)."""
    return sc.model_dump(mode="python", exclude_none=False)


def unique_id(base: str, taken: Iterable[str]) -> str:
    """``base``, or ``base-2``, ``base-3``... whichever is not taken."""
    taken = set(taken)
    if base not in taken:
        return base
    n = 2
    while f"{base}-{n}" in taken:
        n += 1
    return f"{base}-{n}"


def find_item(items: list[dict[str, Any]], item_id: str, what: str) -> dict[str, Any]:
    """The item of ``items`` with this id; ``what`` (``"kras"``) names the list in the error."""
    for item in items:
        if item["id"] == item_id:
            return item
    raise InputError(f"there is no {what[:-1].upper()} '{item_id}'", field=what, value=item_id)
