"""Achievement: each row scored by its KPI's target type and polarity, vectorised.

Rows are grouped by (polarity, target type) and each group handed to its
:class:`~krakit.scoring.targets.TargetKind`; the formulas and their edge cases live there.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from krakit.scoring.definitions import SUM
from krakit.scoring.rollup import Rows
from krakit.scoring.targets import POLARITIES, TARGET_KINDS, RollUp, Values

__all__ = ["STATUSES", "achieve", "raw_achievement", "status_of"]


STATUSES = ("green", "amber", "red")
_ROLLUP_CODE = {rollup: i for i, rollup in enumerate(RollUp)}


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
    slabs: object = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Raw achievement (%, uncapped) and met (1/0, NaN if unknown) for one polarity × type.

    ``pol`` and ``tt`` are positions in :data:`~krakit.scoring.targets.POLARITIES` and
    :data:`~krakit.scoring.targets.TARGET_KINDS`; ``slabs`` the KPI's slabs, for the slab type.
    """
    rows = None if slabs is None else np.zeros(len(a), dtype=np.int64)
    values = Values(a, t, b, low, high, None if slabs is None else [slabs], rows)
    return TARGET_KINDS[tt].achieve(values, POLARITIES[pol])


def _groups(rule_d: np.ndarray, d: np.ndarray, n_rules: int) -> list[np.ndarray | slice]:
    """The rows of each rule, in rule order (one stable sort of a small int)."""
    if n_rules == 1:
        return [slice(None)]
    rule = rule_d[d].astype(np.int16)
    by_rule = np.argsort(rule, kind="stable")
    bounds = [*np.searchsorted(rule[by_rule], np.arange(n_rules), side="left").tolist(), len(d)]
    return [by_rule[bounds[i] : bounds[i + 1]] for i in range(n_rules)]


def achieve(rows: Rows, defs: pd.DataFrame, *, met_only: bool = False) -> None:
    """Score rows in place: scaled target, raw achievement and met, one pass per rule type.

    ``met_only``: just the met flags of the types that roll up by the periods met
    (thresholds, milestones): all a roll-up needs.
    """
    n = len(rows)
    pol_d, tt_d = defs["pol"].to_numpy(), defs["tt"].to_numpy()
    sums = defs["agg"].to_numpy() == SUM
    cols = {c: defs[c].to_numpy(dtype="float64") for c in ("target", "baseline", "low", "high")}
    # one rule per distinct (polarity, target type) pair of the definitions
    rules, rule_d = np.unique(np.stack([pol_d, tt_d], axis=1), axis=0, return_inverse=True)
    slices = _groups(rule_d.reshape(-1), rows.d, len(rules))
    slabs = defs["slabs"] if "slabs" in defs else None
    if not met_only:
        rows.target, rows.raw = np.empty(n), np.empty(n)
    rows.met = np.zeros(n)
    for (pol, tt), idx in zip(rules.tolist(), slices, strict=True):
        kind = TARGET_KINDS[tt]
        if met_only and kind.rollup is RollUp.VALUE:
            continue
        d = rows.d[idx]
        if rows.units is None:
            scaled = {c: v[d] for c, v in cols.items()}
        else:
            factor = np.where(sums[d], rows.units[idx], 1.0)
            scaled = {c: v[d] * factor for c, v in cols.items()}
        values = Values(
            rows.value[idx],
            scaled["target"],
            scaled["baseline"],
            scaled["low"],
            scaled["high"],
            slabs,
            d,
        )
        raw, met = kind.achieve(values, POLARITIES[pol])
        rows.met[idx] = met
        if not met_only:
            rows.target[idx], rows.raw[idx] = scaled["target"], raw
    if met_only:
        rows.target = rows.raw = None
        return
    if rows.share is not None:  # rolled periods: some types score the periods met
        rollup = np.array([_ROLLUP_CODE[kind.rollup] for kind in TARGET_KINDS])[tt_d][rows.d]
        known = ~np.isnan(rows.raw)
        share, done = _ROLLUP_CODE[RollUp.SHARE], _ROLLUP_CODE[RollUp.DONE]
        rows.raw = np.where(known & (rollup == share), rows.share * 100.0, rows.raw)
        rows.raw = np.where(known & (rollup == done), rows.done * 100.0, rows.raw)
