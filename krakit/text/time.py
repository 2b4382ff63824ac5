"""Time in KPI sentences: the engine that reads the declarations of :mod:`.time_patterns`.

:func:`find_times` is the one call the parser makes: it returns each time the sentence names
as a :class:`TimeMatch`, holding a typed :class:`~krakit.when.When` and the span to set
aside from the metric. Three kinds:

``cadence``
    How often the KPI is measured: "per month", "fortnightly", "per shift", "7-day rolling",
    "YoY", "from last year". Two or more *different* cadences in a list ("per
    week/month/quarter", "weekly, monthly and quarterly") name no single cadence, so none is
    kept.
``deadline``
    A point in time: a date, a month, a quarter or half, a fiscal or school year, a season, a
    year, this/next period, a period end (EOY, "end of the second quarter"), or an event with
    no date ("by my next review"). A placeholder ("by [date]") is kept as written.
``within``
    A window: "within 30 days", "over the next three sprints", "in six months". The parser
    decides whether the window is the deadline of another target or is itself the target.

:func:`read_when` reads a deadline as stored ("Q2 2027", "FY2020", "spring 2027", a date),
and :func:`period_end` gives its last day (or a period label's): the checker and sheets use
these, so a deadline is read one way everywhere.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from dataclasses import dataclass
from functools import lru_cache

from krakit.errors import KrakitError
from krakit.periods import Level, parse_period
from krakit.text.draft import Period, Quantity
from krakit.text.time_patterns import PATTERNS, Context, TimePattern
from krakit.when import FISCAL_START, When, month_end

__all__ = ["TimeMatch", "find_times", "period_end", "read_when"]


@dataclass(frozen=True, slots=True)
class TimeMatch:
    """One time expression: ``kind`` is ``"cadence"``, ``"deadline"`` or ``"within"``.

    ``when`` is the typed value; ``value`` is what the parser's fields hold (a
    :class:`Period`, a ``date`` or label, or a :class:`Quantity`). ``dated`` is True when a
    deadline word ("by", "before", "end of") introduces it. ``pattern`` names the declaration
    that read it.
    """

    kind: str
    value: Period | dt.date | str | Quantity
    span: tuple[int, int]
    dated: bool = False
    when: When | None = None
    pattern: str = ""

    @property
    def timeframe(self) -> bool:
        """The match gives a target its time (not "within 20 seconds", a service level)."""
        return self.when is None or self.when.timeframe


_PREP = (
    r"(?:(?:on\s+or\s+)?before|by|until|till|til|no\s+later\s+than|due|deadline:?|in|during|for)"
)
_END = r"(?:(?:at|by|before|till|until|to)\s+)?(?:the\s+)?(?:end|close)\s+of\s+(?:the\s+)?"
# The deadline word before a date ("by", "before", "by the end of", "EOY"), looked for right
# before a match rather than tried at every position.
_LEAD_BEFORE = re.compile(
    rf"(?i)(?:{_END}|(?<![A-Za-z]){_PREP}\s+(?:the\s+)?(?:(?:end|close)\s+of\s+(?:the\s+)?)?"
    r"|(?<![A-Za-z])(?:EOY|EOQ|EOM|end)(?:\s+|-))$"
)
# Look-alike characters read as their plain form before matching, one character for one, so
# every span still points into the text as written: the hyphens of "month‑on‑month" (U+2011
# and kin), an en or em dash before a letter inside a word ("day–on–day", "12–month"), and
# no-break or thin spaces.
_FOLD = str.maketrans(
    {
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u00a0": " ",
        "\u2007": " ",
        "\u2009": " ",
        "\u202f": " ",
        "\u2019": "'",
    }
)
_DASH_IN_WORD = re.compile(r"(?<=[A-Za-z0-9])[\u2013\u2014](?=[A-Za-z])")
_CADENCE_LIST = re.compile(
    r"(?i)\b(?:day|week|month|quarter|year)s?\s*/\s*(?:day|week|month|quarter|year)"
)
_LIST_GAP = re.compile(r"[,/&|]?\s*(?:and|or|and/or)?|[,/&]")
_UNDATED_LEADS = ("for", "during")
_WORD = re.compile(r"[a-z]+")
_YEAR_NAMES = frozenset(
    {"fiscal-year", "school-year", "year", "the-period", "year-range", "year-ending"}
)
_YEAR_GRAINS = frozenset({"year", "school year"})
_DATED_WORD = re.compile(
    r"(?:by|before|until|till|til|no|due|deadline|in|at|end|close|to|on|within|over|next|"
    r"coming|eo[ymqw]|eofy|fye|ye)\b"
)


# One prefilter for all declarations: which declarations each gate word opens (a word of the
# text), and which each gate part opens ("q1", "/", "in ": a part of the lower-cased text), so
# a declaration's regex runs only when its gate passes.
def _gates() -> tuple[dict[str, tuple[int, ...]], dict[str, tuple[int, ...]], frozenset[int]]:
    words: dict[str, list[int]] = {}
    parts: dict[str, list[int]] = {}
    for i, decl in enumerate(PATTERNS):
        for gate in dict.fromkeys(decl.gate):
            (words if gate.isalpha() else parts).setdefault(gate, []).append(i)
    always = frozenset(i for i, decl in enumerate(PATTERNS) if not decl.gate)
    return (
        {w: tuple(found) for w, found in words.items()},
        {p: tuple(found) for p, found in parts.items()},
        always,
    )


_BY_WORD, _BY_PART, _ALWAYS = _gates()
_GATE_WORDS = frozenset(_BY_WORD)


def _gated(low: str, words: frozenset[str]) -> list[TimePattern]:
    """The declarations whose gate the text passes, in declaration order.

    The same answer as asking each declaration (:meth:`TimePattern.gated`), in one pass: a set
    intersection for the gate words, a substring test per distinct gate part.
    """
    active = set(_ALWAYS)
    for word in words & _GATE_WORDS:
        active.update(_BY_WORD[word])
    for part, found in _BY_PART.items():
        if part in low:
            active.update(found)
    return [PATTERNS[i] for i in sorted(active)]


def _value(when: When) -> Period | dt.date | str | Quantity:
    if when.kind == "cadence":
        return Period(when.grain)
    if when.kind == "window":
        unit = "days" if when.grain == "business days" else when.grain or "days"
        return Quantity(when.count or 1.0, unit)
    return when.value


def find_times(
    text: str,
    today: dt.date | None = None,
    *,
    fiscal_start: int = FISCAL_START,
    hemisphere: str = "north",
) -> list[TimeMatch]:
    """Find the cadences, deadlines and windows in ``text``, in order of position.

    ``fiscal_start`` is the month fiscal years begin (4: April, as in India; see
    :data:`krakit.when.FISCAL_STARTS`); ``hemisphere`` ("north" or "south") places seasons.

    Examples
    --------
    >>> [(t.kind, str(t.value)) for t in find_times("Close 40 deals per month by Q2 2026")]
    [('cadence', 'monthly'), ('deadline', 'Q2 2026')]
    >>> find_times("within 30 days")[0].value
    Quantity(value=30.0, unit='days', relative=False)
    >>> str(find_times("Cut churn to 5% by spring 2027")[0].when)
    'deadline 2027-05-31'
    """
    ctx = Context(today or dt.date.today(), fiscal_start, hemisphere)
    text = _fold(text)
    out: list[TimeMatch] = []
    taken: list[tuple[int, int]] = []

    def free(span: tuple[int, int]) -> bool:
        return not any(s < span[1] and span[0] < e for s, e in taken)

    low = text.lower()
    words = frozenset(_WORD.findall(low))
    cadences: list[TimeMatch] = []
    for decl in _gated(low, words):
        for m in decl.regex.finditer(text):
            span = m.span()
            if span[0] == span[1]:
                continue
            lead = m.groupdict().get("lead") or ""
            if "lead" not in decl.regex.groupindex or not lead:
                found = _LEAD_BEFORE.search(text, max(0, span[0] - 40), span[0])
                if found:
                    lead, span = found.group(), (found.start(), span[1])
            if not lead:
                lead = m.group()
            if not free(span):
                continue
            try:
                when = decl.resolve(m, ctx)
            except (ValueError, KeyError, OverflowError, TypeError):
                continue
            if when is None:
                continue
            taken.append(span)
            if when.kind == "cadence":
                cadences.append(
                    TimeMatch("cadence", _value(when), span, when=when, pattern=decl.name)
                )
                continue
            word = lead.strip().lower()
            year = decl.name in _YEAR_NAMES and when.grain in _YEAR_GRAINS
            dated = _DATED_WORD.match(word) is not None
            dated = dated and not word.startswith(_UNDATED_LEADS)
            # "in FY 2025-26", "in 2027" name the year the target covers; "in the year" does not
            named = year and decl.name != "the-period" and word.split()[:1] == ["in"]
            dated = dated and not named
            kind = "within" if when.kind == "window" else "deadline"
            if not dated and year:
                # "FY25 revenue", "for 2027", "in FY 2025-26", "during the 2026-27 school
                # year": a year named as the span the target covers is an annual target
                annual = When("cadence", when.label, grain="annual")
                cadences.append(
                    TimeMatch("cadence", Period.ANNUAL, span, when=annual, pattern=decl.name)
                )
            out.append(TimeMatch(kind, _value(when), span, dated, when, decl.name))
    if cadences:
        out.extend(_single_cadence(text, cadences))
    if len(out) > 1:
        out.sort(key=lambda t: t.span[0])
    return out


def _fold(text: str) -> str:
    """The text with look-alike hyphens, dashes and spaces made plain, its length unchanged.

    >>> _fold("Grow sign-ups 5% month\u2011on\u2011month") == "Grow sign-ups 5% month-on-month"
    True
    """
    if text.isascii():
        return text
    folded = text.translate(_FOLD)
    if "\u2013" in folded or "\u2014" in folded:
        folded = _DASH_IN_WORD.sub("-", folded)
    return folded


def _single_cadence(text: str, cadences: list[TimeMatch]) -> list[TimeMatch]:
    """The cadences kept: a list of different ones ("per week/month/quarter", "weekly,
    monthly and quarterly") names none, so only the years named as spans stay."""
    if _CADENCE_LIST.search(text):
        return [c for c in cadences if c.pattern in _YEAR_NAMES]
    listed = sorted((c for c in cadences if c.pattern not in _YEAR_NAMES), key=lambda t: t.span[0])
    for a, b in itertools.pairwise(listed):
        gap = text[a.span[1] : b.span[0]].strip().lower()
        if a.value != b.value and _LIST_GAP.fullmatch(gap):
            return [c for c in cadences if c.pattern in _YEAR_NAMES]
    return cadences


def read_when(
    value: str, today: dt.date | None = None, fiscal_start: int = FISCAL_START
) -> When | None:
    """Read a deadline as it is stored or typed in a sheet ("Q2 2027", "FY2020", "June").

    Returns the first deadline in it, or None when it names none.

    Examples
    --------
    >>> read_when("FY2020").end, read_when("spring 2027").end
    (datetime.date(2020, 3, 31), datetime.date(2027, 5, 31))
    >>> read_when("2026-03-31").end
    datetime.date(2026, 3, 31)
    """
    return _read(str(value).strip(), today or dt.date.today(), fiscal_start)


@lru_cache(maxsize=4096)
def _read(text: str, today: dt.date, fiscal_start: int) -> When | None:
    if re.fullmatch(r"\d{4}", text):
        text = f"by {text}"
    for t in find_times(text, today, fiscal_start=fiscal_start):
        if t.kind == "deadline" and t.when is not None:
            return t.when
    return None


def period_end(
    value: dt.date | str | When | None,
    today: dt.date | None = None,
    fiscal_start: int = FISCAL_START,
) -> dt.date | None:
    """The last day of a deadline or period label, or None if it has none krakit can read.

    Reads the labels of actuals ("2026-Q1", "2026-05", "2026-W05") and every deadline the
    time reader accepts ("Q2 2020", "FY2020", "spring 2020", "end of the school year").

    Examples
    --------
    >>> period_end("2026-Q1"), period_end("March 2027"), period_end("FY2026-27")
    (datetime.date(2026, 3, 31), datetime.date(2027, 3, 31), datetime.date(2027, 3, 31))
    >>> period_end("by spring 2020"), period_end("my next review")
    (datetime.date(2020, 5, 31), None)
    """
    if value is None:
        return None
    if isinstance(value, When):
        return value.end
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    raw = str(value).strip()
    try:
        span = parse_period(raw)
    except KrakitError:
        when = read_when(raw, today, fiscal_start)
        return when.end if when is not None else None
    if span.level is Level.DAY:
        return dt.date.fromisoformat(raw)
    if span.level is Level.WEEK:
        year, week = re.findall(r"\d+", raw)[:2]
        return dt.date.fromisocalendar(int(year), int(week), 7)
    year, month0 = divmod(span.start + int(span.months) - 1, 12)
    return month_end(year, month0 + 1)
