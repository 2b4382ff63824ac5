"""Target types as strategies: one object per target type, read by the engine and by explain.

Each :class:`TargetKind` holds everything krakit knows about one way of scoring a target: its
label and one-line explanation (shown where a manager picks the type), the vectorised
achievement for each polarity, how it rolls up over periods, and the sentence
:func:`krakit.explain` prints with the user's numbers in it. The engine
(:mod:`~krakit.scoring.achievement`) never branches on a type's name: it looks the object up
in :data:`TARGET_TYPES` and calls it, so a new type is one object here plus its model field.

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

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from types import MappingProxyType
from typing import Any

import numpy as np

from krakit.model import Aggregation, Polarity, TargetType

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

_EDGE = 1e-6  # edges compare with a tolerance for float noise (0.1 + 0.2), as the bands do
_SLAB_SPAN = 10_004.0  # above the highest 'at' the model allows (10,000 %)


class RollUp(StrEnum):
    """How a target type scores several periods together."""

    VALUE = "value"  # the achievement of the rolled-up actual (sum, mean or last)
    SHARE = "share"  # the share of periods in which the level was held
    DONE = "done"  # done by the latest period


@dataclass
class Values:
    """The numbers of the rows being scored, as parallel arrays (targets already scaled).

    ``slabs`` holds each KPI's slabs as ``((at, points), ...)`` (or None) and ``rows`` the KPI
    of each row; only the slab type reads them.
    """

    actual: np.ndarray
    target: np.ndarray
    baseline: np.ndarray
    low: np.ndarray
    high: np.ndarray
    slabs: Sequence[Any] | None = None
    rows: np.ndarray | None = None


@dataclass(frozen=True)
class Worked:
    """One KPI's total, as :func:`krakit.explain` shows it (numbers in the KPI's unit)."""

    polarity: Polarity
    actual: float
    target: float
    baseline: float
    low: float
    high: float
    raw: float  # the uncapped achievement the engine computed
    # ``target``, ``low`` and ``high`` are those the engine compared with: of the whole span
    # for types scored on the rolled-up actual, of one period for the others
    share: float  # thresholds: the share of periods held (0-1)
    periods: int
    cap: float
    number: Callable[[float], str]  # a number in the KPI's unit ('₹9,00,000', '85%')
    slabs: tuple[tuple[float, float], ...] = ()


Achieve = Callable[[Values, Polarity], tuple[np.ndarray, np.ndarray]]
Describe = Callable[[Worked], str]


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


# ---- the maths, per type -----------------------------------------------------------------


def _met(v: Values, polarity: Polarity) -> np.ndarray:
    a = v.actual
    if polarity is Polarity.HIGHER_IS_BETTER:
        return a >= v.target
    if polarity is Polarity.LOWER_IS_BETTER:
        return a <= v.target
    lo = np.where(np.isnan(v.low), -np.inf, v.low)
    hi = np.where(np.isnan(v.high), np.inf, v.high)
    return (a >= lo) & (a <= hi)


def _in_range(v: Values, met: np.ndarray) -> np.ndarray:
    a = v.actual
    lo = np.where(np.isnan(v.low), -np.inf, v.low)
    hi = np.where(np.isnan(v.high), np.inf, v.high)
    below = np.where((lo > 0) & (a > 0), a / lo * 100.0, 0.0)
    above = np.where((hi > 0) & (a > 0), hi / a * 100.0, 0.0)
    return np.where(met, 100.0, np.where(a < lo, below, above))


def _ratio(v: Values, polarity: Polarity) -> tuple[np.ndarray, np.ndarray]:
    a, t = v.actual, v.target
    met = _met(v, polarity)
    met_pct = np.where(met, 100.0, 0.0)
    if polarity is Polarity.IN_RANGE:
        return _in_range(v, met), met
    if polarity is Polarity.HIGHER_IS_BETTER:
        return np.where(t > 0, np.where(a > 0, a / t * 100.0, 0.0), met_pct), met
    raw = np.where(
        t > 0,
        np.where(a > 0, t / a * 100.0, np.inf),
        np.where(t == 0, np.where(a <= 0, 100.0, 0.0), met_pct),
    )
    return raw, met


def _progress(v: Values, polarity: Polarity) -> tuple[np.ndarray, np.ndarray]:
    if polarity is Polarity.IN_RANGE:
        return _ratio(v, polarity)
    met = _met(v, polarity)
    gap = v.target - v.baseline
    raw = np.where(gap != 0, (v.actual - v.baseline) / gap * 100.0, np.where(met, 100.0, 0.0))
    return raw, met


def _threshold(v: Values, polarity: Polarity) -> tuple[np.ndarray, np.ndarray]:
    met = _met(v, polarity)
    return np.where(met, 100.0, 0.0), met


def _milestone(v: Values, polarity: Polarity) -> tuple[np.ndarray, np.ndarray]:
    met = v.actual >= np.where(np.isnan(v.target), 1.0, v.target)
    return np.where(met, 100.0, 0.0), met


def slab_points(
    percent: np.ndarray, slabs: Sequence[Any], rows: np.ndarray | None = None
) -> np.ndarray:
    """The points of the highest slab at or below each row's % of target (0 below the first).

    ``slabs[k]`` is KPI k's ``((at, points), ...)``, ``at`` increasing; ``rows`` gives each
    row's KPI (None: row i is KPI i). Each distinct slab list is placed once on one number
    line (list j from ``j × 10,004``, past the highest ``at`` allowed) and every row found
    with one binary search.

    Examples
    --------
    >>> steps = ((80.0, 50.0), (90.0, 80.0), (100.0, 100.0), (110.0, 120.0))
    >>> slab_points(np.array([79.9, 80.0, 92.0, 150.0, np.nan]), [steps] * 5).tolist()
    [0.0, 50.0, 80.0, 120.0, nan]
    """
    percent = np.asarray(percent, dtype="float64")
    lists: dict[Any, int] = {}
    list_of = np.array([lists.setdefault(tuple(s or ()), len(lists)) for s in slabs], np.int64)
    which = list_of if rows is None else list_of[rows]
    line = np.array([j * _SLAB_SPAN + at for steps, j in lists.items() for at, _ in steps])
    if not len(line):
        return np.where(np.isnan(percent), np.nan, 0.0)
    points = np.array([p for steps in lists for _, p in steps], dtype="float64")
    owner = np.array([j for steps, j in lists.items() for _ in steps], dtype=np.int64)
    where = which * _SLAB_SPAN + np.clip(np.nan_to_num(percent) + _EDGE, -1.0, _SLAB_SPAN - 2)
    at = np.maximum(np.searchsorted(line, where, side="right") - 1, 0)
    hit = (line[at] <= where) & (owner[at] == which)
    return np.where(np.isnan(percent), np.nan, np.where(hit, points[at], 0.0))


def _slab(v: Values, polarity: Polarity) -> tuple[np.ndarray, np.ndarray]:
    percent, met = _ratio(v, polarity)
    slabs = [()] * len(percent) if v.slabs is None else v.slabs
    return slab_points(percent, slabs, v.rows), met


# ---- the sentences, per type -------------------------------------------------------------


def _pct(value: float) -> str:
    return "—" if value is None or np.isnan(value) else f"{value:.1f}%"


def _bound(w: Worked, value: float, open_end: str) -> str:
    return open_end if np.isnan(value) else w.number(value)


def _describe_range(w: Worked, raw: float, got: str) -> str:
    lo_t, hi_t = _bound(w, w.low, "−∞"), _bound(w, w.high, "+∞")
    if raw == 100:
        return f"inside the range [{lo_t}, {hi_t}] → 100%"
    if not np.isnan(w.low) and w.actual < w.low:
        return f"below the range: actual / low = {w.number(w.actual)} / {lo_t} = {got}"
    return f"above the range: high / actual = {hi_t} / {w.number(w.actual)} = {got}"


def _describe_ratio(w: Worked, raw: float | None = None) -> str:
    raw = w.raw if raw is None else raw
    got = _pct(raw)
    a, t, n = w.actual, w.target, w.number
    if w.polarity is Polarity.IN_RANGE:
        return _describe_range(w, raw, got)
    if w.polarity is Polarity.HIGHER_IS_BETTER:
        if t > 0:
            return f"actual / target = {n(a)} / {n(t)} = {got}"
        return f"target {n(t)} is not positive: 100% if actual ≥ target, else 0% → {got}"
    if t > 0 and a > 0:
        return f"target / actual = {n(t)} / {n(a)} = {got}"
    if t > 0:
        return f"actual {n(a)} beats any positive target → the cap, {w.cap:g}%"
    if t == 0:
        return f"zero target: 100% if actual is 0, else 0%; actual {n(a)} → {got}"
    return f"target {n(t)} is negative: 100% if actual ≤ target, else 0% → {got}"


def _describe_progress(w: Worked) -> str:
    if w.polarity is Polarity.IN_RANGE:
        return _describe_ratio(w)
    got, n = _pct(w.raw), w.number
    if w.target == w.baseline:
        return f"target equals baseline ({n(w.target)}): met → 100%, not met → 0%; got {got}"
    return (
        f"(actual − baseline) / (target − baseline) = ({n(w.actual)} − {n(w.baseline)}) / "
        f"({n(w.target)} − {n(w.baseline)}) = {got}"
    )


def _describe_threshold(w: Worked) -> str:
    level = w.number(w.target) + " " if w.polarity is not Polarity.IN_RANGE else ""
    held = w.share * w.periods
    return f"threshold {level}held in {held:.0f} of {w.periods:.0f} period(s) → {_pct(w.raw)}"


def _describe_milestone(w: Worked) -> str:
    done = 1.0 if np.isnan(w.target) else w.target
    state = "done" if w.raw == 100 else "not done yet"
    return f"milestone: done once a period's value reaches {done:g}; {state} → {_pct(w.raw)}"


def _describe_slab(w: Worked) -> str:
    numbers = (w.actual, w.target, w.baseline, w.low, w.high)
    one = Values(*(np.array([x], dtype="float64") for x in numbers))
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        percent = float(_ratio(one, w.polarity)[0][0])
    starts = [at for at, _ in w.slabs]
    k = int(np.searchsorted(np.asarray(starts), percent + _EDGE, side="right")) - 1
    if k < 0:
        where = f"below the first slab ({starts[0]:g}%) → 0 points"
    else:
        at, points = w.slabs[k]
        span = f"{at:g}–{starts[k + 1]:g}%" if k + 1 < len(starts) else f"{at:g}% and up"
        where = f"falls in slab {span} → {points:g} points"
    if np.isinf(percent):  # lower is better and nothing went wrong: past every slab
        return f"actual {w.number(w.actual)} beats any positive target, so it {where}"
    working = _describe_ratio(w, percent)
    return f"% of target: {working}; actual {_pct(percent)} of target {where}"


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
    label="Ratio",
    explain="Scores actual against target: 90 of 100 is 90% (lower is better: target / actual).",
    rollup=RollUp.VALUE,
    aggregation=None,
    needs_target=True,
    uses_baseline=False,
    example="{metric: revenue, unit: INR, target: 1000000, target_type: ratio}",
    rule_words=_words("higher is better, ratio", "lower is better, ratio", "in range"),
    _achieve=_ratio,
    _describe=_describe_ratio,
)
PROGRESS = TargetKind(
    type=TargetType.PROGRESS,
    label="Progress from a baseline",
    explain="Scores the distance moved from the baseline to the target: 30 → 40 of 50 is 50%.",
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
    _achieve=_progress,
    _describe=_describe_progress,
)
THRESHOLD = TargetKind(
    type=TargetType.THRESHOLD,
    label="Threshold to hold",
    explain="A level to hold every period: scores the share of periods it was held.",
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
    _achieve=_threshold,
    _describe=_describe_threshold,
)
MILESTONE = TargetKind(
    type=TargetType.MILESTONE,
    label="Milestone",
    explain="Done or not: 100% once the value reaches the target (1 when none is set), else 0.",
    rollup=RollUp.DONE,
    aggregation=Aggregation.LAST,
    needs_target=False,
    uses_baseline=False,
    example="{metric: ERP go-live, target_type: milestone}",
    rule_words=_words("milestone", "milestone", "milestone"),
    _achieve=_milestone,
    _describe=_describe_milestone,
)
SLAB = TargetKind(
    type=TargetType.SLAB,
    label="Slabs (stepped points)",
    explain="Points by the slab the % of target falls in: e.g. 80% → 50, 90% → 80, 100% → 100.",
    rollup=RollUp.VALUE,
    aggregation=None,
    needs_target=True,
    uses_baseline=False,
    example=(
        "{metric: revenue, unit: INR, target: 1000000, target_type: slab, slabs: "
        "[{at: 80, points: 50}, {at: 90, points: 80}, {at: 100, points: 100}]}"
    ),
    rule_words=_words("higher is better, slabs", "lower is better, slabs", "in range, slabs"),
    _achieve=_slab,
    _describe=_describe_slab,
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
