"""The metric's name: the parser's last step, :func:`name_metric`.

What is left once the heading, the numbers, the time phrases after the target, comparators,
footnotes and lead verbs ("achieve", "increase") are blanked out, cut at separators; the longest
run of words wins and loses its trailing prepositions and comparators ("Defect leakage <").
"""

from __future__ import annotations

import re

from krakit.text.draft import Span
from krakit.text.lexicon import alt, load
from krakit.text.reading import (
    CMP_WORDS,
    DEC_AFTER,
    INC_AFTER,
    MOVES,
    REL_AFTER,
    Reading,
)

__all__ = ["CADENCE_ADJECTIVE", "name_metric"]

_L = load("parse")
_D = load("direction")
_PLACEHOLDER_ANY = re.compile(r"(?<![A-Za-z0-9])[XYN]{1,2}\b\s?%?")
# Latin and Devanagari words ("मासिक बिक्री"): U+0900-U+097F holds the letters and vowel signs
_WORD = re.compile(r"[A-Za-z\u0900-\u097F][A-Za-z\u0900-\u097F'&\-]*")
_LEAD_WORDS = (
    _L["filler_lead"]
    + MOVES["increase"]
    + MOVES["decrease"]
    + MOVES["maintain"]
    + MOVES["faster"]
    + list(_D["multipliers"])
)
_FILLER_LEAD = re.compile(rf"(?i)^(?:(?:{alt(_LEAD_WORDS)})(?![A-Za-z]|-\w)[\s:,\-–]*)+")


def name_metric(r: Reading) -> None:
    """10. Name the metric: the longest run of words left once everything else is taken out."""
    metric, span = _metric(r)
    r.draft.metric = metric
    if span:
        r.draft.spans["metric"] = span


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
_TRAIL_CMP = re.compile(rf"(?i)(?<![A-Za-z])(?:{CMP_WORDS})\s*$")
# After the target, a clause that tells the past or the reason is not the metric's name
_CLAUSE_AFTER = re.compile(
    r"(?i)\b(?:after|when|while|since|because|whereas|which|though|although|even\s+though|"
    r"despite|unless|compared\s+(?:to|with))\b[^,;|(\n]*"
)
_CLAUSE_WORDS = frozenset(
    "after when while since because whereas which though although despite unless compared".split()
)
_PER_AFTER = re.compile(r"(?i)^\s*(?:per|each|every)\s+[A-Za-z]+")
CADENCE_ADJECTIVE = re.compile(
    r"(?i)\W*(?:daily|weekly|monthly|quarterly|annual|yearly|fortnightly|biweekly)\W*"
)


_TRAIL_MOVES = frozenset(w for words in MOVES.values() for w in words if " " not in w) | {
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
    rf"\W*(?:{alt([*MOVES['increase'], *MOVES['decrease'], *MOVES['maintain']])})\b", re.I
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


def _blanks(r: Reading) -> list[Span]:
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
            adjective = CADENCE_ADJECTIVE.fullmatch(text[s:e])
            if not (adjective and re.match(r"\s+[A-Za-z]", text[e:])):
                blank.append(t.span)
    blank += [m.span() for m in _PLACEHOLDER_ANY.finditer(text)]
    blank += [a.span for a in r.asides if not a.aside.in_name]  # "(see note 1)"
    if r.main_span:
        end = r.main_span[1]
        blank.append(r.main_span)
        rest = text[end:]
        for after in (
            INC_AFTER.match(rest) or DEC_AFTER.match(rest),  # "90% or more"
            REL_AFTER.match(rest),  # "15% more demos"
        ):
            if after:
                blank.append((end, end + after.end()))
        per = _PER_AFTER.match(rest)  # "max 3 per batch": the unit's denominator
        if per:
            blank.append((end, end + per.end()))
        if not _CLAUSE_WORDS.isdisjoint(r.words):
            blank += [m.span() for m in _CLAUSE_AFTER.finditer(text, end)]
    return blank


def _metric(r: Reading) -> tuple[str | None, Span | None]:
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
