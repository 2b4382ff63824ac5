"""Widgets: no text typed by one person can run code in another's browser.

A property-style sweep: every step widget (and the wizard and training widgets) is built on a
scorecard with a hostile payload in every text field, driven through its actions, and then
every HTML any widget holds is inspected: ``HTML``/``HTMLMath`` values, descriptions that
allow HTML, and ``text/html`` outputs of ``Output`` widgets. The sweep looks at every widget
created during the test (not a list of known ones), so a new widget is covered as it lands.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import ipywidgets as w
import pytest
from ipywidgets.widgets import widget as widget_module

import krakit
from krakit import training
from krakit.widgets.checks import CheckStep
from krakit.widgets.kpis import KPIStep
from krakit.widgets.roles import RoleStep
from krakit.widgets.scorecard import ScorecardStep
from krakit.widgets.training import FixExercise, Quiz
from krakit.widgets.workshop import Workshop
from tests.security._payloads import PAYLOADS, describe, hostile, unsafe_html


def _html_of(widget: w.Widget) -> Iterator[tuple[str, str]]:
    """Every piece of HTML a widget asks the browser to render."""
    name = type(widget).__name__
    if isinstance(widget, w.HTML | w.HTMLMath):
        yield f"{name}.value", widget.value
    if getattr(widget, "description_allow_html", False):
        yield f"{name}.description", widget.description
    if isinstance(widget, w.Output):
        for i, output in enumerate(widget.outputs):
            data = output.get("data", {})
            if "text/html" in data:
                yield f"{name}.outputs[{i}]", "".join(data["text/html"])


def _tree(root: w.Widget) -> Iterator[w.Widget]:
    yield root
    for child in getattr(root, "children", ()) or ():
        yield from _tree(child)


class _Sweep:
    """Remember which widgets exist before a test, then inspect all created since."""

    def __init__(self) -> None:
        self.before = set(widget_module._instances)
        self.roots: list[w.Widget] = []

    def widgets(self) -> list[w.Widget]:
        seen = {id(x): x for root in self.roots for x in _tree(root)}
        for key, instance in list(widget_module._instances.items()):
            if key not in self.before:
                seen.setdefault(id(instance), instance)
        return list(seen.values())

    def check(self, payload: str) -> int:
        problems: dict[str, list[str]] = {}
        pieces = 0
        for widget in self.widgets():
            for where, markup in _html_of(widget):
                pieces += 1
                found = unsafe_html(markup, payload)
                if found:
                    problems[f"{where} {markup[:120]!r}"] = found
        assert not problems, describe(problems)
        return pieces


@pytest.fixture
def sweep() -> _Sweep:
    return _Sweep()


def _drive_roles(sc: krakit.Scorecard, ws: krakit.Workspace, payload: str) -> w.Widget:
    ws.save(sc, "hostile")
    step = RoleStep(sc, workspace=ws)
    step._search.value = payload
    step._lines.value = "\n".join(
        [*(k.title for k in sc.kras), f"Increase revenue by 20% by March 2027 {payload}"]
    )
    if step._flags.children:
        row = step._flags.children[0]
        if row._kra.options:
            row._kra.value = row._kra.options[0][1]
        row._move.click()
    step._goal.value = f"{payload} goal"
    step._add_goal.click()
    step._saved.value = "hostile"
    step._open.click()
    step._title.value = f"{payload} retitled"
    return step


def _drive_kpis(sc: krakit.Scorecard, payload: str) -> w.Widget:
    step = KPIStep(sc)
    for kra in sc.kras:
        step.select(kra.id, kra.kpis[0].id, field="target")
    step._statement.value = f"Reduce {payload} from 45 to 30 days by Q3 2026"
    step._fields["owner"].value = payload
    step._fields["target"].value = payload  # not a number: the error quotes it
    step._fields["target"].value = "30"
    step._save.click()
    step._statement.value = payload
    return step


def _drive_checks(sc: krakit.Scorecard, payload: str) -> w.Widget:
    step = CheckStep(sc)
    for row in step.rows[:3]:
        row.reason.value = payload
        row.ignore.click()
    for row in step.rows[:2]:
        row.apply.click()
    step._recheck.click()
    return step


def _drive_scorecard(
    sc: krakit.Scorecard, ws: krakit.Workspace, tmp: Path, payload: str
) -> w.Widget:
    step = ScorecardStep(sc, workspace=ws)
    step._name.value = payload  # an unsafe file name: the refusal quotes it
    step._save.click()
    step._name.value = "hostile"
    step._save.click()
    step._period.value = "2026-Q2"
    for kpi in sc.all_kpis():
        step.set_cell(kpi.id, payload)
    step._record.click()
    sheet = tmp / "actuals.csv"
    sheet.write_text(f"kpi,period,value\n{payload},2026-Q2,{payload}\n", encoding="utf-8")
    step.import_file(sheet)
    return step


def _drive_workshop(sc: krakit.Scorecard, ws: krakit.Workspace) -> w.Widget:
    wizard = Workshop(sc, workspace=ws)
    for _ in range(3):
        wizard.next()
    if wizard.checks.rows:
        wizard.checks.rows[0].goto.click()
    return wizard


def _drive_training(tmp: Path, payload: str) -> list[w.Widget]:
    items = [
        training.QuizItem(f"{payload} revenue", "KRA", payload),
        training.QuizItem(f"Grow {payload} by 10% by March 2027", "KPI", payload),
    ]
    from krakit import publishing
    from krakit.room import Room
    from krakit.widgets.join import JoinBar

    room = Room(path=tmp / "training-room")
    join = JoinBar(room)
    join._name.value = payload
    join._join.click()
    quiz = Quiz(items, room=room)
    quiz.answer("KPI")
    quiz._save.click()  # one unanswered: asks first, the question in the message
    quiz._confirm.click()
    exercise = training.Exercise(statement=payload, hint=payload, rewrite=payload)
    fix = FixExercise(exercise, room=room)
    fix._rewrite.value = f"Improve {payload}"
    fix._check.click()
    wizard = krakit.workshop(tmp / "ws-room", room=room)  # the name is known: no question
    wizard.roles._title.value = payload
    publishing.forget(room)
    return [join, quiz, fix, wizard]


def _drive_facilitator(sc: krakit.Scorecard, tmp: Path, payload: str) -> w.Widget:
    from krakit.room import Room
    from krakit.widgets.facilitator import Facilitator

    room = Room(path=tmp / "room")
    for name in (payload, f"{payload} two"):
        me = room.join(name)
        me.publish("progress", {"step": 2, "step_name": payload})
        me.publish("scorecard", sc)
        me.publish("quiz", {"answers": {f"{payload} revenue": "KPI", payload: "KRA"}})
        me.publish("fix", {"attempts": [{"statement": payload, "rewrite": payload}]})
    (me.folder / "quiz.json").write_text(payload)  # unreadable: listed by name
    items = [training.QuizItem(f"{payload} revenue", "KRA", payload)]
    from krakit.goals import validate_tree

    room.set_goals(
        validate_tree(
            {
                "organisation": payload,
                "goals": [
                    {"title": payload, "owner": payload},
                    {"title": f"{payload} two", "owner": payload},
                ],
            }
        )
    )
    view = Facilitator(room, items=items, poll=False)
    view.mistakes._code.value = view.mistakes._code.options[0][1]
    view.quiz._reveal.value = True
    view.spotlight_tab._next.click()
    view.spotlight_tab._kra.value = view.spotlight_tab._kra.options[-1]
    view._tabs.selected_index = view._parts.index(view.goals) + 1  # names, goals, gaps drawn
    view._projecting.value = True
    view.room_tab._workbook.click()
    view.room_tab._reset.click()
    return view


STEPS: dict[str, Callable[[krakit.Scorecard, krakit.Workspace, Path, str], object]] = {
    "roles": lambda sc, ws, tmp, p: _drive_roles(sc, ws, p),
    "kpis": lambda sc, ws, tmp, p: _drive_kpis(sc, p),
    "checks": lambda sc, ws, tmp, p: _drive_checks(sc, p),
    "scorecard": lambda sc, ws, tmp, p: _drive_scorecard(sc, ws, tmp, p),
    "workshop": lambda sc, ws, tmp, p: _drive_workshop(sc, ws),
    "training": lambda sc, ws, tmp, p: _drive_training(tmp, p),
    "facilitator": lambda sc, ws, tmp, p: _drive_facilitator(sc, tmp, p),
}


@pytest.mark.parametrize("payload", PAYLOADS)
@pytest.mark.parametrize("step", list(STEPS))
def test_no_widget_renders_hostile_text_as_html(
    step: str, payload: str, sweep: _Sweep, tmp_path: Path
) -> None:
    sc = hostile(payload)
    made = STEPS[step](sc, krakit.Workspace(tmp_path / "ws"), tmp_path, payload)
    sweep.roots.extend(made if isinstance(made, list) else [made])
    assert sweep.check(payload) > 3  # it looked at real HTML, not at nothing


def test_the_sweep_catches_an_unescaped_widget(sweep: _Sweep) -> None:
    """The inspector is not blind: raw user text in an HTML widget fails the sweep."""
    payload = PAYLOADS[0]
    sweep.roots.append(w.VBox([w.HTML("<b>fine</b>"), w.HTML(f"<i>{payload}</i>")]))
    with pytest.raises(AssertionError, match="onerror"):
        sweep.check(payload)


def test_the_sweep_reads_output_widgets_and_html_descriptions(sweep: _Sweep) -> None:
    out = w.Output()
    out.outputs = ({"output_type": "display_data", "data": {"text/html": "<svg onload=x>"}},)
    label = w.Checkbox(description="<img src=x onerror=y>", description_allow_html=True)
    sweep.roots.extend([out, label])
    with pytest.raises(AssertionError) as caught:
        sweep.check("")
    assert "onload" in str(caught.value) and "onerror" in str(caught.value)


def test_no_widget_lets_descriptions_be_html(sweep: _Sweep, tmp_path: Path) -> None:
    """Descriptions and tooltips hold user text (KPI names in the actuals grid): plain text."""
    sc = hostile(PAYLOADS[0])
    ws = krakit.Workspace(tmp_path / "ws")
    sweep.roots.append(Workshop(sc, workspace=ws))
    sweep.roots.append(ScorecardStep(sc, workspace=ws))
    html_descriptions = [
        type(x).__name__ for x in sweep.widgets() if getattr(x, "description_allow_html", False)
    ]
    assert html_descriptions == []
