"""Read a KPI sentence into its SMART fields: :func:`parse_kpi`.

The parser is a table of named steps, :data:`STEPS`, each reading one thing from the sentence
into a shared :class:`Reading`, in this order (word lists are data in ``lexicon/parse.yaml``
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

This module is the table and the engine; the steps live by what they read: the heading in
:mod:`krakit.text.heading`, steps 3–7 in :mod:`krakit.text.target`, step 8 in
:mod:`krakit.text.direction`, step 10 in :mod:`krakit.text.metric_name`, and the state they
share in :mod:`krakit.text.reading`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import time
from collections.abc import Callable
from functools import lru_cache

from krakit.text.asides import find_asides
from krakit.text.definers import (
    DEFINERS,
    Definer,
)
from krakit.text.direction import read_direction
from krakit.text.draft import KPIDraft, Period, Quantity
from krakit.text.heading import heading_end
from krakit.text.lexicon import alt, load, words_of
from krakit.text.metric_name import CADENCE_ADJECTIVE, name_metric
from krakit.text.numbers import find_amounts
from krakit.text.reading import (
    Reading,
)
from krakit.text.target import (
    choose_target,
    pair_ranges,
    read_changes,
    read_labels,
    set_aside_definers,
)
from krakit.text.time import TimeMatch, find_times

__all__ = ["DEFINERS", "MAX_CHARS", "PLACEHOLDER", "STEPS", "Definer", "heading_end", "parse_kpi"]

MAX_CHARS = 4000


PLACEHOLDER = re.compile(
    r"(?<![A-Za-z0-9])(?:[XYNZ]{1,3}|x{1,3}|n|\?+|_+|\[[^\]]{0,10}\]|<[^>]{0,10}>)\s?"
    r"(?:%|percent\b|nos?\b\.?|days?\b|hours?\b)"
    # "X new products": a capital placeholder counting a plural noun
    r"|(?<![A-Za-z0-9'])[XN](?:\s+(?:new|more|additional|extra))?\s+[a-z]{3,}s\b",
)
"""A number still to be filled in ("X%", "N days", "X new products")."""


# -- the steps ------------------------------------------------------------------------------


def read_heading(r: Reading) -> None:
    """1. Set a heading or OKR prefix aside ("KRA 3 –", "Key result 2:")."""
    r.heading = heading_end(r.text)


def read_times(r: Reading) -> None:
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


def place_times(r: Reading) -> None:
    """9. File the time phrases: cadence → period, point → deadline, window → within."""
    draft = r.draft
    cadences = [t for t in r.times if t.kind == "cadence" and isinstance(t.value, Period)]
    if len({t.value for t in cadences}) > 1:
        # "monthly recurring revenue by 8% every quarter": the adjective names the metric
        cadences = [t for t in cadences if not _names_metric(r.text, t)] or cadences
    if cadences:
        draft.period = cadences[0].value  # type: ignore[assignment]
        draft.spans["period"] = cadences[0].span
    deadlines = [
        t
        for t in r.times
        if t.kind == "deadline" and not _baseline_time(draft, t) and not _actuals_time(r.text, t)
    ]
    if deadlines:
        # "from FY2025-26 levels by FY2027-28": the one a deadline word introduces wins
        t = next((d for d in deadlines if d.dated), deadlines[0])
        draft.deadline = t.value if isinstance(t.value, dt.date | str) else None
        draft.when = t.when
        draft.spans["deadline"] = t.span
    within = r.within
    if within is not None and isinstance(within.value, Quantity) and within.timeframe:
        if _actuals_time(r.text, within):
            within = None
    if within is not None and isinstance(within.value, Quantity) and within.timeframe:
        draft.within = within.value
        draft.when = draft.when or within.when
        draft.spans["within"] = within.span


def _names_metric(text: str, t: TimeMatch) -> bool:
    """A cadence adjective right before a noun names the metric ("monthly recurring revenue")."""
    s, e = t.span
    return bool(CADENCE_ADJECTIVE.fullmatch(text[s:e]) and re.match(r"\s+[A-Za-z]", text[e:]))


_BRACKET = re.compile(r"[(\[][^()\[\]]*[)\]]")
_CLAUSE_EDGE = re.compile(r"[()\[\],;|]")
_PARSE_WORDS = load("parse")
_ACTUAL_WORDS = re.compile(
    rf"(?i)(?<![A-Za-z])(?:{alt(_PARSE_WORDS['actual_time_words'])})(?![A-Za-z])"
)
_TARGET_WORDS = re.compile(
    rf"(?i)(?<![A-Za-z])(?:{alt(_PARSE_WORDS['target_labels'])})(?![A-Za-z])"
)


def _clause(text: str, span: tuple[int, int]) -> str:
    """The part of ``text`` a time belongs to: the bracket around it, else the stretch between
    commas, semicolons and bars ("98% (Q1 actual 94.6%)", "target 15, 8 achieved in Oct")."""
    s, e = span
    for m in _BRACKET.finditer(text):
        if m.start() < s and e < m.end():
            return m.group()[1:-1]
    edges = [m.start() for m in _CLAUSE_EDGE.finditer(text)]
    start = max((i + 1 for i in edges if i < s), default=0)
    return text[start : min((i for i in edges if i >= e), default=len(text))]


def _actuals_time(text: str, t: TimeMatch) -> bool:
    """A time in the actual's clause dates the actual ("98% (Q1 actual 94.6%)", "8 achieved in
    Oct", "14.2 days (actual, Q2)"), not the target."""
    clause = _clause(text, t.span)
    return bool(_ACTUAL_WORDS.search(clause)) and not _TARGET_WORDS.search(clause)


def _baseline_time(draft: KPIDraft, t: TimeMatch) -> bool:
    """A time between the baseline and the target dates the baseline ("from 62% in 2024 to")."""
    base, target = draft.spans.get("baseline"), draft.spans.get("target")
    return bool(base and target and base[1] <= t.span[0] and t.span[1] <= target[0])


STEPS: tuple[Callable[[Reading], None], ...] = (
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
    reading = Reading(text=text, today=today, draft=KPIDraft(text=full), words=words_of(text))
    for step in STEPS:
        step(reading)
    return reading.draft
