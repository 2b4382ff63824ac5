"""The words of each target type: the label and the one line a person choosing it reads.

Light on purpose (no numpy): step 2 of the wizard shows these before scoring is loaded.
:mod:`krakit.scoring.targets` builds each :class:`~krakit.scoring.targets.TargetKind` from
them, so the wizard, sheets and ``explain`` say the same thing.

Examples
--------
>>> LABELS[TargetType.SLAB]
'Slabs (stepped points)'
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from krakit.model import TargetType

__all__ = ["EXPLAIN", "LABELS"]

LABELS: Mapping[TargetType, str] = MappingProxyType(
    {
        TargetType.RATIO: "Ratio",
        TargetType.PROGRESS: "Progress from a baseline",
        TargetType.THRESHOLD: "Threshold to hold",
        TargetType.MILESTONE: "Milestone",
        TargetType.SLAB: "Slabs (stepped points)",
    }
)
"""Each target type's short name, in the model's order."""

EXPLAIN: Mapping[TargetType, str] = MappingProxyType(
    {
        TargetType.RATIO: (
            "Scores actual against target: 90 of 100 is 90% (lower is better: target / actual)."
        ),
        TargetType.PROGRESS: (
            "Scores the distance moved from the baseline to the target: 30 → 40 of 50 is 50%."
        ),
        TargetType.THRESHOLD: (
            "A level to hold every period: scores the share of periods it was held."
        ),
        TargetType.MILESTONE: (
            "Done or not: 100% once the value reaches the target (1 when none is set), else 0."
        ),
        TargetType.SLAB: (
            "Points by the slab the % of target falls in: e.g. 80% → 50, 90% → 80, 100% → 100."
        ),
    }
)
"""Each target type in one line, for the person choosing it."""
