"""The report's tables: what the HTML page, the Excel workbook and the CSV export show.

:func:`tables` is the one place a score becomes report rows (summary, agreement, KRAs, KPI
totals, periods, slabs, actuals, goals); ``workbook.yaml``'s columns (``field``) and the CSV
export name its columns. The small helpers here (percent and weight text, why a KPI did not
score) are shared by :mod:`krakit.report_html` and :mod:`krakit.report_sheets`.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from krakit.model import Scorecard
from krakit.report_slabs import scored_slabs, slab_table
from krakit.score import ScoreResult, aggregation_of
from krakit.text.slabs import format_slabs

__all__ = [
    "POLARITY_TEXT",
    "goals_served",
    "no_actuals",
    "pct",
    "tables",
    "weight",
    "why_not_scored",
]

POLARITY_TEXT = {
    "higher_is_better": "higher",
    "lower_is_better": "lower",
    "in_range": "in range",
}
"""A polarity as the report words it ("higher" is better)."""


def pct(value: Any) -> str:
    """A percentage as the report prints it: one decimal, or a dash when there is none."""
    return "—" if value is None or pd.isna(value) else f"{float(value):.1f}%"


def weight(value: Any) -> str:
    """A weight as the report prints it: up to four significant digits, or a dash."""
    return "—" if value is None or pd.isna(value) else f"{float(value):.4g}%"


def tables(scorecard: Scorecard, result: ScoreResult) -> dict[str, pd.DataFrame]:
    """The report's tables: summary, agreement, kras, totals, periods, slabs, actuals, goals.

    These are what ``workbook.yaml`` columns (``field``) and the CSV export refer to.
    """
    kpi_rows = []
    titles = {kra.id: kra.title for kra in scorecard.kras}
    agreed = result.totals.set_index("kpi")["agreed_weight"]
    kra_weight = result.kras.set_index("kra")["weight"]
    for kra_id, kpi in [(kra.id, k) for kra in scorecard.kras for k in kra.kpis] + [
        (None, k) for k in scorecard.unassigned_kpis
    ]:
        kpi_rows.append(
            {
                "kra": titles.get(kra_id, "(no KRA)") if kra_id else "(no KRA)",
                "kra_weight": float(kra_weight.get(kra_id, float("nan"))) if kra_id else None,
                "kpi": kpi.metric or kpi.id,
                "kpi_id": kpi.id,
                "statement": kpi.statement,
                "kpi_weight": float(agreed.get(kpi.id, float("nan"))),
                "unit": kpi.unit,
                "polarity": POLARITY_TEXT[kpi.polarity.value],
                "target_type": kpi.target_type.value,
                "slabs": format_slabs(scored_slabs(kpi)) or None,
                "aggregation": aggregation_of(kpi).value,
                "baseline": kpi.baseline,
                "target": kpi.target,
                "target_low": kpi.target_low,
                "target_high": kpi.target_high,
                "frequency": kpi.frequency.value if kpi.frequency else None,
                "deadline": str(kpi.deadline) if kpi.deadline else None,
                "data_source": kpi.data_source,
                "owner": kpi.owner,
            }
        )
    overall = result.overall.iloc[0]
    summary = [
        ("Role", scorecard.role.title),
        ("Holder", scorecard.holder or ""),
        ("Period", scorecard.period or ""),
        ("Overall score", pct(overall["score"])),
        ("Rating band", "" if pd.isna(overall["band"]) else str(overall["band"])),
        ("KPI score", pct(overall["kpi_score"])),
        ("Manager rating", pct(overall["manager_rating"])),
        ("Weight scored", pct(overall["coverage"])),
        *(("Note", note) for note in result.notes),
    ]
    totals = result.totals.copy()
    totals["kra"] = totals["kra"].astype(object).map(lambda k: titles.get(k, "(no KRA)"))
    why = why_not_scored(result)
    totals["not_scored"] = [why.get(str(k), "") for k in totals["kpi"]]
    slabs = slab_table(scorecard, result.totals)
    standing = dict(zip(slabs["kpi_id"], slabs["standing"], strict=True))
    totals["slab"] = [standing.get(str(k), "") for k in totals["kpi"]]
    names = {kpi.id: kpi.metric or kpi.id for kpi in scorecard.all_kpis()}
    periods = result.kpis.copy()
    periods["kra"] = periods["kra"].astype(object).map(lambda k: titles.get(k, "(no KRA)"))
    periods["kpi"] = periods["kpi"].astype(object).map(lambda k: names.get(k, k))
    return {
        "summary": pd.DataFrame(summary, columns=["item", "value"]),
        "agreement": pd.DataFrame(kpi_rows),
        "kras": result.kras,
        "totals": totals,
        "periods": periods,
        "slabs": slabs,
        "actuals": pd.DataFrame(
            [a.model_dump() for a in scorecard.actuals], columns=["kpi", "period", "value", "note"]
        ),
        "goals": goals_served(scorecard),
    }


def goals_served(scorecard: Scorecard) -> pd.DataFrame:
    """The goals the card's KRAs serve: its own, or the goals.yaml tree beside its file."""
    from krakit.goals.choices import served_table
    from krakit.goals.store import card_tree

    return served_table(scorecard, card_tree(scorecard))


def why_not_scored(result: ScoreResult) -> dict[str, str]:
    """KPI id → why it did not score and how to fix it ("no target: add one in step 2")."""
    missing = result.missing
    return {
        str(k): f"{r}: {f}"
        for k, r, f in zip(missing["kpi"], missing["reason"], missing["fix"], strict=True)
    }


def no_actuals(scorecard: Scorecard, result: ScoreResult) -> list[str]:
    """The names of the KPIs with no actuals (left out, the other weights renormalised)."""
    names = {kpi.id: kpi.metric or kpi.statement or kpi.id for kpi in scorecard.all_kpis()}
    quiet = result.totals.set_index("kpi")["periods"]
    return [names.get(str(k), str(k)) for k in result.missing["kpi"] if quiet.get(k, 0) == 0]
