"""Read actuals from CSV or Excel into a validated long frame: person, kpi, period, value.

Column names are matched loosely (``KPI id``, ``kpi_id`` and ``metric`` all mean ``kpi``).
Values may be written as people write them in a sheet (``1,200``, ``₹10,00,000``, ``85%``,
``done``); anything else in a number cell is an :class:`~krakit.errors.InputError` naming the
file, the row as the spreadsheet numbers it (header = row 1) and the column.
"""

from __future__ import annotations

import csv
import io
import itertools
import re
from collections.abc import Iterable, Mapping, Sequence
from os import PathLike
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from krakit.errors import InputError, KrakitError
from krakit.limits import CSV_MAX_BYTES, check_size, check_workbook
from krakit.model import Actual, Scorecard
from krakit.periods import canonical

__all__ = [
    "ALIASES",
    "MAX_VALUE",
    "check_finite",
    "coerce_values",
    "frame_of",
    "read_actuals",
    "unknown_kpi",
    "unknown_person",
]

ALIASES: dict[str, str] = {
    "person": "person",
    "employee": "person",
    "name": "person",
    "holder": "person",
    "employee id": "person",
    "person id": "person",
    "kpi": "kpi",
    "kpi id": "kpi",
    "kpi_id": "kpi",
    "indicator": "kpi",
    "metric": "kpi",
    "period": "period",
    "month": "period",
    "quarter": "period",
    "date": "period",
    "value": "value",
    "actual": "value",
    "actuals": "value",
    "result": "value",
    "note": "note",
    "comment": "note",
}
"""Column names krakit understands (lower case, spaces or underscores) and what they mean."""

_DONE = {"done", "yes", "y", "true", "met", "complete", "completed", "achieved"}
_NOT_DONE = {"not done", "no", "n", "false", "not met", "pending", "open"}
_BLANK = {"", "-", "—", "n/a", "na", "nan", "none", "null"}
# Currency symbols and codes, thousands separators (any grouping, so Indian 10,00,000 too).
# ("Rs." keeps its dot: "Rs. 5,000" is 5000, not ".5000".)
# "Rs. 2,40,000/-": the "/-" Indian bills end an amount with is noise too
_NOISE = re.compile(r"[₹$€£,\s]|\b(?:INR|USD|EUR|GBP)\b|\bRs\b\.?|/-$", re.IGNORECASE)
MAX_VALUE = 1e15
"""The largest actual krakit accepts (in absolute value): anything above is a typo or a unit
mistake, and sums of such numbers would overflow."""


def _canonical(column: object) -> str:
    key = re.sub(r"[\s_]+", " ", str(column).strip().lower())
    return ALIASES.get(key, ALIASES.get(key.replace(" ", "_"), key))


def coerce_values(
    values: pd.Series,
    *,
    path: str | PathLike[str] | None = None,
    rows: Iterable[Any] | None = None,
    column: str = "value",
) -> pd.Series:
    """Turn a column of cells into floats; blanks become NaN (missing), text is an error.

    Parameters
    ----------
    values
        The cells.
    path
        The file they came from, for the error message.
    rows
        The row number of each cell as the user sees it (defaults to the index).
    column
        The column name, for the error message.

    Raises
    ------
    InputError
        A cell holds text that is not a number (``'ten lakh'``), naming its row and column.

    Examples
    --------
    >>> coerce_values(pd.Series(["1,200", "₹10,00,000", "85%", "done", ""])).tolist()
    [1200.0, 1000000.0, 85.0, 1.0, nan]
    >>> coerce_values(pd.Series(["Rs. 2,40,000/-", "1,500/-", "-"])).tolist()
    [240000.0, 1500.0, nan]
    """
    if pd.api.types.is_complex_dtype(values):
        values = values.astype(object)
    if pd.api.types.is_numeric_dtype(values) or pd.api.types.is_bool_dtype(values):
        numbers = values.astype("float64")
        check_finite(numbers, path=path, rows=rows, column=column)
        return numbers
    text = values.astype("string")
    # most cells are plain numbers; only the others are read as people write them
    numbers = pd.to_numeric(text, errors="coerce").to_numpy("float64", na_value=np.nan, copy=True)
    blank, bad = np.zeros(len(values), dtype=bool), np.zeros(len(values), dtype=bool)
    rest = np.flatnonzero(np.isnan(numbers))
    if len(rest):
        numbers[rest], blank[rest], bad[rest] = _read_cells(values.iloc[rest], text.iloc[rest])
    if bad.any():
        where = int(np.flatnonzero(bad)[0])
        row = _row_at(rows, values.index, where)
        count = int(bad.sum())
        more = f" ({count - 1} more cells like it)" if count > 1 else ""
        raise InputError(
            f"expected a number, got {values.iloc[where]!r}{more}; write digits such as "
            "1200, 85% or ₹10,00,000 (or done / not done for a milestone)",
            path=path,
            row=int(row) if isinstance(row, int | np.integer) else None,
            field=column if isinstance(row, int | np.integer) else f"{column}[{row}]",
            value=values.iloc[where],
        )
    numbers[blank] = np.nan
    out = pd.Series(numbers, index=values.index, name=values.name)
    check_finite(out, path=path, rows=rows, column=column, cells=values)
    return out


def _read_cells(cells: pd.Series, text: pd.Series) -> tuple[np.ndarray, ...]:
    """Cells that are not plain numbers, read as people write them: ``(numbers, blank, bad)``.

    ``1,200``, ``₹10,00,000``, ``85%``, ``(1,200)``, ``12,5``, ``done``, ``1.5 lakh``; a blank
    cell (``-``, ``n/a``) is missing; anything else is bad.
    """
    text = text.str.strip()
    lowered = text.str.lower()
    # "12,5" / "12,5%" is a decimal comma (one comma, one or two digits after it); any other
    # comma groups digits, in any grouping (1,500 or Indian 2,50,000)
    text = text.str.replace(r"^([-+]?\d+),(\d{1,2}\s*%?)$", r"\1.\2", regex=True)
    cleaned = text.str.replace(_NOISE, "", regex=True).str.removesuffix("%")
    # Accounting negatives: (1,200) means -1200.
    cleaned = cleaned.str.replace(r"^\((.*)\)$", r"-\1", regex=True)
    numbers = pd.to_numeric(cleaned, errors="coerce").astype("float64")
    numbers = numbers.mask(lowered.isin(_DONE), 1.0).mask(lowered.isin(_NOT_DONE), 0.0)
    numbers = numbers.to_numpy(dtype="float64", na_value=np.nan, copy=True)
    blank = cells.isna().to_numpy() | lowered.fillna("").isin(_BLANK).to_numpy()
    bad = np.isnan(numbers) & ~blank
    for i in np.flatnonzero(bad):  # "1.5 lakh", "INR 40k", "2.5 Cr": words plain digits miss
        amount = _amount(text.iloc[i])
        if amount is not None:
            numbers[i], bad[i] = amount, False
    return numbers, blank, bad


def _row_at(rows: Iterable[Any] | None, index: pd.Index, where: int) -> Any:
    """The row name of the cell at position ``where``: from ``rows`` if given (indexed, not
    listed, so a million-row column is not copied to name one row), else the index label."""
    if rows is None:
        return index[where]
    if isinstance(rows, Sequence | pd.Index | np.ndarray):
        return rows[where]
    return next(itertools.islice(rows, where, None))


def _amount(cell: Any) -> float | None:
    """A cell that is exactly one amount ("1.5 lakh", "INR 40k"), else None."""
    from krakit.text.numbers import find_amounts

    if cell is None or pd.isna(cell):
        return None
    found = find_amounts(str(cell))
    if len(found) != 1 or found[0].spelled:
        return None  # "ten lakh" in a number cell is a mistake to show, not to guess at
    start, end = found[0].span
    if str(cell)[:start].strip() or str(cell)[end:].strip():
        return None  # words around the number: "about 5 people" is not a value
    return found[0].value


def check_finite(
    numbers: pd.Series,
    *,
    path: str | PathLike[str] | None = None,
    rows: Iterable[Any] | None = None,
    column: str = "value",
    cells: pd.Series | None = None,
) -> None:
    """Refuse infinite numbers and numbers beyond :data:`MAX_VALUE` (NaN means blank).

    Raises
    ------
    InputError
        Naming the row and column of the first such cell.

    Examples
    --------
    >>> check_finite(pd.Series([1.0, float("nan")]))
    >>> check_finite(pd.Series([1.0, float("inf")]))  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    krakit.errors.InputError: row 1, field 'value': expected a number up to 10^15, got inf; ...
    """
    array = numbers.to_numpy(dtype="float64", na_value=np.nan)
    with np.errstate(invalid="ignore"):
        bad = np.isinf(array) | (np.abs(array) > MAX_VALUE)
    if not bad.any():
        return
    where = int(np.flatnonzero(bad)[0])
    row = _row_at(rows, numbers.index, where)
    got = (cells if cells is not None else numbers).iloc[where]
    got = got.item() if isinstance(got, np.generic) else got
    numbered = isinstance(row, int | np.integer)
    raise InputError(
        f"expected a number up to 10^15, got {got!r}; check the cell for a typo or a wrong unit",
        path=path,
        row=int(row) if numbered else None,
        field=column if numbered else f"{column}[{row}]",
        value=got,
    )


def read_actuals(
    source: str | PathLike[str] | pd.DataFrame,
    *,
    scorecard: Scorecard | Mapping[str, Scorecard] | None = None,
    sheet: str | int = 0,
) -> pd.DataFrame:
    """Read actuals from a CSV/XLSX file (or a DataFrame) into a validated long frame.

    Parameters
    ----------
    source
        A ``.csv``, ``.xlsx`` file or a DataFrame with columns kpi, period, value (and person
        for a team; note optional).
    scorecard
        If given, every KPI id must exist in it (for a team: a mapping person → scorecard,
        and every person must have one).
    sheet
        The Excel sheet to read.

    Returns
    -------
    pandas.DataFrame
        Columns ``[person,] kpi, period, value, note`` (value float, NaN where blank), with the
        spreadsheet row number of each line as the index.

    Raises
    ------
    InputError
        The file cannot be read, a column is missing, a number cell holds text, a period or KPI
        id is unknown, or the same KPI and period appear twice (each naming file, row, column).

    Examples
    --------
    >>> frame = pd.DataFrame({"KPI id": ["calls"], "Month": ["2026-01"], "Actual": ["1,200"]})
    >>> read_actuals(frame)[["kpi", "period", "value"]].to_dict("records")
    [{'kpi': 'calls', 'period': '2026-01', 'value': 1200.0}]
    """
    path: Path | None = None
    if isinstance(source, pd.DataFrame):
        raw = source.copy()
        raw.index = pd.RangeIndex(2, len(raw) + 2)
    else:
        path = Path(source)
        raw = _read_file(path, sheet)
    names = {c: _canonical(c) for c in raw.columns}
    seen: dict[str, Any] = {}
    for original, name in names.items():
        if name in seen and name in ("person", "kpi", "period", "value", "note"):
            raise InputError(
                f"columns '{seen[name]}' and '{original}' both mean '{name}'; keep one of "
                "them (or rename the other)",
                path=path,
                field=name,
            )
        seen.setdefault(name, original)
    if len(set(map(str, raw.columns))) < len(raw.columns):
        twice = raw.columns[raw.columns.duplicated()][0]
        raise InputError(
            f"the column '{twice}' appears twice; keep one", path=path, field=str(twice)
        )
    raw = raw.rename(columns=names)
    missing = [c for c in ("kpi", "period", "value") if c not in raw.columns]
    if missing:
        raise InputError(
            f"missing column(s) {', '.join(missing)}; actuals need kpi, period and value "
            f"(found: {', '.join(map(str, raw.columns)) or 'none'})",
            path=path,
            field=missing[0],
        )
    team = isinstance(scorecard, Mapping) or "person" in raw.columns
    rows = raw.index  # the sheet's row numbers, looked up only for a message
    out = pd.DataFrame(index=raw.index)
    if team:
        if "person" not in raw.columns:
            raise InputError("team actuals need a 'person' column", path=path, field="person")
        out["person"] = _text_column(raw["person"], "person", path, rows)
    out["kpi"] = _text_column(raw["kpi"], "kpi", path, rows)
    fiscal = 1
    if isinstance(scorecard, Scorecard) and scorecard.scoring is not None:
        fiscal = scorecard.scoring.fiscal_year_start or 1
    out["period"] = _period_column(raw["period"], path, rows, fiscal)
    out["value"] = coerce_values(raw["value"], path=path, rows=rows)
    out["note"] = raw["note"].astype("string") if "note" in raw.columns else pd.NA
    keys = [c for c in ("person", "kpi", "period") if c in out.columns]
    dupes = out.duplicated(keys, keep=False).to_numpy()
    if dupes.any():
        first, second = (rows[i] for i in np.flatnonzero(dupes)[:2])
        raise InputError(
            f"rows {first} and {second} both give {out.loc[first, 'kpi']} for "
            f"{out.loc[first, 'period']}; keep one value per KPI and period",
            path=path,
            row=int(second),
            field="period",
        )
    if scorecard is not None:
        _check_kpis(out, scorecard, path, rows)
    return out


def _read_file(path: Path, sheet: str | int) -> pd.DataFrame:
    suffix = path.suffix.lower()
    try:
        if suffix == ".csv":
            from krakit.encoding import read_text, sniff_delimiter

            check_size(path, CSV_MAX_BYTES)  # before reading it whole
            text = read_text(path).text  # UTF-8, UTF-16 or (with a warning) Windows-1252
            if not text.strip():
                raise InputError(
                    "the file is empty; actuals need a header row: kpi, period, value", path=path
                )
            delimiter = sniff_delimiter(text)
            lines = csv.reader(io.StringIO(text[:20_000], newline=""), delimiter=delimiter)
            skip = _title_rows(lines)
            frame = pd.read_csv(
                io.StringIO(text),
                sep=delimiter,
                dtype=str,
                keep_default_na=False,
                skiprows=skip,
                skip_blank_lines=False,  # so that row numbers stay the spreadsheet's
            )
        elif suffix in (".xlsx", ".xlsm"):
            check_workbook(path)  # size on disk and expanded (zip bombs)
            head = pd.read_excel(path, sheet_name=sheet, dtype=object, header=None, nrows=6)
            skip = _title_rows(head.itertuples(index=False))
            frame = pd.read_excel(path, sheet_name=sheet, dtype=object, skiprows=skip)
        else:
            raise InputError(
                f"cannot read {suffix or 'a file without suffix'}; use .csv or .xlsx", path=path
            )
    except FileNotFoundError as exc:
        raise InputError("no such file", path=path) from exc
    except KrakitError:
        raise
    except (ValueError, OSError, UnicodeDecodeError, pd.errors.ParserError) as exc:
        raise InputError(f"cannot read the file: {exc}", path=path) from exc
    frame.index = pd.RangeIndex(skip + 2, len(frame) + skip + 2)
    if not len(frame.columns):
        return frame
    blank = np.arange(len(frame))  # rows blank in every column so far
    for j in range(len(frame.columns)):
        blank = blank[_empty(*_stripped(frame.iloc[blank, j]))]
    keep = np.ones(len(frame), dtype=bool)
    keep[blank] = False
    return frame[keep]


def _title_rows(rows: Iterable[Iterable[Any]]) -> int:
    """How many title rows (one filled cell, e.g. a merged banner) sit above the header."""
    for i, cells in enumerate(rows):
        filled = sum(not pd.isna(c) and bool(str(c).strip()) for c in cells)
        if filled >= 2 or i >= 5:
            return i
    return 0


def _stripped(column: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Each cell as text without surrounding spaces, ``(codes, texts)``: cell ``i`` is
    ``texts[codes[i]]``, -1 where empty. Each distinct text is stripped once: a sheet repeats
    its people, KPIs and periods on every row."""
    codes, uniques = pd.factorize(column.astype("string"), use_na_sentinel=True)
    texts = pd.Series(uniques, dtype="string").str.strip().to_numpy(dtype=object)
    return codes, texts


def _empty(codes: np.ndarray, texts: np.ndarray) -> np.ndarray:
    """Which cells of a :func:`_stripped` column are empty or only spaces."""
    return (codes < 0) | (texts == "")[np.maximum(codes, 0)] if len(texts) else codes < 0


def _text_column(column: pd.Series, name: str, path: Path | None, rows: Any) -> pd.Series:
    codes, texts = _stripped(column)
    empty = _empty(codes, texts)
    if empty.any():
        row = rows[int(np.flatnonzero(empty)[0])]
        raise InputError(f"the {name} is empty", path=path, row=int(row), field=name)
    return pd.Series(texts[codes], index=column.index, dtype=object)


def _period_column(
    column: pd.Series, path: Path | None, rows: Any, fiscal_start: int = 1
) -> pd.Series:
    """The period of each row in its one label (:func:`krakit.periods.canonical`): "Apr-26",
    "April 2026" and "2026-04" are one month, so they roll up (and count as one) together."""
    if pd.api.types.infer_dtype(column, skipna=True) != "string":  # dates from Excel
        column = column.map(lambda v: v.date().isoformat() if hasattr(v, "date") else v)
    text = _text_column(column, "period", path, rows)
    labels: dict[str, str] = {}
    for label in pd.unique(text):
        try:
            labels[label] = canonical(label, fiscal_start)
        except KrakitError as exc:
            row = rows[int(np.flatnonzero((text == label).to_numpy())[0])]
            raise InputError(exc.reason, path=path, row=int(row), field="period") from exc
    if all(k == v for k, v in labels.items()):
        return text
    return text.map(labels)


def _named(names: Iterable[str], most: int = 12) -> str:
    names = sorted(names)
    more = f", … ({len(names) - most} more)" if len(names) > most else ""
    return ", ".join(names[:most]) + more


def unknown_kpi(
    kpi: object,
    known: Iterable[str],
    whose: str | None = None,
    *,
    path: str | PathLike[str] | None = None,
    row: Any = None,
) -> InputError:
    """The one error for an actual whose KPI is not in the scorecard (import and scoring).

    Examples
    --------
    >>> print(unknown_kpi("nps", ["csat", "aht"], "Asha").reason)  # doctest: +NORMALIZE_WHITESPACE
    KPI 'nps' is not in Asha's scorecard (its KPIs: aht, csat); correct the KPI id in the
    actuals, or add the KPI to the scorecard
    """
    names = list(known)
    where = f"{whose}'s scorecard" if whose else "the scorecard"
    listed = f" (its KPIs: {_named(names)})" if names else ", which has no KPIs yet"
    return InputError(
        f"KPI '{kpi}' is not in {where}{listed}; correct the KPI id in the actuals, or add the "
        "KPI to the scorecard",
        path=path,
        row=row,
        field="kpi",
        value=kpi,
    )


def unknown_person(
    person: object,
    people: Iterable[str],
    *,
    path: str | PathLike[str] | None = None,
    row: Any = None,
) -> InputError:
    """The one error for a team actual whose person has no scorecard (import and scoring).

    Examples
    --------
    >>> print(unknown_person("Ravi", ["Asha", "Meena"]).reason)  # doctest: +NORMALIZE_WHITESPACE
    person 'Ravi' has no scorecard (the team: Asha, Meena); correct the name in the actuals,
    or give them a scorecard
    """
    return InputError(
        f"person '{person}' has no scorecard (the team: {_named(str(p) for p in people)}); "
        "correct the name in the actuals, or give them a scorecard",
        path=path,
        row=row,
        field="person",
        value=person,
    )


def _check_kpis(
    out: pd.DataFrame,
    scorecard: Scorecard | Mapping[str, Scorecard],
    path: Path | None,
    rows: Any,
) -> None:
    if isinstance(scorecard, Scorecard):
        known = {kpi.id for kpi in scorecard.all_kpis()}
        bad = ~out["kpi"].isin(known).to_numpy()
        if bad.any():
            i = int(np.flatnonzero(bad)[0])
            raise unknown_kpi(out["kpi"].iloc[i], known, path=path, row=int(rows[i]))
        return
    people = out["person"]
    unknown = ~people.isin(list(scorecard)).to_numpy()
    if unknown.any():
        i = int(np.flatnonzero(unknown)[0])
        raise unknown_person(people.iloc[i], scorecard, path=path, row=int(rows[i]))
    # people share scorecards: check each scorecard's rows at once, not each person's
    person_codes, names = pd.factorize(people)  # in order of first appearance
    card_of = [id(scorecard[str(name)]) for name in names]
    cards = {id(card): card for card in scorecard.values()}
    bad = np.zeros(len(out), dtype=bool)
    for key in set(card_of):
        rows_of_card = np.isin(person_codes, [n for n, c in enumerate(card_of) if c == key])
        known = {kpi.id for kpi in cards[key].all_kpis()}
        bad |= rows_of_card & ~out["kpi"].isin(known).to_numpy()
    if bad.any():  # the first person (in sheet order) with an unknown KPI, at its first one
        first = person_codes[bad].min()
        i = int(np.flatnonzero(bad & (person_codes == first))[0])
        card = scorecard[str(names[first])]
        raise unknown_kpi(
            out["kpi"].iloc[i],
            (k.id for k in card.all_kpis()),
            str(names[first]),
            path=path,
            row=int(rows[i]),
        )


def frame_of(actuals: Iterable[Actual]) -> pd.DataFrame:
    """The long frame (kpi, period, value, note) of a scorecard's own actuals."""
    records = [
        {"kpi": a.kpi, "period": a.period, "value": a.value, "note": a.note} for a in actuals
    ]
    frame = pd.DataFrame(records, columns=["kpi", "period", "value", "note"])
    frame["value"] = frame["value"].astype("float64")
    return frame
