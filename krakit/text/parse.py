"""Read a KPI sentence into its SMART fields: :func:`parse_kpi`.

The parser is a table of named steps, :data:`STEPS`, each reading one thing from the sentence
into a shared :class:`_Reading`, in this order (word lists are data in ``lexicon/parse.yaml``
and ``lexicon/direction.yaml``):

1. **read_heading** — a heading or OKR prefix ("KRA 3 –", "KPA 2 -", "Objective 1:", "Key
   result 2:", "D13:", "1.2") is set aside: its number is never a target, and the rest is
   what the statement says.
2. **read_times** — dates, quarters, fiscal years and windows are found before amounts (one
   call to :func:`krakit.text.time.find_times`), so the digits of "31 March 2026" or "Q2" are
   never taken for a target.
3. **set_aside_definers** — numbers that define the metric, not its target, are set aside;
   the reasons are the table :data:`~krakit.text.definers.DEFINERS` (codes "W-4", years,
   "out of 5" — which becomes the unit of a score, ``"/5"`` —, "per 10,000", clock times,
   "line 3", weightage, look-back windows, ageing buckets, spelled-out words that count
   nothing). "4:1" is one ratio target, and so is "1:20" beside the word "ratio".
4. **pair_ranges** — "from 21 to 14 days" is baseline 21, target 14 (units carried across);
   "between 2 and 4%", "2–4%", "40 to 120" are a range (``target_low`` / ``target_high``).
5. **read_labels** — dashboard lines: a number after "actual / achieved / current / YTD", or
   in brackets after "from" ("(from 99.5% today)"), is where the metric stands (kept as
   ``baseline``); one after "target / goal / budget" ("Target: <6 min") is the target and
   wins over the order of appearance. "A vs B" reads A as the actual; in a worked example
   ("Rs. 50,000 x 5 = Rs. 2,50,000") the result is the target.
6. **read_changes** — "by 25%", "+5%", "15 more", "25% growth" are changes
   (``relative=True``); the comparator next to each number ("< 2%", "at least 95%", "95%+",
   "not to exceed", from ``lexicon/direction.yaml``) gives its direction; a bare number's
   unit is the noun after it ("45 parcels" → ``"parcels"``).
7. **choose_target** — the labelled number, else the first remaining; a range before it wins;
   the others are kept in ``other_targets``. With no number, a target in words
   (:data:`~krakit.text.word_targets.WORD_TARGETS`: "Double leads" +100%, "by half" −50%,
   "Open snags: none" and "No stockouts" 0, "All invoices paid within 30 days" 100%); else
   "Within 4 hours" is the target when the sentence times an action. A bare number's unit is
   ``"score"`` for a score, a time unit when the metric names one ("Debtor days: 45"), else
   ``"count"``.
8. **read_direction** — an explicit maintain/keep verb leading the sentence; else the
   comparator next to the target; else from–to values; else the change verb nearest before
   the target (not one that tells the past: "trended lower last year"); else a limit word
   opening the sentence ("Maximum scrap 4%"); a target of zero means decrease.
9. **place_times** — a window goes to ``within``, a point in time to ``deadline``, a cadence
   to ``period``.
10. **name_metric** — what is left once the heading, targets, time phrases after the target,
    comparators and lead verbs ("achieve", "increase") are taken out, cut at separators.

Placeholders ("X%", "from X to Y", "N days") give no target. The parser never raises: any
string gives a :class:`KPIDraft` (text beyond the first 4,000 characters is not read).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

from krakit.text.asides import AsideMatch, find_asides
from krakit.text.definers import (
    DEFINERS,
    TIME_HEAD_UNITS,
    TIME_UNITS,
    Definer,
    find_definer,
    unit_noun,
)
from krakit.text.definers import text_after as _after
from krakit.text.definers import text_before as _before
from krakit.text.draft import Direction, KPIDraft, Period, Quantity, Span
from krakit.text.lexicon import WordList, alt, load, phrase_re, words_of
from krakit.text.numbers import Amount, find_amounts
from krakit.text.time import TimeMatch, find_times
from krakit.text.word_targets import read_word_target

__all__ = ["DEFINERS", "PLACEHOLDER", "STEPS", "Definer", "heading_end", "parse_kpi"]

MAX_CHARS = 4000
_L = load("parse")
_D = load("direction")
_CMP = {c["name"]: c for c in _D["comparators"]}
_MOVES = {m["direction"]: m["words"] for m in _D["moves"]}

_INC_BEFORE = phrase_re(_CMP["floor"]["before"], before=True)
_DEC_BEFORE = phrase_re(_CMP["ceiling"]["before"], before=True)
_INC_AFTER = phrase_re(_CMP["floor"]["after"], after=True)
_DEC_AFTER = phrase_re(_CMP["ceiling"]["after"], after=True)
_REL_AFTER = phrase_re(_L["relative_after"], after=True)
_INC = WordList.of(_MOVES["increase"])
_DEC = WordList.of(_MOVES["decrease"])
_MAINTAIN = WordList.of(_MOVES["maintain"])
_FASTER = WordList.of(_MOVES["faster"])  # a time goes down, anything else up
_CMP_WORDS = alt(
    w for c in _D["comparators"] for w in c["before"] if w not in ("up", "down", "zero", "+")
)
_HISTORY_BEFORE = re.compile(rf"(?i)(?<![A-Za-z])(?:{alt(_D['history']['before'])})\s+$")
_HISTORY_AFTER = re.compile(
    rf"(?i)^\s*(?:[A-Za-z]+\s+){{0,2}}?(?:{alt(_D['history']['after'])})(?![A-Za-z])"
)
_TARGET_LABEL = re.compile(
    rf"(?i)(?<![A-Za-z])(?:{alt(_L['target_labels'])})(?:\s+(?:of|is|at|to|for|:|(?:would|will|should|must|shall|can)\s+be|(?:is\s+)?set\s+at))?"
    rf"\s*[:=\-–]?\s*(?:of\s+)?(?P<cmp>(?:{_CMP_WORDS})\s*)?$"
)
_ACTUAL_LABEL = re.compile(
    rf"(?i)(?<![A-Za-z])(?:{alt(_L['actual_labels'])})(?:\s+(?:of|is|at|:))?\s*[:=\-–]?\s*$"
)
# "(from 99.5% today)", "99.5% now": where the metric stands, not where it should go
_ACTUAL_AFTER = re.compile(rf"(?i)^\s*(?:{alt(_L['actual_after'])})(?![A-Za-z])")
_BRACKET_FROM = re.compile(
    r"(?i)[(\[]\s*(?:from|was|vs\.?|versus|currently|now|today)\s*[:\-]?\s*$"
)
# "6.1 min (Target: <6 min)": the number right before a bracketed target is the actual
_BEFORE_TARGET_CELL = re.compile(rf"(?i)^\s*[(\[|]\s*(?:{alt(_L['target_labels'])})(?![A-Za-z])")
_TIME_METRIC = WordList.of(_L["time_metric_words"])
_SCORE = WordList.of(_L["score_words"])
_SCORE_UNITS = frozenset(w for w in _L["score_words"] if w.endswith("s"))  # "4.7 stars"
PLACEHOLDER = re.compile(
    r"(?<![A-Za-z0-9])(?:[XYNZ]{1,3}|x{1,3}|n|\?+|_+|\[[^\]]{0,10}\]|<[^>]{0,10}>)\s?"
    r"(?:%|percent\b|nos?\b\.?|days?\b|hours?\b)"
    # "X new products": a capital placeholder counting a plural noun
    r"|(?<![A-Za-z0-9'])[XN](?:\s+(?:new|more|additional|extra))?\s+[a-z]{3,}s\b",
)
"""A number still to be filled in ("X%", "N days", "X new products")."""
_PLACEHOLDER_ANY = re.compile(r"(?<![A-Za-z0-9])[XYN]{1,2}\b\s?%?")
# Latin and Devanagari words ("मासिक बिक्री"): U+0900-U+097F holds the letters and vowel signs
_WORD = re.compile(r"[A-Za-z\u0900-\u097F][A-Za-z\u0900-\u097F'&\-]*")
_LEAD_WORDS = (
    _L["filler_lead"]
    + _MOVES["increase"]
    + _MOVES["decrease"]
    + _MOVES["maintain"]
    + _MOVES["faster"]
    + list(_D["multipliers"])
)
_FILLER_LEAD = re.compile(rf"(?i)^(?:(?:{alt(_LEAD_WORDS)})(?![A-Za-z]|-\w)[\s:,\-–]*)+")
# A metric whose last word (or bracketed unit) is a time unit, just before the bare number.
# Not "min": right before a number it means minimum ("visits per week – min 20").
_TIME_HEAD = re.compile(
    r"(?i)(?<![A-Za-z])(?:in\s+)?(?P<u>hours|hrs|hour|hr|days|day|minutes|mins|weeks|months)\.?\s*[)\]]?"
    r"\s*(?:[:=|–—-]|\bof\b|\bis\b|\bat\b|\bto\b|\bunder\b|\bbelow\b|<|≤)?\s*$"
)
# "Cut average days to pay suppliers from 60 to 45": a time unit the metric opens with
_TIME_TO = re.compile(
    r"(?i)^\W*(?:[A-Za-z]+\s+){0,3}?(?P<u>hours|hrs|days|minutes|mins|weeks|months)\s+to\s+[a-z]"
)
# "from $4000 a month to $6000 a month", "from chronic 60% OEE to consistent 75%": a cadence or
# a few words may sit between the two numbers
_FROM_TO_GAP = re.compile(
    r"(?i)(?:\s*(?:a|an|per|every|each|/)\s*(?:day|week|month|quarter|year))?"
    r"(?:\s*[A-Za-z][A-Za-z%-]*){0,5}?\s*(?:to|→|->|till|until)(?:\s+[A-Za-z][A-Za-z-]*){0,2}?\s*"
)
_ARROW = re.compile(r"\s*(?:→|->|=>|⇒|➔)\s*")  # "3.5% → 4.2%": from the first to the second
_FROM_BEFORE = re.compile(
    r"(?i)\bfrom\s*(?:an?\s+|the\s+)?(?:current|baseline|average\s+of|level\s+of\s+)?"
    r"(?:\s*[A-Za-z]+){0,1}\s*$"
)
_LEAD_LIMIT = re.compile(
    r"(?i)^\W*(?:(?P<max>maximum|max\.?|at\s+most)|(?P<min>minimum|min\.?|at\s+least))\b"
)
# Headings and OKR prefixes: "KRA 3 –", "Key result 2:", "Objective:", "D13:", "1.2", "4."
_HEADING = re.compile(
    rf"""(?ix)^[\s*•>#\-–]*(?:
      (?:{alt(_L["heading_words"])})s?\s*(?:no\.?\s*|\#\s*)?\d{{1,3}}(?:\.\d{{1,3}})*[a-z]?
        \s*(?:[:.)|\-–—]+|(?-i:(?=[A-Z])))
     |(?:{alt(_L["heading_words"])})\s*[:|]
     |(?-i:(?!(?:Q|H|FY|SY|CY|W)\d)[A-Z]{{1,3}}\d{{1,3}}(?:\.\d{{1,2}})?)\s*[:)|\-–—]
     |\d{{1,2}}[.)](?!\d)(?=\s)
     |(?P<section>\d{{1,2}}(?:\.\d{{1,2}}){{1,3}})(?=\s+(?P<next>(?-i:[A-Z][a-z]+)))
    )\s*"""
)
_SECTION_VERBS = frozenset(load("classify")["duty_verbs"])


def heading_end(text: str) -> int:
    """Where a heading or OKR prefix ends (0 when there is none).

    Examples
    --------
    >>> t = "Key result 2: Ship the new onboarding flow"
    >>> t[heading_end(t):]
    'Ship the new onboarding flow'
    >>> heading_end("1.5 lakh revenue per month"), heading_end("Q3: 40 new logos")
    (0, 0)
    """
    m = _HEADING.match(text)
    if m is None:
        return 0
    if m["section"]:
        # "1.2 Mentored junior analysts": a section number only before a verb, never "4.5 Rating"
        nxt = m["next"].lower()
        if not (nxt.endswith("ed") or nxt in _SECTION_VERBS):
            return 0
    return m.end()


@dataclass
class _Cand:
    amount: Amount
    unit: str | None
    role: str = "target"  # target | baseline | range
    labelled: bool = False
    relative: bool = False
    direction: Direction | None = None
    span: Span = (0, 0)
    extra: dict[str, object] = field(default_factory=dict)


@dataclass
class _Reading:
    """What the steps have read so far; each step reads and fills some of it."""

    text: str
    today: dt.date
    draft: KPIDraft
    words: frozenset[str] = frozenset()
    heading: int = 0
    times: list[TimeMatch] = field(default_factory=list)
    asides: list[AsideMatch] = field(default_factory=list)
    amounts: list[Amount] = field(default_factory=list)
    cands: list[_Cand] = field(default_factory=list)
    ranges: list[tuple[_Cand, _Cand]] = field(default_factory=list)
    main: _Cand | None = None
    main_span: Span | None = None
    within: TimeMatch | None = None
    placeholder: bool = False


_PHRASAL_UP = re.compile(
    r"(?i)\b(?:sign|set|follow|pick|back|line|sum|catch|warm|clean|open|look|make|book|fill|"
    r"top|stand|start|spin|tie)s?(?:ed|ing)?\s+up\s*$"
)


def _direction_near(text: str, c: _Cand) -> Direction | None:
    """The comparator right before or after one number ("< 2%", "95%+", "or less")."""
    start, end = c.amount.span
    before = _before(text, start, 40)
    # "a minimum target of 80k": look past a target label to the comparator before it;
    # "Target: <6 min": keep the comparator after the label
    label = _TARGET_LABEL.search(before)
    if label:
        before = before[: label.start()] + (label["cmp"] or "")
    before = before[-25:]
    after = _after(text, end, 15)
    if c.amount.plus and not c.relative:
        return Direction.INCREASE
    # the longer phrase wins: "no less than" is a floor though it ends in "less than"
    down, up = _DEC_AFTER.match(after), _INC_AFTER.match(after)
    if down or up:
        longer = down and (not up or down.end() >= up.end())
        return Direction.DECREASE if longer else Direction.INCREASE
    down, up = _DEC_BEFORE.search(before), _INC_BEFORE.search(before)
    if up and _PHRASAL_UP.search(before):
        up = None  # "Sign up 300 members", "set up 12 stores": a verb, not a floor
    if down or up:
        longer = down and (not up or down.start() <= up.start())
        return Direction.DECREASE if longer else Direction.INCREASE
    return None


# -- the steps ------------------------------------------------------------------------------


def read_heading(r: _Reading) -> None:
    """1. Set a heading or OKR prefix aside ("KRA 3 –", "Key result 2:")."""
    r.heading = heading_end(r.text)


def read_times(r: _Reading) -> None:
    """2. Find the time phrases and asides, then the amounts outside them and the heading."""
    r.times = find_times(r.text, r.today)
    r.asides = find_asides(r.text)
    taken = [t.span for t in r.times] + [a.span for a in r.asides]
    r.amounts = [
        a
        for a in find_amounts(r.text)
        if a.span[0] >= r.heading and not any(s < a.span[1] and a.span[0] < e for s, e in taken)
    ]
    r.within = next((t for t in r.times if t.kind == "within"), None)
    r.placeholder = PLACEHOLDER.search(r.text) is not None


def set_aside_definers(r: _Reading) -> None:
    """3. Keep only the numbers that may be targets; read "4:1" as one ratio."""
    text = r.text
    prev_skipped: Amount | None = None
    skip_until = -1
    for a in r.amounts:
        why = find_definer(text, a, prev_skipped)
        if why == "scale" and r.cands and r.cands[-1].unit is None and not prev_skipped:
            r.cands[-1].unit = f"/{a.value:g}"
            r.cands[-1].span = (r.cands[-1].span[0], a.span[1])
            continue
        if why:
            prev_skipped = a if why in ("label", "list label") else None
            continue
        prev_skipped = None
        if a.span[0] < skip_until:
            continue
        ratio = re.match(r"\s*:\s*(\d+(?:\.\d+)?)\b", text[a.span[1] :])
        if a.unit is None and ratio and float(ratio.group(1)) > 0:
            # "4:1", "1:4" — a ratio target, read as one number (unit "x")
            end = a.span[1] + ratio.end()
            amt = Amount(a.value / float(ratio.group(1)), "x", (a.span[0], end), a.number_span)
            r.cands.append(_Cand(amt, "x", span=amt.span))
            skip_until = end
            continue
        r.cands.append(_Cand(a, a.unit, span=a.span))


def _from_to(c1: _Cand, c2: _Cand) -> None:
    c1.role = "baseline"
    c1.unit = c1.unit or c2.unit
    c2.unit = c2.unit or c1.unit
    c2.extra["fromto"] = c1


def pair_ranges(r: _Reading) -> None:
    """4. Read "from A to B" as baseline and target, "A–B" and "between A and B" as a range."""
    text = r.text
    for c1, c2 in itertools.pairwise(r.cands):
        if c1.role != "target" or c2.role != "target":
            continue
        gap = _without_times(r, c1.amount.span[1], c2.amount.span[0])
        before = _before(text, c1.amount.span[0], 25)
        if (_FROM_TO_GAP.fullmatch(gap) and _FROM_BEFORE.search(before)) or _ARROW.fullmatch(gap):
            _from_to(c1, c2)
        elif re.fullmatch(r"(?i)\s*(?:to|[-–])\s*", gap) or (
            re.fullmatch(r"(?i)\s*and\s*", gap) and re.search(r"(?i)\bbetween\s*$", before)
        ):
            if c2.unit and c1.unit and c1.unit != c2.unit:
                continue
            head = text[: c1.amount.span[0]]
            if "to" in gap.lower() and (_DEC.search(head, r.words) or _INC.search(head, r.words)):
                _from_to(c1, c2)  # "cut 21 to 14 days": a change, not a band
                continue
            if c1.amount.value < c2.amount.value:
                c1.unit = c2.unit = c1.unit or c2.unit
                c1.role = c2.role = "range"
                r.ranges.append((c1, c2))


def _without_times(r: _Reading, start: int, end: int) -> str:
    """The text between two amounts, with the times in it blanked ("from 62% in fall 2024 to")."""
    gap = list(r.text[start:end])
    for t in r.times:
        if t.kind == "deadline" and start <= t.span[0] and t.span[1] <= end:
            gap[t.span[0] - start : t.span[1] - start] = " " * (t.span[1] - t.span[0])
    return "".join(gap)


# "Rs. 50,000 x 5 = Rs. 2,50,000": the result of a worked example is the target
_RESULT = re.compile(r"\d[^=\n]{0,25}?\s[x×*]\s*\d[^=\n]{0,12}=\s*(?:[A-Za-z₹$€£]{1,3}\.?\s?)?$")


def read_labels(r: _Reading) -> None:
    """5. Read dashboard labels: target, actual, "(from 99.5% today)", "A vs B", "A x B = C"."""
    text, cands = r.text, r.cands
    for i, c in enumerate(cands):
        start, end = c.amount.span
        before = _before(text, start, 30)
        if _TARGET_LABEL.search(before) or _RESULT.search(text, 0, start):
            c.labelled = True
        elif c.role == "target" and (
            _ACTUAL_LABEL.search(before)
            or _BRACKET_FROM.search(before)
            or _ACTUAL_AFTER.match(text[end : end + 25])
            or (i + 1 < len(cands) and _BEFORE_TARGET_CELL.match(text[end : end + 25]))
        ):
            c.role = "baseline"
        if (
            c.role == "target"
            and i + 1 < len(cands)
            and re.fullmatch(
                r"(?i)\s*(?:vs\.?|versus|against|/)\s*(?:target|goal|plan)?\s*[:\-]?\s*",
                text[end : cands[i + 1].amount.span[0]],
            )
        ):
            c.role = "baseline"
            cands[i + 1].labelled = True


_CHANGE_NOUN_BEFORE = re.compile(
    r"(?i)\b(?:growth|increase|decrease|reduction|improvement|rise|drop|decline|uplift)"
    r"(?:\s+(?:of|by))?\s*[:\-–]?\s*$"
)
_CHANGE_BEFORE = re.compile(
    r"(?i)\b(?:by|up(?:\s+by)?|down(?:\s+by)?|grow\s+by|an?\s+additional)\s*$"
)
_DOWN_WORDS = ("lower", "reduction", "decrease", "fewer", "less", "drop", "down")


# "+8% YoY", "10% over last year": a percentage measured against a past period is a change
_COMPARED_AFTER = re.compile(
    r"(?i)^\s*(?:yoy|y-o-y|y/y|mom|m-o-m|m/m|qoq|q-o-q|wow|year[\s-]+on[\s-]+year|"
    r"year[\s-]+over[\s-]+year|month[\s-]+on[\s-]+month|quarter[\s-]+on[\s-]+quarter|"
    r"(?:over|vs\.?|versus|compared\s+(?:to|with))\s+(?:the\s+)?(?:last|previous|prior)\s+\w+|"
    r"over\s+ly|vs\.?\s+ly)(?![A-Za-z])"
)
_AMOUNT_NOUNS = WordList.of(load("classify")["amount_words"])


def _is_change(r: _Reading, c: _Cand) -> bool:
    """A percentage that is a change though no "by" says so.

    "Sales to grow 10% YoY" (measured against a past period) and "Cut costs 12%" (a move verb
    right before an amount, and no "to", "at" or "from" in between) are changes.
    """
    if c.unit != "%":
        return False
    start, end = c.amount.span
    if _COMPARED_AFTER.match(r.text[end : end + 40]):
        return True
    before = r.text[max(r.heading, start - 40) : start]
    moves = [*_DEC.finditer(before, r.words), *_INC.finditer(before, r.words)]
    verb = max(moves, key=lambda m: m.start(), default=None)
    if verb is None:
        return False
    between = before[verb.end() :]
    return not re.search(
        r"(?i)\b(?:to|at|from|of|under|below|above|over)\b|[<>≤≥:]", between
    ) and bool(_AMOUNT_NOUNS.search(between, words_of(between)))


def read_changes(r: _Reading) -> None:
    """6. Mark changes ("by 25%", "+5%"), each number's comparator, and a bare number's noun."""
    text = r.text
    for c in r.cands:
        a = c.amount
        before = _before(text, a.span[0], 12)
        after = _after(text, a.span[1], 20)
        rel = _REL_AFTER.match(after)
        if _CHANGE_NOUN_BEFORE.search(before):
            c.relative = True  # "sales growth of 6%", "revenue growth 15%"
        if (
            (a.plus and text[a.span[0] : a.span[0] + 1] == "+")
            or a.minus
            or _CHANGE_BEFORE.search(before)
            or rel
        ):
            c.relative = True
        if not c.relative and _is_change(r, c):
            c.relative = True
        c.direction = _direction_near(text, c)
        if a.minus and c.relative:
            c.direction = Direction.DECREASE
        if a.plus and c.relative and not a.minus:
            c.direction = Direction.INCREASE
        if c.direction is None and rel:
            word = rel.group().strip().lower()
            c.direction = Direction.DECREASE if word in _DOWN_WORDS else Direction.INCREASE
        if c.unit is None:
            c.unit = unit_noun(text, a.span[1]) or "count"


# A "%" the metric's name carries, not a number's: "OTIF %", "Attendance (%)", "% of calls"
_PERCENT_HEAD = re.compile(r"(?:[A-Za-z]\s*|\(\s*|^\s*)%(?!\s*\d)")


def _bare_unit(r: _Reading, main: _Cand) -> str:
    """The unit of a target written without one: a score, a time the metric names, a count."""
    unit = main.unit or "count"
    if unit.lower() in _SCORE_UNITS:
        return "score"  # "a Google rating of 4.7 stars"
    if unit == "count" and _SCORE.search(r.text, r.words):
        return "score"
    if unit == "count" and _PERCENT_HEAD.search(r.text, r.heading, main.amount.span[0]):
        return "%"  # "OTIF % — target 95", "Attendance (%): 92"
    if unit == "count":
        # "Machine downtime hours – 12", "Debtor days (in days): 45": the metric names the unit
        head = _TIME_HEAD.search(r.text[: main.amount.span[0]])
        per = head and re.search(
            r"(?i)(?:\bper|/|\ban?|\beach|\bevery)\s*$", r.text[: head.start("u")]
        )
        if head and not per:
            return TIME_HEAD_UNITS[head.group("u").lower()]
        opens = _TIME_TO.match(r.text, r.heading)
        if opens and opens.end() <= main.amount.span[0]:
            return TIME_HEAD_UNITS[opens.group("u").lower()]
    return unit


def choose_target(r: _Reading) -> None:
    """7. Choose the target (labelled, else first; a range before it wins) and the baseline."""
    text, draft = r.text, r.draft
    targets = [c for c in r.cands if c.role == "target"]
    labelled = [c for c in targets if c.labelled]
    main = labelled[0] if labelled else (targets[0] if targets else None)
    others = [c for c in targets if c is not main]
    if r.ranges and (main is None or r.ranges[0][0].amount.span[0] < main.amount.span[0]):
        lo, hi = r.ranges[0]
        draft.target_low = Quantity(lo.amount.value, lo.unit or "count")
        draft.target_high = Quantity(hi.amount.value, hi.unit or "count")
        draft.spans["target"] = r.main_span = (lo.amount.span[0], hi.amount.span[1])
        draft.direction = _direction_near(text, lo)
        others, main = targets, None
    elif main is not None:
        unit = _bare_unit(r, main)
        draft.target = Quantity(main.amount.value, unit, main.relative)
        draft.spans["target"] = r.main_span = main.span
        base = main.extra.get("fromto")
        if isinstance(base, _Cand):
            draft.baseline = Quantity(base.amount.value, base.unit or unit)
            draft.spans["baseline"] = base.amount.span
        draft.direction = main.direction
    elif not r.placeholder and (word := read_word_target(text, r.heading, r.within is not None)):
        # "Double qualified leads", "by half", "Snags: none", "All invoices paid within 30 days"
        draft.target = word.target
        draft.direction = word.direction
        draft.spans["target"] = r.main_span = word.span
    elif r.within is not None and not r.placeholder:
        q = r.within.value
        if (
            isinstance(q, Quantity)
            and q.unit in ("minutes", "hours", "days", "weeks")
            and not re.search(r"(?i)\b(?:next|coming|following)\b", text[slice(*r.within.span)])
            and _TIME_METRIC.search(text, r.words)
        ):
            # "Respond to tickets within 4 hours": the window is the target
            draft.target = q
            draft.spans["target"] = r.main_span = r.within.span
            draft.direction = Direction.DECREASE
            r.within = None
    r.main = main
    baselines = [c for c in r.cands if c.role == "baseline"]
    if draft.baseline is None and baselines:
        b = baselines[0]
        draft.baseline = Quantity(b.amount.value, b.unit or "count")
        draft.spans["baseline"] = b.amount.span
    draft.other_targets = [Quantity(c.amount.value, c.unit or "count", c.relative) for c in others]


_COMPOUND = re.compile(r"-[A-Za-z]")
_ADVERB_OF = re.compile(
    r"(?i)\s+(?:check|checks|checking|checked|entry|entries|booking|counting)\b"
)
# "i.e. maximum deviation from plan 10%": a limit word opening the clause of the target
_CLAUSE_LIMIT = re.compile(
    r"(?i)(?<![A-Za-z])(?:(?P<max>maximum|max\.?|at\s+most)|(?P<min>minimum|min\.?|at\s+least))"
    r"(?![A-Za-z])[^;|.]*$"
)


def _moves(words: WordList, r: _Reading) -> list[re.Match[str]]:
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


def read_direction(r: _Reading) -> None:
    """8. Decide the direction: maintain verb, comparator, from–to, nearest verb, limit, zero."""
    text, draft = r.text, r.draft
    inc_words = _moves(_INC, r)
    dec_words = _moves(_DEC, r)
    unit = (draft.target or draft.target_low or Quantity(0, "")).unit
    (dec_words if unit in TIME_UNITS else inc_words).extend(_moves(_FASTER, r))
    keep_words = [m for m in _MAINTAIN.finditer(text, r.words) if _governs(text, m)]
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
    led = _MAINTAIN.pattern.match(lead) is not None
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


def place_times(r: _Reading) -> None:
    """9. File the time phrases: cadence → period, point → deadline, window → within."""
    draft = r.draft
    cadences = [t for t in r.times if t.kind == "cadence" and isinstance(t.value, Period)]
    if len({t.value for t in cadences}) > 1:
        # "monthly recurring revenue by 8% every quarter": the adjective names the metric
        cadences = [t for t in cadences if not _names_metric(r.text, t)] or cadences
    if cadences:
        draft.period = cadences[0].value  # type: ignore[assignment]
        draft.spans["period"] = cadences[0].span
    deadlines = [t for t in r.times if t.kind == "deadline" and not _baseline_time(draft, t)]
    if deadlines:
        # "from FY2025-26 levels by FY2027-28": the one a deadline word introduces wins
        t = next((d for d in deadlines if d.dated), deadlines[0])
        draft.deadline = t.value if isinstance(t.value, dt.date | str) else None
        draft.when = t.when
        draft.spans["deadline"] = t.span
    if r.within is not None and isinstance(r.within.value, Quantity) and r.within.timeframe:
        draft.within = r.within.value
        draft.when = draft.when or r.within.when
        draft.spans["within"] = r.within.span


def _names_metric(text: str, t: TimeMatch) -> bool:
    """A cadence adjective right before a noun names the metric ("monthly recurring revenue")."""
    s, e = t.span
    return bool(_CADENCE_ADJECTIVE.fullmatch(text[s:e]) and re.match(r"\s+[A-Za-z]", text[e:]))


def _baseline_time(draft: KPIDraft, t: TimeMatch) -> bool:
    """A time between the baseline and the target dates the baseline ("from 62% in 2024 to")."""
    base, target = draft.spans.get("baseline"), draft.spans.get("target")
    return bool(base and target and base[1] <= t.span[0] and t.span[1] <= target[0])


def name_metric(r: _Reading) -> None:
    """10. Name the metric: the longest run of words left once everything else is taken out."""
    metric, span = _metric(r)
    r.draft.metric = metric
    if span:
        r.draft.spans["metric"] = span


STEPS: tuple[Callable[[_Reading], None], ...] = (
    read_heading,
    read_times,
    set_aside_definers,
    pair_ranges,
    read_labels,
    read_changes,
    choose_target,
    read_direction,
    place_times,
    name_metric,
)
"""The parser, in order; the module docstring numbers them the same way."""


def parse_kpi(text: str, *, today: dt.date | None = None) -> KPIDraft:
    """Read a KPI sentence into a :class:`KPIDraft`; never raises.

    Parameters
    ----------
    text:
        What the manager wrote ("Reduce average time-to-fill from 45 days to 30 days by end of
        Q2").
    today:
        The date relative words ("this year", "by June") are resolved against; today's date
        when omitted.

    Returns
    -------
    KPIDraft
        The fields found, each with its character span in ``spans``.

    Examples
    --------
    >>> d = parse_kpi("Achieve ₹10 lakh monthly revenue")
    >>> d.target, str(d.period), d.metric
    (Quantity(value=1000000.0, unit='INR', relative=False), 'monthly', 'monthly revenue')
    >>> d = parse_kpi("Reduce average time-to-fill from 45 days to 30 days by end of Q2")
    >>> d.baseline.value, d.target.value, d.target.unit, str(d.direction), d.deadline
    (45.0, 30.0, 'days', 'decrease', 'Q2')
    >>> d = parse_kpi("Key result 3: Activation rate from 30% to 45%")
    >>> d.metric, d.target.value, str(d.direction)
    ('Activation rate', 45.0, 'increase')
    """
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    return _copy(_cached(text, today or _today()))


_today_seen: tuple[float, dt.date] = (-2.0, dt.date.min)


def _today() -> dt.date:
    """Today's date, asked of the clock at most once a second (it costs more than a parse step)."""
    global _today_seen
    now = time.monotonic()
    if now - _today_seen[0] > 1.0:
        _today_seen = (now, dt.date.today())
    return _today_seen[1]


@lru_cache(maxsize=512)
def _cached(text: str, today: dt.date) -> KPIDraft:
    # The guided flow parses the same text for the parser, the classifier and the checker on
    # every keystroke: one parse is shared, and callers get their own copy.
    try:
        return _parse(text, today)
    except Exception:  # a rule bug must never break typing in the widget
        return KPIDraft(text=text)


_FIELDS = tuple(f.name for f in dataclasses.fields(KPIDraft))


def _copy(draft: KPIDraft) -> KPIDraft:
    fields = {name: getattr(draft, name) for name in _FIELDS}
    fields["other_targets"] = list(draft.other_targets)
    fields["spans"] = dict(draft.spans)
    return KPIDraft(**fields)


def _parse(full: str, today: dt.date) -> KPIDraft:
    text = full[:MAX_CHARS]
    reading = _Reading(text=text, today=today, draft=KPIDraft(text=full), words=words_of(text))
    for step in STEPS:
        step(reading)
    return reading.draft


# -- the metric's name ----------------------------------------------------------------------

_TRAIL_WORDS = frozenset(
    "from to by of at in within for is with and or the than over under below above per a an as "
    "on vs before until till level equal upto up down be been being should must shall will "
    "would not never go goes went remain remains "
    "brought lowered minimised minimized capped maintained kept sustained reduced increased "
    "decreased raised improved boosted "
    # Hinglish postpositions and verbs: "Customer base ko 20% badhana", "… lane hain"
    "ko ka ki ke se mein lane lana hai hain karna karni karo between".split()
)
_TRAIL_PUNCT = " ,:;-–(<>≤≥=~+\t\n"
_TRAIL_CMP = re.compile(rf"(?i)(?<![A-Za-z])(?:{_CMP_WORDS})\s*$")
# After the target, a clause that tells the past or the reason is not the metric's name
_CLAUSE_AFTER = re.compile(
    r"(?i)\b(?:after|when|while|since|because|whereas|which|though|although|even\s+though|"
    r"despite|unless|compared\s+(?:to|with))\b[^,;|(\n]*"
)
_CLAUSE_WORDS = frozenset(
    "after when while since because whereas which though although despite unless compared".split()
)
_PER_AFTER = re.compile(r"(?i)^\s*(?:per|each|every)\s+[A-Za-z]+")
_CADENCE_ADJECTIVE = re.compile(
    r"(?i)\W*(?:daily|weekly|monthly|quarterly|annual|yearly|fortnightly|biweekly)\W*"
)


_TRAIL_MOVES = frozenset(w for words in _MOVES.values() for w in words if " " not in w) | {
    "fall",
    "falls",
    "rise",
    "rises",
    "dip",
    "dips",
    "stay",
    "stays",
}


_VERB_LED = re.compile(
    rf"\W*(?:{alt([*_MOVES['increase'], *_MOVES['decrease'], *_MOVES['maintain']])})\b", re.I
)
_MOVE_NOUNS = frozenset(
    {"stay", "stays", "falls", "fall", "drop", "drops", "rise", "growth", "dip"}
)


def _strip_trail(seg: str, verb_led: bool = False) -> str:
    """Drop trailing prepositions, comparators and punctuation ("Defect leakage <").

    ``verb_led``: the sentence opens with a move verb ("Reduce patient falls by 30%"), so a
    move word left at the end of the name is a noun, not the verb before the target.
    """
    while True:
        seg = seg.rstrip(_TRAIL_PUNCT)
        tail = max(0, len(seg) - 24)  # the longest comparator is shorter: search its tail only
        cmp = _TRAIL_CMP.search(seg, tail)
        if cmp and cmp.start() > 0:
            seg = seg[: cmp.start()]
            continue
        cut = max(seg.rfind(" "), seg.rfind("\t"))
        last = seg[cut + 1 :]
        # "length of stay", "patient falls": a move word after "of" or a noun is a noun
        noun = last.lower() in _MOVE_NOUNS and (
            seg[:cut].rstrip().lower().endswith(" of") or verb_led
        )
        if last.lower() in _TRAIL_WORDS or (cut > 0 and last.lower() in _TRAIL_MOVES and not noun):
            seg = seg[: cut + 1]
            continue
        return seg


# Hinglish and Devanagari cadences never open the metric's name (time.yaml lists them)
_CADENCE_NOT_NAME = re.compile(r"(?i)\W*(?:(?:har|हर)\s|\S+\s+(?:mein|में)\W*$|[^A-Za-z]+$)")


def _blanks(r: _Reading) -> list[Span]:
    """What is not the metric's name: heading, numbers, time, comparators after the target."""
    text = r.text
    blank = [(0, r.heading)] + [a.span for a in r.amounts] + [c.span for c in r.cands]
    for t in r.times:
        s, e = t.span
        if t.kind != "cadence":
            blank.append(t.span)
        elif re.match(r"(?i)\W*(?:over|vs\.?|versus|compared)\b", text[s:e]):
            blank.append(t.span)  # "over last year", "vs LY": a comparison, not the name
        elif _CADENCE_NOT_NAME.match(text[s:e]):
            blank.append(t.span)  # "har mahine", "saal mein", "मासिक": when, not what
        elif r.main_span and s >= r.main_span[1]:
            # "CSAT 90%+ every month": a cadence after the target, unless it opens the name
            # ("₹10 lakh monthly revenue")
            adjective = _CADENCE_ADJECTIVE.fullmatch(text[s:e])
            if not (adjective and re.match(r"\s+[A-Za-z]", text[e:])):
                blank.append(t.span)
    blank += [m.span() for m in _PLACEHOLDER_ANY.finditer(text)]
    blank += [a.span for a in r.asides if not a.aside.in_name]  # "(see note 1)"
    if r.main_span:
        end = r.main_span[1]
        blank.append(r.main_span)
        rest = text[end:]
        for after in (
            _INC_AFTER.match(rest) or _DEC_AFTER.match(rest),  # "90% or more"
            _REL_AFTER.match(rest),  # "15% more demos"
        ):
            if after:
                blank.append((end, end + after.end()))
        per = _PER_AFTER.match(rest)  # "max 3 per batch": the unit's denominator
        if per:
            blank.append((end, end + per.end()))
        if not _CLAUSE_WORDS.isdisjoint(r.words):
            blank += [m.span() for m in _CLAUSE_AFTER.finditer(text, end)]
    return blank


def _metric(r: _Reading) -> tuple[str | None, Span | None]:
    text = r.text
    work = text
    for s, e in _blanks(r):
        e = min(e, len(work))
        if s < e:
            work = work[:s] + "\x00" * (e - s) + work[e:]
    for a in r.asides:
        if a.aside.in_name:  # "alert(1)": its brackets do not cut the name
            s, e = a.span
            work = work[:s] + re.sub(r"[()]", "_", work[s:e]) + work[e:]
    # a target that counts a noun written after it ("200 claims"): the noun names the metric
    unit = r.main.unit if r.main is not None else None
    counted = bool(
        r.main_span
        and unit
        and unit.isalpha()
        and unit not in ("count", "score")
        and re.match(rf"(?i)\s+{re.escape(unit)}\b", text[r.main_span[1] :])
    )
    verb_led = bool(_VERB_LED.match(text, r.heading))
    # cut at separators and numbers; keep the chunk with the most words
    best: Span | None = None
    best_len = 0
    for m in re.finditer(r"[^\x00|;:\n\t()\[\]]+", work):
        chunk = m.group()
        start = m.start() + len(chunk) - len(chunk.lstrip(" -–,.*•>#"))
        lead = _FILLER_LEAD.match(work[start : m.end()])
        if lead:
            start += lead.end()
        end = start + len(_strip_trail(work[start : m.end()], verb_led))
        seg = work[start:end]
        n = sum(len(w) for w in _WORD.findall(seg))
        if (
            counted
            and end <= r.main_span[0]
            and " " not in seg.strip()
            and not work[end : r.main_span[0]].strip()
        ):
            continue  # "Process 200 claims a day": the word before the number is its verb
        if n > best_len and not re.fullmatch(
            r"(?i)\s*(?:target|goal|kpi|objective|actual|metric|measure)s?\s*", seg
        ):
            best, best_len = (start, end), n
    if best is None:
        return None, None
    metric = re.sub(r"\s+", " ", text[best[0] : best[1]]).strip(" -–,.")
    return (metric or None), best
