"""Period labels: read '2026-01', '2026-Q1', '2026-H1', '2026' (and weeks, dates) and roll up.

A period is held as a month index (``year * 12 + month - 1``), a span in months and a level.
Weeks and days sit inside the month they start in, with a fractional span, so they roll up to
months like everything else. Quarters and halves are calendar ones (Q1 = January to March),
unless a fiscal year is in use: ``FY2026-27`` (April 2026 to March 2027 by default),
``FY2026-27 Q1`` / ``Q1 FY2026-27`` (April to June 2026) and ``H1 FY2026-27``; roll-ups then
use fiscal quarters, halves and years (``fiscal_start``: the month the fiscal year begins).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from enum import StrEnum

from krakit.errors import ParseError

__all__ = ["LEVELS", "Level", "PeriodSpan", "label", "ordinal", "parse_period", "roll"]

DAYS_PER_MONTH = 365.25 / 12


class Level(StrEnum):
    """How coarse a period is, from finest to coarsest."""

    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    QUARTER = "quarter"
    HALF = "half"
    YEAR = "year"


LEVELS: dict[Level, float] = {
    Level.DAY: 1 / DAYS_PER_MONTH,
    Level.WEEK: 7 / DAYS_PER_MONTH,
    Level.MONTH: 1.0,
    Level.QUARTER: 3.0,
    Level.HALF: 6.0,
    Level.YEAR: 12.0,
}
"""The span of each level in months."""


@dataclass(frozen=True, slots=True)
class PeriodSpan:
    """Where a period starts (month index), how long it is (months) and its level."""

    start: int
    months: float
    level: Level

    @property
    def year(self) -> int:
        return self.start // 12


_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
_QUARTER = re.compile(r"^(\d{4})\s*-?\s*Q([1-4])$|^Q([1-4])\s*-?\s*(\d{4})$", re.IGNORECASE)
_HALF = re.compile(r"^(\d{4})\s*-?\s*H([12])$|^H([12])\s*-?\s*(\d{4})$", re.IGNORECASE)
_YEAR = re.compile(r"^(\d{4})$")
_WEEK = re.compile(r"^(\d{4})-?W(\d{1,2})$", re.IGNORECASE)
_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_FY = r"FY\s*(\d{4})\s*[-/–]\s*(\d{2}|\d{4})"
_FY_YEAR = re.compile(rf"^{_FY}$", re.IGNORECASE)
_FY_PART = re.compile(
    rf"^(?:([QH])([1-4])\s*[-\s]?\s*{_FY}|{_FY}\s*[-\s]?\s*([QH])([1-4]))$", re.IGNORECASE
)
FISCAL_START = 4
"""The month a fiscal year begins when a label says ``FY`` (April, as in India and the UK)."""


def _fiscal(raw: str, fiscal_start: int) -> PeriodSpan | None:
    """Read an ``FY2026-27`` label (or a quarter / half of one); None if it is not one."""
    first = fiscal_start if fiscal_start != 1 else FISCAL_START
    if m := _FY_YEAR.match(raw):
        part, number, year, second = None, 0, m[1], m[2]
    elif m := _FY_PART.match(raw):
        if m[1]:
            part, number, year, second = m[1].upper(), int(m[2]), m[3], m[4]
        else:
            year, second, part, number = m[5], m[6], m[7].upper(), int(m[8])
    else:
        return None
    start_year = int(year)
    if int(second) % 100 != (start_year + 1) % 100:
        return None
    start = start_year * 12 + first - 1
    if part is None:
        return PeriodSpan(start, 12.0, Level.YEAR)
    if part == "H" and number in (1, 2):
        return PeriodSpan(start + (number - 1) * 6, 6.0, Level.HALF)
    if part == "Q":
        return PeriodSpan(start + (number - 1) * 3, 3.0, Level.QUARTER)
    return None


def parse_period(text: str, fiscal_start: int = 1) -> PeriodSpan:
    """Read a period label.

    Raises
    ------
    ParseError
        The label is not one of the forms krakit reads.

    Examples
    --------
    >>> parse_period("2026-Q2")
    PeriodSpan(start=24315, months=3.0, level=<Level.QUARTER: 'quarter'>)
    >>> label(parse_period("2026-04").start, Level.QUARTER)
    '2026-Q2'
    """
    raw = str(text).strip()
    if raw[:1] in "FfQqHh" and "FY" in raw.upper() and (span := _fiscal(raw, fiscal_start)):
        return span
    if m := _MONTH.match(raw):
        year, month = int(m[1]), int(m[2])
        if 1 <= month <= 12:
            return PeriodSpan(year * 12 + month - 1, 1.0, Level.MONTH)
    elif m := _QUARTER.match(raw):
        year, q = (int(m[1]), int(m[2])) if m[1] else (int(m[4]), int(m[3]))
        return PeriodSpan(year * 12 + (q - 1) * 3, 3.0, Level.QUARTER)
    elif m := _HALF.match(raw):
        year, h = (int(m[1]), int(m[2])) if m[1] else (int(m[4]), int(m[3]))
        return PeriodSpan(year * 12 + (h - 1) * 6, 6.0, Level.HALF)
    elif m := _YEAR.match(raw):
        return PeriodSpan(int(m[1]) * 12, 12.0, Level.YEAR)
    elif m := _WEEK.match(raw):
        try:
            monday = dt.date.fromisocalendar(int(m[1]), int(m[2]), 1)
        except ValueError:
            pass
        else:
            return PeriodSpan(monday.year * 12 + monday.month - 1, LEVELS[Level.WEEK], Level.WEEK)
    elif m := _DATE.match(raw):
        try:
            day = dt.date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            pass
        else:
            return PeriodSpan(day.year * 12 + day.month - 1, LEVELS[Level.DAY], Level.DAY)
    raise ParseError(
        f"'{raw}' is not a period krakit reads; use '2026-01' (month), '2026-Q1', '2026-H1', "
        "'2026', 'FY2026-27', 'FY2026-27 Q1', '2026-W05' or a date '2026-01-31'",
        field="period",
        value=text,
    )


def label(start: int, level: Level | str, fiscal_start: int = 1) -> str:
    """The label of the period of this level that contains month index ``start``.

    Examples
    --------
    >>> [label(2026 * 12 + 4, lvl) for lvl in ("month", "quarter", "half", "year")]
    ['2026-05', '2026-Q2', '2026-H1', '2026']
    >>> [label(2026 * 12 + 4, lvl, fiscal_start=4) for lvl in ("quarter", "half", "year")]
    ['FY2026-27 Q1', 'FY2026-27 H1', 'FY2026-27']
    """
    level = Level(level)
    year, month0 = divmod(int(start), 12)
    if level in (Level.MONTH, Level.WEEK, Level.DAY):
        return f"{year}-{month0 + 1:02d}"
    if fiscal_start != 1:
        fy, into = divmod(int(start) - (fiscal_start - 1), 12)
        name = f"FY{fy}-{(fy + 1) % 100:02d}"
        if level is Level.QUARTER:
            return f"{name} Q{into // 3 + 1}"
        if level is Level.HALF:
            return f"{name} H{into // 6 + 1}"
        return name
    if level is Level.QUARTER:
        return f"{year}-Q{month0 // 3 + 1}"
    if level is Level.HALF:
        return f"{year}-H{month0 // 6 + 1}"
    return f"{year}"


def roll(start: int, level: Level | str, fiscal_start: int = 1) -> int:
    """The month index where the ``level`` period containing ``start`` begins.

    Examples
    --------
    >>> roll(2026 * 12 + 4, "quarter") - 2026 * 12
    3
    >>> roll(2027 * 12 + 1, "year", fiscal_start=4) - 2026 * 12  # Feb 2027 is in FY2026-27
    3
    """
    level = Level(level)
    months = max(int(LEVELS[level]), 1)
    shift = int(start) - (fiscal_start - 1)
    return int(start) - shift % months


def ordinal(span: PeriodSpan, text: str) -> int:
    """A day number that orders periods by when they start (for 'last' roll-ups)."""
    raw = str(text).strip()
    if span.level is Level.WEEK and (m := _WEEK.match(raw)):
        return dt.date.fromisocalendar(int(m[1]), int(m[2]), 1).toordinal()
    if span.level is Level.DAY and (m := _DATE.match(raw)):
        return dt.date(int(m[1]), int(m[2]), int(m[3])).toordinal()
    year, month0 = divmod(span.start, 12)
    return dt.date(year, month0 + 1, 1).toordinal()
