"""Targets written in words, not digits: one declaration per way, read when no number is.

"Double qualified leads" (+100%), "Reduce complaints by half" (−50%), "Open safety snags:
none" (0), "No stockouts of top-50 SKUs" (0), "at least twice a week" (2), "All invoices paid
within 30 days" (100%). The
parser (:func:`krakit.text.target.choose_target`) tries :data:`WORD_TARGETS` in order, only when
the sentence holds no numeric target and no placeholder, and takes the first that reads one.
Each declaration carries examples (sentence → target and direction) that
``tests/text/test_word_targets.py`` parses, and sentences it must leave alone.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from krakit.text.draft import Direction, Quantity
from krakit.text.lexicon import alt, load

__all__ = ["WORD_TARGETS", "WordReading", "WordTarget", "read_word_target"]

_D = load("direction")


@dataclass(frozen=True, slots=True)
class WordReading:
    """A target read from words: the quantity, its direction (None: left to the verbs), span."""

    target: Quantity
    direction: Direction | None
    span: tuple[int, int]


Read = Callable[[str, int, bool], WordReading | None]


@dataclass(frozen=True, slots=True)
class WordTarget:
    """One way of writing a target in words.

    ``read(text, heading, window)`` gets the sentence, where its heading ends and whether it
    names a time window; ``examples`` maps a sentence to ``(value, unit, relative, direction)``
    (direction as the parser finally reads it, or None when any); ``leaves`` must read nothing.
    """

    name: str
    read: Read
    examples: dict[str, tuple[float, str, bool, str | None]]
    leaves: tuple[str, ...] = ()


_NONE = re.compile(r"(?i)[:=|–—-]\s*(?P<w>none|nil)\s*\.?\s*$")


def _none(text: str, heading: int, window: bool) -> WordReading | None:
    m = _NONE.search(text, heading)
    return WordReading(Quantity(0, "count"), None, m.span("w")) if m else None


_MULTIPLIER = re.compile(
    r"(?i)\W*(?:(?:aim|plan|want|need|have|try)\s+to\s+|(?:we|i|the\s+team)\s+(?:will|shall|must)\s+|to\s+)?"
    rf"(?P<w>{alt(_D['multipliers'])})(?![A-Za-z])(?![\s-]*check)"
)


def _multiplier(text: str, heading: int, window: bool) -> WordReading | None:
    m = _MULTIPLIER.match(text, heading)
    if m is None:
        return None
    spec = _D["multipliers"][m["w"].lower()]
    change = Quantity(float(spec["change"]), "%", True)
    return WordReading(change, Direction(spec["direction"]), m.span("w"))


_FRACTIONS = {k.lower(): float(v) for k, v in _D["fractions"].items()}
_FRACTION = re.compile(
    rf"(?i)\b(?:by|in)\s+(?:an?\s+|one[\s-]+)?(?P<w>{alt(_FRACTIONS)})(?![A-Za-z])(?!\s+(?:of|an?)\b)"
)


def _fraction(text: str, heading: int, window: bool) -> WordReading | None:
    m = _FRACTION.search(text, heading)
    if m is None or (m.group().lower().startswith("in") and m["w"].lower() != "half"):
        return None  # "in half" is a change; "in a quarter" is a time
    return WordReading(Quantity(_FRACTIONS[m["w"].lower()], "%", True), None, m.span())


# "No stockouts", "No repeat audit findings": a count to hold at zero (not "no more than")
_NO_COUNT = re.compile(
    r"(?i)\W*(?P<w>no|zero)\s+(?!(?:more|less|fewer|later|longer|than|one|single|new|"
    r"change|need|plan|action|target|data|such)\b)(?:[a-z][a-z-]*\s+){0,3}?[a-z][a-z-]*s\b"
)


_COUNTED = frozenset(load("classify")["amount_words"]) | frozenset(_D["zero_counts"])


def _no_count(text: str, heading: int, window: bool) -> WordReading | None:
    m = _NO_COUNT.match(text, heading)
    if m is None or _COUNTED.isdisjoint(re.findall(r"[a-z-]+", m.group().lower())):
        return None  # "No surprises for customers": nothing counted
    return WordReading(Quantity(0, "count"), Direction.DECREASE, m.span("w"))


# "All invoices paid within 30 days": every one of them meets the service level
_ALL = re.compile(r"(?i)\W*(?P<w>all|every|each)\s+(?!of\s+the\s+above)[a-z]")


def _all_within(text: str, heading: int, window: bool) -> WordReading | None:
    m = _ALL.match(text, heading)
    if m is None or not (window or re.search(r"(?i)\bon[\s-]time\b", text)):
        return None
    return WordReading(Quantity(100, "%"), None, m.span("w"))


_TIMES = {k.lower(): float(v) for k, v in _D["frequency_words"].items()}
_FREQUENCY = re.compile(
    rf"(?i)(?P<cmp>\b(?:at\s+least|minimum|min\.?|no\s+less\s+than)\s+|"
    rf"\b(?:at\s+most|no\s+more\s+than|maximum|max\.?|not\s+more\s+than)\s+)?"
    rf"\b(?P<w>{alt(_TIMES)})\s+(?:a|an|per|each|every|in\s+a)\s+"
    r"(?:day|week|fortnight|month|quarter|year|shift|sprint|term|semester)\b"
)


def _frequency(text: str, heading: int, window: bool) -> WordReading | None:
    m = _FREQUENCY.search(text, heading)
    if m is None:
        return None
    direction = None
    if m["cmp"]:
        floor = m["cmp"].lower().startswith(("at least", "min", "no less"))
        direction = Direction.INCREASE if floor else Direction.DECREASE
    return WordReading(Quantity(_TIMES[m["w"].lower()], "count"), direction, m.span("w"))


WORD_TARGETS: tuple[WordTarget, ...] = (
    WordTarget(
        "none",
        _none,
        {"Open safety snags: none": (0, "count", False, "decrease")},
        leaves=("None of the above",),
    ),
    WordTarget(
        "multiplier",
        _multiplier,
        {
            "Double qualified leads by December 2027": (100, "%", True, "increase"),
            "Halve rework on the paint line": (50, "%", True, "decrease"),
            "We will triple repeat orders": (200, "%", True, "increase"),
        },
        leaves=("Double-check every invoice",),
    ),
    WordTarget(
        "fraction",
        _fraction,
        {
            "Reduce complaints by half": (50, "%", True, "decrease"),
            "Cut overtime hours by a third this year": (100 / 3, "%", True, "decrease"),
            "Grow school enrolment by a quarter": (25, "%", True, "increase"),
            "Cut customer complaints in half by December": (50, "%", True, "decrease"),
        },
        leaves=("Reduce waste by half of what the audit found", "Close 40 deals in a quarter"),
    ),
    WordTarget(
        "no-count",
        _no_count,
        {
            "No stockouts of top-50 SKUs": (0, "count", False, "decrease"),
            "No repeat audit findings this year": (0, "count", False, "decrease"),
            "No lost-time injuries on site": (0, "count", False, "decrease"),
        },
        leaves=(
            "No more than 3 escalations",
            "No new hires this year",
            "No change in process",
            "No surprises for customers",
        ),
    ),
    WordTarget(
        "frequency",
        _frequency,
        {
            "Deploy to production at least twice a week": (2, "count", False, "increase"),
            "Run a fire drill once a quarter in every block": (1, "count", False, None),
            "Parent-teacher meetings thrice a term": (3, "count", False, None),
        },
        leaves=("Once the system is live, cut errors",),
    ),
    WordTarget(
        "all-within",
        _all_within,
        {
            "All invoices paid within 30 days": (100, "%", False, None),
            "Every shipment dispatched on time": (100, "%", False, None),
        },
        leaves=("All staff to attend the town hall",),
    ),
)
"""Word targets, tried in order when the sentence has no numeric target."""


def read_word_target(text: str, heading: int = 0, window: bool = False) -> WordReading | None:
    """The first :data:`WORD_TARGETS` reading of ``text`` (after its heading), or None.

    Examples
    --------
    >>> read_word_target("Reduce complaints by half").target
    Quantity(value=50.0, unit='%', relative=True)
    >>> read_word_target("Improve morale") is None
    True
    """
    for declaration in WORD_TARGETS:
        found = declaration.read(text, heading, window)
        if found is not None:
            return found
    return None
