"""The facilitator's Spotlight tab: one anonymised draft on screen, with the checker's verdict.

The facilitator steps through every draft of the room, or all drafts for one KRA
(:func:`krakit.room.spotlight.drafts`); a draft is labelled "Draft 3 of 12", never by who
wrote it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import ipywidgets as w

from krakit.room.spotlight import Draft, drafts, kra_titles
from krakit.widgets._base import esc, message_html
from krakit.widgets.facilitator_base import Guarded, Tab

if TYPE_CHECKING:
    from krakit.room import RoomState

__all__ = ["ALL_KRAS", "SpotlightTab"]

ALL_KRAS = "All KRAs"


class SpotlightTab(Tab):
    """One draft at a time, for all KRAs or one; ``draft`` is the one on screen."""

    title = "Spotlight"

    def __init__(self, guarded: Guarded) -> None:
        self._kra = w.Dropdown(options=[ALL_KRAS], value=ALL_KRAS, description="Drafts for")
        self._prev = w.Button(description="Previous", icon="arrow-left")
        self._next = w.Button(description="Next", icon="arrow-right")
        self._spot = w.HTML().add_class("krakit-room-spotlight")
        super().__init__([self._kra, w.HBox([self._prev, self._next]), self._spot], guarded)
        self._state: RoomState | None = None
        self._drafts: list[Draft] = []
        self._index = 0
        self._prev.on_click(guarded(lambda _b: self._step(-1)))
        self._next.on_click(guarded(lambda _b: self._step(+1)))
        self._kra.observe(guarded(lambda _c: self._on_kra()), names="value")

    @property
    def draft(self) -> Draft | None:
        """The draft on screen (read-only)."""
        return self._drafts[self._index] if self._drafts else None

    def show(self, state: RoomState, *, names: bool) -> None:
        """List the drafts again (the KRA picked is kept while it is still drafted)."""
        self._state = state
        self._list()
        self._render()

    def _list(self) -> None:
        assert self._state is not None
        titles = [ALL_KRAS] + [f"{t}" for t, _n in kra_titles(self._state)]
        if list(self._kra.options) != titles:
            current = self._kra.value
            self._kra.options = titles
            self._kra.value = current if current in titles else ALL_KRAS
        kra = None if self._kra.value == ALL_KRAS else self._kra.value
        self._drafts = drafts(self._state, kra)
        self._index = min(self._index, max(len(self._drafts) - 1, 0))

    def _on_kra(self) -> None:
        self._index = 0
        if self._state is not None:
            self._list()
        self._render()

    def _step(self, delta: int) -> None:
        if self._drafts:
            self._index = (self._index + delta) % len(self._drafts)
        self._render()

    def _render(self) -> None:
        draft = self.draft
        if draft is None:
            self._spot.value = message_html("No KPI drafted yet.")
            return
        findings = "".join(
            f"<li><b>{esc(code)}</b> ({esc(severity)}): {esc(message)}</li>"
            for code, severity, message in draft.findings
        )
        self._spot.value = (
            f'<div class="krakit-spotlight"><p>{esc(draft.label)}</p>'
            f"<p>KRA: <b>{esc(draft.kra or '(no KRA)')}</b></p>"
            f'<p style="font-size:1.4em">{esc(draft.statement)}</p>'
            f"<p><b>{esc(draft.verdict)}</b></p><ul>{findings}</ul></div>"
        )
