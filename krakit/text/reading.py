"""What the parser's steps share: the reading they fill in and the direction words they test.

:class:`Reading` is the state that :data:`krakit.text.parse.STEPS` pass from one to the next;
a :class:`Candidate` is one number that may be the target. The comparators and move words of
``lexicon/direction.yaml`` ("at least", "or less", "increase", "maintain") are compiled here
once, for the modules that read targets (:mod:`krakit.text.target`), directions
(:mod:`krakit.text.direction`) and the metric's name (:mod:`krakit.text.metric_name`).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from krakit.text.asides import AsideMatch
from krakit.text.draft import Direction, KPIDraft, Span
from krakit.text.lexicon import WordList, alt, load, phrase_re
from krakit.text.numbers import Amount
from krakit.text.time import TimeMatch

__all__ = [
    "CMP_WORDS",
    "DEC",
    "DEC_AFTER",
    "DEC_BEFORE",
    "FASTER",
    "INC",
    "INC_AFTER",
    "INC_BEFORE",
    "MAINTAIN",
    "MOVES",
    "REL_AFTER",
    "TARGET_LABEL",
    "Candidate",
    "Reading",
]

_L = load("parse")
_D = load("direction")
_CMP = {c["name"]: c for c in _D["comparators"]}
MOVES = {m["direction"]: m["words"] for m in _D["moves"]}

INC_BEFORE = phrase_re(_CMP["floor"]["before"], before=True)
DEC_BEFORE = phrase_re(_CMP["ceiling"]["before"], before=True)
INC_AFTER = phrase_re(_CMP["floor"]["after"], after=True)
DEC_AFTER = phrase_re(_CMP["ceiling"]["after"], after=True)
REL_AFTER = phrase_re(_L["relative_after"], after=True)
INC = WordList.of(MOVES["increase"])
DEC = WordList.of(MOVES["decrease"])
MAINTAIN = WordList.of(MOVES["maintain"])
FASTER = WordList.of(MOVES["faster"])  # a time goes down, anything else up
CMP_WORDS = alt(
    w for c in _D["comparators"] for w in c["before"] if w not in ("up", "down", "zero", "+")
)


TARGET_LABEL = re.compile(
    rf"(?i)(?<![A-Za-z])(?:{alt(_L['target_labels'])})(?:\s+(?:of|is|at|to|for|:|(?:would|will|should|must|shall|can)\s+be|(?:is\s+)?set\s+at))?"
    # a log-frame's "Target (2025): 32%", "Target [FY27] - 40"
    r"(?:\s*[(\[][^()\[\]]{1,24}[)\]])?"
    rf"\s*[:=\-–]?\s*(?:of\s+)?(?P<cmp>(?:{CMP_WORDS})\s*)?$"
)


@dataclass
class Candidate:
    """One number that may be the target, with what the steps have read of it."""

    amount: Amount
    unit: str | None
    role: str = "target"  # target | baseline | range
    labelled: bool = False
    relative: bool = False
    direction: Direction | None = None
    span: Span = (0, 0)
    extra: dict[str, object] = field(default_factory=dict)


@dataclass
class Reading:
    """What the steps have read so far; each step reads and fills some of it."""

    text: str
    today: dt.date
    draft: KPIDraft
    words: frozenset[str] = frozenset()
    heading: int = 0
    times: list[TimeMatch] = field(default_factory=list)
    asides: list[AsideMatch] = field(default_factory=list)
    amounts: list[Amount] = field(default_factory=list)
    cands: list[Candidate] = field(default_factory=list)
    ranges: list[tuple[Candidate, Candidate]] = field(default_factory=list)
    main: Candidate | None = None
    main_span: Span | None = None
    within: TimeMatch | None = None
    placeholder: bool = False
