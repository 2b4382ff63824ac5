"""What belongs to a whole scorecard, on worksheets of its own in an Excel KPI sheet.

``krakit export`` writes, after the *KPIs* worksheet: *Scorecard* (one row per scorecard: its
period, the role's function, region and note, how weights are read, the scoring section and
the checker codes switched off), *Goals* (one row per goal) and *Actuals* (one row per actual).
Each row names its scorecard by Role and Holder, as the KPI rows do. ``krakit import`` reads
them back (:func:`read_card_sheets`, :func:`card_parts`), so an Excel round trip is exact. A
CSV file has one sheet: :func:`card_fields` says what it cannot hold.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from krakit.errors import InputError
from krakit.sheets import Sheet, SheetRow, header_key, restore, xlsx_text

if TYPE_CHECKING:
    from openpyxl import Workbook
    from pydantic import BaseModel

    from krakit.model import Scorecard

__all__ = ["WORKSHEETS", "card_fields", "card_key", "card_parts", "read_card_sheets"]
__all__ += ["write_card_sheets"]

_CARD = (
    ("role", "Role"),
    ("holder", "Holder"),
    ("period", "Period"),
    ("function", "Function"),
    ("region", "Region"),
    ("note", "Role note"),
    ("weights", "Weights"),
    ("scoring", "Scoring (JSON)"),
    ("ignore", "Ignore"),
)
_GOALS = (
    ("role", "Role"),
    ("holder", "Holder"),
    ("id", "Goal id"),
    ("title", "Goal"),
    ("description", "Description"),
)
_ACTUALS = (
    ("role", "Role"),
    ("holder", "Holder"),
    ("kpi", "KPI id"),
    ("period", "Period"),
    ("value", "Value"),
    ("note", "Note"),
)
WORKSHEETS: dict[str, tuple[tuple[str, str], ...]] = {
    "Scorecard": _CARD,
    "Goals": _GOALS,
    "Actuals": _ACTUALS,
}
"""Each worksheet after the KPIs: its columns as (field, header)."""

_NEEDED = {"Scorecard": {"role"}, "Goals": {"title"}, "Actuals": {"kpi", "period"}}


def card_fields(card: Scorecard) -> dict[str, Any]:
    """The scorecard's own fields no KPI row holds, by what a reader calls them (empty when
    not set).

    Examples
    --------
    >>> from krakit.model import Scorecard
    >>> fields = card_fields(Scorecard.model_validate({"role": {"title": "HR"}, "period": "2026"}))
    >>> [what for what, value in fields.items() if value]
    ['the period']
    """
    from krakit.model import WeightMode

    return {
        "the period": card.period,
        "the role's function": card.role.function,
        "the role's region": card.role.region,
        "the role's note": card.role.note,
        "the weights setting": card.weights is not WeightMode.PERCENT,
        "the scoring section": card.scoring,
        "the codes ignored on the whole scorecard": card.ignore,
        "the goals": card.goals,
        "the actuals": card.actuals,
    }


def _rows(card: Scorecard) -> dict[str, list[dict[str, Any]]]:
    from krakit.sheet_export import ignore_cell, json_cell

    who = {"role": card.role.title, "holder": card.holder}
    role = card.role
    return {
        "Scorecard": [
            {
                **who,
                "period": card.period,
                "function": role.function,
                "region": role.region,
                "note": role.note,
                "weights": card.weights.value,
                "scoring": json_cell(card.scoring),
                "ignore": ignore_cell(card.ignore),
            }
        ],
        "Goals": [{**who, **g.model_dump(mode="json")} for g in card.goals],
        "Actuals": [{**who, **a.model_dump(mode="json")} for a in card.actuals],
    }


def write_card_sheets(book: Workbook, cards: Sequence[Scorecard]) -> None:
    """Add the Scorecard, Goals and Actuals worksheets to ``book`` (text cells neutralised)."""
    for name, columns in WORKSHEETS.items():
        sheet = book.create_sheet(name)
        sheet.append([header for _, header in columns])
        for card in cards:
            for row in _rows(card)[name]:
                values = (row[field] for field, _ in columns)
                sheet.append([xlsx_text(v) if isinstance(v, str) else v for v in values])
        sheet.freeze_panes = "A2"


def read_card_sheets(path: Path) -> dict[str, list[SheetRow]]:
    """The rows of the Scorecard, Goals and Actuals worksheets of a workbook, by worksheet.

    A worksheet is read only when it has that name, is not the first (the KPIs) and has the
    headers krakit writes; any other is none of krakit's business.
    """
    import openpyxl

    book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    out: dict[str, list[SheetRow]] = {}
    try:
        for name, columns in WORKSHEETS.items():
            if name not in book.sheetnames[1:]:
                continue
            lookup = {header_key(header): f for f, header in columns}
            rows = enumerate(book[name].iter_rows(values_only=True), start=1)
            mapping: dict[int, str] = {}
            for _, cells in rows:  # the header row
                keys = [header_key(c) for c in cells]
                mapping = {i: lookup[k] for i, k in enumerate(keys) if k in lookup}
                break
            if not _NEEDED[name] <= set(mapping.values()):
                continue
            found = out.setdefault(name, [])
            for number, cells in rows:
                fields: dict[str, Any] = {}
                for index, field in mapping.items():
                    value = cells[index] if index < len(cells) else None
                    if isinstance(value, str):
                        value = restore(value.strip().replace("\r\n", "\n")) or None
                    if value is not None:
                        fields[field] = value
                if fields:
                    found.append(SheetRow(row=number, fields=fields))
    finally:
        book.close()
    return out


def card_key(fields: dict[str, Any], stem: str) -> tuple[str, str]:
    """Which scorecard a row belongs to: (role title, holder), as the KPI rows say it."""
    title = str(fields.get("role") or "").strip() or stem
    return title, str(fields.get("holder") or "").strip()[:200]


def card_parts(sheet: Sheet, key: tuple[str, str], *, collect: bool = False) -> dict[str, Any]:
    """The scorecard fields the Scorecard, Goals and Actuals worksheets give the card ``key``.

    Raises
    ------
    InputError
        A cell the scorecard model refuses (unless ``collect``), naming the worksheet, the
        row and the column.
    """
    from krakit.model import Actual, Goal, Role, Scorecard
    from krakit.sheet_cells import ignore_codes, json_data, validated

    def model(cls: type[BaseModel], data: dict[str, Any], name: str, row: int) -> Any:
        headers = dict(WORKSHEETS[name])
        headers.setdefault("title", "Role")
        return validated(
            cls,
            data,
            sheet,
            row,
            lambda f: headers.get(f, f),
            collect=collect,
            needed=("title", "kpi", "period"),
            where=f"worksheet '{name}': ",
        )

    stem = Path(sheet.path).stem
    mine = {
        name: [r for r in rows if card_key(r.fields, stem) == key]
        for name, rows in sheet.more.items()
    }
    out: dict[str, Any] = {}
    for row in mine.get("Scorecard", [])[:1]:
        f = dict(row.fields)
        role_data = {"title": key[0][:200], **{k: f.get(k) for k in ("function", "region", "note")}}
        role = model(Role, role_data, "Scorecard", row.row)
        data: dict[str, Any] = {"role": role or Role(title=key[0]), "period": f.get("period")}
        data["weights"] = f.get("weights")
        try:
            for name, read in (("scoring", json_data), ("ignore", ignore_codes)):
                if name in f:
                    data[name] = read(sheet, name, f[name])
        except InputError as exc:
            problem = InputError(
                f"worksheet 'Scorecard': {exc.reason}",
                path=sheet.path,
                row=row.row,
                field=exc.field,
            )
            if not collect:
                raise problem from exc
            sheet.problems.append(problem)
        card = model(Scorecard, data, "Scorecard", row.row)
        if card is not None:
            out.update(
                role=card.role,
                period=card.period,
                weights=card.weights,
                scoring=card.scoring,
                ignore=card.ignore,
            )
    for name, cls, field in (("Goals", Goal, "goals"), ("Actuals", Actual, "actuals")):
        made = (model(cls, _own(r.fields), name, r.row) for r in mine.get(name, []))
        out[field] = [m for m in made if m is not None]
    return out


def _own(fields: dict[str, Any]) -> dict[str, Any]:
    """A row's fields without the Role and Holder that name its scorecard."""
    return {k: v for k, v in fields.items() if k not in ("role", "holder")}
