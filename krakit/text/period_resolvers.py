"""Resolvers for the periods of a year and the periods relative to today.

"Q3 FY27", "H2", "the third quarter", "FY2026-27", "AY 2026-27", "by summer" (named periods of
a year) and "next quarter", "this month", "by month-end", "within 30 days", "by this time next
year" (relative to today). Each takes a match of one :mod:`krakit.text.time_patterns`
declaration and the :class:`~krakit.text.time_resolvers.Context`; the helpers they share are in
:mod:`krakit.text.time_resolvers`.
"""

from __future__ import annotations

import datetime as dt
import re

from krakit.text.lexicon import alt
from krakit.text.time_resolvers import (
    _LEX,
    _ORDINALS,
    _UNITS,
    Context,
    _count,
    _deadline,
    _fs,
    _fy_end_year,
    _g,
    _month,
    _month_span,
    _year,
)
from krakit.when import (
    SEMESTER_MONTHS,
    SPRINT_DAYS,
    When,
    fiscal_year,
    half,
    month_end,
    next_end,
    quarter,
    school_year,
    season,
)

__all__: list[str] = []  # its resolvers are read by krakit.text.time_patterns only


def _part(kind: str, n: int, year: int | None, fiscal: int, ctx: Context) -> When | None:
    """Quarter or half ``n`` of ``year`` (None: the next one to end), as a deadline."""
    if not 1 <= n <= (4 if kind == "Q" else 2):
        return None
    span = quarter if kind == "Q" else half
    grain = "quarter" if kind == "Q" else "half"
    if year is None:
        _, start, end = next_end(lambda y: span(n, y, fiscal), ctx.today)
        return _deadline(f"{kind}{n}", (start, end), grain)
    return _deadline(f"{kind}{n} {year}", span(n, year, fiscal), grain)


def _quarter(m: re.Match[str], ctx: Context) -> When | None:
    return _part(m["q"].upper(), int(m["n"]), _year(m["y"]), 1, ctx)


def _ordinal_part(m: re.Match[str], ctx: Context) -> When | None:
    if re.match(r"\s+of\b", m.string[m.end() :]):
        return None  # "the second half of the backlog"
    kind = "H" if m["what"].lower() == "half" else "Q"
    n = _ORDINALS[m["ord"].lower()]
    n = (4 if kind == "Q" else 2) if n < 0 else n
    fiscal = ctx.fiscal_start if _g(m, "fiscal", "fiscal2", "fy", "fy2") else 1
    year = _year(_g(m, "y", "y3", "y4", "fy", "fy2"))
    if m["rel"]:
        year = ctx.today.year + (1 if m["rel"].lower() == "next" else 0)
        if fiscal != 1:
            year = next_end(lambda y: fiscal_year(y, fiscal), ctx.today)[0] + (
                1 if m["rel"].lower() == "next" else 0
            )
    when = _part(kind, n, year, fiscal, ctx)
    if when is not None and fiscal != 1 and year is not None:
        return _deadline(f"{kind}{n} FY{year}", (when.start, when.end), when.grain or "")  # type: ignore[arg-type]
    return when


def _fy(m: re.Match[str], ctx: Context) -> When | None:
    end_year, label = _fy_end_year(m)
    fs = _fs(ctx, _g(m, "y2", "y2b", "y2c") is not None)
    part = _g(m, "part", "part2")
    if part:
        kind, n = part[0].upper(), int(part[1])
        span_of = quarter if kind == "Q" else half
        if kind == "H" and n > 2:
            return None
        return _deadline(f"{kind}{n} {label}", span_of(n, end_year, fs), "quarter")
    return _deadline(label, fiscal_year(end_year, fs), "year")


def _school(m: re.Match[str], ctx: Context) -> When | None:
    first = _year(_g(m, "y1", "y1b", "y1c")) or 0
    second = _year(_g(m, "y2", "y2b", "y2c")) or 0
    if second % 100 != (first + 1) % 100:
        return None  # "SY 26-30" names no one school year
    return _deadline(f"SY{first}-{(first + 1) % 100:02d}", school_year(first), "school year")


def _school_end(m: re.Match[str], ctx: Context) -> When | None:
    first = next_end(school_year, ctx.today)[0]
    if (m["rel"] or "").lower() == "next":
        first += 1
    return _deadline(f"SY{first}-{(first + 1) % 100:02d}", school_year(first), "school year")


def _season(m: re.Match[str], ctx: Context) -> When | None:
    name = m["s"].lower()
    name = "autumn" if name == "fall" else name
    year = _year(m["y"])
    if year is not None and m["y2"]:  # "winter 2026/27": the winter that ends in 2027
        year = (
            year - year % 100 + int(m["y2"][-2:]) + (100 if int(m["y2"][-2:]) < year % 100 else 0)
        )
    if year is None:
        year = next_end(lambda y: season(name, y, ctx.hemisphere), ctx.today)[0]
        if (m["rel"] or "").lower() == "next":
            year += 1
    return _deadline(f"{name} {year}", season(name, year, ctx.hemisphere), "season")


def _span_of(grain: str, day: dt.date, ctx: Context, fiscal: bool) -> tuple[dt.date, dt.date]:
    """The period of ``grain`` that holds ``day``."""
    if grain == "week":
        start = day - dt.timedelta(days=day.weekday())
        return start, start + dt.timedelta(days=6)
    if grain == "month":
        return _month_span(day.year, day.month)
    if grain == "year" and not fiscal:
        return dt.date(day.year, 1, 1), dt.date(day.year, 12, 31)
    fs = ctx.fiscal_start if fiscal else 1
    y = next_end(lambda y: fiscal_year(y, fs), day)[0]
    if grain == "year":
        return fiscal_year(y, fs)
    n = 3 if grain == "quarter" else 6
    start = fiscal_year(y, fs)[0]
    into = (day.year - start.year) * 12 + day.month - start.month
    return _months_from(start, into - into % n, n)


def _months_from(start: dt.date, offset: int, n: int) -> tuple[dt.date, dt.date]:
    month0 = start.month - 1 + offset
    first = dt.date(start.year + month0 // 12, month0 % 12 + 1, 1)
    return first, month_end(first.year, first.month + n - 1)


def _relative(m: re.Match[str], ctx: Context) -> When | None:
    """'this year', 'next quarter', 'the current fiscal year': the period counted from today."""
    what = (m["what"] or "fy").lower()
    fiscal = bool(m["fiscal"]) or what == "fy"
    grain = "year" if what == "fy" else what
    step = 1 if m["rel"].lower() in ("next", "coming", "following") else 0
    start, end = _span_of(grain, ctx.today, ctx, fiscal)
    for _ in range(step):
        start, end = _span_of(grain, end + dt.timedelta(days=1), ctx, fiscal)
    if grain == "quarter" and not fiscal:
        return _deadline(f"Q{(start.month - 1) // 3 + 1} {start.year}", (start, end), grain)
    if grain == "year" and fiscal and ctx.fiscal_start != 1:
        return _deadline(f"FY{start.year}-{end.year % 100:02d}", (start, end), grain)
    return _deadline(f"{m['rel'].lower()} {what}", (start, end), grain, named=False)


def _this_period(m: re.Match[str], ctx: Context) -> When | None:
    """'throughout the year', 'during the quarter': the current one; 'the upcoming quarter'."""
    what = {"qtr": "quarter", "mth": "month"}.get(m["what"].lower(), m["what"].lower())
    start, end = _span_of(what, ctx.today, ctx, bool(m["fiscal"]))
    if m["rel"].strip().lower() == "upcoming":
        start, end = _span_of(what, end + dt.timedelta(days=1), ctx, bool(m["fiscal"]))
    return _deadline(f"the {what}", (start, end), what, named=False)


# "the month-end" with no deadline word before it names the close, not a deadline
_THE_BEFORE = re.compile(
    r"(?i)(?<!\bby\s)(?<!\bat\s)(?<!\bto\s)(?<!\bin\s)(?<!\bon\s)(?<!\bfor\s)(?<!\bof\s)"
    r"(?<!\btill\s)(?<!\buntil\s)(?<!\bbefore\s)(?<!\bafter\s)\bthe\s+$"
)


def _period_end(m: re.Match[str], ctx: Context) -> When | None:
    """'year-end', 'EOQ', 'end of the fiscal year': the end of the current period."""
    abbr = (_g(m, "abbr") or "").upper().replace(".", "")
    if m["what"] and _THE_BEFORE.search(m.string, max(0, m.start() - 30), m.start()):
        return None  # "Close the month-end in 5 days": the process, not a deadline
    what = (_g(m, "what", "what2", "what3") or "").lower()
    fiscal = bool(_g(m, "fiscal", "fiscal2", "fiscal3")) or abbr in ("EOFY", "FYE") or what == "fy"
    what = {"fy": "year", "qtr": "quarter"}.get(what, what)
    grain = what or {"EOM": "month", "EOQ": "quarter", "EOW": "week"}.get(abbr, "year")
    start, end = _span_of(grain, ctx.today, ctx, fiscal)
    if (year := _g(m, "yy")) is not None and grain == "year":  # "the 2027 year end"
        start, end = (
            fiscal_year(int(year), ctx.fiscal_start)
            if fiscal
            else (dt.date(int(year), 1, 1), dt.date(int(year), 12, 31))
        )
    return _deadline(f"end of {grain}", (start, end), grain, named=False)


# "Inventory aged over 180 days", "inactive for more than 60 days": an age, not a window
_AGE_BEFORE = re.compile(
    r"(?i)\b(?:aged?|ageing|aging|overdue|older|outstanding|pending|open|inactive|dormant|"
    r"idle|waiting|delayed|late|stuck|unpaid|unbilled)\s+(?:for\s+)?$"
)


# "within 30 days of receipt": a window counted from each item's own event (time.yaml)
_SERVICE_AFTER = re.compile(
    r"(?i)\s+(?:of|from|after|following)\s+(?:the\s+|their\s+|its\s+|his\s+|her\s+|an?\s+)?"
    r"(?:(?:customer|client|patient|employee|vendor|supplier|user)['’]?s?\s+)?"
    rf"(?:{alt(_LEX['service_events'])})\b"
)


_SERVICE_BEFORE = re.compile(rf"(?i)(?<![A-Za-z])(?:{alt(_LEX['service_verbs'])})\s+$")


def _window(m: re.Match[str], ctx: Context) -> When | None:
    n = _count(m["n"])
    if n is None or _AGE_BEFORE.search(m.string, max(0, m.start() - 30), m.start()):
        return None
    raw = re.sub(r"\s+", " ", m["u"].lower())
    raw = {"hrs": "hour", "mins": "minute", "secs": "second"}.get(raw, raw)
    unit = _UNITS.get(raw.removesuffix("s"), _UNITS.get(raw, "days"))
    end = _window_end(ctx.today, n, unit)
    service = _SERVICE_AFTER.match(m.string, m.end()) is not None
    service = service or _SERVICE_BEFORE.search(m.string, max(0, m.start() - 25), m.start())
    return When("window", f"{n:g} {unit}", ctx.today, end, unit, n, service=bool(service))


def _window_end(today: dt.date, n: float, unit: str) -> dt.date | None:
    days = {"days": 1, "business days": 7 / 5, "weeks": 7, "fortnights": 14}.get(unit)
    days = SPRINT_DAYS if unit == "sprints" else days
    if days is not None:
        return today + dt.timedelta(days=round(n * days))
    months = {"months": 1, "quarters": 3, "years": 12, "semesters": SEMESTER_MONTHS}.get(unit)
    if months is not None and n == int(n):
        total = today.month - 1 + int(n) * months
        year, month = today.year + total // 12, total % 12 + 1
        return min(
            dt.date(year, month, 1) + dt.timedelta(days=today.day - 1), month_end(year, month)
        )
    return None


def _this_time_next(m: re.Match[str], ctx: Context) -> When | None:
    """'by this time next year': a window of one year from today."""
    unit = _UNITS[m["u"].lower()]
    return When("window", f"1 {unit}", ctx.today, _window_end(ctx.today, 1, unit), unit, 1.0)


def _year_ending(m: re.Match[str], ctx: Context) -> When | None:
    """'for the year ending 31 March 2028': the twelve months to the end of that month."""
    year, month = _year(m["y"]) or 0, _month(m["m"])
    end = month_end(year, month)
    start = dt.date(year - 1, month, 1) + dt.timedelta(days=32)
    start = start.replace(day=1)
    label = f"year to {m['m'][:3].title()} {year}"
    return _deadline(label, (start, end), "year")
