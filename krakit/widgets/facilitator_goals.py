"""The facilitator's Goals tab: how the room's scorecards cover the room's goal tree.

When the room has a goal tree (``goals.yaml`` in its folder: :meth:`krakit.room.Room.set_goals`
or ``krakit room goals ROOM FILE``), the tab shows the tree as an indented list with a
coverage bar per goal, a goals × participants heat map (the share of each person's scorecard
serving each goal; ``#1``, ``#2``… when projecting), a table of the goals and the gaps (goals
nobody serves, KRAs serving no goal). Everything comes from
:func:`krakit.room.goals.room_alignment` (:func:`krakit.goals.alignment`); the charts are
:mod:`krakit.goals.charts`. It is worked out only while the tab is on screen.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import ipywidgets as w

from krakit.errors import KrakitError
from krakit.room import Room
from krakit.widgets._base import esc, message_html
from krakit.widgets.facilitator_base import Guarded, Redraw, Tab, table

if TYPE_CHECKING:
    from krakit.goals import Alignment
    from krakit.room import RoomState

__all__ = ["NO_TREE", "GoalsTab"]

NO_TREE = (
    "This room has no goal tree. Give it one to see how the room's scorecards cover the "
    "organisation's goals: krakit room goals {room} goals.yaml (or Room(...).set_goals(path)); "
    "participants' step 1 then offers its goals."
)
_INDENT = "\u00a0\u00a0\u00a0"


class GoalsTab(Tab):
    """Coverage of the room's goal tree; ``alignment`` is the one last drawn (or None)."""

    title = "Goals"

    def __init__(self, room: Room, guarded: Guarded) -> None:
        self.room = room
        self._note = w.HTML().add_class("krakit-room-goals-note")
        self._tree = w.HTML().add_class("krakit-room-goals-tree")
        self._heat = w.HTML().add_class("krakit-room-goals-heat")
        self._goals = w.HTML().add_class("krakit-room-goals-table")
        self._gaps = w.HTML().add_class("krakit-room-goals-gaps")
        children = [self._note, self._tree, self._heat, self._goals, self._gaps]
        super().__init__(children, guarded)
        self.redraw = Redraw()
        self.alignment: Alignment | None = None
        self._state: RoomState | None = None
        self._names = True

    def show(self, state: RoomState, *, names: bool) -> None:
        """Note the room; it is drawn when the tab is on screen (see :meth:`tick`).

        Names hidden or shown again are drawn at once, never left pending.
        """
        hidden = names != self._names
        self._state, self._names = state, names
        self.tick(force=hidden)

    def tick(self, *, force: bool = False) -> None:
        """Align and draw when on screen and the tree or a scorecard changed."""
        if self._state is None or not self.visible:
            return
        path = self.room.goals_file
        try:
            stat = path.stat() if path is not None else None
        except OSError:
            stat = None
        cards = tuple(
            (p.key, p.entries["scorecard"].version)
            for p in self._state.people()
            if "scorecard" in p.entries
        )
        tree_key = None if stat is None else (stat.st_ino, stat.st_size, stat.st_mtime_ns)
        key = (tree_key, cards, self._names)
        if self.redraw.due(key, visible=self.visible, force=force):
            self._draw()

    def _clear(self, note: str, kind: str = "info") -> None:
        self.alignment = None
        self._note.value = message_html(note, kind)
        for part in (self._tree, self._heat, self._goals, self._gaps):
            part.value = ""

    def _draw(self) -> None:
        assert self._state is not None
        from krakit.room.goals import room_alignment

        try:
            tree = self.room.goals()
        except KrakitError as exc:
            self._clear(f"The room's goal tree cannot be read: {exc}", "warning")
            return
        if tree is None:
            self._clear(NO_TREE.format(room=self.room.name))
            return
        result = room_alignment(self._state, tree, names=self._names)
        self.alignment = result
        self._note.value = message_html(
            f"{tree.organisation}: {len(result.goals)} goal{'s' if len(result.goals) != 1 else ''}"
            f", {result.cards} scorecard{'s' if result.cards != 1 else ''} published"
            + ("" if result.cards else ": the coverage appears as people draft.")
        )
        tree_html, heat_html = self._charts(result)
        goals = result.goals.assign(
            title=[
                _INDENT * int(d) + str(t)
                for d, t in zip(result.goals.depth, result.goals.title, strict=True)
            ],
            coverage=result.goals.coverage.round(1),
        )
        self._goals.value = table(
            goals[["title", "owner", "unit_name", "coverage", "kras", "cards"]], "No goals."
        )
        gaps = result.gaps()
        self._gaps.value = (
            f"<h4>Gaps ({len(gaps)})</h4><ul>"
            + "".join(f"<li>{esc(gap)}</li>" for gap in gaps)
            + "</ul>"
            if gaps
            else message_html(
                "No gaps: every goal is served and measured, every KRA serves a goal.", "ok"
            )
        )
        # the charts last: whoever sees a new person on the heat map sees their gaps already
        self._tree.value, self._heat.value = tree_html, heat_html

    @staticmethod
    def _charts(result: Alignment) -> tuple[str, str]:
        from krakit import vegalite
        from krakit.goals.charts import coverage_heatmap, coverage_tree
        from krakit.room.goals import coverage_by_person

        tree = f'<div class="krakit-svg">{vegalite.svg(coverage_tree(result))}</div>'
        people = coverage_by_person(result)
        if people.empty:
            return tree, ""
        spec = coverage_heatmap(
            result,
            people,
            across="Participant",
            title="Goals × participants (% of each one's scorecard)",
        )
        return tree, f'<div class="krakit-svg">{vegalite.svg(spec)}</div>'
