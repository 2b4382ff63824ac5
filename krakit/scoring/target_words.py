"""The sentence :func:`krakit.explain` prints for each target type, on the user's numbers.

One function per type, ``(worked) -> str``, declared as a
:class:`~krakit.scoring.targets.TargetKind` in :mod:`krakit.scoring.targets`; the slab's
sentence finds its slab with the same maths the score used (:mod:`~krakit.scoring.target_maths`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from krakit.model import Polarity
from krakit.scoring.target_maths import EDGE, Values
from krakit.scoring.target_maths import ratio as _ratio

__all__ = [
    "Worked",
    "describe_milestone",
    "describe_progress",
    "describe_ratio",
    "describe_slab",
    "describe_threshold",
]


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


def describe_ratio(w: Worked, raw: float | None = None) -> str:
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


def describe_progress(w: Worked) -> str:
    if w.polarity is Polarity.IN_RANGE:
        return describe_ratio(w)
    got, n = _pct(w.raw), w.number
    if w.target == w.baseline:
        return f"target equals baseline ({n(w.target)}): met → 100%, not met → 0%; got {got}"
    return (
        f"(actual − baseline) / (target − baseline) = ({n(w.actual)} − {n(w.baseline)}) / "
        f"({n(w.target)} − {n(w.baseline)}) = {got}"
    )


def describe_threshold(w: Worked) -> str:
    level = w.number(w.target) + " " if w.polarity is not Polarity.IN_RANGE else ""
    held = w.share * w.periods
    return f"threshold {level}held in {held:.0f} of {w.periods:.0f} period(s) → {_pct(w.raw)}"


def describe_milestone(w: Worked) -> str:
    done = 1.0 if np.isnan(w.target) else w.target
    state = "done" if w.raw == 100 else "not done yet"
    return f"milestone: done once a period's value reaches {done:g}; {state} → {_pct(w.raw)}"


def describe_slab(w: Worked) -> str:
    numbers = (w.actual, w.target, w.baseline, w.low, w.high)
    one = Values(*(np.array([x], dtype="float64") for x in numbers))
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        percent = float(_ratio(one, w.polarity)[0][0])
    starts = [at for at, _ in w.slabs]
    k = int(np.searchsorted(np.asarray(starts), percent + EDGE, side="right")) - 1
    if k < 0:
        where = f"below the first slab ({starts[0]:g}%) → 0 points"
    else:
        at, points = w.slabs[k]
        span = f"{at:g}–{starts[k + 1]:g}%" if k + 1 < len(starts) else f"{at:g}% and up"
        where = f"falls in slab {span} → {points:g} points"
    if np.isinf(percent):  # lower is better and nothing went wrong: past every slab
        return f"actual {w.number(w.actual)} beats any positive target, so it {where}"
    working = describe_ratio(w, percent)
    return f"% of target: {working}; actual {_pct(percent)} of target {where}"
