"""What a rule reads: the contexts of a KPI, a KRA and a scorecard, built once per check.

A :class:`KPIContext` merges a parsed statement with its scorecard record (the record's
fields win); :class:`Peers` is what the KPIs of one KRA agree on.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from krakit.model import KPI, KRA, Polarity, Scorecard, TargetType
from krakit.rules.config import CheckConfig
from krakit.rules.deadlines import deadline_when, fiscal_start
from krakit.rules.rewrite import rewrite
from krakit.when import FISCAL_START, When

if TYPE_CHECKING:
    from krakit.text.draft import Classification, KPIDraft

__all__ = ["KPIContext", "KRAContext", "Peers", "ScorecardContext"]

_EVENT_CADENCE = re.compile(
    r"\b(?:each|every|per|at each|at every|after each|after every)\s+(?:\w+\s+)?"
    r"(?:sprint|release|cycle|shift|batch|launch|audit|review|payroll|run|close|season|term|"
    r"semester|project|iteration|quarter|month|week|day|year|campaign|event|period|"
    r"sign-?off|intake|hiring cycle|appraisal)s?\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Peers:
    """What the KPIs of one KRA agree on, worked out once per KRA (fixes read it)."""

    owner: str | None = None
    cadence: str | None = None
    data_source: str | None = None

    @classmethod
    def of(cls, kra: KRA) -> Peers:
        """The one owner and the one data source all KPIs that have one share, and the most
        common frequency (each None when there is none, or no agreement)."""
        from collections import Counter

        owners = {k.owner for k in kra.kpis if k.owner}
        sources = {k.data_source for k in kra.kpis if k.data_source}
        cadences = Counter(str(k.frequency) for k in kra.kpis if k.frequency is not None)
        return cls(
            owner=owners.pop() if len(owners) == 1 else None,
            cadence=cadences.most_common(1)[0][0] if cadences else None,
            data_source=sources.pop() if len(sources) == 1 else None,
        )


@dataclass(slots=True)
class KPIContext:
    """What a KPI rule reads: the statement as parsed, merged with the scorecard record.

    The plain fields (``metric``, ``target``, ``unit``...) are the effective values: the
    record's structured field when it has one, otherwise what the parser read in the text.
    """

    text: str
    draft: KPIDraft
    today: dt.date
    config: CheckConfig
    kpi: KPI | None = None
    kra: KRA | None = None
    scorecard: Scorecard | None = None
    classification: Classification | None = None
    offered: bool = False
    peers: Peers | None = None
    metric: str | None = None
    target: float | None = None
    target_low: float | None = None
    target_high: float | None = None
    unit: str | None = None
    relative: bool = False
    baseline: float | None = None
    polarity: Polarity = Polarity.HIGHER_IS_BETTER
    frequency: str | None = None
    deadline: dt.date | str | None = None
    milestone: bool = False
    lower: str = ""
    fiscal_start: int = FISCAL_START
    when: When | None = None

    @classmethod
    def build(
        cls,
        draft: KPIDraft,
        *,
        today: dt.date,
        config: CheckConfig,
        kpi: KPI | None = None,
        kra: KRA | None = None,
        scorecard: Scorecard | None = None,
        classification: Classification | None = None,
        offered: bool = False,
        peers: Peers | None = None,
    ) -> KPIContext:
        """Merge a parsed statement with its record (the record's fields win)."""
        t = draft.target
        ctx = cls(
            text=draft.text,
            draft=draft,
            today=today,
            config=config,
            kpi=kpi,
            kra=kra,
            scorecard=scorecard,
            classification=classification,
            offered=offered,
            peers=peers,
            metric=draft.metric,
            target=t.value if t is not None else None,
            target_low=draft.target_low.value if draft.target_low else None,
            target_high=draft.target_high.value if draft.target_high else None,
            unit=next(
                (q.unit for q in (t, draft.target_low, draft.baseline) if q is not None), None
            ),
            relative=bool(t is not None and t.relative),
            baseline=draft.baseline.value if draft.baseline is not None else None,
            polarity=draft.polarity,
            frequency=str(draft.period) if draft.period else None,
            deadline=draft.deadline,
            lower=draft.text.lower(),
            fiscal_start=fiscal_start(scorecard, config),
        )
        if draft.within is not None and ctx.deadline is None:
            ctx.deadline = f"within {draft.within}"
        if kpi is not None:
            ctx._merge(kpi)
        ctx.when = ctx._resolve_when()
        return ctx

    def _resolve_when(self) -> When | None:
        """The deadline (or window) as a typed value, read against the scorecard's calendar
        (its fiscal year start) and the day of the check."""
        if self.deadline is None:
            return None
        if self.kpi is not None and self.kpi.deadline is not None:  # the record's own field
            return deadline_when(self.kpi.deadline, self.today, self.fiscal_start)
        parsed = self.draft.when
        if parsed is not None and parsed.kind == "window":
            if parsed.start is None or parsed.end is None:
                return parsed
            length = parsed.end - parsed.start  # counted from the day of the check
            return When(
                "window", parsed.label, self.today, self.today + length, parsed.grain, parsed.count
            )
        if parsed is not None and self.fiscal_start == FISCAL_START:
            return parsed
        # read the words the manager wrote again, against this card's fiscal year
        span = self.draft.spans.get("deadline")
        words = self.text[span[0] : span[1]] if span else str(self.deadline)
        return deadline_when(words, self.today, self.fiscal_start) or parsed

    def _merge(self, kpi: KPI) -> None:
        if kpi.metric:
            self.metric = kpi.metric
        if kpi.target is not None:
            self.target, self.relative = kpi.target, False
        if kpi.target_low is not None or kpi.target_high is not None:
            self.target_low, self.target_high = kpi.target_low, kpi.target_high
        if kpi.unit:
            self.unit = kpi.unit
        if kpi.baseline is not None:
            self.baseline = kpi.baseline
        if kpi.target is not None or "polarity" in kpi.model_fields_set:
            self.polarity = kpi.polarity
        if kpi.frequency is not None:
            self.frequency = str(kpi.frequency)
        if kpi.deadline is not None:
            self.deadline = kpi.deadline
        self.milestone = kpi.target_type is TargetType.MILESTONE
        if self.kra is not None or self.scorecard is not None:
            self.offered = False

    @property
    def is_kra(self) -> bool:
        """The classifier read the statement as a KRA (an area, not a measure)."""
        return self.classification is not None and str(self.classification.label) == "KRA"

    @property
    def has_target(self) -> bool:
        """A number to reach (or a band, or a milestone) is known."""
        return (
            self.target is not None
            or self.target_low is not None
            or self.target_high is not None
            or self.milestone
        )

    @property
    def units_agree(self) -> bool:
        """Target and baseline are in the same unit (or one is a bare number)."""
        t, b = self.draft.target, self.draft.baseline
        if self.kpi is not None and (self.kpi.target is not None or self.kpi.baseline is not None):
            return True
        if t is None or b is None:
            return True
        loose = {"count", "score", ""}
        return t.unit == b.unit or (t.unit in loose and b.unit in loose)

    @property
    def has_timeframe(self) -> bool:
        """A cadence, a deadline or a window is known (the scorecard period counts)."""
        if self.frequency or self.deadline:
            return True
        if _EVENT_CADENCE.search(self.text):
            return True
        return self.scorecard is not None and bool(self.scorecard.period)

    @property
    def threshold(self) -> bool:
        """The target is a level to hold (maintain / threshold), not a change."""
        if self.kpi is not None and self.kpi.target_type is TargetType.THRESHOLD:
            return True
        return str(self.draft.direction or "") == "maintain"

    @property
    def name(self) -> str:
        """How a message names this KPI: its statement, else its metric, else its id."""
        if self.text.strip():
            return _shorten(self.text.strip())
        if self.metric:
            return self.metric
        return self.kpi.id if self.kpi is not None else "this KPI"

    def values(self) -> dict[str, Any]:
        """Values a message template may use."""
        return {
            "text": self.name,
            "metric": self.metric or "the metric",
            "target": _num(self.target),
            "baseline": _num(self.baseline),
            "unit": self.unit or "",
        }

    def example(self) -> str:
        """A concrete rewrite to suggest (see :func:`rewrite`)."""
        return rewrite(self)


@dataclass(slots=True)
class KRAContext:
    """What a KRA rule reads."""

    kra: KRA
    today: dt.date
    config: CheckConfig
    scorecard: Scorecard | None = None
    where: str = ""

    def values(self) -> dict[str, Any]:
        return {"text": _shorten(self.kra.title), "kra": self.kra.id}


@dataclass(slots=True)
class ScorecardContext:
    """What a scorecard rule reads: the scorecard and the KPI contexts already built."""

    scorecard: Scorecard
    today: dt.date
    config: CheckConfig
    kpis: dict[str, KPIContext] = field(default_factory=dict)
    paths: dict[str, str] = field(default_factory=dict)

    def values(self) -> dict[str, Any]:
        return {"text": self.scorecard.role.title}


def _shorten(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _num(value: float | None) -> str:
    if value is None:
        return "?"
    return f"{value:,.2f}".rstrip("0").rstrip(".")
