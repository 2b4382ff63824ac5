"""`krakit align`: a workspace's scorecards against its goal tree — coverage, gaps, findings."""

from __future__ import annotations

import json
from pathlib import Path

import typer
from rich.markup import escape

from krakit.cli.console import Output
from krakit.errors import InputError

console = Output(highlight=False)
err = Output(stderr=True, highlight=False)

_RANK = {"suggestion": 0, "warning": 1, "error": 2, "never": 3}
_COLOURS = {"error": "red", "warning": "yellow", "suggestion": "cyan"}


def align_command(
    workspace: Path | None = typer.Argument(
        None, help="The workspace folder: scorecards and their goals.yaml."
    ),
    goals: Path | None = typer.Option(
        None, "--goals", help="The goal tree (default: goals.yaml in the workspace)."
    ),
    sample: bool = typer.Option(
        False, "--sample", help="Align the sample team to templates/sample/goals.yaml."
    ),
    fmt: str = typer.Option("text", "--format", help="text or json."),
    fail_on: str = typer.Option(
        "error",
        "--fail-on",
        help="Exit 1 at this severity or above: error|warning|suggestion|never.",
    ),
    actuals: bool = typer.Option(
        True, "--actuals/--no-actuals", help="Roll the cards' actuals up to goal scores."
    ),
    report: Path | None = typer.Option(
        None, "--report", help="Also write the alignment report (.html or .xlsx)."
    ),
) -> None:
    """Show which KRAs serve each goal of the tree, the coverage, and the gaps.

    Exit 0 when nothing at or above --fail-on was found, 1 when something was, 2 for bad input.
    """
    if fmt not in ("text", "json") or fail_on not in _RANK:
        err.print("--format takes text|json; --fail-on takes error|warning|suggestion|never")
        raise typer.Exit(2)
    from krakit.goals import alignment
    from krakit.rules.alignment_check import check_alignment

    if sample == (workspace is not None):
        raise InputError(
            "give a workspace folder (krakit align team/) or --sample, one of the two",
            field="workspace",
        )
    if sample:
        from krakit.goals.sample import sample_cards, sample_tree

        source: object = sample_cards(actuals=actuals)
        tree: object = goals or sample_tree()
    else:
        source, tree = workspace, goals
    result = alignment(source, tree, actuals=actuals)  # type: ignore[arg-type]
    found = check_alignment(result)
    if report is not None:
        from krakit.goals.report import alignment_report

        written = alignment_report(result, report)
        err.print(f"✓ wrote {written}", markup=False, soft_wrap=True)
    if fmt == "json":
        data = result.as_dict()
        data["findings"] = [f.as_dict() for f in found]
        console.print_json(json.dumps(data, ensure_ascii=False, default=str))
    else:
        console.print(escape(result.explain()), soft_wrap=True)
        if found:
            console.print()
        for f in found:
            colour = _COLOURS[str(f.severity)]
            console.print(
                f"{escape(f.file or '-')}:{escape(f.where or '-')}: [bold {colour}]{f.code}[/] "
                f"{escape(f.message)}",
                soft_wrap=True,
            )
    worst = max((_RANK[str(f.severity)] for f in found), default=-1)
    raise typer.Exit(1 if worst >= _RANK[fail_on] else 0)


def register(app: typer.Typer) -> None:
    app.command("align")(align_command)
