"""The room's file format: the schema, versioning, and files it cannot read (named, not fatal)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from krakit.errors import InputError
from krakit.room import ROOM_SCHEMA_VERSION, Room
from krakit.room.format import ROOM_SCHEMA_PATH, read_record, room_json_schema


def test_the_committed_schema_is_the_generated_one() -> None:
    assert json.loads(ROOM_SCHEMA_PATH.read_text(encoding="utf-8")) == room_json_schema()


def test_every_file_a_room_writes_matches_the_schema(tmp_path: Path) -> None:
    room = Room(path=tmp_path / "r", anonymous=True)
    me = room.join("Asha")
    me.publish("progress", {"step": 2, "step_name": "KPIs", "activity": "wizard"})
    me.publish("quiz", {"answers": {"Recruitment": "KRA"}, "sent": False})
    me.publish("fix", {"attempts": [{"statement": "Improve sales", "rewrite": "x"}]})
    me.publish("scorecard", {"role": {"title": "Recruiter"}})
    schema = room_json_schema()
    files = [p for p in room.folder.rglob("*.json")]
    assert len(files) == 6
    for path in files:
        data = json.loads(path.read_text(encoding="utf-8"))
        jsonschema.validate(data, schema)
        assert data["schema_version"] == ROOM_SCHEMA_VERSION


def _tab(room: Room) -> Path:
    me = room.join("Asha")
    me.publish("progress", {"step": 1})
    return me.folder


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "empty"),
        (b'{"schema_version": 1, "room": "r", "partic', "not valid JSON"),
        (b"\xff\xfe\x00garbage", "not valid JSON"),
        (b'{"hello": "world"}', "not a krakit room file"),
        (b"[1, 2, 3]", "not a krakit room file"),
        (b'{"schema_version": 99, "room": "r"}', "newer than this krakit reads"),
    ],
)
def test_a_bad_file_is_listed_by_name_and_the_rest_is_read(
    tmp_path: Path, content: bytes, reason: str
) -> None:
    room = Room(path=tmp_path / "r")
    folder = _tab(room)
    (folder / "quiz.json").write_bytes(content)
    state = room.snapshot()
    (person,) = state.people()
    assert person.payload("progress") == {"step": 1}
    (bad,) = state.unreadable
    assert bad.name == f"participants/{folder.name}/quiz.json"
    assert reason in bad.reason


def test_foreign_files_and_folders_are_listed_not_read(tmp_path: Path) -> None:
    room = Room(path=tmp_path / "r")
    folder = _tab(room)
    (folder / "notes.txt").write_text("hi")
    (room.folder / "participants" / "not-an-id").mkdir()
    (folder / ".progress.json.abcdefgh.tmp").write_text('{"half')  # a write in progress
    os.symlink("/etc/passwd", folder / "scorecard.json")
    names = sorted(u.name for u in room.snapshot().unreadable)
    assert names == [
        f"participants/{folder.name}/notes.txt",
        f"participants/{folder.name}/scorecard.json",
        "participants/not-an-id",
    ]


def test_a_record_copied_into_another_tab_is_refused(tmp_path: Path) -> None:
    room = Room(path=tmp_path / "r")
    mine, theirs = _tab(room), room.join("Ravi").folder
    (theirs / "progress.json").write_bytes((mine / "progress.json").read_bytes())
    state = room.snapshot()
    assert [u.reason for u in state.unreadable] == [
        "its content belongs to another participant or kind"
    ]


def test_a_huge_file_is_refused_unread(tmp_path: Path) -> None:
    room = Room(path=tmp_path / "r")
    folder = _tab(room)
    (folder / "scorecard.json").write_bytes(b" " * 2_000_001)
    assert "larger than" in room.snapshot().unreadable[0].reason


def test_an_unchanged_file_is_not_read_again(tmp_path: Path, monkeypatch) -> None:
    room = Room(path=tmp_path / "r")
    _tab(room)
    room.snapshot()
    calls = []
    import krakit.room.room as module

    monkeypatch.setattr(module, "read_record", lambda p: calls.append(p))
    room.snapshot()
    assert calls == []


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=300))
def test_read_record_never_crashes(tmp_path_factory, raw: bytes) -> None:
    path = tmp_path_factory.mktemp("rec") / "progress.json"
    path.write_bytes(raw)
    try:
        read_record(path)
    except InputError as exc:
        assert str(path) in str(exc)


@settings(max_examples=60, deadline=None)
@given(
    st.dictionaries(st.text(max_size=20), st.sampled_from(["KRA", "KPI", "kra", ""]), max_size=5),
    st.text(max_size=40),
)
def test_quiz_and_progress_round_trip(tmp_path_factory, answers, step_name) -> None:
    room = Room(path=tmp_path_factory.mktemp("rt") / "r")
    me = room.join("Asha")
    me.publish("quiz", {"answers": answers, "sent": True})
    me.publish("progress", {"step": 2, "step_name": step_name})
    (person,) = room.snapshot().people()
    assert person.payload("quiz") == {"answers": answers, "sent": True}
    assert person.payload("progress")["step_name"] == step_name
