"""Nothing fails silently: every callback is guarded, errors read plainly, bugs leave a file."""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Any

import ipywidgets as w
import pytest
from ipywidgets.widgets import widget as widget_module

import krakit
from krakit import edit
from krakit.widgets._base import is_guarded
from krakit.widgets.training import FixExercise, Quiz


def _krakit_callback(callback: Any) -> bool:
    """Whether a registered callback is krakit's own (traitlets' and ipywidgets' are not)."""
    func = getattr(callback, "__func__", callback)
    return str(getattr(func, "__module__", "")).startswith("krakit")


def _callbacks(widget: w.Widget) -> list[Any]:
    found: list[Any] = []
    for by_type in widget._trait_notifiers.values():
        for handlers in by_type.values():
            found.extend(handlers)
    if isinstance(widget, w.Button):
        found.extend(widget._click_handlers.callbacks)
    if hasattr(widget, "_make"):  # a download button: its maker runs on the browser's click
        found.append(widget._make)
    return found


def _drive(tmp_path: Path) -> list[w.Widget]:
    """Build the wizard and open every kind of row (flags, KRA rows, findings, actuals)."""
    before = set(widget_module._instances)
    wizard = krakit.workshop(tmp_path / "ws")
    roles = wizard.roles
    roles._blank.click()
    roles._title.value = "Support lead"
    roles._lines.value = "Ticket resolution\nReduce ticket backlog to 50 by March 2027"
    wizard.next()
    wizard.kpis._statement.value = "Improve quality"
    wizard.kpis._save.click()
    wizard.next()
    assert wizard.checks.rows  # finding rows exist
    wizard.next()
    wizard.scorecard_step._period.value = "2026-01"
    Quiz()
    FixExercise(krakit.training.exercises()[0])
    from krakit.room import Room
    from krakit.widgets.facilitator import Facilitator

    Facilitator(Room(path=tmp_path / "room"), poll=False)
    return [widget_module._instances[k] for k in set(widget_module._instances) - before]


def test_every_callback_krakit_registers_is_guarded(tmp_path: Path) -> None:
    widgets = _drive(tmp_path)
    seen, unguarded = 0, []
    for widget in widgets:
        for callback in _callbacks(widget):
            if _krakit_callback(callback) or is_guarded(callback):
                seen += 1
                if not is_guarded(callback):
                    unguarded.append(f"{type(widget).__name__}: {callback!r}")
    assert seen > 40  # the walk reached the buttons and boxes of all four steps
    assert unguarded == []


def _record_with(
    monkeypatch: pytest.MonkeyPatch, wizard: Any, module: Any, name: str, exc: Exception
) -> Any:
    """In step 4 of the wizard, make ``module.name`` raise, then type an actual and record it."""

    def broken(*_args: Any, **_kwargs: Any) -> Any:
        raise exc

    monkeypatch.setattr(module, name, broken)
    wizard.step = 3
    step = wizard.scorecard_step
    step._period.value = "2026-Q2"
    step.set_cell("time-to-hire", "30")
    step._record.click()  # no exception escapes the click
    return step


@pytest.fixture
def wizard(recruiter: krakit.Scorecard, tmp_path: Path) -> Any:
    wizard = krakit.workshop(tmp_path / "ws")
    wizard.roles.scorecard = recruiter
    return wizard


def test_a_bug_in_a_core_function_is_said_with_its_file(
    wizard: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bug = TypeError("object of type 'float' has no len()")
    step = _record_with(monkeypatch, wizard, edit, "record_actuals", bug)
    shown = step._message.value
    assert "bug in krakit" in shown and "TypeError" in shown
    assert "Traceback" not in shown
    files = list((tmp_path / "crashes").glob("krakit-bug-*.txt"))
    assert len(files) == 1 and str(files[0]) in shown
    text = files[0].read_text()
    assert "Traceback" in text and "has no len()" in text and "_on_record" in text


def test_a_bug_while_redrawing_stays_on_screen_after_the_edit(
    wizard: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    scoring = importlib.import_module("krakit.score")
    step = _record_with(monkeypatch, wizard, scoring, "score", ValueError("boom"))
    # the edit worked; drawing the scores then failed
    assert edit.actuals_for(step.value, "2026-Q2")["time-to-hire"] == 30
    assert "Recorded" in step._message.value and "bug in krakit" in step._message.value
    monkeypatch.undo()
    step._period.value = "2026-Q3"  # the next action starts clean
    assert "bug in krakit" not in step._message.value


def test_a_bug_in_the_wizard_itself_shows_in_the_step_on_screen(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    wizard = krakit.workshop(tmp_path / "ws")

    def broken(_where: str) -> Any:
        raise KeyError("nowhere")

    monkeypatch.setattr(edit, "locate", broken)
    wizard.step = 2
    wizard.checks.jump = "kras[x].kpis[y].target"
    assert "bug in krakit" in wizard.checks._message.value


def test_a_user_error_reads_plainly(recruiter: krakit.Scorecard, tmp_path: Path) -> None:
    wizard = krakit.workshop(tmp_path / "ws")
    wizard.roles.scorecard = recruiter
    wizard.step = 1
    kpis = wizard.kpis
    kpis.select("recruitment", "time-to-hire")
    kpis._fields["target"].value = "plenty"
    kpis._save.click()
    shown = kpis._message.value
    assert "target" in shown.lower() and "plenty" in shown
    assert "kras[" not in shown and "Traceback" not in shown


def test_quiz_and_exercise_say_a_bug(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    quiz = Quiz()
    exercise = FixExercise(krakit.training.exercises()[0])

    def broken(*_args: Any, **_kwargs: Any) -> Any:
        raise RuntimeError("boom")

    monkeypatch.setattr(krakit.training, "grade", broken)
    monkeypatch.setattr(krakit.training, "try_fix", broken)
    quiz._kra.click()
    exercise._check.click()
    assert "bug in krakit" in quiz._feedback.value
    assert "bug in krakit" in exercise._verdict.value
