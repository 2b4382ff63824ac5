"""The chart of a comparison: each person's score under the old and the new definitions."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from krakit.metrics.compare import Comparison

__all__ = ["comparison_spec"]


def comparison_spec(comparison: Comparison) -> dict[str, Any]:
    """A Vega-Lite spec: each person's score under the old and the new definitions.

    One row per person, a grey dot for the old score, a blue one for the new and a line
    between; the tooltip gives both scores and ranks.
    """
    from krakit.vegalite import SCHEMA_URL, THEME, plain

    rows = []
    for person in comparison.people.itertuples():
        base = {
            "name": person.name,
            "old": round(float(person.score_old), 2),
            "new": round(float(person.score_new), 2),
            "ranks": f"{person.rank_old} → {person.rank_new}",
        }
        rows += [
            {**base, "version": "old definition", "score": base["old"]},
            {**base, "version": "new definition", "score": base["new"]},
        ]
    order = comparison.people.sort_values("score_new", ascending=False)["name"].tolist()
    y = {"field": "name", "type": "nominal", "sort": order, "title": None}
    tooltip = [
        {"field": "name", "type": "nominal", "title": "Person"},
        {"field": "old", "type": "quantitative", "title": "Score, old definition"},
        {"field": "new", "type": "quantitative", "title": "Score, new definition"},
        {"field": "ranks", "type": "nominal", "title": "Rank, old → new"},
    ]
    score = {
        "field": "score",
        "type": "quantitative",
        "title": "Overall score",
        "scale": {"zero": False},  # the moves, not the distance from 0
    }
    colors = {"domain": ["old definition", "new definition"], "range": ["#999999", "#0072B2"]}
    title = "Scores under the old and the new definition of " + ", ".join(comparison.changed)
    return plain(
        {
            "$schema": SCHEMA_URL,
            "config": THEME,
            "title": {"text": title},
            "data": {"values": rows},
            "height": {"step": 22},
            "width": 420,
            "layer": [
                {
                    "mark": {"type": "line", "color": "#bbbbbb"},
                    "encoding": {"y": y, "x": score, "detail": {"field": "name"}},
                },
                {
                    "mark": {"type": "point", "filled": True, "size": 90},
                    "encoding": {
                        "y": y,
                        "x": score,
                        "color": {
                            "field": "version",
                            "type": "nominal",
                            "scale": colors,
                            "title": None,
                        },
                        "tooltip": tooltip,
                    },
                },
            ],
        }
    )
