"""When: the typed time value, and the calendar arithmetic of time words.

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

Period labels in sheets ("2026-Q1", "Apr-26") are read in :mod:`krakit.periods`.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

__all__ = [
    "FISCAL_START",
    "FISCAL_STARTS",
    "SCHOOL_END",
    "SCHOOL_START",
    "SEMESTER_MONTHS",
    "SPRINT_DAYS",
    "Kind",
    "When",
    "fiscal_year",
    "half",
    "month_end",
    "month_span",
    "next_end",
    "quarter",
    "school_year",
    "season",
]

FISCAL_START = 4
"""The month a fiscal year begins when a label says ``FY`` (April, as in India and the UK)."""


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


def month_span(year: int, month: int, n: int) -> tuple[dt.date, dt.date]:
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
    return month_span(first, fiscal_start, 12)


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
    return month_span(start.year, start.month + 3 * (n - 1), 3)


def half(n: int, year: int, fiscal_start: int = 1) -> tuple[dt.date, dt.date]:
    """First and last day of half ``n`` (1 or 2) of a year (a fiscal one ending in ``year``).

    Examples
    --------
    >>> half(2, 2027)[1], half(2, 2027, fiscal_start=7)[1]
    (datetime.date(2027, 12, 31), datetime.date(2027, 6, 30))
    """
    start = fiscal_year(year, fiscal_start)[0]
    return month_span(start.year, start.month + 6 * (n - 1), 6)


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
    return month_span(first, month, 3)


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
