"""Read a KPI sentence into its SMART fields: :func:`parse_kpi`.

The parser is a small pipeline of rule families over the amounts found by
:mod:`krakit.text.numbers` and the time expressions found by :mod:`krakit.text.time`. Word
lists are data in ``lexicon/parse.yaml``. In order:

1. **Time first.** Dates, quarters, fiscal years and windows are found before amounts, so the
   digits of "31 March 2026" or "Q2" are never taken for a target.
2. **Numbers that define the metric, not its target, are set aside**: codes glued to letters
   ("W-4", "B-3", "5S"), adjectives ("30-day readmission rate"), years, denominators ("per
   10,000 parcels", "out of 5" — which becomes the unit of a score, ``"/5"``), labels before a bare
   number ("line 3", "shift 2", "grade 5", and the rest of a list "lines 1, 2 and 3"), a
   weightage ("weightage 20%"), an ageing bucket ("overdue beyond 90 days"), a look-back
   window ("last 12 months", "6 month rolling"), clock times ("9 am").
3. **Dashboard lines**: a number after "actual / achieved / current / YTD" is where the metric
   stands (kept as ``baseline``), one after "target / goal / budget" is the target and wins
   over the order of appearance. "A vs B" reads A as the actual.
4. **From–to and ranges**: "from 21 to 14 days" is baseline 21, target 14 (units carried
   across); "between 2 and 4%", "2–4%", "40 to 120" are a range (``target_low`` /
   ``target_high``, ``target`` None).
5. **Choosing the target**: the labelled one, else the first remaining; the others are kept in
   ``other_targets`` ("Churn <6%, onboarding time <12 days").
6. **Relative or absolute**: "by 25%", "+5%", "15 more", "25% growth" are changes
   (``relative=True``); "to 80%" and "from X to Y" are absolute.
7. **Direction**: an explicit maintain/keep verb leading the sentence; else the comparator next
   to the target ("< 2%", "at least 95%", "95%+", "not to exceed"); else from–to values; else
   the first increase/decrease word anywhere; a target of zero means decrease.
8. **Within N days** is a deadline window when something else is the target ("close 95% of
   audits within 30 days"), and the target itself when nothing else is and the sentence times
   an action or names a time ("respond to tickets within 4 hours": target 4 hours, decrease).
   A window goes to ``within``; a point in time to ``deadline``; a cadence to ``period``.
9. **Unit of a bare number**: the noun that follows ("45 parcels" → ``"parcels"``, skipping
   "new", "qualified"...), ``"score"`` when the metric is a score or rating, else ``"count"``.
10. **Metric**: what is left once targets, time phrases, comparators, labels and lead verbs
    ("achieve", "increase") are taken out, cut at the first separator.

Placeholders ("X%", "from X to Y", "N days") give no target. The parser never raises: any
string gives a :class:`KPIDraft` (text beyond the first 4,000 characters is not read).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
import re
from dataclasses import dataclass, field
from functools import lru_cache

from krakit.text.draft import Direction, KPIDraft, Period, Quantity
from krakit.text.numbers import Amount, _alt, find_amounts, lexicon
from krakit.text.time import TimeMatch, find_times

__all__ = ["parse_kpi"]

MAX_CHARS = 4000
_L = lexicon("parse")


def _words_re(words: list[str], *, before: bool = False, after: bool = False) -> re.Pattern[str]:
    alt = _alt(words)
    if before:  # the phrase ends right before the number
        return re.compile(rf"(?i)(?:^|(?<=[^A-Za-z]))(?:{alt})\s*[:=\-–]?\s*[±~]?\s*$")
    if after:  # the phrase starts right after the number
        return re.compile(rf"(?i)^\s*(?:{alt})(?![A-Za-z])")
    return re.compile(rf"(?i)(?<![A-Za-z])(?:{alt})(?![A-Za-z])")


_INC_BEFORE = _words_re(_L["increase_before"], before=True)
_DEC_BEFORE = _words_re(_L["decrease_before"], before=True)
_INC_AFTER = _words_re(_L["increase_after"], after=True)
_DEC_AFTER = _words_re(_L["decrease_after"], after=True)
_REL_AFTER = _words_re(_L["relative_after"], after=True)
_INC = _words_re(_L["increase_verbs"])
_DEC = _words_re(_L["decrease_verbs"])
_MAINTAIN = _words_re(_L["maintain_verbs"])
_TARGET_LABEL = re.compile(
    rf"(?i)(?<![A-Za-z])(?:{_alt(_L['target_labels'])})(?:\s+(?:of|is|at|to|for|:))?\s*[:=\-–]?\s*(?:of\s+)?$"
)
_ACTUAL_LABEL = re.compile(
    rf"(?i)(?<![A-Za-z])(?:{_alt(_L['actual_labels'])})(?:\s+(?:of|is|at|:))?\s*[:=\-–]?\s*$"
)
_WEIGHT = _words_re(_L["weight_words"])
_WEIGHT_AFTER = _words_re(_L["weight_words"], after=True)
_AGEING = _words_re(_L["ageing_words"])
_AGEING_BEFORE = _words_re(_L["ageing_before"], before=True)
_LABEL_NOUN = re.compile(rf"(?i)(?<![A-Za-z])(?:{_alt(_L['label_nouns'])})\s*[-#:.]?\s*$")
_LOOKBACK = _words_re(_L["lookback_before"], before=True)
_TIME_METRIC = _words_re(_L["time_metric_words"])
_SCORE = _words_re(_L["score_words"])
_PLACEHOLDER = re.compile(
    r"(?<![A-Za-z0-9])(?:[XYNZ]{1,3}|x{1,3}|n|\?+|_+|\[[^\]]{0,10}\]|<[^>]{0,10}>)\s?"
    r"(?:%|percent\b|nos?\b\.?|days?\b|hours?\b)"
    # "X new products": a capital placeholder counting a plural noun
    r"|(?<![A-Za-z0-9'])[XN](?:\s+(?:new|more|additional|extra))?\s+[a-z]{3,}s\b",
)
_PLACEHOLDER_ANY = re.compile(r"(?<![A-Za-z0-9])[XYN]{1,2}\b\s?%?")
_WORD = re.compile(r"[A-Za-z][A-Za-z'&\-]*")
_LEAD_WORDS = _L["filler_lead"] + _L["increase_verbs"] + _L["decrease_verbs"] + _L["maintain_verbs"]
_FILLER_LEAD = re.compile(rf"(?i)^(?:(?:{_alt(_LEAD_WORDS)})(?![A-Za-z])[\s:,\-–]*)+")
_TRAIL = re.compile(
    r"(?i)(?:[\s,:;\-–(<>≤≥=~+]|\b(?:from|to|by|of|at|in|within|for|is|with|and|or|the|than|over|under|below|above|per|a|an|as|on|vs|before|until|till|level|equal|upto|up)\b)+$"
)
_NONE_TARGET = re.compile(r"(?i)[:=|–—-]\s*(?P<w>none)\s*\.?\s*$")
_TIME_UNITS = {"days", "hours", "minutes", "seconds", "weeks", "months", "quarters", "years"}
_TIME_HEAD_UNITS = {
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
# A metric whose last word (or bracketed unit) is a time unit, just before the bare number.
# Not "min": right before a number it means minimum ("visits per week – min 20").
_TIME_HEAD = re.compile(
    r"(?i)(?<![A-Za-z])(?:in\s+)?(?P<u>hours|hrs|hour|hr|days|day|minutes|mins|weeks|months)\.?\s*[)\]]?"
    r"\s*(?:[:=|–—-]|\bof\b|\bis\b|\bat\b|\bunder\b|\bbelow\b|<|≤)?\s*$"
)


# "from $4000 a month to $6000 a month": a cadence may sit between the two numbers
_FROM_TO_GAP = re.compile(
    r"(?i)\s*(?:(?:a|an|per|every|each|/)\s*(?:day|week|month|quarter|year)\s*)?"
    r"(?:to|→|->|till|until)\s*"
)
_LEAD_LIMIT = re.compile(
    r"(?i)^\W*(?:(?P<max>maximum|max\.?|at\s+most)|(?P<min>minimum|min\.?|at\s+least))\b"
)


@dataclass
class _Cand:
    amount: Amount
    unit: str | None
    role: str = "target"  # target | baseline | skip
    labelled: bool = False
    relative: bool = False
    direction: Direction | None = None
    span: tuple[int, int] = (0, 0)
    extra: dict[str, object] = field(default_factory=dict)


def _before(text: str, start: int, n: int = 30) -> str:
    return text[max(0, start - n) : start]


def _after(text: str, end: int, n: int = 30) -> str:
    return text[end : end + n]


def _unit_noun(text: str, end: int) -> str | None:
    """The noun after a bare number ("45 parcels a shift" → "parcels")."""
    for word in _WORD.findall(_after(text, end, 60))[:4]:
        low = word.lower()
        if low in _L["unit_skip"] or (word.isupper() and len(word) > 1):
            continue  # an acronym qualifies the noun: "4 HR conferences" counts conferences
        if low in _L["unit_stop"] or low in _L["target_labels"] or len(low) < 2:
            return None
        return low
    return None


def _is_definer(text: str, a: Amount, prev_skipped: Amount | None) -> str | None:
    """Why this number defines the metric rather than setting its target (or None)."""
    start, end = a.span
    before, after = _before(text, start), _after(text, end)
    if a.code or a.hyphen_unit:
        return "code"
    bare = a.unit is None
    if bare and not a.spelled and 1900 <= a.value <= 2100 and a.value.is_integer():
        if not _unit_noun(text, end) or re.match(r"\s*(?:annual|budget|target|plan)", after, re.I):
            return "year"
    if bare and re.search(r"(?i)(?:\bout\s+of\s*|(?<=\d)\s*/\s*)$", before):
        return "scale"
    if bare and re.search(r"(?i)(?:\bper\s*|/\s*)$", before):
        return "denominator"
    if re.match(r"(?i)\s*(?:am|pm|a\.m\.|p\.m\.|o'?clock|:\d\d)\b", after):
        return "clock"
    if re.match(r"\s*[x×]\s*7\b|/\s*7\b", after) and a.value == 24:
        return "24x7"
    if bare and _LABEL_NOUN.search(before):
        return "label"
    if (
        bare
        and prev_skipped is not None
        and re.fullmatch(
            r"(?i)\s*(?:,|&|and|or|,\s*and|[-–—]|to|through|thru)\s*",
            text[prev_skipped.span[1] : start],
        )
    ):
        return "label"
    if _WEIGHT.search(_before(text, start, 25)) or _WEIGHT_AFTER.match(after):
        return "weight"
    if a.unit in _TIME_UNITS:
        if _LOOKBACK.search(before) or re.match(r"(?i)\s*(?:rolling|trailing|moving)\b", after):
            return "lookback"
        window = text[max(0, start - 50) : end + 50]
        if _AGEING.search(window) and (
            _AGEING_BEFORE.search(before)
            or re.match(r"\s*(?:\+|plus\b|old\b|and\s+above|or\s+more)", after)
            or re.search(r"\d\s*[-–]\s*$", before)
            or re.match(r"\s*[-–]\s*\d", after)
        ):
            return "ageing"
    if a.spelled:
        nxt = re.match(r"[\s-]*([A-Za-z]+)", after)
        if a.value == 0 and re.search(r"(?i)(?:\bto|\bat|\bbe|[:=|–—-])\s*$", before):
            return None  # "defects to zero", "Lost-time injuries: nil": a target of 0
        if a.unit is None and (
            not nxt
            or nxt.group(1).lower() in _L["unit_stop"]
            or re.search(r"(?i)\b(?:no|any|every|each)\s*$", before)
        ):
            return "word"
    return None


def _direction_near(text: str, c: _Cand) -> Direction | None:
    start, end = c.amount.span
    before = _before(text, start, 40)
    # "a minimum target of 80k": look past a target label to the comparator before it
    label = _TARGET_LABEL.search(before)
    if label:
        before = before[: label.start()]
    before = before[-25:]
    after = _after(text, end, 15)
    if c.amount.plus and not c.relative:
        return Direction.INCREASE
    if _DEC_AFTER.match(after):
        return Direction.DECREASE
    if _INC_AFTER.match(after):
        return Direction.INCREASE
    if _DEC_BEFORE.search(before):
        return Direction.DECREASE
    if _INC_BEFORE.search(before):
        return Direction.INCREASE
    return None


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
    """
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    return _copy(_cached(text, today or dt.date.today()))


@lru_cache(maxsize=512)
def _cached(text: str, today: dt.date) -> KPIDraft:
    # The guided flow parses the same text for the parser, the classifier and the checker on
    # every keystroke: one parse is shared, and callers get their own copy.
    try:
        return _parse(text, today)
    except Exception:  # a rule bug must never break typing in the widget
        return KPIDraft(text=text)


def _copy(draft: KPIDraft) -> KPIDraft:
    fields = {f.name: getattr(draft, f.name) for f in dataclasses.fields(draft)}
    fields["other_targets"] = list(draft.other_targets)
    fields["spans"] = dict(draft.spans)
    return KPIDraft(**fields)


def _parse(full: str, today: dt.date) -> KPIDraft:
    text = full[:MAX_CHARS]
    draft = KPIDraft(text=full)
    times = find_times(text, today)
    time_spans = [t.span for t in times]
    amounts = [
        a
        for a in find_amounts(text)
        if not any(s < a.span[1] and a.span[0] < e for s, e in time_spans)
    ]

    # 2. numbers that define the metric
    cands: list[_Cand] = []
    prev_skipped: Amount | None = None
    skip_until = -1
    for a in amounts:
        why = _is_definer(text, a, prev_skipped)
        if why == "scale" and cands and cands[-1].unit is None:
            cands[-1].unit = f"/{a.value:g}"
            cands[-1].span = (cands[-1].span[0], a.span[1])
            continue
        if why:
            prev_skipped = a if why == "label" else None
            continue
        prev_skipped = None
        if a.span[0] < skip_until:
            continue
        ratio = re.match(r"\s*:\s*(\d+(?:\.\d+)?)\b", text[a.span[1] :])
        if a.unit is None and ratio and float(ratio.group(1)) > 0:
            # "4:1", "1:4" — a ratio target, read as one number (unit "x")
            end = a.span[1] + ratio.end()
            amt = Amount(a.value / float(ratio.group(1)), "x", (a.span[0], end), a.number_span)
            cands.append(_Cand(amt, "x", span=amt.span))
            skip_until = end
            continue
        cands.append(_Cand(a, a.unit, span=a.span))

    # 4. from–to pairs and ranges
    ranges: list[tuple[_Cand, _Cand]] = []
    for c1, c2 in itertools.pairwise(cands):
        gap = text[c1.amount.span[1] : c2.amount.span[0]]
        before = _before(text, c1.amount.span[0], 15)
        if c1.role != "target" or c2.role != "target":
            continue
        if re.fullmatch(_FROM_TO_GAP, gap) and re.search(
            r"(?i)\bfrom\s*(?:a\s+|the\s+)?(?:current|baseline|level\s+of\s+)?\s*$", before
        ):
            c1.role = "baseline"
            c1.unit = c1.unit or c2.unit
            c2.unit = c2.unit or c1.unit
            c2.extra["fromto"] = c1
        elif re.fullmatch(r"(?i)\s*(?:to|[-–])\s*", gap) or (
            re.fullmatch(r"(?i)\s*and\s*", gap) and re.search(r"(?i)\bbetween\s*$", before)
        ):
            unit = c1.unit or c2.unit
            if c2.unit and c1.unit and c1.unit != c2.unit:
                continue
            lo, hi = c1.amount.value, c2.amount.value
            if "to" in gap.lower() and (
                _DEC.search(text[: c1.amount.span[0]]) or _INC.search(text[: c1.amount.span[0]])
            ):
                # "cut 21 to 14 days": a change, not a band
                c1.role = "baseline"
                c1.unit = c1.unit or c2.unit
                c2.unit = c2.unit or c1.unit
                c2.extra["fromto"] = c1
                continue
            if lo < hi:
                c1.unit = c2.unit = unit
                c1.role = "range"
                c2.role = "range"
                ranges.append((c1, c2))

    # 3. dashboard labels
    for i, c in enumerate(cands):
        before = _before(text, c.amount.span[0], 30)
        if _TARGET_LABEL.search(before):
            c.labelled = True
        elif c.role == "target" and _ACTUAL_LABEL.search(before):
            c.role = "baseline"
        if (
            c.role == "target"
            and i + 1 < len(cands)
            and re.fullmatch(
                r"(?i)\s*(?:vs\.?|versus|against|/)\s*(?:target|goal|plan)?\s*[:\-]?\s*",
                text[c.amount.span[1] : cands[i + 1].amount.span[0]],
            )
        ):
            c.role = "baseline"
            cands[i + 1].labelled = True

    # 6. relative changes and 7. local direction
    for c in cands:
        a = c.amount
        before = _before(text, a.span[0], 12)
        after = _after(text, a.span[1], 20)
        if re.search(
            r"(?i)\b(?:growth|increase|decrease|reduction|improvement|rise|drop|decline|uplift)"
            r"(?:\s+(?:of|by))?\s*[:\-–]?\s*$",
            before,
        ):
            c.relative = True  # "sales growth of 6%", "revenue growth 15%"
        if (
            (a.plus and re.match(r"[+]", text[a.span[0] : a.span[0] + 1]))
            or a.minus
            or re.search(r"(?i)\b(?:by|up(?:\s+by)?|down(?:\s+by)?|an?\s+additional)\s*$", before)
            or _REL_AFTER.match(after)
        ):
            c.relative = True
        c.direction = _direction_near(text, c)
        if a.minus and c.relative:
            c.direction = Direction.DECREASE
        if a.plus and c.relative and not a.minus:
            c.direction = Direction.INCREASE
        rel = _REL_AFTER.match(after)
        if c.direction is None and rel:
            word = rel.group().strip().lower()
            down = ("lower", "reduction", "decrease", "fewer", "less", "drop", "down")
            c.direction = Direction.DECREASE if word in down else Direction.INCREASE
        if c.unit is None:
            noun = _unit_noun(text, a.span[1])
            c.unit = noun or "count"

    # placeholders: "X%", "from X to Y" — no target
    placeholder = _PLACEHOLDER.search(text)

    targets = [c for c in cands if c.role == "target"]
    baselines = [c for c in cands if c.role == "baseline"]
    labelled = [c for c in targets if c.labelled]
    main: _Cand | None = labelled[0] if labelled else (targets[0] if targets else None)
    # A range that comes before any single target is the target.
    if ranges and (main is None or ranges[0][0].amount.span[0] < main.amount.span[0]):
        lo, hi = ranges[0]
        draft.target_low = Quantity(lo.amount.value, lo.unit or "count")
        draft.target_high = Quantity(hi.amount.value, hi.unit or "count")
        draft.spans["target"] = (lo.amount.span[0], hi.amount.span[1])
        draft.direction = _direction_near(text, lo)
        main_span = draft.spans["target"]
        others = targets
    else:
        others = [c for c in targets if c is not main]
        main_span = None
    within = next((t for t in times if t.kind == "within"), None)

    if main is not None and draft.target_low is None:
        unit = main.unit or "count"
        if unit == "count" and _SCORE.search(text):
            unit = "score"
        if unit == "count":
            # "Machine downtime hours – 12", "Debtor days (in days): 45": the metric names the unit
            head = _TIME_HEAD.search(text[: main.amount.span[0]])
            per = head and re.search(
                r"(?i)(?:\bper|/|\ban?|\beach|\bevery)\s*$", text[: head.start("u")]
            )
            if head and not per:
                unit = _TIME_HEAD_UNITS[head.group("u").lower()]
        draft.target = Quantity(main.amount.value, unit, main.relative)
        draft.spans["target"] = main.span
        main_span = main.span
        base = main.extra.get("fromto")
        if isinstance(base, _Cand):
            draft.baseline = Quantity(base.amount.value, base.unit or unit)
            draft.spans["baseline"] = base.amount.span
        draft.direction = main.direction
        if draft.direction is None and isinstance(base, _Cand) and base.unit == main.unit:
            if main.amount.value > base.amount.value:
                draft.direction = Direction.INCREASE
            elif main.amount.value < base.amount.value:
                draft.direction = Direction.DECREASE
    elif main is None and draft.target_low is None and within is not None and not placeholder:
        q = within.value
        if (
            isinstance(q, Quantity)
            and q.unit in ("minutes", "hours", "days", "weeks")
            and not re.search(
                r"(?i)\b(?:next|coming|following)\b", text[within.span[0] : within.span[1]]
            )
            and _TIME_METRIC.search(text)
        ):
            draft.target = q
            draft.spans["target"] = within.span
            draft.direction = Direction.DECREASE
            main_span = within.span
            within = None
    if draft.baseline is None and baselines:
        b = baselines[0]
        if b.role == "baseline":
            draft.baseline = Quantity(b.amount.value, b.unit or "count")
            draft.spans["baseline"] = b.amount.span
    draft.other_targets = [Quantity(c.amount.value, c.unit or "count", c.relative) for c in others]

    # 7. direction, sentence-wide
    inc_words = list(_INC.finditer(text))
    dec_words = list(_DEC.finditer(text))
    keep_words = list(_MAINTAIN.finditer(text))
    lead = text.lstrip(" \t*-•>#0123456789.)").lower()
    maintain = _MAINTAIN.match(lead) is not None or (keep_words and not inc_words and not dec_words)
    if (maintain and draft.direction is None) or (maintain and _MAINTAIN.match(lead)):
        draft.direction = Direction.MAINTAIN
    if draft.direction is None:
        words = [(m.start(), Direction.INCREASE) for m in inc_words]
        words += [(m.start(), Direction.DECREASE) for m in dec_words]
        if main_span is not None:
            # the verb governing the target: the nearest one before it, else the first
            prior = [w for w in words if w[0] < main_span[0]]
            words = sorted(prior)[-1:] or sorted(words)
        if words:
            draft.direction = sorted(words)[0][1]
    none = _NONE_TARGET.search(text)
    if draft.target is None and draft.target_low is None and none and not placeholder:
        # "Open safety snags: none": the target is nothing at all
        draft.target = Quantity(0, "count")
        draft.spans["target"] = none.span("w")
    limit = _LEAD_LIMIT.match(text)
    if draft.direction is None and limit and (draft.target is not None):
        # "Maximum scrap 4%": a limit word opening the sentence sets the direction
        draft.direction = Direction.DECREASE if limit["max"] else Direction.INCREASE
    if draft.direction is None and draft.target is not None and draft.target.value == 0:
        draft.direction = Direction.DECREASE
    if draft.direction is None and re.search(r"(?i)\bzero\b", text):
        draft.direction = Direction.DECREASE
    for m in sorted([*inc_words, *dec_words, *keep_words], key=lambda m: m.start()):
        draft.spans.setdefault("direction", m.span())
        break

    # time
    for t in times:
        if t.kind == "cadence" and draft.period is None and isinstance(t.value, Period):
            draft.period = t.value
            draft.spans["period"] = t.span
        elif t.kind == "deadline" and draft.deadline is None:
            draft.deadline = t.value if isinstance(t.value, dt.date | str) else None
            draft.spans["deadline"] = t.span
    if within is not None and isinstance(within.value, Quantity):
        draft.within = within.value
        draft.spans["within"] = within.span

    # 10. metric
    draft.metric, mspan = _metric(text, amounts, cands, times, main_span)
    if mspan:
        draft.spans["metric"] = mspan
    return draft


_TRAIL_WORDS = frozenset(
    "from to by of at in within for is with and or the than over under below above per a an as "
    "on vs before until till level equal upto up down be been being should must shall will "
    "brought lowered minimised minimized capped maintained kept sustained reduced increased "
    "decreased raised improved boosted".split()
)
_TRAIL_PUNCT = " ,:;-–(<>≤≥=~+\t\n"


def _strip_trail(seg: str) -> str:
    """Drop trailing prepositions, comparators and punctuation ("Defect leakage <")."""
    while True:
        seg = seg.rstrip(_TRAIL_PUNCT)
        cut = max(seg.rfind(" "), seg.rfind("\t"))
        last = seg[cut + 1 :]
        if last.lower() in _TRAIL_WORDS:
            seg = seg[: cut + 1]
            continue
        return seg


def _metric(
    text: str,
    amounts: list[Amount],
    cands: list[_Cand],
    times: list[TimeMatch],
    main_span: tuple[int, int] | None,
) -> tuple[str | None, tuple[int, int] | None]:
    blank = [a.span for a in amounts] + [c.span for c in cands]
    blank += [t.span for t in times if t.kind != "cadence"]
    # "over last year", "vs LY": a comparison, not part of the metric's name
    blank += [
        t.span
        for t in times
        if t.kind == "cadence"
        and re.match(r"(?i)\W*(?:over|vs\.?|versus|compared)\b", text[t.span[0] : t.span[1]])
    ]
    blank += [m.span() for m in _PLACEHOLDER_ANY.finditer(text)]
    if main_span:
        blank.append(main_span)
    work = text
    for s, e in blank:
        e = min(e, len(work))
        if s < e:
            work = work[:s] + "\x00" * (e - s) + work[e:]
    # cut at separators and numbers; keep the chunk with the most words
    best: tuple[int, int] | None = None
    best_len = 0
    for m in re.finditer(r"[^\x00|;:\n\t()\[\]]+", work):
        chunk = m.group()
        start = m.start() + len(chunk) - len(chunk.lstrip(" -–,.*•>#"))
        lead = _FILLER_LEAD.match(work[start : m.end()])
        if lead:
            start += lead.end()
        end = start + len(_strip_trail(work[start : m.end()]))
        seg = work[start:end]
        n = sum(len(w) for w in _WORD.findall(seg))
        if n > best_len and not re.fullmatch(
            r"(?i)\s*(?:target|goal|kpi|objective|actual|metric|measure)s?\s*", seg
        ):
            best, best_len = (start, end), n
    if best is None:
        return None, None
    metric = re.sub(r"\s+", " ", text[best[0] : best[1]]).strip(" -–,.")
    return (metric or None), best
