"""`krakit room`: a workshop room from the terminal — who is in, its mistakes, export, reset."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich.markup import escape

from krakit.cli.console import Output
from krakit.errors import InputError

if TYPE_CHECKING:
    from krakit.goals import GoalTree
    from krakit.room import Room

console = Output(highlight=False)
err = Output(stderr=True, highlight=False)

ACTIONS = ("open", "show", "export", "reset", "close", "reopen", "goals", "anonymous")
SETTING_UP = ("open", "anonymous")
"""The actions that create the room when there is none yet (so does goals with a tree)."""


def room_command(
    action: str = typer.Argument(
        ..., help="open | show | export | reset | close | reopen | goals | anonymous"
    ),
    name: str | None = typer.Argument(
        None, help="The room's name (under $KRAKIT_ROOMS, else ./rooms)."
    ),
    tree: Path | None = typer.Argument(
        None,
        help="goals: the goal tree (goals.yaml) to give the room; without it, the "
        "room's coverage of its tree is shown.",
    ),
    remove: bool = typer.Option(False, "--remove", help="goals: take the room's tree away."),
    path: Path | None = typer.Option(
        None, "--path", help="The room's folder instead of a name; with a name, the rooms' folder."
    ),
    output: Path | None = typer.Option(
        None, "-o", "--output", help="export: the file to write (.xlsx workbook or .zip)."
    ),
    names: bool = typer.Option(True, "--names/--no-names", help="show: names, or hide them."),
    fmt: str = typer.Option("text", "--format", help="show: text or json."),
    yes: bool = typer.Option(False, "--yes", help="reset / close: do it without asking."),
) -> None:
    """See a workshop room and act on it, as the facilitator's view does.

    open: create the room before the session (or reopen a closed one); goals ROOM goals.yaml
    and anonymous create it too. show: who is in (step, KRAs, KPIs, errors and warnings now,
    tabs), the room's mistakes by checker code, files it cannot read. export -o room.xlsx |
    cards.zip: the workbook or every tab's scorecard. reset (files move to the room's archive)
    and close ask first unless --yes. goals ROOM goals.yaml: give the room a goal tree
    (participants' step 1 offers its goals, the facilitator's Goals tab shows the coverage);
    goals ROOM: the coverage and the gaps. anonymous: everyone shown by alias from now on,
    names already written replaced (asks first unless --yes).
    """
    if action not in ACTIONS or fmt not in ("text", "json"):
        raise InputError(
            f"'{action}' is not an action; use one of {', '.join(ACTIONS)} (--format text|json)",
            field="action",
            value=action,
        )
    from krakit.room import Room
    from krakit.room.names import room_folder

    folder = room_folder(name, path) if name is not None else path  # NAME --path DIR: DIR/NAME
    if folder is None:
        raise InputError("give the room's name: krakit room show batch-7", field="name")
    creates = action in SETTING_UP or (action == "goals" and tree is not None and not remove)
    if not creates:
        _refuse_missing(folder, hint_path=path is not None)
    loaded = None
    if action == "goals" and tree is not None and not remove:  # checked before a room is made
        from krakit.goals import load_tree

        loaded = load_tree(tree)
    if action in ("reset", "close", "anonymous") and not yes:
        verb = "Make anonymous" if action == "anonymous" else action.capitalize()
        if not typer.confirm(f"{verb} the room '{folder.name}'?"):
            raise typer.Exit(1)
    room = Room(path=folder, create=creates)
    if action == "open":
        _open(room)
    elif action == "show":
        _show(room, names=names, fmt=fmt)
    elif action == "export":
        _export(room, output)
    elif action == "reopen":
        room.reopen()
        err.print(f"✓ the room '{escape(room.name)}' is open again")
    elif action == "goals":
        _goals(room, loaded, remove=remove, names=names)
    elif action == "anonymous":
        tabs = room.set_anonymous(True)
        err.print(
            f"✓ the room is anonymous; names replaced by aliases in {tabs} tab(s)' files",
            markup=False,
        )
    elif action == "reset":
        moved = room.reset()
        err.print(f"✓ the room is empty; its files are in {moved}", markup=False)
    else:
        room.close()
        err.print("✓ the room is closed: no one can join or publish", markup=False)


def _refuse_missing(folder: Path, *, hint_path: bool) -> None:
    """Say to open the room first: the action needs one and there is none."""
    from krakit.room.room import ROOM_FILE

    if folder.name.strip() and not (folder / ROOM_FILE).exists():
        where = f" --path {folder.parent}" if hint_path else ""
        raise InputError(
            f"there is no room '{folder.name}' in {folder.parent}; open it "
            f"first: krakit room open {folder.name}{where} (or check the name)",
            path=folder,
            field="name",
            value=folder.name,
        )


def _open(room: Room) -> None:
    if room.closed:
        room.reopen()
    people = len(room.snapshot().people())
    err.print(
        f"✓ the room '{room.name}' is open in {room.folder} ({_count(people, 'person')} in it)",
        markup=False,
        soft_wrap=True,
    )


def _count(n: int, noun: str) -> str:
    """``1 person``, ``2 people``, ``1 tab``, ``3 tabs``."""
    plural = "people" if noun == "person" else f"{noun}s"
    return f"{n} {noun if n == 1 else plural}"


def _goals(room: Room, tree: GoalTree | None, *, remove: bool, names: bool) -> None:
    if remove or tree is not None:
        written = room.set_goals(None if remove else tree)
        err.print(
            f"✓ the room's goal tree is {written}" if written else "✓ the room has no goal tree",
            markup=False,
            soft_wrap=True,
        )
        return
    from krakit.room.goals import room_alignment

    found = room.goals()
    if found is None:
        raise InputError(
            f"the room '{room.name}' has no goal tree; give it one: krakit room goals "
            f"{room.name} goals.yaml",
            path=room.folder,
        )
    console.print(room_alignment(room.snapshot(), found, names=names).explain(), markup=False)


def _show(room: Room, *, names: bool, fmt: str) -> None:
    from krakit.room import tally

    state = room.snapshot()
    people = tally.participants(state)
    if not names:
        people = people.assign(name=[f"#{i}" for i in range(1, len(people) + 1)])
    mistakes = tally.mistakes(state)
    problems = tally.problems(state)
    if fmt == "json":
        data = {
            "room": state.info.model_dump(mode="json"),
            "participants": json.loads(people.to_json(orient="records")),
            "mistakes": json.loads(mistakes.to_json(orient="records")),
            "unreadable": [{"file": p.name, "reason": p.reason} for p in problems],
        }
        console.print_json(json.dumps(data, ensure_ascii=False))
        return
    info = state.info
    status = "closed" if info.closed else "open"
    tabs = int(people.tabs.sum())
    counted = _count(len(people), "person")
    if tabs != len(people):
        counted += f" ({_count(tabs, 'tab')})"
    console.print(f"Room {escape(info.name)}: {counted}, {status}", soft_wrap=True)
    for row in people.itertuples():
        shown = f"{row.step:g}" if isinstance(row.step, float) else str(row.step)  # not 1.0
        step = f"step {shown} {row.step_name}".strip() if _known(row.step) else "—"
        counts = (
            f"{row.kras:.0f} KRAs, {row.kpis:.0f} KPIs, {row.errors:.0f} errors, "
            f"{row.warnings:.0f} warnings"
            if _known(row.kras)
            else "no scorecard yet"
        )
        who = str(row.name) + (f" ({row.tabs} tabs)" if row.tabs > 1 else "")
        console.print(f"  {escape(who)}: {escape(step)}; {counts}", soft_wrap=True)
    if not mistakes.empty:
        console.print("Mistakes:")
        for row in mistakes.itertuples():
            console.print(f"  {row.code}  {escape(row.label)} ({row.lines} lines)")
    for problem in problems:
        console.print(f"! cannot read {escape(problem.name)}: {escape(problem.reason)}")


def _known(value: object) -> bool:
    """Tell a count or step that was published from one that was not (None or NaN)."""
    return value is not None and value == value


def _export(room: Room, output: Path | None) -> None:
    from krakit.room.export import export_scorecards, export_workbook

    if output is None or output.suffix.lower() not in (".xlsx", ".zip"):
        raise InputError(
            "give -o ROOM.xlsx (the workbook) or -o CARDS.zip (every scorecard)",
            path=output,
            field="output",
        )
    state = room.snapshot()
    if output.suffix.lower() == ".xlsx":
        export_workbook(state, output)
    else:
        export_scorecards(state, output)
    err.print(f"✓ wrote {output}", markup=False, soft_wrap=True)


def register(app: typer.Typer) -> None:
    app.command("room")(room_command)
