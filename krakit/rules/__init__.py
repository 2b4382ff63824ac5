"""The mistake checker: a catalogue of rules over KPIs, KRAs and scorecards.

Each family is a module that declares its rules and a ``__rules__`` tuple; this package lists
the modules by name (no directory scanning) and chains them into one catalogue. A code is the
family letter plus three digits, so ``--ignore M`` or ``ignore: [W00]`` switch off by prefix.

=====  ===============  ===========================================================
code   module           what it looks at
=====  ===============  ===========================================================
M      measurable       an indicator and a number to reach
S      specific         vague words, escape clauses, two measures in one, catch-all KRAs
T      timebound        a deadline or a cadence, and both against the scorecard's period
A      achievable       unrealistic and unambitious targets, absolutes
R      relevant         the KPI measures its KRA's result, not activity or vanity
C      confusion        KRA versus KPI
O      ownership        owner, data source, review
W      weights          KRA and KPI weights that add up to 100
W      scorecard        links, counts, balance, duplicates, fresh actuals
W      duplicate_kras   one KRA written twice (typos, order, plurals)
D      definitions      a KPI's metric definition against its unit, name, frequency, data
G      alignment        across a workspace's scorecards and its goal tree (goals.yaml)
X      meta             the checker's own settings (unknown codes)
=====  ===============  ===========================================================

A rule may also declare a fix krakit applies itself (``Rule.autofix``); :mod:`krakit.rules.fixes`
applies it (``apply_fix``, ``fix_all``) and says what it does (``describe``).
"""

from __future__ import annotations

import importlib
from functools import lru_cache

from krakit.rules.assessment import Criterion, SMARTAssessment, smart
from krakit.rules.base import Finding, Rule, Severity, Status, findings_frame
from krakit.rules.config import CheckConfig
from krakit.rules.engine import check

__all__ = [
    "FAMILIES",
    "CheckConfig",
    "Criterion",
    "Finding",
    "Rule",
    "SMARTAssessment",
    "Severity",
    "Status",
    "check",
    "findings_frame",
    "rule",
    "rules",
    "smart",
]

FAMILIES: tuple[str, ...] = (
    "measurable",
    "specific",
    "timebound",
    "achievable",
    "relevant",
    "confusion",
    "ownership",
    "weights",
    "scorecard",
    "duplicate_kras",
    "definitions",
    "alignment",
    "meta",
)
"""The family modules, in catalogue order."""


@lru_cache(maxsize=1)
def _catalogue() -> tuple[Rule, ...]:
    chained: list[Rule] = []
    for name in FAMILIES:
        module = importlib.import_module(f"krakit.rules.{name}")
        chained.extend(module.__rules__)
    return tuple(chained)


def rules(prefix: str | None = None) -> list[Rule]:
    """List the rule catalogue, optionally only the codes starting with ``prefix``.

    Examples
    --------
    >>> from krakit.rules import rules
    >>> [r.code for r in rules("T")]
    ['T001', 'T002', 'T003', 'T004', 'T005']
    """
    chosen = _catalogue()
    if prefix:
        chosen = tuple(r for r in chosen if r.code.startswith(prefix.strip().upper()))
    return list(chosen)


def rule(code: str) -> Rule:
    """The rule with this code (``KeyError`` if there is none)."""
    for item in _catalogue():
        if item.code == code.strip().upper():
            return item
    raise KeyError(code)
