"""Write scorecards as a KPI sheet (CSV or Excel) that :func:`~krakit.sheets.read_sheet` reads.

One row per KPI, with the headers krakit reads (:data:`HEADERS`), so a sheet written here,
edited in a spreadsheet and imported again (``krakit import``) gives the same scorecard: role,
holder, the KRA (id, title, kind, weight, goals served, description, checker codes off), the
KPI (id, statement, metric, unit, direction, target type, baseline, target or range, slabs
``80:50; 90:80; 100:100``, frequency, deadline, owner, data source, weight, leading or lagging,
quantitative or qualitative, aggregation, last reviewed, checker codes off with their reasons,
thresholds, definition, note). A KRA with no KPI is a row with no KPI. Ids are kept, so
actuals recorded against the scorecard still point at their KPIs.

An Excel workbook also holds what belongs to the whole scorecard, on worksheets of their own
(:mod:`krakit.sheet_card`): *Scorecard* (period, role function, region and note, weights,
scoring, codes off), *Goals* and *Actuals*. A CSV file has one sheet, so it cannot:
:func:`csv_losses` says what a CSV leaves out. Neither keeps the created/updated stamps (the
imported file is a new file).

Every text cell is neutralised (:func:`krakit.sheets.neutralise`): a cell that starts with
``=``, ``+``, ``-`` or ``@`` is written with a leading ``'`` so no spreadsheet runs it.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from os import PathLike
from pathlib import Path
from typing import TYPE_CHECKING, Any

from krakit.errors import InputError
from krakit.sheets import xlsx_text

if TYPE_CHECKING:
    from krakit.model import KPI, KRA, Scorecard

__all__ = ["HEADERS", "csv_losses", "ignore_cell", "json_cell", "kpi_rows", "write_kpi_sheet"]

HEADERS: tuple[tuple[str, str], ...] = (
    ("role", "Role"),
    ("holder", "Holder"),
    ("kra", "KRA"),
    ("kra_weight", "KRA weight"),
    ("statement", "KPI"),
    ("metric", "Metric"),
    ("unit", "Unit"),
    ("polarity", "Direction"),
    ("target_type", "Target type"),
    ("baseline", "Baseline"),
    ("target", "Target"),
    ("target_low", "Target low"),
    ("target_high", "Target high"),
    ("slabs", "Slabs"),
    ("frequency", "Frequency"),
    ("deadline", "Deadline"),
    ("owner", "Owner"),
    ("data_source", "Data source"),
    ("weight", "Weight"),
    ("indicator", "Leading or lagging"),
    ("last_reviewed", "Last reviewed"),
    ("ignore", "Ignore"),
    ("note", "Note"),
    ("kra_id", "KRA id"),
    ("kpi_id", "KPI id"),
    ("kra_kind", "KRA kind"),
    ("kra_goals", "KRA goals"),
    ("kra_description", "KRA description"),
    ("kra_ignore", "KRA ignore"),
    ("kpi_type", "Quantitative or qualitative"),
    ("aggregation", "Aggregation"),
    ("thresholds", "Thresholds (JSON)"),
    ("definition", "Definition (JSON)"),
)
"""Each column written: (field, header), in order; every header is one ``read_sheet`` maps."""

_DIRECTION = {
    "higher_is_better": "higher is better",
    "lower_is_better": "lower is better",
    "in_range": "in range",
}


def json_cell(value: Any) -> str | None:
    """A structured field (a definition, thresholds, a scoring section) as one JSON cell, as
    the scorecard file would hold it; None for none.

    Examples
    --------
    >>> from krakit.model import Thresholds
    >>> json_cell(Thresholds(green=95, amber=70))
    '{"green": 95.0, "amber": 70.0}'
    """
    if value is None:
        return None
    data = value.model_dump(mode="json", exclude_none=True, exclude_defaults=True)
    return json.dumps(data, ensure_ascii=False)


def ignore_cell(ignore: dict[str, str]) -> str | None:
    """Checker codes switched off, as a cell: ``T001, M001``, or JSON when a reason is given.

    Examples
    --------
    >>> ignore_cell({"T001": "", "M001": ""}), ignore_cell({"T001": "agreed, in May"})
    ('T001, M001', '{"T001": "agreed, in May"}')
    """
    if not ignore:
        return None
    if any(ignore.values()):
        return json.dumps(ignore, ensure_ascii=False)
    return ", ".join(ignore)


def _kra_cells(kra: KRA | None) -> dict[str, Any]:
    if kra is None:
        return {}
    return {
        "kra": kra.title,
        "kra_weight": kra.weight,
        "kra_id": kra.id,
        "kra_kind": kra.kind.value,
        "kra_goals": ", ".join(kra.goals) or None,
        "kra_description": kra.description,
        "kra_ignore": ignore_cell(kra.ignore),
    }


def _kpi_row(card: Scorecard, kra: KRA | None, kpi: KPI | None) -> dict[str, Any]:
    from krakit.text.slabs import format_slabs

    row: dict[str, Any] = {name: None for name, _ in HEADERS}
    row.update(role=card.role.title, holder=card.holder, **_kra_cells(kra))
    if kpi is None:  # a KRA with no KPI
        return row
    row.update(
        statement=kpi.statement,
        metric=kpi.metric,
        unit=kpi.unit,
        polarity=_DIRECTION[kpi.polarity.value],
        target_type=kpi.target_type.value,
        baseline=kpi.baseline,
        target=kpi.target,
        target_low=kpi.target_low,
        target_high=kpi.target_high,
        slabs=format_slabs(kpi.slabs) if kpi.slabs else None,
        frequency=kpi.frequency.value if kpi.frequency else None,
        deadline=str(kpi.deadline) if kpi.deadline else None,
        owner=kpi.owner,
        data_source=kpi.data_source,
        weight=kpi.weight,
        indicator=kpi.indicator.value if kpi.indicator else None,
        last_reviewed=kpi.last_reviewed.isoformat() if kpi.last_reviewed else None,
        ignore=ignore_cell(kpi.ignore),
        note=kpi.note,
        kpi_id=kpi.id,
        kpi_type=kpi.type.value,
        aggregation=kpi.aggregation.value if kpi.aggregation else None,
        thresholds=json_cell(kpi.thresholds),
        definition=json_cell(kpi.definition),
    )
    return row


def _cards(scorecards: Scorecard | Sequence[Scorecard]) -> list[Scorecard]:
    from krakit.model import Scorecard

    return [scorecards] if isinstance(scorecards, Scorecard) else list(scorecards)


def csv_losses(scorecards: Scorecard | Sequence[Scorecard]) -> list[str]:
    """What a CSV export of these scorecards leaves out (a CSV has one sheet, and these
    belong to the whole scorecard, not to a KPI row); an Excel export keeps them.

    Examples
    --------
    >>> from krakit.model import Scorecard
    >>> csv_losses(Scorecard.model_validate({"role": {"title": "Sales", "region": "India"},
    ...     "period": "FY2026-27", "goals": [{"title": "Grow"}], "kras": [{"title": "Revenue"}]}))
    ['the period', "the role's region", 'the goals']
    """
    from krakit.sheet_card import card_fields

    found: dict[str, None] = {}
    for card in _cards(scorecards):
        if not card.kras and not card.unassigned_kpis:
            found[f"the scorecard '{card.role.title}' (it has no KRA or KPI to make a row)"] = None
        for what, value in card_fields(card).items():
            if value:
                found[what] = None
    return list(found)


def kpi_rows(scorecards: Scorecard | Sequence[Scorecard]) -> list[dict[str, Any]]:
    """One dict per KPI (field -> value, not yet neutralised), in the scorecards' order.

    Examples
    --------
    >>> from krakit.model import Scorecard
    >>> card = Scorecard.model_validate({"role": {"title": "Sales"}, "kras": [{"title": "Revenue",
    ...     "kpis": [{"statement": "Monthly sales", "target": 100, "target_type": "slab",
    ...               "slabs": [{"at": 80, "points": 50}, {"at": 100, "points": 100}]}]}]})
    >>> row = kpi_rows(card)[0]
    >>> row["kra"], row["target_type"], row["slabs"]
    ('Revenue', 'slab', '80:50; 100:100')
    """
    rows = []
    for card in _cards(scorecards):
        for kra in card.kras:
            rows += [_kpi_row(card, kra, kpi) for kpi in kra.kpis or [None]]
        rows += [_kpi_row(card, None, kpi) for kpi in card.unassigned_kpis]
    return rows


def _cell(value: Any) -> Any:
    return xlsx_text(value) if isinstance(value, str) else value


def _csv(value: Any) -> Any:
    """A CSV cell: blank for None, a float short when that is exact (``95``), else in full."""
    if value is None:
        return ""
    if isinstance(value, float):
        short = f"{value:.15g}"
        return short if float(short) == value else repr(value)
    return value


def write_kpi_sheet(scorecards: Scorecard | Sequence[Scorecard], path: str | PathLike[str]) -> Path:
    """Write the scorecards' KPIs as one sheet, ``.csv`` or ``.xlsx`` (atomically).

    Returns
    -------
    Path
        The file written.

    Raises
    ------
    InputError
        Another suffix, or the file cannot be written (naming it and what to do).

    Examples
    --------
    >>> import pathlib, tempfile
    >>> from krakit.model import Scorecard
    >>> card = Scorecard.model_validate({"role": {"title": "Sales"}, "kras": [{"title": "Revenue",
    ...     "kpis": [{"statement": "=Monthly sales", "target": 100}]}]})
    >>> p = write_kpi_sheet(card, pathlib.Path(tempfile.mkdtemp()) / "kpis.csv")
    >>> p.read_text().splitlines()[1][:40]
    "Sales,,Revenue,,'=Monthly sales,,,higher"
    """
    from krakit.store.atomic import atomic_write

    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise InputError(
            f"cannot write a KPI sheet as {suffix or 'a file without suffix'!r}; use .csv or .xlsx",
            path=path,
        )
    header = [h for _, h in HEADERS]
    rows = [[_cell(row[name]) for name, _ in HEADERS] for row in kpi_rows(scorecards)]
    if suffix == ".csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(header)
        writer.writerows([[_csv(v) for v in row] for row in rows])
        raw = buffer.getvalue().encode("utf-8")
    else:
        from openpyxl import Workbook

        book = Workbook()
        sheet = book.active
        sheet.title = "KPIs"
        sheet.append(header)
        for row in rows:
            sheet.append(row)
        sheet.freeze_panes = "A2"
        from krakit.sheet_card import write_card_sheets

        write_card_sheets(book, _cards(scorecards))
        buffer_b = io.BytesIO()
        book.save(buffer_b)
        raw = buffer_b.getvalue()
    atomic_write(path, raw)  # an OSError comes back as an InputError naming the file
    return path
