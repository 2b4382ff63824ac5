"""SMART assessment of one KPI: pass or fail for each letter, with the reason."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from krakit.model import KPI

if TYPE_CHECKING:
    from krakit.rules.base import Finding
    from krakit.text.draft import KPIDraft

__all__ = ["Criterion", "SMARTAssessment", "smart"]

_LETTERS = {
    "S": "Specific",
    "M": "Measurable",
    "A": "Achievable",
    "R": "Relevant",
    "T": "Time-bound",
}
_PASS = {
    "S": "one clear measure, in plain words",
    "M": "names what is measured and a number to reach",
    "A": "the target looks reachable and is not already met",
    "R": "measures a result, not activity or a running total",
    "T": "says by when or how often",
}


@dataclass(frozen=True, slots=True)
class Criterion:
    """One SMART letter: passed or not, and why (the first finding's message if not)."""

    letter: str
    name: str
    passed: bool
    reason: str
    codes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class SMARTAssessment:
    """Specific, Measurable, Achievable/Assignable, Relevant, Time-bound: the widget badges."""

    specific: Criterion
    measurable: Criterion
    achievable: Criterion
    relevant: Criterion
    timebound: Criterion
    findings: tuple[Finding, ...] = ()

    @property
    def criteria(self) -> tuple[Criterion, ...]:
        """The five criteria in S, M, A, R, T order."""
        return (self.specific, self.measurable, self.achievable, self.relevant, self.timebound)

    @property
    def passed(self) -> bool:
        """All five pass."""
        return all(c.passed for c in self.criteria)

    @property
    def badges(self) -> str:
        """``'SM·RT'``-style summary: the letter when passed, '·' when not."""
        return "".join(c.letter if c.passed else "·" for c in self.criteria)


def smart(kpi: KPI | str | KPIDraft, *, today: dt.date | None = None) -> SMARTAssessment:
    """Assess a KPI (a record, a statement or a parsed draft) against SMART.

    The badges are derived from :func:`krakit.check` and nothing else: a letter fails exactly
    when an error or warning of its rules stands (suggestions do not fail it), so the KPI step,
    ``krakit check``, the CLI and the report give one verdict. A KRA offered as a KPI fails S
    (C001), M (no target) and T (no timeframe). For a statement the Assignable part (an owner)
    is not judged: a sentence has no owner.

    Examples
    --------
    >>> import krakit
    >>> import datetime as dt
    >>> krakit.smart("Reduce time to hire from 45 to 30 days by March 2027",
    ...              today=dt.date(2026, 11, 23)).badges
    'SMART'
    >>> krakit.smart("Improve quality").badges
    '··AR·'
    """
    from krakit.rules import rule
    from krakit.rules.engine import check

    findings = [
        f
        for f in check(kpi, today=today)
        if rule(f.code).scope == "kpi" and f.severity != "suggestion"
    ]
    crits = {}
    for letter, name in _LETTERS.items():
        mine = [f for f in findings if rule(f.code).smart == letter]
        reason = mine[0].message if mine else _PASS[letter]
        crits[letter] = Criterion(
            letter=letter,
            name=name,
            passed=not mine,
            reason=reason,
            codes=tuple(f.code for f in mine),
        )
    return SMARTAssessment(
        specific=crits["S"],
        measurable=crits["M"],
        achievable=crits["A"],
        relevant=crits["R"],
        timebound=crits["T"],
        findings=tuple(findings),
    )
