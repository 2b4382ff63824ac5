"""Codes for text cells: exactly pandas.factorize's, whichever object holds each text."""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from krakit.scoring.codes import factorize_cells

TEXTS = st.sampled_from(["E001", "E002", "revenue", "2026-01", "", " ", "बिक्री", "Ü"])
EMPTY = st.sampled_from([None, np.nan, pd.NA])


def _same_as_pandas(cells: np.ndarray) -> None:
    codes, uniques = factorize_cells(cells)
    want_codes, want_uniques = pd.factorize(cells, use_na_sentinel=True)
    assert codes.tolist() == want_codes.tolist()
    assert list(uniques) == list(want_uniques)


@given(st.lists(st.one_of(TEXTS, EMPTY), max_size=300), st.integers(1, 40), st.booleans())
def test_codes_are_pandas_codes(cells: list, run: int, copies: bool) -> None:
    # runs of a cell (a sheet's layout) or none; one object per text, or a new object per cell
    cells = [c for c in cells for _ in range(run)]
    if copies:
        cells = ["".join(list(c)) if isinstance(c, str) else c for c in cells]
    _same_as_pandas(np.array(cells, dtype=object))


@given(st.lists(st.one_of(st.integers(-3, 3), st.floats(-3, 3), st.booleans()), max_size=200))
def test_numbers_in_text_columns_group_as_pandas_does(cells: list) -> None:
    # 1, 1.0 and True are equal to Python: pandas gives them one code, and so do we
    _same_as_pandas(np.array(cells, dtype=object))


def test_equal_texts_in_distinct_objects_share_a_code() -> None:
    months = [f"2026-{m:02d}" for m in range(1, 13)] * 50
    a = np.array(months, dtype=object)
    b = np.array(["".join(list(m)) for m in months], dtype=object)  # new objects, same text
    mixed = np.concatenate([a, b])
    codes, uniques = factorize_cells(mixed)
    assert len(uniques) == 12
    assert codes[:600].tolist() == codes[600:].tolist()


def test_a_strided_array_is_read_by_its_cells() -> None:
    cells = np.array(["a", "x", "b", "x", "a", "x"] * 10, dtype=object)[::2]
    _same_as_pandas(cells)
