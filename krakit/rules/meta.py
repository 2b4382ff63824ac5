"""Checker-settings rules (X): problems with how the checker itself was told to run."""

from __future__ import annotations

from krakit.rules.base import Rule, Severity

__all__ = ["UNKNOWN_CODE", "UNKNOWN_COLUMN", "UNREADABLE_CELL", "WEIGHT_LAYOUT"]

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

UNREADABLE_CELL = Rule(
    code="X003",
    name="unreadable-cell",
    severity=Severity.ERROR,
    message="{problem}",
    why="A value krakit cannot read is left out, so the KPI is checked and scored without it.",
    bad=("KPI,Target\nTime to hire,ten days",),
    good=("KPI,Target\nTime to hire,10 days",),
    source="ruff and pandera: report every failure in one run, not only the first",
    fix="Write the cell the way its column expects (digits such as 1200, 85% or 2,50,000; "
    "a frequency such as monthly), then check again.",
    scope="config",
    examples="sheet",
    test=lambda ctx: None,  # check_file reports it while reading the sheet's cells
)

WEIGHT_LAYOUT = Rule(
    code="X004",
    name="weight-layout-assumed",
    severity=Severity.SUGGESTION,
    message="{assumed}",
    why="Sheets use one weight column for KRA weights, KPI weights or shares of the role; "
    "krakit reads it from how the numbers add up, and says so.",
    bad=("KRA,KPI,Weightage\nSales,Revenue,60\nSales,Margin,60\nHiring,Time to hire,40",),
    good=(
        "KRA,KRA weight,KPI,Weight\nSales,60,Revenue,50\nSales,60,Margin,50\n"
        "Hiring,40,Time to hire,100",
    ),
    source="krakit sheet format: a KRA weight column and a KPI weight column say it plainly",
    fix="If krakit read it wrongly, name the columns 'KRA weight' and 'KPI weight'.",
    scope="config",
    examples="sheet",
    test=lambda ctx: None,  # check_file reports how it read the sheet's weight column
)

__rules__ = (UNKNOWN_CODE, UNKNOWN_COLUMN, UNREADABLE_CELL, WEIGHT_LAYOUT)
