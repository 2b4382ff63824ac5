"""Training widgets: the KRA-or-KPI quiz and the "fix this KPI" exercise.

Thin views over :mod:`krakit.training`: the quiz grades each answer with
:func:`krakit.training.grade`, the exercise checks a rewrite with
:func:`krakit.training.try_fix`. Given a room (``room=``), both publish what the participant
answers there (:mod:`krakit.publishing`: debounced, under the name given once in the
session's :class:`~krakit.widgets.join.JoinBar`), and *Send my answers* asks first when
questions are still unanswered.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import ipywidgets as w
import traitlets

from krakit import publishing, training
from krakit.errors import InputError
from krakit.widgets._base import esc, guard, message_html, style

if TYPE_CHECKING:
    from krakit.room import Participant, Room

__all__ = ["FixExercise", "Quiz"]

# The exercises of one page share one participant file: each room's attempts so far.
_ATTEMPTS: dict[Path, training.Attempts] = {}


def _participant(room: Room | None) -> Participant | None:
    return None if room is None else publishing.joined(room)


def _must_join(room: Room) -> InputError:
    return InputError(
        f"join the room '{room.name}' first: type your name at the top of the page and click "
        "Join (your answers so far are kept)",
        field="name",
    )


class Quiz(w.VBox):
    """One question at a time: KRA or KPI? Instant feedback, a score at the end.

    ``value`` (read-only) maps each statement answered to the answer given. With a room,
    every answer is published there (debounced) once the participant has joined, and
    *Send my answers* marks them sent, asking first if some questions are unanswered.
    """

    answers = traitlets.Dict(read_only=True)
    sent = traitlets.Bool(False, read_only=True)

    def __init__(
        self, items: Sequence[training.QuizItem] | None = None, *, room: Room | None = None
    ) -> None:
        self._items = list(training.quiz() if items is None else items)
        self._room = room
        self._index = 0
        self._question = w.HTML().add_class("krakit-quiz-question")
        self._kra = w.Button(description="KRA", button_style="info").add_class("krakit-quiz-kra")
        self._kpi = w.Button(description="KPI", button_style="info").add_class("krakit-quiz-kpi")
        self._feedback = w.HTML().add_class("krakit-quiz-feedback")
        self._back = w.Button(description="Previous", icon="arrow-left")
        self._back.add_class("krakit-quiz-back")
        self._next = w.Button(description="Next question", icon="arrow-right")
        self._next.add_class("krakit-quiz-next")
        self._score = w.HTML().add_class("krakit-quiz-score")
        self._save = w.Button(description="Send my answers", icon="paper-plane")
        self._save.add_class("krakit-quiz-save")
        self._ask = w.HTML().add_class("krakit-quiz-ask")
        self._confirm = w.Button(description="Send anyway", button_style="warning")
        self._confirm.add_class("krakit-quiz-confirm")
        self._cancel = w.Button(description="Keep answering", button_style="primary")
        self._cancel.add_class("krakit-quiz-cancel")
        self._asking = w.VBox([self._ask, w.HBox([self._confirm, self._cancel])])
        self._asking.add_class("krakit-quiz-asking")
        self._asking.layout.display = "none"
        self._saved = w.HTML().add_class("krakit-quiz-saved")
        super().__init__(
            [
                style(),
                self._question,
                w.HBox([self._kra, self._kpi]),
                self._feedback,
                w.HBox([self._back, self._next]),
                self._score,
                self._save,
                self._asking,
                self._saved,
            ]
        )
        self.add_class("krakit-quiz")
        keep = "Your answers so far are kept."
        for button, action, report in (
            (self._kra, lambda _b: self.answer("KRA"), self._report),
            (self._kpi, lambda _b: self.answer("KPI"), self._report),
            (self._back, lambda _b: self._move(-1), self._report),
            (self._next, lambda _b: self._move(1), self._report),
            (self._save, lambda _b: self.send(), self._report_send),
            (self._confirm, lambda _b: self.send(confirmed=True), self._report_send),
            (self._cancel, lambda _b: self._keep_answering(), self._report_send),
        ):
            button.on_click(guard(action, report, keep=keep))
        self._save.layout.display = None if room is not None else "none"
        self._show()

    @property
    def value(self) -> dict[str, str]:
        return dict(self.answers)

    def _report(self, html: str) -> None:
        self._feedback.value = html

    def _report_send(self, html: str) -> None:
        self._saved.value = html

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
        self._publish(flush=False)
        return feedback

    def go_to(self, index: int) -> None:
        """Show question ``index`` (0-based, kept within the quiz)."""
        self._index = min(max(index, 0), len(self._items) - 1)
        self._feedback.value = ""
        self._show()

    def _move(self, step: int) -> None:
        self.go_to(self._index + step)

    def _show(self) -> None:
        item = self._items[self._index]
        self._question.value = (
            f"<p>Question {self._index + 1} of {len(self._items)}: is this a KRA or a KPI?</p>"
            f'<blockquote class="krakit-quiz-statement">{esc(item.statement)}</blockquote>'
        )
        self._back.disabled = self._index == 0
        self._next.disabled = self._index == len(self._items) - 1

    def _publish(self, *, flush: bool) -> bool:
        """Publish the answers to the room if the participant joined; True if they did."""
        participant = _participant(self._room)
        if participant is None:
            return False
        publisher = publishing.publisher_for(participant)
        publisher.update("quiz", training.quiz_payload(self.answers, self._items, sent=self.sent))
        if flush or publisher.error is not None:
            publisher.flush()
        return True

    def send(self, *, confirmed: bool = False) -> bool:
        """Send the answers to the room (*Send my answers*); True once sent.

        With questions unanswered and not ``confirmed``, it asks first (*Send anyway* /
        *Keep answering*) and sends nothing.
        """
        if self._room is None:
            raise InputError("this quiz is not in a room: there is nowhere to send it")
        missing = training.unanswered(self.answers, self._items)
        if missing and not confirmed:
            answered = len(self._items) - len(missing)
            self._ask.value = message_html(
                f"You answered {answered} of {len(self._items)} questions. The "
                f"{len(missing)} not answered count as wrong. Send anyway?",
                "warning",
            )
            self._asking.layout.display = None
            self._saved.value = ""
            return False
        self._asking.layout.display = "none"
        if _participant(self._room) is None:
            raise _must_join(self._room)
        self.set_trait("sent", True)
        self._publish(flush=True)
        self._saved.value = message_html(
            f"✓ Sent to the room {self._room.name}: {self.score}.", "ok"
        )
        return True

    def _keep_answering(self) -> None:
        self._asking.layout.display = "none"
        missing = training.unanswered(self.answers, self._items)
        if missing:
            self.go_to(self._items.index(missing[0]))


class FixExercise(w.VBox):
    """A bad KPI, a box for the rewrite, and the checker's verdict on it."""

    result = traitlets.Any(None, read_only=True)

    def __init__(self, exercise: training.Exercise, *, room: Room | None = None) -> None:
        self._exercise = exercise
        self._room = room
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

    def _publish(self, result: training.FixResult) -> None:
        participant = _participant(self._room)
        if participant is None or self._room is None:
            return
        tries = _ATTEMPTS.setdefault(Path(self._room.folder).resolve(), training.Attempts())
        payload = tries.record(self._exercise.statement, self._rewrite.value, result.solved)
        publisher = publishing.publisher_for(participant)
        publisher.update("fix", payload)
        if publisher.error is not None:
            publisher.flush()

    def _on_change(self) -> None:
        result = training.try_fix(self._rewrite.value)
        self.set_trait("result", result)
        self._publish(result)
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
