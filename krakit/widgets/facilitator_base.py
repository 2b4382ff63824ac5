"""What the facilitator's tabs share: column headings, the HTML table, drawing on a budget.

Each tab of :class:`krakit.widgets.facilitator.Facilitator` is a :class:`Tab`: the view hands
it the room as last read (:meth:`Tab.show`), tells it when it comes on screen, and calls
:meth:`Tab.tick` on every poll. A chart costs ~0.1 s of CPU to draw (vl-convert), more than
the rest of a refresh, so :class:`Redraw` draws one only while its tab is on screen, when what
it shows changed, and at most once every :data:`CHART_EVERY_S` seconds (the next tick draws
what is left pending).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import ipywidgets as w

from krakit.widgets._base import message_html

if TYPE_CHECKING:
    import pandas as pd

    from krakit.room import RoomState

__all__ = ["CHART_EVERY_S", "HEADINGS", "Guarded", "Redraw", "Tab", "table"]

CHART_EVERY_S = 3.0
"""A tab's chart is drawn at most this often (seconds)."""

Guarded = Callable[[Callable[..., Any]], Callable[..., Any]]
"""Wraps a callback in krakit's guard (an unexpected error is shown as a bug, on screen)."""

# Column headings in words (the core's tables keep short names for code).
HEADINGS = {
    "name": "Name", "tabs": "Tabs", "step": "Step", "step_name": "Step name", "kras": "KRAs",
    "kpis": "KPIs", "errors": "Errors", "warnings": "Warnings", "quiz": "Quiz right",
    "quiz_of": "of", "last_activity": "Last activity (UTC)", "kra": "KRA", "kpi": "KPI",
    "message": "What the checker says", "number": "#", "statement": "Statement",
    "answer": "Answer", "answered": "Answered", "said_kra": "Said KRA", "said_kpi": "Said KPI",
    "right": "Right", "percent_right": "% right", "wrong": "Wrong", "title": "Goal",
    "owner": "Owner", "unit_name": "Unit", "coverage": "Coverage (%)", "cards": "People",
}  # fmt: skip


def table(frame: pd.DataFrame, empty: str) -> str:
    """The frame as an escaped HTML table with headings in words, or ``empty`` said plainly."""
    if frame.empty:
        return message_html(empty)
    shown = frame.rename(columns=HEADINGS)
    return shown.to_html(index=False, escape=True, na_rep="—", classes="krakit-scores")


class Redraw:
    """Decides when a chart is drawn: on screen, changed, and not drawn a moment ago.

    >>> now = [0.0]
    >>> redraw = Redraw(clock=lambda: now[0])
    >>> redraw.due("a", visible=True), redraw.due("b", visible=True)
    (True, False)
    >>> now[0] = 5.0; redraw.due("b", visible=True), redraw.due("b", visible=True)
    (True, False)
    """

    def __init__(
        self, every: float = CHART_EVERY_S, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.every = every
        self.clock = clock
        self.key: object = None
        self.drawn = float("-inf")

    def due(self, key: object, *, visible: bool, force: bool = False) -> bool:
        """Whether to draw for ``key`` now (and if so, it is noted as drawn)."""
        if not visible or key == self.key:
            return False
        recent = self.clock() - self.drawn < self.every
        if not force and recent and self.key is not None:
            return False  # drawn a moment ago: the next tick draws it
        self.key, self.drawn = key, self.clock()
        return True


class Tab(w.VBox):
    """One tab of the facilitator's view; subclasses draw the room their way."""

    title = ""
    """The tab's title."""

    def __init__(self, children: list[w.Widget], guarded: Guarded) -> None:
        super().__init__(children)
        self._guarded = guarded
        self.visible = False
        """Whether the tab is on screen (the view sets it)."""

    def show(self, state: RoomState, *, names: bool) -> None:
        """Draw the room as last read (``names`` False: the view is on the projector)."""
        raise NotImplementedError

    def tick(self) -> None:
        """Draw what was left pending (the poller calls it; the tab coming on screen too)."""
