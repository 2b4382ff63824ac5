"""Score a scorecard (or a whole team) from its actuals: vectorised pandas, pure functions.

How a KPI scores (achievement, in percent of target; see the README's scoring section). Each
target type is one object in :mod:`krakit.scoring.targets` (``krakit.TARGET_TYPES``):

===========================  ===================================================
higher_is_better, ratio      actual / target
lower_is_better, ratio       target / actual
progress (either way)        (actual - baseline) / (target - baseline)
in_range                     100 inside [low, high]; actual / low below it,
                             high / actual above it
threshold                    100 if the level is held (per period), else 0
milestone                    100 once done (value >= target, default 1), else 0
slab                         the points of the highest slab at or below the %
                             of target (% of target as ratio; 0 below the first)
===========================  ===================================================

Then achievement is capped (``ScoringConfig.cap``, 120 by default) and floored at 0.
Edge cases, decided once:

* **target 0 or negative** (ratio): no ratio can be formed, so the KPI scores 100 if the
  actual is on the right side of the target (``>=`` for higher, ``<=`` for lower), else 0.
  "Zero defects" (lower, target 0): 0 defects → 100, any defect → 0.
* **actual 0**: higher → 0; lower with a positive target → the cap (better than possible).
* **target equal to baseline** (progress): met / not met as above.
* **negative values**: ratios with a negative actual score 0 (higher) or the cap (lower);
  progress handles any sign.
* **progress without a baseline**: scored as a ratio (``rule`` says so).
* **missing actuals**: the KPI is left out, listed in ``.missing``, and the weights of the
  KPIs (and KRAs) that did score are renormalised to 100% — never a silent zero.
* **text in a number cell**: :class:`~krakit.errors.InputError` naming the row.

Periods: actuals finer than the KPI's frequency roll up to it first (weekly entries of a
monthly KPI), then to the ``by`` level asked for and to the whole scoring period, with the
KPI's aggregation: ``sum`` (amounts, counts: the target scales with the number of KPI
periods covered), ``mean`` (rates, %, days, scores) or ``last`` (levels). Thresholds score
the share of periods held; milestones whether they were done by the latest period.
"""

from krakit.scoring.achievement import STATUSES
from krakit.scoring.definitions import WEIGHT_TOLERANCE, aggregation_of
from krakit.scoring.explain import Explanation, explain
from krakit.scoring.pipeline import score
from krakit.scoring.result import ScoreResult

__all__ = [
    "STATUSES",
    "WEIGHT_TOLERANCE",
    "Explanation",
    "ScoreResult",
    "aggregation_of",
    "explain",
    "score",
]
