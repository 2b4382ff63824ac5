"""From a KPI sheet's rows to scorecards: one per role or person, KPIs validated, weights placed.

:func:`krakit.sheets.read_sheet` reads the file; :func:`sheet_scorecards` turns its rows into
:class:`~krakit.model.Scorecard` objects, reading words such as "Quarterly" or "lower is better"
and working out what a lone weight column means.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from krakit.errors import InputError
from krakit.scoring.weights import near_100
from krakit.sheet_cells import column_of, explicit_id, ignore_codes, kpi_data, unique_id, validated
from krakit.sheets import Sheet, SheetRow, header_key
from krakit.slugs import slugify

if TYPE_CHECKING:
    from krakit.model import Scorecard

__all__ = ["sheet_scorecards"]


def _row_kpi(sheet: Sheet, row: SheetRow, used: dict[str, int], reserved: set[str]) -> Any:
    """The KPI of one sheet row; an InputError naming the row and the column to fix."""
    from pydantic import ValidationError

    from krakit.model import KPI
    from krakit.scoring.sentences import SENTENCE_FIELDS, from_sentence

    try:
        kpi = KPI.model_validate(kpi_data(sheet, row, used, reserved))
        # what no column says comes from the KPI's own sentence, as when it is typed in step 2
        absent = set(SENTENCE_FIELDS) - set(sheet.columns.values())
        return from_sentence(kpi, direction=True, only=absent) if absent else kpi
    except InputError as exc:
        raise InputError(
            exc.reason, path=sheet.path, row=row.row, field=exc.field, value=exc.value
        ) from exc
    except ValidationError as exc:
        err = exc.errors(include_url=False)[0]
        detail = str(err["msg"]).removeprefix("Value error, ")
        name = ".".join(map(str, err["loc"])) or None
        got = err.get("input") if name else None
        header = next((h for h, n in sheet.columns.items() if n == name), None)
        raise InputError(
            f"{detail}; fix the cell in column '{header}'"
            if header
            else f"this row cannot be read: {detail}",
            path=sheet.path,
            row=row.row,
            field=name,
            value=got,
        ) from exc


def _kpi_or_problem(sheet: Sheet, row: SheetRow, role: dict[str, Any], collect: bool) -> Any:
    """The row's KPI; with ``collect``, a cell the model refuses is noted and left out."""
    fields = dict(row.fields)
    while True:
        try:
            return _row_kpi(
                sheet, SheetRow(row=row.row, fields=fields), role["used"], role["reserved"]
            )
        except InputError as exc:
            if not collect:
                raise
            sheet.problems.append(exc)
            if exc.field not in fields or exc.field in ("statement", "metric", "kpi_id"):
                return None  # nothing left to read in this row
            del fields[exc.field]
            if exc.field == "slabs":  # a slab table left out: the row is not scored by slabs
                fields.pop("target_type", None)


def _weight_layout(sheet: Sheet, cards: list[list[list[float]]]) -> str:
    """What a lone weight column means, from how its numbers add up on each scorecard.

    ``cards`` holds, per scorecard, each KRA's weights (one per KPI row that has one).
    Returns ``"kra"`` (each row repeats its KRA's weight), ``"role"`` (each KPI's share of
    the whole role) or ``"kpi"`` (each KPI's weight within its KRA), and says which in
    ``sheet.assumed``.
    """
    column = next((h for h, n in sheet.columns.items() if n == "weight"), "weight")
    cards = [[ws for ws in kras if ws] for kras in cards]
    cards = [kras for kras in cards if kras]
    if not cards:
        return "kpi"

    kras = [ws for card in cards for ws in card]
    repeated = all(len(set(ws)) == 1 for ws in kras) and any(len(ws) > 1 for ws in kras)
    per_kra = all(near_100(sum(ws)) for ws in kras)
    kra_totals = [sum(ws[0] for ws in card) for card in cards]
    row_totals = [sum(sum(ws) for ws in card) for card in cards]
    if repeated and all(map(near_100, kra_totals)) and not per_kra:
        sheet.assumed.append(
            f"column '{column}' repeats each KRA's weight on its KPI rows (the KRA weights add "
            "to 100), so it was read as the KRA's weight; its KPIs share it equally"
        )
        return "kra"
    if all(map(near_100, row_totals)) and not per_kra:
        sheet.assumed.append(
            f"column '{column}' adds to 100 over each scorecard's rows, so each value was "
            "read as the KPI's share of the role: a KRA weighs the sum of its KPIs, and each "
            "KPI its part of that"
        )
        return "role"
    sheet.assumed.append(
        f"column '{column}' was read as each KPI's weight within its KRA"
        + ("" if per_kra else " (its numbers fit no layout exactly; krakit check says more)")
    )
    return "kpi"


def _written_weights(sheet: Sheet) -> list[list[list[float]]]:
    """Per scorecard, each KRA's numbers in the weight column, on every row that has a KRA:
    a row left out for want of a KPI still says how the column was filled."""
    from krakit.sheet_card import card_key

    stem = Path(sheet.path).stem
    cards: dict[tuple[str, str], dict[str, list[float]]] = {}
    for row in sorted([*sheet.rows, *sheet.unread], key=lambda r: r.row):
        kra = str(row.fields.get("kra") or "").strip()
        weight = row.fields.get("weight")
        if kra and isinstance(weight, float):
            cards.setdefault(card_key(row.fields, stem), {}).setdefault(kra, []).append(weight)
    return [list(kras.values()) for kras in cards.values()]


def _apply_layout(roles: dict[tuple[str, str], dict[str, Any]], layout: str) -> None:
    """Move the weight column's numbers where the layout says they belong."""
    if layout == "kpi":
        return
    for role in roles.values():
        for kra in role["kras"].values():
            known = [k.weight for k in kra["kpis"] if k.weight is not None]
            total = sum(known)
            if layout == "kra":
                kra["weight"] = known[0] if known else None
                kra["kpis"] = [k.model_copy(update={"weight": None}) for k in kra["kpis"]]
                continue
            # "role": the KRA weighs the sum of its KPIs, and each KPI its part of that
            kra["weight"] = total if known else None
            kra["kpis"] = [
                k.model_copy(
                    update={"weight": k.weight / total * 100.0 if k.weight and total else None}
                )
                for k in kra["kpis"]
            ]


def sheet_scorecards(
    sheet: Sheet, *, collect: bool = False
) -> list[tuple[Scorecard, dict[str, int]]]:
    """Turn a KPI sheet into one scorecard per role and holder, with each KPI's row number.

    Rows with no KRA go to ``unassigned_kpis``. Rows that name a holder (employee, name)
    make one scorecard per person; rows without, one per role. A lone weight column
    ("Weight", "Weightage") means what its numbers say, noted in ``sheet.assumed``: the
    KRA's weight repeated on each of its KPI rows, each KPI's share of the whole role, or
    each KPI's weight within its KRA. Returns ``(scorecard, {kpi_id: row})`` pairs.

    Parameters
    ----------
    sheet
        The sheet from :func:`read_sheet`.
    collect
        Note a cell the scorecard model refuses in ``sheet.problems`` and leave it out
        (the KPI is kept) instead of stopping at the first.

    Raises
    ------
    InputError
        A row holds a value the scorecard model refuses (the message names the row).

    Examples
    --------
    >>> import pathlib, tempfile
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "kpis.csv"
    >>> _ = p.write_text("KRA,KPI,Weightage\\nSales,Revenue,60\\nSales,Margin,60\\n"
    ...                  "Hiring,Time to hire,40\\n")
    >>> from krakit.sheets import read_sheet
    >>> sheet = read_sheet(p)
    >>> ((card, rows),) = sheet_scorecards(sheet)
    >>> [(k.title, k.weight, [x.weight for x in k.kpis]) for k in card.kras]
    [('Sales', 60.0, [None, None]), ('Hiring', 40.0, [None])]
    >>> sheet.assumed[0][:44]
    "column 'Weightage' repeats each KRA's weight"
    """
    from krakit.model import SCHEMA_VERSION, Role, Scorecard, WeightMode
    from krakit.sheet_card import card_key, card_parts

    stem = Path(sheet.path).stem
    roles: dict[tuple[str, str], dict[str, Any]] = {}
    for key in [card_key(r.fields, stem) for r in sheet.rows] + [
        card_key(r.fields, stem) for rows in sheet.more.values() for r in rows
    ]:
        roles.setdefault(key, {"kras": {}, "loose": [], "rows": {}, "used": {}, "reserved": set()})
    for row in sheet.rows:  # the ids written are the KPIs'; an id made for a row avoids them
        if "kpi_id" in row.fields:
            role = roles[card_key(row.fields, stem)]
            own = explicit_id(row.fields["kpi_id"], "kpi")
            role["used"][own] = 1
            role["reserved"].add(own)
    for row in sheet.rows:
        role = roles[card_key(row.fields, stem)]
        kpi = None
        if row.fields.keys() & {"statement", "metric", "kpi_id"}:
            kpi = _kpi_or_problem(sheet, row, role, collect)
            if kpi is None:
                continue
            role["rows"][kpi.id] = row.row
            _say_renamed(sheet, row, kpi.id)
        kra_title = str(row.fields.get("kra") or "").strip()
        if not kra_title:
            if kpi is not None:
                role["loose"].append(kpi)
            continue
        own = row.fields.get("kra_id")
        group = ("id", explicit_id(own, "kra")) if own else ("title", kra_title)
        kra = role["kras"].setdefault(
            group, {"title": kra_title[:300], "kpis": [], "row": row.row, "cells": {}}
        )
        for name in _KRA_CELLS.values():
            if name in row.fields:
                kra["cells"].setdefault(name, row.fields[name])
        if "kra_weight" in row.fields and "weight" not in kra:
            kra["weight"] = row.fields["kra_weight"]
        if kpi is not None:
            kra["kpis"].append(kpi)
    if "slabs" in sheet.columns.values() and "target_type" not in sheet.columns.values():
        sheet.assumed.append(
            f"column '{column_of(sheet, 'slabs')}' has no target type column beside it, so the "
            "KPIs with slabs were read as scored by slabs"
        )
    if "weight" in sheet.columns.values() and "kra_weight" not in sheet.columns.values():
        _apply_layout(roles, _weight_layout(sheet, _written_weights(sheet)))
    out = []
    for key, role in roles.items():
        title, holder = key
        kras = _kras(sheet, role, collect)
        parts = card_parts(sheet, key, collect=collect)
        sc = Scorecard.model_construct(
            schema_version=SCHEMA_VERSION,
            role=parts.get("role") or Role(title=title[:200]),
            holder=holder or None,
            period=parts.get("period"),
            weights=parts.get("weights", WeightMode.PERCENT),
            scoring=parts.get("scoring"),
            goals=parts["goals"],
            kras=kras,
            unassigned_kpis=role["loose"],
            actuals=parts["actuals"],
            ignore=parts.get("ignore", {}),
            created=None,
            updated=None,
        )
        out.append((sc, role["rows"]))
    return out


# The model's KRA fields -> the sheet's
_KRA_CELLS = {
    "kind": "kra_kind",
    "goals": "kra_goals",
    "description": "kra_description",
    "ignore": "kra_ignore",
    "weight": "kra_weight",
}
_KINDS = {"functional": "functional", "individual": "individual"}
_KINDS |= {"organizational": "organizational", "organisational": "organizational"}


def _say_renamed(sheet: Sheet, row: SheetRow, kpi_id: str) -> None:
    own = row.fields.get("kpi_id")
    if own is not None and explicit_id(own, "kpi") != kpi_id:
        sheet.assumed.append(
            f"row {row.row}: KPI id '{own}' is already an earlier row's, so this KPI was given "
            f"the id '{kpi_id}' (actuals for '{own}' count for the earlier one)"
        )


def _kras(sheet: Sheet, role: dict[str, Any], collect: bool) -> list[Any]:
    """The role's KRAs, validated: ids written kept, others made from the titles."""
    from krakit.model import KRA

    used = {own: 1 for kind, own in role["kras"] if kind == "id"}
    out = []
    for (kind, own), kra in role["kras"].items():
        cells = kra["cells"]
        data: dict[str, Any] = {
            "id": own if kind == "id" else unique_id(slugify(own, fallback="kra"), used),
            "title": kra["title"],
            "weight": kra.get("weight"),
        }
        for field, name in _KRA_CELLS.items():
            if name not in cells or field == "weight":
                continue
            value = cells[name]
            if field == "kind":
                value = _KINDS.get(header_key(value), value)
            elif field == "goals":
                value = [g for g in re.split(r"[\s,;]+", str(value)) if g]
            elif field == "ignore":
                try:
                    value = ignore_codes(sheet, name, value)
                except InputError as exc:
                    if not collect:
                        raise InputError(exc.reason, path=sheet.path, row=kra["row"]) from exc
                    sheet.problems.append(
                        InputError(exc.reason, path=sheet.path, row=kra["row"], field=name)
                    )
                    continue
            data[field] = value
        made = validated(
            KRA,
            data,
            sheet,
            kra["row"],
            lambda f: column_of(sheet, _KRA_CELLS.get(f, "kra")),
            collect=collect,
            needed=("id", "title"),
        )
        if made is not None:
            out.append(made.model_copy(update={"kpis": kra["kpis"]}))
    return out
