"""The facilitator's Quiz tab: per-question tallies, the key hidden until **Reveal**.

Before Reveal only how many answered each question shows (no key, no right or wrong);
after it, what people said, how many were right, the most missed questions and the class's
score distribution.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import ipywidgets as w

from krakit.room import tally
from krakit.widgets.facilitator_base import Guarded, Tab, table

if TYPE_CHECKING:
    from krakit.room import RoomState
    from krakit.training import QuizItem

__all__ = ["QuizTab"]


class QuizTab(Tab):
    """The quiz's tallies over the room, hidden until revealed."""

    title = "Quiz"

    def __init__(self, items: Sequence[QuizItem], guarded: Guarded) -> None:
        self._items = items
        self._reveal = w.ToggleButton(False, description="Reveal", icon="eye")
        self._quiz = w.HTML().add_class("krakit-room-quiz")
        super().__init__([self._reveal, self._quiz], guarded)
        self._state: RoomState | None = None
        self._reveal.observe(guarded(lambda _c: self._render()), names="value")

    def show(self, state: RoomState, *, names: bool) -> None:
        """Tally the answers (no names are shown here)."""
        self._state = state
        self._render()

    def _render(self) -> None:
        if self._state is None:
            return
        counts = tally.quiz_tally(self._state, self._items)
        if not self._reveal.value:  # how many answered only: no key, no right or wrong
            self._quiz.value = table(
                counts[["number", "statement", "answered"]], "No quiz questions."
            )
            return
        from krakit import vegalite
        from krakit.room import chart

        scores = tally.quiz_scores(self._state, self._items)
        missed = tally.most_missed(self._state, self._items)
        svg = vegalite.svg(chart.quiz_scores(scores)) if scores.people.sum() else ""
        self._quiz.value = (
            table(counts, "No quiz questions.")
            + "<h4>Most missed</h4>"
            + table(missed[["number", "statement", "answer", "wrong"]], "None missed yet.")
            + (f'<div class="krakit-svg">{svg}</div>' if svg else "")
        )
