"""krakit.training: the quiz from the bank, scoring, saved answers, the facilitator summary."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import krakit
from krakit import training

QUIZ = training.quiz()


def test_quiz_comes_from_the_bank_balanced_and_repeatable() -> None:
    assert len(QUIZ) == 12
    assert sum(item.answer == "KRA" for item in QUIZ) == 6
    assert len({item.statement for item in QUIZ}) == len(QUIZ)
    assert training.quiz() == QUIZ  # same seed, same questions
    assert training.quiz(seed=1) != QUIZ
    assert len(training.quiz(4, function="hr")) == 4
    with pytest.raises(krakit.InputError, match="no KRA-or-KPI items"):
        training.quiz(function="astrology")


def test_score_quiz_counts_unanswered_as_wrong() -> None:
    answers = {QUIZ[0].statement: QUIZ[0].answer.lower(), QUIZ[1].statement: "KRA"}
    score = training.score_quiz(answers, QUIZ[:3])
    expected_right = 1 + (QUIZ[1].answer == "KRA")
    assert (score.correct, score.total) == (expected_right, 3)
    assert training.score_quiz({}, ()).percent == 0.0


def test_save_load_and_summarise(tmp_path: Path) -> None:
    perfect = {item.statement: item.answer for item in QUIZ}
    flipped = {item.statement: ("KRA" if item.answer == "KPI" else "KPI") for item in QUIZ}
    training.save_answers(tmp_path, "Asha Rao", perfect)
    training.save_answers(
        tmp_path, "Ben O'Neil", {**perfect, QUIZ[0].statement: flipped[QUIZ[0].statement]}
    )
    path = training.save_answers(tmp_path, "Chen", flipped)
    assert path.name == "chen.json"
    assert json.loads(path.read_text())["participant"] == "Chen"
    loaded = training.load_answers(tmp_path)
    assert set(loaded) == {"Asha Rao", "Ben O'Neil", "Chen"}
    table = training.summarise(tmp_path, QUIZ)
    first = table.iloc[0]
    assert first["statement"] == QUIZ[0].statement  # hardest first: 1 of 3 right
    assert (first["answered"], first["right"]) == (3, 1)
    assert table["answered"].tolist() == [3] * len(QUIZ)
    people = table.attrs["people"]
    assert people["Asha Rao"] == f"{len(QUIZ)} of {len(QUIZ)} right (100%)"
    assert people["Chen"].startswith("0 of")


def test_save_answers_needs_a_name(tmp_path: Path) -> None:
    with pytest.raises(krakit.InputError, match="participant a name"):
        training.save_answers(tmp_path, "  ", {})


def test_a_stray_file_is_named(tmp_path: Path) -> None:
    (tmp_path / "notes.json").write_text("[1, 2]")
    with pytest.raises(krakit.InputError, match=r"notes\.json"):
        training.load_answers(tmp_path)


def test_empty_folder_summarises_to_nothing_answered(tmp_path: Path) -> None:
    table = training.summarise(tmp_path / "none-yet")
    assert table["answered"].sum() == 0


def test_every_quiz_answer_agrees_with_the_classifier() -> None:
    from krakit.text.classify import classify

    disagree = [i.statement for i in QUIZ if str(classify(i.statement).label) != i.answer]
    assert disagree == []


def test_grade_explains() -> None:
    feedback = training.grade(QUIZ[0], QUIZ[0].answer.lower())
    assert feedback.correct and feedback.expected == QUIZ[0].answer
    assert str(feedback).startswith("✓ Right")
    with pytest.raises(krakit.InputError, match="KRA or KPI"):
        training.grade(QUIZ[0], "maybe")


def test_every_exercise_is_broken_and_fixable() -> None:
    for exercise in training.exercises(6):
        assert exercise.rewrite
        result = training.try_fix(exercise.statement)
        assert not result.solved, exercise.statement
        assert result.findings and len(result.explanations) == len(result.findings)
    assert training.try_fix(
        "Increase monthly sales revenue from ₹8 lakh to ₹10 lakh by March 2027"
    ).findings == tuple(
        f
        for f in krakit.check(
            "Increase monthly sales revenue from ₹8 lakh to ₹10 lakh by March 2027"
        )
        if str(f.severity) in {"error", "warning"}
    )


@given(
    st.dictionaries(
        st.one_of(st.sampled_from([i.statement for i in QUIZ]), st.text(max_size=30)),
        st.sampled_from(["KRA", "kpi", " Kra ", "", "  "]),
    ),
    st.booleans(),
)
def test_quiz_payload_carries_only_the_participants_answers(answers, sent) -> None:
    payload = training.quiz_payload(answers, QUIZ, sent=sent)
    statements = {i.statement for i in QUIZ}
    assert set(payload["answers"]) <= statements  # nothing else travels to the room
    assert set(payload["answers"].values()) <= {"KRA", "KPI"}
    answered = {k for k, v in answers.items() if k in statements and v.strip()}
    assert set(payload["answers"]) == answered
    assert payload["sent"] is sent and payload["questions"] == len(QUIZ)
    missing = training.unanswered(payload["answers"], QUIZ)
    assert len(missing) + len(payload["answers"]) == len(QUIZ)
    assert not [i.why for i in QUIZ if i.why and i.why in str(payload)]  # never the key
