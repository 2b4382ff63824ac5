"""Integer codes for a column of text cells, hashing each distinct text once, not each cell.

A column of names read from a sheet (people, KPIs, periods) holds a million cells but only a
few distinct texts, and pandas' readers (``read_csv``, ``astype(str)``) give every cell with
the same text the same ``str`` object. So cells are first told apart by the object they hold
(its address: an integer, cheap to compare and hash), then only one cell per object is
hashed by its text. Equal texts held by different objects still get one code, since the
texts decide. The codes and the order of the distinct values are exactly
:func:`pandas.factorize`'s.
"""

from __future__ import annotations

import ctypes

import numpy as np
import pandas as pd

__all__ = ["factorize_cells"]


def factorize_cells(cells: np.ndarray) -> tuple[np.ndarray, pd.Index]:
    """Codes of an object array's cells (-1 where empty) and its distinct values, in the
    order they first appear: :func:`pandas.factorize`, faster when texts repeat.

    Parameters
    ----------
    cells
        A one-dimensional object array (text, or any values pandas can factorize).

    Returns
    -------
    codes, uniques
        ``uniques[codes[i]]`` equals ``cells[i]``; an empty cell (None, NaN, NA) has code -1.

    Examples
    --------
    >>> import numpy as np
    >>> codes, uniques = factorize_cells(np.array(["b", "a", "b", None, "a"], dtype=object))
    >>> codes.tolist(), uniques.tolist()
    ([0, 1, 0, -1, 1], ['b', 'a'])
    """
    n = len(cells)
    if n < 2 or cells.dtype != object:
        codes, uniques = pd.factorize(cells, use_na_sentinel=True)
        return codes, pd.Index(uniques)
    cells = np.ascontiguousarray(cells)  # kept alive below: the addresses are read from it
    address = _addresses(cells)
    change = address[1:] != address[:-1]
    moves = int(np.count_nonzero(change))
    if 4 * moves <= n:  # long runs (a sheet lists a person's rows together): one cell a run
        heads = np.empty(moves + 1, dtype=np.int64)
        heads[0] = 0
        heads[1:] = np.flatnonzero(change) + 1
        codes, uniques = pd.factorize(cells[heads], use_na_sentinel=True)
        return np.repeat(codes, np.diff(heads, append=n)), pd.Index(uniques)
    by_object, objects = pd.factorize(address)
    if 4 * len(objects) > n:  # mostly distinct objects: hashing the texts is no dearer
        codes, uniques = pd.factorize(cells, use_na_sentinel=True)
        return codes, pd.Index(uniques)
    first = np.empty(len(objects), dtype=np.int64)  # each object's first cell
    first[by_object[::-1]] = np.arange(n - 1, -1, -1)
    codes, uniques = pd.factorize(cells[first], use_na_sentinel=True)
    return codes[by_object], pd.Index(uniques)


def _addresses(cells: np.ndarray) -> np.ndarray:
    """The address of the object in each cell of a contiguous object array, as integers.

    A view of the array's own pointer slots (no copy): valid while ``cells`` lives,
    so callers keep ``cells`` referenced until they are done with the result.
    """
    slots = (ctypes.c_char * cells.nbytes).from_address(cells.ctypes.data)
    return np.frombuffer(slots, dtype=np.intp)
