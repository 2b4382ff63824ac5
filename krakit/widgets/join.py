"""Joining a workshop room: the participant's name, asked once per session.

A thin view over :func:`krakit.publishing.join_once`: a name box and *Join*. A blank name is
refused with a message; once joined, the bar says in which room and under which name, and
every other widget of the session (the wizard, the quiz, the exercises) uses that
participant without asking again.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import ipywidgets as w
import traitlets

from krakit import publishing
from krakit.widgets._base import esc, guard, message_html, style

if TYPE_CHECKING:
    from krakit.room import Participant, Room

__all__ = ["JoinBar"]


class JoinBar(w.VBox):
    """Ask the participant's name once, join the room, then say who they are in it.

    ``value`` (read-only) is the :class:`~krakit.room.Participant`, or None before joining.
    """

    participant = traitlets.Any(None, read_only=True)

    def __init__(self, room: Room, *, doing: str = "the workshop") -> None:
        self._room = room
        self._intro = w.HTML(
            f"<p>You are joining the room <b>{esc(room.name)}</b>. Type your name (or a "
            f"nickname) so the facilitator can follow {esc(doing)} with you. What you type "
            "here is shared with the facilitator; your own files stay yours.</p>"
        ).add_class("krakit-join-intro")
        self._name = w.Text(
            placeholder="Your name or a nickname", description="Your name"
        ).add_class("krakit-join-name")
        self._join = w.Button(description="Join", icon="sign-in", button_style="primary")
        self._join.add_class("krakit-join-button")
        self._status = w.HTML().add_class("krakit-join-status")
        self._form = w.HBox([self._name, self._join])
        super().__init__([style(), self._intro, self._form, self._status])
        self.add_class("krakit-join")
        act = guard(lambda *_: self.join(self._name.value), self._report)
        self._join.on_click(act)
        known = publishing.joined(room)
        if known is not None:
            self._joined(known)

    @property
    def value(self) -> Participant | None:
        return self.participant

    def _report(self, html: str) -> None:
        self._status.value = html

    def join(self, name: str) -> Participant:
        """Join as ``name`` (what *Join* does); a blank name raises a plain InputError."""
        participant = publishing.join_once(self._room, name)
        self._joined(participant)
        return participant

    def _joined(self, participant: Any) -> None:
        self._intro.layout.display = "none"
        self._form.layout.display = "none"
        self._status.value = message_html(
            f"You are in the room {self._room.name} as {participant.shown}.", "ok"
        )
        self.set_trait("participant", participant)
