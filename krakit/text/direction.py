"""Which way a KPI's target goes: the parser's eighth step, :func:`read_direction`.

An explicit keep verb leading the sentence ("Maintain uptime at 99.9%"); else the comparator
next to the target (:func:`direction_near`: "< 2%", "95%+", "not to exceed"); else the from–to
values; else the change verb nearest before the target, not one that tells the past ("trended
lower last year"); else a limit word ("Maximum scrap 4%"); a target of zero means decrease.
Word lists are data in ``lexicon/direction.yaml``.
"""

from __future__ import annotations

import re

from krakit.text.definers import (
    TIME_UNITS,
)
from krakit.text.definers import text_after as _after
from krakit.text.definers import text_before as _before
from krakit.text.draft import Direction, Quantity
from krakit.text.lexicon import WordList, alt, load
from krakit.text.reading import (
    DEC,
    DEC_AFTER,
    DEC_BEFORE,
    FASTER,
    INC,
    INC_AFTER,
    INC_BEFORE,
    MAINTAIN,
    TARGET_LABEL,
    Candidate,
    Reading,
)

__all__ = ["direction_near", "read_direction"]

_D = load("direction")
_HISTORY_BEFORE = re.compile(rf"(?i)(?<![A-Za-z])(?:{alt(_D['history']['before'])})\s+$")
_HISTORY_AFTER = re.compile(
    rf"(?i)^\s*(?:[A-Za-z]+\s+){{0,2}}?(?:{alt(_D['history']['after'])})(?![A-Za-z])"
)


_LEAD_LIMIT = re.compile(
    r"(?i)^\W*(?:(?P<max>maximum|max\.?|at\s+most)|(?P<min>minimum|min\.?|at\s+least))\b"
)
# Headings and OKR prefixes: "KRA 3 –", "Key result 2:", "Objective:", "D13:", "1.2", "4."


_PHRASAL_UP = re.compile(
    r"(?i)\b(?:sign|set|follow|pick|back|line|sum|catch|warm|clean|open|look|make|book|fill|"
    r"top|stand|start|spin|tie)s?(?:ed|ing)?\s+up\s*$"
)


def direction_near(text: str, c: Candidate) -> Direction | None:
    """The comparator right before or after one number ("< 2%", "95%+", "or less")."""
    start, end = c.amount.span
    before = _before(text, start, 40)
    # "a minimum target of 80k": look past a target label to the comparator before it;
    # "Target: <6 min": keep the comparator after the label
    label = TARGET_LABEL.search(before)
    if label:
        before = before[: label.start()] + (label["cmp"] or "")
    before = before[-25:]
    after = _after(text, end, 15)
    if c.amount.plus and not c.relative:
        return Direction.INCREASE
    # the longer phrase wins: "no less than" is a floor though it ends in "less than"
    down, up = DEC_AFTER.match(after), INC_AFTER.match(after)
    if down or up:
        longer = down and (not up or down.end() >= up.end())
        return Direction.DECREASE if longer else Direction.INCREASE
    down, up = DEC_BEFORE.search(before), INC_BEFORE.search(before)
    if up and _PHRASAL_UP.search(before):
        up = None  # "Sign up 300 members", "set up 12 stores": a verb, not a floor
    if down or up:
        longer = down and (not up or down.start() <= up.start())
        return Direction.DECREASE if longer else Direction.INCREASE
    return None


_COMPOUND = re.compile(r"-[A-Za-z]")
_ADVERB_OF = re.compile(
    r"(?i)\s+(?:check|checks|checking|checked|entry|entries|booking|counting)\b"
)
# "i.e. maximum deviation from plan 10%": a limit word opening the clause of the target
_CLAUSE_LIMIT = re.compile(
    r"(?i)(?<![A-Za-z])(?:(?P<max>maximum|max\.?|at\s+most)|(?P<min>minimum|min\.?|at\s+least))"
    r"(?![A-Za-z])[^;|.]*$"
)


def _moves(words: WordList, r: Reading) -> list[re.Match[str]]:
    """Change words that say where the target goes (not "trended lower last year")."""
    text = r.text
    return [
        m
        for m in words.finditer(text, r.words)
        if not _HISTORY_BEFORE.search(_before(text, m.start(), 25))
        and not _HISTORY_AFTER.match(_after(text, m.end(), 30))
        and not _COMPOUND.match(text, m.end())  # "Add-on sales", "cut-off time"
        and not _ADVERB_OF.match(text, m.end())  # "by double checking each dose"
    ]


# "stay", "remain", "hold" keep a level only before one ("stay under 2%", "remain at 98%"),
# never as nouns or other verbs ("length of stay", "hold 1:1s")
_WEAK_KEEP = frozenset({"stay", "stays", "remain", "hold"})
_KEEP_LEVEL = re.compile(
    r"(?i)\s+(?:at|under|below|above|over|within|in|on|between|steady|stable|flat|constant|"
    r"unchanged|consistently|[<>≤≥]|\d|[₹$€£])"
)


def _governs(text: str, m: re.Match[str]) -> bool:
    """A keep verb that keeps a level (not "length of stay" or "hold 1:1s")."""
    return m.group().lower() not in _WEAK_KEEP or bool(_KEEP_LEVEL.match(text, m.end()))


def read_direction(r: Reading) -> None:
    """8. Decide the direction: maintain verb, comparator, from–to, nearest verb, limit, zero."""
    text, draft = r.text, r.draft
    inc_words = _moves(INC, r)
    dec_words = _moves(DEC, r)
    unit = (draft.target or draft.target_low or Quantity(0, "")).unit
    (dec_words if unit in TIME_UNITS else inc_words).extend(_moves(FASTER, r))
    keep_words = [m for m in MAINTAIN.finditer(text, r.words) if _governs(text, m)]
    base, target = draft.baseline, draft.target
    if (
        draft.direction is None
        and base is not None
        and target is not None
        and not target.relative
        and base.unit == target.unit
        and base.value != target.value
    ):
        up = target.value > base.value
        draft.direction = Direction.INCREASE if up else Direction.DECREASE
    lead = text[r.heading :].lstrip(" \t*-•>#0123456789.)").lower()
    led = MAINTAIN.pattern.match(lead) is not None
    if r.main_span is not None and keep_words:
        # "teams maintaining a variance below 10%": the verb governing the target is a keep verb
        verbs = [m for m in (*inc_words, *dec_words, *keep_words) if m.start() < r.main_span[0]]
        nearest = max(verbs, key=lambda m: m.start(), default=None)
        led = led or (nearest is not None and nearest in keep_words)
    maintain = led or (keep_words and not inc_words and not dec_words)
    if (maintain and draft.direction is None) or led:
        draft.direction = Direction.MAINTAIN
    if draft.direction is None:
        words = [(m.start(), Direction.INCREASE) for m in inc_words]
        words += [(m.start(), Direction.DECREASE) for m in dec_words]
        if r.main_span is not None:
            # the verb governing the target: the nearest one before it, else the first
            prior = [w for w in words if w[0] < r.main_span[0]]
            words = sorted(prior)[-1:] or sorted(words)
        if words:
            draft.direction = sorted(words)[0][1]
    limit = _LEAD_LIMIT.match(text[r.heading :])
    if limit is None and r.main_span is not None:
        limit = _CLAUSE_LIMIT.search(text[max(r.heading, r.main_span[0] - 80) : r.main_span[0]])
    if draft.direction is None and limit and draft.target is not None:
        # "Maximum scrap 4%": a limit word opening the sentence sets the direction
        draft.direction = Direction.DECREASE if limit["max"] else Direction.INCREASE
    if draft.direction is None and draft.target is not None and draft.target.value == 0:
        draft.direction = Direction.DECREASE
    if draft.direction is None and re.search(r"(?i)\bzero\b", text):
        draft.direction = Direction.DECREASE
    first = min([*inc_words, *dec_words, *keep_words], key=lambda m: m.start(), default=None)
    if first is not None:
        draft.spans.setdefault("direction", first.span())
