"""Alignment: who serves each goal, coverage, the gaps, roll-up scores, the sample's two gaps."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import krakit
from krakit.errors import InputError
from krakit.goals import alignment, save_tree, validate_tree
from krakit.goals.sample import sample_cards, sample_tree, write_sample_workspace

TREE = {
    "organisation": "Acme Traders",
    "period": "FY2026-27",
    "goals": [{"id": "grow", "title": "Grow profit", "owner": "CEO"}],
    "units": [
        {
            "name": "Sales",
            "owner": "Ravi Kumar",
            "members": ["sales rep"],
            "goals": [
                {"id": "more-revenue", "title": "More revenue", "owner": "Ravi", "parent": "grow"},
                {"id": "new-markets", "title": "Enter two markets", "owner": "Ravi"},
            ],
        }
    ],
}


def card(title: str, *kras: dict[str, object], holder: str | None = None) -> krakit.Scorecard:
    return krakit.Scorecard(role={"title": title}, holder=holder, kras=list(kras))


def test_coverage_splits_weights_and_rolls_up_to_parents() -> None:
    rep = card(
        "Sales rep",
        {"title": "Revenue", "weight": 60, "goals": ["more-revenue"], "kpis": [{"id": "rev"}]},
        {"title": "Admin", "weight": 40},
    )
    ops = card("Ops", {"title": "Both", "goals": ["more-revenue", "new-markets"]})
    result = alignment([rep, ops], validate_tree(TREE))
    goals = result.goals.set_index("goal")
    assert goals.at["more-revenue", "direct"] == pytest.approx(30 + 25)  # 60% of one card, half
    assert goals.at["new-markets", "coverage"] == pytest.approx(25)
    assert goals.at["grow", "direct"] == 0 and goals.at["grow", "coverage"] == pytest.approx(55)
    assert goals.at["grow", "served"] and goals.at["grow", "cards"] == 2
    assert result.unserved == []
    assert result.unmeasured == ["new-markets"]  # only the KPI-less 'Both' serves it
    assert result.orphans["kra"].tolist() == ["admin"]
    assert list(result.placement.unit.values()) == ["sales", "organisation"]
    assert "Enter two markets" in result.explain() and "no KPI measures" in result.explain()


def test_unknown_ids_and_local_goals_are_told_apart() -> None:
    mixed = krakit.Scorecard(
        role={"title": "Sales rep"},
        goals=[{"id": "own-goal", "title": "Own"}],
        kras=[
            {"title": "A", "goals": ["own-goal"]},
            {"title": "B", "goals": ["grwo"]},
        ],
    )
    result = alignment({"rep.yaml": mixed}, validate_tree(TREE))
    assert result.unknown[["card", "kra", "goal"]].values.tolist() == [["rep.yaml", "b", "grwo"]]
    assert sorted(result.orphans["kra"]) == ["a", "b"]
    assert set(result.unserved) == {"grow", "more-revenue", "new-markets"}
    assert "rep.yaml: the KRA 'B' names the goal 'grwo'" in result.explain()


def test_scores_roll_up_weighted_by_the_serving_kras() -> None:
    kpi = {"id": "rev", "target": 100}
    one = card("Sales rep", {"title": "Revenue", "weight": 100, "goals": ["more-revenue"],
                             "kpis": [kpi]})  # fmt: skip
    two = one.model_copy(deep=True)
    one.actuals = [krakit.Actual(kpi="rev", period="2026-04", value=50)]
    two.actuals = [krakit.Actual(kpi="rev", period="2026-04", value=100)]
    result = alignment({"a": one, "b": two}, validate_tree(TREE))
    goals = result.goals.set_index("goal")
    assert goals.at["more-revenue", "score"] == pytest.approx(75)
    assert goals.at["grow", "score"] == pytest.approx(75)
    assert math.isnan(goals.at["new-markets", "score"])
    assert not alignment({"a": one}, validate_tree(TREE), actuals=False).scored


def test_a_blank_workspace_aligns_to_nothing_and_a_missing_tree_is_named(tmp_path) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(InputError, match="there is no goal tree"):
        alignment(tmp_path)
    save_tree(validate_tree(TREE), tmp_path / "goals.yaml")
    result = alignment(tmp_path)
    assert result.cards == 0 and set(result.unserved) == {"grow", "more-revenue", "new-markets"}
    with pytest.raises(InputError, match="no such folder"):
        alignment(tmp_path / "nope")
    with pytest.raises(InputError, match="not a Scorecard"):
        alignment([{"role": "x"}], validate_tree(TREE))  # type: ignore[list-item]


def test_a_broken_card_in_the_workspace_is_named(tmp_path) -> None:  # type: ignore[no-untyped-def]
    save_tree(validate_tree(TREE), tmp_path / "goals.yaml")
    (tmp_path / "rep.yaml").write_text("role: {title: Rep}\nkras: [{title: A, weight: lots}]\n")
    with pytest.raises(krakit.KrakitError, match=r"rep\.yaml"):
        alignment(tmp_path)


def test_the_sample_has_exactly_one_unserved_goal_and_one_orphan_kra(tmp_path) -> None:  # type: ignore[no-untyped-def]
    folder = write_sample_workspace(tmp_path / "team")
    result = alignment(folder)
    assert result.cards == 12
    assert result.unserved == ["build-leadership-bench"]
    assert set(zip(result.orphans["role"], result.orphans["kra"], strict=True)) == {
        ("Recruiter", "candidate-experience")
    }
    assert result.unknown.empty and result.unmeasured == []
    assert len(result.gaps()) == 2
    assert result.scored and not math.isnan(result.goals.set_index("goal").at["grow-team", "score"])
    again = alignment(sample_cards(actuals=False), sample_tree())
    assert again.unserved == result.unserved


def test_a_room_folder_aligns_what_its_participants_published(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from krakit.room import Room

    room = Room(path=tmp_path / "batch-7")
    for name, goal in (("Asha Rao", "more-revenue"), ("Dev Shah", "new-markets")):
        card = krakit.Scorecard(role={"title": "Sales rep"}, kras=[{"title": "A", "goals": [goal]}])
        room.join(name).publish("scorecard", card)
    room.join("Quiet One")  # joined, published no scorecard
    save_tree(validate_tree(TREE), tmp_path / "batch-7" / "goals.yaml")
    result = alignment(tmp_path / "batch-7")
    assert result.cards == 2 and result.unserved == []
    assert sorted(result.links["card"]) == ["asha-rao", "dev-shah"]
    assert all(f.endswith("scorecard.json") for f in result.files.values())


@st.composite
def workspaces(draw: st.DrawFn) -> tuple[object, list[krakit.Scorecard]]:
    n = draw(st.integers(1, 8))
    goals = [{"id": f"g{i}", "title": f"Goal {i}", "owner": "CEO"} for i in range(n)]
    for i in range(1, n):
        parent = draw(st.sampled_from([None, *range(i)]))
        if parent is not None:
            goals[i]["parent"] = f"g{parent}"
    tree = validate_tree({"organisation": "Acme", "goals": goals})
    ids = [g["id"] for g in goals] + ["unknown-one"]
    cards = []
    for _ in range(draw(st.integers(1, 5))):
        kras = [
            {
                "id": f"k{j}",
                "title": f"KRA {j}",
                "weight": draw(st.one_of(st.none(), st.floats(0, 100))),
                "goals": draw(st.lists(st.sampled_from(ids), max_size=3)),
            }
            for j in range(draw(st.integers(1, 4)))
        ]
        cards.append(krakit.Scorecard(role={"title": "Role"}, kras=kras))
    return tree, cards


@settings(max_examples=60, deadline=None)
@given(workspaces())
def test_coverage_adds_up_and_parents_cover_their_children(drawn) -> None:  # type: ignore[no-untyped-def]
    tree, cards = drawn
    result = alignment(cards, tree, actuals=False)
    goals = result.goals.set_index("goal")
    roots = goals[goals["parent"].isna()]["coverage"].sum()
    assert roots + result.orphans["weight"].sum() == pytest.approx(100)
    for goal in tree.goals_in_order():
        children = goals[goals["parent"] == goal.id]["coverage"].sum()
        assert goals.at[goal.id, "coverage"] == pytest.approx(
            goals.at[goal.id, "direct"] + children
        )
        assert goals.at[goal.id, "served"] == (
            goals.at[goal.id, "coverage"] > 0 or bool(goals.at[goal.id, "kras"])
        )
