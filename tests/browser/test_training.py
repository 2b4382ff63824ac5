"""The participants' training as they meet it: the KRA-or-KPI quiz in the Voilà app.

Three questions are answered (the first one wrongly, on purpose) and the score line is checked
after each against :func:`krakit.training.quiz`'s own answers.
"""

from __future__ import annotations

from krakit import training
from tests.browser.conftest import screenshot

FLIP = {"KRA": "KPI", "KPI": "KRA"}


def test_quiz_scores_each_answer(voila_training, page) -> None:
    page, offline = page
    answers = {item.statement: item.answer for item in training.quiz()}
    total = len(answers)
    page.goto(voila_training.url)
    page.wait_for_selector(".krakit-quiz", timeout=120_000)
    assert page.inner_text(".krakit-quiz-score").strip() == ""

    right = 0
    for number, correct in enumerate((False, True, True), start=1):
        question = page.locator(".krakit-quiz-question")
        assert f"Question {number} of {total}" in question.inner_text()
        statement = page.inner_text(".krakit-quiz-statement").strip()
        answer = answers[statement] if correct else FLIP[answers[statement]]
        page.click(f"button.krakit-quiz-{answer.lower()}")
        right += correct
        expected = f"Score so far: {right} of {total} right ({100 * right / total:.0f}%)"
        page.wait_for_function(
            "t => (document.querySelector('.krakit-quiz-score') || {}).textContent === t",
            arg=expected,
        )
        feedback = page.locator(".krakit-quiz-feedback .krakit-msg")
        kind = "krakit-msg-ok" if correct else "krakit-msg-warning"
        assert kind in (feedback.get_attribute("class") or ""), feedback.inner_text()
        if number == 2:
            page.locator(".krakit-quiz").scroll_into_view_if_needed()
            screenshot(page, "training_quiz")
        if number < 3:
            page.click("button.krakit-quiz-next")
            page.wait_for_function(
                "n => (document.querySelector('.krakit-quiz-question') || {}).textContent"
                "?.includes(`Question ${n} of`)",
                arg=number + 1,
            )
            assert page.inner_text(".krakit-quiz-feedback").strip() == ""

    assert offline.blocked == []
