"""Time in KPI sentences: how often (cadence), by when (deadline), and within how long.

Three kinds of match, found by :func:`find_times`:

``cadence``
    How often the KPI is measured: "per month", "monthly", "every quarter", "/week", "YoY".
    Words come from ``lexicon/time.yaml``. Two or more *different* cadences in a list ("per
    week/month/quarter", "weekly, monthly and quarterly") name no single cadence, so none is kept.
``deadline``
    A point in time: a full date ("31 March 2026", "2026-03-31", "31/03/2026", day first as
    in India and Europe unless the numbers say otherwise), a month ("by June" — the next
    end of June on or after ``today``; "March 2026" — 31 March 2026), a quarter or half
    ("Q2", "by end of Q2 2026", "H1 FY26": labels such as ``"Q2 2026"``), a fiscal year
    ("FY25" → ``"FY2025"``, "FY2025-26"), a year after "by/in/end of", and relative words
    ("this year", "year end", "next quarter", resolved against ``today``). A placeholder
    ("by [date]", "by <quarter>") is kept as written, so a reader sees what to fill in.
``within``
    A window: "within 30 days", "in the next eight months", "over the next three quarters". The
    parser decides whether the window is the deadline of another target or is itself the
    target (when the metric is a time: "resolve tickets within 4 hours"); see
    :mod:`krakit.text.parse`.
"""

from __future__ import annotations

import calendar
import datetime as dt
import itertools
import re
from dataclasses import dataclass

from krakit.text.draft import Period, Quantity
from krakit.text.numbers import _T as _NUM
from krakit.text.numbers import _alt, _word_value, lexicon

__all__ = ["TimeMatch", "find_times"]


@dataclass(frozen=True, slots=True)
class TimeMatch:
    """One time expression: ``kind`` is ``"cadence"``, ``"deadline"`` or ``"within"``.

    ``value`` is a :class:`Period`, a ``date`` or label, or a :class:`Quantity`. ``dated`` is
    True when a deadline word ("by", "before", "end of") introduces it.
    """

    kind: str
    value: Period | dt.date | str | Quantity
    span: tuple[int, int]
    dated: bool = False


_LEX = lexicon("time")
_MONTHS = {name: int(n) for n, names in _LEX["months"].items() for name in names}
_MONTH = rf"(?:{_alt(list(_MONTHS))})\.?"
_NUMWORD = rf"(?:\d+|{_alt(list(_NUM['numwords']))})"
_UNITS = {
    "day": "days",
    "days": "days",
    "business days": "days",
    "working days": "days",
    "hour": "hours",
    "hours": "hours",
    "hrs": "hours",
    "week": "weeks",
    "weeks": "weeks",
    "month": "months",
    "months": "months",
    "quarter": "quarters",
    "quarters": "quarters",
    "year": "years",
    "years": "years",
    "minutes": "minutes",
    "mins": "minutes",
    "seconds": "seconds",
    "secs": "seconds",
    "sec": "seconds",
}
_PREP = (
    r"(?:(?:on\s+or\s+)?before|by|until|till|til|no\s+later\s+than|due|deadline:?|in|during|for)"
)
_END = r"(?:(?:at|by|before|till|until|to)\s+)?(?:the\s+)?(?:end|close)\s+of\s+(?:the\s+)?"
# The deadline word before a date ("by", "before", "by the end of"), looked for right before a
# match rather than tried at every position (which made the scan ten times slower).
_LEAD_BEFORE = re.compile(
    rf"(?i)(?:{_END}|(?<![A-Za-z]){_PREP}\s+(?:the\s+)?(?:end\s+of\s+(?:the\s+)?)?)$"
)
# Cheap tests that say whether a family of patterns can match at all: on the lower-cased text
# and its set of words, so most sentences skip most patterns.
_MONTH_NAMES = frozenset(_MONTHS)
_WORDS = re.compile(r"[a-z]+")
_Q = re.compile(r"[qh][1-4]")
_DIGIT_DASH = re.compile(r"\d-\d")
_DIGIT_SLASH = re.compile(r"\d[/.]\d")
_YEARISH = re.compile(r"(?:19|20)\d\d")


def _gate(kind: str, low: str, words: frozenset[str]) -> bool:
    if kind in ("dmy", "mdy", "dm", "md", "monthyear", "month"):
        return not words.isdisjoint(_MONTH_NAMES)
    if kind == "iso":
        return _DIGIT_DASH.search(low) is not None
    if kind == "numeric":
        return _DIGIT_SLASH.search(low) is not None
    if kind == "fy":
        return "fy" in low
    if kind == "quarter":
        return _Q.search(low) is not None
    if kind == "season":
        return not words.isdisjoint(("spring", "summer", "fall", "autumn", "winter"))
    if kind == "relative":
        return not words.isdisjoint(("this", "current", "next", "coming", "new"))
    if kind == "periodend":
        return "end" in low or not words.isdisjoint(("eoy", "eom", "eoq", "ye"))
    if kind == "endyear":
        return "end" in low or "close" in low
    if kind == "year":
        return _YEARISH.search(low) is not None
    if kind == "within":
        return not words.isdisjoint(("within", "next", "coming"))
    if kind == "placeholder":
        return not words.isdisjoint(("by", "before", "until", "till"))
    return True


_cadence_words = {w: Period(p) for p, words in _LEX["cadences"].items() for w in words}
_ABBR = [w for w in _cadence_words if any(c.isupper() for c in w)]  # YoY, MoM: case matters
_CADENCE = re.compile(
    r"(?:(?<![A-Za-z])|(?=/))(?:on\s+an?\s+)?(?P<c>"
    + _alt(_ABBR)
    + "|(?i:"
    + _alt([w for w in _cadence_words if w not in _ABBR])
    + r"))(?:\s+basis)?(?![A-Za-z])"
)
_CADENCE_LIST = re.compile(
    r"(?i)\b(?:day|week|month|quarter|year)s?\s*/\s*(?:day|week|month|quarter|year)"
)
_cadence_lookup = {w.lower(): p for w, p in _cadence_words.items()}

_YEAR = r"(?:19|20)\d{2}"
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    (
        "dmy",
        re.compile(
            rf"(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m>{_MONTH}),?\s+(?P<y>{_YEAR})\b",
            re.I,
        ),
    ),
    (
        "mdy",
        re.compile(
            rf"(?P<m>{_MONTH})\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>{_YEAR})\b", re.I
        ),
    ),
    (
        "dm",
        re.compile(
            rf"(?P<lead>\b(?:by|before|until|till|on|due)\s+(?:the\s+)?)?(?P<d>\d{{1,2}})(?P<suf>st|nd|rd|th)?\s+(?:of\s+)?(?P<m>{_MONTH})\b",
            re.I,
        ),
    ),
    (
        "md",
        re.compile(
            rf"(?P<lead>\b(?:by|before|until|till|on|due)\s+(?:the\s+)?)(?P<m>{_MONTH})\s+(?P<d>\d{{1,2}})(?P<suf>st|nd|rd|th)?\b(?!\s*[,/.:%-]?\s*\d)",
            re.I,
        ),
    ),
    ("iso", re.compile(rf"(?P<y>{_YEAR})-(?P<m>\d{{2}})-(?P<d>\d{{2}})\b", re.I)),
    (
        "numeric",
        re.compile(rf"\b(?P<a>\d{{1,2}})[/.](?P<b>\d{{1,2}})[/.](?P<y>{_YEAR}|\d{{2}})\b", re.I),
    ),
    (
        "fy",
        re.compile(
            r"(?:(?P<part>[QH][1-4])\s*[,-]?\s*)?\bFY\s?'?(?P<y1>\d{4}|\d{2})(?:\s?[-–/]\s?(?P<y2>\d{4}|\d{2}))?\b",
            re.I,
        ),
    ),
    (
        "quarter",
        re.compile(rf"\b(?P<q>[QH])(?P<n>[1-4])\b(?:\s*[,'-]?\s*(?P<y>{_YEAR}|'\d{{2}}))?", re.I),
    ),
    (
        "season",
        re.compile(
            rf"\b(?P<s>spring|summer|fall|autumn|winter)\s+(?:of\s+)?(?P<y>{_YEAR})\b", re.I
        ),
    ),
    ("monthyear", re.compile(rf"\b(?P<m>{_MONTH})[\s,'-]+(?P<y>{_YEAR})\b", re.I)),
    (
        "within",
        re.compile(
            rf"(?P<lead>\b(?:within|in|over|during|for)\s+(?:the\s+)?(?:next|coming|following|first)\s+|\bwithin\s+(?:the\s+)?|\b(?:next|coming)\s+(?=\d|{_NUMWORD}))(?P<n>{_NUMWORD}\s+)?(?P<u>business\s+days|working\s+days|days?|hours?|hrs|weeks?|months?|quarters?|years?|minutes|mins|seconds|secs?)\b",
            re.I,
        ),
    ),
    (
        "relative",
        re.compile(
            r"\b(?P<rel>this|current|next|coming|new)\s+(?P<what>year|fy|financial\s+year|quarter|month|week)\b",
            re.I,
        ),
    ),
    (
        "periodend",
        re.compile(
            r"(?P<lead>(?:by|before|till|until|at)\s+(?:the\s+)?)?\b(?P<what>year|month|quarter)[-\s]end\b|\b(?P<abbr>EOY|EOM|EOQ|YE)\b",
            re.I,
        ),
    ),
    ("endyear", re.compile(rf"(?P<lead>{_END}(?:the\s+)?)(?P<what>year|month|quarter)\b", re.I)),
    (
        "month",
        re.compile(rf"(?P<lead>{_END}|\b(?:by|before|until|till)\s+)(?P<m>{_MONTH})\b", re.I),
    ),
    (
        "year",
        re.compile(
            rf"(?P<lead>{_END}|\b(?:by|before|until|till|in)\s+(?:the\s+)?)(?P<y>{_YEAR})\b", re.I
        ),
    ),
    (
        "placeholder",
        re.compile(
            r"(?P<lead>\b(?:by|before|until|till)\s+)(?P<ph>\([^()]{1,20}\)|\[[^\[\]]{1,20}\]|<[^<>]{1,20}>|dd[/.-]mm[/.-]yy(?:yy)?|mm[/.-]yy(?:yy)?|xx+)",
            re.I,
        ),
    ),
]


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _year(text: str | None) -> int | None:
    if not text:
        return None
    digits = text.strip("'")
    y = int(digits)
    return y + 2000 if y < 100 else y


def _deadline(kind: str, m: re.Match[str], today: dt.date) -> dt.date | str | Quantity | None:
    g = m.groupdict()
    if kind in ("dmy", "mdy"):
        return dt.date(int(g["y"]), _MONTHS[g["m"].lower().rstrip(".")], int(g["d"]))
    if kind in ("dm", "md"):
        # "by 30th April", "on June 15": a day without a year, the next such day from today
        if not g["lead"] and not g["suf"]:
            return None
        month, day = _MONTHS[g["m"].lower().rstrip(".")], int(g["d"])
        if g["m"].lower() == "may" and not g["m"][0].isupper() and not g["suf"]:
            return None
        for year in (today.year, today.year + 1):
            try:
                date = dt.date(year, month, day)
            except ValueError:
                return None
            if date >= today:
                return date
        return None
    if kind == "iso":
        return dt.date(int(g["y"]), int(g["m"]), int(g["d"]))
    if kind == "numeric":
        a, b, y = int(g["a"]), int(g["b"]), _year(g["y"]) or 0
        day, month = (b, a) if b > 12 else (a, b)
        return dt.date(y, month, day)
    if kind == "fy":
        y1 = _year(g["y1"]) or 0
        label = f"FY{y1}"
        if g["y2"]:
            y2 = _year(g["y2"]) or 0
            label = f"FY{y1}-{y2 % 100:02d}"
        return f"{g['part'].upper()} {label}" if g["part"] else label
    if kind == "quarter":
        y = _year(g["y"])
        label = f"{g['q'].upper()}{g['n']}"
        if g["q"].upper() == "H" and g["n"] not in "12":
            return None
        return f"{label} {y}" if y else label
    if kind == "season":
        return f"{g['s'].lower()} {g['y']}"
    if kind == "monthyear":
        return _month_end(int(g["y"]), _MONTHS[g["m"].lower().rstrip(".")])
    if kind == "month":
        month = _MONTHS[g["m"].lower().rstrip(".")]
        if g["m"].lower() == "may" and not g["m"][0].isupper():
            return None
        end = _month_end(today.year, month)
        return end if end >= today else _month_end(today.year + 1, month)
    if kind == "year":
        return g["y"]
    if kind in ("relative", "periodend", "endyear"):
        what = (
            g.get("what")
            or {"EOY": "year", "YE": "year", "EOM": "month", "EOQ": "quarter"}.get(
                (g.get("abbr") or "").upper(), "year"
            )
        ).lower()
        step = 1 if (g.get("rel") or "").lower() in ("next", "coming") else 0
        if "year" in what or what == "fy":
            return dt.date(today.year + step, 12, 31)
        if what == "quarter":
            q = (today.month - 1) // 3 + step
            year, q = today.year + q // 4, q % 4
            return f"Q{q + 1} {year}"
        if what == "month":
            month = today.month + step
            year = today.year + (month - 1) // 12
            return _month_end(year, (month - 1) % 12 + 1)
        return today + dt.timedelta(days=7 * step + (6 - today.weekday()))
    if kind == "within":
        n = g["n"]
        value = 1.0 if not n else (float(n) if n.strip().isdigit() else _word_value(n.strip()))
        if value is None:
            return None
        unit = _UNITS.get(re.sub(r"\s+", " ", g["u"].lower()), "days")
        return Quantity(value, unit)
    if kind == "placeholder":
        return g["ph"]
    return None


def find_times(text: str, today: dt.date | None = None) -> list[TimeMatch]:
    """Find the cadences, deadlines and windows in ``text``, in order of position.

    Examples
    --------
    >>> [(t.kind, str(t.value)) for t in find_times("Close 40 deals per month by Q2 2026")]
    [('cadence', 'monthly'), ('deadline', 'Q2 2026')]
    >>> find_times("within 30 days")[0].value
    Quantity(value=30.0, unit='days', relative=False)
    """
    today = today or dt.date.today()
    out: list[TimeMatch] = []
    taken: list[tuple[int, int]] = []

    def free(span: tuple[int, int]) -> bool:
        return not any(s < span[1] and span[0] < e for s, e in taken)

    low = text.lower()
    words = frozenset(_WORDS.findall(low))
    for kind, pattern in _PATTERNS:
        if not _gate(kind, low, words):
            continue
        for m in pattern.finditer(text):
            span = m.span()
            lead = m.groupdict().get("lead") or ""
            if "lead" not in pattern.groupindex:
                found = _LEAD_BEFORE.search(text, max(0, span[0] - 40), span[0])
                if found:
                    lead, span = found.group(), (found.start(), span[1])
            if not free(span):
                continue
            try:
                value = _deadline(kind, m, today)
            except (ValueError, KeyError, OverflowError):
                continue
            if value is None:
                continue
            dated = bool(lead.strip()) and not lead.strip().lower().startswith(("for", "during"))
            if kind == "fy" and not dated and not m["part"]:
                # "FY25 revenue": a fiscal year read as the annual cadence and its label
                out.append(TimeMatch("cadence", Period.ANNUAL, span))
            out.append(TimeMatch("within" if kind == "within" else "deadline", value, span, dated))
            taken.append(span)
    cadences = []
    for m in _CADENCE.finditer(text):
        if free(m.span()):
            cadences.append(TimeMatch("cadence", _cadence_lookup[m["c"].lower()], m.span()))
    # "per week/month/quarter", "weekly, monthly and quarterly": a list of cadences names none.
    if _CADENCE_LIST.search(text):
        cadences = []
    for a, b in itertools.pairwise(cadences):
        gap = text[a.span[1] : b.span[0]].strip().lower()
        if a.value != b.value and re.fullmatch(r"[,/&|]?\s*(?:and|or|and/or)?|[,/&]", gap):
            cadences = []
            break
    out.extend(cadences)
    out.sort(key=lambda t: t.span[0])
    return out
