"""Anonymity turned on after people joined: names leave the files, the view and the export."""

from __future__ import annotations

import io
import shutil
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from krakit.errors import InputError
from krakit.room import Room
from krakit.room.anonymity import anonymise, named_folders
from krakit.room.export import export_scorecards, export_tables
from krakit.room.format import read_record
from krakit.room.spotlight import drafts
from krakit.room.tally import offending, problems
from tests.room.conftest import QUIZ, card

NAMES = ("Asha", "asha", "Tom", "tom-o", "neil", "O'Neil")


def _named_room(tmp_path: Path):
    room = Room(path=tmp_path / "r")
    asha = room.join("Asha  Rao")
    asha.publish("progress", {"step": 2, "step_name": "KPIs"})
    asha.publish("scorecard", card("Recruiter", {"Hiring": ["Hiring", "Fill 9 roles by June"]}))
    tom = room.join("Tom O'Neil")
    tom.publish("quiz", {"answers": {"Vendor management": "KPI"}})
    tom.publish("fix", {"attempts": [{"statement": "Sales", "rewrite": "Sell more"}]})
    return room, asha, tom


def _on_disk(room: Room) -> str:
    files = (room.folder / "participants").rglob("*")
    return " ".join(str(p.relative_to(room.folder)) for p in files) + " ".join(
        p.read_text(encoding="utf-8")
        for p in (room.folder / "participants").rglob("*.json")
        if p.is_file()
    )


def _leaks(text: str) -> list[str]:
    return [n for n in NAMES if n in text]


def test_switching_on_rewrites_every_name_as_its_alias(tmp_path: Path) -> None:
    room, asha, _tom = _named_room(tmp_path)
    before = {p.shown for p in room.snapshot().people()}
    assert before == {"Asha Rao", "Tom O'Neil"}

    facilitator_side = Room(path=room.folder, anonymous=True)

    assert facilitator_side.anonymous and not named_folders(facilitator_side)
    assert _leaks(_on_disk(room)) == []
    folders = sorted(p.name for p in (room.folder / "participants").iterdir())
    assert len(folders) == 2 and all(f.startswith("p-") for f in folders)
    state = room.snapshot()
    people = state.people()
    assert len(people) == 2 and all(p.shown.count(" ") == 2 for p in people)  # aliases
    assert sorted(p.payload("progress") is not None for p in people) == [False, True]
    assert state.unreadable == ()
    # every table the view and the export show
    tables = export_tables(state, QUIZ)
    assert all(_leaks(t.to_csv()) == [] for t in tables.values())
    assert {r for r in tables["Participants"].name} == {p.shown for p in people}
    assert _leaks(offending(state, "C001").to_csv()) == []
    assert all(_leaks(d.author) == [] for d in drafts(state))
    with zipfile.ZipFile(io.BytesIO(export_scorecards(state))) as archive:
        assert _leaks(" ".join(archive.namelist())) == []
    # the participant's own tab still knows who they are, and publishes as the alias now
    assert asha.name == "Asha Rao"
    asha.publish("progress", {"step": 3, "step_name": "Check"})
    assert asha.shown == asha.alias and asha.id.startswith("p-")
    assert _leaks(_on_disk(room)) == []
    (shown,) = [p for p in room.snapshot().people() if p.payload("progress")]
    assert shown.shown == asha.alias and shown.payload("progress")["step"] == 3
    assert len(shown.tabs) == 1  # the same tab, not a new person


def test_the_alias_is_the_same_before_and_after_the_files_are_rewritten(tmp_path: Path) -> None:
    room, _asha, _tom = _named_room(tmp_path)
    info = room.info.model_copy(update={"anonymous": True})
    room._write_info(info)  # anonymous, files not yet rewritten (a straggler's view)
    shown_before = sorted(p.shown for p in room.snapshot().people())
    assert anonymise(room) == 2
    assert sorted(p.shown for p in room.snapshot().people()) == shown_before
    again = room.join("asha rao")  # joins again after the switch: the same person
    again.publish("progress", {"step": 1})
    people = room.snapshot().people()
    assert len(people) == 2
    (her,) = [p for p in people if len(p.tabs) == 2]
    assert her.shown == again.alias and her.shown in shown_before


def test_a_write_landing_in_the_old_folder_is_rewritten_next_time(tmp_path: Path) -> None:
    room, _asha, _tom = _named_room(tmp_path)
    kept = tmp_path / "kept"
    shutil.copytree(room.folder / "participants", kept)
    room.set_anonymous(True)
    shutil.copytree(kept, room.folder / "participants", dirs_exist_ok=True)  # in flight
    assert named_folders(room)
    assert len(room.snapshot().people()) == 2  # merged under the aliases even now
    assert room.set_anonymous(True) == 2
    assert not named_folders(room) and _leaks(_on_disk(room)) == []


def test_a_later_record_already_under_the_alias_is_kept(tmp_path: Path) -> None:
    room, asha, _tom = _named_room(tmp_path)
    old = next(p for p in named_folders(room) if p.name.startswith("asha"))
    saved = (old / "progress.json").read_bytes()
    room.set_anonymous(True)
    asha.publish("progress", {"step": 4, "step_name": "Scorecard"})
    old.mkdir()
    (old / "progress.json").write_bytes(saved)  # the older, named state comes back late
    room.set_anonymous(True)
    (her,) = [p for p in room.snapshot().people() if p.payload("progress")]
    assert her.payload("progress")["step"] == 4


def test_an_unreadable_file_moves_without_the_name_in_its_path(tmp_path: Path) -> None:
    room, _asha, _tom = _named_room(tmp_path)
    folder = next(p for p in named_folders(room) if p.name.startswith("tom"))
    (folder / "quiz.json").write_text("{half a wr", encoding="utf-8")
    (folder / "notes.txt").write_text("stray", encoding="utf-8")
    room.set_anonymous(True)
    listed = [p.name for p in problems(room.snapshot())]
    assert len(listed) == 2 and all("/p-" in name for name in listed)
    assert _leaks(" ".join(listed)) == []


def test_switching_off_shows_new_joiners_by_name_and_keeps_the_aliases(tmp_path: Path) -> None:
    room, _asha, _tom = _named_room(tmp_path)
    room.set_anonymous(True)
    aliases = {p.shown for p in room.snapshot().people()}
    assert room.set_anonymous(False) == 0
    room.join("Zed").publish("progress", {"step": 1})
    assert {p.shown for p in room.snapshot().people()} == aliases | {"Zed"}


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.tuples(
            st.text(min_size=1, max_size=20),
            st.sampled_from(["progress", "quiz", "fix"]),
            st.integers(min_value=0, max_value=9),
        ),
        min_size=1,
        max_size=6,
    ),
    st.booleans(),
)
def test_rewriting_keeps_every_persons_latest_state_and_no_name(
    tmp_path_factory: pytest.TempPathFactory,
    writes: list[tuple[str, str, int]],
    second_tab: bool,
) -> None:
    """Any names, tabs and writes: the people and their latest payloads are the same after."""
    room = Room(path=tmp_path_factory.mktemp("anon") / "r")
    tabs = {}
    for name, kind, n in writes:
        try:
            tab = tabs.get(name) or room.join(name)
        except InputError:  # nothing printable: refused at the door
            continue
        tabs[name] = tab
        payload = {"progress": {"step": n}, "quiz": {"answers": {"Q": "KRA"}, "n": n},
                   "fix": {"attempts": [], "n": n}}[kind]  # fmt: skip
        tab.publish(kind, payload)
        if second_tab:
            room.join(name).publish("progress", {"step": n})
    room._write_info(room.info.model_copy(update={"anonymous": True}))  # not rewritten yet

    def seen() -> list[tuple[str, int, list]]:
        return sorted(
            (
                p.shown,
                len(p.tabs),
                sorted((k, repr(e.record.payload)) for k, e in p.entries.items()),
            )
            for p in room.snapshot().people()
        )

    before = seen()
    room.set_anonymous(True)
    assert seen() == before
    for path in (room.folder / "participants").rglob("*.json"):
        record = read_record(path)
        assert record.participant.name == "" and record.participant.id.startswith("p-")
