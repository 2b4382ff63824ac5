"""One KPI sheet row's cells read into the model's fields: words such as "Quarterly",
"lower is better" or "slab", a slab table "80:50; 90:80", a date, a list of codes.

:mod:`krakit.sheet_scorecards` calls :func:`kpi_data` on each row and builds the scorecards.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import json
import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from krakit.errors import InputError, ParseError
from krakit.sheets import Sheet, SheetRow, header_key
from krakit.slugs import slugify

if TYPE_CHECKING:
    from pydantic import BaseModel

__all__ = ["column_of", "explicit_id", "ignore_codes", "json_data", "kpi_data", "unique_id"]
__all__ += ["validated"]

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


def json_data(sheet: Sheet, name: str, value: Any) -> Any:
    """A JSON cell (a definition, thresholds, a scoring section, as krakit export writes it).

    Raises
    ------
    InputError
        The cell is not JSON, naming the column.
    """
    try:
        return json.loads(str(value))
    except ValueError:
        raise InputError(
            f"column '{column_of(sheet, name)}' holds {str(value)[:80]!r}, which is not JSON as "
            'krakit export writes it (such as {"green": 95, "amber": 70}); fix or empty the cell',
            field=name,
            value=value,
        ) from None


def ignore_codes(sheet: Sheet, name: str, value: Any) -> Any:
    """An ignore cell: codes (``T001, M001``) or a JSON mapping of code to reason."""
    text = str(value).strip()
    if text.startswith("{"):
        return json_data(sheet, name, text)
    return [c for c in re.split(r"[\s,;]+", text) if c]


def explicit_id(value: Any, fallback: str) -> str:
    """An id written in an id column: kept when it is one, else made one (``Rev 1``: ``rev-1``)."""
    text = str(value).strip()
    if re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", text) and len(text) <= 80:
        return text
    return slugify(text, fallback=fallback)


def validated(
    cls: type[BaseModel],
    data: dict[str, Any],
    sheet: Sheet,
    row: int,
    header: Callable[[str], str],
    *,
    collect: bool,
    needed: tuple[str, ...] = (),
    where: str = "",
) -> Any:
    """``cls`` made from one row's ``data``; a value it refuses is an InputError naming the row
    and the column (``header`` of the field). With ``collect`` it is noted in
    ``sheet.problems`` and left out (None when the field is ``needed``).

    ``where`` names a worksheet other than the first ("worksheet 'Goals': ").
    """
    from pydantic import ValidationError

    data = {k: v for k, v in data.items() if v is not None}
    while True:
        try:
            return cls.model_validate(data)
        except ValidationError as exc:
            err = exc.errors(include_url=False)[0]
            field = str(err["loc"][0]) if err["loc"] else ""
            detail = str(err["msg"]).removeprefix("Value error, ")
            problem = InputError(
                f"{where}{detail}; fix the cell in column '{header(field)}'",
                path=sheet.path,
                row=row,
                field=field or None,
                value=err.get("input"),
            )
            if not collect:
                raise problem from exc
            sheet.problems.append(problem)
            if field not in data or field in needed:
                return None
            del data[field]


def _word(sheet: Sheet, f: dict[str, Any], name: str, words: dict[str, str]) -> str:
    """A cell holding one of a closed set of words (normalised by header_key)."""
    value = words.get(header_key(f[name]))
    if value is None:
        choices = ", ".join(dict.fromkeys(words.values()))
        raise InputError(
            f"unknown value {f[name]!r} in column '{column_of(sheet, name)}'; use {choices}",
            field=name,
            value=f[name],
        )
    return value


_KPI_TYPES = {"quantitative": "quantitative", "qualitative": "qualitative"}
_AGGREGATIONS = {"sum": "sum", "total": "sum", "mean": "mean", "average": "mean", "last": "last"}


@functools.lru_cache(maxsize=1024)
def _frequency(text: str) -> str | None:
    """A frequency cell's cadence: its word, or a cadence the time reader finds (a slip such
    as ``Quaterly``, ``every month``), or None."""
    word = _FREQUENCIES.get(header_key(text))
    if word is not None:
        return word
    from krakit.text.time import find_times

    text = text.strip()
    found = find_times(text)
    if len(found) != 1 or found[0].kind != "cadence" or found[0].span != (0, len(text)):
        return None  # the whole cell must be the cadence ("fortnightly-ish" is not one)
    return _FREQUENCIES.get(str(getattr(found[0].value, "value", found[0].value)))


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


def kpi_data(
    sheet: Sheet, row: SheetRow, used: dict[str, int], reserved: set[str] | None = None
) -> dict[str, Any]:
    """The model fields of one KPI row (``used`` holds the ids taken so far on its card).

    A row's own id (column 'KPI id') is kept while it is in ``reserved`` (the ids written on
    the card and not yet claimed); a second row with the same id gets a new one.

    Raises
    ------
    InputError
        A word cell krakit cannot read (frequency, direction, target type) or a slab table
        that is not one, naming the field and the column (the caller adds the file and row).
    """
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
        freq = _frequency(str(f["frequency"]))
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
        data["ignore"] = ignore_codes(sheet, "ignore", f["ignore"])
    if "note" in f:
        data["note"] = str(f["note"])[:2000]
    if "kpi_type" in f:
        data["type"] = _word(sheet, f, "kpi_type", _KPI_TYPES)
    if "aggregation" in f:
        data["aggregation"] = _word(sheet, f, "aggregation", _AGGREGATIONS)
    for name in ("thresholds", "definition"):
        if name in f:
            data[name] = json_data(sheet, name, f[name])
    own = explicit_id(f["kpi_id"], "kpi") if "kpi_id" in f else None
    if own is not None and reserved is not None and own in reserved:
        reserved.discard(own)
        data["id"] = own
        return data
    base = own or slugify(str(f.get("metric") or f.get("statement") or ""), fallback="kpi")
    data["id"] = unique_id(base, used)
    return data
