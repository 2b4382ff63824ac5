"""Which number is the target: the parser's steps 3 to 7.

:func:`set_aside_definers` keeps the numbers that may be targets, :func:`pair_ranges` reads
"from A to B" and "A–B", :func:`read_labels` dashboard labels ("Target: <6 min", "A vs B"),
:func:`read_changes` changes ("by 25%", "+5%") and each number's comparator and noun, and
:func:`choose_target` the target, its unit and the baseline. :mod:`krakit.text.parse` runs
them in order; word lists are data in ``lexicon/parse.yaml``.
"""

from __future__ import annotations

import itertools
import re

from krakit.text.definers import (
    TIME_HEAD_UNITS,
    find_definer,
    unit_noun,
)
from krakit.text.definers import text_after as _after
from krakit.text.definers import text_before as _before
from krakit.text.direction import direction_near
from krakit.text.draft import Direction, Quantity
from krakit.text.lexicon import WordList, alt, load, words_of
from krakit.text.numbers import Amount
from krakit.text.reading import (
    CMP_WORDS,
    DEC,
    INC,
    REL_AFTER,
    TARGET_LABEL,
    Candidate,
    Reading,
)
from krakit.text.word_targets import read_word_target

__all__ = ["choose_target", "pair_ranges", "read_changes", "read_labels", "set_aside_definers"]

_L = load("parse")
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
# "10 days (target), 14.2 days (actual)", "12 lakh (target for Q3)": a bracket that only names
# the number before it as the target, with no number of its own
_TARGET_AFTER = re.compile(
    rf"(?i)^\s*[(\[]\s*(?:{alt(_L['target_labels'])})(?![A-Za-z])(?:[^()\[\]\d]|(?<=[A-Za-z])\d)*[)\]]"
)
# "not to exceed 2.5% YTD": a comparator before the number makes it the target, though "YTD"
# after it would make a bare one the actual so far
_CMP_BEFORE = re.compile(rf"(?i)(?<![A-Za-z])(?:{CMP_WORDS})\s*$")
_TIME_METRIC = WordList.of(_L["time_metric_words"])
_SCORE = WordList.of(_L["score_words"])
_SCORE_UNITS = frozenset(w for w in _L["score_words"] if w.endswith("s"))  # "4.7 stars"


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


def set_aside_definers(r: Reading) -> None:
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
            r.cands.append(Candidate(amt, "x", span=amt.span))
            skip_until = end
            continue
        r.cands.append(Candidate(a, a.unit, span=a.span))


def _from_to(c1: Candidate, c2: Candidate) -> None:
    c1.role = "baseline"
    c1.unit = c1.unit or c2.unit
    c2.unit = c2.unit or c1.unit
    c2.extra["fromto"] = c1


def pair_ranges(r: Reading) -> None:
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
            if "to" in gap.lower() and (DEC.search(head, r.words) or INC.search(head, r.words)):
                _from_to(c1, c2)  # "cut 21 to 14 days": a change, not a band
                continue
            if c1.amount.value < c2.amount.value:
                c1.unit = c2.unit = c1.unit or c2.unit
                c1.role = c2.role = "range"
                r.ranges.append((c1, c2))


def _without_times(r: Reading, start: int, end: int) -> str:
    """The text between two amounts, with the times in it blanked ("from 62% in fall 2024 to")."""
    gap = list(r.text[start:end])
    for t in r.times:
        if t.kind == "deadline" and start <= t.span[0] and t.span[1] <= end:
            gap[t.span[0] - start : t.span[1] - start] = " " * (t.span[1] - t.span[0])
    return "".join(gap)


# "Rs. 50,000 x 5 = Rs. 2,50,000": the result of a worked example is the target
_RESULT = re.compile(r"\d[^=\n]{0,25}?\s[x×*]\s*\d[^=\n]{0,12}=\s*(?:[A-Za-z₹$€£]{1,3}\.?\s?)?$")


def read_labels(r: Reading) -> None:
    """5. Read dashboard labels: target, actual, "(from 99.5% today)", "A vs B", "A x B = C"."""
    text, cands = r.text, r.cands
    for i, c in enumerate(cands):
        start, end = c.amount.span
        before = _before(text, start, 30)
        if (
            TARGET_LABEL.search(before)
            or _RESULT.search(text, 0, start)
            or _TARGET_AFTER.match(text[end : end + 40])
        ):
            c.labelled = True
        elif c.role == "target" and (
            _ACTUAL_LABEL.search(before)
            or _BRACKET_FROM.search(before)
            or (_ACTUAL_AFTER.match(text[end : end + 25]) and not _CMP_BEFORE.search(before))
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


def _is_change(r: Reading, c: Candidate) -> bool:
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
    moves = [*DEC.finditer(before, r.words), *INC.finditer(before, r.words)]
    verb = max(moves, key=lambda m: m.start(), default=None)
    if verb is None:
        return False
    between = before[verb.end() :]
    return not re.search(
        r"(?i)\b(?:to|at|from|of|under|below|above|over)\b|[<>≤≥:]", between
    ) and bool(_AMOUNT_NOUNS.search(between, words_of(between)))


def read_changes(r: Reading) -> None:
    """6. Mark changes ("by 25%", "+5%"), each number's comparator, and a bare number's noun."""
    text = r.text
    for c in r.cands:
        a = c.amount
        before = _before(text, a.span[0], 12)
        after = _after(text, a.span[1], 20)
        rel = REL_AFTER.match(after)
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
        c.direction = direction_near(text, c)
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


def _bare_unit(r: Reading, main: Candidate) -> str:
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


def choose_target(r: Reading) -> None:
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
        draft.direction = direction_near(text, lo)
        others, main = targets, None
    elif main is not None:
        unit = _bare_unit(r, main)
        draft.target = Quantity(main.amount.value, unit, main.relative)
        draft.spans["target"] = r.main_span = main.span
        base = main.extra.get("fromto")
        if isinstance(base, Candidate):
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
