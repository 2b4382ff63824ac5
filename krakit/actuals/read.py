"""Read actuals from CSV or Excel (or a DataFrame) into a validated long frame.

The frame has columns ``[person,] kpi, period, value, note``, with the spreadsheet row number
of each line as the index; :func:`frame_of` gives the same frame for a scorecard's own actuals.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Mapping
from os import PathLike
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from krakit.actuals.unknown import check_kpis
from krakit.actuals.values import coerce_values
from krakit.errors import InputError, KrakitError
from krakit.limits import CSV_MAX_BYTES, check_size, check_workbook
from krakit.model import Actual, Scorecard
from krakit.periods import canonical

__all__ = ["ALIASES", "frame_of", "read_actuals"]

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


def _canonical(column: object) -> str:
    key = re.sub(r"[\s_]+", " ", str(column).strip().lower())
    return ALIASES.get(key, ALIASES.get(key.replace(" ", "_"), key))


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
        check_kpis(out, scorecard, path, rows)
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


def frame_of(actuals: Iterable[Actual]) -> pd.DataFrame:
    """The long frame (kpi, period, value, note) of a scorecard's own actuals."""
    records = [
        {"kpi": a.kpi, "period": a.period, "value": a.value, "note": a.note} for a in actuals
    ]
    frame = pd.DataFrame(records, columns=["kpi", "period", "value", "note"])
    frame["value"] = frame["value"].astype("float64")
    return frame
