"""What the parser and the classifier return: plain, typed results.

Enumerated values are ``StrEnum`` members, so ``str(x)`` is the value itself
(``str(Direction.INCREASE) == "increase"``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum

from krakit.model import KPI, Frequency, Polarity, TargetType, slugify
from krakit.when import When

__all__ = ["Classification", "Direction", "KPIDraft", "Label", "Period", "Quantity", "Span"]

Span = tuple[int, int]
"""A half-open character range ``(start, end)`` in the parsed text."""


class Direction(StrEnum):
    INCREASE = "increase"
    DECREASE = "decrease"
    MAINTAIN = "maintain"


class Period(StrEnum):
    DAILY = "daily"
    WEEKLY = "weekly"
    MONTHLY = "monthly"
    QUARTERLY = "quarterly"
    ANNUAL = "annual"


class Label(StrEnum):
    KRA = "KRA"
    KPI = "KPI"


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number with its unit.

    ``unit``: ``"%"``, an ISO 4217 code (``"INR"``), ``"days"``, ``"hours"``, ``"minutes"``,
    ``"weeks"``, ``"months"``, ``"count"``, or the unit noun as written (``"calls"``).
    ``relative`` is True for a change ("by 25%"): ``value`` is then the change itself.
    """

    value: float
    unit: str
    relative: bool = False

    def __str__(self) -> str:
        sign = "+" if self.relative and self.value >= 0 else ""
        number = f"{self.value:,.2f}".rstrip("0").rstrip(".")
        if self.unit == "%":
            return f"{sign}{number}%"
        if self.unit == "count":
            return f"{sign}{number}"
        return f"{sign}{number} {self.unit}"


@dataclass(slots=True)
class KPIDraft:
    """What :func:`krakit.parse_kpi` understood in a KPI sentence.

    ``spans`` maps each field found (``"metric"``, ``"direction"``, ``"target"``,
    ``"baseline"``, ``"period"``, ``"deadline"``...) to its character span in ``text``.
    ``when`` is the deadline (else the window) as a typed :class:`~krakit.when.When`, with
    its first and last day; a deadline with no date ("by my next review") has ``end`` None.
    """

    text: str
    metric: str | None = None
    direction: Direction | None = None
    target: Quantity | None = None
    target_low: Quantity | None = None
    target_high: Quantity | None = None
    baseline: Quantity | None = None
    period: Period | None = None
    deadline: dt.date | str | None = None
    within: Quantity | None = None
    when: When | None = None
    other_targets: list[Quantity] = field(default_factory=list)
    spans: dict[str, Span] = field(default_factory=dict)

    @property
    def polarity(self) -> Polarity:
        """The model polarity this draft implies."""
        if self.target_low is not None and self.target_high is not None:
            return Polarity.IN_RANGE
        if self.direction is Direction.DECREASE:
            return Polarity.LOWER_IS_BETTER
        return Polarity.HIGHER_IS_BETTER

    def to_kpi(self, **overrides: object) -> KPI:
        """A model :class:`~krakit.model.KPI` with the fields this draft found.

        A relative target ("by 25%") with a known baseline becomes an absolute target; without
        one the change is kept as the target with unit ``%`` and the checker will ask for a
        baseline. Keyword arguments override any field.
        """
        unit = next(
            (q.unit for q in (self.target, self.target_low, self.baseline) if q is not None),
            None,
        )
        target = self.target.value if self.target is not None else None
        baseline = self.baseline.value if self.baseline is not None else None
        if self.target is not None and self.target.relative and baseline is not None:
            step = self.target.value
            if self.target.unit == "%" and self.baseline.unit != "%":
                step = baseline * self.target.value / 100
            sign = -1 if self.direction is Direction.DECREASE else 1
            target = baseline + sign * step
            unit = self.baseline.unit
        target_type = TargetType.RATIO
        if self.direction is Direction.MAINTAIN:
            target_type = TargetType.THRESHOLD
        fields: dict[str, object] = {
            "id": slugify(self.metric or self.text, fallback="kpi"),
            "statement": self.text.strip()[:2000],
            "metric": self.metric,
            "unit": unit,
            "polarity": self.polarity,
            "target_type": target_type,
            "baseline": baseline,
            "target": None if self.polarity is Polarity.IN_RANGE else target,
            "target_low": self.target_low.value if self.target_low else None,
            "target_high": self.target_high.value if self.target_high else None,
            "frequency": Frequency(str(self.period)) if self.period else None,
            "deadline": self.deadline,
        }
        fields.update(overrides)
        return KPI.model_validate(fields)


@dataclass(frozen=True, slots=True)
class Classification:
    """Whether a statement is a KRA or a KPI, how sure, and why (sentences a trainer reads)."""

    label: Label
    confidence: float
    reasons: tuple[str, ...] = ()
    suggestions: tuple[str, ...] = ()
