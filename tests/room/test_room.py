"""The room: joining, publishing, snapshots, two tabs, closed rooms, reset, settings."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import krakit
from krakit.errors import InputError
from krakit.room import Room
from krakit.room.names import ROOMS_ENV


def _card(title: str, *kras: tuple[str, list[str]]) -> krakit.Scorecard:
    return krakit.Scorecard.model_validate(
        {
            "role": {"title": title},
            "kras": [
                {"title": kra, "kpis": [{"statement": s} for s in kpis]} for kra, kpis in kras
            ],
        }
    )


def test_room_by_name_lives_under_krakit_rooms(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv(ROOMS_ENV, str(tmp_path / "rooms"))
    room = Room("batch-7")
    assert room.folder == tmp_path / "rooms" / "batch-7"
    assert json.loads((room.folder / "room.json").read_text())["name"] == "batch-7"
    assert krakit.Room is Room


def test_room_default_root_is_rooms_in_the_working_folder(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.delenv(ROOMS_ENV, raising=False)
    monkeypatch.chdir(tmp_path)
    assert Room("b").folder == tmp_path / "rooms" / "b"
    assert (tmp_path / "rooms" / "b" / "room.json").is_file()


def test_name_or_path_not_both(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="not both"):
        Room("a", path=tmp_path / "a")
    with pytest.raises(InputError, match="not both"):
        Room()


def test_a_path_given_first_is_the_rooms_folder(tmp_path: Path) -> None:
    room = Room(tmp_path / "shared" / "b7")
    assert room.folder == tmp_path / "shared" / "b7" and room.name == "b7"
    assert Room(path=tmp_path / "shared" / "b7").folder == room.folder


def test_join_and_publish_latest_wins(tmp_path: Path) -> None:
    room = Room(path=tmp_path / "r")
    me = room.join("  Asha   Rao ")
    assert me.name == "Asha Rao" and me.alias is None and me.id.startswith("asha-rao-")
    me.publish("progress", {"step": 1, "step_name": "Role & KRAs"})
    me.publish("progress", {"step": 3, "step_name": "Check"})
    me.publish("scorecard", _card("Recruiter", ("Recruitment", ["Time to hire"])))
    (person,) = room.snapshot().people()
    assert person.shown == "Asha Rao"
    assert person.payload("progress")["step"] == 3
    assert person.payload("scorecard")["role"]["title"] == "Recruiter"
    files = sorted(p.name for p in (room.folder / "participants" / me.id).iterdir())
    assert [f for f in files if not f.startswith(".")] == [
        "join.json",
        "progress.json",
        "scorecard.json",
    ]


def test_same_name_in_two_tabs_keeps_both(tmp_path: Path) -> None:
    clock = iter(f"2026-12-03T05:00:{s:02d}.000+00:00" for s in range(60))
    room = Room(path=tmp_path / "r", clock=lambda: next(clock))
    tab1, tab2 = room.join("Asha Rao"), room.join("asha rao")
    assert tab1.id != tab2.id
    tab1.publish("scorecard", _card("From tab 1"))
    tab2.publish("progress", {"step": 2})
    tab1.publish("progress", {"step": 4})
    state = room.snapshot()
    assert len(state.tabs) == 2
    (person,) = state.people()
    assert len(person.tabs) == 2
    assert person.payload("progress")["step"] == 4  # the latest over both tabs
    assert person.payload("scorecard")["role"]["title"] == "From tab 1"  # nothing lost


def test_rejoin_with_a_session_reuses_the_tab(tmp_path: Path) -> None:
    room = Room(path=tmp_path / "r")
    first = room.join("Asha")
    again = room.join("Asha", session=first.identity.session)
    assert again.id == first.id
    assert len(room.snapshot().tabs) == 1
    with pytest.raises(InputError, match="session"):
        room.join("Asha", session="../../x")


def test_anonymous_room_stores_no_name(tmp_path: Path) -> None:
    room = Room(path=tmp_path / "r", anonymous=True)
    me = room.join("Asha Rao")
    other_tab = room.join("ASHA RAO")
    me.publish("progress", {"step": 2})
    assert me.alias and me.alias == other_tab.alias and me.shown == me.alias
    assert me.name == "Asha Rao"  # kept in the tab, not on disk
    on_disk = "".join(p.read_text() for p in room.folder.rglob("*.json"))
    assert "Asha" not in on_disk and "asha" not in on_disk
    assert [p.shown for p in room.snapshot().people()] == [me.alias]


def test_facilitator_turns_anonymous_on_for_an_existing_room(tmp_path: Path) -> None:
    Room(path=tmp_path / "r").join("Asha")
    room = Room(path=tmp_path / "r", anonymous=True)
    assert room.anonymous
    assert Room(path=tmp_path / "r").anonymous  # a participant's Room() keeps the setting
    (person,) = room.snapshot().people()
    assert "Asha" not in person.shown and person.shown.count(" ") == 2  # an alias


def test_closed_room_refuses_with_a_plain_message(tmp_path: Path) -> None:
    room = Room(path=tmp_path / "r")
    me = room.join("Asha")
    room.close()
    with pytest.raises(InputError, match=r"closed.*still in your workspace"):
        me.publish("progress", {"step": 2})
    with pytest.raises(InputError, match="closed"):
        Room(path=tmp_path / "r").join("Ravi")
    room.reopen()
    me.publish("progress", {"step": 2})


def test_reset_archives_and_empties(tmp_path: Path) -> None:
    room = Room(path=tmp_path / "r")
    room.join("Asha").publish("progress", {"step": 2})
    archived = room.reset()
    assert archived is not None and (archived).is_dir()
    assert any(archived.rglob("progress.json"))
    assert room.snapshot().tabs == ()
    assert room.info.resets == 1


@pytest.mark.parametrize(
    ("kind", "payload", "match"),
    [
        ("secrets", {}, "not something a participant publishes"),
        ("progress", {"step": "two"}, "does not fit"),
        ("quiz", {"answers": ["KRA"]}, "does not fit"),
        ("fix", {"attempts": [{"rewrite": 3}]}, "does not fit"),
        ("progress", ["step", 2], "is a dict"),
    ],
)
def test_publish_refuses_what_does_not_fit(tmp_path: Path, kind, payload, match) -> None:
    me = Room(path=tmp_path / "r").join("Asha")
    with pytest.raises(InputError, match=match):
        me.publish(kind, payload)


def test_empty_name_is_refused(tmp_path: Path) -> None:
    room = Room(path=tmp_path / "r")
    for name in ("", "   ", "\x00\x01", None):
        with pytest.raises(InputError, match="type your name"):
            room.join(name)  # type: ignore[arg-type]


def test_two_people_given_the_same_alias_are_told_apart(tmp_path: Path, monkeypatch) -> None:
    import krakit.room.room as module

    monkeypatch.setattr(module, "alias_for", lambda person, room: "Teal Otter 42")
    clock = iter(f"2026-12-03T05:00:{s:02d}.000+00:00" for s in range(60))
    room = Room(path=tmp_path / "r", anonymous=True, clock=lambda: next(clock))
    first, second = room.join("Asha"), room.join("Ravi")
    second.publish("progress", {"step": 2})
    first.publish("progress", {"step": 3})
    shown = {p.payload("progress")["step"]: p.shown for p in room.snapshot().people()}
    assert shown == {3: "Teal Otter 42", 2: "Teal Otter 42 (2)"}  # by when they joined


def test_a_tab_removed_while_the_room_is_read_is_not_a_crash(tmp_path: Path, monkeypatch) -> None:
    import os
    import shutil

    room = Room(path=tmp_path / "r")
    gone = room.join("Asha")
    room.join("Ravi").publish("progress", {"step": 1})
    real = os.scandir

    def scandir(path):  # the reset happens between listing the room and reading a tab
        if str(path) == str(gone.folder):
            shutil.rmtree(gone.folder)
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    state = room.snapshot()
    assert [t.identity.name for t in state.tabs] == ["Ravi"] and state.unreadable == ()
    assert isinstance(room.signature(), int)


def test_a_participant_never_creates_a_room_by_a_typo(tmp_path: Path) -> None:
    Room(path=tmp_path / "batch-7")
    assert Room(path=tmp_path / "batch-7", create=False).name == "batch-7"
    with pytest.raises(InputError, match=r"no room 'batch7'.*facilitator"):
        Room(path=tmp_path / "batch7", create=False)
    assert not (tmp_path / "batch7").exists()
