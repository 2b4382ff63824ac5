"""The training widgets driven as a participant: join, answer, get feedback, send; fix a KPI."""

from __future__ import annotations

from pathlib import Path

import pytest

from krakit import publishing, training
from krakit.room import Room
from krakit.widgets.join import JoinBar
from krakit.widgets.training import FixExercise, Quiz

FLIP = {"KRA": "KPI", "KPI": "KRA"}


@pytest.fixture
def room(tmp_path: Path):
    room = Room(path=tmp_path / "rooms" / "batch-7")
    yield room
    publishing.forget(room)


def _click(quiz: Quiz, label: str) -> None:
    (quiz._kra if label == "KRA" else quiz._kpi).click()


def _quiz_file(room: Room) -> dict | None:
    people = room.snapshot().people()
    return people[0].payload("quiz") if people else None


def test_quiz_answers_score_and_feedback_without_a_room() -> None:
    items = training.quiz(3)
    quiz = Quiz(items)
    first = items[0]
    _click(quiz, FLIP[first.answer])
    assert "Not quite" in quiz._feedback.value
    quiz._next.click()
    second = items[1]
    _click(quiz, second.answer)
    assert "Right" in quiz._feedback.value
    assert quiz.value == {first.statement: FLIP[first.answer], second.statement: second.answer}
    assert "1 of 3" in quiz._score.value
    assert quiz._save.layout.display == "none"  # no room: nowhere to send
    quiz._back.click()
    assert first.statement in quiz._question.value and quiz._back.disabled


def test_join_refuses_a_blank_name_and_remembers_the_name(room: Room) -> None:
    bar = JoinBar(room)
    bar._name.value = "   "
    bar._join.click()
    assert "type your name" in bar._status.value and bar.value is None
    assert room.snapshot().people() == []
    bar._name.value = "  Asha <b>Rao</b> "
    bar._join.click()
    assert "Asha &lt;b&gt;Rao&lt;/b&gt;" in bar._status.value  # escaped
    again = JoinBar(room)  # a second widget of the session does not ask again
    assert again.value is bar.value and again._form.layout.display == "none"
    assert [p.shown for p in room.snapshot().people()] == ["Asha <b>Rao</b>"]


def test_send_with_questions_unanswered_asks_first(room: Room) -> None:
    items = training.quiz(4)
    JoinBar(room).join("Ben")
    quiz = Quiz(items, room=room)
    _click(quiz, items[0].answer)
    quiz._next.click()
    quiz._next.click()
    _click(quiz, FLIP[items[2].answer])
    quiz._save.click()
    assert quiz._asking.layout.display is None
    assert "You answered 2 of 4 questions" in quiz._ask.value
    assert not _quiz_file(room)["sent"]  # the answers so far are there, not sent
    quiz._cancel.click()  # Keep answering: back to the first unanswered question
    assert quiz._asking.layout.display == "none"
    assert "Question 2 of 4" in quiz._question.value
    quiz._save.click()
    quiz._confirm.click()  # Send anyway
    sent = _quiz_file(room)
    assert sent["sent"] and quiz.sent
    assert sent["answers"] == {
        items[0].statement: items[0].answer,
        items[2].statement: FLIP[items[2].answer],
    }
    assert "Sent to the room batch-7: 1 of 4 right" in quiz._saved.value


def test_sending_everything_answered_does_not_ask(room: Room) -> None:
    items = training.quiz(2)
    JoinBar(room).join("Chen")
    quiz = Quiz(items, room=room)
    for index, item in enumerate(items):
        quiz.go_to(index)
        _click(quiz, item.answer)
    quiz._save.click()
    assert quiz._asking.layout.display == "none" and quiz.sent
    assert _quiz_file(room)["answers"] == {i.statement: i.answer for i in items}


def test_send_before_joining_says_join_first(room: Room) -> None:
    items = training.quiz(1)
    quiz = Quiz(items, room=room)
    _click(quiz, items[0].answer)
    quiz._save.click()
    assert "join the room" in quiz._saved.value
    assert room.snapshot().people() == []  # nothing was written without a name


def test_quiz_question_is_escaped() -> None:
    evil = training.QuizItem("<script>alert(1)</script> revenue", "KRA", "x")
    quiz = Quiz([evil])
    assert "<script>" not in quiz._question.value


def test_fix_exercise_checks_the_rewrite() -> None:
    exercise = training.exercises(1)[0]
    widget = FixExercise(exercise)
    widget._rewrite.value = exercise.statement
    widget._check.click()
    assert widget.value is not None and not widget.value.solved
    assert "Not yet" in widget._verdict.value
    assert "good rewrite" in widget._verdict.value


def test_fix_exercises_publish_each_latest_attempt(room: Room) -> None:
    first, second = training.exercises(2)
    JoinBar(room).join("Dana")
    one, two = FixExercise(first, room=room), FixExercise(second, room=room)
    one._rewrite.value = "Improve it"
    one._check.click()
    two._rewrite.value = "Sales up"
    two._check.click()
    one._rewrite.value = first.rewrite or "Increase monthly sales to ₹10 lakh by March 2027"
    one._check.click()
    publishing.publisher_for(publishing.joined(room)).flush()
    attempts = room.snapshot().people()[0].payload("fix")["attempts"]
    assert [a["statement"] for a in attempts] == [first.statement, second.statement]
    assert attempts[0]["rewrite"] == one._rewrite.value
    assert attempts[0]["solved"] is one.value.solved
    assert attempts[1]["solved"] is False
