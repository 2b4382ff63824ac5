"""Write the XLSX files of this corpus (run from this folder: python make_xlsx.py).

openpyxl stores a formula without its result; Excel stores both. So that krakit reads these
files as it reads a workbook saved by Excel, the cached result is written into the sheet XML
next to the formula (``<f>...</f><v>60</v>``).
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from pathlib import Path

import openpyxl
from openpyxl.styles import Alignment, Font

HERE = Path(__file__).resolve().parent


def _cache(path: Path, results: dict[str, str]) -> None:
    """Add Excel's cached result to each formula cell (by reference: {"E4": "60"})."""
    with zipfile.ZipFile(path) as book:
        parts = {name: book.read(name) for name in book.namelist()}
    xml = parts["xl/worksheets/sheet1.xml"].decode("utf-8")
    for ref, value in results.items():
        xml, n = re.subn(
            rf'(<c r="{ref}"[^>]*>)<f>([^<]*)</f><v\s*/?>(?:</v>)?',
            rf"\1<f>\2</f><v>{value}</v>",
            xml,
        )
        assert n == 1, ref
    parts["xl/worksheets/sheet1.xml"] = xml.encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as book:
        for name, data in parts.items():
            book.writestr(name, data)


def merged_formula() -> Path:
    """A title merged across the header, a weight that is a formula, a date-typed deadline."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "KPIs FY2026-27"
    sheet["A1"] = "Regional sales manager — KPI sheet FY2026-27"
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.merge_cells("A1:F1")
    sheet["A1"].alignment = Alignment(horizontal="center")
    sheet.append(["KRA", "KPI", "Target", "Unit", "Weight", "Deadline"])
    sheet.append(["Revenue", "Grow regional revenue to ₹4 crore", "₹4 crore", "INR", 60, None])
    sheet.append(
        [
            "Revenue",
            "Add 25 new dealers in the region",
            25,
            "dealers",
            "=100-E3",
            dt.datetime(2027, 3, 31),
        ]
    )
    path = HERE / "merged_formula.xlsx"
    book.save(path)
    _cache(path, {"E4": "40"})
    return path


def date_in_target() -> Path:
    """A target cell Excel turned into a date (someone typed 3/4 for 'three out of four')."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["KRA", "KPI", "Target"])
    sheet.append(["Audit", "Close 3/4 of open audit points by June", dt.datetime(2026, 4, 3)])
    path = HERE / "date_in_target.xlsx"
    book.save(path)
    return path


def actuals_title() -> Path:
    """Actuals under a merged title row, with a month typed as a date and a rupee amount."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet["A1"] = "Recruiter actuals, Q1 FY2026-27"
    sheet.merge_cells("A1:D1")
    sheet.append(["KPI", "Period", "Actual", "Note"])
    sheet.append(["time-to-hire", "2026-04", 38, None])
    sheet.append(["offer-acceptance-rate", dt.datetime(2026, 5, 1), "84%", "two offers declined"])
    path = HERE / "actuals_title.xlsx"
    book.save(path)
    return path


if __name__ == "__main__":
    for made in (merged_formula(), date_in_target(), actuals_title()):
        print(made.name)
