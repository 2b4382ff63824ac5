"""What a fix changes a value to: a phrase taken out of a statement, the period end a passed
deadline moves to, weights filled and scaled to 100. Rules call these when they check (the value
travels in ``Finding.fix``); the actions of :mod:`krakit.rules.fix_actions` call them too."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from krakit.rules.deadlines import period_end
from krakit.scoring.weights import largest_remainder

__all__ = ["largest_remainder", "next_deadline", "shares", "without"]


def without(text: str, span: tuple[int, int]) -> str:
    """The statement with one phrase taken out, spacing, punctuation and capitals tidied.

    Examples
    --------
    >>> without("Significantly reduce complaints by Q3 2027", (0, 13))
    'Reduce complaints by Q3 2027'
    >>> without("Close tickets within 2 days, where possible", (29, 43))
    'Close tickets within 2 days'
    """
    out = text[: span[0]].rstrip(" ,;") + " " + text[span[1] :].lstrip(" ,;")
    out = re.sub(r"\s+", " ", out).strip(" ,;")
    if text[:1].isupper() and out[:1].islower():
        out = out[0].upper() + out[1:]
    return out


def next_deadline(old: dt.date, today: dt.date, period: str | None = None) -> dt.date:
    """The period end a passed deadline moves to: the scorecard's period end if it is still
    ahead, else the same day of the year (a month end stays a month end) next to come.

    Examples
    --------
    >>> next_deadline(dt.date(2020, 3, 31), dt.date(2026, 11, 23))
    datetime.date(2027, 3, 31)
    >>> next_deadline(dt.date(2020, 3, 31), dt.date(2026, 11, 23), "FY2027-28")
    datetime.date(2028, 3, 31)
    """
    end = period_end(period) if period else None
    if end is not None and end >= today:
        return end
    month_end = (old + dt.timedelta(days=1)).day == 1
    for year in (today.year, today.year + 1):
        if month_end:
            candidate = dt.date(year + (old.month == 12), old.month % 12 + 1, 1)
            candidate -= dt.timedelta(days=1)
        else:
            candidate = dt.date(year, old.month, min(old.day, 28 if old.month == 2 else old.day))
        if candidate >= today:
            return candidate
    return today  # unreachable: one of the two years is ahead


def shares(weights: Sequence[float | None], *, total: float | None = 100.0) -> list[float]:
    """Weights with the missing ones filled and the whole scaled to ``total``.

    Missing weights share what is left of ``total`` (or, when nothing is left, get the mean
    of the others); then every weight is scaled so they add to ``total`` exactly, in whole
    numbers when the given weights were whole. ``total=None`` only fills (relative weights).

    Examples
    --------
    >>> shares([60, None, None, None])
    [60.0, 14.0, 13.0, 13.0]
    >>> shares([60, 30])
    [67.0, 33.0]
    >>> shares([2, None], total=None)
    [2.0, 2.0]
    """
    given = [w for w in weights if w is not None]
    missing = len(weights) - len(given)
    whole = all(float(w).is_integer() for w in given)
    mean = sum(given) / len(given) if given else 1.0
    if total is None:
        fill = round(mean) if whole else round(mean, 2)
        return [float(fill if w is None else w) for w in weights]
    left = total - sum(given)
    fill = left / missing if missing and left > 0 else mean
    raw = [fill if w is None else float(w) for w in weights]
    if sum(raw) <= 0:
        raw = [1.0] * len(raw)
    return largest_remainder([w * total / sum(raw) for w in raw], total, 1 if whole else 0.01)
