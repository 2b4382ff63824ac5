"""What :func:`krakit.score` returns: :class:`ScoreResult`, its tables and their readable form."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from krakit.model import (
    ScoringConfig,
)

__all__ = ["ScoreResult", "percent_text", "weight_text"]


@dataclass
class ScoreResult:
    """What :func:`score` returns: tidy DataFrames, one row per thing scored.

    Attributes
    ----------
    kpis
        Per KPI and period: actual, target, achievement (%), status.
    totals
        Per KPI over all periods: actual and target rolled up, achievement, status, weight
        (share within its KRA, renormalised over the KPIs that scored), agreed_weight (the
        share as agreed), contribution (points of the overall score), thresholds.
    kras
        Per KRA: weight, score, contribution to the overall score, KPIs scored.
    overall
        Overall: KPI score, manager rating, score, rating, band, coverage (% of weight scored).
    missing
        KPIs that did not score and why (no actuals, no target).
    notes
        Plain-language remarks (weights renormalised, KPIs not linked to a KRA...).
    """

    totals: pd.DataFrame
    kras: pd.DataFrame
    overall: pd.DataFrame
    missing: pd.DataFrame
    config: ScoringConfig
    notes: list[str] = field(default_factory=list)
    team: bool = False
    _kpis: Any = field(default=None, repr=False)
    target_scale: np.ndarray | None = field(default=None, repr=False)
    """Per row of ``totals``: how many times a KPI period's target, baseline and range the
    row's were scaled by (the KPI periods covered, for a ``sum`` KPI; else 1)."""

    @property
    def kpis(self) -> pd.DataFrame:
        """Per KPI and period: actual, target, achievement, status (built on first use)."""
        if callable(self._kpis):
            self._kpis = self._kpis()
        return self._kpis

    @property
    def score(self) -> float | None:
        """The overall score (single scorecard), None when nothing has scored yet."""
        value = self.overall["score"].iloc[0] if len(self.overall) else np.nan
        return None if pd.isna(value) else float(value)

    @property
    def band(self) -> str | None:
        """The rating band's name (single scorecard)."""
        value = self.overall["band"].iloc[0] if len(self.overall) else None
        return None if pd.isna(value) else str(value)

    @property
    def has_actuals(self) -> bool:
        """Whether any KPI scored."""
        return bool(self.totals["achievement"].notna().any())

    @property
    def has_entries(self) -> bool:
        """Whether any actual was recorded, scored or not (a KPI with no target cannot be)."""
        return bool((self.totals["periods"].to_numpy() > 0).any())

    def readable(self) -> pd.DataFrame:
        """The per-KPI totals as a manager reads them: text cells, amounts in their unit.

        KRAs by their titles; actual and target in the KPI's unit (``₹19,00,000``, ``85%``,
        ``41 days``); achievement and weight as percentages; a blank as ``—``. The ``unit``
        column is folded into the numbers. Team results keep their ``person`` column. When a
        KPI did not score, a ``note`` column says why and how to fix it ("no target: add one
        in step 2 (KPIs)"); scored KPIs leave it blank.

        Examples
        --------
        >>> import krakit
        >>> sc = krakit.Scorecard(role={"title": "Sales"}, kras=[{"title": "Revenue", "kpis": [
        ...     {"id": "rev", "metric": "Monthly revenue", "unit": "INR", "target": 1000000}]}],
        ...     actuals=[{"kpi": "rev", "period": "2026-01", "value": 950000}])
        >>> krakit.score(sc).readable().iloc[0][["actual", "target", "achievement"]].tolist()
        ['₹9,50,000', '₹10,00,000', '95.0%']
        """
        from krakit.units import format_value

        t = self.totals
        units = t["unit"] if "unit" in t.columns else pd.Series([None] * len(t), index=t.index)
        units = units.where(units.notna(), None)
        out = pd.DataFrame(index=t.index)
        titles = dict(zip(self.kras["kra"], self.kras["title"], strict=False))
        for column in ("person", "kra", "metric"):
            if column in t.columns:
                raw = t[column].astype(object)  # a categorical cannot take other labels
                cells = raw.map(titles) if column == "kra" else raw
                cells = cells.where(cells.notna(), raw).astype(object)
                out[column] = cells.where(cells.notna(), "—")
        for column in ("actual", "target"):
            if column in t.columns:
                out[column] = [format_value(v, u) for v, u in zip(t[column], units, strict=True)]
        for column in ("achievement", "status", "weight"):
            if column not in t.columns:
                continue
            if column == "status":
                out[column] = t[column].astype(object).where(t[column].notna(), "—")
            else:
                out[column] = [
                    percent_text(v) if column == "achievement" else weight_text(v)
                    for v in t[column]
                ]
        if len(self.missing):
            keys = [c for c in ("person", "kpi") if c in t.columns]
            why = self.missing.assign(note=self.missing["reason"] + ": " + self.missing["fix"])
            notes = t[keys].astype(str).merge(why[[*keys, "note"]].astype(str), how="left")
            out["note"] = notes["note"].fillna("").to_numpy()
        return out.reset_index(drop=True)

    def __str__(self) -> str:
        lines = []
        if not self.has_entries:
            lines.append("No actuals yet: nothing is scored. Targets and weights are below.")
        elif not self.has_actuals:
            lines.append("Actuals are in, but no KPI can be scored yet (see the notes).")
        if self.team and len(self.overall) > 20:
            scores = self.overall["score"]
            bands = self.overall["band"].fillna("not scored").value_counts()
            lines.append(
                f"{len(self.overall):,} people; mean overall {scores.mean():.1f}%, median "
                f"{scores.median():.1f}%; "
                + ", ".join(f"{name}: {count:,}" for name, count in bands.items())
            )
            lines.extend(f"note: {n}" for n in self.notes)
            return "\n".join(lines)
        for row in self.overall.itertuples():
            who = f"{row.person}: " if self.team else ""
            if pd.isna(row.score):
                cause = "no KPI can be scored" if self.has_entries else "no actuals"
                lines.append(f"{who}overall not scored ({cause})")
            else:
                lines.append(
                    f"{who}overall {row.score:.1f}% — {row.band} (rating {row.rating}), "
                    f"{row.coverage:.0f}% of the weight scored"
                )
        lines.extend(f"note: {n}" for n in self.notes)
        return "\n".join(lines)


def percent_text(value: float) -> str:
    """A percentage with one decimal (``87.5%``), a blank as ``—``."""
    return "—" if value is None or pd.isna(value) else f"{value:.1f}%"


def weight_text(value: float) -> str:
    """A weight in percent, no trailing zeros (``40%``), a blank as ``—``."""
    return "—" if value is None or pd.isna(value) else f"{value:g}%"
