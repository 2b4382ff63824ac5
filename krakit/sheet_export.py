"""Write scorecards as a KPI sheet (CSV or Excel) that :func:`~krakit.sheets.read_sheet` reads.

One row per KPI, with the headers krakit reads (:data:`HEADERS`), so a sheet written here,
edited in a spreadsheet and imported again (``krakit import``) gives the same KPIs: role,
holder, KRA and its weight, the KPI as written, metric, unit, direction, target type,
baseline, target or range, slabs (``80:50; 90:80; 100:100``), frequency, deadline, owner,
data source, weight, leading or lagging, last reviewed and the checker codes switched off.

What a sheet has no column for stays in the scorecard file only: a KRA's description, kind
and goals, a KRA with no KPI, a KPI's thresholds, definition, aggregation and note, the
reasons beside ignored codes, and the actuals.

Every text cell is neutralised (:func:`krakit.sheets.neutralise`): a cell that starts with
``=``, ``+``, ``-`` or ``@`` is written with a leading ``'`` so no spreadsheet runs it.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from os import PathLike
from pathlib import Path
from typing import TYPE_CHECKING, Any

from krakit.errors import InputError
from krakit.sheets import xlsx_text

if TYPE_CHECKING:
    from krakit.model import KPI, KRA, Scorecard

__all__ = ["HEADERS", "kpi_rows", "write_kpi_sheet"]

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
)
"""Each column written: (field, header), in order; every header is one ``read_sheet`` maps."""

_DIRECTION = {
    "higher_is_better": "higher is better",
    "lower_is_better": "lower is better",
    "in_range": "in range",
}


def _kpi_row(card: Scorecard, kra: KRA | None, kpi: KPI) -> dict[str, Any]:
    from krakit.text.slabs import format_slabs

    return {
        "role": card.role.title,
        "holder": card.holder,
        "kra": kra.title if kra else None,
        "kra_weight": kra.weight if kra else None,
        "statement": kpi.statement,
        "metric": kpi.metric,
        "unit": kpi.unit,
        "polarity": _DIRECTION[kpi.polarity.value],
        "target_type": kpi.target_type.value,
        "baseline": kpi.baseline,
        "target": kpi.target,
        "target_low": kpi.target_low,
        "target_high": kpi.target_high,
        "slabs": format_slabs(kpi.slabs) if kpi.slabs else None,
        "frequency": kpi.frequency.value if kpi.frequency else None,
        "deadline": str(kpi.deadline) if kpi.deadline else None,
        "owner": kpi.owner,
        "data_source": kpi.data_source,
        "weight": kpi.weight,
        "indicator": kpi.indicator.value if kpi.indicator else None,
        "last_reviewed": kpi.last_reviewed.isoformat() if kpi.last_reviewed else None,
        "ignore": ", ".join(kpi.ignore) or None,
    }


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
    from krakit.model import Scorecard

    cards = [scorecards] if isinstance(scorecards, Scorecard) else list(scorecards)
    rows = []
    for card in cards:
        rows += [_kpi_row(card, kra, kpi) for kra in card.kras for kpi in kra.kpis]
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
        buffer_b = io.BytesIO()
        book.save(buffer_b)
        raw = buffer_b.getvalue()
    atomic_write(path, raw)  # an OSError comes back as an InputError naming the file
    return path
