"""What :func:`krakit.score` returns: :class:`ScoreResult`, its tables and their readable form."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from krakit.model import (
    ScoringConfig,
)

__all__ = ["MEASURED_UNITS", "ScoreResult", "is_count", "percent_text", "weight_text"]


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
    unweighted: frozenset[str] = frozenset()
    """The KPIs with no weight typed, scored as an equal share of what their KRA had left."""

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
        if "actual" in t.columns:
            out["actual"] = [format_value(v, u) for v, u in zip(t["actual"], units, strict=True)]
        if "target" in t.columns:
            out["target"] = self._target_cells(units)
        for column in ("achievement", "status"):
            if column not in t.columns:
                continue
            if column == "status":
                out[column] = t[column].astype(object).where(t[column].notna(), "—")
            else:
                out[column] = [percent_text(v) for v in t[column]]
        if "weight" in t.columns:
            out["weight"] = self._weight_cells()
        if len(self.missing):
            keys = [c for c in ("person", "kpi") if c in t.columns]
            why = self.missing.assign(note=self.missing["reason"] + ": " + self.missing["fix"])
            notes = t[keys].astype(str).merge(why[[*keys, "note"]].astype(str), how="left")
            out["note"] = notes["note"].fillna("").to_numpy()
        return out.reset_index(drop=True)

    def _weight_cells(self) -> list[str]:
        """The weight each KPI is scored with, as the chart and explain() show it.

        A KPI that scored shows its share of the KRA (renormalised over the KPIs that
        scored); one not scored yet shows the share it was agreed to have (not 0%). A KPI
        with no weight typed says that its share was an equal one.
        """
        t = self.totals
        used = t["weight"].to_numpy(dtype=float)
        if "agreed_weight" in t.columns:
            agreed = t["agreed_weight"].to_numpy(dtype=float)
            used = np.where(t["achievement"].isna().to_numpy(), agreed, used)
        ids = t["kpi"].astype(object) if "kpi" in t.columns else [None] * len(t)
        return [
            weight_text(w) + self._unset_note(w) if k in self.unweighted else weight_text(w)
            for w, k in zip(used, ids, strict=True)
        ]

    @staticmethod
    def _unset_note(weight: float) -> str:
        """What the weight of a KPI with none typed came from: a share, or nothing left."""
        if pd.isna(weight):
            return ""
        if weight <= 0:  # the KPIs with a weight already take all of it
            return " (none set; the others take 100%)"
        return " (equal share)"

    def _target_cells(self, units: pd.Series) -> list[str]:
        """Targets in their unit; a count target scaled over periods shown whole (≈).

        A whole-number target of people or things (dealers, visits, hires) scaled over the
        periods covered (8 a quarter → 2.67 for one month) reads as about 3; the exact
        number stays in ``totals``.
        """
        from krakit.units import format_value

        t = self.totals
        scale = self.target_scale if self.target_scale is not None else np.ones(len(t))
        cells = []
        for v, u, k in zip(t["target"], units, scale, strict=True):
            typed = v / k if k and not pd.isna(v) else v
            if is_count(u) and not pd.isna(v) and float(typed).is_integer() and v != round(v):
                cells.append("≈" + format_value(round(float(v)), u))
            else:
                cells.append(format_value(v, u))
        return cells

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


MEASURED_UNITS = frozenset(
    {
        "%",
        "days",
        "day",
        "hours",
        "hour",
        "hrs",
        "minutes",
        "mins",
        "seconds",
        "weeks",
        "months",
        "years",
        "km",
        "kg",
        "tonnes",
        "litres",
        "points",
        "rating",
        "score",
        "x",
    }
)
"""Units that are measured, not counted: fractions of them read naturally (2.5 days)."""


def is_count(unit: object) -> bool:
    """Whether a unit counts people or things (dealers, hires, visits): whole numbers.

    Examples
    --------
    >>> is_count("dealers"), is_count("count"), is_count("days"), is_count("INR"), is_count(None)
    (True, True, False, False, False)
    """
    from krakit.units import is_currency, unit_of

    text = unit_of(unit)
    return text is not None and not is_currency(text) and text.lower() not in MEASURED_UNITS


def percent_text(value: float) -> str:
    """A percentage with one decimal (``87.5%``), a blank as ``—``."""
    return "—" if value is None or pd.isna(value) else f"{value:.1f}%"


def weight_text(value: float) -> str:
    """A weight in percent, no trailing zeros (``40%``), a blank as ``—``."""
    return "—" if value is None or pd.isna(value) else f"{value:g}%"
