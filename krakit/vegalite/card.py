"""A whole scorecard's charts: its targets and weights, and the overview a command draws."""

from __future__ import annotations

import pandas as pd

from krakit.model import Scorecard
from krakit.score import ScoreResult, aggregation_of
from krakit.units import format_value
from krakit.vegalite.person import _bullet, _contribution
from krakit.vegalite.spec import Spec, _data, _field, _finish, _mark, _title, _tooltip

__all__ = ["overview", "targets"]


def targets(scorecard: Scorecard, result: ScoreResult | None = None) -> Spec:
    """Each KPI's share of the score, with its target: the chart before anything scores.

    ``result``, the score of the scorecard's actuals (scored when omitted), sets the
    subtitle: "no actuals yet" only when there are none; when actuals are in but no KPI
    can score, it says how many KPIs lack a target.

    Examples
    --------
    >>> import krakit
    >>> card = krakit.Scorecard(role={"title": "Support"}, kras=[{"title": "Tickets", "kpis": [
    ...     {"id": "backlog", "statement": "Reduce ticket backlog"}]}],
    ...     actuals=[{"kpi": "backlog", "period": "2026-01", "value": 40}])
    >>> targets(card)["title"]["subtitle"]
    'actuals are in, but 1 KPI(s) have no target to score against; hover a bar for the target'
    """
    from krakit.score import score

    if result is None:
        result = score(scorecard)
    weights = score(scorecard, []) if result.team else result
    totals = weights.totals
    kra_share = weights.kras.set_index("kra")["weight"]
    kpis = {k.id: k for k in scorecard.all_kpis()}
    titles = {k.id: k.title for k in scorecard.kras}
    rows = []
    for row in totals.itertuples():
        kpi = kpis[str(row.kpi)]
        if kpi.polarity.value == "in_range":
            low, high = (
                format_value(kpi.target_low, kpi.unit),
                format_value(kpi.target_high, kpi.unit),
            )
            goal = f"{low} to {high}"
        else:
            goal = format_value(kpi.target, kpi.unit)
        share_kra = float(kra_share.get(str(row.kra), 0.0)) if pd.notna(row.kra) else 0.0
        weight = float(row.agreed_weight)
        rows.append(
            {
                "kra": titles.get(str(row.kra), "(no KRA)"),
                "kpi": str(row.metric),
                "weight": round(share_kra * weight / 100.0, 2),
                "target": goal,
                "baseline": format_value(kpi.baseline, kpi.unit),
                "rule": f"{kpi.polarity.value.replace('_', ' ')}, {row.rule}, "
                f"{aggregation_of(kpi).value}",
            }
        )
    return _finish(
        {
            "data": _data(pd.DataFrame(rows)),
            "mark": _mark("bar"),
            "encoding": {
                "x": _field("weight:Q", title="Share of the overall score (%)"),
                "y": _field("kra:N", title=None, sort=None, axis={"labelLimit": 240}),
                "color": _field("kpi:N", title="KPI", legend={"columns": 1, "labelLimit": 320}),
                "order": _field("weight:Q", sort="descending"),
                "tooltip": _tooltip(
                    ("kra:N", "KRA"),
                    ("kpi:N", "KPI"),
                    ("weight:Q", "Share %"),
                    ("target:N", "Target"),
                    ("baseline:N", "Baseline"),
                    ("rule:N", "Scored as"),
                ),
            },
            "title": _title(
                f"{scorecard.role.title}: targets and weights", subtitle=_targets_subtitle(result)
            ),
            "height": {"step": 34},
        }
    )


def _targets_subtitle(result: ScoreResult) -> str:
    hover = "hover a bar for the target"
    if result.has_actuals:
        return f"targets and weights; {hover}"
    if not result.has_entries:
        return f"no actuals yet; {hover}"
    unset = int((~result.missing["reason"].isin(["no actuals"])).sum())
    return f"actuals are in, but {unset} KPI(s) have no target to score against; {hover}"


def overview(scorecard: Scorecard, result: ScoreResult) -> Spec:
    """The default chart of a scorecard: bullets and KRA contribution, or targets if no actuals."""
    if not result.has_actuals:
        return targets(scorecard, result)
    title = f"{scorecard.role.title}" + (f" — {scorecard.holder}" if scorecard.holder else "")
    return _finish(
        {
            "vconcat": [_bullet(result, None), _contribution(result, None)],
            "title": _title(title, fontSize=17),
        }
    )
