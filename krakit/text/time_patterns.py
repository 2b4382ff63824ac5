"""Time patterns as data: one declaration per way people write a time, read by one engine.

Each :class:`TimePattern` names its gate words (a cheap test on the lower-cased text before any
regex runs), its pattern, how a match resolves to a :class:`~krakit.when.When`, and the
examples it must read (``tests/text/test_time_patterns.py`` runs them all, as of
:data:`EXAMPLE_TODAY`). The engine is :func:`krakit.text.time.find_times`; it tries the
declarations in order and a span taken by an earlier one is not read again, so the specific
forms come before the general ones. What a quarter, a fiscal year or a season *is* lives in
:mod:`krakit.periods`, not here.

Patterns may use these names, filled in before compiling: ``{MONTH}`` a month name,
``{YEAR}`` a four-digit year, ``{YY}`` a year in four or two digits ('27 too), ``{NUM}`` a
count in digits or words, ``{ORD}`` an ordinal (second, 2nd, last), ``{UNIT}`` a window unit,
``{GRAIN}`` a period word (year, quarter, month, week, half).

How a match resolves (the resolvers and the word lists they read) is
:mod:`krakit.text.time_resolvers`. To read a new form, add one declaration with its examples
here, and a resolver there if none fits.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from krakit.text.cadence_resolvers import (
    _CADENCE_ABBR,
    _CADENCE_WORDS,
    _GRAIN_CADENCE,
    _cadence_word,
    _compared,
    _each,
    _each_other,
    _every_n,
    _fortnightly,
    _misspelt_cadence,
    _per_abbreviation,
    _rolling,
    _rolling_n,
    _short_over,
    _twice,
)
from krakit.text.lexicon import alt, number_words
from krakit.text.period_resolvers import (
    _fy,
    _ordinal_part,
    _part,
    _period_end,
    _relative,
    _school,
    _school_end,
    _season,
    _this_period,
    _this_time_next,
    _window,
    _year_ending,
)
from krakit.text.time_resolvers import (
    _LEX,
    _ORDINALS,
    _UNITS,
    _WORD,
    MONTHS,
    Context,
    Resolve,
    _anchor,
    _bare_month,
    _cadence,
    _consecutive,
    _day_month,
    _deadline,
    _festival,
    _first_months,
    _full_date,
    _iso,
    _mid_year,
    _month_range,
    _month_year,
    _numeric,
    _numeric_no_year,
    _placeholder,
    _relative_month,
    _week_number,
    _week_of_month,
    _year,
    _year_deadline,
)

__all__ = ["EXAMPLE_TODAY", "PATTERNS", "Context", "TimePattern"]

EXAMPLE_TODAY = dt.date(2026, 1, 15)
"""The day the declarations' examples are read on."""


@dataclass(frozen=True)
class TimePattern:
    """One way of writing a time: gate words, a pattern, a resolver and its examples.

    ``examples`` maps a sentence to what the pattern must read in it, written as ``str`` of
    the :class:`~krakit.when.When` ("deadline 2027-06-30", "cadence weekly", "window 3
    sprints", "deadline next review (no date)"); ``leaves`` are sentences it must not read.
    """

    name: str
    gate: tuple[str, ...]
    pattern: str
    resolve: Resolve
    examples: dict[str, str]
    leaves: tuple[str, ...] = ()
    case_sensitive: bool = False
    regex: re.Pattern[str] = field(init=False, repr=False, compare=False)
    _gate_words: frozenset[str] = field(init=False, repr=False, compare=False)
    _gate_parts: re.Pattern[str] | None = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        source = re.sub(r"\{([A-Z]+)\}", lambda m: _NAMES[m[1]], self.pattern)
        flags = 0 if self.case_sensitive else re.IGNORECASE
        object.__setattr__(self, "regex", re.compile(source, flags))
        object.__setattr__(
            self, "_gate_words", frozenset(g for g in self.gate if g.isascii() and g.isalpha())
        )
        parts = [re.escape(g) for g in self.gate if not (g.isascii() and g.isalpha())]
        object.__setattr__(self, "_gate_parts", re.compile("|".join(parts)) if parts else None)

    @property
    def gate_words_only(self) -> bool:
        """Every gate entry is a whole word (no part such as "q1" or "/")."""
        return self._gate_parts is None

    def gated(self, low: str, words: frozenset[str] | None = None) -> bool:
        """Whether the text (lower-cased; ``words``, its words) can hold this pattern at all.

        A gate entry of letters only must be a word of the text; any other entry ("q1",
        "f.y", "/") a part of it.
        """
        if not self.gate:
            return True
        words = words if words is not None else frozenset(_WORD.findall(low))
        if not self._gate_words.isdisjoint(words):
            return True
        return self._gate_parts is not None and self._gate_parts.search(low) is not None


_NAMES = {
    "MONTH": rf"(?:{alt(MONTHS)})\.?",
    "YEAR": r"(?:19|20)\d{2}",
    "YY": r"(?:(?:19|20)\d{2}|'\d{2}|\d{2}(?!\d))",
    "NUM": rf"(?:\d+|(?:{alt(number_words())})(?:[\s-](?:{alt(number_words())}))?)",
    "ORD": rf"(?:{alt(_ORDINALS)})",
    "UNIT": rf"(?:(?:{alt(_UNITS)})s?|hrs|mins|secs)",
    "GRAIN": r"(?:year|quarter|month|week|half)",
}


# -- the declarations, most specific first ----------------------------------------------------

_END = r"(?:(?:at|by|before|till|until|to)\s+)?(?:the\s+)?(?:end|close)\s+of\s+(?:the\s+)?"
_MONTH_WORDS = tuple(MONTHS)

PATTERNS: tuple[TimePattern, ...] = (
    TimePattern(
        name="year-ending",
        gate=("ending", "ended"),
        pattern=r"(?P<lead>\b(?:for|in|during|over|of)\s+(?:the\s+)?)(?:(?:fiscal|financial|accounting)\s+)?year\s+(?:ending|ended)\s+(?:on\s+)?(?:(?:\d{1,2})(?:st|nd|rd|th)?\s+)?(?P<m>{MONTH})(?:\s+\d{1,2}(?:st|nd|rd|th)?)?,?\s+(?P<y>{YEAR})\b",
        resolve=_year_ending,
        examples={
            "EBITDA margin of 18% for the year ending 31 March 2028": "deadline 2028-03-31",
            "Revenue of ₹40 crore in the financial year ended June 2027": "deadline 2027-06-30",
        },
    ),
    TimePattern(
        name="every-period-end",
        gate=("every", "each"),
        pattern=r"\b(?:(?:at|by|on|of|for)\s+)?(?:every|each)\s+(?P<g>week|month|quarter|year)[-\s]?end\b",
        resolve=_each,
        examples={
            "Reconcile all bank accounts every month-end": "cadence monthly",
            "Close the books within 5 working days of every month end": "cadence monthly",
            "Count the stores at each quarter-end": "cadence quarterly",
        },
    ),
    TimePattern(
        name="end-of-every-period",
        gate=("every", "each", " of the "),
        pattern=r"(?:(?:at|by|before|on)\s+)?(?:the\s+)?(?:(?:end|close|start)\s+of\s+(?:every|each)|(?:\d{1,2}(?:st|nd|rd|th)(?:\s+day)?|first\s+day|last\s+day|(?:end|close|start)(?=\s+of\s+the\s+(?:shift|sprint)))\s+of\s+(?:every|each|the))\s+(?P<g>day|week|month|quarter|year|shift|sprint)\b",
        resolve=_each,
        examples={
            "Ship 12 stories by the end of every sprint": "cadence weekly",
            "Reconcile the till at the close of each shift": "cadence daily",
            "Submit the MIS report by the 5th of every month": "cadence monthly",
            "Collect 100% of fees by the 10th of the month": "cadence monthly",
        },
    ),
    TimePattern(
        name="date-day-month-year",
        gate=_MONTH_WORDS,
        pattern=r"(?P<d>\d{1,2})(?:st|nd|rd|th)?(?:\s+(?:of\s+)?|-)(?P<m>{MONTH})(?:,?\s+|-)(?P<y>{YEAR}|(?<=-)\d{2})\b",
        resolve=_full_date,
        examples={
            "Hire 5 nurses by 31st March 2027": "deadline 2027-03-31",
            "Hire 5 nurses by 31-Mar-27": "deadline 2027-03-31",
        },
    ),
    TimePattern(
        name="date-month-day-year",
        gate=_MONTH_WORDS,
        pattern=r"(?P<m>{MONTH})\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y>{YEAR})\b",
        resolve=_full_date,
        examples={"Go live by Sept 30, 2026": "deadline 2026-09-30"},
    ),
    TimePattern(
        name="date-day-month",
        gate=_MONTH_WORDS,
        pattern=r"(?P<lead>\b(?:by|before|until|till|on|due)\s+(?:the\s+)?)?(?P<d>\d{1,2})(?P<suf>st|nd|rd|th)?\s+(?:of\s+)?(?P<m>{MONTH})\b",
        resolve=_day_month,
        examples={
            "File the returns by 15th July": "deadline 2026-07-15",
            "Board pack due the 3rd of January": "deadline 2027-01-03",
        },
    ),
    TimePattern(
        name="date-month-day",
        gate=_MONTH_WORDS,
        pattern=r"(?P<lead>\b(?:by|before|until|till|on|due)\s+(?:the\s+)?)(?P<m>{MONTH})\s+(?P<d>\d{1,2})(?P<suf>st|nd|rd|th)?\b(?!\s*[,/.:%-]?\s*\d)",
        resolve=_day_month,
        examples={"Open the new store by August 20": "deadline 2026-08-20"},
    ),
    TimePattern(
        name="week-of-month",
        gate=("week", "fortnight"),
        pattern=r"(?P<lead>\b(?:by|before|until|till|in|during|within)\s+)?(?:the\s+)?(?P<ord>{ORD})\s+(?P<what>week|fortnight)\s+of\s+(?P<m>{MONTH})(?:,?\s+(?P<y>{YEAR}))?\b",
        resolve=_week_of_month,
        examples={
            "Reduce backlog to 50 by the 2nd week of March": "deadline 2026-03-14",
            "Open the plant in the last week of June 2027": "deadline 2027-06-30",
            "Pay all bonuses by the first fortnight of April": "deadline 2026-04-15",
        },
    ),
    TimePattern(
        name="month-range",
        gate=_MONTH_WORDS,
        pattern=r"(?P<lead>\b(?:in|for|during|by|from|over|between|across)\s+(?:the\s+)?(?:period\s+(?:of\s+|from\s+)?)?)(?P<m1>{MONTH})\s*(?:-|–|to|through|thru|till|until|and)\s*(?P<m>{MONTH})(?:[\s,'’-]*(?P<y>{YEAR}|'\d{2}))?(?:\s+(?:quarter|qtr|period|months))?\b",
        resolve=_month_range,
        examples={
            "Achieve ₹1 Cr sales for Apr-Jun": "deadline 2026-06-30",
            "Achieve ₹1 Cr sales in the Oct–Dec quarter": "deadline 2026-12-31",
            "Achieve ₹1 Cr sales from April to June 2027": "deadline 2027-06-30",
            "Achieve ₹1 Cr sales for the period April to September": "deadline 2026-09-30",
        },
    ),
    TimePattern(
        name="date-iso",
        gate=("-", "/"),
        pattern=r"(?P<y>{YEAR})(?P<sep>[-/])(?P<m>\d{2})(?P=sep)(?P<d>\d{2})\b",
        resolve=_iso,
        examples={
            "Migrate the CRM by 2026-11-30": "deadline 2026-11-30",
            "Migrate the CRM by 2026/11/30": "deadline 2026-11-30",
        },
    ),
    TimePattern(
        name="date-numeric",
        gate=("/", ".", "-"),
        pattern=r"\b(?P<a>\d{1,2})(?:[/.](?P<b>\d{1,2})[/.](?P<y>{YEAR}|\d{2})|-(?P<b2>\d{1,2})-(?P<y2>{YEAR}))\b(?![-/.]\d)",
        resolve=_numeric,
        examples={
            "Close the audit by 30/09/2026": "deadline 2026-09-30",
            "Close the audit by 09/30/2026": "deadline 2026-09-30",
            "Close the audit by 30-09-2026": "deadline 2026-09-30",
        },
    ),
    TimePattern(
        name="date-numeric-no-year",
        gate=("/",),
        pattern=r"(?P<lead>\b(?:by|before|until|till|due|on\s+or\s+before|no\s+later\s+than)\s+(?:the\s+)?)(?P<a>\d{1,2})/(?P<b>\d{1,2})\b(?![/.,]?\d|\s*%)",
        resolve=_numeric_no_year,
        examples={
            "File the returns by 31/3": "deadline 2026-03-31",
            "File the returns before 15/8": "deadline 2026-08-15",
        },
        leaves=("Cut rework by 1/2", "Cut rework by 3/4 this year"),
    ),
    TimePattern(
        name="first-months-of-year",
        gate=("first",),
        pattern=r"(?:(?:during|in|over|within|by\s+the\s+end\s+of)\s+)?(?:the\s+)?first\s+(?P<n>{NUM})\s+months\s+of\s+(?P<y>{YEAR})\b",
        resolve=_first_months,
        examples={
            "Sign 20 partners during the first six months of 2027": "deadline 2027-06-30",
            "Hit 1,000 users in the first 3 months of 2027": "deadline 2027-03-31",
        },
    ),
    TimePattern(
        name="ordinal-quarter-or-half",
        gate=("quarter", "half", "qtr"),
        pattern=r"(?:the\s+)?(?P<ord>{ORD})\s+(?P<what>quarter|half|qtr)\b\.?(?:\s+(?:of|in)\s+(?:the\s+)?(?:(?P<y>{YEAR})|(?P<rel>this|next|current)\s+(?P<fiscal2>fiscal\s+|financial\s+)?year|FY\s?'?(?P<fy>\d{4}|\d{2})|(?P<fiscal>fiscal|financial)\s+year(?:\s+(?P<y3>{YEAR}))?|(?:calendar\s+)?year)|,?\s+(?P<y4>{YEAR})|\s+F\.?Y\.?\s?'?(?P<fy2>\d{4}|\d{2})\b)?",
        resolve=_ordinal_part,
        examples={
            "Lift NPS to 45 by the end of the second quarter": "deadline 2026-06-30",
            "Lift NPS to 45 by the end of the second quarter of 2027": "deadline 2027-06-30",
            "Launch in the 3rd quarter of FY27": "deadline 2026-12-31",
            "Break even in the first half of 2027": "deadline 2027-06-30",
            "Break even in the third quarter 2027": "deadline 2027-09-30",
            "Close the gap by the last quarter of next year": "deadline 2027-12-31",
            "Hit ₹40 lakh in 1st Qtr": "deadline 2026-03-31",
            "Hit ₹40 lakh by 2nd Qtr FY27": "deadline 2026-09-30",
        },
        leaves=(
            "Cut the 2nd half of the backlog",
            "Rank in the first quarter of the league",
        ),
    ),
    TimePattern(
        name="fiscal-part",
        gate=("fy", "f.y"),
        pattern=r"(?:(?P<part>[QH][1-4])\s*[,-]?\s*(?:of\s+)?(?:F\.?Y\.?)\s?'?(?P<y1>\d{4}|\d{2})(?:\s?[-–/]\s?(?P<y2>\d{4}|\d{2}))?\b|\bF\.?Y\.?\s?'?(?P<y1b>\d{4}|\d{2})(?:\s?[-–/]\s?(?P<y2b>\d{4}|\d{2}))?\s*[,-]?\s*(?P<part2>[QH][1-4])\b)",
        resolve=_fy,
        examples={
            "Training completion 100% by Q1 FY27": "deadline 2026-06-30",
            "Cut DSO to 45 days by FY2026-27 Q3": "deadline 2026-12-31",
            "Hire 40 by H2 FY26": "deadline 2026-03-31",
        },
    ),
    TimePattern(
        name="fiscal-year",
        gate=("fy", "f.y", "fiscal", "financial"),
        pattern=r"(?:\bF\.?Y\.?\s?'?|\b(?:fiscal|financial)\s+(?:year\s+)?)(?P<y1>\d{4}|\d{2})(?:\s?[-–/]\s?(?P<y2>\d{4}|\d{2}))?\b|\b(?P<y1c>{YEAR})\s?[-–/]\s?(?P<y2c>\d{4}|\d{2})\s+(?:fiscal|financial)\s+year\b",
        resolve=_fy,
        examples={
            "Reduce churn from 8% to 5% by FY2020": "deadline 2020-03-31",
            "Grow revenue 20% by FY27": "deadline 2027-03-31",
            "Grow revenue 20% in FY 2026-27": "deadline 2027-03-31",
            "Grow revenue 20% in FY26/27": "deadline 2027-03-31",
            "Grow revenue 20% by fiscal 2027": "deadline 2027-03-31",
            "Grow revenue 20% in financial year 2026-27": "deadline 2027-03-31",
            "Grow revenue 20% in the 2026-27 financial year": "deadline 2027-03-31",
        },
    ),
    TimePattern(
        name="year-range",
        gate=("by", "in", "for", "during", "till", "until", "end"),
        pattern=r"(?P<lead>\b(?:by|in|for|during|till|until|end\s+of)\s+(?:the\s+)?(?:year\s+)?)(?P<y1>{YEAR})\s?[-–/]\s?(?P<y2>{YEAR}|\d{2})\b(?!\s*(?:[-–/]\s*\d|school|academic))",
        resolve=lambda m, ctx: _fy(m, ctx) if _consecutive(m) else None,
        examples={
            "Grow exports 15% in 2026-27": "deadline 2027-03-31",
            "Cut diesel use 8% by 2026/2027": "deadline 2027-03-31",
        },
        leaves=("Revenue grew in 2020-2025",),
    ),
    TimePattern(
        name="quarter-word-number",
        gate=("qtr", "quarter", "qr"),
        pattern=r"\b(?:qtr|quarter|qr)\.?\s?[-#]?\s?(?P<n>[1-4])\b(?!\s*[-–/]?\s*\d)(?:\s*[,'/-]?\s*(?:of\s+)?(?P<y>{YEAR}|'\d{2}))?",
        resolve=lambda m, ctx: _part("Q", int(m["n"]), _year(m["y"]), 1, ctx),
        examples={
            "Hit ₹40 lakh by Qtr 3": "deadline 2026-09-30",
            "Hit ₹40 lakh by Qtr-3": "deadline 2026-09-30",
            "Launch the app in Quarter 2 of 2027": "deadline 2027-06-30",
        },
        leaves=("Sell 3 quarter-1/2 litre packs",),
    ),
    TimePattern(
        name="end-of-numbered-quarter",
        gate=("eoq", "eoh", "e.o.q"),
        pattern=r"\bE\.?O\.?(?P<q>[QH])\.?\s?(?P<n>[1-4])\b(?:\s*[,'/-]?\s*(?P<y>{YEAR}|'\d{2}|\d{2}(?!\d)))?",
        resolve=lambda m, ctx: _part(m["q"].upper(), int(m["n"]), _year(m["y"]), 1, ctx),
        examples={
            "Cut DSO to 40 days by EOQ3": "deadline 2026-09-30",
            "Cut DSO to 40 days by EOQ2 2027": "deadline 2027-06-30",
        },
    ),
    TimePattern(
        name="quarter-or-half",
        gate=("q1", "q2", "q3", "q4", "h1", "h2", "1h", "2h", "1q", "2q", "3q", "4q"),
        pattern=r"(?:\b(?P<y2>{YEAR})\s*[-\s]?\s*(?P<q2>[QH])(?P<n2>[1-4])\b|\b(?P<f>F)?(?P<q>[QH])(?P<n>[1-4])\b(?:\s*[,'’/-]?\s*(?:of\s+)?(?P<y>{YEAR}|'\d{2}|’\d{2}))?|\b(?P<n3>[1-4])(?P<q3>[HQ])\s*'?(?P<y3>{YEAR}|\d{2})?\b)(?:\s+end\b)?",
        resolve=lambda m, ctx: _part(
            (m["q"] or m["q2"] or m["q3"]).upper(),
            int(m["n"] or m["n2"] or m["n3"]),
            _year(m["y"] or m["y2"] or m["y3"]),
            ctx.fiscal_start if m["f"] else 1,
            ctx,
        ),
        examples={
            "Cut churn to 5% by Q2 2020": "deadline 2020-06-30",
            "Raise attendance to 95% by Q3 end": "deadline 2026-09-30",
            "Raise attendance to 95% in 2027 Q2": "deadline 2027-06-30",
            "Raise attendance to 95% in Q3 of 2027": "deadline 2027-09-30",
            "Close the books faster by end of Q4'26": "deadline 2026-12-31",
            "Grow revenue 8% in H1": "deadline 2026-06-30",
            "Grow revenue 8% in 2H 2027": "deadline 2027-12-31",
            "Cut DSO to 45 days by 3Q27": "deadline 2027-09-30",
            "Hit ₹3 Cr revenue in FQ3": "deadline 2026-12-31",
        },
        leaves=("Hire 3H nurses",),
    ),
    TimePattern(
        name="school-year",
        gate=("sy", "ay", "school", "academic", "eoy"),
        pattern=r"\b(?:S\.?Y\.?|A\.?Y\.?|(?:school|academic)\s+year)\s*'?(?P<y1>{YEAR}|\d{2})\s?[-–/]\s?(?P<y2>{YEAR}|\d{2})\b|\b(?P<y1b>{YEAR})\s?[-–/]\s?(?P<y2b>{YEAR}|\d{2})\s+(?:school|academic)\s+year\b|\bEOY\s+(?P<y1c>{YEAR}|\d{2})\s?[-–/]\s?(?P<y2c>{YEAR}|\d{2})\b",
        resolve=_school,
        examples={
            "At EOY 26-27 course failures will not exceed 20%": "deadline 2027-06-30",
            "Raise attendance to 95% by EOY SY 26-27": "deadline 2027-06-30",
            "Raise attendance to 95% in SY2026-27": "deadline 2027-06-30",
            "Raise reading scores 10% during the 2026-2027 school year": "deadline 2027-06-30",
            "Publish 3 papers in academic year 2026/27": "deadline 2027-06-30",
        },
        leaves=("Serve SY 26-30 cohorts",),
    ),
    TimePattern(
        name="end-of-school-year",
        gate=("school", "academic"),
        pattern=r"(?:(?:(?:at|by|before|till|until)\s+)?(?:the\s+)?(?:end|close)\s+of\s+(?:the\s+)?|\bby\s+(?:the\s+)?|(?<!\bper\s)(?<!\beach\s)(?<!\bevery\s)(?<!\blast\s)(?<!\bprevious\s)(?<!\bprior\s)\b)(?:(?P<rel>this|next|current)\s+)?(?:school|academic)\s+year\b",
        resolve=_school_end,
        examples={
            "Raise attendance to 95% by the end of the school year": "deadline 2026-06-30",
            "Train all tutors by the end of next academic year": "deadline 2027-06-30",
        },
    ),
    TimePattern(
        name="season",
        gate=("spring", "summer", "fall", "autumn", "winter"),
        pattern=r"(?:(?P<lead>(?:(?:at|by|before|till|until)\s+)?(?:the\s+)?(?:end|close)\s+of\s+(?:the\s+)?|\b(?:by|before|until|till|in|during|through|throughout)\s+(?:the\s+)?)(?:(?P<rel>this|next|coming)\s+)?)?\b(?P<s>spring|summer|fall|autumn|winter)\b(?!\s+(?:term|semester|session|intake|break|camp|school)\b)(?:(?:\s+(?:of\s+)?(?P<y>{YEAR}))(?:\s?[/-]\s?(?P<y2>\d{4}|\d{2}))?)?",
        resolve=lambda m, ctx: _season(m, ctx) if (m["y"] or m["lead"] or m["rel"]) else None,
        examples={
            "Cut churn to 5% by spring 2027": "deadline 2027-05-31",
            "Cut churn to 5% by spring 2020": "deadline 2020-05-31",
            "Open two clinics by summer": "deadline 2026-08-31",
            "Finish the pilot by the end of next winter": "deadline 2027-02-28",
            "Reopen the lodge in winter 2026/27": "deadline 2027-02-28",
        },
        leaves=(
            "Reduce falls in wards by 30%",
            "Win the Spring Fair award",
            "Hit 95% by winter term",
            "Improve summer camp enrolment to 200",
        ),
    ),
    TimePattern(
        name="relative-month",
        gate=_MONTH_WORDS,
        pattern=r"\b(?:by|before|until|till|in)\s+(?:(?P<rel>next|this|coming)\s+(?P<m>{MONTH})\b|(?P<m2>{MONTH})\s+(?P<rel2>next|this)\s+year\b)",
        resolve=_relative_month,
        examples={
            "Cut DSO to 45 days by next March": "deadline 2027-03-31",
            "Cut DSO to 45 days by March next year": "deadline 2027-03-31",
            "Cut DSO to 45 days by this June": "deadline 2026-06-30",
        },
    ),
    TimePattern(
        name="month-year",
        gate=_MONTH_WORDS,
        pattern=r"(?:\b(?P<part>early|mid|end|late)[-\s]?)?\b(?P<m>{MONTH})(?:[\s,'’-]+(?P<y>{YEAR}|'\d{2}|’\d{2})|(?<=[A-Za-z])(?P<y2>{YEAR}|\d{2}))\b(?:[-\s]end\b)?",
        resolve=_month_year,
        examples={
            "Train 200 staff by end-March 2027": "deadline 2027-03-31",
            "Train 200 staff by mid-March 2027": "deadline 2027-03-15",
            "Achieve ₹10 lakh monthly revenue by March 2027": "deadline 2027-03-31",
            "Go live by Dec '26": "deadline 2026-12-31",
            "Go live by Mar26": "deadline 2026-03-31",
        },
    ),
    TimePattern(
        name="n-unit-period",
        gate=("period", "window", "timeframe", "time", "span", "stretch"),
        pattern=r"(?P<lead>\b(?:over|in|within|during|across)\s+(?:an?|the|one)\s+)(?P<n>{NUM})[-\s](?P<u>{UNIT})\s+(?:period|window|timeframe|time\s*frame|time\s+span|span|stretch)\b",
        resolve=_window,
        examples={
            "Grow the email list to 20,000 over a 6-month period": "window 6 months",
            "Cut rework 15% in a 90-day window": "window 90 days",
        },
    ),
    TimePattern(
        name="numbered-stage",
        gate=("year", "phase", "wave", "stage", "month", "day", "cohort"),
        pattern=r"\b(?:in|by|during|within|before|until|(?:by\s+)?(?:the\s+)?end\s+of)\s+(?:the\s+)?(?P<event>(?:year|phase|wave|stage|month|day|cohort)\s+(?:\d{1,2}|one|two|three|four|five|I{1,3}|IV|V))\b(?!\s*(?:[-–/,]\s*\d|of\b))",
        resolve=_anchor,
        examples={
            "Reduce no-shows to 5% in Year 1": "deadline year 1 (no date)",
            "Onboard 12 hospitals by Phase 2": "deadline phase 2 (no date)",
            "Reach 80% adoption by the end of month 6": "deadline month 6 (no date)",
        },
        leaves=("Grow sales in year 2026", "Day 1 readiness"),
    ),
    TimePattern(
        name="window",
        gate=(
            "within",
            "next",
            "coming",
            "over",
            "in ",
            "for ",
            "during",
            "following",
            "inside",
            "timeline",
            "timeframe",
            "frame",
        ),
        pattern=r"(?P<lead>\b(?:within|in|over|during|for)\s+(?:the\s+)?(?:next|coming|following|first)\s+|\bwithin\s+(?:the\s+|an?\s+(?=\w+\b))?|\b(?:next|coming)\s+(?=\d|{NUM}\s)|\bover\s+(?:the\s+)?(?=\d|{NUM}\s)|\bin\s+(?=\d|{NUM}\s)|\b(?:inside(?:\s+of)?|in\s+(?:under|less\s+than|no\s+more\s+than|not\s+more\s+than))\s+(?:the\s+next\s+)?(?=\d|{NUM}\s)|\bin\s+an?\s+(?=fortnight\b)|\bfor\s+(?=(?:\d+|{NUM})\s+consecutive\s)|\b(?:time\s*line|time\s*frame)\s*[:=–-]?\s*(?:within\s+|of\s+)?(?=\d|{NUM}\s))(?P<n>{NUM}\s+)?(?:consecutive\s+|more\s+|full\s+)?(?P<u>business\s+days?|working\s+days?|{UNIT})\b(?!\s+of\s+(?:every|each)\b)(?:['’]?\s+time\b)?",
        resolve=_window,
        examples={
            "Close 95% of audit points within 30 days": "window 30 days",
            "Fix 90% of P1 bugs within a week": "window 1 weeks",
            "Answer 95% of claims within 2 working days": "window 2 business days",
            "Raise attendance within the next semester": "window 1 semesters",
            "Lift velocity 10% over the next three sprints": "window 3 sprints",
            "Lift velocity 10 points over three consecutive sprints": "window 3 sprints",
            "Zero bloodstream infections for 12 consecutive months": "window 12 months",
            "Grow donors by 15% in six months": "window 6 months",
            "Hold variance under 10% over six months": "window 6 months",
            "Cut DSO to 45 days in a fortnight": "window 1 fortnights",
            "Cut DSO to 45 days in 12 months' time": "window 12 months",
            "Cut attrition to 10% over the next two school years": "window 2 years",
            "Cut DSO to 45 days within 6 mths": "window 6 months",
            "Cut DSO to 45 days in 2 qtrs": "window 2 quarters",
            "Cut DSO to 45 days in under 6 months": "window 6 months",
            "Cut DSO to 45 days inside 3 yrs": "window 3 years",
            "Pay 95% of invoices within 30 days of receipt": "window 30 days (service)",
            "Reduce backlog to 50 | Timeline: 3 months": "window 3 months",
        },
        leaves=(
            "Clear vendor bills in the first fortnight of every month",
            "Inventory aged over 180 days under 2%",
            "Make 300 calls in a month",
            "Resolve complaints in the last 3 months",
        ),
    ),
    TimePattern(
        name="this-time-next",
        gate=("time",),
        pattern=r"(?P<lead>\b(?:by|before|until|till)\s+)?\bthis\s+time\s+next\s+(?P<u>year|month|week|quarter)\b",
        resolve=_this_time_next,
        examples={"Cut DSO to 45 days by this time next year": "window 1 years"},
    ),
    TimePattern(
        name="the-period",
        gate=("during", "throughout", "over", "within", "through", "upcoming", "for", "in the "),
        pattern=r"\b(?:during|throughout|over\s+the\s+course\s+of|(?:for|through|over)\s+the\s+rest\s+of|over|within|through|in|for(?=\s+the\s+(?:current\s+)?(?:quarter|month|week)\b))\s+the\s+(?P<rel>upcoming\s+|current\s+|)(?:(?P<fiscal>fiscal|financial)\s+|calendar\s+)?(?P<what>year|quarter|qtr|month|mth|week)\b(?!\s+(?:of|to|before|after|ago|on|ending|ended)\b)",
        resolve=_this_period,
        examples={
            "Keep compliance at 95% throughout the year": "deadline 2026-12-31",
            "Book 40 demos during the quarter": "deadline 2026-03-31",
            "Book 40 demos in the upcoming quarter": "deadline 2026-06-30",
            "Keep P1 incidents at zero for the quarter": "deadline 2026-03-31",
            "Zero lost-time injuries in the year": "deadline 2026-12-31",
            "Lift trial-to-paid conversion to 12% in the current qtr": "deadline 2026-03-31",
            "Keep p95 latency under 300 ms for the rest of the quarter": "deadline 2026-03-31",
        },
        leaves=("Best month of the year",),
    ),
    TimePattern(
        name="relative-period",
        gate=("this", "current", "next", "coming", "new", "following"),
        pattern=r"\b(?P<rel>this|current|next|coming|new|following)\s+(?:(?:(?P<fiscal>fiscal|financial)\s+|calendar\s+)?(?P<what>year|fy|quarter|month|week|half)\b|(?P<fiscal_only>fiscal)\b(?!\s+(?:year|quarter|half|month)\b))(?:[-\s]end\b)?",
        resolve=_relative,
        examples={
            "Cut spend by 10% this year": "deadline 2026-12-31",
            "Cut spend by 10% by next quarter": "deadline 2026-06-30",
            "Close 30 deals this month": "deadline 2026-01-31",
            "Cut spend 5% this fiscal year": "deadline 2026-03-31",
            "Cut spend 5% in this fiscal": "deadline 2026-03-31",
            "Cut spend 5% by next fiscal": "deadline 2027-03-31",
        },
    ),
    TimePattern(
        name="period-end",
        gate=("end", "close", "eoy", "eom", "eoq", "eow", "ye", "eofy", "fye", "e.o."),
        pattern=r"\b(?:(?P<yy>{YEAR})\s+)?(?P<fiscal>fiscal\s+|financial\s+)?(?P<what>year|month|quarter|week|fy)[-\s]end\b(?![-\s]+(?:close|closing|closure|process|stock|inventory|review|report|reporting|books|audit|count|write|sales?|bonus|party|function|rush|adjustments?|entries|provisions?)\b)|(?<![A-Za-z.])(?P<abbr>E\.O\.[YMQW]\.?|EOY|EOM|EOQ|EOW|EOFY|FYE|YE)(?![A-Za-z])|\bend[-\s](?P<what3>FY|year|quarter|month)\b(?![-–/\s]*\d)|(?:(?:at|by|before|till|until|to)\s+)?(?:the\s+)?(?:end|close)\s+of\s+(?:the\s+)?(?:(?:(?P<fiscal2>fiscal|financial)\s+|calendar\s+)?(?P<what2>year|month|quarter|qtr|week|half|fy)|(?P<fiscal3>fiscal)(?!\s+(?:year|quarter|half|month)\b))\b",
        resolve=_period_end,
        examples={
            "Clear the backlog by year-end": "deadline 2026-12-31",
            "Clear the backlog by EOY": "deadline 2026-12-31",
            "Close the books by EOM": "deadline 2026-01-31",
            "Ship the fix by EOQ": "deadline 2026-03-31",
            "Clear the backlog by the end of the calendar year": "deadline 2026-12-31",
            "Clear the backlog by the end of the fiscal year": "deadline 2026-03-31",
            "Clear the backlog by FY end": "deadline 2026-03-31",
            "Cut infections by 50% by the 2027 year end": "deadline 2027-12-31",
            "Clear the backlog by the close of the financial year": "deadline 2026-03-31",
            "Reduce DSO from 75 to 55 days by end FY": "deadline 2026-03-31",
            "Clear the backlog by E.O.Y.": "deadline 2026-12-31",
            "Attain 12% RoE at the end of the fiscal": "deadline 2026-03-31",
            "Hit ₹40 lakh by end of Qtr": "deadline 2026-03-31",
        },
        leaves=(
            "Cut the month-end close to 5 days",
            "Reduce year-end stock write-offs",
            "Close the month-end in 5 days",
        ),
    ),
    TimePattern(
        name="month",
        gate=_MONTH_WORDS,
        pattern=r"(?P<lead>(?:(?:at|by|before|till|until|to)\s+)?(?:the\s+)?(?:end|close)\s+of\s+(?:the\s+)?|\b(?:by|before|until|till|in|during)\s+(?:the\s+month\s+of\s+)?(?:(?P<part>early|mid|end|late)-?\s*)?)(?P<m>{MONTH})\b(?!\s*\d)(?!\s+(?:next|this)\s+year\b)(?:[-\s]end\b)?",
        resolve=_bare_month,
        examples={
            "Cut waste 10% by June": "deadline 2026-06-30",
            "Cut waste 10% by the end of September": "deadline 2026-09-30",
            "Run the survey in November": "deadline 2026-11-30",
            "Run the survey by mid-November": "deadline 2026-11-15",
            "Book 30 meetings in the month of April": "deadline 2026-04-30",
        },
        leaves=(
            "Targets may be revised by may",
            "Mar the record by 2 points",
        ),
    ),
    TimePattern(
        name="mid-or-end-of-year",
        gate=("mid", "end-", "end ", "middle", "early", "late"),
        pattern=r"\b(?P<what>mid|middle\s+of|end|close\s+of|early|late)[-\s](?:the\s+)?(?:(?P<y>{YEAR})|(?P<rel>this|next)?\s*year)\b(?![-–/]\d)(?!\s+(?:review|appraisal|evaluation|assessment)\b)",
        resolve=_mid_year,
        examples={
            "Cut churn to 3% by mid-2027": "deadline 2027-06-30",
            "Cut churn to 3% by end-2027": "deadline 2027-12-31",
            "Cut churn to 3% by mid-year": "deadline 2026-06-30",
            "Cut churn to 3% by late 2027": "deadline 2027-12-31",
            "Cut churn to 3% by early 2027": "deadline 2027-03-31",
        },
    ),
    TimePattern(
        name="week-number",
        gate=("week", "wk"),
        pattern=r"(?P<lead>\b(?:by|before|until|till|in|during|end\s+of)\s+)(?:the\s+)?(?:week|wk)\s*(?P<n>\d{1,2})\b(?:\s+(?:of\s+)?(?P<y>{YEAR}))?",
        resolve=_week_number,
        examples={"Ship 95% of orders on time by week 12": "deadline 2026-03-22"},
    ),
    TimePattern(
        name="year",
        gate=("19", "20"),
        pattern=r"(?P<lead>\b(?:by|before|until|till|in)\s+the\s+year\s+)?(?P<cy>\bC\.?Y\.?\s?|\bcalendar\s+year\s+)?(?<![\d.,/])(?P<y>{YEAR})\b(?!\s*[-–/]\s*\d)(?!\s+(?:fiscal\s+|financial\s+)?year[-\s]end)(?P<cyt>\s+calendar\s+year\b)?",
        resolve=_year_deadline,
        examples={
            "Cut emissions 30% by 2030": "deadline 2030-12-31",
            "Cut infections by 50% for 2027": "deadline 2027-12-31",
            "Cut infections by 50% in CY2027": "deadline 2027-12-31",
            "Cut infections by 50% by the year 2028": "deadline 2028-12-31",
            "Sales of ₹5 crore in the 2027 calendar year": "deadline 2027-12-31",
            "CSAT 97% (2027 calendar year)": "deadline 2027-12-31",
            "Stunting | Baseline (2024): 38% | Target (2027): 32%": "deadline 2027-12-31",
        },
    ),
    TimePattern(
        name="calendar-year-short",
        gate=("cy", "c.y"),
        pattern=r"\bC\.?Y\.?\s?'?(?P<y>\d{2})\b(?!\s*[-–/]\s*\d)",
        resolve=lambda m, ctx: _deadline(
            str(2000 + int(m["y"])),
            (dt.date(2000 + int(m["y"]), 1, 1), dt.date(2000 + int(m["y"]), 12, 31)),
            "year",
        ),
        examples={
            "Grow ARR 20% in CY26": "deadline 2026-12-31",
            "Grow ARR 20% by CY'27": "deadline 2027-12-31",
        },
    ),
    TimePattern(
        name="event-anchor",
        gate=(
            "review",
            "appraisal",
            "evaluation",
            "audit",
            "inspection",
            "assessment",
            "launch",
            "go-live",
            "go live",
            "renewal",
            "accreditation",
            "board meeting",
            "term",
            "semester",
            "agm",
            "survey",
            "census",
            "exam",
            "exams",
            "visit",
            "election",
            "rollout",
            "roll",
            "cutover",
            "cut",
            "handover",
            "hand",
            "release",
            "migration",
            "pilot",
            "project",
            "probation",
            "contract",
            "programme",
            "program",
            "engagement",
            "season",
            "campaign",
            "sprint",
            "pi",
        ),
        pattern=r"\b(?:by|before|until|till|at|ahead\s+of|prior\s+to|in\s+time\s+for|in(?=\s+(?:the\s+)?(?:next|upcoming|coming)\s))\s+(?:the\s+)?(?:(?:my|our|his|her|their|your|the)\s+)?(?P<event>(?:(?:next|upcoming|coming|first|annual|mid-?year|year-?end|quarterly|final|external|statutory)\s+)*(?:[A-Z]{2,6}\s+)?(?:performance\s+|pulse\s+|engagement\s+|staff\s+|employee\s+|customer\s+)?(?:review|appraisal|evaluation|audit|inspection|assessment|launch|go-?\s?live|renewal|accreditation|board\s+meeting|AGM|survey|census|exams?|board\s+exams?|site\s+visit|election|roll-?\s?out|cut-?\s?over|handover|hand-over|release|migration)|(?:end|close)\s+of\s+(?:the\s+)?(?:this\s+|next\s+|current\s+|{ORD}\s+)?(?:school\s+|academic\s+)?(?:term|semester|trimester|pilot|project|probation|probation\s+period|contract|programme|program|engagement|season|campaign)|(?:school\s+|academic\s+)?(?:term|semester|trimester|pilot|project|probation|contract|programme|program|campaign)[-\s]end|sprint\s+\d{1,3}|(?:PI|release)\s+\d{1,2}(?:\.\d{1,2})?)\b(?!\s+(?:committee|team|department|dept|board|panel|head|manager|lead|officer|function|cell|firm|partner|staff)\b)",
        resolve=_anchor,
        examples={
            "Complete 20 contact hours by my next review": "deadline next review (no date)",
            "Close every finding before the next audit": "deadline next audit (no date)",
            "Log 20 CPD hours by next evaluation": "deadline next evaluation (no date)",
            "Engineering eNPS above 30 in the next pulse survey": (
                "deadline next pulse survey (no date)"
            ),
            "Raise the pass rate to 85% by the end of term": "deadline end of term (no date)",
            "Cut DSO to 45 days by the end of the pilot": "deadline end of the pilot (no date)",
            "By the end of the first semester, absences drop to 10%": (
                "deadline end of the first semester (no date)"
            ),
            "Cut open defects to 10 by sprint 12": "deadline sprint 12 (no date)",
            "Migrate 90% of users before the cutover": "deadline cutover (no date)",
            "Fix every P1 finding before the statutory audit": "deadline statutory audit (no date)",
            "Raise staff engagement to 75% by the next survey": "deadline next survey (no date)",
            "Close findings by the next NABH inspection": "deadline next nabh inspection (no date)",
            "Cover 100% of the syllabus before the board exams": "deadline board exams (no date)",
            "Raise the pass rate to 90% by term end": "deadline term end (no date)",
        },
        leaves=("Review 40 contracts a month",),
    ),
    TimePattern(
        name="this-term",
        gate=("term", "semester", "trimester", "session", "sem"),
        pattern=r"\b(?P<event>(?:this|next|current|coming|the\s+current|the\s+next|the\s+coming)\s+(?:school\s+|academic\s+)?(?:term|semester|trimester|sem|session))\b",
        resolve=_anchor,
        examples={
            "Cut late submissions to 5% this semester": "deadline this semester (no date)",
            "Raise reading scores 10% next term": "deadline next term (no date)",
        },
        leaves=("Semester results",),
    ),
    TimePattern(
        name="festival-or-season",
        gate=(
            "christmas",
            "xmas",
            "diwali",
            "deepavali",
            "holi",
            "eid",
            "onam",
            "pongal",
            "easter",
            "thanksgiving",
            "monsoon",
            "festive",
            "peak",
            "holiday",
            "ramadan",
            "dussehra",
            "navratri",
            "hanukkah",
            "annual",
            "sports",
            "founders",
            "black",
            "cyber",
            "boxing",
            "sowing",
            "harvest",
            "convocation",
            "graduation",
            "ptm",
            "parent",
            "kharif",
            "rabi",
        ),
        pattern=r"\b(?:by|before|until|till|ahead\s+of|prior\s+to|in\s+time\s+for)\s+(?:the\s+)?(?:(?:this|next|coming|upcoming)\s+)?(?P<event>christmas|xmas|diwali|deepavali|holi|eid(?:\s+ul[-\s]fitr)?|onam|pongal|easter|thanksgiving|ramadan|dussehra|navratri|hanukkah|(?:the\s+)?monsoon|(?:festive|peak|holiday|busy)\s+season|annual\s+(?:day|function|sports\s+day)|sports\s+day|founders[’']?\s+day|black\s+friday|cyber\s+monday|boxing\s+day|(?:(?:kharif|rabi)\s+)?(?:sowing|harvest)(?:\s+season)?|(?:kharif|rabi)(?:\s+season)?|convocation|graduation(?:\s+day)?|PTM|parent[-\s]teacher\s+(?:meeting|conference))\b",
        resolve=_festival,
        examples={
            "Cut DSO to 45 days by Christmas": "deadline 2026-12-25",
            "Stock 100% of festive SKUs before Diwali": "deadline diwali (no date)",
            "Clear 95% of drains before the monsoon": "deadline monsoon (no date)",
            "Hire 40 seasonal pickers ahead of peak season": "deadline peak season (no date)",
            "Recruit 10 volunteers before the annual day": "deadline annual day (no date)",
            "Cut CPA from $42 to $30 before Black Friday": "deadline black friday (no date)",
            "Test 100% of seed lots before Rabi sowing": "deadline rabi sowing (no date)",
            "Placement rate 85% by convocation": "deadline convocation (no date)",
            "Halve late arrivals before the next PTM": "deadline ptm (no date)",
        },
        leaves=("Christmas sales up 10%",),
    ),
    TimePattern(
        name="crop-season",
        gate=("kharif", "rabi", "zaid"),
        pattern=r"(?P<lead>\b(?:for|in|during|through|throughout|over|by|before|till|until)\s+(?:the\s+)?(?:(?:this|next|coming|upcoming)\s+)?)(?P<event>(?:kharif|rabi|zaid)(?:\s+season)?(?:\s+(?:{YEAR}|\d{2}))?(?:\s?[-–/]\s?\d{2,4})?)\b",
        resolve=_festival,
        examples={
            "Sell 4,500 quintals of seed for Kharif 2026": "deadline kharif 2026 (no date)",
            "Cover 300 villages during the rabi season": "deadline rabi season (no date)",
        },
        leaves=("Kharif sales up 10%",),
    ),
    TimePattern(
        name="per-month-or-annum-abbreviation",
        gate=("pm", "pa", "p.m", "p.a", "p. m", "p. a"),
        pattern=r"(?<![A-Za-z])(?P<c>p\.\s?m\.?|pm|p\.\s?a\.?|pa)(?![A-Za-z])",
        resolve=_per_abbreviation,
        examples={
            "Collect ₹5 lakh p.m. in fees": "cadence monthly",
            "Collect Rs 5 lakh pm": "cadence monthly",
            "Grow revenue 10% pa": "cadence annual",
            "Salary cost under 40k p.m.": "cadence monthly",
            "Training: 40 hrs PA per employee": "cadence annual",
            "Resolve 300 tickets PM per agent": "cadence monthly",
            "Each BDE to close 4 new logos P.M.": "cadence monthly",
        },
        leaves=(
            "Open the store at 5 pm",
            "Staff the desk 9 a.m. to 6 p.m.",
            "Hire a PA",
            "Meet 3 clients before 5 pm",
        ),
    ),
    TimePattern(
        name="every-weekday",
        gate=tuple(
            f"{d}day{s}"
            for d in ("mon", "tues", "wednes", "thurs", "fri", "satur", "sun")
            for s in ("", "s")
        ),
        pattern=r"\b(?:every|each)\s+(?P<d>monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b|\b(?:on\s+)?(?P<d2>monday|tuesday|wednesday|thursday|friday|saturday|sunday)s\b",
        resolve=lambda m, ctx: _cadence("weekly", f"every {(m['d'] or m['d2']).title()}"),
        examples={
            "Publish 4 posts every Monday": "cadence weekly",
            "Send the pipeline report on Fridays": "cadence weekly",
        },
        leaves=("Go live on Monday",),
    ),
    TimePattern(
        name="placeholder",
        gate=("by", "before", "until", "till"),
        pattern=r"\b(?:by|before|until|till)\s+(?P<ph>\([^()]{1,20}\)|\[[^\[\]]{1,20}\]|<[^<>]{1,20}>|dd[/.-]mm[/.-]yy(?:yy)?|mm[/.-]yy(?:yy)?|xx+)",
        resolve=_placeholder,
        examples={"Grow sales 10% by [date]": "deadline [date] (no date)"},
    ),
    # cadences: after the deadlines, so "end of the month" is read as a deadline above
    TimePattern(
        name="compared-with-last",
        gate=("last", "previous", "prior", "preceding"),
        pattern=r"\b(?:from|than|since|over|vs\.?|versus|compared\s+(?:to|with)|against|on)\s+(?:the\s+)?(?:same\s+\w+\s+)?(?:last|previous|prior|preceding)\s+(?:financial\s+|fiscal\s+)?(?P<g>year|quarter|month|week|day|fiscal|fy)\b",
        resolve=_compared,
        examples={
            "Grow gift basket sales 10% (from last year)": "cadence annual",
            "Cut agency spend by 50% from the previous year": "cadence annual",
            "Lift repeat orders 5% over the prior quarter": "cadence quarterly",
        },
    ),
    TimePattern(
        name="period-over-period",
        gate=("over", " on ", "after", "by", "to"),
        pattern=r"\b(?P<g>day|week|month|quarter|year)[-\s](?:over|on|after|by|to)[-\s](?:the\s+)?(?:previous\s+|prior\s+|last\s+)?(?P=g)\b",
        resolve=_each,
        examples={
            "Grow MRR 5% month over month": "cadence monthly",
            "Grow bookings 8% quarter on quarter": "cadence quarterly",
            "Hold CSAT at 90% month after month": "cadence monthly",
            "Lift sales 2% week by week": "cadence weekly",
        },
    ),
    TimePattern(
        name="period-over-period-short",
        gate=(
            "yr",
            "qtr",
            "mth",
            "mnth",
            "wk",
            "y.o",
            "q.o",
            "m.o",
            "w.o",
            "d.o",
            "mom",
            "wow",
            "hoh",
        ),
        pattern=r"(?i:\b(?P<a>yr|qtr|mth|mnth|wk)[-\s]?(?:on|over|o)[-\s]?(?P=a)\b|\b(?P<d>[ydqmw])\.\s?o\.\s?(?P=d)\b\.?)|(?:(?<=\d)|(?<=%))\s?(?P<c>MOM|WOW|QOQ|YOY)\b",
        resolve=_short_over,
        examples={
            "Grow users 15% yr-on-yr": "cadence annual",
            "Grow users 15% qtr on qtr": "cadence quarterly",
            "Grow users 15% y.o.y.": "cadence annual",
            "Grow users 15% Yr-on-Yr": "cadence annual",
            "Grow users 15% Y.o.Y": "cadence annual",
            "Grow users 15% MOM": "cadence monthly",
            "Grow users 15% WOW": "cadence weekly",
        },
        leaves=("Share the MOM within 24 hours", "WOW moments for every guest"),
        case_sensitive=True,
    ),
    TimePattern(
        name="lookback-window",
        gate=("last", "past", "previous", "trailing", "preceding"),
        pattern=r"\b(?:over|in|for|during|across|within)\s+(?:the\s+)?(?:last|past|previous|trailing|preceding)\s+(?P<n>\d{1,3}|twelve|six|three)[-\s](?P<u>days?|weeks?|months?)\b(?!\s+of\b)",
        resolve=_rolling,
        examples={
            "Keep uptime above 99.9% over the last 12 months": "cadence annual",
            "Hold churn under 2% in the past 30 days": "cadence monthly",
        },
    ),
    TimePattern(
        name="rolling-window",
        gate=("rolling", "avg", "average", "moving", "trailing"),
        pattern=r"\b(?:(?:rolling|trailing|moving)\s+(?P<n2>\d{1,3}|three|six|twelve|seven|thirty|ninety)[-\s](?P<u2>days?|weeks?|months?)\b|(?P<n>\d{1,3}|three|six|twelve|seven|thirty|ninety)[-\s](?P<u>days?|weeks?|months?)\s+(?:rolling|trailing|moving)?\s*(?:avg\.?|average|mean|rolling|window)?)",
        resolve=lambda m, ctx: (
            _rolling(m, ctx)
            if re.search(r"(?i)rolling|trailing|moving|avg|average|mean|window", m.group())
            else None
        ),
        examples={
            "Keep a 7-day avg. rating of 4.5/5": "cadence weekly",
            "Hold the 30-day rolling churn under 2%": "cadence monthly",
            "Rolling 12-month attrition below 15%": "cadence annual",
        },
        leaves=(
            "Keep a 5-week rolling average",
            "Cut 7-day readmissions by 10%",
        ),
    ),
    TimePattern(
        name="to-date",
        gate=("ytd", "qtd", "mtd", "wtd", "fytd", "date"),
        pattern=r"\b(?:(?P<abbr>F?[YQMW]TD)|(?P<g>year|quarter|month|week)[-\s]to[-\s]date)\b",
        resolve=lambda m, ctx: _cadence(
            _GRAIN_CADENCE[
                m["g"].lower()
                if m["g"]
                else {"Y": "year", "Q": "quarter", "M": "month", "W": "week"}[m["abbr"][-3].upper()]
            ],
            m.group(),
        ),
        examples={
            "Hold YTD attrition under 8%": "cadence annual",
            "Keep month-to-date spend under budget": "cadence monthly",
            "Hit 95% FYTD collections": "cadence annual",
        },
    ),
    TimePattern(
        name="for-the-year",
        gate=("year",),
        pattern=r"\bfor\s+the\s+(?:full\s+|whole\s+|entire\s+)?(?:(?:financial|fiscal|calendar)\s+)?year\b(?![-\s]+(?:ending|ended|ends|end|to|of|till|until|starting|beginning|from|on|before|after|ago|\d|'))",
        resolve=lambda m, ctx: _cadence("annual", m.group()),
        examples={
            "Achieve 95% attendance for the year": "cadence annual",
            "Hold opex at ₹3 crore for the full financial year": "cadence annual",
        },
        leaves=("Grow margin to 18% for the year ending March 2027",),
    ),
    TimePattern(
        name="every-other-period",
        gate=("other", "alternate"),
        pattern=r"\b(?:(?:on\s+)?(?:every|each)\s+(?:other|alternate)|on\s+alternate)\s+(?P<g>day|week|month|quarter|year)s?\b",
        resolve=_each_other,
        examples={
            "Water the plants every alternate day": "cadence daily",
            "Run a backup every other day": "cadence daily",
            "Restock the kiosk on alternate weeks": "cadence weekly",
            "Audit petty cash every other month": "cadence monthly",
        },
        leaves=("Renew the licence every other year",),
    ),
    TimePattern(
        name="half-yearly",
        gate=(
            "half",
            "semi",
            "semiannual",
            "semiannually",
            "biannual",
            "biannually",
            "bi",
            "six",
            "months",
            "monthly",
            "hoh",
            "h-o-h",
        ),
        pattern=r"\b(?:(?:on\s+an?\s+)?(?:half[-\s]?yearly|semi[-\s]?annual(?:ly)?|bi[-\s]?annual(?:ly)?|(?:six|6)[-\s]?monthly)(?:\s+basis)?|H-?o-?H|half[-\s](?:on|over)[-\s]half|(?:every|each|per|once\s+(?:a|every|in))\s+(?:half[-\s]?year|half|six\s+months|6\s+months))\b",
        resolve=lambda m, ctx: _cadence(_LEX["half_yearly_grain"], m.group()),
        examples={
            "Conduct appraisals half-yearly": "cadence quarterly",
            "Hold a semi-annual review with every dealer": "cadence quarterly",
            "Review 100% of contracts bi-annually": "cadence quarterly",
            "Grow revenue 10% HoH": "cadence quarterly",
            "Audit all sites every six months": "cadence quarterly",
            "Refresh the risk register six-monthly": "cadence quarterly",
        },
        leaves=("Cut the backlog by half", "Twice a year, audit 10 sites"),
    ),
    TimePattern(
        name="every-n-units",
        gate=("every", "each"),
        pattern=r"\b(?:once\s+)?(?:every|each)\s+(?P<n>{NUM})[-\s](?P<u>days?|weeks?|wks?|months?|mths?|mnths?|mos?|quarters?|qtrs?|years?|yrs?)\b",
        resolve=_every_n,
        examples={
            "Reduce stockouts every 3 mths": "cadence quarterly",
            "Rotate the stock every 7 days": "cadence weekly",
            "Review the plan every 12 months": "cadence annual",
            "Service each pump every 2 quarters": "cadence quarterly",
        },
        leaves=("Service each pump every 5 weeks",),
    ),
    TimePattern(
        name="last-n-abbreviation",
        gate=(),
        pattern=r"\b[LRT](?P<n>\d{1,3})(?P<u>[DWM])\b",
        resolve=lambda m, ctx: _rolling_n(int(m["n"]), m["u"].upper()),
        examples={
            "Attrition L12M below 15%": "cadence annual",
            "Keep DSO below 45 days (L3M)": "cadence quarterly",
            "Hold churn under 2% on an L30D basis": "cadence monthly",
        },
        leaves=("Hire 2 L3 engineers", "Ship the T20M model"),
        case_sensitive=True,
    ),
    TimePattern(
        name="fortnightly",
        gate=(
            "fortnight",
            "fortnightly",
            "biweekly",
            "bi-weekly",
            "two weeks",
            "2 weeks",
            "other week",
        ),
        pattern=r"\b(?:fortnightly|bi-?weekly|(?:every|each|per|once\s+a)\s+(?:fortnight|two\s+weeks|2\s+weeks|other\s+week))\b",
        resolve=_fortnightly,
        examples={
            "Hold fortnightly 1:1s with 100% of reports": "cadence weekly",
            "Publish a biweekly newsletter": "cadence weekly",
        },
    ),
    TimePattern(
        name="times-a-period",
        gate=("twice", "times", "thrice", "once"),
        pattern=r"\b(?:once|twice|thrice|\d+\s+times|(?:two|three|four|five)\s+times)\s+(?:a|an|per|each|every)\s+(?P<g>day|week|month|quarter|year)\b",
        resolve=_twice,
        examples={"Run safety drills twice a month": "cadence monthly"},
    ),
    TimePattern(
        name="per-event",
        gate=("shift", "sprint", "annum", "morning", "evening", "night"),
        pattern=r"(?:\b(?:per|each|every|a|an)\s+(?:\d{1,2}[-\s]?(?:hr|hour)s?\s+)?|/\s*)(?P<g>shift|sprint|annum)\b|\b(?:each|every)\s+(?P<g2>morning|evening|night)\b",
        resolve=_each,
        examples={
            "Zero safety incidents per shift": "cadence daily",
            "Hold one toolbox talk every morning": "cadence daily",
            "Verify 350 prescriptions per 12-hr shift": "cadence daily",
            "Close 30 story points each sprint": "cadence weekly",
            "48 training hours/annum per worker": "cadence annual",
        },
    ),
)


PATTERNS = (
    *PATTERNS,
    TimePattern(
        name="cadence-word",
        gate=(
            "/",
            *{(re.findall(r"[a-z]+", w.lower()) or [w])[-1] for w in _CADENCE_WORDS},
        ),  # "मासिक" whole
        pattern=r"(?:(?<![A-Za-z])|(?=/))(?:(?i:on\s+an?\s+))?(?P<c>"
        + alt(_CADENCE_ABBR)
        + f"|(?i:{alt(w for w in _CADENCE_WORDS if w not in _CADENCE_ABBR)})".replace(
            "/", r"/\s?"
        ).replace("\\ ", r"\s+")
        + r")(?:(?i:\s+basis))?(?![A-Za-z])",
        resolve=_cadence_word,
        examples={
            "Make 60 calls a day": "cadence daily",
            "Post 3 updates per week": "cadence weekly",
            "Achieve ₹10 lakh monthly revenue": "cadence monthly",
            "Publish 8 case studies a quarter": "cadence quarterly",
            "Grow sales 10% YoY": "cadence annual",
            "Grow repeat orders +9% y/y": "cadence annual",
            "Review stock on a monthly basis": "cadence monthly",
            "Clear 100% of dockets by EOD": "cadence daily",
            "Publish 6 papers per academic year": "cadence annual",
            "Audit 12 files per FY": "cadence annual",
            "Run 4 campaigns every financial quarter": "cadence quarterly",
            "Close 40 deals a quarter": "cadence quarterly",
            "Close 40 tickets / month": "cadence monthly",
            "Run 2 fire drills qtrly": "cadence quarterly",
            "Publish 4 posts per wk": "cadence weekly",
            "Stockouts har mahine 2 se kam": "cadence monthly",
            "Complaints saal mein 12 se kam": "cadence annual",
            "मासिक बिक्री ₹5 लाख तक": "cadence monthly",
            "Patient falls less then 2 per mnth": "cadence monthly",
            "Visit 12 stores mnthly": "cadence monthly",
            "Make 60 calls per working day": "cadence daily",
            "Keep attrition under 12% TTM": "cadence annual",
        },
        leaves=(
            "Cut paper use by a quarter across all branches",
            "Keep the store open 7 days a week with 98% availability",
        ),
        case_sensitive=True,
    ),
    TimePattern(
        name="misspelt-cadence-word",
        gate=(),
        pattern=r"\b(?<!-)(?P<c>(?:da|we|bi|fo|mo|qu|ye|an)[a-z]{1,12}y|an+u+a+l|annaul)\b",
        resolve=_misspelt_cadence,
        examples={
            "Submit 3 audit reports quaterly": "cadence quarterly",
            "Publish 5 posts weekely": "cadence weekly",
            "Review targets anualy": "cadence annual",
            "Send the MIS montlhy": "cadence monthly",
            "Hold 1:1s fortnighly": "cadence weekly",
            "Submit an anual report": "cadence annual",
        },
        leaves=(
            "Reach 90% early",
            "Cut defects nearly in half",
            "Process invoices manually",
            "Cut dairy waste 10%",
            "Keep scores mostly above 80",
            "Do not dally on returns",
            "Teams weakly aligned",
        ),
    ),
)
