"""The facilitator's view of a workshop room: a thin widget over :mod:`krakit.room`.

``krakit.facilitator("batch-7")`` shows who is in and where, the room's mistakes (a chart, and
the offending lines of the code picked), the quiz (tallies hidden until **Reveal**), a
**Spotlight** that puts one anonymised draft on screen with the checker's verdict, exports
(an Excel workbook, a zip of scorecards) and **Reset** / **Close** behind a confirmation.
*Projecting* hides every name. It refreshes by itself: it polls the room's files (stats only,
every half second) and redraws when anything changed; the poller is an asyncio task on the
kernel's loop (JupyterLab and Voilà both run one), or a thread where no loop runs, and it
stops when the widget is closed. Every callback goes through krakit's guard; every name and
KPI is escaped.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Sequence
from os import PathLike
from typing import TYPE_CHECKING, Any

import ipywidgets as w

from krakit.room import Room, RoomState, tally
from krakit.room.export import export_scorecards, export_workbook
from krakit.room.spotlight import Draft, drafts, kra_titles
from krakit.widgets._base import esc, guard, message_html, style
from krakit.widgets.click_chart import ClickChart
from krakit.widgets.code_picker import CodePicker
from krakit.widgets.download import DownloadButton, Payload
from krakit.widgets.poller import Poller

if TYPE_CHECKING:
    import pandas as pd

    from krakit.training import QuizItem

__all__ = ["Facilitator", "facilitator"]

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ALL_KRAS = "All KRAs"
CHART_EVERY_S = 3.0
"""The mistakes chart is drawn at most this often (seconds)."""
_CONFIRM = {
    "reset": "Reset the room? Everyone's published work moves to the room's archive folder "
    "and the view starts empty (participants' own workspaces are not touched).",
    "close": "Close the room? Participants can no longer join or publish; their own work "
    "stays in their workspaces.",
}
# The facilitators polling, by room folder: a new view of a room stops the last one's poller.
_LIVE: dict[str, Facilitator] = {}


# Column headings in words (the core's tables keep short names for code).
HEADINGS = {
    "name": "Name", "tabs": "Tabs", "step": "Step", "step_name": "Step name", "kras": "KRAs",
    "kpis": "KPIs", "errors": "Errors", "warnings": "Warnings", "quiz": "Quiz right",
    "quiz_of": "of", "last_activity": "Last activity (UTC)", "kra": "KRA", "kpi": "KPI",
    "message": "What the checker says", "number": "#", "statement": "Statement",
    "answer": "Answer", "answered": "Answered", "said_kra": "Said KRA", "said_kpi": "Said KPI",
    "right": "Right", "percent_right": "% right", "wrong": "Wrong",
}  # fmt: skip


def _table(frame: pd.DataFrame, empty: str) -> str:
    if frame.empty:
        return message_html(empty)
    shown = frame.rename(columns=HEADINGS)
    return shown.to_html(index=False, escape=True, na_rep="—", classes="krakit-scores")


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
        self._drafts: list[Draft] = []
        self._index = 0
        self._pending = ""
        self._chart_key: object = None
        self._chart_table: pd.DataFrame | None = None
        self._chart_drawn = float("-inf")
        self._clock = time.monotonic
        self.poller: Poller | None = None
        self.refreshes = 0
        """How many times the view was redrawn (tests and benchmarks read it)."""

        self._message = w.HTML().add_class("krakit-message")
        self._header = w.HTML().add_class("krakit-room-header")
        self._projecting = w.Checkbox(False, description="Projecting (hide names)", indent=False)
        self._refresh = w.Button(description="Refresh", icon="refresh")
        self._people = w.HTML().add_class("krakit-room-people")
        self._problems = w.HTML().add_class("krakit-room-problems")
        self._chart = w.HTML().add_class("krakit-room-chart-note")
        self._bars = ClickChart().add_class("krakit-room-chart")
        self._code = CodePicker().add_class("krakit-room-codes")
        self._lines = w.HTML().add_class("krakit-room-lines")
        self._reveal = w.ToggleButton(False, description="Reveal", icon="eye")
        self._quiz = w.HTML().add_class("krakit-room-quiz")
        self._kra = w.Dropdown(options=[ALL_KRAS], value=ALL_KRAS, description="Drafts for")
        self._prev = w.Button(description="Previous", icon="arrow-left")
        self._next = w.Button(description="Next", icon="arrow-right")
        self._spot = w.HTML().add_class("krakit-room-spotlight")
        self._workbook = DownloadButton("Excel workbook", self._guarded(self._make_workbook))
        self._zip = DownloadButton("Scorecards (zip)", self._guarded(self._make_zip))
        self._reset = w.Button(description="Reset room…", button_style="warning")
        self._close = w.Button(description="Close room…", button_style="danger")
        self._ask = w.HTML()
        self._yes = w.Button(description="Yes", button_style="danger")
        self._no = w.Button(description="Cancel")
        self._confirm = w.VBox([self._ask, w.HBox([self._yes, self._no])])
        self._confirm.layout.display = "none"

        for button, handler in (
            (self._refresh, lambda _b: self.refresh(force=True)),
            (self._prev, lambda _b: self._step(-1)),
            (self._next, lambda _b: self._step(+1)),
            (self._reset, lambda _b: self._ask_first("reset")),
            (self._close, lambda _b: self._ask_first("close")),
            (self._yes, lambda _b: self._confirmed()),
            (self._no, lambda _b: self._ask_first("")),
        ):
            button.on_click(self._guarded(handler))
        for control, handler in (
            (self._projecting, self._render),
            (self._code, self._render_lines),
            (self._reveal, self._render_quiz),
            (self._kra, self._on_kra),
        ):
            control.observe(self._guarded(lambda _c, h=handler: h()), names="value")

        self._bars.observe(self._guarded(lambda _c: self._on_bar()), names="picked")
        self._tabs = tabs = w.Tab(
            children=[
                w.VBox([self._people, self._problems]),
                w.VBox([self._chart, self._bars, self._code, self._lines]),
                w.VBox([self._reveal, self._quiz]),
                w.VBox([self._kra, w.HBox([self._prev, self._next]), self._spot]),
                w.VBox(
                    [
                        w.HBox([self._workbook, self._zip]),
                        w.HBox([self._reset, self._close]),
                        self._confirm,
                    ]
                ),
            ]
        )
        for i, title in enumerate(("People", "Mistakes", "Quiz", "Spotlight", "Export & room")):
            tabs.set_title(i, title)
        tabs.observe(self._guarded(lambda _c: self._draw_chart()), names="selected_index")
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
        self._signature = signature
        self._state = self.room.snapshot()
        self._drafts_for_kra()
        self._render()
        self.refreshes += 1
        return True

    # ------------------------------------------------------------------ drawing

    def _render(self) -> None:
        state = self._state
        if state is None:  # pragma: no cover - refresh() sets it first
            return
        names = not self._projecting.value
        people = tally.participants(state, self._items)
        info = state.info
        status = "closed" if info.closed else "open"
        self._header.value = (
            f"<h3>Room {esc(info.name)} · {len(people)} "
            f"{'person' if len(people) == 1 else 'people'} · {status}"
            f"{' · anonymous' if info.anonymous else ''}</h3>"
        )
        if not names:
            people = people.assign(name=[f"#{i}" for i in range(1, len(people) + 1)])
        self._people.value = _table(people, "No one has joined yet.")
        problems = tally.problems(state)
        self._problems.value = (
            "".join(
                message_html(f"Could not read {p.name}: {p.reason}", "warning") for p in problems
            )
            if problems
            else ""
        )
        self._render_mistakes()
        self._render_quiz()
        self._render_spotlight()

    def _render_mistakes(self) -> None:
        assert self._state is not None
        table = tally.mistakes(self._state)
        self._chart_table = table
        self._draw_chart()
        options = [(f"{r.code} · {r.label}", r.code) for r in table.itertuples()]
        self._code.options = options  # keeps its buttons: a click is never lost to a redraw
        self._render_lines()

    def _draw_chart(self, *, force: bool = False) -> None:
        """Draw the mistakes chart when it is on screen and its counts changed.

        Drawing costs ~0.1 s of CPU (vl-convert), more than the rest of a refresh: it is done
        only while the Mistakes tab is open, at most once every ``CHART_EVERY_S`` seconds
        (the poller draws what is left pending), and the code picker's counts are always
        current.
        """
        table = self._chart_table
        if table is None or (self._tabs.selected_index != 1 and not force):
            return
        key = tuple(zip(table.code, table.people, table.of, strict=True))
        if key == self._chart_key:
            return
        recent = self._clock() - self._chart_drawn < CHART_EVERY_S
        if not force and recent and self._chart_key is not None:
            return  # drawn a moment ago: the poller draws it when the interval is over
        self._chart_key, self._chart_drawn = key, self._clock()
        if table.empty:
            self._chart.value = message_html("No mistakes in the scorecards published yet.")
            self._bars.svg = ""
            return
        from krakit import vegalite
        from krakit.room import chart

        self._chart.value = message_html("Click a bar (or a code below) to see its lines.")
        self._bars.svg = vegalite.svg(chart.mistakes(table))

    def _on_bar(self) -> None:
        codes = [code for _label, code in self._code.options]
        if self._bars.picked in codes:
            self._code.value = self._bars.picked
            self._bars.picked = ""  # the same bar clicked again picks it again

    def _render_lines(self) -> None:
        if self._state is None or not self._code.value:
            self._lines.value = message_html("Pick a mistake to see the lines that made it.")
            return
        lines = tally.offending(self._state, self._code.value, names=not self._projecting.value)
        if self._projecting.value:
            lines = lines.drop(columns="name")
        self._lines.value = _table(lines, "No line makes this mistake any more.")

    def _render_quiz(self) -> None:
        if self._state is None:
            return
        table = tally.quiz_tally(self._state, self._items)
        if not self._reveal.value:  # how many answered only: no key, no right or wrong
            self._quiz.value = _table(
                table[["number", "statement", "answered"]], "No quiz questions."
            )
            return
        from krakit import vegalite
        from krakit.room import chart

        scores = tally.quiz_scores(self._state, self._items)
        missed = tally.most_missed(self._state, self._items)
        svg = vegalite.svg(chart.quiz_scores(scores)) if scores.people.sum() else ""
        self._quiz.value = (
            _table(table, "No quiz questions.")
            + "<h4>Most missed</h4>"
            + _table(missed[["number", "statement", "answer", "wrong"]], "None missed yet.")
            + (f'<div class="krakit-svg">{svg}</div>' if svg else "")
        )

    def _drafts_for_kra(self) -> None:
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
            self._drafts_for_kra()
        self._render_spotlight()

    def _step(self, delta: int) -> None:
        if self._drafts:
            self._index = (self._index + delta) % len(self._drafts)
        self._render_spotlight()

    def _render_spotlight(self) -> None:
        if not self._drafts:
            self._spot.value = message_html("No KPI drafted yet.")
            return
        draft = self._drafts[self._index]
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

    @property
    def spotlight(self) -> Draft | None:
        """The draft on screen (read-only)."""
        return self._drafts[self._index] if self._drafts else None

    # ------------------------------------------------------------------ actions

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
        self._ask.value = message_html(_CONFIRM[action], "warning") if action else ""
        self._confirm.layout.display = "" if action else "none"

    def _confirmed(self) -> None:
        action, text = self._pending, ""
        self._ask_first("")
        if action == "reset":
            moved = self.room.reset()
            text = "The room is empty again" + (f"; the old files are in {moved}" if moved else "")
        elif action == "close":
            self.room.close()
            text = "The room is closed: no one can join or publish."
        self._message.value = message_html(text, "ok") if text else ""
        self.refresh(force=True)

    # ------------------------------------------------------------------ refreshing by itself

    def _tick(self) -> None:
        if self._had_comm and self.comm is None:  # closed without close() (the page is gone)
            self.stop()
            return
        self._guarded(self.refresh)()
        self._guarded(self._draw_chart)()  # a chart left pending by its interval

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
    return Facilitator(room, items=items, every=every)
