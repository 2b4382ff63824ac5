"""`krakit room goals` and `krakit room anonymous`: the facilitator's choices from a terminal."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from krakit.cli import _register_all, app
from krakit.room import Room

_register_all()
runner = CliRunner()

TREE = """\
organisation: Depot
goals:
  - {id: on-time, title: Deliver on time, owner: Ops head}
  - {id: safe, title: No accidents, owner: Safety lead}
"""


@pytest.fixture
def room(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Room:
    monkeypatch.setenv("KRAKIT_ROOMS", str(tmp_path / "rooms"))
    room = Room("batch-3")
    room.join("Kiran Das").publish(
        "scorecard",
        {"role": {"title": "Dispatcher"},
         "kras": [{"title": "Dispatch", "goals": ["on-time"]}, {"title": "Paperwork"}]},
    )  # fmt: skip
    (tmp_path / "depot.yaml").write_text(TREE, encoding="utf-8")
    return room


def test_goals_set_shown_and_removed(room: Room, tmp_path: Path) -> None:
    done = runner.invoke(app, ["room", "goals", "batch-3", str(tmp_path / "depot.yaml")])
    assert done.exit_code == 0, done.output
    assert room.goals().organisation == "Depot"
    shown = runner.invoke(app, ["room", "goals", "batch-3"])
    assert shown.exit_code == 0, shown.output
    assert "No accidents [safe]" in shown.output and "served by no KRA" in shown.output
    assert "The KRA 'Paperwork' (Dispatcher: Kiran Das) serves no goal" in shown.output
    hidden = runner.invoke(app, ["room", "goals", "batch-3", "--no-names"])
    assert "Kiran" not in hidden.output and "#1" in hidden.output
    gone = runner.invoke(app, ["room", "goals", "batch-3", "--remove"])
    assert gone.exit_code == 0 and room.goals() is None
    none = runner.invoke(app, ["room", "goals", "batch-3"])
    assert none.exit_code == 2 and "has no goal tree" in none.output


def test_a_bad_tree_is_refused_naming_the_file(room: Room, tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("organisation: Depot\ngoals: [{title: X, parent: nowhere}]\n")
    done = runner.invoke(app, ["room", "goals", "batch-3", str(bad)])
    assert done.exit_code == 2 and "bad.yaml" in done.output and "Traceback" not in done.output
    assert room.goals() is None


def test_anonymous_asks_then_replaces_the_names(room: Room) -> None:
    refused = runner.invoke(app, ["room", "anonymous", "batch-3"], input="n\n")
    assert refused.exit_code == 1 and not room.anonymous
    done = runner.invoke(app, ["room", "anonymous", "batch-3", "--yes"])
    assert done.exit_code == 0 and "1 tab" in done.output, done.output
    assert room.anonymous
    shown = runner.invoke(app, ["room", "show", "batch-3"])
    assert "Kiran" not in shown.output
    assert "Kiran" not in "".join(p.read_text() for p in room.folder.rglob("*.json"))
