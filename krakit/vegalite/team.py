"""A team's charts: people × KPI achievement, and how many people fall in each band."""

from __future__ import annotations

import pandas as pd

from krakit.errors import InputError
from krakit.score import ScoreResult
from krakit.vegalite.spec import (
    STATUS_COLORS,
    Spec,
    _data,
    _field,
    _finish,
    _mark,
    _title,
    _tooltip,
)

__all__ = ["distribution", "heatmap"]


def heatmap(result: ScoreResult, *, max_people: int = 40, group: pd.Series | None = None) -> Spec:
    """People × KPI achievement for a team; big teams are grouped before plotting.

    Parameters
    ----------
    result
        A team result (``krakit.score({person: scorecard}, frame)``).
    max_people
        Up to this many people get a row each; beyond it rows are groups.
    group
        person → group (team, role, region) to group by; the rating band when omitted.
    """
    if not result.team:
        raise InputError("heatmap needs a team result: score({person: scorecard, ...}, frame)")
    totals = result.totals[["person", "kpi", "achievement"]]
    n_people = totals["person"].nunique()
    if n_people <= max_people and group is None:
        frame = totals.assign(
            row=totals["person"].astype(str), people=1, kpi=totals["kpi"].astype(str)
        )[["row", "kpi", "achievement", "people"]]
        row_title = "Person"
    else:
        if group is None:
            band = result.overall.set_index("person")["band"].fillna("not scored")
            group, row_title = band, "Rating band"
        else:
            row_title = str(group.name or "Group")
        keys = group.reindex(totals["person"].astype(str).to_numpy()).fillna("(none)")
        grouped = totals.assign(row=keys.to_numpy(), kpi=totals["kpi"].astype(str))
        frame = (
            grouped.groupby(["row", "kpi"], observed=True)
            .agg(achievement=("achievement", "mean"), people=("person", "nunique"))
            .reset_index()
        )
    frame["achievement"] = frame["achievement"].round(1)
    green = float(result.totals["green"].median()) if len(result.totals) else 100.0
    amber = float(result.totals["amber"].median()) if len(result.totals) else 80.0
    colours = [STATUS_COLORS["red"], STATUS_COLORS["amber"], STATUS_COLORS["green"]]
    subtitle = f"{n_people:,} people" + (
        f", grouped by {row_title.lower()}"
        if "people" in frame and frame["people"].max() > 1
        else ""
    )
    return _finish(
        {
            "data": _data(frame),
            "mark": _mark("rect", stroke="#FFFFFF"),
            "encoding": {
                "x": _field("kpi:N", title="KPI", axis={"labelAngle": -30, "labelLimit": 160}),
                "y": _field("row:N", title=row_title),
                "color": _field(
                    "achievement:Q",
                    title="Achievement %",
                    scale={"type": "threshold", "domain": [amber, green], "range": colours},
                ),
                "tooltip": _tooltip(
                    ("row:N", row_title),
                    ("kpi:N", "KPI"),
                    ("achievement:Q", "Achievement %"),
                    ("people:Q", "People"),
                ),
            },
            "title": _title("Team achievement by KPI", subtitle=subtitle),
        }
    )


def distribution(result: ScoreResult) -> Spec:
    """How many people fall in each rating band (a team result)."""
    bands = result.config.bands
    counts = result.overall["band"].fillna("not scored").value_counts()
    order = [b.name for b in sorted(bands, key=lambda b: b.rating)] + ["not scored"]
    frame = pd.DataFrame({"band": order, "people": [int(counts.get(b, 0)) for b in order]})
    frame = frame[(frame["people"] > 0) | (frame["band"] != "not scored")]
    frame["share"] = (frame["people"] / max(int(frame["people"].sum()), 1) * 100).round(1)
    return _finish(
        {
            "data": _data(frame),
            "mark": _mark("bar", color="#0072B2"),
            "encoding": {
                "x": _field("band:N", sort=order, title="Rating band", axis={"labelAngle": 0}),
                "y": _field("people:Q", title="People"),
                "tooltip": [
                    _field("band:N", title="Band"),
                    _field("people:Q", title="People", format=","),
                    _field("share:Q", title="Share %"),
                ],
            },
            "title": "Rating distribution",
            "width": {"step": 70},
        }
    )
