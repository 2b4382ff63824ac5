"""Bring a scorecard file written in an older format up to the current one.

A scorecard file says which format it uses (``schema_version: 2``). Before the data is
validated, :func:`migrate` applies the registered steps in order, each turning format ``n``
into ``n + 1``, so a file written by any older krakit still opens; the next save writes the
current format. A file without ``schema_version`` is read as the current format (a
hand-written file need not know it). A file from a *newer* krakit is refused with a message
saying which format it is and how to upgrade, because silently dropping what an older
krakit does not know would lose data.

Formats
-------
1
    ``ignore`` is a list of checker codes; :func:`krakit.edit.ignore` kept the reason as a
    line ``Ignored M001: <reason>`` in the KPI's ``note`` (a KRA's ``description``).
2
    ``ignore`` maps each code to its reason (``ignore: {M001: agreed with finance}``); a
    plain list of codes is still read, with empty reasons.

Adding a format: bump :data:`krakit.model.SCHEMA_VERSION`, write ``_v2_to_v3(data)`` (pure:
plain data in, plain data out, never the input changed), register it in :data:`STEPS`, and
add a fixture of the old format under ``tests/data/``.

Examples
--------
>>> old = {"schema_version": 1, "role": {"title": "Recruiter"},
...        "unassigned_kpis": [{"id": "calls", "ignore": ["M001"],
...                             "note": "Ignored M001: agreed with finance"}]}
>>> new = migrate(old)
>>> new["schema_version"], new["unassigned_kpis"][0]["ignore"]
(2, {'M001': 'agreed with finance'})
>>> "note" in new["unassigned_kpis"][0]
False
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable, Mapping
from os import PathLike
from typing import Any

from krakit.errors import ScorecardError

__all__ = ["CURRENT", "STEPS", "migrate", "version_of"]

Data = dict[str, Any]

# The note line format 1 wrote for an ignored rule: "Ignored M001: agreed with finance".
_IGNORED_LINE = re.compile(r"^\s*Ignored ([A-Za-z][A-Za-z0-9]{0,7}): ?(.*?)\s*$")


def _ignore_with_reasons(owner: dict[str, Any], text_field: str | None) -> None:
    """Format 1 to 2 for one KPI, KRA or scorecard: reasons move from the note to ``ignore``."""
    codes = owner.get("ignore")
    if isinstance(codes, list | tuple):
        if not all(isinstance(code, str) for code in codes):
            return  # not a list of codes: leave it for validation to name the field
        mapping: dict[Any, Any] = {}
        for code in codes:
            key = code.strip().upper()
            if key != "":
                mapping.setdefault(key, "")
    elif isinstance(codes, Mapping):
        mapping = dict(codes)
    else:
        return  # absent, or not something format 1 wrote: validation says what is wrong
    text = owner.get(text_field) if text_field else None
    if text_field and isinstance(text, str) and mapping:
        kept: list[str] = []
        for line in text.split("\n"):
            match = _IGNORED_LINE.match(line)
            code = match[1].upper() if match else None
            if match and code in mapping:
                reason = match[2]
                old = mapping[code] or ""
                if reason and reason not in old.split("; "):
                    mapping[code] = f"{old}; {reason}" if old else reason
            else:
                kept.append(line)
        rest = "\n".join(kept).strip()
        if rest:
            owner[text_field] = rest
        else:
            owner.pop(text_field, None)
    if mapping:
        owner["ignore"] = mapping
    else:
        owner.pop("ignore", None)


def _dicts(items: Any) -> list[dict[str, Any]]:
    """The mappings in a list; nothing for anything else (validation names a wrong type)."""
    if not isinstance(items, list):
        return []
    return [item for item in items if isinstance(item, dict)]


def _v1_to_v2(data: Data) -> Data:
    """Format 1 to 2: ignore reasons leave the notes and become data.

    Only lines naming a code that is ignored there move; any other text stays in the note
    (a KRA's description), and a note left empty is dropped.
    """
    data = copy.deepcopy(data)
    _ignore_with_reasons(data, None)  # the scorecard's own list had no reasons
    for kra in _dicts(data.get("kras")):
        _ignore_with_reasons(kra, "description")
        for kpi in _dicts(kra.get("kpis")):
            _ignore_with_reasons(kpi, "note")
    for kpi in _dicts(data.get("unassigned_kpis")):
        _ignore_with_reasons(kpi, "note")
    data["schema_version"] = 2
    return data


# Step n turns format n into format n + 1.
STEPS: dict[int, Callable[[Data], Data]] = {1: _v1_to_v2}
# The format this krakit writes (krakit.model.SCHEMA_VERSION is the same number).
CURRENT = max(STEPS) + 1


def version_of(data: Mapping[str, Any], *, path: str | PathLike[str] | None = None) -> int:
    """The format a scorecard's data says it is in (the current one if it does not say).

    Raises
    ------
    ScorecardError
        ``schema_version`` is not a whole number from 1 up, or is newer than this krakit
        reads (naming the format and how to upgrade).

    Examples
    --------
    >>> version_of({"role": {"title": "x"}}) == CURRENT
    True
    >>> version_of({"schema_version": 99})
    Traceback (most recent call last):
    ...
    krakit.errors.ScorecardError: field 'schema_version': this file was written by a newer krakit (format 99); this krakit reads formats 1–2; upgrade krakit: pip install -U krakit
    """  # noqa: E501
    if "schema_version" not in data or data["schema_version"] is None:
        return CURRENT
    raw = data["schema_version"]
    version = raw
    if isinstance(raw, float) and raw.is_integer():
        version = int(raw)
    if isinstance(version, bool) or not isinstance(version, int):
        raise ScorecardError(
            f"expected the file format as a whole number (such as {CURRENT}), got {raw!r}; "
            f"write 'schema_version: {CURRENT}' or leave the line out",
            path=path,
            field="schema_version",
            value=raw,
        )
    if version < 1:
        raise ScorecardError(
            f"file formats start at 1, got {version}; write 'schema_version: {CURRENT}' "
            "or leave the line out",
            path=path,
            field="schema_version",
            value=raw,
        )
    if version > CURRENT:
        raise ScorecardError(
            f"this file was written by a newer krakit (format {version}); this krakit reads "
            f"formats 1–{CURRENT}; upgrade krakit: pip install -U krakit",
            path=path,
            field="schema_version",
            value=raw,
        )
    return version


def migrate(data: Any, *, path: str | PathLike[str] | None = None) -> Any:
    """Bring a scorecard's raw data (from YAML or JSON) up to the current format.

    Data already in the current format is returned as it is; older data is copied and
    upgraded step by step, never changed in place. Anything that is not a mapping is
    returned unchanged, for validation to refuse in words.

    Parameters
    ----------
    data
        The parsed file.
    path
        The file it came from, named in errors.

    Raises
    ------
    ScorecardError
        The format is newer than this krakit reads, or ``schema_version`` is not a number.
    """
    if not isinstance(data, Mapping):
        return data
    version = version_of(data, path=path)
    if version == CURRENT and data.get("schema_version") == CURRENT:
        return data
    out: Data = dict(data)
    while version < CURRENT:
        out = STEPS[version](out)
        version += 1
    out["schema_version"] = CURRENT
    return out
