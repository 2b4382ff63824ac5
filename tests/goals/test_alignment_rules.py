"""The alignment rules (G) across a workspace: what fires, where, and what stays silent."""

from __future__ import annotations

import pytest

import krakit
from krakit.errors import ConfigError
from krakit.goals import save_tree, validate_tree
from krakit.goals.sample import write_sample_workspace
from krakit.rules.alignment_check import check_alignment

TREE = {
    "organisation": "Acme Traders",
    "goals": [{"id": "grow", "title": "Grow profit", "owner": "CEO"}],
    "units": [
        {
            "name": "Sales",
            "owner": "Ravi Kumar",
            "goals": [{"id": "revenue", "title": "Revenue", "owner": "Ravi", "parent": "grow"}],
            "units": [
                {
                    "name": "Key accounts",
                    "owner": "Meena",
                    "members": ["KAM"],
                    "goals": [{"id": "top-ten", "title": "Top ten", "owner": "Meena"}],
                }
            ],
        },
        {
            "name": "HR",
            "owner": "Asha",
            "goals": [{"id": "hire", "title": "Hire", "owner": "Asha"}],
        },
    ],
}


def test_the_sample_workspace_draws_exactly_its_two_gaps(tmp_path) -> None:  # type: ignore[no-untyped-def]
    folder = write_sample_workspace(tmp_path / "team", actuals=False)
    found = check_alignment(folder)
    assert [(f.code, f.file, f.where) for f in found if f.code == "G002"] == [
        ("G002", "goals.yaml", "goals[build-leadership-bench]")
    ]
    off = [(f.file, f.where) for f in found if f.code == "G005"]
    assert off == [
        (f"{name}.yaml", "kras[candidate-experience].goals")
        for name in ("ananya-ghosh", "ishaan-rao", "vikram-pillai")
    ]
    assert {f.code for f in found} == {"G002", "G005"}


def test_a_manager_may_serve_goals_above_and_below_but_not_beside(tmp_path) -> None:  # type: ignore[no-untyped-def]
    ravi = krakit.Scorecard(
        role={"title": "Head of sales"},
        holder="Ravi Kumar",
        kras=[
            {"title": "Profit", "goals": ["grow"]},  # above Sales: fine
            {"title": "Key accounts", "goals": ["top-ten"]},  # below Sales: fine
            {"title": "Hiring drive", "goals": ["hire"]},  # HR's goal: outside
        ],
    )
    kam = krakit.Scorecard(
        role={"title": "KAM"}, kras=[{"title": "Accounts", "goals": ["revenue"]}]
    )
    ws = krakit.Workspace(tmp_path)
    ws.save(ravi, "ravi")
    ws.save(kam, "kam")
    save_tree(validate_tree(TREE), tmp_path / "goals.yaml")
    found = [f for f in check_alignment(tmp_path) if f.code == "G003"]
    assert [(f.file, f.where) for f in found] == [("ravi.yaml", "kras[hiring-drive].goals")]
    assert "Ravi Kumar manages Sales, but the KRA 'Hiring drive' serves 'Hire', a goal of HR" in (
        found[0].message
    )
    ravi.kras[2].ignore = {"G003": "agreed: Ravi runs the sales hiring drive"}
    assert not [
        f for f in check_alignment({"ravi": ravi, "kam": kam}, TREE_OBJ) if f.code == "G003"
    ]


TREE_OBJ = validate_tree(TREE)


def test_a_team_pulling_one_way_is_named_and_select_and_ignore_work() -> None:
    tree = validate_tree(
        {
            "organisation": "Acme",
            "units": [
                {
                    "name": "Support",
                    "members": ["agent"],
                    "goals": [
                        {"id": "fast", "title": "Answer fast", "owner": "Lead"},
                        {"id": "fast-chat", "title": "Chat in 1 min", "owner": "Lead",
                         "parent": "fast"},
                        {"id": "kind", "title": "Be kind", "owner": "Lead"},
                        {"id": "cheap", "title": "Cost less", "owner": "Lead"},
                    ],
                }
            ],
        }
    )  # fmt: skip
    agent = krakit.Scorecard(
        role={"title": "Agent"},
        kras=[{"title": "Speed", "goals": ["fast"]}, {"title": "Chat", "goals": ["fast-chat"]}],
    )
    found = check_alignment([agent], tree, select="G004")
    assert [(f.code, f.file, f.where) for f in found] == [("G004", "goals.yaml", "units[support]")]
    assert "serves 'Answer fast', while the tree gives Support 4 goals" in found[0].message
    assert check_alignment([agent], tree, select="G", ignore=["g004", "G002"]) == []
    with pytest.raises(ConfigError, match="'Q9' is not a rule code"):
        check_alignment([agent], tree, select="Q9")
