"""Cells merged down a column in a workbook: a KRA written once beside all of its KPIs.

A KPI sheet often merges the KRA cell over the rows of its KPIs. openpyxl's fast read-only
mode gives the first row the value and every other row of the merge nothing, so those KPIs
would lose their KRA. :func:`vertical_merges` reads the merges from the worksheet's XML and
:func:`fill_down` gives each covered cell the value written at the top of its merge.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

__all__ = ["fill_down", "vertical_merges"]

_MERGE = re.compile(rb'<(?:\w+:)?mergeCell\b[^>]*?\bref="([A-Z]{1,3})(\d+):([A-Z]{1,3})(\d+)"')


def _column(letters: bytes) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + letter - 64
    return number - 1


def vertical_merges(book: Path, member: str) -> list[tuple[int, int, int]]:
    """Return the merges that span rows, as ``(column index, first row, last row)``.

    Only the merge's first column is filled later; a merge across columns alone (a banner,
    a header over two columns) is left as it is.
    """
    with zipfile.ZipFile(book) as archive, archive.open(member) as xml:
        text = xml.read()
    out = []
    for first_col, first_row, _last_col, last_row in _MERGE.findall(text):
        top, bottom = int(first_row), int(last_row)
        if bottom > top:
            out.append((_column(first_col), top, bottom))
    return out


def fill_down(
    rows: Iterable[tuple[int, list[Any]]], merges: list[tuple[int, int, int]]
) -> Iterator[tuple[int, list[Any]]]:
    """Give each empty cell a merge covers the value at the top of the merge.

    Examples
    --------
    >>> rows = [(1, ["KRA", "KPI"]), (2, ["Revenue", "Sales"]), (3, [None, "Margin"])]
    >>> list(fill_down(rows, [(0, 2, 3)]))
    [(1, ['KRA', 'KPI']), (2, ['Revenue', 'Sales']), (3, ['Revenue', 'Margin'])]
    """
    starts: dict[int, list[int]] = {}  # row -> the columns a merge starts at
    covered: dict[int, list[tuple[int, int]]] = {}  # row -> (column, the merge's top row)
    for column, top, bottom in merges:
        starts.setdefault(top, []).append(column)
        for number in range(top + 1, bottom + 1):
            covered.setdefault(number, []).append((column, top))
    tops: dict[tuple[int, int], Any] = {}
    for number, cells in rows:
        for column in starts.get(number, ()):
            if column < len(cells):
                tops[(column, number)] = cells[column]
        for column, top in covered.get(number, ()):
            if column < len(cells) and cells[column] is None:
                cells[column] = tops.get((column, top))
        yield number, cells
