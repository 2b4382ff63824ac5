"""A room's goal tree: set by the facilitator, offered in participants' step 1, aligned."""

from __future__ import annotations

from pathlib import Path

import pytest

import krakit
from krakit import publishing
from krakit.errors import InputError
from krakit.room import Room
from krakit.room.goals import coverage_by_person, room_alignment

TREE = """\
organisation: Riverside Clinic
goals:
  - {id: waits, title: Shorter waits, owner: Clinic head}
  - {id: staff, title: Keep our staff, owner: HR lead}
units:
  - name: Front desk
    goals:
      - {id: triage, title: Triage in ten minutes, owner: Desk lead, parent: waits}
"""


@pytest.fixture
def room(tmp_path: Path):
    room = Room(path=tmp_path / "rooms" / "batch-7")
    (tmp_path / "clinic.yaml").write_text(TREE, encoding="utf-8")
    room.set_goals(tmp_path / "clinic.yaml")
    yield room
    publishing.forget()


def test_set_goals_checks_and_writes_the_tree_into_the_room(room: Room, tmp_path: Path) -> None:
    assert room.goals_file == room.folder / "goals.yaml"
    assert [g.id for g in room.goals().goals_in_order()] == ["waits", "triage", "staff"]
    (tmp_path / "bad.yaml").write_text("organisation: X\ngoals: [{title: A, parent: nowhere}]\n")
    with pytest.raises(InputError, match=r"bad\.yaml"):
        room.set_goals(tmp_path / "bad.yaml")
    assert room.goals().organisation == "Riverside Clinic"  # the good tree stays
    (room.folder / "goals.json").write_text("{}")  # an older tree in another format
    room.set_goals(room.goals())
    assert room.goals_file == room.folder / "goals.yaml"
    assert not (room.folder / "goals.json").exists()
    room.set_goals(None)
    assert room.goals() is None and room.goals_file is None


def test_participants_pick_the_rooms_goals_and_the_room_sees_its_coverage(
    tmp_path: Path, room: Room
) -> None:
    wizard = krakit.workshop(tmp_path / "ws", room=room)
    wizard._join._name.value = "Asha"
    wizard._join._join.click()
    roles = wizard.roles
    roles._title.value = "Receptionist"
    roles._lines.value = "patient check-in\nfiling"
    row = roles._rows["patient-check-in"]
    labels = [label for label, _ in row._goals.options]
    assert any("Triage in ten minutes" in label for label in labels)
    roles._goal_search.value = "desk lead"
    row._goals.value = ("triage",)
    wizard._next.click()  # publishes now
    result = room_alignment(room.snapshot(), room.goals())
    assert result.unserved == ["staff"]
    assert result.orphans.kra_title.tolist() == ["filing"]
    heat = coverage_by_person(result)
    mine = heat.set_index(["goal", "unit_name"]).coverage
    assert mine["triage", "Asha"] == pytest.approx(50.0)  # one of two equal KRAs
    assert mine["staff", "Asha"] == 0.0
    hidden = room_alignment(room.snapshot(), room.goals(), names=False)
    assert list(hidden.scorecards) == ["#1"] and "Asha" not in " ".join(hidden.gaps())


def test_without_a_room_tree_step_1_reads_the_workspaces(tmp_path: Path, room: Room) -> None:
    room.set_goals(None)
    ws = tmp_path / "ws"
    ws.mkdir()
    (ws / "goals.yaml").write_text(TREE.replace("Riverside Clinic", "Own tree"))
    wizard = krakit.workshop(ws, room=room)
    assert wizard.roles._tree is not None and wizard.roles._tree.organisation == "Own tree"
