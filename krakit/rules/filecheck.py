"""Check files: scorecards (YAML/JSON) and KPI sheets (CSV/XLSX), findings with file and row."""

from __future__ import annotations

import dataclasses
import datetime as dt
import gc
import re
from collections.abc import Callable, Iterable
from os import PathLike
from pathlib import Path

from krakit.rules.base import Finding
from krakit.rules.config import CheckConfig, normalise_codes
from krakit.rules.engine import check

__all__ = ["SHEET_SUFFIXES", "check_file", "fix_file"]

SHEET_SUFFIXES = (".csv", ".xlsx", ".xlsm")
_KPI = re.compile(r"(?:unassigned_)?kpis\[([^\]]+)\]")
_KRA = re.compile(r"^kras\[([^\]]+)\]")


def check_file(
    path: str | PathLike[str],
    *,
    select: Iterable[str] | str | None = None,
    ignore: Iterable[str] | str | None = None,
    today: dt.date | None = None,
    config: CheckConfig | None = None,
    progress: Callable[[int], Callable[[], None]] | None = None,
) -> list[Finding]:
    """Check one scorecard file or KPI sheet; each finding carries ``file`` (and ``row``).

    ``progress``, if given, is called with the number of KPIs and returns a function to call
    once per KPI checked.

    Raises
    ------
    InputError, ScorecardError
        The file cannot be read (names the file, and the row for a sheet).
    ConfigError
        ``select`` names an unknown code.
    """
    path = Path(path)
    options = {"select": select, "ignore": ignore, "today": today, "config": config}
    if path.suffix.lower() not in SHEET_SUFFIXES:
        from krakit.store import load

        scorecard = load(path)
        tick = progress(len(scorecard.all_kpis())) if progress else None
        found = check(scorecard, progress=tick, **options)  # type: ignore[arg-type]
        found = [dataclasses.replace(f, file=str(path)) for f in found]
        from krakit.rules.alignment_check import goal_findings  # goal ids vs goals.yaml

        chosen = [*(config.select if config else ()), *normalise_codes(select)]
        skipped = [*(config.ignore if config else ()), *normalise_codes(ignore)]
        return found + goal_findings(scorecard, path, select=chosen, ignore=skipped)

    # A large sheet makes millions of small objects and no reference cycles; the cyclic
    # collector would rescan them all again and again, so it is paused while checking.
    paused = gc.isenabled()
    gc.disable()
    try:
        return _check_sheet(path, select, ignore, config, progress, options)
    finally:
        if paused:
            gc.enable()


def fix_file(
    path: str | PathLike[str],
    *,
    select: Iterable[str] | str | None = None,
    ignore: Iterable[str] | str | None = None,
    today: dt.date | None = None,
) -> list[Finding]:
    """Apply every fix krakit can to a scorecard file, save it in place, and say what was fixed.

    Sheets are left alone (they are the manager's own file; import them into a scorecard
    first). The file is saved only when something was fixed, with the usual conflict check.

    Returns
    -------
    list[Finding]
        The findings that were fixed, each with ``file`` set, in the order applied.

    Raises
    ------
    InputError, ScorecardError, ConflictError
        The file cannot be read, or changed on disk while it was being fixed.
    """
    from krakit.rules.fixes import fix_all
    from krakit.store import load, save

    path = Path(path)
    if path.suffix.lower() in SHEET_SUFFIXES:
        return []
    scorecard = load(path)
    fixed, done = fix_all(scorecard, select=select, ignore=ignore, today=today)
    if done:
        save(fixed, path)
    return [dataclasses.replace(f, file=str(path)) for f in done]


def _check_sheet(path, select, ignore, config, progress, options):  # type: ignore[no-untyped-def]
    from krakit.rules.config import matches, normalise_codes
    from krakit.rules.meta import UNKNOWN_COLUMN, UNREADABLE_CELL, WEIGHT_LAYOUT
    from krakit.sheet_scorecards import sheet_scorecards
    from krakit.sheets import read_sheet

    sheet = read_sheet(path, collect=True)  # every bad cell is a finding, not a stop
    pairs = sheet_scorecards(sheet, collect=True)
    tick = progress(len(sheet.rows)) if progress else None
    out: list[Finding] = []
    chosen = normalise_codes([*(config.select if config else ()), *normalise_codes(select)])
    skipped = normalise_codes([*(config.ignore if config else ()), *normalise_codes(ignore)])
    headers = {name: header for header, name in sheet.columns.items()}
    weight_column = f"columns[{headers.get('weight', 'weight')}]"
    reading = [  # how the sheet itself was read: (rule, message, where, row)
        *(
            (
                UNKNOWN_COLUMN,
                UNKNOWN_COLUMN.message.format(column=c) + ". " + str(UNKNOWN_COLUMN.fix),
                f"columns[{c}]",
                sheet.header_row,
            )
            for c in sheet.unknown
        ),
        *(
            (
                UNREADABLE_CELL,
                UNREADABLE_CELL.message.format(problem=p.reason),
                f"columns[{headers.get(p.field or '', p.field)}]" if p.field else "",
                p.row,
            )
            for p in sheet.problems
        ),
        *(
            (
                WEIGHT_LAYOUT,
                WEIGHT_LAYOUT.message.format(assumed=a),
                weight_column,
                sheet.header_row,
            )
            for a in sheet.assumed
        ),
    ]
    for rule, message, where, row in reading:
        if (not chosen or matches(rule.code, chosen)) and not matches(rule.code, skipped):
            fix = None if rule is UNKNOWN_COLUMN else rule.fix  # X002's fix is in its message
            out.append(
                Finding(
                    rule.code,
                    rule.name,
                    rule.severity,
                    message,
                    where=where,
                    fix=fix,
                    file=str(path),
                    row=row,
                )
            )
    # A sheet has no goals column, so "no goals" would fire on every sheet: it is not asked.
    options["ignore"] = [*skipped, "W007"]
    for scorecard, rows in pairs:
        kra_rows = {
            kra.id: min((rows[k.id] for k in kra.kpis), default=None) for kra in scorecard.kras
        }
        for f in check(scorecard, progress=tick, **options):  # type: ignore[arg-type]
            row = None
            if m := _KPI.search(f.where):
                row = rows.get(m[1])
            elif m := _KRA.match(f.where):
                row = kra_rows.get(m[1])
            where = f.where if len(pairs) == 1 else f"{scorecard.role.title}: {f.where}"
            out.append(dataclasses.replace(f, file=str(path), row=row, where=where))
    out.sort(key=lambda f: (f.row is None, f.row or 0))
    return out
