"""Tallies over a room: who is where, the mistakes counted by code, the quiz."""

from __future__ import annotations

import sys

from krakit.room import Room, tally
from tests.room.conftest import QUIZ, card


def test_participants_table(room: Room) -> None:
    table = tally.participants(room.snapshot(), QUIZ).set_index("name")
    assert sorted(table.index) == ["Meera", "Tom O'Neil", "Zed"]
    assert table.loc["Meera", "step"] == 2 and table.loc["Tom O'Neil", "step_name"] == "Check"
    assert table.loc["Meera", "kras"] == 1 and table.loc["Meera", "kpis"] == 2
    assert table.loc["Tom O'Neil", "errors"] >= 1
    assert table.loc["Meera", "quiz"] == 1 and table.loc["Tom O'Neil", "quiz"] == 2
    assert table.loc["Zed", "quiz"] == 0 and table.loc["Zed", "quiz_of"] == 3
    assert table["kras"].isna()["Zed"]


def test_mistakes_count_people_not_lines(room: Room) -> None:
    table = tally.mistakes(room.snapshot()).set_index("code")
    c001 = table.loc["C001"]
    assert c001.people == 2 and c001.of == 2  # 'Vendor relations', 'Inventory management'
    assert c001.label == "2 of 2: kra offered as kpi"
    assert list(table.people) == sorted(table.people, reverse=True)


def test_offending_lines_with_and_without_names(room: Room) -> None:
    state = room.snapshot()
    shown = tally.offending(state, "c001")
    assert sorted(shown.kpi) == ["Inventory management", "Vendor relations"]
    assert set(shown.name) == {"Meera", "Tom O'Neil"}
    assert sorted(shown.kra) == ["Inventory", "inventory"]  # the model strips the title
    projected = tally.offending(state, "C001", names=False)
    assert set(projected.name) == {""}
    assert tally.offending(state, "Z999").empty


def test_quiz_tally_and_distribution(room: Room) -> None:
    state = room.snapshot()
    table = tally.quiz_tally(state, QUIZ).set_index("statement")
    vendor = table.loc["Vendor management"]
    assert (vendor.answered, vendor.said_kra, vendor.said_kpi, vendor.right) == (3, 1, 2, 1)
    assert table.loc["Stakeholder communication", "answered"] == 1
    scores = tally.quiz_scores(state, QUIZ)
    assert dict(zip(scores.right, scores.people, strict=True)) == {0: 1, 1: 1, 2: 1, 3: 0}
    missed = tally.most_missed(state, QUIZ, n=1)
    assert list(missed.statement) == ["Vendor management"] and list(missed.wrong) == [2]


def test_a_blank_room(tmp_path) -> None:
    state = Room(path=tmp_path / "r").snapshot()
    assert tally.participants(state, QUIZ).empty
    assert tally.mistakes(state).empty
    assert tally.quiz_tally(state, QUIZ).answered.sum() == 0
    assert tally.quiz_scores(state, QUIZ).people.sum() == 0


def test_a_scorecard_the_model_refuses_is_a_named_problem(tmp_path) -> None:
    room = Room(path=tmp_path / "r")
    me = room.join("Asha")
    me.publish("scorecard", {"role": {"title": ""}, "kras": "lots"})
    ok = room.join("Ravi")
    ok.publish("scorecard", card("Recruiter", {"Hiring": ["Time to hire under 30 days"]}))
    state = room.snapshot()
    (problem,) = tally.problems(state)
    assert problem.name.endswith("scorecard.json") and me.id in problem.name
    assert "scorecard" in problem.reason
    table = tally.participants(state, QUIZ).set_index("name")
    assert table.loc["Ravi", "kpis"] == 1 and table["kpis"].isna()["Asha"]


def test_the_checker_runs_once_per_file_version(room: Room, monkeypatch) -> None:
    rules = sys.modules["krakit.rules"]
    state = room.snapshot()
    tally.participants(state, QUIZ)
    calls = []
    real = rules.check
    monkeypatch.setattr(rules, "check", lambda sc: calls.append(1) or real(sc))
    tally.participants(room.snapshot(), QUIZ)
    tally.mistakes(room.snapshot())
    assert calls == []
    (tom,) = [p for p in state.people() if p.shown.startswith("Tom")]
    room.join("Tom O'Neil", session=tom.tabs[0].identity.session).publish(
        "scorecard", card("Store manager", {"Inventory": ["Stock accuracy above 98% each month"]})
    )
    tally.participants(room.snapshot(), QUIZ)
    assert calls == [1]
