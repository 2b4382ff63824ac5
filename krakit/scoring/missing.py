"""Why a KPI did not score, and how to fix it, in the words a manager reads."""

from __future__ import annotations

import numpy as np
import pandas as pd

from krakit.model import Polarity
from krakit.scoring.definitions import POLARITY_CODE
from krakit.scoring.targets import TARGET_KINDS

__all__ = ["missing_kpis", "missing_notes"]


_WHY_NOT_SCORED: dict[str, tuple[str, str]] = {
    # what is missing → (reason, fix): the words a manager reads beside the KPI
    "actual": ("no actuals", "record an actual in step 4"),
    "target": ("no target", "add one in step 2 (KPIs)"),
    "range": ("no target range", "add the lowest and highest good values in step 2 (KPIs)"),
    "scale": (
        "no target on a rating scale",
        "rate it on a scale (say 1 to 5) and add the rating to reach in step 2 (KPIs)",
    ),
    "both": ("no target and no actuals", "add a target in step 2 (KPIs), then record actuals"),
}
"""Why a KPI did not score, and how to fix it (``ScoreResult.missing``)."""


def missing_kpis(
    totals: pd.DataFrame, grid: pd.DataFrame, defs: pd.DataFrame, team: bool
) -> pd.DataFrame:
    """The KPIs that did not score, each with its reason and the fix, in the manager's words."""
    gone = totals["achievement"].isna().to_numpy()
    rows = grid["def"].to_numpy()[gone]
    no_data = totals["periods"].to_numpy()[gone] == 0
    no_target = np.isnan(defs["target"].to_numpy()[rows])
    in_range = defs["pol"].to_numpy()[rows] == POLARITY_CODE[Polarity.IN_RANGE]
    no_range = np.isnan(defs["low"].to_numpy()[rows]) & np.isnan(defs["high"].to_numpy()[rows])
    needs_target = np.array([kind.needs_target for kind in TARGET_KINDS])[defs["tt"].to_numpy()]
    unset = np.where(in_range, no_range, no_target & needs_target[rows])
    cols = (["person"] if team else []) + ["kra", "kpi", "metric"]
    out = totals.loc[gone, cols].reset_index(drop=True)
    qual = out["kpi"].astype(str).isin(defs.attrs.get("qualitative", ())).to_numpy()
    kinds = list(_WHY_NOT_SCORED)
    what = np.select(
        [no_data & unset, no_data, unset & in_range, unset & qual],
        [kinds.index(k) for k in ("both", "actual", "range", "scale")],
        default=kinds.index("target"),
    )
    reasons, fixes = zip(*_WHY_NOT_SCORED.values(), strict=True)
    out["reason"] = np.asarray(reasons, dtype=object)[what]
    out["fix"] = np.asarray(fixes, dtype=object)[what]
    return out


def missing_notes(missing: pd.DataFrame, scored: bool, team: bool) -> list[str]:
    """The notes that say what did not score: no actuals yet, or which KPIs lack a target."""
    if not len(missing):
        return []
    counts = missing["reason"].value_counts()
    if not scored and set(counts.index) == {"no actuals"}:
        return ["no actuals yet: nothing is scored (targets and weights stand)"]
    unscorable = missing[~missing["reason"].isin(["no actuals", "no target and no actuals"])]
    named = (
        ""
        if team
        else ": "
        + "; ".join(
            f"'{m}' has {r}: {f}"
            for m, r, f in zip(
                unscorable["metric"], unscorable["reason"], unscorable["fix"], strict=True
            )
        )
    )
    if not scored:
        return (
            [f"actuals are in, but no KPI can be scored yet{named}"]
            if len(unscorable)
            else ["no actuals yet: nothing is scored (targets and weights stand)"]
        )
    parts = ", ".join(f"{n} {r}" for r, n in counts.items())
    return [
        f"{len(missing)} KPI(s) were left out ({parts}); the weights of the rest were "
        "renormalised" + (f"{named}" if len(unscorable) else "")
    ]
