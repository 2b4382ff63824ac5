"""`krakit templates`, `krakit template` and `krakit suggest`: the role library."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path

import typer
from rich.table import Table

from krakit.cli.console import Output
from krakit.library import search_templates, suggest_kpis, template, templates
from krakit.store import dump, save

# User text goes through these consoles: markup stays off so "[s]" is printed, not styled.
# Markup is off: titles and KRA names are user text ("[s]" must print as is).
console = Output(highlight=False, markup=False)
err = Output(stderr=True, highlight=False, markup=False)


def list_templates(
    word: str = typer.Argument("", help="Only templates that mention this word ('recruit')."),
    function: str = typer.Option("", "--function", "-f", help="Only this function ('hr')."),
    fmt: str = typer.Option("text", "--format", help="text or json."),
) -> None:
    """List the role templates, or search them by word."""
    found = search_templates(word) if word.strip() else templates()
    if function:
        found = [t for t in found if t.function.lower() == function.strip().lower()]
    if fmt == "json":
        rows = [{**asdict(t), "path": str(t.path), "kras": list(t.kras)} for t in found]
        console.print_json(json.dumps(rows, ensure_ascii=False))
        return
    table = Table("name", "title", "function", "region", "KRAs", show_edge=False)
    for t in found:
        table.add_row(t.name, t.title, t.function, t.region, ", ".join(t.kras))
    console.print(table)
    console.print(f"{len(found)} template(s)", markup=False)


def show_template(
    name: str = typer.Argument(..., help="Template name, as `krakit templates` lists it."),
    out: Path | None = typer.Option(None, "--out", "-o", help="Save a copy to this file."),
) -> None:
    """Print a role template as YAML, or save a copy to start from."""
    card = template(name)  # an unknown name is a KrakitError: exit 2 (see krakit.cli)
    if out is None:
        console.print(dump(card), markup=False, end="")
    else:
        save(card, out)
        console.print(f"✓ saved {out}", markup=False)


def suggest(
    kra: str = typer.Argument(..., help="A KRA title, e.g. 'Recruitment'."),
    n: int = typer.Option(5, "-n", help="How many metrics."),
) -> None:
    """Suggest KPI metrics for a KRA from the metric vocabulary."""
    found = suggest_kpis(kra, n=n)
    if not found:
        err.print(f"No KRA area fits {kra!r}; try a broader title.", markup=False)
        raise typer.Exit(1)
    for m in found:
        console.print(
            f"{m.name} ({m.unit}, {m.polarity.value.replace('_', ' ')}, {m.indicator.value})",
            markup=False,
        )


def register(app: typer.Typer) -> None:
    app.command("templates")(list_templates)
    app.command("template")(show_template)
    app.command("suggest")(suggest)
