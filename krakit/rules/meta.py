"""Checker-settings rules (X): problems with how the checker itself was told to run."""

from __future__ import annotations

from krakit.rules.base import Rule, Severity

__all__ = ["UNKNOWN_CODE", "UNKNOWN_COLUMN"]

UNKNOWN_CODE = Rule(
    code="X001",
    name="unknown-code-ignored",
    severity=Severity.WARNING,
    message="'{code}' is not a krakit rule code or prefix, so ignoring it switches nothing off",
    why="A mistyped code in an ignore list silently leaves the intended rule running.",
    bad=("role: {title: Recruiter}\nignore: [Z999]",),
    good=("role: {title: Recruiter}\nignore: [W007]",),
    source="ruff: unknown rule selectors are reported (RUF100-style unused suppression)",
    fix="Fix the spelling (see 'krakit rules') or remove it.",
    scope="config",
    examples="scorecard",
    test=lambda ctx: None,  # the engine reports it while reading ignore lists
)

UNKNOWN_COLUMN = Rule(
    code="X002",
    name="unknown-column",
    severity=Severity.WARNING,
    message="Column '{column}' is not a field krakit knows, so it was skipped",
    why="A column krakit does not understand is silently left out of every check.",
    bad=("KPI,Target,Shoe size\nTime to hire,30,9",),
    good=("KPI,Target,Owner\nTime to hire,30,Asha",),
    source="krakit sheet format: the headers in krakit.sheets.HEADERS",
    fix="Rename it to one krakit reads (role, KRA, KPI, metric, target, unit, baseline, "
    "owner, frequency, data source, weight, deadline), or ignore X002 if it is extra.",
    scope="config",
    examples="sheet",
    test=lambda ctx: None,  # check_file reports it while reading the sheet headers
)

__rules__ = (UNKNOWN_CODE, UNKNOWN_COLUMN)
