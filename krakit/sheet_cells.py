"""One KPI sheet row's cells read into the model's fields: words such as "Quarterly",
"lower is better" or "slab", a slab table "80:50; 90:80", a date, a list of codes.

:mod:`krakit.sheet_scorecards` calls :func:`kpi_data` on each row and builds the scorecards.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import re
from typing import Any

from krakit.errors import InputError, ParseError
from krakit.sheets import Sheet, SheetRow, header_key

__all__ = ["column_of", "kpi_data", "unique_id"]

_FREQUENCIES = {
    "daily": "daily",
    "day": "daily",
    "weekly": "weekly",
    "week": "weekly",
    "monthly": "monthly",
    "month": "monthly",
    "quarterly": "quarterly",
    "quarter": "quarterly",
    "annual": "annual",
    "annually": "annual",
    "yearly": "annual",
    "year": "annual",
    "half yearly": "annual",
}
_POLARITY = {
    "higher is better": "higher_is_better",
    "higher": "higher_is_better",
    "increase": "higher_is_better",
    "up": "higher_is_better",
    "max": "higher_is_better",
    "lower is better": "lower_is_better",
    "lower": "lower_is_better",
    "decrease": "lower_is_better",
    "down": "lower_is_better",
    "min": "lower_is_better",
    "in range": "in_range",
    "range": "in_range",
}

# Other words sheets use for a target type; each type's value and label (as the wizard shows
# it, from krakit.scoring.targets) are read too.
_TARGET_WORDS = {
    "actual vs target": "ratio",
    "actual against target": "ratio",
    "progress from baseline": "progress",
    "done or not": "milestone",
    "slabs": "slab",
    "stepped": "slab",
    "stepped points": "slab",
}


@functools.cache
def _target_types() -> dict[str, str]:
    """Cell words (normalised by header_key) -> target type value."""
    from krakit.scoring.targets import TARGET_KINDS

    words = dict(_TARGET_WORDS)
    for kind in TARGET_KINDS:
        words[header_key(kind.type.value)] = words[header_key(kind.label)] = kind.type.value
    return words


def column_of(sheet: Sheet, name: str) -> str:
    """The sheet's header for a field (the field's name when the sheet has none)."""
    return next((h for h, n in sheet.columns.items() if n == name), name)


def _slab_cell(value: Any) -> str:
    """A slab cell as text; Excel turns a lone ``80:50`` into a time, read back as typed."""
    if isinstance(value, dt.timedelta):
        minutes = round(value.total_seconds() / 60)
        return f"{minutes // 60}:{minutes % 60}"
    if isinstance(value, dt.time):
        return f"{value.hour}:{value.minute}"
    return str(value)


def _scoring(sheet: Sheet, f: dict[str, Any], data: dict[str, Any]) -> None:
    """Read the target type and slabs cells of a row into ``data``.

    A row with slabs and no target type is scored by slabs.
    """
    if "target_type" in f:
        kind = _target_types().get(header_key(f["target_type"]))
        if kind is None:
            raise InputError(
                f"unknown target type {f['target_type']!r} in column "
                f"'{column_of(sheet, 'target_type')}'; use ratio, progress, threshold, milestone "
                "or slab",
                field="target_type",
                value=f["target_type"],
            )
        data["target_type"] = kind
    if "slabs" in f:
        from krakit.text.slabs import slab_steps

        try:
            steps = slab_steps(_slab_cell(f["slabs"]))
            data["slabs"] = [{"at": at, "points": points} for at, points in steps]
        except ParseError as exc:
            raise InputError(
                f"{exc.reason}; fix the cell in column '{column_of(sheet, 'slabs')}' "
                "(e.g. '80:50; 90:80; 100:100')",
                field="slabs",
                value=f["slabs"],
            ) from exc
        data.setdefault("target_type", "slab")
    elif data.get("target_type") == "slab":
        raise InputError(
            f"this KPI is scored by slabs (column '{column_of(sheet, 'target_type')}') but "
            f"lists none: fill its cell in column '{column_of(sheet, 'slabs')}' (e.g. "
            "'80:50; 90:80; 100:100') or choose another target type",
            field="target_type",
            value=f.get("target_type"),
        )


def unique_id(base: str, used: dict[str, int]) -> str:
    """``base``, or ``base-2``, ``base-3``... the first not used yet (amortised O(1))."""
    if base not in used:
        used[base] = 1
        return base
    n = used[base]
    while True:
        n += 1
        candidate = f"{base[:55].rstrip('-')}-{n}"
        if candidate not in used:
            used[base] = n
            used[candidate] = 1
            return candidate


def kpi_data(sheet: Sheet, row: SheetRow, used: dict[str, int]) -> dict[str, Any]:
    """The model fields of one KPI row (``used`` holds the ids taken so far on its card).

    Raises
    ------
    InputError
        A word cell krakit cannot read (frequency, direction, target type) or a slab table
        that is not one, naming the field and the column (the caller adds the file and row).
    """
    from krakit.model import slugify

    f = row.fields
    data: dict[str, Any] = {"statement": str(f.get("statement") or "")[:2000]}
    for name in (
        "metric",
        "unit",
        "owner",
        "data_source",
        "target",
        "baseline",
        "target_low",
        "target_high",
        "weight",
    ):
        if name in f:
            data[name] = f[name] if not isinstance(f[name], str) else f[name][:300]
    if "frequency" in f:
        freq = _FREQUENCIES.get(header_key(f["frequency"]))
        if freq is None and "deadline" not in f:
            from krakit.text.time import period_end

            if period_end(str(f["frequency"]).strip()) is not None:  # "Q4 2026" in a Period column
                data["deadline"] = str(f["frequency"]).strip()
                freq = ""
        if freq is None:
            raise InputError(
                f"unknown frequency {f['frequency']!r}; use daily, weekly, monthly, quarterly "
                "or annual",
                row=row.row,
                field="frequency",
                value=f["frequency"],
            )
        if freq:
            data["frequency"] = freq
    if "polarity" in f:
        polarity = _POLARITY.get(header_key(f["polarity"]))
        if polarity is None:
            raise InputError(
                f"unknown direction {f['polarity']!r}; use 'higher is better', "
                "'lower is better' or 'in range'",
                row=row.row,
                field="polarity",
                value=f["polarity"],
            )
        data["polarity"] = polarity
    if "indicator" in f:
        indicator = header_key(f["indicator"])
        if indicator in ("leading", "lagging"):
            data["indicator"] = indicator
    if "deadline" in f:
        value = f["deadline"]
        data["deadline"] = value.date() if hasattr(value, "date") else str(value)
    if isinstance(f.get("last_reviewed"), str):  # a CSV's 2026-01-31 (other text is skipped)
        with contextlib.suppress(ValueError):
            f = {**f, "last_reviewed": dt.date.fromisoformat(f["last_reviewed"].strip())}
    if "last_reviewed" in f and hasattr(f["last_reviewed"], "year"):
        value = f["last_reviewed"]
        data["last_reviewed"] = value.date() if hasattr(value, "date") else value
    _scoring(sheet, f, data)
    if "ignore" in f:
        data["ignore"] = [c for c in re.split(r"[\s,;]+", str(f["ignore"])) if c]
    base = slugify(str(f.get("metric") or f.get("statement") or ""), fallback="kpi")
    data["id"] = unique_id(base, used)
    return data
