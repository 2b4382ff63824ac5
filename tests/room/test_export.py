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
