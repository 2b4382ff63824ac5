"""Alignment charts: the specs' rows, order, states and units (asserted on the spec)."""

from __future__ import annotations

import krakit
from krakit import vegalite
from krakit.goals import alignment, validate_tree
from krakit.goals.charts import alignment_chart, coverage_heatmap, coverage_tree

TREE = validate_tree(
    {
        "organisation": "Acme",
        "goals": [{"id": "z-top", "title": "Zed top", "owner": "CEO"}],
        "units": [
            {
                "name": "Sales <b>",
                "members": ["rep"],
                "goals": [
                    {"id": "a-child", "title": "A child", "owner": "R", "parent": "z-top"},
                    {"id": "idle", "title": "Idle", "owner": "R"},
                    {"id": "bare", "title": "Bare", "owner": "R"},
                ],
            },
            {"name": "Empty team"},
        ],
    }
)
CARD = krakit.Scorecard(
    role={"title": "Rep"},
    kras=[
        {"title": "Sales", "weight": 75, "goals": ["a-child"], "kpis": [{"id": "rev"}]},
        {"title": "Admin", "weight": 25, "goals": ["bare"]},
    ],
)


def _values(part: dict) -> list[dict]:  # type: ignore[type-arg]
    return part["data"]["values"]


def test_the_tree_keeps_tree_order_indents_children_and_names_each_state() -> None:
    spec = coverage_tree(alignment([CARD], TREE))
    labels_part, bars = spec["hconcat"]
    rows = _values(bars)
    assert [r["indent"] for r in _values(labels_part)] == [0, 1, 0, 0]
    assert [r["goal"] for r in rows] == ["z-top", "a-child", "idle", "bare"]  # not A-Z
    assert bars["layer"][0]["encoding"]["y"]["sort"] == [r["label"] for r in rows]
    assert rows[1]["label"].startswith("\u00a0") and not rows[0]["label"].startswith("\u00a0")
    states = {r["goal"]: (r["state"], r["text"]) for r in rows}
    assert states == {
        "z-top": ("served and measured", "75.0%"),
        "a-child": ("served and measured", "75.0%"),
        "idle": ("served by no KRA", "served by no KRA"),
        "bare": ("served, no KPI measures it", "25.0%"),
    }


def test_the_heat_map_shows_units_whose_cards_serve_goals(tmp_path) -> None:  # type: ignore[no-untyped-def]
    spec = coverage_heatmap(alignment([CARD], TREE))
    cells = _values(spec)
    assert {c["unit_name"] for c in cells} == {"Sales <b>"}  # no card in Empty team
    assert {c["goal"]: c["coverage"] for c in cells}["a-child"] == 75.0
    combined = alignment_chart(alignment([CARD], TREE))
    assert len(combined["hconcat"]) == 3
    page = vegalite.save(combined, tmp_path / "chart.html").read_text(encoding="utf-8")
    assert "Sales <b>" not in page  # user text stays escaped inside the page's script


def test_every_spec_is_valid_vega_lite() -> None:
    from krakit import charts

    result = alignment([CARD], TREE)
    for spec in (coverage_tree(result), coverage_heatmap(result), alignment_chart(result)):
        charts.chart(spec).to_dict(validate=True)  # raises on an unknown channel or property
