"""Deadlines and periods as the checker reads them: a deadline's or period's last day,
the fiscal year a check uses, the scorecard's own period, the days a cadence spans."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from krakit.errors import KrakitError
from krakit.model import Frequency, Scorecard
from krakit.periods import period_when
from krakit.rules.config import CheckConfig
from krakit.when import FISCAL_START, When

__all__ = ["FREQUENCY_DAYS", "card_period", "deadline_when", "fiscal_start", "period_end"]

FREQUENCY_DAYS: dict[str, int] = {
    Frequency.DAILY: 1,
    Frequency.WEEKLY: 7,
    Frequency.MONTHLY: 31,
    Frequency.QUARTERLY: 92,
    Frequency.ANNUAL: 366,
}


def period_end(
    value: dt.date | str | None,
    today: dt.date | None = None,
    fiscal_start: int = FISCAL_START,
) -> dt.date | None:
    """The last day of a deadline or period label, or None if it is not one krakit reads.

    Every spelling the time reader accepts ("FY2020", "spring 2020", "Q2 2020") and every
    period label of actuals ("2026-Q1", "Apr-26", "Q1 FY27") is read, fiscal years on
    ``fiscal_start`` (April by default).

    Examples
    --------
    >>> period_end("2026-Q1"), period_end("March 2027"), period_end("FY2026-27")
    (datetime.date(2026, 3, 31), datetime.date(2027, 3, 31), datetime.date(2027, 3, 31))
    >>> period_end("FY27", fiscal_start=7)
    datetime.date(2027, 6, 30)
    """
    when = deadline_when(value, today or dt.date.today(), fiscal_start)
    return when.end if when is not None else None


def deadline_when(
    value: dt.date | str | None, today: dt.date, fiscal_start: int = FISCAL_START
) -> When | None:
    """A deadline, a period label or a date as a typed :class:`~krakit.periods.When`.

    A period label ("2026-Q1", "FY2026-27", "Apr-26") is read by :mod:`krakit.periods`, any
    other wording by the time reader; None when it names no time krakit reads.

    Examples
    --------
    >>> w = deadline_when("by the end of FY27", dt.date(2026, 1, 15), fiscal_start=10)
    >>> w.start, w.end
    (datetime.date(2026, 10, 1), datetime.date(2027, 9, 30))
    """
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return When("deadline", value.isoformat(), value, value, "day", named=False)
    return _read_deadline(str(value).strip(), today, fiscal_start)


@lru_cache(maxsize=8192)
def _read_deadline(raw: str, today: dt.date, fiscal_start: int) -> When | None:
    try:
        return period_when(raw, fiscal_start)
    except KrakitError:
        from krakit.text.time import read_when

        return read_when(raw, today, fiscal_start)


def fiscal_start(scorecard: Scorecard | None, config: CheckConfig | None = None) -> int:
    """The month fiscal years begin in for this check: the scorecard's setting, else the
    check's (``CheckConfig.fiscal_year_start``), else April (:data:`FISCAL_START`).

    Examples
    --------
    >>> fiscal_start(None), fiscal_start(None, CheckConfig(fiscal_year_start=7))
    (4, 7)
    """
    scoring = scorecard.scoring if scorecard is not None else None
    if scoring is not None and scoring.fiscal_year_start is not None:
        return scoring.fiscal_year_start
    if config is not None and config.fiscal_year_start is not None:
        return config.fiscal_year_start
    return FISCAL_START


@lru_cache(maxsize=1024)
def card_period(label: str | None, today: dt.date, fiscal: int) -> When | None:
    """The scorecard's period ("FY2026-27", "2026", "Q3 FY27") with its first and last day,
    or None when it has none krakit reads.

    Examples
    --------
    >>> card_period("FY2026-27", dt.date(2026, 1, 15), 7).end
    datetime.date(2027, 6, 30)
    """
    if not label or not label.strip():
        return None
    when = deadline_when(label, today, fiscal)
    return when if when is not None and when.start is not None and when.end is not None else None
