"""Periods: the calendar arithmetic of time words, the typed time value, and period labels.

:class:`When` is the one value for time that krakit passes around: a cadence ("fortnightly"),
a deadline (end of Q2 2027, or "my next review" with no date) or a window ("the next three
sprints"). The sentence patterns that produce it live in :mod:`krakit.text.time_patterns`;
what a quarter, a fiscal year, a season or a school year *is* lives here, once:

- months end on their last day; ``month_end(2028, 2)`` is 29 February 2028;
- quarters and halves are calendar ones unless a fiscal start month is given;
- a fiscal year is named by the year it ends in (``FY2027`` with an April start is April 2026
  to March 2027), a range by both (``FY2026-27``). Start months: :data:`FISCAL_STARTS`
  (April in India and the UK, July in Australia, October for the US federal government);
- seasons are meteorological, northern hemisphere by default (spring March to May, summer
  June to August, autumn September to November, winter December to February, winter 2027
  being December 2026 to February 2027); ``hemisphere="south"`` shifts them by six months
  (the season across the new year is named by the year it ends in, in either hemisphere);
- a school or academic year ``SY2026-27`` runs from August 2026 to the end of June 2027;
- a sprint is two weeks and a semester six months when a window counts them.

Period labels for actuals: read '2026-01', '2026-Q1', '2026-H1', '2026' (and weeks, dates), and
the spellings sheets use ('Apr-26', 'April 2026', '04/2026', 'Q1 FY27', 'FY26-27', 'FY2027'),
roll up, and name each one way (:func:`canonical`); :func:`period_when` gives a label's first and
last day as a :class:`When`.

A period is held as a month index (``year * 12 + month - 1``), a span in months and a level.
Weeks and days sit inside the month they start in, with a fractional span, so they roll up to
months like everything else. Quarters and halves are calendar ones (Q1 = January to March),
unless a fiscal year is in use: ``FY2026-27`` (April 2026 to March 2027 by default),
``FY2026-27 Q1`` / ``Q1 FY2026-27`` (April to June 2026) and ``H1 FY2026-27``; roll-ups then
use fiscal quarters, halves and years (``fiscal_start``: the month the fiscal year begins).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from typing import Literal

from krakit.errors import ParseError

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
FISCAL_START = 4
"""The month a fiscal year begins when a label says ``FY`` (April, as in India and the UK)."""


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
    first, last = _months(year, month0 + 1, int(span.months))
    return When("deadline", raw, first, last, str(span.level))


# -- the typed time value and the calendar it is read against -------------------------------

FISCAL_STARTS: dict[str, int] = {
    "calendar": 1,
    "india": 4,
    "uk": 4,
    "japan": 4,
    "australia": 7,
    "us-federal": 10,
}
"""The month a fiscal year starts in, by convention (pass one as ``fiscal_start``)."""

SCHOOL_START, SCHOOL_END = 8, 6
"""A school or academic year runs from August to the end of June."""

SPRINT_DAYS = 14
SEMESTER_MONTHS = 6

_SEASON_MONTHS = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}

Kind = Literal["cadence", "deadline", "window"]
_SERVICE_GRAINS = frozenset({"seconds", "minutes", "hours", "business days"})


@dataclass(frozen=True, slots=True)
class When:
    """A time a KPI statement names: how often, by when, or within how long.

    ``kind`` is ``"cadence"`` (``grain`` is ``daily`` ... ``annual``), ``"deadline"`` (``end``
    the last day, ``start`` the first day of a named period, both None for an anchor such as
    "my next review") or ``"window"`` (``count`` of ``grain``: 3 sprints; ``start`` and ``end``
    counted from today). ``label`` is how krakit shows it ("Q2 2027", "spring 2027",
    "FY2026-27", "next review"). ``named`` says a deadline is best kept as its label rather
    than as its last day ("Q2 2027" rather than 2027-06-30). ``service`` marks a window counted
    from each item's own event ("within 30 days of receipt"), not from today.

    Examples
    --------
    >>> w = When("deadline", "Q2 2027", dt.date(2027, 4, 1), dt.date(2027, 6, 30), "quarter")
    >>> w.value, w.dated
    ('Q2 2027', True)
    >>> When("deadline", "next review").dated
    False
    """

    kind: Kind
    label: str
    start: dt.date | None = None
    end: dt.date | None = None
    grain: str | None = None
    count: float | None = None
    named: bool = True
    service: bool = False

    @property
    def dated(self) -> bool:
        """The time has a last day (an anchor such as "my next review" has none)."""
        return self.end is not None

    @property
    def timeframe(self) -> bool:
        """False for a window shorter than a day or counted in business days ("within 20
        seconds", "within 2 working days") or counted from each item's own event ("within 30
        days of receipt", ``service``): a service level that is part of the measure, not the
        time the target is given."""
        return self.kind != "window" or not (self.service or self.grain in _SERVICE_GRAINS)

    @property
    def value(self) -> dt.date | str:
        """What a KPI's ``deadline`` field holds: the label, or the day for a plain date."""
        if not self.named and self.end is not None:
            return self.end
        return self.label

    def __str__(self) -> str:
        if self.kind == "cadence":
            return f"cadence {self.grain}"
        if self.kind == "window":
            return f"window {self.count:g} {self.grain}" + (" (service)" if self.service else "")
        if self.end is None:
            return f"deadline {self.label} (no date)"
        return f"deadline {self.end.isoformat()}"


def month_end(year: int, month: int) -> dt.date:
    """The last day of a month.

    Examples
    --------
    >>> month_end(2028, 2)
    datetime.date(2028, 2, 29)
    """
    year, month = year + (month - 1) // 12, (month - 1) % 12 + 1
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _months(year: int, month: int, n: int) -> tuple[dt.date, dt.date]:
    """The ``n`` months starting at ``month`` of ``year`` (month may run past 12)."""
    year, month = year + (month - 1) // 12, (month - 1) % 12 + 1
    return dt.date(year, month, 1), month_end(year, month + n - 1)


def fiscal_year(year: int, fiscal_start: int = FISCAL_START) -> tuple[dt.date, dt.date]:
    """First and last day of the fiscal year that *ends* in ``year``.

    Examples
    --------
    >>> fiscal_year(2027)  # April start, as in India
    (datetime.date(2026, 4, 1), datetime.date(2027, 3, 31))
    >>> fiscal_year(2027, FISCAL_STARTS["us-federal"])[1]
    datetime.date(2027, 9, 30)
    >>> fiscal_year(2027, 1)[1]
    datetime.date(2027, 12, 31)
    """
    first = year if fiscal_start == 1 else year - 1
    return _months(first, fiscal_start, 12)


def quarter(n: int, year: int, fiscal_start: int = 1) -> tuple[dt.date, dt.date]:
    """First and last day of quarter ``n`` of a year (a fiscal one ending in ``year``).

    Examples
    --------
    >>> quarter(2, 2027)
    (datetime.date(2027, 4, 1), datetime.date(2027, 6, 30))
    >>> quarter(1, 2027, fiscal_start=4)  # Q1 FY2027 (FY2026-27)
    (datetime.date(2026, 4, 1), datetime.date(2026, 6, 30))
    """
    start = fiscal_year(year, fiscal_start)[0]
    return _months(start.year, start.month + 3 * (n - 1), 3)


def half(n: int, year: int, fiscal_start: int = 1) -> tuple[dt.date, dt.date]:
    """First and last day of half ``n`` (1 or 2) of a year (a fiscal one ending in ``year``).

    Examples
    --------
    >>> half(2, 2027)[1], half(2, 2027, fiscal_start=7)[1]
    (datetime.date(2027, 12, 31), datetime.date(2027, 6, 30))
    """
    start = fiscal_year(year, fiscal_start)[0]
    return _months(start.year, start.month + 6 * (n - 1), 6)


def season(name: str, year: int, hemisphere: str = "north") -> tuple[dt.date, dt.date]:
    """First and last day of a meteorological season (winter ``year`` ends in ``year``).

    Examples
    --------
    >>> season("spring", 2027)
    (datetime.date(2027, 3, 1), datetime.date(2027, 5, 31))
    >>> season("winter", 2027)
    (datetime.date(2026, 12, 1), datetime.date(2027, 2, 28))
    >>> season("spring", 2027, hemisphere="south")
    (datetime.date(2027, 9, 1), datetime.date(2027, 11, 30))
    """
    month = _SEASON_MONTHS[name.lower()]
    if hemisphere == "south":
        month = (month + 6 - 1) % 12 + 1
    first = year - 1 if month == 12 else year
    return _months(first, month, 3)


def school_year(first: int) -> tuple[dt.date, dt.date]:
    """First and last day of the school or academic year that starts in ``first``.

    Examples
    --------
    >>> school_year(2026)
    (datetime.date(2026, 8, 1), datetime.date(2027, 6, 30))
    """
    return dt.date(first, SCHOOL_START, 1), month_end(first + 1, SCHOOL_END)


def next_end(
    span: Callable[[int], tuple[dt.date, dt.date]], today: dt.date
) -> tuple[int, dt.date, dt.date]:
    """The year whose period (``span(year)``) ends soonest on or after ``today``.

    Examples
    --------
    >>> next_end(lambda y: quarter(2, y), dt.date(2026, 7, 1))[0]
    2027
    """
    for year in range(today.year - 1, today.year + 3):
        start, end = span(year)
        if end >= today:
            return year, start, end
    raise ValueError("no such period ends within three years")  # pragma: no cover
