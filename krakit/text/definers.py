"""Numbers that name the metric rather than its target, and the noun a bare number counts.

"Close W-4 forms" (a code), "Grow 2026 annual revenue" (a year), "Guest rating 4.6 out of 5"
(a scale), "Falls per 1,000 bed days" (a denominator), "Open by 9 am" (a clock), "Shift 2
output" (a label), "Weightage 15%", "over the last 12 months" (a look-back), "overdue beyond 60
days" (an ageing bucket): each reason is one :class:`Definer` in :data:`DEFINERS`, with an
example that ``tests/text/test_direction_words.py`` parses. The parser's third step
(:func:`krakit.text.target.set_aside_definers`) asks :func:`find_definer` of every number; its
sixth asks :func:`unit_noun` what a bare number counts ("45 parcels" → ``"parcels"``). Word
lists are data in ``lexicon/parse.yaml``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from krakit.text.lexicon import alt, load, phrase_re
from krakit.text.numbers import Amount

__all__ = [
    "DEFINERS",
    "TIME_HEAD_UNITS",
    "TIME_UNITS",
    "Definer",
    "find_definer",
    "text_after",
    "text_before",
    "unit_noun",
]

_L = load("parse")
_WEIGHT = phrase_re(_L["weight_words"])
_WEIGHT_AFTER = phrase_re(_L["weight_words"], after=True)
_AGEING = phrase_re(_L["ageing_words"])
_AGEING_BEFORE = phrase_re(_L["ageing_before"], before=True)
_LABEL_NOUN = re.compile(rf"(?i)(?<![A-Za-z])(?:{alt(_L['label_nouns'])})\s*[-#:.]?\s*$")
_LOOKBACK = phrase_re(_L["lookback_before"], before=True)
_WORD = re.compile(r"[A-Za-z][A-Za-z'&\-]*")
TIME_UNITS = {"days", "hours", "minutes", "seconds", "weeks", "months", "quarters", "years"}
TIME_HEAD_UNITS = {
    "hours": "hours",
    "hrs": "hours",
    "hour": "hours",
    "hr": "hours",
    "days": "days",
    "day": "days",
    "minutes": "minutes",
    "mins": "minutes",
    "weeks": "weeks",
    "months": "months",
}


def text_before(text: str, start: int, n: int = 30) -> str:
    """The ``n`` characters of ``text`` before ``start``."""
    return text[max(0, start - n) : start]


def text_after(text: str, end: int, n: int = 30) -> str:
    """The ``n`` characters of ``text`` from ``end``."""
    return text[end : end + n]


_PERCENT_NOUNS = frozenset({"percent", "percentage", "pct", "pp"})
# "20 contact hours", "6 man days": a noun, a space, then a time unit
_COMPOUND_TIME = re.compile(
    r"(?i)\s+[A-Za-z][A-Za-z-]*\s+(?P<u>hours|hrs|hour|hr|days|day|minutes|mins|weeks|months)\b"
)


def unit_noun(text: str, end: int) -> str | None:
    """The noun after a bare number ("45 parcels a shift" → "parcels").

    A compound whose head is a time unit is that unit ("20 contact hours" → "hours"), and
    "two percentage points" is ``"%"``.
    """
    after = text_after(text, end, 60)
    if re.match(r"\s*[,;:|(\[]", after):
        return None  # "target 95, current 88": a comma ends the number's phrase
    words = _WORD.findall(after)[:5]
    for i, word in enumerate(words[:4]):
        low = word.lower()
        if low in _L["unit_skip"] or (word.isupper() and len(word) > 1):
            continue  # an acronym qualifies the noun: "4 HR conferences" counts conferences
        if low in _L["unit_stop"] or low in _L["target_labels"] or len(low) < 2:
            return None
        if low in _PERCENT_NOUNS:
            return "%"
        compound = _COMPOUND_TIME.match(text, end) if i == 0 else None
        return TIME_HEAD_UNITS[compound["u"].lower()] if compound else low
    return None


# -- numbers that define the metric ---------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Around:
    """One number and the text around it, as a definer sees it."""

    text: str
    amount: Amount
    prev_skipped: Amount | None
    before: str
    after: str

    @property
    def bare(self) -> bool:
        return self.amount.unit is None


@dataclass(frozen=True, slots=True)
class Definer:
    """A reason a number names the metric rather than its target.

    ``examples`` are sentences in which the number shown is set aside (a test parses each).
    """

    reason: str
    test: Callable[[_Around], bool]
    examples: dict[str, float]


# "student-teacher ratio of 1:20", "nurse-to-patient 1:4": n:nn is a ratio, not a clock time
_RATIO_WORD = re.compile(r"(?i)\bratios?\b|[a-z]-to-[a-z]")
_CLOCK_AFTER = re.compile(r"(?i)\s*(?:(?:am|pm|o'?clock|:\d\d)\b|[ap]\.m\.)")


_LATER_TARGET = re.compile(r"\d\s*%|[₹$€£]\s?\d")


def _is_year(n: _Around) -> bool:
    a = n.amount
    if not (n.bare and not a.spelled and 1900 <= a.value <= 2100 and a.value.is_integer()):
        return False
    if "," in n.text[a.span[0] : a.span[1]]:
        return False  # "by 2,000": a year is never written with a thousands comma
    return (
        not unit_noun(n.text, a.span[1])
        or bool(re.match(r"\s*(?:annual|budget|target|plan)", n.after, re.I))
        # "the 2027 sales kick-off", "our 2026 revenue": a determiner before makes it a year
        or bool(re.search(r"(?i)\b(?:the|our|this|its|their|your|his|her)\s+$", n.before))
        # "Grow 2027 bookings by 12%": a percentage or an amount after it is the target
        or bool(_LATER_TARGET.search(n.text, a.span[1]))
    )


def _is_label(n: _Around) -> bool:
    """'Shift 2 output', 'line 3': a label noun names the number; not a verb opening the
    sentence before a counted noun ('Book 30 meetings', 'Block 40 slots')."""
    label = _LABEL_NOUN.search(n.before) if n.bare else None
    if label is None:
        return False
    opens = not n.text[: max(0, n.amount.span[0] - len(n.before)) + label.start()].strip()
    counted = unit_noun(n.text, n.amount.span[1])
    return not (opens and counted and counted.endswith("s"))


def _is_list_label(n: _Around) -> bool:
    prev = n.prev_skipped
    return (
        n.bare
        and prev is not None
        and re.fullmatch(
            r"(?i)\s*(?:,|&|and|or|,\s*and|[-–—]|to|through|thru)\s*",
            n.text[prev.span[1] : n.amount.span[0]],
        )
        is not None
    )


def _is_lookback(n: _Around) -> bool:
    return n.amount.unit in TIME_UNITS and (
        bool(_LOOKBACK.search(n.before))
        or bool(re.match(r"(?i)\s*(?:rolling|trailing|moving)\b", n.after))
    )


def _is_ageing(n: _Around) -> bool:
    start, end = n.amount.span
    if n.amount.unit not in TIME_UNITS:
        return False
    return bool(_AGEING.search(n.text[max(0, start - 50) : end + 50])) and bool(
        _AGEING_BEFORE.search(n.before)
        or re.match(r"\s*(?:\+|plus\b|old\b|and\s+above|or\s+more)", n.after)
        or re.search(r"\d\s*[-–]\s*$", n.before)
        or re.match(r"\s*[-–]\s*\d", n.after)
    )


_COMPARED = re.compile(
    r"(?i)\b(?:than|at\s+least|at\s+most|up\s+to|upto|maximum(?:\s+of)?|minimum(?:\s+of)?|"
    r"under|below|above|within|to)\s*$"
)


def _is_word(n: _Around) -> bool:
    a = n.amount
    if not a.spelled:
        return False
    if a.value == 0 and re.search(r"(?i)(?:\bto|\bat|\bbe|[:=|–—-])\s*$", n.before):
        return False  # "defects to zero", "Lost-time injuries: nil": a target of 0
    if _COMPARED.search(n.before):
        return False  # "fewer than five per week", "at least two a day": a quantity
    if re.match(r"-[A-Za-z]", n.after):
        return True  # "One-year survival", "two-wheeler loans": an adjective, not a quantity
    nxt = re.match(r"[\s-]*([A-Za-z]+)", n.after)
    return a.unit is None and (
        not nxt
        or nxt.group(1).lower() in _L["unit_stop"]
        or re.search(r"(?i)\b(?:no|any|every|each)\s*$", n.before) is not None
    )


DEFINERS: tuple[Definer, ...] = (
    Definer("code", lambda n: n.amount.code or n.amount.hyphen_unit, {"Close W-4 forms": 4}),
    Definer(
        "year",
        _is_year,
        {
            "Grow 2026 annual revenue by 10%": 2026,
            "Plan the 2027 sales kick-off": 2027,
            "Grow 2027 bookings by 12%": 2027,
        },
    ),
    Definer(
        "scale",
        lambda n: n.bare and bool(re.search(r"(?i)(?:\bout\s+of\s*|(?<=\d)\s*/\s*)$", n.before)),
        {"Guest rating 4.6 out of 5": 5},
    ),
    Definer(
        "denominator",
        lambda n: n.bare and bool(re.search(r"(?i)(?:\bper\s*|/\s*)$", n.before)),
        {"Falls per 1,000 bed days": 1000},
    ),
    Definer(
        "clock",
        lambda n: (
            not n.amount.multiplied
            and n.amount.unit in (None, "hours")
            and bool(_CLOCK_AFTER.match(n.after) or re.search(r"\d:$", n.before))
            and not (_RATIO_WORD.search(n.text) and re.match(r":\d", n.after))
        ),
        {"Open the store by 9 am daily": 9, "Helpdesk staffed 8:30 a.m. to 5 p.m.": 30},
    ),
    Definer(
        "24x7",
        lambda n: (
            n.amount.value == 24
            and bool(re.match(r"\s*[x×]\s*7\b|/\s*7\b", n.after) or re.match(r"7\b", n.after))
        ),
        {"Keep the help desk 24x7 available": 24},
    ),
    Definer("label", _is_label, {"Shift 2 output": 2, "Raise yield on line 3 to 92%": 3}),
    Definer("list label", _is_list_label, {"Zero slips on floors 4, 5 and 6": 6}),
    Definer(
        "weight",
        lambda n: (
            bool(_WEIGHT.search(text_before(n.text, n.amount.span[0], 25)))
            or bool(_WEIGHT_AFTER.match(n.after))
        ),
        {"Weightage 15%: on-time delivery 98%": 15},
    ),
    Definer("lookback", _is_lookback, {"Attrition over the last 12 months below 9%": 12}),
    Definer("ageing", _is_ageing, {"Invoices overdue beyond 60 days under 4%": 60}),
    Definer(
        "word",
        _is_word,
        {"Every one of the stores audited": 1, "One-year survival rate above 90%": 1},
    ),
)
"""Why a number names the metric rather than its target, tried in order."""


def find_definer(text: str, a: Amount, prev_skipped: Amount | None) -> str | None:
    """The first :data:`DEFINERS` reason that holds for this number, or None."""
    start, end = a.span
    around = _Around(text, a, prev_skipped, text_before(text, start), text_after(text, end))
    for d in DEFINERS:
        if d.test(around):
            return d.reason
    return None
