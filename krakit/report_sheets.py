"""The report as spreadsheets: a CSV of the KPI scores, an Excel workbook laid out by YAML.

The workbook's sheets, columns, widths, number formats and colours come from
``workbook.yaml`` (in ``templates/reports`` or the folder passed as ``templates=``); each
sheet shows one of :func:`krakit.report_tables.tables`. Every user-written text that goes
into a cell passes through :func:`krakit.sheets.neutralise` (CSV) or
:func:`krakit.sheets.xlsx_text` (Excel), so a KPI named ``=cmd|…`` is text, never a formula.
"""

from __future__ import annotations

import csv
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pandas as pd
import yaml

from krakit.errors import ConfigError
from krakit.model import Scorecard
from krakit.report_tables import tables
from krakit.score import ScoreResult
from krakit.sheets import neutralise, xlsx_text

__all__ = ["cell", "write_csv", "write_xlsx"]


def write_csv(scorecard: Scorecard, result: ScoreResult, path: Path) -> None:
    """The KPI scores (or, with no actuals, the agreement) with formulas neutralised."""
    tabs = tables(scorecard, result)
    frame = tabs["totals"] if result.has_entries else tabs["agreement"]
    frame = frame.astype(object).where(frame.notna(), None)
    with path.open("w", newline="", encoding="utf-8-sig") as handle:
        writer = csv.writer(handle)
        writer.writerow(list(frame.columns))
        for row in frame.itertuples(index=False):
            writer.writerow(["" if v is None else neutralise(v) for v in row])


def _layout(folder: Path) -> dict[str, Any]:
    file = folder / "workbook.yaml"
    try:
        layout = yaml.safe_load(file.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ConfigError("the Excel layout template is missing", path=file) from exc
    except yaml.YAMLError as exc:
        raise ConfigError(f"the Excel layout is not valid YAML: {exc}", path=file) from exc
    if not isinstance(layout, Mapping) or not isinstance(layout.get("sheets"), list):
        raise ConfigError("the Excel layout needs a 'sheets' list", path=file, field="sheets")
    return dict(layout)


def write_xlsx(scorecard: Scorecard, result: ScoreResult, path: Path, folder: Path) -> None:
    """The workbook ``folder/workbook.yaml`` lays out, one sheet per table it names.

    Raises
    ------
    ConfigError
        ``workbook.yaml`` is missing, not YAML, or names a table that does not exist.
    """
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    layout = _layout(folder)
    style = layout.get("style") or {}
    tabs = tables(scorecard, result)
    book = Workbook()
    book.remove(book.active)
    font = style.get("font", "Calibri")
    head_fill = PatternFill("solid", fgColor=str(style.get("header_fill", "1F4E79")))
    head_font = Font(name=font, bold=True, color=str(style.get("header_font_color", "FFFFFF")))
    status_fill = {
        k: PatternFill("solid", fgColor=str(v)) for k, v in (style.get("status_fill") or {}).items()
    }
    for i, sheet in enumerate(layout["sheets"]):
        where = f"sheets[{i}]"
        if not isinstance(sheet, Mapping) or "table" not in sheet or "columns" not in sheet:
            raise ConfigError(
                "each sheet needs 'table' and 'columns'", path=folder / "workbook.yaml", field=where
            )
        table = tabs.get(str(sheet["table"]))
        if table is None:
            raise ConfigError(
                f"unknown table '{sheet['table']}'; use one of {', '.join(tabs)}",
                path=folder / "workbook.yaml",
                field=f"{where}.table",
            )
        if table.empty and (
            sheet["table"] in ("slabs", "goals")  # no KPI scored by slabs; no goal served
            or (
                sheet["table"] in ("periods", "actuals", "kras", "totals")
                and not result.has_actuals
            )
        ):
            continue
        ws = book.create_sheet(str(sheet.get("name", sheet["table"]))[:31])
        title = str(sheet.get("title", "")).replace("{role}", scorecard.role.title)
        row0 = 1
        if title:
            ws.cell(1, 1, cell(title)).font = Font(
                name=font, bold=True, size=int(style.get("title_size", 14))
            )
            row0 = 3
        columns = [c for c in sheet["columns"] if isinstance(c, Mapping) and "field" in c]
        for j, col in enumerate(columns, start=1):
            head = ws.cell(row0, j, cell(str(col.get("header", col["field"]))))
            head.fill, head.font = head_fill, head_font
            head.alignment = Alignment(wrap_text=True, vertical="top")
            ws.column_dimensions[get_column_letter(j)].width = float(col.get("width", 14))
        status_col = sheet.get("status_column")
        for r, record in enumerate(table.to_dict("records"), start=row0 + 1):
            for j, col in enumerate(columns, start=1):
                value = cell(record.get(col["field"]))
                written = ws.cell(r, j, value)
                if isinstance(value, int | float) and col.get("format"):
                    written.number_format = str(col["format"])
            status = record.get(status_col) if status_col else None
            if isinstance(status, str) and status in status_fill:
                for j, col in enumerate(columns, start=1):
                    if col["field"] == status_col:
                        ws.cell(r, j).fill = status_fill[status]
        ws.freeze_panes = ws.cell(row0 + 1, 1)
    if not book.sheetnames:
        book.create_sheet("Summary")
    book.save(path)


def cell(value: Any) -> Any:
    """A value ready for a cell: NaN as empty, numbers as numbers, text neutralised.

    Control characters a worksheet cannot hold are dropped first, so a pasted ``\\x01=cmd``
    is neutralised as ``=cmd`` instead of failing the whole export.

    Examples
    --------
    >>> cell(float("nan")) is None, cell(3), cell("=1+1")
    (True, 3, "'=1+1")
    """
    if value is None:
        return None
    if isinstance(value, float) and pd.isna(value):
        return None
    if value is pd.NA:
        return None
    if isinstance(value, bool | int | float):
        return value
    if hasattr(value, "item") and not isinstance(value, str):
        try:
            return cell(value.item())
        except (ValueError, AttributeError):
            pass
    return xlsx_text(str(value))
