"""Period labels: read, roll up and name the periods actuals are reported for.

Read the labels actuals carry: '2026-01', '2026-Q1', '2026-H1', '2026' (and weeks, dates), and
the spellings sheets use ('Apr-26', 'April 2026', '04/2026', 'Q1 FY27', 'FY26-27', 'FY2027'),
roll up, and name each one way (:func:`canonical`); :func:`period_when` gives a label's first and
last day as a :class:`When`.

A period is held as a month index (``year * 12 + month - 1``), a span in months and a level.
Weeks and days sit inside the month they start in, with a fractional span, so they roll up to
months like everything else. Quarters and halves are calendar ones (Q1 = January to March),
unless a fiscal year is in use: ``FY2026-27`` (April 2026 to March 2027 by default),
``FY2026-27 Q1`` / ``Q1 FY2026-27`` (April to June 2026) and ``H1 FY2026-27``; roll-ups then
use fiscal quarters, halves and years (``fiscal_start``: the month the fiscal year begins).

The typed time value :class:`~krakit.when.When` and the calendar arithmetic (month ends, fiscal
years, quarters, halves, seasons) live in :mod:`krakit.when`; their names are importable from
here too.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

from krakit.errors import ParseError
from krakit.when import (
    FISCAL_START,
    FISCAL_STARTS,
    When,
    fiscal_year,
    half,
    month_end,
    month_span,
    next_end,
    quarter,
    school_year,
    season,
)

__all__ = [
    "FISCAL_START",
    "FISCAL_STARTS",
    "LEVELS",
    "Level",
    "PeriodSpan",
    "When",
    "canonical",
    "fiscal_year",
    "half",
    "label",
    "month_end",
    "next_end",
    "ordinal",
    "parse_period",
    "period_when",
    "quarter",
    "roll",
    "school_year",
    "season",
]

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
# "FY2026-27", "FY 2026/27", "FY26-27", "FY27", "FY2027", "FY'27" (a single year is the one the
# fiscal year ends in), alone or with a quarter or half before or after: "Q1 FY27", "FY27-Q1"
_FY = r"FY\s*'?(?P<a>\d{4}|\d{2})(?:\s*[-/–]\s*(?P<b>\d{4}|\d{2}))?"
_FY_PART = re.compile(
    rf"^(?:(?P<p1>[QH])(?P<n1>[1-4])\s*[-\s]?\s*{_FY}|"
    rf"{_FY.replace('<a>', '<a2>').replace('<b>', '<b2>')}"
    r"(?:\s*[-\s]?\s*(?P<p2>[QH])(?P<n2>[1-4]))?)$",
    re.IGNORECASE,
)
# "Apr-26", "Apr26", "Apr '26", "April-2026", "Sept. 2026" (Excel's mmm-yy and its cousins)
_MONTH_NAME = re.compile(r"^(?P<m>[A-Za-z]{3,9})\.?[\s\-'’/]*(?P<y>\d{4}|\d{2})$")
# "04/2026", "4-2026", "2026/04", "2026.04"
_MONTH_NUM = re.compile(r"^(?:(?P<m>\d{1,2})[/.-](?P<y>\d{4})|(?P<y2>\d{4})[/.](?P<m2>\d{1,2}))$")


def _year(digits: str) -> int:
    """A year written in four digits, or two ('27' is 2027)."""
    return int(digits) if len(digits) == 4 else 2000 + int(digits)


def _fiscal(raw: str, fiscal_start: int) -> PeriodSpan | None:
    """Read an ``FY2026-27`` / ``FY27`` label (or a quarter / half of one); None if not one."""
    first = fiscal_start if fiscal_start != 1 else FISCAL_START
    m = _FY_PART.match(raw)
    if m is None:
        return None
    a, b = (m["a"], m["b"]) if m["a"] else (m["a2"], m["b2"])
    part, number = (m["p1"], m["n1"]) if m["p1"] else (m["p2"], m["n2"])
    if b is None:
        start_year = _year(a) - 1  # FY27 is the fiscal year that ends in 2027
    elif int(b) % 100 == (_year(a) + 1) % 100 and (len(b) == 2 or _year(b) == _year(a) + 1):
        start_year = _year(a)
    else:
        return None
    start = start_year * 12 + first - 1
    if part is None:
        return PeriodSpan(start, 12.0, Level.YEAR)
    number = int(number)
    if part.upper() == "H" and number in (1, 2):
        return PeriodSpan(start + (number - 1) * 6, 6.0, Level.HALF)
    if part.upper() == "Q":
        return PeriodSpan(start + (number - 1) * 3, 3.0, Level.QUARTER)
    return None


def _short_month(raw: str) -> int | None:
    """The month index of "Apr-26", "April-2026", "04/2026" or "2026/04"; None if not one."""
    if m := _MONTH_NUM.match(raw):
        year, month = (int(m["y"]), int(m["m"])) if m["y"] else (int(m["y2"]), int(m["m2"]))
    elif m := _MONTH_NAME.match(raw):
        from krakit.text.time_resolvers import MONTHS

        month = MONTHS.get(m["m"].lower(), 0)
        year = _year(m["y"])
    else:
        return None
    return year * 12 + month - 1 if 1 <= month <= 12 else None


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
    elif (month := _short_month(raw)) is not None or (month := _named_month(raw)) is not None:
        return PeriodSpan(month, 1.0, Level.MONTH)
    raise ParseError(
        f"'{raw}' is not a period krakit reads; use '2026-01' (month), 'March 2026', 'Apr-26', "
        "'2026-Q1', '2026-H1', '2026', 'FY2026-27', 'Q1 FY27', '2026-W05' or a date '2026-01-31'",
        field="period",
        value=text,
    )


def _named_month(raw: str) -> int | None:
    """The month index of a month written with its year ("March 2026", "Mar '26"), or None."""
    if not any(c.isalpha() for c in raw) or not any(c.isdigit() for c in raw):
        return None
    from krakit.text.time import find_times

    found = find_times(raw, dt.date(2000, 1, 1))
    if len(found) != 1 or found[0].span != (0, len(raw)) or found[0].pattern != "month-year":
        return None
    start = found[0].when.start if found[0].when else None
    return None if start is None else start.year * 12 + start.month - 1


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


@lru_cache(maxsize=4096)
def canonical(text: str, fiscal_start: int = 1) -> str:
    """The one label of a period however it is written, so spellings roll up together.

    Months become ``2026-04``, calendar quarters and halves ``2026-Q1`` / ``2026-H1``, fiscal
    ones ``FY2026-27 Q1`` (a fiscal label stays fiscal, on ``fiscal_start``, April if none);
    weeks and dates are kept as written (they are already one form).

    Raises
    ------
    ParseError
        The label is not one of the forms krakit reads.

    Examples
    --------
    >>> [canonical(t) for t in ("Apr-26", "April 2026", "04/2026", "Q1 FY27", "FY26-27")]
    ['2026-04', '2026-04', '2026-04', 'FY2026-27 Q1', 'FY2026-27']
    >>> canonical("q2 2026"), canonical("2026-W05")
    ('2026-Q2', '2026-W05')
    """
    raw = str(text).strip()
    if len(raw) == 7 and _MONTH.match(raw) and "01" <= raw[5:] <= "12":  # '2026-04': as is
        return raw
    span = parse_period(raw, fiscal_start)
    if span.level in (Level.WEEK, Level.DAY) or not 1900 <= span.year <= 2200:
        return raw  # a year out of range is kept as written, for scoring to name it
    fiscal = 1  # a calendar label stays calendar, whatever the card's fiscal year
    if span.level is not Level.MONTH and "FY" in raw.upper():
        fiscal = fiscal_start if fiscal_start != 1 else FISCAL_START
    return label(span.start, span.level, fiscal)


def period_when(text: str, fiscal_start: int = 1) -> When:
    """A period label as a typed time value: its first and last day and its grain.

    Raises
    ------
    ParseError
        The label is not one of the forms krakit reads.

    Examples
    --------
    >>> w = period_when("Q1 FY27", fiscal_start=7)
    >>> w.start, w.end, w.grain
    (datetime.date(2026, 7, 1), datetime.date(2026, 9, 30), 'quarter')
    >>> period_when("2026-W05").end
    datetime.date(2026, 2, 1)
    """
    raw = str(text).strip()
    span = parse_period(raw, fiscal_start)
    if span.level is Level.DAY:
        day = dt.date.fromisoformat(raw)
        return When("deadline", raw, day, day, "day", named=False)
    if span.level is Level.WEEK:
        year, week = re.findall(r"\d+", raw)[:2]
        monday = dt.date.fromisocalendar(int(year), int(week), 1)
        return When("deadline", raw, monday, monday + dt.timedelta(days=6), "week")
    year, month0 = divmod(span.start, 12)
    first, last = month_span(year, month0 + 1, int(span.months))
    return When("deadline", raw, first, last, str(span.level))
