"""Step 1, role and KRAs: pick a role or start blank, list responsibilities, set weights.

Each responsibility line is classified as it is typed (:func:`krakit.edit.triage`); a line
that is really a KPI is flagged with the KRA it probably belongs to and can be moved under it
with one click. Each KRA gets a kind, a weight (with a running total that must reach 100) and
the business goals it serves.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import ipywidgets as w

from krakit import edit
from krakit.errors import KrakitError, ParseError
from krakit.goals import GoalTree, find_tree, load_tree
from krakit.goals.choices import goal_choices, served_goals
from krakit.model import Kind, Scorecard
from krakit.scoring.weights import weight_total
from krakit.store import Workspace
from krakit.text.box import read_weight
from krakit.widgets._base import Step, esc, message_html, style

__all__ = ["RoleStep"]

_NONE = "(none)"


class _KRARow(w.VBox):
    """Kind, weight and goals of one KRA; under them, why a typed weight was not taken."""

    def __init__(self, step: RoleStep, kra_id: str) -> None:
        self.kra_id = kra_id
        self._title = w.HTML(layout=w.Layout(width="240px")).add_class("krakit-kra-title")
        self._kind = w.Dropdown(
            options=[(k.value.title(), k.value) for k in Kind],
            description="Kind",
            layout=w.Layout(width="220px"),
        ).add_class("krakit-kra-kind")
        self._weight = w.Text(
            description="Weight %", placeholder="not set", layout=w.Layout(width="170px")
        ).add_class("krakit-kra-weight")
        self._goals = w.SelectMultiple(
            description="Goals", rows=2, layout=w.Layout(width="320px")
        ).add_class("krakit-kra-goals")
        self._note = w.HTML().add_class("krakit-kra-weight-note")
        super().__init__([w.HBox([self._title, self._kind, self._weight, self._goals]), self._note])
        self.add_class("krakit-kra-row")
        self._step = step
        self._syncing = False
        self._refused: str | None = None  # a weight not taken: kept in the box as typed
        step._listen(self._kind, lambda ch: self._on_change("kind", ch["new"]))
        step._listen(self._weight, lambda ch: self._on_weight(ch["new"]))
        step._listen(self._goals, lambda ch: self._on_change("goals", list(ch["new"])))

    def show(self, sc: Scorecard) -> None:
        kra = sc.kra(self.kra_id)
        self._syncing = True
        try:
            self._title.value = f"<b>{esc(kra.title)}</b>"
            self._kind.value = str(kra.kind)
            typed = self._weight.value
            if typed != self._refused and not _shows(typed, kra.weight, sc):  # "30." stays
                self._weight.value = "" if kra.weight is None else f"{kra.weight:g}"
            self._goals.options = self._step._goal_options(sc)
            self._goals.value = tuple(kra.goals)
        finally:
            self._syncing = False

    def _on_change(self, field: str, value: Any) -> None:
        if not self._syncing:
            self._step._edit(edit.update_kra, self.kra_id, **{field: value})

    def _on_weight(self, text: str) -> None:
        if self._syncing or self._step.scorecard is None:
            return
        sc = self._step.scorecard
        try:
            weight = read_weight(text, sc.weights)
        except ParseError as exc:  # "0.3", "lots": the box keeps it and says why, here
            self._refused = text
            where = ParseError(exc.reason, field=f"kras[{self.kra_id}].weight", value=text)
            self._note.value = message_html(f"Weight not taken: {exc.reason}.", "error")
            raise where from exc
        self._refused = None
        self._note.value = ""
        self._on_change("weight", weight)


def _tree_of(
    workspace: Workspace | None, goals: Path | None = None
) -> tuple[GoalTree | None, str | None]:
    """The goal tree in ``goals`` (a room's folder), else the workspace's, or None; and why a
    tree there could not be read."""
    folders = [f for f in (goals, workspace.folder if workspace else None) if f is not None]
    path = next((p for p in map(find_tree, folders) if p is not None), None)
    if path is None:
        return None, None
    try:
        return load_tree(path), None
    except KrakitError as exc:
        return None, str(exc)


def _served_html(sc: Scorecard, tree: GoalTree) -> str:
    """Which goals of the tree this scorecard serves, with owner, team and KRAs."""
    served = served_goals(sc, tree)
    if not served:
        return "<i>This scorecard serves no goal yet: pick goals for its KRAs above.</i>"
    items = []
    for goal in served:
        whose = f" — {esc(goal.owner)}, {esc(goal.unit)}" if goal.owner else ""
        flag = "" if goal.known else ' <span class="krakit-flag">unknown goal id</span>'
        kras = ", ".join(esc(k) for k in goal.kras)
        items.append(f"<li><b>{esc(goal.title)}</b>{whose}{flag} <small>({kras})</small></li>")
    return "This scorecard serves:<ul>" + "".join(items) + "</ul>"


def _shows(text: str, number: float | None, sc: Scorecard) -> bool:
    """Whether a box's text already reads as this number ("30 %" reads as 30; blank: none)."""
    try:
        return read_weight(text, sc.weights) == number
    except ParseError:
        return False


def _whole() -> w.Layout:
    """A button's layout that never cuts its label (it keeps its width in a wrapping row)."""
    return w.Layout(flex="0 0 auto", width="auto", min_width="150px")


class _LineRow(w.HBox):
    """A responsibility line that reads as a KPI: move it under a KRA, or keep it as a KRA."""

    def __init__(self, step: RoleStep, line: edit.Line, kra_options: list[tuple[str, str]]):
        reason = line.reasons[0] if line.reasons else ""
        self.text = line.text
        self.options = kra_options
        self._info = w.HTML(
            f'<span class="krakit-flag">Looks like a KPI:</span> <i>{esc(line.text)}</i>'
            f'<br><small title="{esc(" ".join(line.reasons))}">{esc(reason)}</small>'
        )
        self._kra = w.Dropdown(
            options=kra_options,
            value=line.kra if line.kra in {v for _, v in kra_options} else None,
            description="Under",
            layout=w.Layout(width="260px"),
        ).add_class("krakit-move-kra")
        self._move = w.Button(
            description="Move as KPI", icon="arrow-right", tooltip="Make this line a KPI"
        ).add_class("krakit-move")
        self._keep = w.Button(
            description="Keep as KRA", tooltip="It is a responsibility"
        ).add_class("krakit-keep")
        super().__init__([self._info, self._kra, self._move, self._keep])
        self.add_class("krakit-kpi-line")
        self._parts = [self._info, self._kra, self._move, self._keep]
        step._click(self._move, lambda _b: step._move_line(self.text, self._kra.value))
        step._click(self._keep, lambda _b: step._keep_line(self.text))

    def dispose(self) -> None:
        """Close this row's widgets in the front end (the line was moved, kept or deleted)."""
        for part in self._parts:
            part.close()
        self.close()


class RoleStep(Step):
    """Step 1: the role, its KRAs (kind, weight, goals) and the business goals.

    Parameters
    ----------
    scorecard
        A scorecard to continue; a blank one is started when omitted.
    workspace
        Where saved scorecards can be reopened from.
    goals
        A folder whose goal tree (``goals.yaml``) the KRAs pick from before the workspace's:
        a workshop room's, when the facilitator gave the room one.
    """

    def __init__(
        self,
        scorecard: Scorecard | None = None,
        *,
        workspace: Workspace | None = None,
        goals: Path | None = None,
    ) -> None:
        self._workspace = workspace
        self._kept: set[str] = set()
        self._rows: dict[str, _KRARow] = {}
        self._line_rows: dict[str, _LineRow] = {}
        self._syncing = False
        self._typing = False  # the KRA box is being applied: never rewrite it under the user
        self._typed: list[str] | None = None  # the KRA titles the box last gave
        # Start: a template, a saved scorecard, or blank.
        self._search = w.Text(
            placeholder="Search roles, e.g. recruit", description="Find a role"
        ).add_class("krakit-role-search")
        self._templates = w.Dropdown(description="Template", layout=w.Layout(width="420px"))
        self._templates.add_class("krakit-role-template")
        self._use = w.Button(
            description="Start from this role", button_style="primary", layout=_whole()
        )
        self._use.add_class("krakit-use-template")
        self._blank = w.Button(description="Start blank", layout=_whole())
        self._blank.add_class("krakit-start-blank")
        self._saved = w.Dropdown(description="Saved", layout=w.Layout(width="420px"))
        self._saved.add_class("krakit-saved")
        self._open = w.Button(description="Resume", icon="folder-open").add_class("krakit-resume")
        # The role and its responsibilities.
        self._title = w.Text(description="Role", placeholder="Name the role, e.g. Ward sister")
        self._title.add_class("krakit-role-title")
        self._lines = w.Textarea(
            placeholder="One responsibility per line, e.g.\nRevenue generation\nCustomer "
            "relationships\nMarket intelligence",
            description="KRAs",
            rows=7,
            continuous_update=True,  # every keystroke reaches the scorecard: Next loses none
            layout=w.Layout(width="620px"),
        ).add_class("krakit-kra-lines")
        self._flags = w.VBox().add_class("krakit-flags")
        self._kra_rows = w.VBox().add_class("krakit-kra-rows")
        self._total = w.HTML().add_class("krakit-weight-total")
        self._goal = w.Text(
            description="New goal", placeholder="e.g. Grow revenue 20% this year"
        ).add_class("krakit-goal-title")
        self._add_goal = w.Button(description="Add goal", icon="plus").add_class("krakit-add-goal")
        self._goal_list = w.HTML().add_class("krakit-goal-list")
        # With a goal tree (goals.yaml) in the workspace, KRAs pick the organisation's goals,
        # searched by title or owner, instead of goals typed here (krakit.goals.choices).
        self._tree, tree_problem = _tree_of(workspace, goals)
        self._goal_search = w.Text(
            description="Find goal",
            placeholder="Search the organisation's goals: title, owner or team",
            layout=w.Layout(width="520px", display=None if self._tree else "none"),
        ).add_class("krakit-goal-search")
        super().__init__(scorecard)
        self.add_class("krakit-step-roles")
        self.children = [
            style(),
            w.HTML(
                "<h3>1 · Role and KRAs</h3><p>A KRA is an area this role is responsible "
                "for: direction, not numbers. Numbers come in step 2.</p>"
            ),
            # In a narrow notebook the buttons go to the next line whole ("Start fr…" was cut)
            w.HBox(
                [self._search, self._templates, self._use, self._blank],
                layout=w.Layout(flex_flow="row wrap"),
            ),
            w.HBox([self._saved, self._open]),
            self._title,
            self._lines,
            self._flags,
            w.HTML("<h4>Weights, kinds and goals</h4>"),
            self._goal_search,
            self._kra_rows,
            self._total,
            w.HBox(
                [self._goal, self._add_goal],
                layout=w.Layout(display="none" if self._tree else None),
            ),
            self._goal_list,
            self._message,
        ]
        self._listen(self._search, self._on_search)
        self._click(self._use, self._on_use)
        self._click(self._blank, self._on_blank)
        self._click(self._open, self._on_open)
        self._listen(self._title, self._on_title)
        self._listen(self._lines, self._on_lines)
        self._click(self._add_goal, self._on_add_goal)
        self._listen(self._goal_search, self._on_goal_search)
        self._on_search({"new": ""})
        self._list_saved()
        self._start(self.scorecard if scorecard is not None else edit.new_scorecard(""))
        if tree_problem:
            self._say(f"The goal tree was not read, so goals are typed here: {tree_problem}")

    # -- starting points -------------------------------------------------------------------
    def _on_search(self, change: dict[str, Any]) -> None:
        from krakit.library import search_templates, templates

        searching = bool(change["new"].strip())
        found = search_templates(change["new"]) if searching else templates()
        options = [(f"{t.title} ({t.function})", t.name) for t in found]
        if not (searching and found):  # nothing is chosen for a manager who starts blank
            options.insert(0, ("(pick a role)" if found else "(no role matches)", None))
        self._templates.options = options
        self._templates.index = 0  # the first match, or the "(pick a role)" line

    def _on_use(self, _button: object = None) -> None:
        from krakit.library import template

        if self._templates.value is None:
            none = "No role matches that search" if self._search.value.strip() else "No role picked"
            self._say(f"{none}: pick one (search e.g. 'recruit'), or start blank.", "warning")
            return
        self._kept.clear()
        self._typed = None
        self._start(template(self._templates.value))
        self._say(f"Started from the '{self.scorecard.role.title}' template.", "ok")

    def _on_blank(self, _button: object = None) -> None:
        self._kept.clear()
        self._start(edit.new_scorecard(self._title.value.strip()))
        self._on_lines({"new": self._lines.value})  # KRAs typed before the click are kept
        if edit.untitled(self.scorecard):
            self._say(
                "Started a blank scorecard. Name the role first (the Role box), then list "
                "its responsibilities, one per line.",
                "ok",
            )
        else:
            self._say(f"Started a blank scorecard for '{self.scorecard.role.title}'.", "ok")

    def _list_saved(self) -> None:
        names = self._workspace.list() if self._workspace is not None else []
        self._saved.options = names
        self._saved.disabled = self._open.disabled = not names

    def _on_open(self, _button: object = None) -> None:
        if self._workspace is None or not self._saved.value:
            return
        opened = self._workspace.open(self._saved.value)  # an error: the guard says it
        self._kept.clear()
        self._typed = None
        self._start(opened)
        self._say(f"Resumed '{self._saved.value}'.", "ok")

    # -- editing ---------------------------------------------------------------------------
    def _on_title(self, change: dict[str, Any]) -> None:
        if not self._syncing:  # an emptied box: the role is unnamed again, not the old name
            self._edit(edit.set_role, change["new"].strip() or edit.UNTITLED)

    def _on_lines(self, change: dict[str, Any]) -> None:
        if self._syncing or self.scorecard is None:
            return
        lines = edit.triage(self.scorecard, change["new"].splitlines())
        kra_lines = [ln.text for ln in lines if ln.label == "KRA" or ln.text in self._kept]
        before = self.scorecard
        self._typing = True
        try:
            done = self._edit(edit.set_kras, kra_lines)
        finally:
            self._typing = False
        waiting = {k.id for k in self.scorecard.unassigned_kpis} - {
            k.id for k in before.unassigned_kpis
        }
        parked = [k for k in before.kras if any(kpi.id in waiting for kpi in k.kpis)]
        if done and parked:  # never a silent move: say where the KPIs went
            count = len(waiting)
            names = ", ".join(f"'{k.title}'" for k in parked)
            self._say(
                f"Removed {names}: {count} KPI{'s' if count > 1 else ''} kept in step 2 under "
                "'(not under a KRA yet)'; move them to a KRA there.",
                "warning",
            )
        if self.scorecard is not None:
            self._typed = [k.title for k in self.scorecard.kras]
        self._show_flags(lines)

    def _show_flags(self, lines: list[edit.Line]) -> None:
        options = [(k.title, k.id) for k in self.scorecard.kras] if self.scorecard else []
        rows: dict[str, _LineRow] = {}
        for line in lines:
            if line.label != "KPI" or line.text in self._kept or line.text in rows:
                continue
            old = self._line_rows.pop(line.text, None)
            if old is not None and old.options == options:
                rows[line.text] = old
            else:
                rows[line.text] = _LineRow(self, line, options)
                if old is not None:
                    old.dispose()
        for gone in self._line_rows.values():
            gone.dispose()
        self._line_rows = rows
        self._flags.children = list(rows.values())

    def _move_line(self, text: str, kra_id: str | None) -> None:
        if kra_id is None:
            self._say("Pick the KRA this KPI belongs under first.", "warning")
            return
        if self._edit(edit.add_statement, kra_id, text):
            self._drop_line(text)
            kra = self.scorecard.kra(kra_id)
            self._say(f"Moved '{text}' under {kra.title} as a KPI.", "ok")

    def _keep_line(self, text: str) -> None:
        self._kept.add(text)
        self._on_lines({"new": self._lines.value})

    def _drop_line(self, text: str) -> None:
        remaining = [ln for ln in self._lines.value.splitlines() if ln.strip() != text]
        self._syncing = True
        try:
            self._lines.value = "\n".join(remaining)
        finally:
            self._syncing = False
        row = self._line_rows.pop(text, None)
        if row is not None:
            row.dispose()
        self._flags.children = list(self._line_rows.values())

    def _goal_options(self, sc: Scorecard) -> list[tuple[str, str]]:
        """The goals a KRA can pick: the card's own, and the tree's matching the search."""
        return goal_choices(sc, self._tree, self._goal_search.value)

    def _on_goal_search(self, _change: dict[str, Any]) -> None:
        if self.scorecard is not None:
            for row in self._rows.values():
                row.show(self.scorecard)

    def _on_add_goal(self, _button: object = None) -> None:
        if self._edit(edit.add_goal, self._goal.value):
            self._goal.value = ""

    # -- drawing ---------------------------------------------------------------------------
    def _render(self) -> None:
        sc = self.scorecard
        if sc is None:
            return
        self._syncing = True
        try:
            title = "" if edit.untitled(sc) else sc.role.title  # never a made-up name
            if title != self._title.value.strip():  # a space being typed stays
                self._title.value = title
            titles = [k.title for k in sc.kras]
            if not self._typing and titles != self._typed:
                current = [ln.strip() for ln in self._lines.value.splitlines() if ln.strip()]
                pending = [c for c in current if c not in titles and c not in self._kept]
                if self._typed is None:  # a new scorecard: its KRAs replace the box
                    pending = []
                if [c for c in current if c in titles or c in self._kept] != titles or (
                    self._typed is None
                ):
                    self._lines.value = "\n".join(titles + pending)
                self._typed = titles
                if not pending:
                    self._show_flags([])
        finally:
            self._syncing = False
        ids = [k.id for k in sc.kras]
        if list(self._rows) != ids:
            self._rows = {i: self._rows.get(i) or _KRARow(self, i) for i in ids}
            self._kra_rows.children = list(self._rows.values())
        for row in self._rows.values():
            row.show(sc)
        total = weight_total([k.weight for k in sc.kras], "KRAs")
        css = "" if total.none_set else f' class="krakit-total-{"ok" if total.ok else "off"}"'
        self._total.value = f"<span{css}>{esc(total.text)}</span>" if total.text else ""
        self._goal_list.value = (
            _served_html(sc, self._tree)
            if self._tree is not None
            else "<ul>" + "".join(f"<li>{esc(g.title)}</li>" for g in sc.goals) + "</ul>"
            if sc.goals
            else "<i>No business goals yet: add the goals these KRAs serve.</i>"
        )
        self._list_saved()
