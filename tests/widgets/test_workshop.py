"""The wizard driven as a user: four steps with Back/Next, shared state, resume by name."""

from __future__ import annotations

from pathlib import Path

import krakit
from krakit.widgets import Workshop


def test_four_steps_with_back_and_next(tmp_path: Path) -> None:
    wizard = krakit.workshop(tmp_path / "ws")
    assert isinstance(wizard, Workshop)
    assert wizard.step == 0 and wizard._back.disabled
    for expected in (1, 2, 3, 3):
        wizard._next.click()
        assert wizard.step == expected
    assert wizard._next.disabled
    wizard._back.click()
    assert wizard.step == 2 and wizard._pages.selected_index == 2
    assert [s.active for s in wizard.steps] == [False, False, True, False]
    assert wizard._stepper.value.startswith("3")


def test_state_is_kept_across_steps_and_saved(tmp_path: Path) -> None:
    wizard = krakit.workshop(tmp_path / "ws")
    roles = wizard.roles
    roles._title.value = "Recruiter"
    roles._lines.value = "Recruitment\nCandidate experience"
    roles._rows["recruitment"]._weight.value = "70"
    roles._rows["candidate-experience"]._weight.value = "30"
    wizard._next.click()
    kpis = wizard.kpis
    assert [v for _, v in kpis._kra.options] == ["recruitment", "candidate-experience"]
    kpis.select("recruitment")
    kpis._statement.value = "Reduce average time to hire from 45 days to 30 days by Q3 2026"
    kpis._fields["owner"].value = "Priya"
    kpis._save.click()
    wizard._back.click()
    assert wizard.roles._rows["recruitment"]._weight.value == "70"  # nothing lost
    wizard.step = 2
    assert wizard.checks.findings == list(krakit.check(wizard.value))
    wizard.step = 3
    wizard.scorecard_step._name.value = "recruiter"
    wizard.scorecard_step._save.click()
    saved = krakit.Workspace(tmp_path / "ws").open("recruiter")
    assert saved.kra("recruitment").kpis[0].owner == "Priya"
    assert saved.kra("recruitment").weight == 70


def test_resume_by_name(tmp_path: Path, recruiter: krakit.Scorecard) -> None:
    ws = krakit.Workspace(tmp_path / "ws")
    ws.save(recruiter, "priya")
    wizard = krakit.workshop(ws.folder, "priya")
    assert wizard.value.role.title == "Recruiter"
    assert wizard.scorecard_step.name == "priya"
    wizard.step = 3
    wizard.scorecard_step._save.click()  # resumed from the file: no conflict
    assert "Saved" in wizard.scorecard_step._saved.value


def test_go_to_from_the_check_opens_the_kpi(tmp_path: Path, recruiter: krakit.Scorecard) -> None:
    ws = krakit.Workspace(tmp_path / "ws")
    ws.save(recruiter, "priya")
    wizard = krakit.workshop(ws.folder, "priya")
    wizard.step = 2
    wizard.checks.jump = "kras[candidate-experience].kpis[candidate-nps].target"
    assert wizard.step == 1
    assert wizard.kpis.kpi_id == "candidate-nps"
    assert wizard.kpis._kra.value == "candidate-experience"
    assert "krakit-jump" in wizard.kpis._fields["target"]._dom_classes
    assert "target" in wizard.kpis._message.value
    wizard.step = 2
    wizard.checks.jump = "kras[recruitment]"
    assert wizard.step == 0


def test_start_from_a_template(tmp_path: Path) -> None:
    wizard = krakit.workshop(tmp_path / "ws", template="sales-executive")
    assert wizard.value.role.title == "Sales executive"
    assert wizard.roles._lines.value.splitlines() == [k.title for k in wizard.value.kras]
    wizard.step = 3
    assert "<svg" in wizard.scorecard_step._chart.value  # targets and weights, no actuals yet


def test_resuming_by_another_spelling_or_a_wrong_name(tmp_path: Path) -> None:
    first = krakit.workshop(tmp_path / "ws")
    first.roles._blank.click()
    first.roles._title.value = "HR business partner"
    first.roles._lines.value = "Talent retention"
    for _ in range(3):
        first.next()
    first.scorecard_step._name.value = "HR BP (Pune)"
    first.scorecard_step._save.click()
    again = krakit.workshop(tmp_path / "ws", "hr-bp-pune")  # the name as a slug
    assert [k.title for k in again.value.kras] == ["Talent retention"]
    assert again.scorecard_step._name.value == "HR BP (Pune)"  # saves back to its own file
    typo = krakit.workshop(tmp_path / "ws", "hr-bp-mumbai")
    assert not typo.value.kras
    shown = typo.roles._message.value
    assert "hr-bp-mumbai" in shown and "HR BP (Pune)" in shown and "Resume" in shown
    typo.roles._lines.value = "Talent acquisition"  # starting here: the warning has done its job
    assert "hr-bp-mumbai" not in typo.roles._message.value
