"""`krakit import`: from a KPI sheet (CSV/XLSX) to scorecard files, one per role or person;
`krakit export`: scorecards back to one KPI sheet.

The sheet is read the way ``krakit check`` reads it: every cell that cannot be read is
listed (and left out of the scorecard), and how the weight column was read is said. Then
each scorecard is validated and written. ``krakit check``, ``score`` and ``report`` take the
files it writes.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import typer

from krakit.cli.console import Output
from krakit.errors import InputError, KrakitError

if TYPE_CHECKING:
    from krakit.model import Scorecard

# Markup is off: sheet cells and paths are user text ("[s]" must print as written).
console = Output(highlight=False, markup=False)
err = Output(stderr=True, highlight=False, markup=False)


def load_scorecard(path: Path) -> Scorecard:
    """Load a scorecard file; a KPI sheet is refused with the command that converts it."""
    from krakit.store import SUFFIXES, load

    if path.suffix.lower() in SUFFIXES:  # a scorecard: the checker's rules are not needed
        return load(path)
    from krakit.rules.filecheck import SHEET_SUFFIXES

    if path.suffix.lower() in SHEET_SUFFIXES:
        raise InputError(
            "this is a KPI sheet, not a scorecard: make scorecards from it first with "
            f"'krakit import {path} -o card.yaml' (one per role or person), then use card.yaml",
            path=path,
        )
    return load(path)


def targets(output: Path, names: list[tuple[str, str | None]]) -> list[Path]:
    """Where each scorecard goes: ``output`` itself for one; for several, one file each.

    Several scorecards go into ``output`` when it is a folder (or has no suffix), else
    beside it, named ``<stem>-<role>[-<holder>]<suffix>``.

    Examples
    --------
    >>> [p.name for p in targets(Path("card.yaml"), [("Sales lead", None)])]
    ['card.yaml']
    >>> [p.name for p in targets(Path("card.yaml"), [("Support", "Asha"), ("Support", "Ravi")])]
    ['card-support-asha.yaml', 'card-support-ravi.yaml']
    >>> [str(p) for p in targets(Path("cards"), [("Support", "Asha"), ("Sales", None)])]
    ['cards/support-asha.yaml', 'cards/sales.yaml']
    """
    from krakit.model import slugify

    if len(names) == 1 and output.suffix and not output.is_dir():
        return [output]
    folder = output.is_dir() or not output.suffix
    suffix = ".yaml" if folder else output.suffix
    paths, used = [], set()
    for role, holder in names:
        slug = slugify(f"{role} {holder or ''}".strip(), fallback="scorecard")
        name = slug if folder else f"{output.stem}-{slug}"
        candidate, n = name, 1
        while candidate in used:
            n += 1
            candidate = f"{name}-{n}"
        used.add(candidate)
        paths.append((output if folder else output.parent) / f"{candidate}{suffix}")
    return paths


def import_sheet(
    sheet_path: Path = typer.Argument(..., help="KPI sheet (.csv or .xlsx), one KPI a row."),
    output: Path = typer.Option(
        ...,
        "--output",
        "-o",
        help="card.yaml (.json); for several roles or people, a folder or a name to number.",
    ),
    force: bool = typer.Option(False, "--force", help="Replace scorecard files already there."),
) -> None:
    """Make scorecards from a KPI sheet: one per role, or per person if it names them.

    Exit 0 when every cell was read, 1 when some were left out (each is listed), 2 when
    nothing could be read.
    """
    from krakit.model import Scorecard
    from krakit.rules.filecheck import SHEET_SUFFIXES
    from krakit.sheet_scorecards import sheet_scorecards
    from krakit.sheets import read_sheet
    from krakit.store import save

    if sheet_path.suffix.lower() not in SHEET_SUFFIXES:
        raise InputError(
            "krakit import reads a KPI sheet (.csv, .xlsx); a scorecard file is already one",
            path=sheet_path,
        )
    sheet = read_sheet(sheet_path, collect=True)
    pairs = sheet_scorecards(sheet, collect=True)
    for assumed in sheet.assumed:
        err.print(f"! {assumed}", style="yellow", soft_wrap=True)
    for problem in sorted(sheet.problems, key=lambda p: p.row or 0):
        err.print(f"✗ {problem} (left out)", style="red", soft_wrap=True)
    if not pairs:
        raise InputError("no KPI row could be read, so no scorecard was made", path=sheet_path)
    paths = targets(output, [(card.role.title, card.holder) for card, _ in pairs])
    for path in paths:
        if path.exists() and not force:
            raise KrakitError(
                "a file is already there; choose another name, or pass --force to replace it",
                path=path,
            )
    written = 0
    for (card, _), path in zip(pairs, paths, strict=True):
        try:
            checked = Scorecard.model_validate(card.model_dump())
            save(checked, path, force=force)
        except KrakitError as exc:
            err.print(f"✗ {exc}", style="red", soft_wrap=True)
            continue
        written += 1
        who = card.role.title + (f" — {card.holder}" if card.holder else "")
        n = len(checked.all_kpis())
        console.print(f"✓ wrote {path}: {who}, {len(checked.kras)} KRAs, {n} KPIs")
    if written:
        where = paths[0] if len(paths) == 1 else paths[0].parent / f"*{paths[0].suffix}"
        console.print(f"Next: krakit check {where}; then, with actuals, krakit score.")
    else:
        raise typer.Exit(2)
    raise typer.Exit(1 if sheet.problems or written < len(paths) else 0)


def export_sheet(
    cards: list[Path] = typer.Argument(..., help="Scorecard files (.yaml, .json)."),
    output: Path = typer.Option(..., "--output", "-o", help="The KPI sheet: .csv or .xlsx."),
    force: bool = typer.Option(False, "--force", help="Replace the sheet if it is there."),
) -> None:
    """Write scorecards as one KPI sheet, one KPI a row, that krakit import reads back.

    Target types and slabs are columns ('Target type', 'Slabs' as 80:50; 90:80; 100:100);
    ids are kept. An .xlsx also holds each scorecard's own fields, goals and actuals on
    worksheets of their own, so importing it gives back the same scorecards; a .csv cannot,
    and says what it leaves out.
    """
    from krakit.sheet_export import csv_losses, write_kpi_sheet

    if output.exists() and not force:
        raise KrakitError(
            "a file is already there; choose another name, or pass --force to replace it",
            path=output,
        )
    scorecards = [load_scorecard(card) for card in cards]
    path = write_kpi_sheet(scorecards, output)
    n = sum(len(card.all_kpis()) for card in scorecards)
    console.print(f"✓ wrote {path}: {n} KPIs from {len(scorecards)} scorecard(s)")
    lost = csv_losses(scorecards) if path.suffix.lower() == ".csv" else []
    if lost:
        err.print(
            f"! {path.name} leaves out {', '.join(lost)}: a CSV file has one sheet, and these "
            "belong to the whole scorecard, not to a KPI row. Export to .xlsx to keep them "
            "(an import of this CSV gives scorecards without them).",
            style="yellow",
            soft_wrap=True,
        )
    console.print(f"Edit it in a spreadsheet, then: krakit import {path} -o <folder>")


def register(app: typer.Typer) -> None:
    app.command("import")(import_sheet)
    app.command("export")(export_sheet)
