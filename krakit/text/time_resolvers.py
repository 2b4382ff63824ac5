"""How a matched time phrase resolves: the word lists and resolvers the declarations use.

Each resolver takes a regex match of one :mod:`krakit.text.time_patterns` declaration and the
:class:`Context` (today, the fiscal start month, the hemisphere) and returns a
:class:`~krakit.when.When`, or None when the words turn out not to be a time ("by 1/2"
is a fraction, "the month-end" with no deadline word is the close). The declarations,
with their examples, stay in :mod:`krakit.text.time_patterns`; what a quarter or a fiscal
year *is* lives in :mod:`krakit.periods`.

This module holds the context, the word lists and helpers all resolvers share, and the
resolvers for calendar dates and undated deadlines ("31 March 2026", "by mid-2027", "by week
12", "before the next audit"); the periods of a year and those relative to today are resolved
in :mod:`krakit.text.period_resolvers`, cadences in :mod:`krakit.text.cadence_resolvers`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from krakit.text.lexicon import load, word_value
from krakit.when import (
    When,
    month_end,
    next_end,
)

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


# A log-frame's labelled year: "Target (2027): 32%" is the year the target covers;
# "Baseline (2022)" or "Actual (2025)" dates another number, no time of the target.
_LABEL_YEAR = re.compile(
    r"(?i)\b(?P<label>target|goal|milestone|baseline|actual|achieved)\s*[(\[]\s*$"
)
_NOT_THE_TARGETS = frozenset({"baseline", "actual", "achieved"})


def _year_deadline(m: re.Match[str], ctx: Context) -> When | None:
    """'by 2030', 'for 2027', 'CY2027', '2027 calendar year', 'Target (2027)': a year with a
    time word (a bare 2027 is no deadline)."""
    lead = m["lead"] or m["cy"] or m["cyt"]
    label = _LABEL_YEAR.search(m.string, max(0, m.start() - 14), m.start())
    if label is not None and label["label"].lower() in _NOT_THE_TARGETS:
        return None
    if (
        not lead
        and label is None
        and not _YEAR_LEAD.search(m.string, max(0, m.start() - 30), m.start())
    ):
        return None
    year = int(m["y"])
    return _deadline(str(year), (dt.date(year, 1, 1), dt.date(year, 12, 31)), "year")


def _anchor(m: re.Match[str], ctx: Context) -> When | None:
    """'by my next review', 'before the next audit': a deadline with no date."""
    label = re.sub(r"\s+", " ", m["event"].strip()).lower()
    return When("deadline", label, grain="event")


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
