"""The facilitator's view of a workshop room: a thin widget over :mod:`krakit.room`.

``krakit.facilitator("batch-7")`` shows who is in and where (People), the room's mistakes
(:mod:`~krakit.widgets.facilitator_mistakes`), the quiz with tallies hidden until **Reveal**
(:mod:`~krakit.widgets.facilitator_quiz`), a **Spotlight** that puts one anonymised draft on
screen with the checker's verdict (:mod:`~krakit.widgets.facilitator_spotlight`), the room's
coverage of its goal tree (:mod:`~krakit.widgets.facilitator_goals`), and exports with
**Make anonymous** / **Reset** / **Close** behind a confirmation
(:mod:`~krakit.widgets.facilitator_room`). *Projecting* hides every name.

It refreshes by itself: it polls the room's files (stats only, every half second) and
redraws when anything changed; the poller is an asyncio task on the kernel's loop
(JupyterLab and Voilà both run one), or a thread where no loop runs, and it stops when the
widget is closed. In an anonymous room, a tab still written with a name (a write under way
when anonymity was turned on) is rewritten as its alias on the next refresh. Every callback
goes through krakit's guard; every name and KPI is escaped.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Sequence
from os import PathLike
from pathlib import Path
from typing import TYPE_CHECKING, Any

import ipywidgets as w

from krakit.errors import KrakitError
from krakit.room import Room, RoomState, tally
from krakit.room.anonymity import named_folders
from krakit.room.spotlight import Draft
from krakit.widgets._base import esc, guard, message_html, style
from krakit.widgets.facilitator_base import Tab, table
from krakit.widgets.facilitator_goals import GoalsTab
from krakit.widgets.facilitator_mistakes import MistakesTab
from krakit.widgets.facilitator_quiz import QuizTab
from krakit.widgets.facilitator_room import RoomTab
from krakit.widgets.facilitator_spotlight import SpotlightTab
from krakit.widgets.poller import Poller

if TYPE_CHECKING:
    from krakit.training import QuizItem

__all__ = ["Facilitator", "facilitator"]

# The facilitators polling, by room folder: a new view of a room stops the last one's poller.
_LIVE: dict[str, Facilitator] = {}


class Facilitator(w.VBox):
    """The whole room on one screen; ``value`` is the :class:`~krakit.room.RoomState` shown.

    Parameters
    ----------
    room
        The room (a :class:`~krakit.room.Room`).
    items
        The quiz questions participants were given (default :func:`krakit.training.quiz`).
    every
        Seconds between two looks at the room's files.
    poll
        Refresh by itself (False: only :meth:`refresh` and the Refresh button do).
    """

    def __init__(
        self,
        room: Room,
        *,
        items: Sequence[QuizItem] | None = None,
        every: float = 0.5,
        poll: bool = True,
    ) -> None:
        from krakit.training import quiz

        self.room = room
        self._items = list(quiz() if items is None else items)
        self._every = every
        self._state: RoomState | None = None
        self._signature: int | None = None
        self._kept_named: set[Path] = set()  # named tabs krakit may not rewrite (shared volume)
        self.poller: Poller | None = None
        self.refreshes = 0
        """How many times the view was redrawn (tests and benchmarks read it)."""

        self._message = w.HTML().add_class("krakit-message")
        self._header = w.HTML().add_class("krakit-room-header")
        self._projecting = w.Checkbox(False, description="Projecting (hide names)", indent=False)
        self._refresh = w.Button(description="Refresh", icon="refresh")
        self._people = w.HTML().add_class("krakit-room-people")
        self._problems = w.HTML().add_class("krakit-room-problems")
        self.mistakes = MistakesTab(self._guarded)
        self.quiz = QuizTab(self._items, self._guarded)
        self.spotlight_tab = SpotlightTab(self._guarded)
        self.goals = GoalsTab(room, self._guarded)
        self.room_tab = RoomTab(room, self._items, self._after_action, self._guarded)
        self._parts: list[Tab] = [
            self.mistakes, self.quiz, self.spotlight_tab, self.goals, self.room_tab
        ]  # fmt: skip
        self._refresh.on_click(self._guarded(lambda _b: self.refresh(force=True)))
        self._projecting.observe(self._guarded(lambda _c: self._render()), names="value")
        self._tabs = tabs = w.Tab(children=[w.VBox([self._people, self._problems]), *self._parts])
        for i, title in enumerate(["People", *(part.title for part in self._parts)]):
            tabs.set_title(i, title)
        tabs.observe(self._guarded(lambda _c: self._on_tab()), names="selected_index")
        super().__init__(
            [style(), self._header, w.HBox([self._projecting, self._refresh]), self._message, tabs]
        )
        self.add_class("krakit-facilitator")
        self.refresh(force=True)
        self._had_comm = self.comm is not None
        if poll:
            self._start_polling()

    # ------------------------------------------------------------------ state

    @property
    def value(self) -> RoomState | None:
        """The room as last read (read-only)."""
        return self._state

    @property
    def spotlight(self) -> Draft | None:
        """The draft on the Spotlight tab (read-only)."""
        return self.spotlight_tab.draft

    def _guarded(self, handler: Callable[..., Any]) -> Callable[..., Any]:
        return guard(handler, self._report)

    def _report(self, html_text: str) -> None:
        self._message.value = html_text

    def refresh(self, *, force: bool = False) -> bool:
        """Read the room again if any file changed (always with ``force``) and redraw.

        Returns whether it redrew.
        """
        signature = self.room.signature()
        if not force and signature == self._signature:
            return False
        state = self.room.snapshot()
        if state.info.anonymous and set(named_folders(self.room)) - self._kept_named:
            self._rewrite_names()  # tabs written with a name as anonymity began
            signature, state = self.room.signature(), self.room.snapshot()
        self._signature, self._state = signature, state
        self._render()
        self.refreshes += 1
        return True

    def _rewrite_names(self) -> None:
        """Replace names in the room's files by aliases; say plainly what could not be."""
        try:
            self.room.set_anonymous(True)
        except KrakitError as exc:
            self._message.value = message_html(
                f"Not every name in the room's files could be replaced by its alias: {exc}",
                "warning",
            )
        self._kept_named = set(named_folders(self.room))
        if self._kept_named:
            n = len(self._kept_named)
            self._message.value = message_html(
                f"The files of {n} tab{'s' if n != 1 else ''} keep the name they joined with: "
                "krakit may not rewrite other people's folders here (a shared volume). This "
                "view and the exports show their aliases, and they publish as their alias from "
                "now on.",
                "warning",
            )

    # ------------------------------------------------------------------ drawing

    def _render(self) -> None:
        state = self._state
        if state is None:  # pragma: no cover - refresh() sets it first
            return
        names = not self._projecting.value
        people = tally.participants(state, self._items)
        info = state.info
        status = "closed" if info.closed else "open"
        count = len(people)
        if not names:
            people = people.assign(name=[f"#{i}" for i in range(1, len(people) + 1)])
        self._people.value = table(people, "No one has joined yet.")
        # the header after the table: whoever reads "3 people" finds the three rows drawn
        self._header.value = (
            f"<h3>Room {esc(info.name)} · {count} "
            f"{'person' if count == 1 else 'people'} · {status}"
            f"{' · anonymous' if info.anonymous else ''}</h3>"
        )
        problems = tally.problems(state)
        self._problems.value = "".join(
            message_html(f"Could not read {p.name}: {p.reason}", "warning") for p in problems
        )
        for part in self._parts:
            part.show(state, names=names)

    def _on_tab(self) -> None:
        for i, part in enumerate(self._parts, start=1):
            part.visible = self._tabs.selected_index == i
            part.tick()

    def _after_action(self, text: str) -> None:
        self._message.value = message_html(text, "ok") if text else ""
        self.refresh(force=True)

    # ------------------------------------------------------------------ refreshing by itself

    def _tick(self) -> None:
        if self._had_comm and self.comm is None:  # closed without close() (the page is gone)
            self.stop()
            return
        self._guarded(self.refresh)()
        for part in self._parts:  # a chart left pending by its interval
            self._guarded(part.tick)()

    def _start_polling(self) -> None:
        previous = _LIVE.get(str(self.room.folder))
        if previous is not None and previous is not self:
            previous.stop()
        _LIVE[str(self.room.folder)] = self
        self.poller = Poller(self._tick, self._every)

    @property
    def polling(self) -> bool:
        """Whether the view still refreshes by itself."""
        return self.poller is not None and self.poller.running

    def stop(self) -> None:
        """Stop refreshing by itself (the view stays as it is)."""
        if self.poller is not None:
            self.poller.stop()
        if _LIVE.get(str(self.room.folder)) is self:
            del _LIVE[str(self.room.folder)]

    def close(self) -> None:
        """Stop the poller, then close the widget."""
        self.stop()
        with contextlib.suppress(Exception):
            super().close()


def facilitator(
    room: str | Room | None = None,
    *,
    path: str | PathLike[str] | None = None,
    anonymous: bool | None = None,
    items: Sequence[QuizItem] | None = None,
    every: float = 0.5,
) -> Facilitator:
    """The facilitator's live view of a room.

    Parameters
    ----------
    room
        The room's name (``"batch-7"``, under ``$KRAKIT_ROOMS`` or ``./rooms``) or a
        :class:`~krakit.room.Room`.
    path
        Instead of a name: the room's folder (a shared volume).
    anonymous
        Show participants by alias only (the facilitator's choice; None keeps the room's).
        Turned on after people joined, their names leave the room's files too.
    items
        The quiz questions (default :func:`krakit.training.quiz`).
    every
        Seconds between two looks at the room's files.
    """
    if not isinstance(room, Room):
        room = (
            Room(path=path, anonymous=anonymous)
            if path is not None
            else Room(room, anonymous=anonymous)
        )
    elif anonymous is not None:
        room.set_anonymous(anonymous)
    return Facilitator(room, items=items, every=every)
