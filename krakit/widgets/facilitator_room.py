"""The facilitator's Export & room tab: downloads, and acting on the room after a confirmation.

Downloads: one Excel workbook (participants, KPIs, findings, quiz answers, fix attempts) and
a zip of every scorecard (:mod:`krakit.room.export`). Actions, each asked first: **Make
anonymous** (every name leaves the view, the exports and the room's files:
:meth:`krakit.room.Room.set_anonymous`), **Reset** (the files move to the room's archive)
and **Close** (no more joins or publishes).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

import ipywidgets as w

from krakit.room import Room
from krakit.room.export import export_scorecards, export_workbook
from krakit.widgets._base import message_html
from krakit.widgets.download import DownloadButton, Payload
from krakit.widgets.facilitator_base import Guarded, Tab

if TYPE_CHECKING:
    from krakit.room import RoomState
    from krakit.training import QuizItem

__all__ = ["CONFIRM", "XLSX", "RoomTab"]

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CONFIRM = {
    "anonymous": "Make the room anonymous? Everyone is shown by an alias from now on, here "
    "and in the exports, and the names already in the room's files are replaced by the "
    "aliases (this cannot be undone; archives of earlier resets are kept as they were).",
    "reset": "Reset the room? Everyone's published work moves to the room's archive folder "
    "and the view starts empty (participants' own workspaces are not touched).",
    "close": "Close the room? Participants can no longer join or publish; their own work "
    "stays in their workspaces.",
}


class RoomTab(Tab):
    """Exports, and Make anonymous / Reset / Close behind a Yes or Cancel.

    Parameters
    ----------
    room
        The room acted on.
    items
        The quiz questions (the workbook marks answers right or wrong).
    done
        Called with what was done, in words ("" for nothing), after an action: the view
        shows it and reads the room again.
    """

    title = "Export & room"

    def __init__(
        self,
        room: Room,
        items: Sequence[QuizItem],
        done: Callable[[str], None],
        guarded: Guarded,
    ) -> None:
        self.room = room
        self._items = items
        self._done = done
        self._state: RoomState | None = None
        self._pending = ""
        self._workbook = DownloadButton("Excel workbook", guarded(self._make_workbook))
        self._zip = DownloadButton("Scorecards (zip)", guarded(self._make_zip))
        self._anonymous = w.Button(description="Make anonymous…", icon="user-secret")
        self._reset = w.Button(description="Reset room…", button_style="warning")
        self._close = w.Button(description="Close room…", button_style="danger")
        self._ask = w.HTML()
        self._yes = w.Button(description="Yes", button_style="danger")
        self._no = w.Button(description="Cancel")
        self._confirm = w.VBox([self._ask, w.HBox([self._yes, self._no])])
        self._confirm.layout.display = "none"
        super().__init__(
            [
                w.HBox([self._workbook, self._zip]),
                w.HBox([self._anonymous, self._reset, self._close]),
                self._confirm,
            ],
            guarded,
        )
        for button, handler in (
            (self._anonymous, lambda _b: self._ask_first("anonymous")),
            (self._reset, lambda _b: self._ask_first("reset")),
            (self._close, lambda _b: self._ask_first("close")),
            (self._yes, lambda _b: self._confirmed()),
            (self._no, lambda _b: self._ask_first("")),
        ):
            button.on_click(guarded(handler))

    def show(self, state: RoomState, *, names: bool) -> None:
        """Keep the room as last read for the downloads; offer anonymity while it is off."""
        self._state = state
        self._anonymous.layout.display = "none" if state.info.anonymous else ""

    def _make_workbook(self) -> Payload:
        assert self._state is not None
        data = export_workbook(self._state, items=self._items)
        return Payload(f"{self.room.name}.xlsx", data, XLSX)

    def _make_zip(self) -> Payload:
        assert self._state is not None
        data = export_scorecards(self._state)
        return Payload(f"{self.room.name}-scorecards.zip", data, "application/zip")

    def _ask_first(self, action: str) -> None:
        self._pending = action
        self._ask.value = message_html(CONFIRM[action], "warning") if action else ""
        self._confirm.layout.display = "" if action else "none"

    def _confirmed(self) -> None:
        action, text = self._pending, ""
        self._ask_first("")
        if action == "anonymous":
            moved = self.room.set_anonymous(True)
            text = "The room is anonymous: everyone is shown by an alias" + (
                f"; the files of {moved} tab{'s' if moved != 1 else ''} now carry the alias only"
                if moved
                else ""
            )
        elif action == "reset":
            moved_to = self.room.reset()
            text = "The room is empty again" + (
                f"; the old files are in {moved_to}" if moved_to else ""
            )
        elif action == "close":
            self.room.close()
            text = "The room is closed: no one can join or publish."
        self._done(text)
