"""The closed choices of the file format: kinds, polarities, target types, frequencies...

Examples
--------
>>> [t.value for t in TargetType][:2]
['ratio', 'progress']
"""

from __future__ import annotations

from enum import StrEnum

__all__ = [
    "Aggregation",
    "Frequency",
    "Indicator",
    "KPIType",
    "Kind",
    "Polarity",
    "TargetType",
    "WeightMode",
]


class Kind(StrEnum):
    """What kind of responsibility a KRA is."""

    FUNCTIONAL = "functional"
    ORGANIZATIONAL = "organizational"
    INDIVIDUAL = "individual"


class Polarity(StrEnum):
    """Which way is good for a KPI."""

    HIGHER_IS_BETTER = "higher_is_better"
    LOWER_IS_BETTER = "lower_is_better"
    IN_RANGE = "in_range"


class TargetType(StrEnum):
    """How the target is scored (see the README's scoring section).

    ``ratio``: actual against target; ``progress``: distance travelled from the baseline to the
    target; ``threshold``: a level to hold every period, met or not; ``milestone``: done or not;
    ``slab``: the points of the slab the % of target achieved falls in (see :class:`Slab`).
    """

    RATIO = "ratio"
    PROGRESS = "progress"
    THRESHOLD = "threshold"
    MILESTONE = "milestone"
    SLAB = "slab"


class Frequency(StrEnum):
    """How often a KPI is measured and reviewed."""

    DAILY = "daily"
    WEEKLY = "weekly"
    MONTHLY = "monthly"
    QUARTERLY = "quarterly"
    ANNUAL = "annual"


class KPIType(StrEnum):
    QUANTITATIVE = "quantitative"
    QUALITATIVE = "qualitative"


class Indicator(StrEnum):
    """Leading indicators predict a result; lagging ones record it."""

    LEADING = "leading"
    LAGGING = "lagging"


class Aggregation(StrEnum):
    """How period values roll up (month to quarter to year)."""

    SUM = "sum"
    MEAN = "mean"
    LAST = "last"


class WeightMode(StrEnum):
    """``percent``: weights are percentages that must add to 100; ``relative``: any positive
    numbers, normalised when scoring."""

    PERCENT = "percent"
    RELATIVE = "relative"
