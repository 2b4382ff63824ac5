"""`krakit check` and `krakit rules`: the mistake checker on files, and its catalogue."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path

import typer
from rich.markup import escape
from rich.table import Table

from krakit.cli.console import Output
from krakit.errors import ConfigError, KrakitError

console = Output(highlight=False)
err = Output(stderr=True, highlight=False)

_COLOURS = {"error": "red", "warning": "yellow", "suggestion": "cyan"}
_RANK = {"suggestion": 0, "warning": 1, "error": 2, "never": 3}
_BAR_FROM = 2000  # KPIs; smaller files finish before a bar is worth drawing


_OPEN_BARS: list = []  # type: ignore[type-arg]


def _bar(total: int) -> Callable[[], None] | None:
    if total < _BAR_FROM:
        return None
    from tqdm import tqdm

    bar = tqdm(total=total, unit="KPI", desc="checking", leave=False, file=err.file)
    _OPEN_BARS.append(bar)
    return lambda: bar.update(1)


def _close_bars() -> None:
    while _OPEN_BARS:
        _OPEN_BARS.pop().close()


def _location(finding) -> str:  # type: ignore[no-untyped-def]
    place = str(finding.row) if finding.row is not None else (finding.where or "-")
    return f"{finding.file}:{place}"


def check_files(
    files: list[Path] = typer.Argument(
        ..., help="Scorecards (.yaml/.json) or sheets (.csv/.xlsx)."
    ),
    select: list[str] = typer.Option([], "--select", help="Only these codes or prefixes (M,T)."),
    ignore: list[str] = typer.Option([], "--ignore", help="Skip these codes or prefixes."),
    fail_on: str = typer.Option(
        "error",
        "--fail-on",
        help="Exit 1 at this severity or above: error|warning|suggestion|never.",
    ),
    fmt: str = typer.Option("text", "--format", help="text or json."),
    today: str | None = typer.Option(None, "--today", help="Judge dates as of this day."),
    config: Path | None = typer.Option(
        None, "--config", help="Settings file (.toml with [tool.krakit.check], or .yaml)."
    ),
    fix: bool = typer.Option(
        False, "--fix", help="Apply the fixes krakit can to scorecard files (saved), then check."
    ),
) -> None:
    """Check scorecards and KPI sheets for KRA/KPI mistakes (exit 0 clean, 1 found, 2 bad input)."""
    from krakit.rules.filecheck import SHEET_SUFFIXES, check_file, fix_file

    if fail_on not in _RANK or fmt not in ("text", "json"):
        err.print("--fail-on takes error|warning|suggestion|never; --format takes text|json")
        raise typer.Exit(2)
    try:
        day = dt.date.fromisoformat(today) if today else None
    except ValueError:
        err.print(f"--today: expected a date like 2026-03-31, got {today!r}")
        raise typer.Exit(2) from None
    from krakit.rules import CheckConfig

    settings = CheckConfig.from_file(config) if config else None  # ConfigError: exit 2
    found, bad = [], 0
    for path in files:
        try:
            if fix and path.suffix.lower() in SHEET_SUFFIXES:
                err.print(f"! {path}: --fix changes scorecard files only, not sheets", markup=False)
            elif fix:
                _say_fixed(fix_file(path, select=select, ignore=ignore, today=day))
            found += check_file(
                path, select=select, ignore=ignore, today=day, config=settings, progress=_bar
            )
        except ConfigError:
            _close_bars()
            raise  # a bad setting stops the run: exit 2 (see krakit.cli)
        except KrakitError as exc:  # a bad file is reported, and the others still checked
            text = str(exc) if str(exc).startswith(str(path)) else f"{path}: {exc}"
            err.print(f"✗ {text}", style="red", markup=False, soft_wrap=True)
            bad += 1
    _close_bars()
    if fmt == "json":
        console.print_json(json.dumps([f.as_dict() for f in found], ensure_ascii=False))
    else:
        _print_text(found, len(files) - bad)
    if bad:
        raise typer.Exit(2)
    worst = max((_RANK[str(f.severity)] for f in found), default=-1)
    raise typer.Exit(1 if worst >= _RANK[fail_on] else 0)


def _say_fixed(fixed: list) -> None:  # type: ignore[type-arg]
    from krakit.rules.fixes import describe

    for f in fixed:
        err.print(f"✓ {_location(f)}: {f.code} fixed: {describe(f)}", markup=False, soft_wrap=True)


def _print_text(found: list, n_files: int) -> None:  # type: ignore[type-arg]
    current = None
    for f in found:
        if f.file != current:
            if current is not None:
                console.print()
            current = f.file
        colour = _COLOURS[str(f.severity)]
        console.print(
            f"{escape(_location(f))}: [bold {colour}]{f.code}[/] {escape(f.message)}",
            soft_wrap=True,
        )
    counts = {s: sum(str(f.severity) == s for f in found) for s in _COLOURS}
    if found:
        console.print()
        parts = [f"{n} {s}{'s' if n != 1 else ''}" for s, n in counts.items() if n]
        console.print(
            f"Found {len(found)} problem{'s' if len(found) != 1 else ''} "
            f"({', '.join(parts)}) in {n_files} file{'s' if n_files != 1 else ''}."
        )
    elif n_files:
        console.print(f"All checks passed ({n_files} file{'s' if n_files != 1 else ''}).")


def rules_command(
    code: str | None = typer.Argument(None, help="A rule code (T001) or a prefix (T)."),
) -> None:
    """List the checker's rules, or explain one rule in full."""
    from krakit.rules import rule, rules

    if code:
        try:
            console.print(escape(rule(code).doc()), soft_wrap=True)
            return
        except KeyError:
            chosen = rules(code)
            if not chosen:
                err.print(f"'{code}' is not a rule code or prefix; run 'krakit rules' for the list")
                raise typer.Exit(2) from None
    else:
        chosen = rules()
    table = Table(title="krakit rules", show_lines=False)
    for column in ("code", "name", "severity", "fix", "what it flags"):
        table.add_column(column)
    for r in chosen:
        auto = "auto" if r.autofix is not None else ""
        table.add_row(r.code, r.name, str(r.severity), auto, escape(r.why))
    console.print(table)


def register(app: typer.Typer) -> None:
    app.command("check")(check_files)
    app.command("rules")(rules_command)
