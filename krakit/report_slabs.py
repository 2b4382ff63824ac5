"""Slab KPIs in a report: each KPI's slab table, and the slab its actual fell in.

The % of target is worked out by the ratio target type of :mod:`krakit.scoring.targets` (the
same object that scores a slab KPI), and the slab found with
:func:`krakit.text.slabs.slab_index`, so the report says what :func:`krakit.score` and
:func:`krakit.explain` computed.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from krakit.text.slabs import slab_index, slab_ranges

if TYPE_CHECKING:
    import pandas as pd

    from krakit.model import KPI, Scorecard, Slab

__all__ = [
    "SlabLine",
    "percent_of_target",
    "scored_slabs",
    "slab_lines",
    "slab_standing",
    "slab_table",
]


@dataclass(frozen=True, slots=True)
class SlabLine:
    """One slab of a KPI as a report shows it: its range, its points, and whether it was hit."""

    at: float
    upto: float | None
    range: str
    points: float
    reached: bool


def scored_slabs(kpi: KPI) -> list[Slab]:
    """The slabs a KPI is scored by: its slabs when its target type is slab, else none."""
    from krakit.model import TargetType

    return list(kpi.slabs or []) if kpi.target_type is TargetType.SLAB else []


def _nan(value: Any) -> float:
    return math.nan if value is None else float(value)


def percent_of_target(kpi: KPI, actual: float | None, target: float | None) -> float | None:
    """The % of target an actual reaches, as a slab KPI reads it (None: nothing to place).

    ``target`` is the target the score used (for a summed KPI, over the periods scored).

    Examples
    --------
    >>> from krakit.model import KPI
    >>> kpi = KPI(statement="Sales", target=100, polarity="lower_is_better")
    >>> percent_of_target(kpi, 125, 100), percent_of_target(kpi, None, 100)
    (80.0, None)
    """
    import numpy as np

    from krakit.model import TargetType
    from krakit.scoring.targets import TARGET_TYPES, Values

    values = Values(
        *(
            np.array([_nan(x)], dtype="float64")
            for x in (actual, target, kpi.baseline, kpi.target_low, kpi.target_high)
        )
    )
    raw, _ = TARGET_TYPES[TargetType.RATIO].achieve(values, kpi.polarity)
    return None if np.isnan(raw[0]) else float(raw[0])


def slab_lines(kpi: KPI, percent: float | None = None) -> list[SlabLine]:
    """The KPI's slabs, the one ``percent`` falls in marked ``reached`` (none: empty list)."""
    slabs = scored_slabs(kpi)
    hit = slab_index(slabs, percent)
    ends = [*(s.at for s in slabs[1:]), None]
    return [
        SlabLine(s.at, end, span, s.points, i == hit)
        for i, (s, end, span) in enumerate(zip(slabs, ends, slab_ranges(slabs), strict=False))
    ]


def slab_standing(kpi: KPI, percent: float | None) -> str:
    """Where the % of target fell, in words ("" when there is no actual or no slab).

    Examples
    --------
    >>> from krakit.model import KPI
    >>> kpi = KPI(statement="Sales", target=100, target_type="slab",
    ...           slabs=[{"at": 80, "points": 50}, {"at": 100, "points": 100}])
    >>> slab_standing(kpi, 92.0)
    '92.0% of target: slab 80–100% → 50 points'
    >>> slab_standing(kpi, 61.5)
    '61.5% of target: below the first slab (80%) → 0 points'
    """
    if percent is None or not scored_slabs(kpi):
        return ""
    lines = slab_lines(kpi, percent)
    hit = next((line for line in lines if line.reached), None)
    if hit is None:
        return f"{percent:.1f}% of target: below the first slab ({lines[0].at:g}%) → 0 points"
    return f"{percent:.1f}% of target: slab {hit.range} → {hit.points:g} points"


def slab_table(scorecard: Scorecard, totals: pd.DataFrame) -> pd.DataFrame:
    """Every slab of every KPI with slabs, one row each, the slab each actual fell in marked.

    ``totals`` is :attr:`krakit.ScoreResult.totals` (its ``actual`` and ``target`` per KPI).
    Columns: ``kra``, ``kpi`` (its name), ``kpi_id``, ``from_pct``, ``to_pct``, ``range``,
    ``points``, ``reached`` (``"✓"`` or ``""``) and ``standing`` (:func:`slab_standing`).
    """
    import pandas as pd

    by_kpi = totals.set_index("kpi")
    titles = {kpi.id: kra.title for kra in scorecard.kras for kpi in kra.kpis}
    rows = []
    for kpi in scorecard.all_kpis():
        if not scored_slabs(kpi):
            continue
        percent = None
        if kpi.id in by_kpi.index and by_kpi.loc[kpi.id, "periods"] > 0:
            t = by_kpi.loc[kpi.id]
            percent = percent_of_target(kpi, t["actual"], t["target"])
        standing = slab_standing(kpi, percent)
        for line in slab_lines(kpi, percent):
            rows.append(
                {
                    "kra": titles.get(kpi.id, "(no KRA)"),
                    "kpi": kpi.metric or kpi.id,
                    "kpi_id": kpi.id,
                    "from_pct": line.at,
                    "to_pct": line.upto,
                    "range": line.range,
                    "points": line.points,
                    "reached": "✓" if line.reached else "",
                    "standing": standing,
                }
            )
    columns = [
        "kra",
        "kpi",
        "kpi_id",
        "from_pct",
        "to_pct",
        "range",
        "points",
        "reached",
        "standing",
    ]
    return pd.DataFrame(rows, columns=columns)
