"""Step 1 driven as a user: pick a role, type responsibilities, move a KPI, weights, goals."""

from __future__ import annotations

import krakit
from krakit.widgets.roles import RoleStep


def test_lines_become_kras_and_kpi_lines_are_flagged(workspace: krakit.Workspace) -> None:
    step = RoleStep(workspace=workspace)
    step._title.value = "Recruiter"
    step._lines.value = "Recruitment\nEmployee onboarding\nHire 10 engineers by March"
    assert [k.title for k in step.value.kras] == ["Recruitment", "Employee onboarding"]
    flagged = [row.text for row in step._flags.children]
    assert flagged == ["Hire 10 engineers by March"]
    assert "Looks like a KPI" in step._flags.children[0]._info.value


def test_move_a_kpi_line_under_a_kra(workspace: krakit.Workspace) -> None:
    step = RoleStep(workspace=workspace)
    step._lines.value = "Recruitment\nOnboarding\nHire 10 engineers by March"
    row = step._flags.children[0]
    row._kra.value = "recruitment"
    row._move.click()
    kpis = step.value.kra("recruitment").kpis
    assert [k.statement for k in kpis] == ["Hire 10 engineers by March"]
    assert kpis[0].target == 10
    assert step._flags.children == ()
    assert "Hire 10" not in step._lines.value
    assert "Moved" in step._message.value


def test_keep_a_flagged_line_as_a_kra(workspace: krakit.Workspace) -> None:
    step = RoleStep(workspace=workspace)
    step._lines.value = "Recruitment\nHire 10 engineers by March"
    step._flags.children[0]._keep.click()
    assert [k.title for k in step.value.kras] == ["Recruitment", "Hire 10 engineers by March"]
    assert step._flags.children == ()


def test_weights_total_kind_and_goals(workspace: krakit.Workspace) -> None:
    step = RoleStep(workspace=workspace)
    step._lines.value = "Recruitment\nCandidate experience"
    step._rows["recruitment"]._weight.value = "60"
    assert "60 of 100" in step._total.value and "off" in step._total.value
    step._rows["candidate-experience"]._weight.value = "40"
    assert "100 of 100" in step._total.value and "ok" in step._total.value
    step._rows["candidate-experience"]._kind.value = "individual"
    step._goal.value = "Be the employer of choice"
    step._add_goal.click()
    step._rows["candidate-experience"]._goals.value = ("be-the-employer-of-choice",)
    kra = step.value.kra("candidate-experience")
    assert (kra.weight, str(kra.kind), kra.goals) == (
        40,
        "individual",
        ["be-the-employer-of-choice"],
    )
    assert step._goal.value == ""
    step._add_goal.click()  # empty goal: a message, no crash
    assert "goal needs a title" in step._message.value


def test_start_from_a_template_and_search(workspace: krakit.Workspace) -> None:
    step = RoleStep(workspace=workspace)
    assert len(step._templates.options) >= 1
    step._search.value = "recruit"
    names = [value for _, value in step._templates.options]
    assert names == [t.name for t in krakit.search_templates("recruit")]
    assert names[0] == "recruiter" and step._templates.value == "recruiter"
    step._templates.value = names[0]
    step._use.click()
    assert step.value.kras and step._lines.value.splitlines()[0] == step.value.kras[0].title
    assert "template" in step._message.value
    step._search.value = "zzzz-no-such-role"
    step._use.click()
    assert "No role matches" in step._message.value


def test_resume_a_saved_scorecard(recruiter: krakit.Scorecard, workspace: krakit.Workspace) -> None:
    workspace.save(recruiter, "priya")
    step = RoleStep(workspace=workspace)
    assert step._saved.options == ("priya",)
    step._saved.value = "priya"
    step._open.click()
    assert step.value.role.title == "Recruiter"
    assert step._lines.value == "Recruitment\nCandidate experience"
    assert step._rows["recruitment"]._weight.value == "60"


def test_user_text_is_escaped(workspace: krakit.Workspace) -> None:
    step = RoleStep(workspace=workspace)
    evil = "<img src=x onerror=alert(1)>"
    step._lines.value = f"Recruitment\n{evil} 10 per month"
    step._goal.value = evil
    step._add_goal.click()
    html = step._goal_list.value + "".join(r._info.value for r in step._flags.children)
    html += "".join(r._title.value for r in step._rows.values())
    assert "<img" not in html and "&lt;img" in html
