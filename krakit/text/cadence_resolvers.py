"""Resolvers for cadences: how often a KPI is measured.

"monthly", "every 2 weeks", "p.m." after an amount, "rolling 12 months", "YoY", "twice a year",
"each other week" and misspelt cadence words ("montly"). Each takes a match of one
:mod:`krakit.text.time_patterns` declaration and the
:class:`~krakit.text.time_resolvers.Context`, and returns a cadence
:class:`~krakit.when.When`.
"""

from __future__ import annotations

import re

from krakit.text.lexicon import alt
from krakit.text.slips import slips
from krakit.text.time_resolvers import (
    _LEX,
    Context,
    Resolve,
    _cadence,
    _count,
    _g,
)
from krakit.when import (
    When,
)

__all__: list[str] = []  # its resolvers are read by krakit.text.time_patterns only

# An amount with money or a multiplier (or a percent) right before: "₹5 lakh p.m.", "10% pa"
_MONEY_BEFORE = re.compile(
    r"(?i)(?:(?:[₹$€£]|\brs\.?|\binr)\s?[\d.,]+\s*(?:k|l|lakhs?|lacs?|cr|crores?|m|mn|million|bn)?"
    r"|\d\s*(?:k|l|lakhs?|lacs?|cr|crores?|mn|million|bn|%|percent))\.?\s*(?:/-)?\s*$"
)


# A number and its unit noun right before: "40 hrs PA", "300 tickets p.m.", "4 new logos
# P.M." ('5 pm' has none)
_NOUN_BEFORE = re.compile(r"(?i)\d\s*(?!am\b|a\.m\b)[a-z]{2,}(?:[\s-]+[a-z]{2,}){0,2}\.?\s*$")


def _per_abbreviation(m: re.Match[str], ctx: Context) -> When | None:
    """'₹5 lakh p.m.' (per month), '10% pa' (per annum), '40 hrs PA'; '5 pm' stays a clock
    time."""
    before = m.string[max(0, m.start() - 30) : m.start()]
    if not (_MONEY_BEFORE.search(before) or _NOUN_BEFORE.search(before)):
        return None
    monthly = m["c"].lower().replace(".", "").replace(" ", "") == "pm"
    return _cadence("monthly" if monthly else "annual", m["c"])


_GRAIN_CADENCE = {
    "day": "daily",
    "week": "weekly",
    "month": "monthly",
    "quarter": "quarterly",
    "year": "annual",
    "shift": "daily",
    "morning": "daily",
    "evening": "daily",
    "night": "daily",
    "sprint": "weekly",
    "annum": "annual",
    "fiscal": "annual",
    "fy": "annual",
}


def _compared(m: re.Match[str], ctx: Context) -> When | None:
    return _cadence(_GRAIN_CADENCE[m["g"].lower()], f"vs last {m['g'].lower()}")


def _each(m: re.Match[str], ctx: Context) -> When | None:
    g = (m["g"] or m.groupdict().get("g2") or "").lower()
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


_ALWAYS_BEFORE = re.compile(rf"(?i)(?<![\w.])(?:{alt(_LEX['always_counts'])})\s+$")


def _cadence_word(m: re.Match[str], ctx: Context) -> When | None:
    if m["c"].lower().startswith(("a ", "an ")) and re.search(
        r"(?i)\bby\s+$", m.string[max(0, m.start() - 4) : m.start()]
    ):
        return None  # "cut paper use by a quarter": a fraction, not a cadence
    if m["c"].lower() in _SPAN_AFTER_NUMBER and re.search(
        r"\d\s*$", m.string[max(0, m.start() - 3) : m.start()]
    ):
        return None  # "2 saal mein" is within two years; "saal mein 12" is 12 a year
    before = m.string[max(0, m.start() - 16) : m.start()]
    if _ALWAYS_BEFORE.search(before):
        return None  # "open 7 days a week": always, not once a week
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
