"""Export: the Excel workbook (formulas neutralised) and the zip of scorecards."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

import krakit
from krakit.errors import InputError
from krakit.room import Room
from krakit.room.export import export_scorecards, export_workbook
from tests.room.conftest import QUIZ, card
from tests.strategies import scorecard_data


def _sheets(raw: bytes) -> dict[str, list[tuple]]:
    book = load_workbook(io.BytesIO(raw))
    return {ws.title: list(ws.iter_rows(values_only=True)) for ws in book.worksheets}


def test_workbook_has_one_row_per_participant_per_item(room: Room, tmp_path: Path) -> None:
    target = tmp_path / "out" / "room.xlsx"
    raw = export_workbook(room.snapshot(), target, items=QUIZ)
    assert target.read_bytes() == raw
    sheets = _sheets(raw)
    assert list(sheets) == ["Participants", "KPIs", "Findings", "Quiz answers", "Fix attempts"]
    assert len(sheets["Participants"]) == 1 + 3
    assert len(sheets["KPIs"]) == 1 + 3
    quiz = sheets["Quiz answers"]
    assert quiz[0] == ("name", "statement", "answer", "correct")
    assert len(quiz) == 1 + 2 + 3 + 1
    assert ("Tom O'Neil", "Vendor management", "kpi", False) in quiz
    findings = sheets["Findings"]
    assert any(r[1] == "C001" and r[5] == "Vendor relations" for r in findings[1:])


def test_formulas_in_names_and_kpis_are_neutralised(tmp_path: Path) -> None:
    room = Room(path=tmp_path / "r")
    evil = room.join('=HYPERLINK("http://x","y")')
    evil.publish("scorecard", card("@SUM(1)", {"+cmd": ["-2+3 =cmd|' /C calc'!A0"]}))
    evil.publish("quiz", {"answers": {"=1+1": "KRA"}})
    evil.publish("fix", {"attempts": [{"statement": "=A1", "rewrite": "@x", "solved": False}]})
    sheets = _sheets(export_workbook(room.snapshot()))
    texts = [v for rows in sheets.values() for row in rows[1:] for v in row if isinstance(v, str)]
    assert texts and not any(t.startswith(("=", "+", "-", "@")) for t in texts)
    assert '\'=HYPERLINK("http://x","y")' in texts


def test_zip_holds_every_scorecard_as_yaml(room: Room, tmp_path: Path) -> None:
    other_tom = room.join("Tom O Neil")  # a different person whose name slugs the same
    other_tom.publish("scorecard", card("Cashier", {"Billing": ["Errors under 2 per shift"]}))
    raw = export_scorecards(room.snapshot(), tmp_path / "cards.zip")
    with zipfile.ZipFile(io.BytesIO(raw)) as archive:
        names = sorted(archive.namelist())
        assert names == [
            "scorecards/meera.yaml",
            "scorecards/tom-o-neil-2.yaml",
            "scorecards/tom-o-neil.yaml",
        ]
        cards = [krakit.loads(archive.read(n).decode()) for n in names]
    assert sorted(c.role.title for c in cards) == ["Cashier", "Store manager", "Store manager"]


def test_anonymous_export_uses_aliases(tmp_path: Path) -> None:
    room = Room(path=tmp_path / "r", anonymous=True)
    me = room.join("Asha Rao")
    me.publish("scorecard", card("Recruiter", {"Hiring": ["Hiring"]}))
    state = room.snapshot()
    sheets = _sheets(export_workbook(state))
    assert sheets["Participants"][1][0] == me.alias
    with zipfile.ZipFile(io.BytesIO(export_scorecards(state))) as archive:
        assert "asha" not in " ".join(archive.namelist())


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scorecard_data(), st.text(min_size=1, max_size=30))
def test_a_published_scorecard_round_trips_through_the_zip(
    tmp_path_factory, data: dict, name: str
) -> None:
    """Publish -> snapshot -> zip -> load gives the scorecard the participant had."""
    sent = krakit.Scorecard.model_validate(data)
    room = Room(path=tmp_path_factory.mktemp("rt") / "r")
    try:
        me = room.join(name)
    except InputError:  # a name with nothing printable: refused, nothing to round-trip
        return
    me.publish("scorecard", sent)
    with zipfile.ZipFile(io.BytesIO(export_scorecards(room.snapshot()))) as archive:
        (entry,) = archive.namelist()
        back = krakit.loads(archive.read(entry).decode())
    assert back.model_dump() == sent.model_dump()


def test_every_tab_of_one_name_keeps_its_scorecard(tmp_path: Path) -> None:
    """Two people who both typed "Priya" (bug 3): one person in the view, both cards exported."""
    clock = iter(f"2026-12-03T05:00:{s:02d}.000+00:00" for s in range(60))
    room = Room(path=tmp_path / "r", clock=lambda: next(clock))
    first, second = room.join("Priya"), room.join("priya ")
    first.publish("scorecard", card("Sales lead", {"Revenue": [], "Collections": [], "Team": []}))
    second.publish("scorecard", card("Recruiter", {"Recruitment": ["Time to hire"]}))
    state = room.snapshot()
    (person,) = state.people()
    assert len(person.tabs) == 2
    with zipfile.ZipFile(io.BytesIO(export_scorecards(state))) as archive:
        names = sorted(archive.namelist())
        assert names == ["scorecards/priya.tab-1.yaml", "scorecards/priya.yaml"]
        roles = {n: krakit.loads(archive.read(n).decode()).role.title for n in names}
    assert roles == {
        "scorecards/priya.tab-1.yaml": "Sales lead",
        "scorecards/priya.yaml": "Recruiter",
    }
    kpis = _sheets(export_workbook(state))["KPIs"]
    assert kpis[0][:3] == ("name", "role", "kra") and kpis[0][-2:] == ("tab", "latest")
    rows = sorted((r[-2], r[-1], r[1], r[2]) for r in kpis[1:])
    assert rows == [
        (1, False, "Sales lead", "Collections"),
        (1, False, "Sales lead", "Revenue"),
        (1, False, "Sales lead", "Team"),
        (2, True, "Recruiter", "Recruitment"),
    ]


def test_a_tab_repeating_another_tabs_scorecard_is_not_exported_twice(tmp_path: Path) -> None:
    room = Room(path=tmp_path / "r")
    same = card("Recruiter", {"Hiring": ["Time to hire under 30 days"]})
    room.join("Asha").publish("scorecard", same)
    room.join("asha").publish("scorecard", same)  # the kernel restarted, the draft sent again
    with zipfile.ZipFile(io.BytesIO(export_scorecards(room.snapshot()))) as archive:
        assert archive.namelist() == ["scorecards/asha.yaml"]


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(["Priya", "priya", " PRIYA ", "Zoë", "zoe", "Ravi"]), max_size=6))
def test_no_tabs_scorecard_is_lost_from_the_exports(tmp_path_factory, names: list[str]) -> None:
    room = Room(path=tmp_path_factory.mktemp("tabs") / "r")
    for n, name in enumerate(names):
        room.join(name).publish("scorecard", card(f"Role {n}", {f"KRA {n}": []}))
    state = room.snapshot()
    with zipfile.ZipFile(io.BytesIO(export_scorecards(state))) as archive:
        roles = {krakit.loads(archive.read(e).decode()).role.title for e in archive.namelist()}
    sheet_roles = {r[1] for r in _sheets(export_workbook(state))["KPIs"][1:]}
    assert roles == sheet_roles == {f"Role {n}" for n in range(len(names))}
