"""`krakit validate`, `krakit schema` and `krakit diff`: the scorecard file itself."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from krakit.cli.console import Output
from krakit.errors import KrakitError
from krakit.model import json_schema
from krakit.store import load

# User text goes through these consoles: markup stays off so "[s]" is printed, not styled.
console = Output(highlight=False)
err = Output(stderr=True, highlight=False)


def validate(files: list[Path] = typer.Argument(..., help="Scorecard YAML/JSON files.")) -> None:
    """Check that scorecard files are readable and well-formed (exit 2 if not)."""
    bad = 0
    for path in files:
        try:
            sc = load(path)
        except KrakitError as exc:
            err.print(f"✗ {exc}", style="red", markup=False, soft_wrap=True)
            bad += 1
        else:
            n = len(sc.all_kpis())
            console.print(f"✓ {path}: {sc.role.title}, {len(sc.kras)} KRAs, {n} KPIs", markup=False)
    raise typer.Exit(2 if bad else 0)


def schema() -> None:
    """Print the JSON Schema of the scorecard file format."""
    console.print_json(json.dumps(json_schema()))


def diff(
    old: Path = typer.Argument(..., help="The scorecard before (YAML/JSON)."),
    new: Path = typer.Argument(..., help="The scorecard after."),
    no_actuals: bool = typer.Option(
        False, "--no-actuals", help="Compare the definitions only, not the actuals recorded."
    ),
) -> None:
    """Print what changed from one scorecard file to another, field by field (exit 1 if any).

    Lines read like `~ kras[recruitment].kpis[time-to-hire].target: 30 -> 28`, `+` for what
    was added and `-` for what was removed, definitions and goal links included, then the
    actuals (`+ actuals[time-to-hire 2026-05]: 31`).
    """
    from krakit.diff import diff as changes

    found = changes(old, new, actuals=not no_actuals)
    for change in found:
        console.print(str(change), markup=False, soft_wrap=True)
    if not found:
        same = "the same definitions" if no_actuals else "the same scorecard"
        err.print(f"✓ {old} and {new} hold {same}", markup=False, soft_wrap=True)
    raise typer.Exit(1 if found else 0)


def register(app: typer.Typer) -> None:
    app.command()(validate)
    app.command()(schema)
    app.command()(diff)
