"""The wizard in a workshop room: the name asked once, progress and the draft published."""

from __future__ import annotations

from pathlib import Path

import pytest

import krakit
from krakit import publishing
from krakit.room import Room
from krakit.store import to_data


@pytest.fixture
def room(tmp_path: Path):
    room = Room(path=tmp_path / "rooms" / "batch-7")
    yield room
    publishing.forget()


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def _me(room: Room):
    (person,) = room.snapshot().people()
    return person


def test_no_room_is_the_wizard_as_always(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.delenv("KRAKIT_ROOM", raising=False)
    wizard = krakit.workshop(tmp_path / "ws")
    assert wizard.room is None and wizard._join is None
    assert wizard.publish(now=True) is False
    assert not (tmp_path / "rooms").exists()


def test_name_asked_once_then_progress_and_draft_published(tmp_path: Path, room: Room) -> None:
    wizard = krakit.workshop(tmp_path / "ws", room=room)
    assert wizard._body.layout.display == "none"  # the name first
    wizard._join._name.value = " "
    wizard._join._join.click()
    assert "type your name" in wizard._join._status.value
    assert room.snapshot().people() == []
    wizard._join._name.value = "Asha Rao"
    wizard._join._join.click()
    assert wizard._body.layout.display is None
    assert _me(room).payload("progress")["step"] == 1

    roles = wizard.roles
    roles._title.value = "Recruiter"
    roles._lines.value = "recruitment\n  Time to hire under 30 days \ncandidate experience"
    wizard._next.click()  # a step change publishes at once, whatever the debounce
    person = _me(room)
    progress = person.payload("progress")
    assert (progress["step"], progress["step_name"]) == (2, "KPIs")
    assert progress["kras"] == len(wizard.value.kras)
    assert progress["kpis"] == len(wizard.value.all_kpis())
    published = krakit.Scorecard.model_validate(person.payload("scorecard"))
    assert published.role.title == "Recruiter"
    assert [k.title for k in published.kras] == [k.title for k in wizard.value.kras]
    assert not (tmp_path / "ws").exists()  # publishing never writes the workspace

    again = krakit.workshop(tmp_path / "ws2", room=room)  # same session: not asked again
    assert again._body.layout.display is None and again._join.value is wizard._join.value


def test_save_publishes_and_the_workspace_file_is_left_alone(tmp_path: Path, room: Room) -> None:
    publishing.join_once(room, "Ben")
    wizard = krakit.workshop(tmp_path / "ws", room=room)
    wizard.roles._title.value = "Sales executive"
    wizard.roles._lines.value = "Revenue generation"
    wizard.step = 3
    wizard.scorecard_step._name.value = "ben-sales"
    wizard.scorecard_step._save.click()
    assert "Saved" in wizard.scorecard_step._saved.value
    saved = _files(tmp_path / "ws")
    assert [n for n in saved if not n.startswith(".")] == ["ben-sales.yaml"]
    assert _me(room).payload("scorecard") == to_data(wizard.value)  # as saved, stamped
    wizard.roles._lines.value = "Revenue generation\nKey accounts"  # more work, not saved
    wizard.step = 0
    assert len(_me(room).payload("scorecard")["kras"]) == 2
    assert _files(tmp_path / "ws") == saved  # the participant's own file: untouched


def test_krakit_room_makes_every_visitor_join_it(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("KRAKIT_ROOMS", str(tmp_path / "rooms"))
    monkeypatch.setenv("KRAKIT_ROOM", "batch-7")
    try:
        wizard = krakit.workshop(tmp_path / "ws")
        assert wizard.room is not None and wizard.room.name == "batch-7"
        wizard._join.join("Chen")
        assert [p.shown for p in Room("batch-7").snapshot().people()] == ["Chen"]
        assert (tmp_path / "rooms" / "batch-7" / "room.json").is_file()
    finally:
        publishing.forget()


def test_a_bad_room_name_is_refused_in_words(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("KRAKIT_ROOMS", str(tmp_path / "rooms"))
    with pytest.raises(krakit.InputError, match="plain file name"):
        krakit.workshop(tmp_path / "ws", room="../elsewhere")
    assert not (tmp_path / "elsewhere").exists()


def test_a_closed_room_says_so_and_the_work_goes_on(tmp_path: Path, room: Room) -> None:
    wizard = krakit.workshop(tmp_path / "ws", room=room)
    wizard._join.join("Dana")
    room.close()
    wizard.roles._title.value = "Recruiter"
    wizard._next.click()
    assert "closed" in wizard._join._status.value
    assert wizard.step == 1 and wizard.value.role.title == "Recruiter"


def test_make_app_checks_the_room_name_first(tmp_path: Path, capsys) -> None:
    rooms = str(tmp_path / "rooms")
    assert publishing.main(["--check", "../escape", "--rooms", rooms]) == 2
    assert "not a plain file name" in capsys.readouterr().out
    assert publishing.main(["--check", "  ", "--rooms", rooms]) == 2
    assert "Give the room a name" in capsys.readouterr().out
    assert publishing.main(["--check", "batch-7", "--rooms", rooms]) == 0
    assert (tmp_path / "rooms" / "batch-7" / "room.json").is_file()
    assert not (tmp_path / "escape").exists()
