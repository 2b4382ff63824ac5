"""`krakit room`: what the facilitator's view shows and does, from the terminal."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from krakit.cli import _register_all, app
from krakit.room import Room
from tests.room.conftest import card

_register_all()
runner = CliRunner()


@pytest.fixture
def room(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Room:
    monkeypatch.setenv("KRAKIT_ROOMS", str(tmp_path / "rooms"))
    room = Room("batch-7")
    me = room.join("=Anil [bold]K[/bold]")
    me.publish("progress", {"step": 2, "step_name": "KPIs"})
    me.publish("scorecard", card("Buyer", {"Purchasing": ["Supplier relations"]}))
    room.join("Bea").publish("progress", {"step": 1, "step_name": "Role & KRAs"})
    return room


def test_show_text_and_json(room: Room) -> None:
    shown = runner.invoke(app, ["room", "show", "batch-7"])
    assert shown.exit_code == 0, shown.output
    assert "Room batch-7: 2 people, open" in shown.output
    assert "=Anil [bold]K[/bold]: step 2 KPIs; 1 KRAs, 1 KPIs" in shown.output  # not markup
    assert "Bea: step 1 Role & KRAs; no scorecard yet" in shown.output
    assert "C001  1 of 1: kra offered as kpi" in shown.output
    hidden = runner.invoke(app, ["room", "show", "batch-7", "--no-names", "--format", "json"])
    data = json.loads(hidden.output)
    assert {p["name"] for p in data["participants"]} == {"#1", "#2"}
    assert "Anil" not in hidden.output and data["mistakes"][0]["code"] == "C001"


def test_export_workbook_and_zip(room: Room, tmp_path: Path) -> None:
    book, cards = tmp_path / "out" / "room.xlsx", tmp_path / "cards.zip"
    for target in (book, cards):
        done = runner.invoke(app, ["room", "export", "batch-7", "-o", str(target)])
        assert done.exit_code == 0, done.output
    names = [r[0] for r in load_workbook(book)["Participants"].iter_rows(values_only=True)]
    assert "'=Anil [bold]K[/bold]" in names  # neutralised
    with zipfile.ZipFile(cards) as archive:
        assert archive.namelist() == ["scorecards/anil-bold-k-bold.yaml"]


def test_reset_and_close_ask_first(room: Room) -> None:
    refused = runner.invoke(app, ["room", "close", "batch-7"], input="n\n")
    assert refused.exit_code == 1 and not room.closed
    assert runner.invoke(app, ["room", "close", "batch-7", "--yes"]).exit_code == 0
    assert room.closed
    assert runner.invoke(app, ["room", "reopen", "batch-7"]).exit_code == 0
    assert not room.closed
    assert runner.invoke(app, ["room", "reset", "batch-7"], input="y\n").exit_code == 0
    assert room.snapshot().tabs == ()


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["room", "dance", "batch-7"], "'dance' is not an action"),
        (["room", "show", "batch7"], "there is no room 'batch7'"),
        (["room", "show", "../x"], "not a plain file name"),
        (["room", "export", "batch-7", "-o", "x.pdf"], "give -o ROOM.xlsx"),
    ],
)
def test_bad_input_exits_2_with_a_plain_message(room: Room, args, expected) -> None:
    done = runner.invoke(app, args)
    assert done.exit_code == 2 and expected in done.output, done.output
    assert "Traceback" not in done.output


def test_show_a_room_whose_only_participant_has_no_scorecard_yet(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KRAKIT_ROOMS", str(tmp_path / "rooms"))
    room = Room("batch-8")
    room.join("Asha").publish("progress", {"step": 1, "step_name": "Role & KRAs"})
    room.join("Ravi")  # joined, nothing published yet
    shown = runner.invoke(app, ["room", "show", "batch-8"])
    assert shown.exit_code == 0, shown.output
    assert "Asha: step 1 Role & KRAs; no scorecard yet" in shown.output
    assert "Ravi: —; no scorecard yet" in shown.output


def test_a_room_name_with_the_folder_of_rooms(tmp_path: Path) -> None:
    Room(path=tmp_path / "shared" / "batch-9").join("Asha")
    shown = runner.invoke(app, ["room", "show", "batch-9", "--path", str(tmp_path / "shared")])
    assert shown.exit_code == 0, shown.output
    assert "Room batch-9: 1 person, open" in shown.output
    missing = runner.invoke(app, ["room", "show", "batch-10", "--path", str(tmp_path / "shared")])
    assert missing.exit_code == 2 and "no room 'batch-10'" in missing.output
