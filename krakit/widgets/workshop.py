"""The workshop wizard: the four steps with Back/Next, keeping one scorecard across them.

``krakit.workshop()`` opens it. All four steps share the scorecard (their ``scorecard``
traits are linked), so going back and forth never loses work; a scorecard saved in the
workspace can be resumed by name.

In a workshop room (``krakit.workshop(room="batch-7")``, or ``$KRAKIT_ROOM`` as
``make app ROOM=batch-7`` sets it) the wizard first asks the participant's name
(:class:`~krakit.widgets.join.JoinBar`, once per session), then publishes as they work
(:mod:`krakit.publishing`): where they are and how many KRAs and KPIs (``progress``) and the
scorecard being drafted, at most one write every 2 s, and at once on a step change and on
save. Only the room's folder is written; the scorecard in the workspace is saved by *Save*
alone, as without a room.
"""

from __future__ import annotations

from collections.abc import Callable
from os import PathLike
from typing import TYPE_CHECKING, Any

import ipywidgets as w
import traitlets

from krakit import edit, publishing
from krakit.model import Scorecard
from krakit.store import Workspace
from krakit.widgets._base import Step, guard
from krakit.widgets.checks import CheckStep
from krakit.widgets.kpis import KPIStep
from krakit.widgets.roles import RoleStep
from krakit.widgets.scorecard import ScorecardStep
from krakit.widgets.speed import warm_up

if TYPE_CHECKING:
    from os import PathLike as _PathLike

    from krakit.room import Room

__all__ = ["Workshop", "workshop"]

STEPS = ("1 · Role & KRAs", "2 · KPIs", "3 · Check", "4 · Save & chart")


class Workshop(w.VBox):
    """The guided flow as one widget: a stepper, the current step, Back and Next.

    ``value`` (read-only) is the scorecard being built; ``step`` the index shown (0–3).
    With a ``room``, the steps show once the participant has joined, and their work is
    published to the room as they go.
    """

    step = traitlets.Int(0)

    def __init__(
        self,
        scorecard: Scorecard | None = None,
        *,
        workspace: Workspace,
        room: Room | None = None,
    ) -> None:
        self.workspace = workspace
        self.room = room
        self.roles = RoleStep(
            scorecard, workspace=workspace, goals=room.folder if room is not None else None
        )  # the room's goal tree, when the facilitator gave it one
        self.kpis = KPIStep()
        self.checks = CheckStep()
        self.scorecard_step = ScorecardStep(workspace=workspace)
        self.steps: tuple[Step, ...] = (self.roles, self.kpis, self.checks, self.scorecard_step)
        for later in self.steps[1:]:
            later.active = False
            later.scorecard = self.roles.scorecard
            later.baseline = self.roles.baseline
            traitlets.link((self.roles, "scorecard"), (later, "scorecard"))
            traitlets.link((self.roles, "baseline"), (later, "baseline"))
        self._stepper = w.ToggleButtons(options=list(STEPS), value=STEPS[0])
        self._stepper.add_class("krakit-stepper")
        self._pages = w.Stack(list(self.steps), selected_index=0).add_class("krakit-pages")
        self._back = w.Button(description="Back", icon="arrow-left").add_class("krakit-back")
        self._next = w.Button(description="Next", icon="arrow-right", button_style="primary")
        self._next.add_class("krakit-next")
        self._unsaved = w.HTML().add_class("krakit-unsaved-note")
        body = [
            self._stepper,
            self._pages,
            w.HBox([self._back, self._next, self._unsaved]).add_class("krakit-nav"),
        ]
        self._join = None
        if room is not None:
            from krakit.widgets.join import JoinBar

            self._join = JoinBar(room)
            self._body = w.VBox(body).add_class("krakit-room-body")
            body = [self._join, self._body]
        super().__init__([w.HTML('<h2 class="krakit-title">krakit workshop</h2>'), *body])
        self.add_class("krakit-workshop")
        self._stepper.observe(
            self._guard(lambda ch: setattr(self, "step", STEPS.index(ch["new"]))), "value"
        )
        self.observe(self._guard(self._on_step), names="step")
        self._back.on_click(self._guard(lambda _b: self.back()))
        self._next.on_click(self._guard(lambda _b: self.next()))
        self.checks.observe(self._guard(self._on_jump), names="jump")
        self.scorecard_step.observe(self._guard(self._on_unsaved), names="unsaved")
        self._on_step({"new": 0})
        if self._join is not None:
            self._body.layout.display = "none" if self._join.value is None else None
            self._join.observe(self._room_guard(self._on_joined), names="participant")
            self.roles.observe(self._room_guard(lambda _c: self.publish()), names="scorecard")
            self.observe(self._room_guard(lambda _c: self.publish(now=True)), names="step")
            self.scorecard_step.observe(
                self._room_guard(lambda _c: self.publish(now=True)), names="saved_path"
            )
            if self._join.value is not None:
                self._room_guard(lambda: self.publish(now=True))()

    @property
    def value(self) -> Scorecard | None:
        """The scorecard being built (read-only)."""
        return self.roles.scorecard

    def _guard(self, handler: Callable[..., Any]) -> Callable[..., Any]:
        """``handler`` wrapped by :func:`guard`, reporting in the step on screen."""
        return guard(
            handler,
            lambda html: self.steps[self.step]._report(html),
            scorecard=lambda: self.value,
            start=lambda: self.steps[self.step]._forget_problem(),
            keep="Your work so far is kept: save it in step 4.",
        )

    def _room_guard(self, handler: Callable[..., Any]) -> Callable[..., Any]:
        """``handler`` wrapped by :func:`guard`, reporting under the room's name bar."""
        assert self._join is not None
        return guard(handler, self._join._report, keep="Your work so far is kept.")

    def _on_joined(self, change: dict[str, Any]) -> None:
        self._body.layout.display = None if change["new"] is not None else "none"
        self.publish(now=True)

    def publish(self, *, now: bool = False) -> bool:
        """Publish progress and the scorecard to the room (debounced unless ``now``).

        Returns False when there is no room or the participant has not joined yet.
        """
        participant = None if self.room is None else publishing.joined(self.room)
        if participant is None:
            return False
        publisher = publishing.publisher_for(participant)
        name = STEPS[self.step].split(" · ", 1)[-1]
        publisher.update("progress", publishing.progress_payload(self.value, self.step + 1, name))
        if self.value is not None:
            publisher.update("scorecard", self.value)
        if now or publisher.error is not None:
            publisher.flush()
        return True

    def next(self) -> None:
        """Go to the next step (the last step stays)."""
        self.step = min(self.step + 1, len(self.steps) - 1)

    def back(self) -> None:
        """Go to the previous step."""
        self.step = max(self.step - 1, 0)

    def _on_step(self, change: dict[str, Any]) -> None:
        index = change["new"]
        # Show the step first, then let it redraw: the page turns at once, its content follows.
        self._pages.selected_index = index
        self._stepper.value = STEPS[index]
        self._back.disabled = index == 0
        self._next.disabled = index == len(self.steps) - 1
        for i, page in enumerate(self.steps):
            page.active = i == index

    def _on_unsaved(self, change: dict[str, Any]) -> None:
        self._unsaved.value = (
            '<span class="krakit-flag">● Changes not saved yet: Save is in step 4.</span>'
            if change["new"]
            else ""
        )

    def _on_jump(self, change: dict[str, Any]) -> None:
        where = change["new"]
        if not where:
            return
        kra_id, kpi_id, field = edit.locate(where)
        if kpi_id is None:
            self.step = 0  # the KRAs, their weights and goals are set in step 1
            return
        self.step = 1
        self.kpis.select(kra_id, kpi_id, field=field)


def workshop(
    workspace: str | PathLike[str] = "workspace",
    name: str | None = None,
    *,
    template: str | None = None,
    room: Room | str | _PathLike[str] | None = None,
) -> Workshop:
    """Open the guided workshop: role and KRAs, KPIs, check, save and chart.

    Parameters
    ----------
    workspace
        The folder scorecards are saved in (created on first save).
    name
        Resume the scorecard saved under this name, if there is one.
    template
        Otherwise start from this role template (see :func:`krakit.templates`).
    room
        Join this workshop room (a name such as ``"batch-7"``, a folder, or a
        :class:`krakit.room.Room`): the name is asked once, then progress and the draft
        are published there as the participant works. None joins ``$KRAKIT_ROOM`` when it
        is set, else no room (the wizard works alone, as always).

    Examples
    --------
    >>> import krakit, tempfile
    >>> wizard = krakit.workshop(tempfile.mkdtemp())
    >>> wizard.next(); wizard.step
    1
    """
    ws = Workspace(workspace)
    scorecard = None
    asked, name = name, (ws.find(name) or name) if name else name
    if name and ws.exists(name):
        scorecard = ws.open(name)
    elif template:
        from krakit.library import template as load_template

        scorecard = load_template(template)
    wizard = Workshop(scorecard, workspace=ws, room=publishing.resolve_room(room))
    # Steps 3 and 4 need pandas, Altair and vl-convert: load them in the background once the
    # manager starts working in step 1 (not while a room's pages are still being served).
    wizard.roles.observe(wizard._guard(lambda _change: warm_up(delay=0)), names="scorecard")
    wizard.observe(wizard._guard(lambda _change: warm_up(delay=0)), names="step")
    if name:
        wizard.scorecard_step._name.value = name
    if asked and scorecard is None and not template:  # never a silent blank for a typo
        saved = ", ".join(f"'{n}'" for n in ws.list()) or "none yet"
        wizard.roles._say(
            f"No scorecard is saved as '{asked}' in {ws.folder} (saved: {saved}). Pick one under "
            f"Saved and click Resume, or start one here: it will be saved as '{asked}'.",
            "warning",
        )
    return wizard
