"""What keeps the wizard quick, checked by the order things happen in (never by a clock):

* Next turns the page before the new step redraws (the page changes at once);
* step 4 draws its score table before its chart (the chart takes longest);
* the background warm-up starts at the manager's first edit or step change, not while the page
  is being built (when a room arrives at once the first screens get the CPU).
"""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest

import krakit
from krakit import edit

# the module (krakit.widgets.workshop is also the name of the function it exports)
workshop_module = importlib.import_module("krakit.widgets.workshop")


@pytest.fixture
def warm_ups(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    calls: list[float] = []
    monkeypatch.setattr(workshop_module, "warm_up", lambda delay=0.0: calls.append(delay))
    return calls


def test_the_page_turns_before_the_step_redraws(tmp_path: Path, warm_ups: list[float]) -> None:
    wizard = krakit.workshop(tmp_path)
    events: list[str] = []
    wizard._pages.observe(lambda _c: events.append("page turned"), "selected_index")
    original = wizard.kpis._render
    wizard.kpis._render = lambda: (events.append("step redrawn"), original())[1]
    wizard.next()
    assert events == ["page turned", "step redrawn"]


def test_step_four_draws_the_table_before_the_chart(
    recruiter: krakit.Scorecard, tmp_path: Path, warm_ups: list[float]
) -> None:
    wizard = krakit.workshop(tmp_path)
    wizard.roles.scorecard = recruiter
    step = wizard.scorecard_step
    events: list[str] = []
    step._scores.observe(lambda _c: events.append("table"), "value")
    step._chart.observe(
        lambda c: events.append("chart" if "<svg" in c["new"] else "chart placeholder"), "value"
    )
    wizard.step = 3
    assert events == ["table", "chart placeholder", "chart"]


def test_warm_up_waits_for_the_first_edit(tmp_path: Path, warm_ups: list[float]) -> None:
    wizard = krakit.workshop(tmp_path)
    assert warm_ups == []  # building the first screen starts nothing in the background
    wizard.roles.scorecard = edit.set_role(wizard.roles.scorecard, "Store manager")
    assert warm_ups == [0]
    wizard.next()
    assert len(warm_ups) == 2  # asked again; warm_up itself runs once per process


def test_the_warm_up_starts_the_chart_engine_only_once_the_manager_pauses(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """vl-convert holds the GIL while its engine starts: never while the manager is typing.

    A fake clock: the manager keeps typing (a callback every 0.3 s) until t = 10; the engine
    may start only after a whole idle second with no callback.
    """
    speed = importlib.import_module("krakit.widgets.speed")
    now = [0.0]
    typing_until = 10.0

    def sleep(seconds: float) -> None:
        while seconds > 0:  # the manager's keystrokes land while the warm-up sleeps
            step = min(seconds, 0.3)
            now[0] += step
            seconds -= step
            if now[0] <= typing_until:
                speed._last_activity[0] = now[0]

    speed._last_activity[0] = 0.0
    speed.wait_until_idle(speed.IDLE_S, clock=lambda: now[0], sleep=sleep)
    assert now[0] >= typing_until + speed.IDLE_S  # started in the pause, not during the typing
    assert now[0] - speed._last_activity[0] >= speed.IDLE_S


def test_every_guarded_callback_counts_as_the_manager_working(tmp_path: Path) -> None:
    speed = importlib.import_module("krakit.widgets.speed")
    wizard = krakit.workshop(tmp_path)
    speed._last_activity[0] = -1.0
    wizard.roles._title.value = "Ward sister"  # a keystroke in step 1's title box
    assert speed._last_activity[0] > 0
