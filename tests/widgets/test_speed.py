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
