"""Achievement: the scoring maths per polarity × target type, vectorised over rows.

The formulas and their edge cases are listed in :mod:`krakit.score`'s docstring.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from krakit.scoring.definitions import (
    HIGHER,
    IN_RANGE,
    LOWER,
    MILESTONE,
    PROGRESS,
    SUM,
    TARGET_CODE,
    THRESHOLD,
)
from krakit.scoring.rollup import Rows

__all__ = ["STATUSES", "achieve", "raw_achievement", "status_of"]


STATUSES = ("green", "amber", "red")


def status_of(achievement: np.ndarray, green: np.ndarray, amber: np.ndarray) -> pd.Categorical:
    # edges compare with a tolerance for float noise (0.1 + 0.2 style), as the bands do
    code = np.full(len(achievement), 2, dtype=np.int8)
    code -= achievement >= amber - 1e-6
    code -= achievement >= green - 1e-6
    code[np.isnan(achievement)] = -1
    return pd.Categorical.from_codes(code, categories=list(STATUSES))


def raw_achievement(
    a: np.ndarray,
    t: np.ndarray,
    b: np.ndarray,
    low: np.ndarray,
    high: np.ndarray,
    pol: int,
    tt: int,
) -> tuple[np.ndarray, np.ndarray]:
    """Raw achievement (%, uncapped) and met (1/0, NaN if unknown) for one polarity × type."""
    in_range = pol == IN_RANGE
    if in_range or tt == THRESHOLD:
        lo = np.where(np.isnan(low), -np.inf, low)
        hi = np.where(np.isnan(high), np.inf, high)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):  # tiny targets
        if tt == MILESTONE:
            met = a >= np.where(np.isnan(t), 1.0, t)
            raw = np.where(met, 100.0, 0.0)
            needs = np.zeros(len(a), dtype=bool)
        else:
            if pol == HIGHER:
                met = a >= t
            elif pol == LOWER:
                met = a <= t
            else:
                met = (a >= lo) & (a <= hi)
            met_pct = np.where(met, 100.0, 0.0)
            if tt == THRESHOLD:
                raw = met_pct
            elif in_range:
                below = np.where((lo > 0) & (a > 0), a / lo * 100.0, 0.0)
                above = np.where((hi > 0) & (a > 0), hi / a * 100.0, 0.0)
                raw = np.where(met, 100.0, np.where(a < lo, below, above))
            elif tt == PROGRESS:
                gap = t - b
                raw = np.where(gap != 0, (a - b) / gap * 100.0, met_pct)
            elif pol == HIGHER:
                raw = np.where(t > 0, np.where(a > 0, a / t * 100.0, 0.0), met_pct)
            else:
                raw = np.where(
                    t > 0,
                    np.where(a > 0, t / a * 100.0, np.inf),
                    np.where(t == 0, np.where(a <= 0, 100.0, 0.0), met_pct),
                )
            needs = (np.isnan(low) & np.isnan(high)) if in_range else np.isnan(t)
    unknown = np.isnan(a) | needs
    raw = np.where(unknown, np.nan, raw)
    return raw, np.where(unknown, np.nan, met.astype("float64"))


def achieve(rows: Rows, defs: pd.DataFrame, *, met_only: bool = False) -> None:
    """Score rows in place: scaled target, raw achievement and met, one pass per rule type.

    ``met_only``: just the met flags of thresholds and milestones (all a roll-up needs).
    """
    n = len(rows)
    pol_d, tt_d = defs["pol"].to_numpy(), defs["tt"].to_numpy()
    sums = defs["agg"].to_numpy() == SUM
    cols = {c: defs[c].to_numpy(dtype="float64") for c in ("target", "baseline", "low", "high")}
    rule_d = pol_d * len(TARGET_CODE) + tt_d  # a group per polarity × target type
    if not met_only:
        rows.target, rows.raw = np.empty(n), np.empty(n)
    rules = np.unique(rule_d)
    if len(rules) > 1:  # group rows by rule once (a radix sort of a small int)
        rule = rule_d[rows.d].astype(np.int8)
        by_rule = np.argsort(rule, kind="stable")
        bounds = [*np.searchsorted(rule[by_rule], rules, side="left").tolist(), n]
        slices = [by_rule[bounds[i] : bounds[i + 1]] for i in range(len(rules))]
    else:
        slices = [slice(None)] * len(rules)
    rows.met = np.zeros(n)
    for r, idx in zip(rules, slices, strict=True):
        pol, tt = divmod(int(r), len(TARGET_CODE))
        if met_only and tt not in (THRESHOLD, MILESTONE):
            continue
        d = rows.d[idx]
        if rows.units is None:
            scaled = {c: v[d] for c, v in cols.items()}
        else:
            factor = np.where(sums[d], rows.units[idx], 1.0)
            scaled = {c: v[d] * factor for c, v in cols.items()}
        raw, met = raw_achievement(
            rows.value[idx],
            scaled["target"],
            scaled["baseline"],
            scaled["low"],
            scaled["high"],
            pol,
            tt,
        )
        rows.met[idx] = met
        if not met_only:
            rows.target[idx], rows.raw[idx] = scaled["target"], raw
    if met_only:
        rows.target = rows.raw = None
        return
    if rows.share is not None:  # rolled periods: thresholds score the share held, milestones
        tt = tt_d[rows.d]
        known = ~np.isnan(rows.raw)
        rows.raw = np.where(known & (tt == THRESHOLD), rows.share * 100.0, rows.raw)
        rows.raw = np.where(known & (tt == MILESTONE), rows.done * 100.0, rows.raw)
