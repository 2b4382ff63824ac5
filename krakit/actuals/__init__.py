"""Read actuals from CSV or Excel into a validated long frame: person, kpi, period, value.

Column names are matched loosely (``KPI id``, ``kpi_id`` and ``metric`` all mean ``kpi``).
Values may be written as people write them in a sheet (``1,200``, ``₹10,00,000``, ``85%``,
``done``); anything else in a number cell is an :class:`~krakit.errors.InputError` naming the
file, the row as the spreadsheet numbers it (header = row 1) and the column. One module a job:

- :mod:`krakit.actuals.read`: files and DataFrames to the long frame (columns, periods, rows);
- :mod:`krakit.actuals.values`: one column of value cells to numbers;
- :mod:`krakit.actuals.unknown`: the errors for a KPI or person no scorecard has.
"""

from __future__ import annotations

from krakit.actuals.read import ALIASES, frame_of, read_actuals
from krakit.actuals.unknown import unknown_kpi, unknown_person
from krakit.actuals.values import MAX_VALUE, check_finite, coerce_values

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
