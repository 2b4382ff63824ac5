"""`krakit room open` and setting a room up from a terminal (bug 16), and the tab counts."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from krakit.cli import _register_all, app
from krakit.room import Room
from tests.cli.test_room_goals import TREE
from tests.room.conftest import card

_register_all()
runner = CliRunner()


@pytest.fixture
def rooms(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("KRAKIT_ROOMS", str(tmp_path / "rooms"))
    (tmp_path / "goals.yaml").write_text(TREE, encoding="utf-8")
    return tmp_path / "rooms"


def test_open_creates_the_room_and_reopens_a_closed_one(rooms: Path) -> None:
    done = runner.invoke(app, ["room", "open", "fresh"])
    assert done.exit_code == 0 and "the room 'fresh' is open" in done.output, done.output
    room = Room("fresh", create=False)  # a participant can join now
    room.close()
    assert runner.invoke(app, ["room", "open", "fresh"]).exit_code == 0
    assert not room.closed


def test_setting_up_creates_the_room(rooms: Path, tmp_path: Path) -> None:
    goals = runner.invoke(app, ["room", "goals", "fresh", str(tmp_path / "goals.yaml")])
    assert goals.exit_code == 0, goals.output
    assert Room("fresh", create=False).goals().organisation == "Depot"
    hidden = runner.invoke(app, ["room", "anonymous", "quiet", "--yes"])
    assert hidden.exit_code == 0, hidden.output
    assert Room("quiet", create=False).anonymous


def test_a_bad_tree_or_a_no_leaves_no_room(rooms: Path, tmp_path: Path) -> None:
    (tmp_path / "bad.yaml").write_text("goals: [{title: No id}]\n", encoding="utf-8")
    bad = runner.invoke(app, ["room", "goals", "fresh", str(tmp_path / "bad.yaml")])
    assert bad.exit_code == 2 and "Traceback" not in bad.output
    refused = runner.invoke(app, ["room", "anonymous", "fresh"], input="n\n")
    assert refused.exit_code == 1
    assert not (rooms / "fresh").exists()


@pytest.mark.parametrize("action", ["show", "close", "reset", "reopen", "goals"])
def test_acting_on_a_room_not_opened_says_to_open_it(rooms: Path, action: str) -> None:
    done = runner.invoke(app, ["room", action, "fresh", "--yes"])
    assert done.exit_code == 2, done.output
    assert "krakit room open fresh" in done.output
    assert "facilitator (they open it first)" not in done.output  # that is for participants
    assert not (rooms / "fresh").exists()


def test_the_open_hint_keeps_the_folder_of_rooms(tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    done = runner.invoke(app, ["room", "close", "fresh", "--path", str(shared), "--yes"])
    assert f"krakit room open fresh --path {shared}" in done.output.replace("\n", "")


def test_show_counts_people_and_tabs(rooms: Path) -> None:
    room = Room("batch-1")
    room.join("Priya").publish("scorecard", card("Sales lead", {"Revenue": []}))
    room.join("priya").publish("scorecard", card("Recruiter", {"Recruitment": []}))
    room.join("Ravi")
    shown = runner.invoke(app, ["room", "show", "batch-1"])
    assert shown.exit_code == 0, shown.output
    assert "Room batch-1: 2 people (3 tabs), open" in shown.output
    assert "priya (2 tabs): —; 1 KRAs" in shown.output
    assert "Ravi: —; no scorecard yet" in shown.output
