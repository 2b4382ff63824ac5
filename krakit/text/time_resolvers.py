"""How a matched time phrase resolves: the word lists and resolvers the declarations use.

Each resolver takes a regex match of one :mod:`krakit.text.time_patterns` declaration and the
:class:`Context` (today, the fiscal start month, the hemisphere) and returns a
:class:`~krakit.periods.When`, or None when the words turn out not to be a time ("by 1/2"
is a fraction, "the month-end" with no deadline word is the close). The declarations,
with their examples, stay in :mod:`krakit.text.time_patterns`; what a quarter or a fiscal
year *is* lives in :mod:`krakit.periods`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from krakit.periods import (
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
from krakit.text.lexicon import alt, load, word_value
from krakit.text.slips import slips

__all__ = ["MONTHS", "Context", "Resolve"]


@dataclass(frozen=True, slots=True)
class Context:
    """What resolving needs besides the words: today, the fiscal start month, the hemisphere."""

    today: dt.date
    fiscal_start: int = 4
    hemisphere: str = "north"


Resolve = Callable[[re.Match[str], Context], When | None]


_LEX = load("time")
_WORD = re.compile(r"[a-z]+")
MONTHS: dict[str, int] = {name: int(n) for n, names in _LEX["months"].items() for name in names}
_ORDINALS = {
    "first": 1,
    "1st": 1,
    "second": 2,
    "2nd": 2,
    "third": 3,
    "3rd": 3,
    "fourth": 4,
    "4th": 4,
    "final": -1,
    "last": -1,
}
_UNITS = {
    "business day": "business days",
    "working day": "business days",
    "day": "days",
    "hour": "hours",
    "hr": "hours",
    "week": "weeks",
    "fortnight": "fortnights",
    "month": "months",
    "quarter": "quarters",
    "year": "years",
    "qtr": "quarters",
    "yr": "years",
    "mth": "months",
    "mnth": "months",
    "wk": "weeks",
    "minute": "minutes",
    "min": "minutes",
    "second": "seconds",
    "sec": "seconds",
    "sprint": "sprints",
    "school year": "years",
    "academic year": "years",
    "semester": "semesters",
    "term": "semesters",
}
_BY = r"(?:by|before|until|till|til|no\s+later\s+than|due)"


# -- helpers the resolvers share ---------------------------------------------------------


def _g(m: re.Match[str], *names: str) -> str | None:
    """The first of the named groups that matched (a pattern's alternatives name theirs apart)."""
    groups = m.groupdict()
    return next((groups[n] for n in names if groups.get(n) is not None), None)


def _year(text: str | None) -> int | None:
    """'2027' → 2027, '27' / "'27" → 2027."""
    if not text:
        return None
    y = int(text.strip("'’ "))
    return y + 2000 if y < 100 else y


def _count(text: str | None) -> float | None:
    if not text or not text.strip():
        return 1.0
    raw = text.strip()
    return float(raw) if raw.isdigit() else word_value(raw)


def _month(name: str) -> int:
    return MONTHS[name.lower().rstrip(".")]


def _is_verb_may(name: str) -> bool:
    """'may' in lower case is the verb, not the month."""
    return name.lower() == "may" and not name[0].isupper()


def _deadline(label: str, span: tuple[dt.date, dt.date], grain: str, named: bool = True) -> When:
    return When("deadline", label, span[0], span[1], grain, named=named)


def _day(day: dt.date) -> When:
    return When("deadline", day.isoformat(), day, day, "day", named=False)


def _cadence(grain: str, label: str | None = None) -> When:
    return When("cadence", label or grain, grain=grain)


def _fy_end_year(m: re.Match[str]) -> tuple[int, str]:
    """The year a written fiscal year ends in, and its label (FY2027, FY2026-27)."""
    y1, y2 = _year(_g(m, "y1", "y1b", "y1c")) or 0, _year(_g(m, "y2", "y2b", "y2c"))
    if y2 is not None:
        if y2 < y1:
            y2 += 100 * ((y1 - y2) // 100 + 1)
        return y2, f"FY{y1}-{y2 % 100:02d}"
    return y1, f"FY{y1}"


def _consecutive(m: re.Match[str]) -> bool:
    """'2026-27' names one fiscal year; '2020-2025' a stretch of years."""
    y1, y2 = _g(m, "y1") or "0", _g(m, "y2") or "0"
    return int(y2[-2:]) == (int(y1) + 1) % 100


def _fs(ctx: Context, ranged: bool) -> int:
    """A written range (FY2026-27) is never a calendar year: April when none is set."""
    return 4 if ranged and ctx.fiscal_start == 1 else ctx.fiscal_start


# -- resolvers -------------------------------------------------------------------------------


def _full_date(m: re.Match[str], ctx: Context) -> When | None:
    return _day(dt.date(_year(m["y"]) or 0, _month(m["m"]), int(m["d"])))


def _iso(m: re.Match[str], ctx: Context) -> When | None:
    return _day(dt.date(int(m["y"]), int(m["m"]), int(m["d"])))


def _numeric(m: re.Match[str], ctx: Context) -> When | None:
    a, b, y = int(m["a"]), int(_g(m, "b", "b2") or 0), _year(_g(m, "y", "y2")) or 0
    day, month = (b, a) if b > 12 else (a, b)  # day first, as in India and Europe
    return _day(dt.date(y, month, day))


def _week_of_month(m: re.Match[str], ctx: Context) -> When | None:
    """'by the 2nd week of March' (the 14th), 'the first fortnight of April' (the 15th)."""
    if _is_verb_may(m["m"]):
        return None
    month, n = _month(m["m"]), _ORDINALS[m["ord"].lower()]
    year = _year(m["y"]) or next_end(lambda y: _month_span(y, month), ctx.today)[0]
    last = month_end(year, month)
    days = 15 if m["what"].lower() == "fortnight" else 7
    end = last if n < 0 else min(last, dt.date(year, month, min(last.day, n * days)))
    return _deadline(
        f"{m['ord'].lower()} {m['what'].lower()} of {m['m'][:3].title()} {year}",
        (end.replace(day=1), end),
        "week",
        named=False,
    )


def _month_range(m: re.Match[str], ctx: Context) -> When | None:
    """'for Apr-Jun', 'from April to June 2027': the named months, ending with the last."""
    if _is_verb_may(m["m1"]) or _is_verb_may(m["m"]):
        return None
    first, month = _month(m["m1"]), _month(m["m"])
    if m["y"]:
        year = _year(m["y"]) or 0
    else:
        year = next_end(lambda y: _month_span(y, month), ctx.today)[0]
    start_year = year - 1 if first > month else year
    start, end = dt.date(start_year, first, 1), month_end(year, month)
    label = f"{m['m1'][:3].title()}-{m['m'][:3].title()} {year}"
    return _deadline(label, (start, end), "month", named=False)


def _numeric_no_year(m: re.Match[str], ctx: Context) -> When | None:
    """'by 31/3': the next such day; 'by 1/2' (a day and month both 12 or under) is a fraction."""
    a, b = int(m["a"]), int(m["b"])
    if a <= 12 and b <= 12:
        return None
    day, month = (a, b) if a > 12 else (b, a)
    return _next_day(month, day, ctx)


def _next_day(month: int, day: int, ctx: Context) -> When | None:
    """The next such day from today (this year's, or next year's once it has passed)."""
    for year in (ctx.today.year, ctx.today.year + 1):
        date = dt.date(year, month, day)
        if date >= ctx.today:
            return _day(date)
    return None


def _day_month(m: re.Match[str], ctx: Context) -> When | None:
    if not m["lead"] and not m["suf"]:
        return None
    if _is_verb_may(m["m"]) and not m["suf"]:
        return None
    return _next_day(_month(m["m"]), int(m["d"]), ctx)


def _month_year(m: re.Match[str], ctx: Context) -> When | None:
    year, month = _year(_g(m, "y", "y2")) or 0, _month(m["m"])
    return _in_month(m, year, month)


def _in_month(m: re.Match[str], year: int, month: int) -> When:
    """The month as a deadline, or its 15th for 'mid-March'."""
    start, end = _month_span(year, month)
    if (_g(m, "part") or "").lower() == "mid":
        end = start.replace(day=15)
    return _deadline(f"{m['m'][:3].title()} {year}", (start, end), "month", False)


def _month_span(year: int, month: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, month, 1), month_end(year, month)


def _bare_month(m: re.Match[str], ctx: Context) -> When | None:
    if _is_verb_may(m["m"]):
        return None
    month = _month(m["m"])
    year = next_end(lambda y: _month_span(y, month), ctx.today)[0]
    return _in_month(m, year, month)


def _first_months(m: re.Match[str], ctx: Context) -> When | None:
    n, year = _count(m["n"]), int(m["y"])
    if n is None or not 1 <= n <= 12:
        return None
    return _deadline(f"first {n:g} months of {year}", _month_span_n(year, int(n)), "month", False)


def _month_span_n(year: int, n: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, 1, 1), month_end(year, n)


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
    what = m["what"].lower()
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


def _window(m: re.Match[str], ctx: Context) -> When | None:
    n = _count(m["n"])
    if n is None or _AGE_BEFORE.search(m.string, max(0, m.start() - 30), m.start()):
        return None
    raw = re.sub(r"\s+", " ", m["u"].lower())
    raw = {"hrs": "hour", "mins": "minute", "secs": "second"}.get(raw, raw)
    unit = _UNITS.get(raw.removesuffix("s"), _UNITS.get(raw, "days"))
    end = _window_end(ctx.today, n, unit)
    service = _SERVICE_AFTER.match(m.string, m.end()) is not None
    return When("window", f"{n:g} {unit}", ctx.today, end, unit, n, service=service)


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


def _mid_year(m: re.Match[str], ctx: Context) -> When | None:
    """'mid-2027' (30 June), 'end-2027', 'late 2027', 'early 2027' (31 March), 'mid-year'."""
    year = _year(m["y"]) or ctx.today.year + (1 if (m["rel"] or "").lower() == "next" else 0)
    if m["what"].lower().startswith(("mid", "middle")):
        return _deadline(f"mid-{year}", (dt.date(year, 1, 1), dt.date(year, 6, 30)), "half", False)
    if m["what"].lower() == "early":
        # "by early 2027": by the end of its first quarter
        return _deadline(
            f"early {year}", (dt.date(year, 1, 1), dt.date(year, 3, 31)), "quarter", False
        )
    return _deadline(str(year), (dt.date(year, 1, 1), dt.date(year, 12, 31)), "year")


def _week_number(m: re.Match[str], ctx: Context) -> When | None:
    """'by week 12': the Sunday ending ISO week 12 (of the year given, else the next one)."""
    n = int(m["n"])
    for year in (int(m["y"]),) if m["y"] else (ctx.today.year, ctx.today.year + 1):
        end = dt.date.fromisocalendar(year, n, 7)
        if m["y"] or end >= ctx.today:
            return _deadline(f"{year}-W{n:02d}", (end - dt.timedelta(days=6), end), "week")
    return None


_YEAR_LEAD = re.compile(
    r"(?i)(?:(?:end|close)\s+of\s+(?:the\s+)?|\b(?:by|before|until|till|in|for|during)\s+"
    r"(?:the\s+)?(?:year\s+)?)$"
)


def _year_deadline(m: re.Match[str], ctx: Context) -> When | None:
    """'by 2030', 'for 2027', 'CY2027': a year with a time word (a bare 2027 is no deadline)."""
    lead = m["lead"] or m["cy"]
    if not lead and not _YEAR_LEAD.search(m.string, max(0, m.start() - 30), m.start()):
        return None
    year = int(m["y"])
    return _deadline(str(year), (dt.date(year, 1, 1), dt.date(year, 12, 31)), "year")


def _anchor(m: re.Match[str], ctx: Context) -> When | None:
    """'by my next review', 'before the next audit': a deadline with no date."""
    label = re.sub(r"\s+", " ", m["event"].strip()).lower()
    return When("deadline", label, grain="event")


# An amount with money or a multiplier (or a percent) right before: "₹5 lakh p.m.", "10% pa"
_MONEY_BEFORE = re.compile(
    r"(?i)(?:(?:[₹$€£]|\brs\.?|\binr)\s?[\d.,]+\s*(?:k|l|lakhs?|lacs?|cr|crores?|m|mn|million|bn)?"
    r"|\d\s*(?:k|l|lakhs?|lacs?|cr|crores?|mn|million|bn|%|percent))\.?\s*(?:/-)?\s*$"
)


# A number and its unit noun right before: "40 hrs PA", "300 tickets p.m." ('5 pm' has none)
_NOUN_BEFORE = re.compile(r"(?i)\d\s*(?!am\b|a\.m\b)[a-z]{2,}\.?\s*$")


def _per_abbreviation(m: re.Match[str], ctx: Context) -> When | None:
    """'₹5 lakh p.m.' (per month), '10% pa' (per annum), '40 hrs PA'; '5 pm' stays a clock
    time."""
    before = m.string[max(0, m.start() - 30) : m.start()]
    if not (_MONEY_BEFORE.search(before) or _NOUN_BEFORE.search(before)):
        return None
    monthly = m["c"].lower().replace(".", "").replace(" ", "") == "pm"
    return _cadence("monthly" if monthly else "annual", m["c"])


_FIXED_DAYS = {"christmas": (12, 25), "xmas": (12, 25)}


def _festival(m: re.Match[str], ctx: Context) -> When | None:
    """'by Christmas' (25 December), 'before Diwali', 'ahead of peak season' (no date)."""
    name = re.sub(r"\s+", " ", m["event"].strip()).lower().removeprefix("the ")
    if name in _FIXED_DAYS:
        month, day = _FIXED_DAYS[name]
        date = dt.date(ctx.today.year, month, day)
        return _day(date if date >= ctx.today else date.replace(year=date.year + 1))
    return When("deadline", name, grain="event")


def _relative_month(m: re.Match[str], ctx: Context) -> When | None:
    """'by next March', 'by March next year': the month in the year it names."""
    name, rel = m["m"] or m["m2"], (m["rel"] or m["rel2"]).lower()
    month = _month(name)
    if rel == "coming":  # "the coming March": the next one to end
        year = next_end(lambda y: _month_span(y, month), ctx.today)[0]
    else:  # "next March", "March next year": next calendar year's; "this June": this year's
        year = ctx.today.year + (1 if rel == "next" else 0)
    start, end = _month_span(year, month)
    return _deadline(f"{name[:3].title()} {year}", (start, end), "month", False)


def _placeholder(m: re.Match[str], ctx: Context) -> When | None:
    return When("deadline", m["ph"], grain="placeholder")


_GRAIN_CADENCE = {
    "day": "daily",
    "week": "weekly",
    "month": "monthly",
    "quarter": "quarterly",
    "year": "annual",
    "shift": "daily",
    "sprint": "weekly",
    "annum": "annual",
    "fiscal": "annual",
    "fy": "annual",
}


def _compared(m: re.Match[str], ctx: Context) -> When | None:
    return _cadence(_GRAIN_CADENCE[m["g"].lower()], f"vs last {m['g'].lower()}")


def _each(m: re.Match[str], ctx: Context) -> When | None:
    g = m["g"].lower()
    return _cadence(_GRAIN_CADENCE[g], f"per {g}")


# The rolling windows that are a reporting grain, in days (months counted as 30 days).
_ROLLING = {
    1: "daily",
    7: "weekly",
    14: "weekly",
    28: "monthly",
    30: "monthly",
    31: "monthly",
    90: "quarterly",
    91: "quarterly",
    180: _LEX["half_yearly_grain"],
    182: _LEX["half_yearly_grain"],
    360: "annual",
    364: "annual",
    365: "annual",
}


def _rolling(m: re.Match[str], ctx: Context) -> When | None:
    n = _count(_g(m, "n", "n2"))
    unit = (_g(m, "u", "u2") or "").lower().rstrip("s")
    if n is None or n != int(n):
        return None
    n = int(n)
    days = n * {"day": 1, "week": 7, "month": 30}[unit]
    if days not in _ROLLING:
        return None  # a 13-month window is part of the metric, not how often it is read
    grain = _ROLLING[days]
    return _cadence(grain, f"{n}-{unit} rolling")


_UNIT_DAYS = {"d": 1, "w": 7, "m": 30, "q": 90, "y": 365}


def _every_n(m: re.Match[str], ctx: Context) -> When | None:
    """'every 3 mths', 'every 7 days', 'every 2 quarters': a cadence when it is a reporting
    grain (see :data:`_ROLLING`), else nothing ("every 5 weeks")."""
    n = _count(m["n"])
    if n is None or n != int(n):
        return None
    grain = _ROLLING.get(int(n) * _UNIT_DAYS[m["u"][0].lower()])
    return _cadence(grain, m.group()) if grain else None


def _rolling_n(n: int, unit: str) -> When | None:
    """'L12M', 'L3M', 'L30D', 'R12M', 'T12M': the last n days, weeks or months."""
    word = {"D": "day", "W": "week", "M": "month"}[unit]
    days = n * {"day": 1, "week": 7, "month": 30}[word]
    grain = _ROLLING.get(days)
    return _cadence(grain, f"{n}-{word} rolling") if grain else None


_SHORT_GRAIN = {"y": "annual", "q": "quarterly", "m": "monthly", "w": "weekly", "d": "daily"}


def _short_over(m: re.Match[str], ctx: Context) -> When | None:
    """'yr-on-yr', 'qtr on qtr', 'y.o.y.', and 'MOM' / 'WOW' in capitals right after a number."""
    first = (_g(m, "a", "d", "c") or "").lower()
    return _cadence(_SHORT_GRAIN[first[0]], m.group().strip())


def _each_other(m: re.Match[str], ctx: Context) -> When | None:
    """'every other day': no value for two of a period, so the period's own (the finer); every
    other year is longer than any value krakit has, so none."""
    g = m["g"].lower()
    return None if g == "year" else _cadence(_GRAIN_CADENCE[g], m.group())


def _fortnightly(m: re.Match[str], ctx: Context) -> When | None:
    return _cadence("weekly", "fortnightly")


def _twice(m: re.Match[str], ctx: Context) -> When | None:
    return _cadence(_GRAIN_CADENCE[m["g"].lower()], m.group().lower())


def _word_cadence(grain: str) -> Resolve:
    def resolve(m: re.Match[str], ctx: Context) -> When | None:
        return _cadence(grain, m["c"])

    return resolve


_CADENCE_WORDS = {w: grain for grain, words in _LEX["cadences"].items() for w in words}
_CADENCE_ABBR = [w for w in _CADENCE_WORDS if any(c.isupper() for c in w)]  # YoY: case matters
_CADENCE_LOOKUP = {w.lower(): grain for w, grain in _CADENCE_WORDS.items()}


_SPAN_AFTER_NUMBER = frozenset(w.lower() for w in _LEX["span_after_number"])


def _cadence_word(m: re.Match[str], ctx: Context) -> When | None:
    if m["c"].lower().startswith(("a ", "an ")) and re.search(
        r"(?i)\bby\s+$", m.string[max(0, m.start() - 4) : m.start()]
    ):
        return None  # "cut paper use by a quarter": a fraction, not a cadence
    if m["c"].lower() in _SPAN_AFTER_NUMBER and re.search(
        r"\d\s*$", m.string[max(0, m.start() - 3) : m.start()]
    ):
        return None  # "2 saal mein" is within two years; "saal mein 12" is 12 a year
    word = re.sub(r"\s+", " ", re.sub(r"/\s+", "/", m["c"]))  # "40 tickets / month"
    return _cadence(_CADENCE_LOOKUP[word.lower()], word)


_TYPO_TARGETS: dict[str, str] = _LEX["typo_targets"]
_NOT_TYPOS = frozenset(_LEX["not_typos"])


def _misspelt_cadence(m: re.Match[str], ctx: Context) -> When | None:
    word = m["c"].lower()
    if word in _NOT_TYPOS or word in _TYPO_TARGETS:
        return None
    for right, grain in _TYPO_TARGETS.items():
        most = 2 if len(right) >= 8 else 1
        if right[:2] == word[:2] and abs(len(right) - len(word)) <= most:
            if slips(word, right) <= most:
                return _cadence(grain, m["c"])
    return None
