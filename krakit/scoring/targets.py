"""Target types as strategies: one object per target type, read by the engine and by explain.

Each :class:`TargetKind` holds everything krakit knows about one way of scoring a target: its
label and one-line explanation (shown where a manager picks the type), the vectorised
achievement for each polarity, how it rolls up over periods, and the sentence
:func:`krakit.explain` prints with the user's numbers in it. The engine
(:mod:`~krakit.scoring.achievement`) never branches on a type's name: it looks the object up
in :data:`TARGET_TYPES` and calls it, so a new type is one object here (its maths in
:mod:`~krakit.scoring.target_maths`, its sentence in :mod:`~krakit.scoring.target_words`)
plus its model field.

===========================  ===================================================
ratio, higher_is_better      actual / target
ratio, lower_is_better       target / actual
progress (either way)        (actual - baseline) / (target - baseline)
in_range (ratio, progress)   100 inside [low, high]; actual / low below it,
                             high / actual above it
threshold                    100 if the level is held (per period), else 0
milestone                    100 once done (value >= target, default 1), else 0
slab                         % of target as ratio does, then the points of the
                             highest slab at or below it (0 below the first)
===========================  ===================================================
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from types import MappingProxyType

import numpy as np

from krakit.model import Aggregation, Polarity, TargetType
from krakit.scoring import target_maths as maths
from krakit.scoring import target_words as words
from krakit.scoring.target_labels import EXPLAIN, LABELS
from krakit.scoring.target_maths import Values, slab_points
from krakit.scoring.target_words import Worked

__all__ = [
    "POLARITIES",
    "TARGET_KINDS",
    "TARGET_TYPES",
    "RollUp",
    "TargetKind",
    "Values",
    "Worked",
    "slab_points",
]

POLARITIES: tuple[Polarity, ...] = tuple(Polarity)
"""The polarities in code order: the engine's ``pol`` column indexes this tuple."""

Achieve = Callable[[Values, Polarity], tuple[np.ndarray, np.ndarray]]
Describe = Callable[[Worked], str]


class RollUp(StrEnum):
    """How a target type scores several periods together."""

    VALUE = "value"  # the achievement of the rolled-up actual (sum, mean or last)
    SHARE = "share"  # the share of periods in which the level was held
    DONE = "done"  # done by the latest period


@dataclass(frozen=True)
class TargetKind:
    """One target type: its words, its maths and its roll-up, in one object.

    Attributes
    ----------
    type
        The :class:`~krakit.model.TargetType` it scores.
    label, explain
        A short name and one line for the person choosing it (the wizard, sheets, docs).
    rollup
        How periods combine: :class:`RollUp`.
    aggregation
        The aggregation it always rolls up with (None: inferred from the unit).
    needs_target
        Whether it cannot score without a target (a milestone defaults to 1, done).
    uses_baseline
        Whether it reads the baseline (explain shows it).
    example
        A YAML snippet of a KPI of this type.
    """

    type: TargetType
    label: str
    explain: str
    rollup: RollUp
    aggregation: Aggregation | None
    needs_target: bool
    uses_baseline: bool
    example: str
    rule_words: Mapping[Polarity, str]
    _achieve: Achieve = field(repr=False)
    _describe: Describe = field(repr=False)

    def achieve(self, values: Values, polarity: Polarity) -> tuple[np.ndarray, np.ndarray]:
        """Raw achievement (%, uncapped) and met (1/0) per row; NaN where it cannot score.

        Examples
        --------
        >>> v = Values(*(np.array([x]) for x in (90.0, 100.0, np.nan, np.nan, np.nan)))
        >>> raw, met = TARGET_TYPES[TargetType.RATIO].achieve(v, Polarity.HIGHER_IS_BETTER)
        >>> float(raw[0]), float(met[0])
        (90.0, 0.0)
        """
        with np.errstate(divide="ignore", invalid="ignore", over="ignore"):  # tiny targets
            raw, met = self._achieve(values, polarity)
        if polarity is Polarity.IN_RANGE:
            needs = np.isnan(values.low) & np.isnan(values.high)
        else:
            needs = np.isnan(values.target) if self.needs_target else np.zeros(len(raw), bool)
        unknown = np.isnan(values.actual) | needs
        return np.where(unknown, np.nan, raw), np.where(unknown, np.nan, met.astype("float64"))

    def describe(self, worked: Worked) -> str:
        """The achievement worked through on one KPI's numbers (the line explain prints)."""
        return self._describe(worked)

    def rule_text(self, polarity: Polarity) -> str:
        """The rule in words for this polarity (``'lower is better, ratio'``)."""
        return self.rule_words[polarity]


def _words(higher: str, lower: str, in_range: str) -> Mapping[Polarity, str]:
    return MappingProxyType(
        {
            Polarity.HIGHER_IS_BETTER: higher,
            Polarity.LOWER_IS_BETTER: lower,
            Polarity.IN_RANGE: in_range,
        }
    )


RATIO = TargetKind(
    type=TargetType.RATIO,
    label=LABELS[TargetType.RATIO],
    explain=EXPLAIN[TargetType.RATIO],
    rollup=RollUp.VALUE,
    aggregation=None,
    needs_target=True,
    uses_baseline=False,
    example="{metric: revenue, unit: INR, target: 1000000, target_type: ratio}",
    rule_words=_words("higher is better, ratio", "lower is better, ratio", "in range"),
    _achieve=maths.ratio,
    _describe=words.describe_ratio,
)
PROGRESS = TargetKind(
    type=TargetType.PROGRESS,
    label=LABELS[TargetType.PROGRESS],
    explain=EXPLAIN[TargetType.PROGRESS],
    rollup=RollUp.VALUE,
    aggregation=Aggregation.LAST,
    needs_target=True,
    uses_baseline=True,
    example="{metric: NPS, baseline: 30, target: 50, target_type: progress}",
    rule_words=_words(
        "higher is better, progress from the baseline",
        "lower is better, progress from the baseline",
        "in range",
    ),
    _achieve=maths.progress,
    _describe=words.describe_progress,
)
THRESHOLD = TargetKind(
    type=TargetType.THRESHOLD,
    label=LABELS[TargetType.THRESHOLD],
    explain=EXPLAIN[TargetType.THRESHOLD],
    rollup=RollUp.SHARE,
    aggregation=None,
    needs_target=True,
    uses_baseline=False,
    example="{metric: uptime, unit: '%', target: 99.5, target_type: threshold}",
    rule_words=_words(
        "threshold to hold (at or above), per period",
        "threshold to hold (at or below), per period",
        "threshold to hold (inside the range), per period",
    ),
    _achieve=maths.threshold,
    _describe=words.describe_threshold,
)
MILESTONE = TargetKind(
    type=TargetType.MILESTONE,
    label=LABELS[TargetType.MILESTONE],
    explain=EXPLAIN[TargetType.MILESTONE],
    rollup=RollUp.DONE,
    aggregation=Aggregation.LAST,
    needs_target=False,
    uses_baseline=False,
    example="{metric: ERP go-live, target_type: milestone}",
    rule_words=_words("milestone", "milestone", "milestone"),
    _achieve=maths.milestone,
    _describe=words.describe_milestone,
)
SLAB = TargetKind(
    type=TargetType.SLAB,
    label=LABELS[TargetType.SLAB],
    explain=EXPLAIN[TargetType.SLAB],
    rollup=RollUp.VALUE,
    aggregation=None,
    needs_target=True,
    uses_baseline=False,
    example=(
        "{metric: revenue, unit: INR, target: 1000000, target_type: slab, slabs: "
        "[{at: 80, points: 50}, {at: 90, points: 80}, {at: 100, points: 100}]}"
    ),
    rule_words=_words("higher is better, slabs", "lower is better, slabs", "in range, slabs"),
    _achieve=maths.slab,
    _describe=words.describe_slab,
)

TARGET_KINDS: tuple[TargetKind, ...] = (RATIO, PROGRESS, THRESHOLD, MILESTONE, SLAB)
"""The target types in code order: the engine's ``tt`` column indexes this tuple."""

TARGET_TYPES: Mapping[TargetType, TargetKind] = MappingProxyType(
    {kind.type: kind for kind in TARGET_KINDS}
)
"""Each :class:`~krakit.model.TargetType` to its :class:`TargetKind`.

Examples
--------
>>> TARGET_TYPES[TargetType.SLAB].label
'Slabs (stepped points)'
>>> sorted(TARGET_TYPES) == sorted(TargetType)
True
"""
