"""The KPIs of one or more scorecards as one table of codes and normalised weights.

Scoring reads each KPI once, here: its polarity and target type as positions in
:data:`~krakit.scoring.targets.POLARITIES` and :data:`~krakit.scoring.targets.TARGET_KINDS`
(the engine looks the object up, it never does arithmetic on a code), its aggregation, its
frequency as a period length, its thresholds and slabs, and its weight and its KRA's weight
as fractions (:mod:`~krakit.scoring.weights`).
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from krakit.actuals import MAX_VALUE
from krakit.errors import ScorecardError
from krakit.model import (
    KPI,
    Aggregation,
    Frequency,
    KPIType,
    Polarity,
    Scorecard,
    ScoringConfig,
    TargetType,
)
from krakit.periods import LEVELS, Level
from krakit.scoring.targets import POLARITIES, TARGET_KINDS, TARGET_TYPES
from krakit.scoring.weights import WEIGHT_TOLERANCE, shares

__all__ = [
    "AGG_CODE",
    "BY_LEVEL",
    "FREQ_LEVEL",
    "HIGHER",
    "IN_RANGE",
    "LAST",
    "LOWER",
    "MEAN",
    "POLARITY_CODE",
    "SUM",
    "TARGET_CODE",
    "WEIGHT_TOLERANCE",
    "aggregation_of",
    "kpi_definitions",
    "scored_type",
    "target_range",
]


# The definitions hold small integer columns (``pol``, ``tt``, ``agg``, vectorised): ``pol``
# and ``tt`` are positions in POLARITIES and TARGET_KINDS, where the engine looks them up.
POLARITY_CODE = {polarity: i for i, polarity in enumerate(POLARITIES)}
TARGET_CODE = {kind.type: i for i, kind in enumerate(TARGET_KINDS)}
HIGHER, LOWER, IN_RANGE = (POLARITY_CODE[p] for p in POLARITIES)
SUM, MEAN, LAST = 0, 1, 2
AGG_CODE = {Aggregation.SUM: SUM, Aggregation.MEAN: MEAN, Aggregation.LAST: LAST}
FREQ_LEVEL = {
    Frequency.DAILY: Level.DAY,
    Frequency.WEEKLY: Level.WEEK,
    Frequency.MONTHLY: Level.MONTH,
    Frequency.QUARTERLY: Level.QUARTER,
    Frequency.ANNUAL: Level.YEAR,
}
BY_LEVEL = {"month": Level.MONTH, "quarter": Level.QUARTER, "half": Level.HALF, "year": Level.YEAR}
_MEAN_UNITS = {
    "%",
    "percent",
    "score",
    "rating",
    "nps",
    "index",
    "ratio",
    "x",
    "points",
    "days",
    "hours",
    "minutes",
    "weeks",
    "months",
    "stars",
}


# A metric that is itself an average or a rate ("Average order value", "Revenue per
# employee", "Cost per hire") is averaged over periods even when its unit is an amount:
# two months of a ₹40,000 average order are not an ₹80,000 order.
_MEAN_METRIC_WORDS = frozenset({"average", "avg", "mean", "median", "per", "rate", "ratio"})


def aggregation_of(kpi: KPI) -> Aggregation:
    """The KPI's aggregation, inferred from its unit and metric when not set.

    Milestones and progress targets (with a baseline) roll up with ``last``; ``%``, scores
    and durations with ``mean``; a metric
    that is an average or a rate ("average order value", "cost per hire") with ``mean``;
    currencies, counts and other nouns ("calls", "hires") with ``sum``; no unit with ``mean``.

    Examples
    --------
    >>> aggregation_of(KPI(id="revenue", unit="INR")).value
    'sum'
    >>> aggregation_of(KPI(id="time-to-hire", unit="days")).value
    'mean'
    >>> aggregation_of(KPI(id="aov", metric="Average order value", unit="INR")).value
    'mean'
    """
    if kpi.aggregation is not None:
        return kpi.aggregation
    # a milestone is done or not by now; progress is how far the metric has moved from the
    # baseline: where it stands now, not the average of every step on the way
    fixed = TARGET_TYPES[scored_type(kpi)[0]].aggregation
    if fixed is not None:
        return fixed
    unit = (kpi.unit or "").strip()
    if not unit or unit.lower() in _MEAN_UNITS:
        return Aggregation.MEAN
    words = re.split(r"[^a-z]+", (kpi.metric or kpi.id).lower())
    if _MEAN_METRIC_WORDS.intersection(words):
        return Aggregation.MEAN
    return Aggregation.SUM


_DEF_COLUMNS = [
    "card",
    "kra",
    "kra_title",
    "kpi",
    "metric",
    "unit",
    "pol",
    "tt",
    "agg",
    "freq",
    "baseline",
    "target",
    "low",
    "high",
    "slabs",
    "green",
    "amber",
    "kra_w",
    "kpi_w",
    "rule",
]


class Shared:
    """A value kept in a frame's ``attrs`` and never changed: pandas deep-copies attrs on every
    column read, and a ``Shared`` one is handed on instead of copied (50,000 KPI ids or KRA
    titles copied per read made a 5,000-card score seconds slower)."""

    def __deepcopy__(self, memo: dict[int, object]) -> Shared:
        return self


class _Ids(Shared, frozenset[str]):
    """KPI ids in ``attrs``, shared."""


class SharedArray(Shared, np.ndarray):  # type: ignore[misc]
    """An array in ``attrs``, shared (``arr.view(SharedArray)``)."""


def kpi_definitions(
    cards: Sequence[Scorecard], config: ScoringConfig
) -> tuple[pd.DataFrame, list[str]]:
    """One row per KPI of each distinct scorecard, with normalised weights and codes."""
    rows: list[dict[str, Any]] = []
    notes: list[str] = []
    for c, card in enumerate(cards):
        kra_w, note = shares([k.weight for k in card.kras], card.weights, "the KRAs")
        if note:
            notes.append(note)
        groups = [(kra, kra_w[i], kra.kpis) for i, kra in enumerate(card.kras)]
        if card.unassigned_kpis:
            notes.append(
                f"{len(card.unassigned_kpis)} KPI(s) are not linked to a KRA; they are scored "
                "but do not count towards the overall score"
            )
            groups.append((None, 0.0, card.unassigned_kpis))
        for kra, kra_share, kpis in groups:
            where = f"the KPIs of '{kra.id}'" if kra else "the unassigned KPIs"
            kpi_w, note = shares([k.weight for k in kpis], card.weights, where)
            if note and kra is not None:
                notes.append(note)
            for j, kpi in enumerate(kpis):
                rows.append(_definition(c, kra, kra_share, kpi, kpi_w[j], config))
    defs = pd.DataFrame(rows, columns=_DEF_COLUMNS)
    defs.attrs["unweighted"] = _Ids(  # KPIs given an equal share because none was typed
        k.id for card in cards for k in card.all_kpis() if k.weight is None
    )
    defs.attrs["qualitative"] = _Ids(  # for the fix of a KPI with no target (a rating scale)
        k.id for card in cards for k in card.all_kpis() if k.type is KPIType.QUALITATIVE
    )
    for col in ("baseline", "target", "low", "high", "freq", "kra_w", "kpi_w"):
        defs[col] = defs[col].astype("float64")
    for col in ("card", "pol", "tt", "agg"):  # typed even with no KPIs at all
        defs[col] = defs[col].astype("int64")
    return defs, notes


def scored_type(kpi: KPI) -> tuple[TargetType, str]:
    """The target type a KPI is scored with, and the rule's name in words.

    A progress target without a baseline cannot measure progress: it scores as a ratio.

    Examples
    --------
    >>> scored_type(KPI(id="nps", target=50, target_type="progress"))
    (<TargetType.RATIO: 'ratio'>, 'ratio (progress needs a baseline; none is set)')
    >>> scored_type(KPI(id="nps", target=50, baseline=30, target_type="progress"))[1]
    'progress'
    """
    if kpi.target_type is TargetType.PROGRESS and kpi.baseline is None:
        return TargetType.RATIO, "ratio (progress needs a baseline; none is set)"
    return kpi.target_type, kpi.target_type.value


def target_range(kpi: KPI) -> tuple[float | None, float | None]:
    """The lowest and highest good values of a KPI; an in-range KPI's single target is both.

    Examples
    --------
    >>> target_range(KPI(id="util", polarity="in_range", target=80))
    (80.0, 80.0)
    >>> target_range(KPI(id="util", polarity="in_range", target_low=70, target_high=85))
    (70.0, 85.0)
    """
    low, high = kpi.target_low, kpi.target_high
    if kpi.polarity is Polarity.IN_RANGE and low is None and high is None:
        low = high = kpi.target
    return low, high


def _definition(
    card: int, kra: Any, kra_share: float, kpi: KPI, kpi_share: float, config: ScoringConfig
) -> dict[str, Any]:
    thresholds = kpi.thresholds or config.thresholds
    tt, rule = scored_type(kpi)
    low, high = target_range(kpi)
    freq = FREQ_LEVEL.get(kpi.frequency) if kpi.frequency else None
    for name in ("baseline", "target", "target_low", "target_high"):
        number = getattr(kpi, name)
        if number is not None and not (math.isfinite(number) and abs(number) <= MAX_VALUE):
            where = f"kras[{kra.id}].kpis[{kpi.id}]" if kra else f"unassigned_kpis[{kpi.id}]"
            raise ScorecardError(
                f"expected a number up to 10^15, got {number!r}; write the {name} in digits",
                field=f"{where}.{name}",
                value=number,
            )
    return {
        "card": card,
        "kra": kra.id if kra else None,
        "kra_title": kra.title if kra else "(no KRA)",
        "kpi": kpi.id,
        "metric": kpi.metric or kpi.statement or kpi.id,
        "unit": kpi.unit,
        "pol": POLARITY_CODE[kpi.polarity],
        "tt": TARGET_CODE[tt],
        "agg": AGG_CODE[aggregation_of(kpi)],
        "freq": LEVELS[freq] if freq else np.nan,
        "baseline": kpi.baseline,
        "target": kpi.target,
        "low": low,
        "high": high,
        "green": thresholds.green,
        "amber": thresholds.amber,
        "kra_w": kra_share,
        "kpi_w": kpi_share,
        "rule": rule,
        "slabs": tuple((s.at, s.points) for s in kpi.slabs) if kpi.slabs else None,
    }
