"""Value cells read as people write them in a sheet: ``1,200``, ``₹10,00,000``, ``85%``, ``done``.

A blank cell (``-``, ``n/a``) is missing; anything else that is not a number is an
:class:`~krakit.errors.InputError` naming the row and column; so is a number beyond
:data:`MAX_VALUE`.

Examples
--------
>>> coerce_values(pd.Series(["(1,200)", "12,5%", "1.5 lakh"])).tolist()
[-1200.0, 12.5, 150000.0]
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Sequence
from os import PathLike
from typing import Any

import numpy as np
import pandas as pd

from krakit.errors import InputError

__all__ = ["MAX_VALUE", "check_finite", "coerce_values"]

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
