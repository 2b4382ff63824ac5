"""The training widgets driven as a participant: answer, get feedback, send; fix a KPI."""

from __future__ import annotations

from pathlib import Path

from krakit import training
from krakit.widgets.training import FixExercise, Quiz


def test_quiz_answers_score_and_send(tmp_path: Path) -> None:
    items = training.quiz(3)
    quiz = Quiz(items, folder=tmp_path)
    first = items[0]
    wrong = "KPI" if first.answer == "KRA" else "KRA"
    (quiz._kpi if wrong == "KPI" else quiz._kra).click()
    assert "Not quite" in quiz._feedback.value
    quiz._next.click()
    second = items[1]
    (quiz._kra if second.answer == "KRA" else quiz._kpi).click()
    assert "Right" in quiz._feedback.value
    assert quiz.value == {first.statement: wrong, second.statement: second.answer}
    assert "1 of 3" in quiz._score.value
    quiz._name.value = "Asha"
    quiz._save.click()
    assert "Sent" in quiz._saved.value
    assert training.load_answers(tmp_path)["Asha"][second.statement] == second.answer


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
    widget._rewrite.value = (
        "Increase monthly sales revenue from ₹8 lakh to ₹10 lakh by March 2027, "
        "owned by the sales lead, from the CRM"
    )
    widget._check.click()
    assert widget.value.findings == tuple(
        f for f in widget.value.findings if str(f.severity) in {"error", "warning"}
    )
