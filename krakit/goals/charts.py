"""Charts of an alignment, as plain Vega-Lite specs (wrap with :func:`krakit.charts.chart`).

* :func:`coverage_tree` — the goal tree as an indented list, each goal with a coverage bar
  (blue: served and measured; orange: served by KRAs no KPI measures; grey: served by nobody).
* :func:`coverage_heatmap` — goals × units: how much of the organisation's weight each unit's
  scorecards put on each goal.
* :func:`alignment_chart` — the two side by side, rows aligned (the README's picture).

Like :mod:`krakit.vegalite`, no Altair is imported: the HTML report and the CLI draw these
specs as they are; a notebook shows them with ``krakit.charts.chart(spec)``.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from krakit.goals.alignment import Alignment
from krakit.vegalite import SCHEMA_URL, THEME, plain

__all__ = ["alignment_chart", "coverage_heatmap", "coverage_tree"]

Spec = dict[str, Any]

_STEP = 24  # px per goal row
_INDENT = "\u00a0\u00a0\u00a0\u00a0"  # no-break spaces: SVG keeps them, a label's indent
_STATES = {
    "served": ("served and measured", "#0072B2"),
    "unmeasured": ("served, no KPI measures it", "#E69F00"),
    "unserved": ("served by no KRA", "#999999"),
}


def _rows(result: Alignment) -> pd.DataFrame:
    """One row per goal, in tree order, with a unique indented label and its state."""
    goals = result.goals
    labels: list[str] = []
    seen: set[str] = set()
    for goal in goals.itertuples(index=False):
        label = _INDENT * int(goal.depth) + str(goal.title)
        if label in seen:
            label = f"{label} [{goal.goal}]"
        seen.add(label)
        labels.append(label)
    state = [
        "unserved" if not s else "served" if m else "unmeasured"
        for s, m in zip(goals["served"], goals["measured"], strict=True)
    ]
    return pd.DataFrame(
        {
            "order": range(len(goals)),
            "goal": goals["goal"],
            "label": labels,
            "title": goals["title"],
            "owner": goals["owner"],
            "unit": goals["unit_name"],
            "coverage": goals["coverage"].round(1),
            "state": [_STATES[s][0] for s in state],
            "text": [
                "served by no KRA" if s == "unserved" else f"{c:.1f}%"
                for s, c in zip(state, goals["coverage"], strict=True)
            ],
        }
    )


def _y(order: list[str], *, labels: bool = False) -> Spec:
    """The goal rows, in tree order (an explicit list: Vega-Lite then never re-sorts them)."""
    axis: Spec | None = {"labelLimit": 360, "title": None} if labels else None
    return {"field": "label", "type": "nominal", "sort": order, "axis": axis}


def _top(body: Spec) -> Spec:
    return plain({"$schema": SCHEMA_URL, "config": THEME, **body})


def _tree_body(result: Alignment) -> Spec:
    rows = _rows(result)
    values = rows.to_dict(orient="records")
    scale = {"domain": [s[0] for s in _STATES.values()], "range": [s[1] for s in _STATES.values()]}
    tooltip = [
        {"field": "title", "title": "Goal"},
        {"field": "owner", "title": "Owner"},
        {"field": "unit", "title": "Unit"},
        {"field": "coverage", "title": "Coverage (%)", "format": ".1f"},
        {"field": "state", "title": "State"},
    ]
    top = max(100.0, float(rows["coverage"].max() if len(rows) else 0))
    x = {
        "field": "coverage",
        "type": "quantitative",
        "title": "Share of the organisation's weight (%)",
        "scale": {"domain": [0, top]},
    }
    order = rows["label"].tolist()
    return {
        "data": {"values": values},
        "height": {"step": _STEP},
        "width": 260,
        "title": {"text": "Coverage of each goal", "anchor": "start"},
        "layer": [
            {
                "mark": {"type": "bar", "height": {"band": 0.7}},
                "encoding": {
                    "y": _y(order),
                    "x": x,
                    "color": {
                        "field": "state",
                        "type": "nominal",
                        "scale": scale,
                        "legend": {"title": None, "orient": "bottom", "columns": 1},
                    },
                    "tooltip": tooltip,
                },
            },
            {
                "mark": {"type": "text", "align": "left", "dx": 4, "fontSize": 11},
                "encoding": {"y": _y(order), "x": x, "text": {"field": "text"}, "tooltip": tooltip},
            },
        ],
    }


def _labels_body(result: Alignment) -> Spec:
    """The goal titles, indented by depth, left-aligned (a tree as a list)."""
    rows = _rows(result)
    rows["indent"] = result.goals["depth"].to_numpy()
    rows["name"] = [
        ("└ " if d else "") + str(t) for d, t in zip(rows["indent"], rows["title"], strict=True)
    ]
    order = rows["label"].tolist()
    return {
        "data": {"values": rows.to_dict(orient="records")},
        "height": {"step": _STEP},
        "width": 330,
        "title": {"text": "Goal tree", "anchor": "start"},
        "mark": {"type": "text", "align": "left", "baseline": "middle", "fontSize": 12,
                 "limit": 320},
        "encoding": {
            "y": _y(order),
            "x": {"field": "indent", "type": "quantitative", "axis": None,
                  "scale": {"domain": [0, 12], "range": [0, 330]}},
            "text": {"field": "name"},
            "tooltip": [{"field": "title", "title": "Goal"}, {"field": "owner", "title": "Owner"},
                        {"field": "unit", "title": "Unit"}],
        },
    }  # fmt: skip


def coverage_tree(result: Alignment) -> Spec:
    """The goals as an indented list (parents above children), each with a coverage bar.

    Examples
    --------
    >>> from krakit.goals import alignment
    >>> from krakit.goals.sample import sample_cards, sample_tree
    >>> spec = coverage_tree(alignment(sample_cards(actuals=False), sample_tree()))
    >>> bars = spec["hconcat"][1]
    >>> [row["text"] for row in bars["data"]["values"]][-2]
    'served by no KRA'
    """
    return _top(
        {"hconcat": [_labels_body(result), _tree_body(result)], "spacing": 4,
         "resolve": {"scale": {"y": "shared"}}}
    )  # fmt: skip


def _heat_body(
    result: Alignment,
    *,
    labels: bool,
    heat: pd.DataFrame | None = None,
    across: str = "Unit",
    title: str = "Goals × units (% of weight)",
) -> Spec:
    rows = _rows(result)[["goal", "label", "order"]]
    order = rows["label"].tolist()
    heat_given = heat
    heat = (result.heatmap() if heat is None else heat).merge(rows, on="goal")
    if heat_given is None:  # the units whose cards serve some goal (every given column stays)
        used = heat.groupby("unit", sort=False)["coverage"].transform("sum") > 0
        heat = heat[used] if used.any() else heat
    heat["coverage"] = heat["coverage"].round(1)
    heat["text"] = [f"{c:.1f}" if c > 0 else "" for c in heat["coverage"]]
    units = list(dict.fromkeys(heat["unit_name"]))
    tooltip = [
        {"field": "title", "title": "Goal"},
        {"field": "unit_name", "title": across},
        {"field": "coverage", "title": "Coverage (%)", "format": ".1f"},
    ]
    x = {"field": "unit_name", "type": "nominal", "sort": units,
         "axis": {"title": None, "labelAngle": -30, "orient": "top"}}  # fmt: skip
    return {
        "data": {"values": heat.to_dict(orient="records")},
        "height": {"step": _STEP},
        "width": {"step": 70},
        "title": {"text": title, "anchor": "start"},
        "layer": [
            {
                "mark": {"type": "rect", "stroke": "white"},
                "encoding": {
                    "y": _y(order, labels=labels),
                    "x": x,
                    "color": {
                        "condition": {"test": "datum.coverage <= 0", "value": "#F4F4F4"},
                        "field": "coverage",
                        "type": "quantitative",
                        "scale": {"scheme": "blues", "domainMin": 0},
                        "legend": {"title": "%", "orient": "right"},
                    },
                    "tooltip": tooltip,
                },
            },
            {
                "mark": {"type": "text", "fontSize": 10},
                "encoding": {
                    "y": _y(order, labels=labels),
                    "x": x,
                    "text": {"field": "text"},
                    "color": {
                        "condition": {"test": "datum.coverage > 20", "value": "white"},
                        "value": "black",
                    },
                },
            },
        ],
    }


def coverage_heatmap(
    result: Alignment,
    heat: pd.DataFrame | None = None,
    *,
    across: str = "Unit",
    title: str = "Goals × units (% of weight)",
) -> Spec:
    """Goals × units: the coverage each unit's scorecards give each goal (% of the org).

    Parameters
    ----------
    heat
        Other columns than the units: a long table like :meth:`Alignment.heatmap`'s (goal,
        unit, unit_name, coverage), e.g. one column per participant of a workshop room
        (:func:`krakit.room.goals.coverage_by_person`); ``across`` and ``title`` name them.
        Every column given is drawn, even one serving no goal (the units default leaves
        those out).
    """
    return _top(_heat_body(result, labels=True, heat=heat, across=across, title=title))


def alignment_chart(result: Alignment) -> Spec:
    """The coverage tree and the goals × units heat map side by side, rows aligned."""
    return _top(
        {
            "hconcat": [_labels_body(result), _tree_body(result), _heat_body(result, labels=False)],
            "spacing": 4,
            "resolve": {"scale": {"color": "independent", "y": "shared"}},
        }
    )
