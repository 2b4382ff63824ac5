"""Spreadsheets in and out: CSV and Excel, with column mapping and formula neutralising."""

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
from typing import TYPE_CHECKING, Any

from krakit.errors import InputError, KrakitError
from krakit.limits import CSV_MAX_BYTES, check_size, check_workbook

if TYPE_CHECKING:
    from krakit.model import Scorecard

__all__ = [
    "FORMULA_PREFIXES",
    "HEADERS",
    "Sheet",
    "SheetRow",
    "neutralise",
    "read_sheet",
    "sheet_scorecards",
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
    """
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


# --- reading a KPI sheet ----------------------------------------------------------------------

HEADERS: dict[str, tuple[str, ...]] = {
    "role": ("role", "role title", "designation", "position", "job title", "job", "job role"),
    "holder": ("holder", "employee", "employee name", "name", "person"),
    "kra": (
        "kra",
        "kras",
        "key result area",
        "key result areas",
        "kra title",
        "result area",
        "responsibility area",
        "area",
        "kra name",
        "key responsibility area",
    ),
    "kra_weight": ("kra weight", "kra weightage", "kra weight %", "area weight"),
    "statement": (
        "kpi",
        "kpis",
        "key performance indicator",
        "key performance indicators",
        "kpi statement",
        "statement",
        "kpi description",
        "measure",
        "objective",
        "goal",
    ),
    "metric": ("metric", "kpi name", "measure name", "indicator", "metric name"),
    "target": ("target", "target value", "goal value", "target goal", "target level"),
    "target_low": ("target low", "target min", "minimum target", "lower target"),
    "target_high": ("target high", "target max", "maximum target", "upper target"),
    "unit": ("unit", "units", "uom", "unit of measure", "unit of measurement"),
    "baseline": ("baseline", "baseline value", "current", "current value", "current level"),
    "owner": ("owner", "kpi owner", "responsible", "accountable", "person responsible"),
    "frequency": (
        "frequency",
        "review frequency",
        "measurement frequency",
        "cadence",
        "periodicity",
        "reporting frequency",
        "period",
    ),
    "data_source": (
        "data source",
        "source",
        "source of data",
        "data",
        "system",
        "measured from",
        "source system",
        "data sources",
    ),
    "weight": ("weight", "weightage", "kpi weight", "weight %", "kpi weightage", "weights"),
    "deadline": ("deadline", "due date", "target date", "by when", "timeline", "due by"),
    "polarity": ("polarity", "direction", "better when"),
    "indicator": ("indicator type", "leading lagging", "leading or lagging", "lead lag"),
    "last_reviewed": ("last reviewed", "last review", "reviewed on", "review date"),
    "ignore": ("ignore", "checker ignore", "ignore rules"),
}
"""Field -> the headers (normalised: lower case, words only) that mean it."""

_NUMBER_FIELDS = ("target", "target_low", "target_high", "baseline", "weight", "kra_weight")
_LOOKUP = {
    " ".join(re.findall(r"[a-z0-9]+", alias)): name
    for name, aliases in HEADERS.items()
    for alias in aliases
}
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


def _header_key(header: Any) -> str:
    words = re.findall(r"[a-z0-9]+", str(header or "").lower().replace("_", " "))
    while words and words[-1] in ("in", "pct", "percent"):
        words.pop()
    return " ".join(words)


@dataclass(frozen=True, slots=True)
class SheetRow:
    """One KPI row: its spreadsheet row number (the header is row 1) and its fields."""

    row: int
    fields: dict[str, Any]


@dataclass(slots=True)
class Sheet:
    """A KPI sheet as read: the rows, how headers were mapped, and headers not understood.

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
            for number, cells in enumerate(reader, start=1):
                yield number, cells
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
            for number, cells in enumerate(sheet.iter_rows(values_only=True), start=1):
                yield number, list(cells)
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
            if banner is None and len(filled) == 1 and not _LOOKUP.get(_header_key(filled[0])):
                banner = (number, filled[0])  # a title above the headers (often merged cells)
                continue
            for index, header in enumerate(headers):
                name = _LOOKUP.get(_header_key(header))
                if name is None or name in mapping.values():
                    if header:
                        sheet.unknown.append(header)
                    continue
                mapping[index] = name
                sheet.columns[header] = name
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
            elif isinstance(value, str):
                value = value.strip().replace("\r\n", "\n")  # a line break inside a cell
            fields[name] = value
        if "statement" in fields or "metric" in fields:
            if "_unit" in fields:
                fields.setdefault("unit", fields["_unit"])
            fields.pop("_unit", None)
            sheet.rows.append(SheetRow(row=number, fields=fields))
    if not mapping and banner is not None:
        raise InputError(
            f"found no KPI column; name one 'KPI' (or 'Metric'). Headers read: {banner[1]!r}",
            path=path,
            row=banner[0],
        )
    if not mapping:
        first = " (krakit reads the first worksheet)" if path.suffix.lower() != ".csv" else ""
        raise InputError(f"the sheet is empty{first}; put a header row and KPIs in it", path=path)
    return sheet


def _unique_id(base: str, used: dict[str, int]) -> str:
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


def _kpi_data(row: SheetRow, used: dict[str, int]) -> dict[str, Any]:
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
        freq = _FREQUENCIES.get(_header_key(f["frequency"]))
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
        polarity = _POLARITY.get(_header_key(f["polarity"]))
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
        indicator = _header_key(f["indicator"])
        if indicator in ("leading", "lagging"):
            data["indicator"] = indicator
    if "deadline" in f:
        value = f["deadline"]
        data["deadline"] = value.date() if hasattr(value, "date") else str(value)
    if "last_reviewed" in f and hasattr(f["last_reviewed"], "year"):
        value = f["last_reviewed"]
        data["last_reviewed"] = value.date() if hasattr(value, "date") else value
    if "ignore" in f:
        data["ignore"] = [c for c in re.split(r"[\s,;]+", str(f["ignore"])) if c]
    base = slugify(str(f.get("metric") or f.get("statement") or ""), fallback="kpi")
    data["id"] = _unique_id(base, used)
    return data


def _row_kpi(sheet: Sheet, row: SheetRow, used: dict[str, int]) -> Any:
    """The KPI of one sheet row; an InputError naming the row and the column to fix."""
    from pydantic import ValidationError

    from krakit.model import KPI

    try:
        return KPI.model_validate(_kpi_data(row, used))
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


def _kpi_or_problem(sheet: Sheet, row: SheetRow, used: dict[str, int], collect: bool) -> Any:
    """The row's KPI; with ``collect``, a cell the model refuses is noted and left out."""
    fields = dict(row.fields)
    while True:
        try:
            return _row_kpi(sheet, SheetRow(row=row.row, fields=fields), used)
        except InputError as exc:
            if not collect:
                raise
            sheet.problems.append(exc)
            if exc.field not in fields or exc.field in ("statement", "metric"):
                return None  # nothing left to read in this row
            del fields[exc.field]


_WEIGHT_TOLERANCE = 0.5  # points: hand-typed weights often add to 99.9 or 100.1


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

    def near(total: float) -> bool:
        return abs(total - 100.0) <= _WEIGHT_TOLERANCE

    kras = [ws for card in cards for ws in card]
    repeated = all(len(set(ws)) == 1 for ws in kras) and any(len(ws) > 1 for ws in kras)
    per_kra = all(near(sum(ws)) for ws in kras)
    kra_totals = [sum(ws[0] for ws in card) for card in cards]
    row_totals = [sum(sum(ws) for ws in card) for card in cards]
    if repeated and all(map(near, kra_totals)) and not per_kra:
        sheet.assumed.append(
            f"column '{column}' repeats each KRA's weight on its KPI rows (the KRA weights add "
            "to 100), so it was read as the KRA's weight; its KPIs share it equally"
        )
        return "kra"
    if all(map(near, row_totals)) and not per_kra:
        sheet.assumed.append(
            f"column '{column}' adds to 100 over each scorecard's KPIs, so each value was "
            "read as the KPI's share of the role: a KRA weighs the sum of its KPIs, and each "
            "KPI its part of that"
        )
        return "role"
    sheet.assumed.append(
        f"column '{column}' was read as each KPI's weight within its KRA"
        + ("" if per_kra else " (its numbers fit no layout exactly; krakit check says more)")
    )
    return "kpi"


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
    >>> sheet = read_sheet(p)
    >>> ((card, rows),) = sheet_scorecards(sheet)
    >>> [(k.title, k.weight, [x.weight for x in k.kpis]) for k in card.kras]
    [('Sales', 60.0, [None, None]), ('Hiring', 40.0, [None])]
    >>> sheet.assumed[0][:44]
    "column 'Weightage' repeats each KRA's weight"
    """
    from krakit.model import KRA, Kind, Role, Scorecard, WeightMode, slugify

    roles: dict[tuple[str, str], dict[str, Any]] = {}
    for row in sheet.rows:
        title = str(row.fields.get("role") or "").strip() or Path(sheet.path).stem
        holder = str(row.fields.get("holder") or "").strip()[:200]
        role = roles.setdefault(
            (title, holder),
            {"kras": {}, "loose": [], "rows": {}, "used": {}, "holder": holder or None},
        )
        kpi = _kpi_or_problem(sheet, row, role["used"], collect)
        if kpi is None:
            continue
        role["rows"][kpi.id] = row.row
        kra_title = str(row.fields.get("kra") or "").strip()
        if not kra_title:
            role["loose"].append(kpi)
            continue
        kra = role["kras"].setdefault(kra_title, {"title": kra_title[:300], "kpis": []})
        if "kra_weight" in row.fields and "weight" not in kra:
            kra["weight"] = row.fields["kra_weight"]
        kra["kpis"].append(kpi)
    if "weight" in sheet.columns.values() and "kra_weight" not in sheet.columns.values():
        cards = [
            [[k.weight for k in kra["kpis"] if k.weight is not None] for kra in r["kras"].values()]
            for r in roles.values()
        ]
        _apply_layout(roles, _weight_layout(sheet, cards))
    out = []
    for (title, _), role in roles.items():
        kras: list[Any] = []
        ids: dict[str, int] = {}
        for kra in role["kras"].values():
            base = slugify(kra["title"], fallback="kra")
            kra_id = _unique_id(base, ids)
            kras.append(
                KRA.model_construct(
                    id=kra_id,
                    title=kra["title"],
                    description=None,
                    kind=Kind.FUNCTIONAL,
                    weight=kra.get("weight"),
                    goals=[],
                    kpis=kra["kpis"],
                    ignore={},
                )
            )
        sc = Scorecard.model_construct(
            schema_version=1,
            role=Role(title=title[:200]),
            holder=role["holder"],
            period=None,
            weights=WeightMode.PERCENT,
            goals=[],
            kras=kras,
            unassigned_kpis=role["loose"],
            actuals=[],
            ignore={},
            created=None,
            updated=None,
        )
        out.append((sc, role["rows"]))
    return out
