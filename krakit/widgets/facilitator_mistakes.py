"""The facilitator's Mistakes tab: the room's checker findings by code, and their lines.

A bar chart of how many people made each mistake (click a bar, or a code below it), and the
offending lines of the code picked; names are left out when projecting. The codes are a
:class:`~krakit.widgets.code_picker.CodePicker`, whose buttons stay while their counts change,
so a click is never lost to a redraw.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import ipywidgets as w

from krakit.room import tally
from krakit.widgets._base import message_html
from krakit.widgets.click_chart import ClickChart
from krakit.widgets.code_picker import CodePicker
from krakit.widgets.facilitator_base import Guarded, Redraw, Tab, table

if TYPE_CHECKING:
    import pandas as pd

    from krakit.room import RoomState

__all__ = ["MistakesTab"]


class MistakesTab(Tab):
    """The room's mistakes: a chart, a code picker, the lines of the code picked."""

    title = "Mistakes"

    def __init__(self, guarded: Guarded) -> None:
        self._chart = w.HTML().add_class("krakit-room-chart-note")
        self._bars = ClickChart().add_class("krakit-room-chart")
        self._code = CodePicker(guarded).add_class("krakit-room-codes")
        self._lines = w.HTML().add_class("krakit-room-lines")
        super().__init__([self._chart, self._bars, self._code, self._lines], guarded)
        self.redraw = Redraw()
        self._state: RoomState | None = None
        self._names = True
        self._table: pd.DataFrame | None = None
        self._code.observe(guarded(lambda _c: self._render_lines()), names="value")
        self._bars.observe(guarded(lambda _c: self._on_bar()), names="picked")

    @property
    def code(self) -> str | None:
        """The checker code picked (None: none)."""
        return self._code.value

    def show(self, state: RoomState, *, names: bool) -> None:
        """Count the mistakes, redraw the chart if due, keep the picker's buttons."""
        self._state, self._names = state, names
        self._table = table_ = tally.mistakes(state)
        self.tick()
        options = [(f"{r.code} · {r.label}", r.code) for r in table_.itertuples()]
        self._code.options = options  # keeps its buttons: a click is never lost to a redraw
        self._render_lines()

    def tick(self, *, force: bool = False) -> None:
        """Draw the chart when it is on screen and its counts changed (see :class:`Redraw`)."""
        counts = self._table
        if counts is None:
            return
        key = tuple(zip(counts.code, counts.people, counts.of, strict=True))
        if not self.redraw.due(key, visible=self.visible, force=force):
            return
        if counts.empty:
            self._chart.value = message_html("No mistakes in the scorecards published yet.")
            self._bars.svg = ""
            return
        from krakit import vegalite
        from krakit.room import chart

        self._chart.value = message_html("Click a bar (or a code below) to see its lines.")
        self._bars.svg = vegalite.svg(chart.mistakes(counts))

    def _on_bar(self) -> None:
        codes = [code for _label, code in self._code.options]
        if self._bars.picked in codes:
            self._code.value = self._bars.picked
            self._bars.picked = ""  # the same bar clicked again picks it again

    def _render_lines(self) -> None:
        if self._state is None or not self._code.value:
            self._lines.value = message_html("Pick a mistake to see the lines that made it.")
            return
        lines = tally.offending(self._state, self._code.value, names=self._names)
        if not self._names:
            lines = lines.drop(columns="name")
        self._lines.value = table(lines, "No line makes this mistake any more.")
