"""Checker-settings rules (X): problems with how the checker itself was told to run."""

from __future__ import annotations

from krakit.rules.base import Rule, Severity

__all__ = ["UNKNOWN_CODE"]

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

__rules__ = (UNKNOWN_CODE,)
