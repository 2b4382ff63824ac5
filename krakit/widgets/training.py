"""Training widgets: the KRA-or-KPI quiz and the "fix this KPI" exercise.

Thin views over :mod:`krakit.training`: the quiz grades each answer with
:func:`krakit.training.grade` and can save the participant's answers to a shared folder for
the facilitator; the exercise checks a rewrite with :func:`krakit.training.try_fix`.
"""

from __future__ import annotations

from collections.abc import Sequence
from os import PathLike
from typing import Any

import ipywidgets as w
import traitlets

from krakit import training
from krakit.errors import KrakitError
from krakit.place import plain_error
from krakit.widgets._base import esc, guard, message_html, style

__all__ = ["FixExercise", "Quiz"]


class Quiz(w.VBox):
    """One question at a time: KRA or KPI? Instant feedback, a score at the end.

    ``value`` (read-only) maps each statement answered to the answer given.
    """

    answers = traitlets.Dict(read_only=True)

    def __init__(
        self,
        items: Sequence[training.QuizItem] | None = None,
        *,
        folder: str | PathLike[str] | None = None,
    ) -> None:
        self._items = list(training.quiz() if items is None else items)
        self._folder = folder
        self._index = 0
        self._question = w.HTML().add_class("krakit-quiz-question")
        self._kra = w.Button(description="KRA", button_style="info").add_class("krakit-quiz-kra")
        self._kpi = w.Button(description="KPI", button_style="info").add_class("krakit-quiz-kpi")
        self._feedback = w.HTML().add_class("krakit-quiz-feedback")
        self._next = w.Button(description="Next question", icon="arrow-right")
        self._next.add_class("krakit-quiz-next")
        self._score = w.HTML().add_class("krakit-quiz-score")
        self._name = w.Text(description="Your name").add_class("krakit-quiz-name")
        self._save = w.Button(description="Send my answers", icon="paper-plane")
        self._save.add_class("krakit-quiz-save")
        self._saved = w.HTML().add_class("krakit-quiz-saved")
        super().__init__(
            [
                style(),
                self._question,
                w.HBox([self._kra, self._kpi]),
                self._feedback,
                self._next,
                self._score,
                w.HBox([self._name, self._save]),
                self._saved,
            ]
        )
        self.add_class("krakit-quiz")
        for button, action in (
            (self._kra, lambda _b: self.answer("KRA")),
            (self._kpi, lambda _b: self.answer("KPI")),
            (self._next, lambda _b: self._move(1)),
            (self._save, lambda _b: self._on_save()),
        ):
            button.on_click(guard(action, self._report, keep="Your answers so far are kept."))
        self._save.layout.display = None if folder is not None else "none"
        self._name.layout.display = self._save.layout.display
        self._show()

    @property
    def value(self) -> dict[str, str]:
        return dict(self.answers)

    def _report(self, html: str) -> None:
        self._feedback.value = html

    @property
    def score(self) -> training.QuizScore:
        return training.score_quiz(self.answers, self._items)

    def answer(self, label: str) -> training.Feedback:
        """Answer the current question (what the KRA/KPI buttons do)."""
        item = self._items[self._index]
        feedback = training.grade(item, label)
        self.set_trait("answers", {**self.answers, item.statement: feedback.given})
        kind = "ok" if feedback.correct else "warning"
        reasons = "".join(f"<li>{esc(r)}</li>" for r in feedback.reasons)
        self._feedback.value = message_html(str(feedback), kind) + (
            f"<small>krakit's reading:</small><ul>{reasons}</ul>" if reasons else ""
        )
        self._score.value = f"<b>Score so far: {esc(self.score)}</b>"
        return feedback

    def _move(self, step: int) -> None:
        self._index = min(max(self._index + step, 0), len(self._items) - 1)
        self._feedback.value = ""
        self._show()

    def _show(self) -> None:
        item = self._items[self._index]
        self._question.value = (
            f"<p>Question {self._index + 1} of {len(self._items)}: is this a KRA or a KPI?</p>"
            f'<blockquote class="krakit-quiz-statement">{esc(item.statement)}</blockquote>'
        )
        self._next.disabled = self._index == len(self._items) - 1

    def _on_save(self) -> None:
        try:
            path = training.save_answers(self._folder or ".", self._name.value, self.answers)
        except KrakitError as exc:
            self._saved.value = message_html(plain_error(exc), "error")
            return
        self._saved.value = message_html(f"✓ Sent ({self.score}) — saved as {path.name}.", "ok")


class FixExercise(w.VBox):
    """A bad KPI, a box for the rewrite, and the checker's verdict on it."""

    result = traitlets.Any(None, read_only=True)

    def __init__(self, exercise: training.Exercise) -> None:
        self._exercise = exercise
        self._rewrite = w.Textarea(
            placeholder="Rewrite it as a good KPI", rows=2, layout=w.Layout(width="640px")
        ).add_class("krakit-fix-rewrite")
        self._check = w.Button(description="Check my rewrite", icon="check")
        self._check.add_class("krakit-fix-check")
        self._verdict = w.HTML().add_class("krakit-fix-verdict")
        super().__init__(
            [
                style(),
                w.HTML(
                    f'<p>Fix this KPI: <b class="krakit-fix-statement">'
                    f"{esc(exercise.statement)}</b><br>"
                    f"<small>Hint: {esc(exercise.hint)}</small></p>"
                ),
                self._rewrite,
                self._check,
                self._verdict,
            ]
        )
        self.add_class("krakit-fix")
        self._check.on_click(
            guard(lambda _b: self._on_change(), self._report, keep="Your rewrite is kept.")
        )

    def _report(self, html: str) -> None:
        self._verdict.value = html

    @property
    def value(self) -> Any:
        """The last :class:`krakit.training.FixResult` (None before the first check)."""
        return self.result

    def _on_change(self) -> None:
        result = training.try_fix(self._rewrite.value)
        self.set_trait("result", result)
        if result.solved:
            self._verdict.value = message_html(str(result), "ok")
            return
        items = "".join(
            f"<li><b>{esc(f.code)}</b> {esc(f.message)}<br><small>{esc(why)}</small></li>"
            for f, why in zip(result.findings, result.explanations, strict=True)
        )
        good = self._exercise.rewrite
        self._verdict.value = (
            message_html("Not yet — the checker still finds:", "warning")
            + f"<ul>{items}</ul>"
            + (
                f"<details><summary>Show one good rewrite</summary>{esc(good)}</details>"
                if good
                else ""
            )
        )
