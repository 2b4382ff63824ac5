"""`krakit parse` and `krakit classify`: read KPI sentences from the command line.

One statement as an argument, or many: one a line from ``--file`` or standard input (``-`` or
no argument with piped input). Human output by default, ``--format json`` for machines (an
object for one statement given as an argument, a list otherwise).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import sys
from enum import Enum, StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer
from rich.markup import escape
from rich.table import Table

from krakit.cli.console import Output
from krakit.errors import InputError

if TYPE_CHECKING:  # the reader itself is imported when a command runs, not for --help
    from krakit.text.draft import Classification, KPIDraft

console = Output(highlight=False)
err = Output(stderr=True, highlight=False)


class OutputFormat(StrEnum):
    HUMAN = "human"
    JSON = "json"


def _plain(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def draft_json(draft: KPIDraft) -> dict[str, Any]:
    """A parsed draft as plain JSON-ready data."""
    return _plain(draft)


def classification_json(text: str, result: Classification) -> dict[str, Any]:
    """A classification as plain JSON-ready data, with the text it is about."""
    return {"text": text, **_plain(result)}


def _statements(text: str | None, file: Path | None) -> tuple[list[str], bool]:
    """The statements to read, and whether a single one was given as an argument."""
    if file is not None:
        from krakit.encoding import read_text

        raw = read_text(file).text  # UTF-8, UTF-16, else Windows-1252 with a warning
        return [line for line in raw.splitlines() if line.strip()], False
    if text is None or text == "-":
        if text is None and sys.stdin.isatty():
            raise InputError("give a statement, or pipe statements in, or use --file")
        return [line for line in sys.stdin.read().splitlines() if line.strip()], False
    return [text], True


def _show_draft(draft: KPIDraft) -> None:
    # user text is escaped: rich would read "[s]" in a statement as a style. The statement is
    # its own line, not the table's title, which rich would wrap to the table's width.
    console.print(f"[italic]{escape(draft.text)}[/]")
    table = Table(show_header=False, box=None)
    table.add_column("field", style="bold")
    table.add_column("value")
    rows: list[tuple[str, object]] = [
        ("metric", draft.metric),
        ("direction", draft.direction),
        ("target", draft.target),
        ("range", f"{draft.target_low} – {draft.target_high}" if draft.target_low else None),
        ("baseline", draft.baseline),
        ("period", draft.period),
        ("deadline", draft.deadline),
        ("within", draft.within),
        ("other targets", ", ".join(map(str, draft.other_targets)) or None),
    ]
    for name, value in rows:
        table.add_row(name, "—" if value is None else escape(str(value)))
    console.print(table)


def _show_classification(text: str, result: Classification) -> None:
    colour = "green" if str(result.label) == "KPI" else "yellow"
    label = f"[bold {colour}]{result.label}[/] ({result.confidence:.0%})"
    console.print(f"{label}  {escape(text)}")
    for reason in result.reasons:
        console.print(f"  • {escape(reason)}")
    if result.suggestions:
        console.print("  Candidate KPIs: " + escape("; ".join(result.suggestions)))


_TEXT = typer.Argument(None, help="The statement; '-' or nothing to read lines from stdin.")
_FILE = typer.Option(None, "--file", "-f", help="Read one statement a line from this file.")
_FORMAT = typer.Option(OutputFormat.HUMAN, "--format", help="human or json.")


def parse(
    text: str | None = _TEXT,
    file: Path | None = _FILE,
    format: OutputFormat = _FORMAT,
) -> None:
    """Read KPI statements into their fields: metric, target, direction, period, deadline."""
    from krakit.text.parse import parse_kpi

    statements, single = _statements(text, file)
    drafts = [parse_kpi(s) for s in statements]
    if format is OutputFormat.JSON:
        data = [draft_json(d) for d in drafts]
        print(json.dumps(data[0] if single else data, ensure_ascii=False, indent=2))
        return
    for draft in drafts:
        _show_draft(draft)


def classify_command(
    text: str | None = _TEXT,
    file: Path | None = _FILE,
    format: OutputFormat = _FORMAT,
) -> None:
    """Say whether each statement is a KRA or a KPI, and why."""
    from krakit.text.classify import classify

    statements, single = _statements(text, file)
    results = [(s, classify(s)) for s in statements]
    if format is OutputFormat.JSON:
        data = [classification_json(s, r) for s, r in results]
        print(json.dumps(data[0] if single else data, ensure_ascii=False, indent=2))
        return
    for s, r in results:
        _show_classification(s, r)


def register(app: typer.Typer) -> None:
    app.command()(parse)
    app.command(name="classify")(classify_command)
