"""Hostile names: no room name or participant name reaches outside the rooms folder."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from krakit.errors import InputError
from krakit.room import Room
from krakit.room.format import Identity
from krakit.room.names import display_name, participant_id, person_key
from krakit.room.participant import Participant

HOSTILE = (
    "../",
    "../../etc/passwd",
    "..\\..\\x",
    "/etc/passwd",
    "a\x00b",
    "x" * 300,
    "😀🎉",
    "\u202eRTL\u202d override",
    "مرحبا بالعالم",
    "CON",
    ".hidden",
    "a/b",
    "C:\\x",
)


@pytest.mark.parametrize("name", HOSTILE)
def test_a_hostile_room_name_is_refused_or_contained(tmp_path: Path, monkeypatch, name) -> None:
    monkeypatch.setenv("KRAKIT_ROOMS", str(tmp_path / "rooms"))
    try:
        room = Room(name)
    except InputError as exc:
        assert "name" in str(exc)
        return
    assert room.folder.resolve().parent == (tmp_path / "rooms").resolve()


def _files_under(root: Path) -> set[Path]:
    return {Path(d, f).resolve() for d, _, fs in os.walk(root) for f in fs}


@pytest.mark.parametrize("name", HOSTILE)
def test_a_hostile_participant_name_writes_only_in_its_own_folder(
    tmp_path: Path, name: str
) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    room = Room(path=tmp_path / "room")
    me = room.join(name)
    me.publish("progress", {"step": 1, "step_name": name})
    me.publish("quiz", {"answers": {name: "KRA"}})
    assert me.folder.resolve().parent == (room.folder / "participants").resolve()
    assert all(room.folder.resolve() in p.parents for p in _files_under(tmp_path / "room"))
    assert not any(outside.iterdir())
    (person,) = room.snapshot().people()
    assert person.shown == display_name(name)
    assert "\x00" not in person.shown and len(person.shown) <= 80


@settings(max_examples=200, deadline=None)
@given(st.text(), st.sampled_from(["a1b2c3", "000000"]), st.booleans())
def test_participant_ids_are_always_plain(name: str, session: str, anonymous: bool) -> None:
    pid = participant_id(name, session, anonymous=anonymous)
    assert pid.endswith("-" + session) and len(pid) <= 48
    assert all(c.isascii() and (c.isalnum() or c == "-") for c in pid)
    assert not pid.startswith("-") and pid not in {".", ".."}


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_display_names_are_printable_or_refused(name: str) -> None:
    try:
        shown = display_name(name)
    except InputError:
        return
    assert shown == shown.strip() and len(shown) <= 80 and shown.isprintable()


@pytest.mark.parametrize(
    ("one", "other"), [("Priya", "priya"), ("Ravi", "ravi "), ("Zoë", "zoe"), ("José", "JOSE")]
)
def test_names_that_fold_alike_are_one_person(tmp_path: Path, one: str, other: str) -> None:
    """Case, spaces and Latin accents fold alike, as in the participant's id (bug 3)."""
    room = Room(path=tmp_path / "r")
    room.join(one), room.join(other)
    (person,) = room.snapshot().people()
    assert len(person.tabs) == 2


def test_marks_of_other_scripts_are_letters_not_accents() -> None:
    assert person_key("प्रिया") != person_key("प्रया")
    assert person_key("Йо") != person_key("Ио")


def test_tabs_written_under_an_older_folding_join_the_same_person(tmp_path: Path) -> None:
    room = Room(path=tmp_path / "r")
    room.join("zoe")
    session = "a1b2c3"
    old = Identity(
        id=participant_id("Zoë", session), name="Zoë", person="zoë", session=session
    )  # the key an older krakit wrote
    Participant(room, old, "Zoë").publish("join", {})
    (person,) = room.snapshot().people()
    assert len(person.tabs) == 2
