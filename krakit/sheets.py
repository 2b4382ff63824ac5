"""Spreadsheets in and out: CSV and Excel, with column mapping and formula neutralising.

Reading a KPI sheet stops at its rows (:func:`read_sheet`); :mod:`krakit.sheet_scorecards`
turns those rows into scorecards.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from os import PathLike
from pathlib import Path
from typing import Any

from krakit.errors import InputError, KrakitError
from krakit.limits import CSV_MAX_BYTES, check_size, check_workbook
from krakit.sheet_headers import HEADERS, KRA_FIELDS, header_key, lookup
from krakit.sheet_merges import fill_down, vertical_merges

__all__ = [
    "FORMULA_PREFIXES",
    "HEADERS",
    "KRA_FIELDS",
    "Sheet",
    "SheetRow",
    "header_key",
    "neutralise",
    "read_sheet",
    "restore",
    "xlsx_text",
]

# A cell that starts with one of these is run as a formula by Excel, LibreOffice and Sheets
# ("=cmd|' /C calc'!A0"): OWASP's CSV-injection advice is to prefix it with a single quote.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "\n")


def neutralise(value: Any) -> Any:
    """Make a user-written text cell safe to open in a spreadsheet.

    Numbers are left alone (a negative number is data, not a formula).

    Examples
    --------
    >>> neutralise("=cmd|' /C calc'!A0")
    "'=cmd|' /C calc'!A0"
    >>> neutralise(-3.5)
    -3.5
    >>> neutralise("Revenue")
    'Revenue'

    Text that already starts with quotes before a formula character gets one more, so
    :func:`restore` gives back exactly what was written.
    """
    if isinstance(value, str) and value.lstrip("'").startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def restore(text: str) -> str:
    """Undo :func:`neutralise` on a cell read back (a KPI sheet krakit exported, edited).

    Examples
    --------
    >>> restore("'=1+1"), restore("''=1+1"), restore("'tis the season")
    ('=1+1', "'=1+1", "'tis the season")
    """
    if text.startswith("'") and text.lstrip("'").startswith(FORMULA_PREFIXES):
        return text[1:]
    return text


# Control characters XML 1.0 cannot hold (openpyxl refuses them): dropped from Excel cells.
_NOT_IN_XLSX = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def xlsx_text(value: str) -> str:
    """A user-written text made safe for an Excel cell: control characters a worksheet cannot
    hold dropped, then neutralised (so a pasted ``\\x01=cmd`` is neutralised as ``=cmd``).

    Examples
    --------
    >>> xlsx_text("\x01=SUM(A1)")
    "'=SUM(A1)"
    """
    return neutralise(_NOT_IN_XLSX.sub("", value))


# --- reading a KPI sheet ----------------------------------------------------------------------

_NUMBER_FIELDS = ("target", "target_low", "target_high", "baseline", "weight", "kra_weight")


@dataclass(frozen=True, slots=True)
class SheetRow:
    """One KPI row: its spreadsheet row number (the header is row 1) and its fields."""

    row: int
    fields: dict[str, Any]


@dataclass(slots=True)
class Sheet:
    """A KPI sheet as read: the rows, how headers were mapped, and headers not understood.

    ``header_row`` is the row number of the headers (below a title row it is 2).
    ``problems`` holds the cells that could not be read when reading with ``collect=True``
    (each an :class:`~krakit.errors.InputError` naming the row and column; the cell is left
    out and the rest of its row kept). ``assumed`` says how the sheet's layout was read,
    for instance what its weight column means.
    """

    path: str
    rows: list[SheetRow] = field(default_factory=list)
    columns: dict[str, str] = field(default_factory=dict)
    unknown: list[str] = field(default_factory=list)
    problems: list[InputError] = field(default_factory=list)
    assumed: list[str] = field(default_factory=list)
    header_row: int = 1
    unread: list[SheetRow] = field(default_factory=list)
    """Rows with cells filled but no KPI, as read (their weights still tell the layout)."""
    more: dict[str, list[SheetRow]] = field(default_factory=dict)
    """Rows of the other worksheets krakit export writes ('Scorecard', 'Goals', 'Actuals')."""


def _raw_rows(path: Path) -> Iterator[tuple[int, list[Any]]]:
    suffix = path.suffix.lower()
    if suffix == ".csv":
        from krakit.encoding import read_text, sniff_delimiter

        check_size(path, CSV_MAX_BYTES)  # before reading it whole
        # UTF-8 (BOM or not), UTF-16, else Windows-1252 with a warning; ',' ';' or tab
        decoded = read_text(path)
        delimiter = sniff_delimiter(decoded.text)
        reader = csv.reader(io.StringIO(decoded.text, newline=""), delimiter=delimiter)
        try:
            yield from enumerate(reader, start=1)
        except csv.Error as exc:
            raise InputError(
                f"this is not valid CSV: {exc}", path=path, row=reader.line_num
            ) from exc
    elif suffix in (".xlsx", ".xlsm"):
        import openpyxl

        check_workbook(path)  # size on disk and expanded (zip bombs), from the zip directory
        try:
            book = openpyxl.load_workbook(path, read_only=True, data_only=True)
        except Exception as exc:  # openpyxl raises many kinds on a broken file
            raise InputError(f"cannot open the workbook: {exc}", path=path) from exc
        try:
            sheet = book.worksheets[0]
            rows = ((n, list(c)) for n, c in enumerate(sheet.iter_rows(values_only=True), 1))
            # a KRA cell merged down over its KPIs' rows belongs to each of them
            yield from fill_down(rows, vertical_merges(path, sheet._worksheet_path))
        finally:
            book.close()
    else:
        raise InputError(
            f"cannot read {suffix or 'a file without suffix'!r} as a sheet; use .csv or .xlsx",
            path=path,
        )


# One comma and one or two digits after it is never digit grouping (1,500 and 2,50,000 are).
_DECIMAL_COMMA = re.compile(r"[-+]?\d+,\d{1,2}\s*%?")


def _finite(number: float, *, path: Path, row: int, name: str, header: str) -> float:
    if not math.isfinite(number):
        raise InputError(
            f"expected a number in column '{header}', got {number!r}; write digits such as "
            "1200, 85% or 2,50,000",
            path=path,
            row=row,
            field=name,
            value=number,
        )
    return number


def _number(
    value: Any, *, path: Path, row: int, name: str, header: str
) -> tuple[float, str | None]:
    if isinstance(value, bool):
        raise InputError(
            f"expected a number in column '{header}', got {value!r}",
            path=path,
            row=row,
            field=name,
            value=value,
        )
    if isinstance(value, int | float):
        return _finite(float(value), path=path, row=row, name=name, header=header), None
    text = str(value).strip()
    if _DECIMAL_COMMA.fullmatch(text):  # "12,5" / "12,5%": a European decimal comma
        text = text.replace(",", ".")
    try:
        number = float(text.replace(",", ""))
    except ValueError:
        pass
    else:
        return _finite(number, path=path, row=row, name=name, header=header), None
    from krakit.text.numbers import parse_amount

    try:
        number, unit = parse_amount(text)
    except KrakitError:
        number, unit = None, None
    if number is None or not re.search(r"\d", text) or isinstance(value, dt.date | dt.time):
        got = f"text {text!r}"
        if isinstance(value, dt.date | dt.time):  # Excel turned "3/4" into a date, say
            midnight = isinstance(value, dt.datetime) and value.time() == dt.time()
            day = value.date() if midnight else value
            got = f"a date ({day}); format the column as Number or Text"
        raise InputError(
            f"expected a number in column '{header}', got {got}",
            path=path,
            row=row,
            field=name,
            value=text,
        ) from None
    return _finite(number, path=path, row=row, name=name, header=header), unit


def _no_kpi(
    path: Path, row: int, headers: list[str], mapping: dict[int, str], fields: dict[str, Any]
) -> InputError:
    """A row with cells filled but no KPI, named with the columns filled."""
    kpi = next(h for i, h in enumerate(headers) if mapping.get(i) in ("statement", "metric"))
    filled = ", ".join(f"'{headers[i]}'" for i, n in mapping.items() if n in fields)
    formula = (
        ""
        if path.suffix.lower() == ".csv"
        else " (a formula the spreadsheet never calculated reads as empty: open the "
        "file in Excel and save it)"
    )
    return InputError(
        f"{filled} filled but no KPI in column '{kpi}'; write the KPI there, or "
        f"empty the row{formula}",
        path=path,
        row=row,
        field="statement",
    )


def read_sheet(path: str | PathLike[str], *, collect: bool = False) -> Sheet:
    """Read a KPI sheet (``.csv`` or ``.xlsx``, one KPI per row) with lenient headers.

    Headers are matched after lower-casing and dropping punctuation ("KPI Owner",
    "kpi_owner" and "KPI owner:" are the same); see :data:`HEADERS`. Headers that mean
    nothing to krakit are listed in ``Sheet.unknown`` (their columns are skipped).

    Parameters
    ----------
    path
        The ``.csv`` or ``.xlsx`` file.
    collect
        Gather every cell that cannot be read into ``Sheet.problems`` (and read the rest)
        instead of stopping at the first: what ``krakit check`` does, like a linter.

    Raises
    ------
    InputError
        The file cannot be read, has no KPI column, or (unless ``collect``) a number cell
        holds text (the message names the file, the row and the column).

    Examples
    --------
    >>> import pathlib, tempfile
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "kpis.csv"
    >>> _ = p.write_text("KRA,KPI,Target,Owner\\nSales,Revenue growth,15%,Asha\\n")
    >>> sheet = read_sheet(p)
    >>> sheet.rows[0].row, sheet.rows[0].fields["target"], sheet.rows[0].fields["unit"]
    (2, 15.0, '%')
    """
    path = Path(path)
    if not path.exists():
        raise InputError("no such file", path=path)
    sheet = Sheet(path=str(path))
    mapping: dict[int, str] = {}
    headers: list[str] = []
    banner: tuple[int, str] | None = None
    for number, cells in _raw_rows(path):
        if not mapping:
            if not any(str(c or "").strip() for c in cells):
                continue
            headers = [str(c or "").strip() for c in cells]
            filled = [h for h in headers if h]
            if banner is None and len(filled) == 1 and not lookup(filled[0]):
                banner = (number, filled[0])  # a title above the headers (often merged cells)
                continue
            for index, header in enumerate(headers):
                name = lookup(header)
                if name is None or name in mapping.values():
                    if header:
                        sheet.unknown.append(header)
                    continue
                mapping[index] = name
                sheet.columns[header] = name
            sheet.header_row = number
            if "statement" not in mapping.values() and "metric" not in mapping.values():
                raise InputError(
                    "found no KPI column; name one 'KPI' (or 'Metric'). Headers read: "
                    + ", ".join(repr(h) for h in headers if h),
                    path=path,
                    row=number,
                )
            continue
        fields: dict[str, Any] = {}
        for index, name in mapping.items():
            value = cells[index] if index < len(cells) else None
            if value is None or (isinstance(value, str) and not value.strip()):
                continue
            if name in _NUMBER_FIELDS:
                try:
                    value, unit = _number(
                        value, path=path, row=number, name=name, header=headers[index]
                    )
                except InputError as exc:
                    if not collect:
                        raise
                    sheet.problems.append(exc)
                    continue
                if unit and name in ("target", "baseline", "target_low", "target_high"):
                    fields.setdefault("_unit", unit)
            elif isinstance(value, str):  # a line break inside a cell; '=… as exported
                value = restore(value.strip().replace("\r\n", "\n"))
            fields[name] = value
        if "statement" in fields or "metric" in fields or "kpi_id" in fields:
            if "_unit" in fields:
                fields.setdefault("unit", fields["_unit"])
            fields.pop("_unit", None)
            sheet.rows.append(SheetRow(row=number, fields=fields))
        elif "kra" in fields and fields.keys() <= KRA_FIELDS:  # a KRA with no KPI (yet)
            sheet.rows.append(SheetRow(row=number, fields=fields))
        elif fields.keys() - {"_unit"}:
            sheet.unread.append(SheetRow(row=number, fields=fields))
            if collect:  # never a row left out unsaid
                sheet.problems.append(_no_kpi(path, number, headers, mapping, fields))

    if not mapping and banner is not None:
        raise InputError(
            f"found no KPI column; name one 'KPI' (or 'Metric'). Headers read: {banner[1]!r}",
            path=path,
            row=banner[0],
        )
    if not mapping:
        first = " (krakit reads the first worksheet)" if path.suffix.lower() != ".csv" else ""
        raise InputError(f"the sheet is empty{first}; put a header row and KPIs in it", path=path)
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        from krakit.sheet_card import read_card_sheets

        sheet.more = read_card_sheets(path)
    return sheet
