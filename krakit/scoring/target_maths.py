"""The achievement maths of each target type, vectorised over rows (numpy, no loops).

One function per type, ``(values, polarity) -> (raw achievement %, met)``, declared as a
:class:`~krakit.scoring.targets.TargetKind` in :mod:`krakit.scoring.targets`. The edge cases
(target 0 or negative, actual 0, target equal to baseline) are listed in :mod:`krakit.score`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from krakit.model import Polarity

__all__ = ["EDGE", "Values", "milestone", "progress", "ratio", "slab", "slab_points", "threshold"]

EDGE = 1e-6  # edges compare with a tolerance for float noise (0.1 + 0.2), as the bands do
_SLAB_SPAN = 10_004.0  # above the highest 'at' the model allows (10,000 %)


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


def ratio(v: Values, polarity: Polarity) -> tuple[np.ndarray, np.ndarray]:
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


def progress(v: Values, polarity: Polarity) -> tuple[np.ndarray, np.ndarray]:
    if polarity is Polarity.IN_RANGE:
        return ratio(v, polarity)
    met = _met(v, polarity)
    gap = v.target - v.baseline
    raw = np.where(gap != 0, (v.actual - v.baseline) / gap * 100.0, np.where(met, 100.0, 0.0))
    return raw, met


def threshold(v: Values, polarity: Polarity) -> tuple[np.ndarray, np.ndarray]:
    met = _met(v, polarity)
    return np.where(met, 100.0, 0.0), met


def milestone(v: Values, polarity: Polarity) -> tuple[np.ndarray, np.ndarray]:
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
    where = which * _SLAB_SPAN + np.clip(np.nan_to_num(percent) + EDGE, -1.0, _SLAB_SPAN - 2)
    at = np.maximum(np.searchsorted(line, where, side="right") - 1, 0)
    hit = (line[at] <= where) & (owner[at] == which)
    return np.where(np.isnan(percent), np.nan, np.where(hit, points[at], 0.0))


def slab(v: Values, polarity: Polarity) -> tuple[np.ndarray, np.ndarray]:
    percent, met = ratio(v, polarity)
    slabs = [()] * len(percent) if v.slabs is None else v.slabs
    return slab_points(percent, slabs, v.rows), met
