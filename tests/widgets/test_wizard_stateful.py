"""The wizard driven like a person, by Hypothesis: any text in any box, any button, any order.

A :class:`~hypothesis.stateful.RuleBasedStateMachine` types realistic and arbitrary text
(messy manager words, Hindi-English mix, empty strings, huge numbers) into any field of the
four steps, clicks any button (including the rows that appear: flagged lines, findings,
suggestions), moves between steps, saves, resumes, records actuals and downloads. After
every step:

* nothing escaped a callback: no bug report was written and no step says "bug in krakit";
* the scorecard in memory validates (it dumps and loads back equal);
* after a Save that said "Saved", the file loads back equal to the scorecard in memory
  (checked right after the click);
* "unsaved" is true exactly while the scorecard differs from the one last opened or saved.

``make test`` runs a bounded number of examples; ``KRAKIT_STATEFUL_EXAMPLES=200`` (see
``make stateful``) runs longer.
"""

from __future__ import annotations

import os
from collections import Counter
from pathlib import Path

import hypothesis.strategies as st
import pandas  # noqa: F401  (loaded before any wizard exists: the wizard's warm-up thread
import vl_convert  # noqa: F401  then never imports numpy while Hypothesis looks for it)
from hypothesis import HealthCheck, settings
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    rule,
    run_state_machine_as_test,
)

import krakit
from krakit.store import dump, loads
from krakit.widgets import Workshop

REACHED: Counter[str] = Counter()
EXAMPLES = int(os.environ.get("KRAKIT_STATEFUL_EXAMPLES", "6"))
STEPS = int(os.environ.get("KRAKIT_STATEFUL_STEPS", "18"))

# What managers type, written for this test: vague, precise, mixed-language, odd numbers.
WORDS = [
    "",
    " ",
    "\n\n",
    "Reduce ticket backlog",
    "Improve quality",
    "Handle other stuff as needed",
    "Ticket resolution\nCustomer satisfaction\nTeam morale",
    "Reduce ticket backlog from 400 to 150 by March 2027",
    "CSAT 90% se upar rakhna hai har mahine",
    "Har quarter mein ₹12 lakh ki sale karni hai",
    "Dukaan ki daily sale ₹25,000 tak le jaana by Diwali",
    "Patient falls zero per month on ward 3",
    "Nurse rostering\nPatient safety\nInfection control",
    "Class average in maths above 75% by the end of term",
    "Attendance 95 percent",
    "1e308",
    "-1",
    "99999999999999999999999",
    "12,00,000",
    "nan",
    "inf",
    "85%",
    "30",
    "lots",
    "2026-01",
    "2026-Q2",
    "FY2026-27",
    "by Q3 2026",
    "31/02/2027",
    "<script>alert(1)</script>",
    "Ticket resolution",
    "recruit",
    "priya's card",
    "../../etc/passwd",
    "कर्मचारी संतुष्टि 80% तक",
]
TEXT = st.one_of(st.sampled_from(WORDS), st.text(max_size=40))
ROLES = ["", "Customer support team lead", "Nurse manager", "Class teacher", "Dukaan malik"]
KRA_LINES = [
    "",
    "Ticket resolution\nCustomer satisfaction",
    "Patient safety\nStaff rostering\nReduce patient falls to zero by March 2027",
    "Teaching quality\nParent communication\nHandle other stuff as needed",
    "Daily sales\nStock management\nGrahak satisfaction",
]
KPI_SENTENCES = [
    "Reduce ticket backlog from 400 to 150 by March 2027",
    "Keep first response time under 4 hours every week",
    "Raise CSAT from 78% to 90% by Q4 2026",
    "Patient falls zero per month",
    "Har mahine ₹3 lakh ki sale",
    "Class average between 70 and 85 every term",
    "Launch the new roster by 31 March 2027",
    "Improve quality",
]
_READABLE = st.sampled_from(["120", "85%", "1,200", "3.5", "0", "₹2 lakh", "", "12,00,000", "done"])
AMOUNTS = st.one_of(_READABLE, _READABLE, _READABLE, TEXT)  # mostly what a grid gets
PERIODS = ["2026-01", "2026-Q2", "2026", "2026-H1", "FY2026-27", "", "March", "2026-13"]

# Boxes a person can type in: (step index, path to the control from the wizard).
BOXES = {
    "role title": (0, lambda wz: wz.roles._title),
    "KRA lines": (0, lambda wz: wz.roles._lines),
    "goal": (0, lambda wz: wz.roles._goal),
    "role search": (0, lambda wz: wz.roles._search),
    "KPI sentence": (1, lambda wz: wz.kpis._statement),
    **{
        f"KPI {name}": (1, lambda wz, n=name: wz.kpis._fields[n])
        for name in ("metric", "unit", "baseline", "target", "target_low", "deadline", "weight")
    },
    "save as": (3, lambda wz: wz.scorecard_step._name),
    "period": (3, lambda wz: wz.scorecard_step._period),
    "save elsewhere": (3, lambda wz: wz.scorecard_step._folder),
}
BUTTONS = {
    "use template": (0, lambda wz: wz.roles._use),
    "start blank": (0, lambda wz: wz.roles._blank),
    "add goal": (0, lambda wz: wz.roles._add_goal),
    "new KPI": (1, lambda wz: wz.kpis._new),
    "remove KPI": (1, lambda wz: wz.kpis._remove),
    "add KPI": (1, lambda wz: wz.kpis._save),
    "check again": (2, lambda wz: wz.checks._recheck),
    "save": (3, lambda wz: wz.scorecard_step._save),
    "replace the other file": (3, lambda wz: wz.scorecard_step._overwrite),
    "load the other file": (3, lambda wz: wz.scorecard_step._reload),
    "record actuals": (3, lambda wz: wz.scorecard_step._record),
}


class Wizard(RuleBasedStateMachine):
    """One participant at one wizard, in a folder of their own."""

    def __init__(self, folder: Path, crashes: Path) -> None:
        super().__init__()
        self.crashes = crashes
        # runs share the folder: only this run's reports count (a replay must behave the same)
        self.old_reports = set(crashes.glob("krakit-bug-*.txt"))
        self.wizard: Workshop = krakit.workshop(folder / "ws")

    # -- what a person does ----------------------------------------------------------------
    @initialize(title=st.sampled_from(ROLES), lines=st.sampled_from(KRA_LINES))
    def describe_the_role(self, title: str, lines: str) -> None:
        """Most people start by typing their role and responsibilities (some skip it)."""
        self.wizard.roles._title.value = title
        self.wizard.roles._lines.value = lines

    @rule(sentence=st.one_of(st.sampled_from(WORDS), st.sampled_from(KPI_SENTENCES)))
    def add_a_kpi(self, sentence: str) -> None:
        """Type a KPI as a sentence and click Add KPI."""
        self.wizard.step = 1
        self.wizard.kpis._start_new()
        self.wizard.kpis._statement.value = sentence
        self.wizard.kpis._save.click()

    @rule(period=st.sampled_from(PERIODS), values=st.lists(AMOUNTS, min_size=1, max_size=6))
    def record_actuals(self, period: str, values: list[str]) -> None:
        """Pick a period, type what was achieved in each cell, click Record actuals."""
        self.wizard.step = 3
        step = self.wizard.scorecard_step
        step._period.value = period
        for cell, value in zip(step._cells.values(), values, strict=False):
            cell.value = value
        step._record.click()

    @rule(box=st.sampled_from(sorted(BOXES)), text=TEXT)
    def type_in(self, box: str, text: str) -> None:
        step, control = BOXES[box]
        self.wizard.step = step
        control(self.wizard).value = text

    @rule(button=st.sampled_from(sorted(BUTTONS)))
    def click(self, button: str) -> None:
        step, control = BUTTONS[button]
        self.wizard.step = step
        before = self.wizard.scorecard_step.saved_path
        control(self.wizard).click()
        step4 = self.wizard.scorecard_step
        if button in ("save", "replace the other file") and "Saved to" in step4._saved.value:
            assert not step4.unsaved and step4.saved_path
            saved = krakit.load(step4.saved_path)  # what was saved loads back equal
            assert dump(saved) == dump(self.wizard.value)
            assert saved.model_dump() == self.wizard.value.model_dump()
        elif button == "save":
            assert step4.saved_path == before  # a refused save names no new file

    @rule(step=st.integers(0, 3))
    def go_to(self, step: int) -> None:
        self.wizard._stepper.value = self.wizard._stepper.options[step]

    @rule(forward=st.booleans())
    def back_or_next(self, forward: bool) -> None:
        (self.wizard._next if forward else self.wizard._back).click()

    @rule(data=st.data())
    def choose(self, data: st.DataObject) -> None:
        """Pick an option in any dropdown of the step on screen."""
        wz = self.wizard
        dropdowns = {
            0: [wz.roles._templates, wz.roles._saved]
            + [r._kind for r in wz.roles._rows.values()]
            + [r._kra for r in wz.roles._line_rows.values()],
            1: [wz.kpis._kra, wz.kpis._existing, wz.kpis._polarity, wz.kpis._frequency],
            3: [],
        }
        step = data.draw(st.sampled_from(sorted(dropdowns)))
        choices = [d for d in dropdowns[step] if d.options]
        if not choices:
            return
        wz.step = step
        dropdown = data.draw(st.sampled_from(choices))
        dropdown.index = data.draw(st.integers(0, len(dropdown.options) - 1))

    @rule(data=st.data())
    def click_a_row(self, data: st.DataObject) -> None:
        """Click a button that appeared: move/keep a flagged line, a suggestion, a finding."""
        wz = self.wizard
        buttons = [
            *[(0, b) for r in wz.roles._line_rows.values() for b in (r._move, r._keep)],
            *[(1, b) for b in wz.kpis._suggestions.children],
            *[(2, b) for row in wz.checks.rows for b in (row.apply, row.goto, row.ignore)],
        ]
        if not buttons:
            return
        step, button = data.draw(st.sampled_from(buttons))
        wz.step = step
        if not button.layout.display == "none":
            button.click()

    @rule(data=st.data(), text=TEXT)
    def type_a_weight_or_actual(self, data: st.DataObject, text: str) -> None:
        wz = self.wizard
        boxes = [(0, r._weight) for r in wz.roles._rows.values()]
        wz.step = 3
        boxes += [(3, c) for c in wz.scorecard_step._cells.values()]
        if not boxes:
            return
        step, box = data.draw(st.sampled_from(boxes))
        wz.step = step
        box.value = text

    @rule(data=st.data())
    def resume(self, data: st.DataObject) -> None:
        roles = self.wizard.roles
        self.wizard.step = 0
        roles._list_saved()
        if roles._saved.options:
            roles._saved.value = data.draw(st.sampled_from(list(roles._saved.options)))
            roles._open.click()

    @rule(kind=st.sampled_from(["yaml", "html", "xlsx"]))
    def download(self, kind: str) -> None:
        self.wizard.step = 3
        self.wizard.scorecard_step._downloads[kind].click()

    # -- what must always hold -------------------------------------------------------------
    def teardown(self) -> None:
        """Count how far this run got (printed by the test, seen with ``pytest -s``)."""
        sc, step4 = self.wizard.value, self.wizard.scorecard_step
        REACHED["runs"] += 1
        REACHED["with KPIs"] += bool(sc is not None and sc.all_kpis())
        REACHED["with actuals"] += bool(sc is not None and sc.actuals)
        REACHED["saved"] += bool(step4.saved_path)

    @invariant()
    def nothing_escaped(self) -> None:
        reports = sorted(set(self.crashes.glob("krakit-bug-*.txt")) - self.old_reports)
        assert not reports, reports[0].read_text()
        for step in self.wizard.steps:
            assert "bug in krakit" not in step._message.value, step._message.value

    @invariant()
    def scorecard_validates(self) -> None:
        sc = self.wizard.value
        assert sc is not None
        assert loads(dump(sc)).model_dump() == sc.model_dump()

    @invariant()
    def unsaved_means_changed(self) -> None:
        step = self.wizard.scorecard_step
        assert step.unsaved == (step.scorecard != step.baseline)


def test_the_wizard_survives_a_person(tmp_path: Path, crash_folder: Path) -> None:
    run = iter(range(10**6))
    run_state_machine_as_test(
        lambda: Wizard(tmp_path / f"run-{next(run)}", crash_folder),
        settings=settings(
            max_examples=EXAMPLES,
            stateful_step_count=STEPS,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
            derandomize=EXAMPLES <= 10,  # the bounded run in make test is the same every time
        ),
    )
    print(f"\nstateful wizard runs: {dict(REACHED)}")
