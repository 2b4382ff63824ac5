"""`krakit validate` and `krakit schema`: the scorecard file itself."""

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


def register(app: typer.Typer) -> None:
    app.command()(validate)
    app.command()(schema)
