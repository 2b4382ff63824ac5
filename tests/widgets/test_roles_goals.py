"""Step 1 with a goal tree in the workspace: KRAs pick the organisation's goals, searched."""

from __future__ import annotations

import krakit
from krakit.goals import save_tree, validate_tree
from krakit.widgets.roles import RoleStep

TREE = {
    "organisation": "Acme Traders",
    "goals": [{"id": "grow", "title": "Grow profit", "owner": "CEO"}],
    "units": [
        {
            "name": "Talent",
            "owner": "Asha Rao",
            "goals": [
                {"id": "hire-fast", "title": "Hire within 30 days", "owner": "Asha Rao"},
                {"id": "brand", "title": "Employer brand", "owner": "Dev Shah", "parent": "grow"},
            ],
        }
    ],
}


def _with_tree(workspace: krakit.Workspace) -> krakit.Workspace:
    workspace.folder.mkdir(parents=True, exist_ok=True)
    save_tree(validate_tree(TREE), workspace.folder / "goals.yaml")
    return workspace


def test_kras_pick_tree_goals_searched_by_owner(workspace: krakit.Workspace) -> None:
    step = RoleStep(workspace=_with_tree(workspace))
    assert step._goal_search.layout.display is None  # the search is shown
    assert step.children[-3].layout.display == "none"  # the free-text goal box is not
    step._title.value = "Recruiter"
    step._lines.value = "Recruitment\nCandidate experience"
    row = step._rows["recruitment"]
    labels = [label for label, _ in row._goals.options]
    assert "Hire within 30 days — Asha Rao, Talent" in labels and len(labels) == 3
    row._goals.value = ("hire-fast",)
    step._goal_search.value = "  DEV  "
    other = step._rows["candidate-experience"]
    assert [gid for _, gid in other._goals.options] == ["brand", "hire-fast"]  # chosen stays
    other._goals.value = ("brand",)
    assert step.value.kra("recruitment").goals == ["hire-fast"]
    assert step.value.kra("candidate-experience").goals == ["brand"]
    served = step._goal_list.value
    assert "This scorecard serves" in served and "Employer brand</b> — Dev Shah, Talent" in served
    step._goal_search.value = "no such words"
    assert row._goals.value == ("hire-fast",)  # a search never unpicks a goal
    krakit.Workspace(workspace.folder).save(step.value, "recruiter")
    assert krakit.Workspace(workspace.folder).list() == ["recruiter"]


def test_an_unknown_id_is_kept_and_tree_text_is_escaped(workspace: krakit.Workspace) -> None:
    _with_tree(workspace)
    evil = validate_tree(TREE)
    evil.units[0].goals[0].title = "<img src=x onerror=alert(1)>"
    save_tree(evil, workspace.folder / "goals.yaml")
    card = krakit.Scorecard(
        role={"title": "Recruiter"},
        kras=[{"title": "Recruitment", "goals": ["old-goal", "hire-fast"]}],
    )
    step = RoleStep(card, workspace=workspace)
    assert step._rows["recruitment"]._goals.value == ("old-goal", "hire-fast")
    assert "unknown goal id" in step._goal_list.value
    assert "<img" not in step._goal_list.value and "&lt;img" in step._goal_list.value


def test_without_a_tree_the_blank_start_is_as_before(workspace: krakit.Workspace) -> None:
    step = RoleStep(workspace=workspace)
    assert step._goal_search.layout.display == "none"
    step._blank.click()
    step._title.value = "Recruiter"
    step._lines.value = "Recruitment"
    step._goal.value = "Grow the team"
    step._add_goal.click()
    step._rows["recruitment"]._goals.value = ("grow-the-team",)
    assert step.value.kra("recruitment").goals == ["grow-the-team"]
    assert "<li>Grow the team</li>" in step._goal_list.value


def test_a_broken_tree_is_said_and_goals_are_typed(workspace: krakit.Workspace) -> None:
    workspace.folder.mkdir(parents=True)
    (workspace.folder / "goals.yaml").write_text("organisation: Acme\ngoals: [{title: A}]\n")
    step = RoleStep(workspace=workspace)
    assert "goal tree was not read" in step._message.value
    assert "goals[a].owner" in step._message.value
    assert step._goal_search.layout.display == "none"
