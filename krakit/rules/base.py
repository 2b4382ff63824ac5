"""The checker's building blocks: Rule, Finding, Severity, and the hits a predicate returns.

A rule is data (a frozen pydantic model) with a pure predicate. The predicate receives a
context and returns what it found:

* ``None`` / ``False``: nothing to report;
* ``True``: one finding, message formatted with the context's own values (``{text}``...);
* a :class:`Hit` (or an iterable of them): one finding each, with their own values, path,
  span and fix.

Rules of scope ``kpi`` read a :class:`~krakit.rules.context.KPIContext` (a parsed statement,
with the scorecard record when there is one), ``kra`` rules a ``KRAContext``, ``scorecard``
rules a ``ScorecardContext``. The settings of a check live in :mod:`krakit.rules.config`, the
contexts in :mod:`krakit.rules.context`, word lists in :mod:`krakit.rules.words` and the reading
of deadlines and periods in :mod:`krakit.rules.deadlines`; their names are re-exported here.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from krakit.rules.config import CheckConfig, matches, normalise_codes
from krakit.rules.context import KPIContext, KRAContext, Peers, ScorecardContext
from krakit.rules.deadlines import (
    FREQUENCY_DAYS,
    card_period,
    deadline_when,
    fiscal_start,
    period_end,
)
from krakit.rules.rewrite import rewrite
from krakit.rules.words import DATA, WordList, first_word, load_words, word_pattern

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "DATA",
    "FREQUENCY_DAYS",
    "CheckConfig",
    "Finding",
    "Fix",
    "Hit",
    "KPIContext",
    "KRAContext",
    "Peers",
    "Rule",
    "ScorecardContext",
    "Severity",
    "Status",
    "WordList",
    "card_period",
    "deadline_when",
    "findings_frame",
    "first_word",
    "fiscal_start",
    "load_words",
    "matches",
    "normalise_codes",
    "period_end",
    "rewrite",
    "seq",
    "word_pattern",
]


class Severity(StrEnum):
    """How serious a finding is; ``error`` blocks a scorecard, the others advise."""

    ERROR = "error"
    WARNING = "warning"
    SUGGESTION = "suggestion"

    @property
    def rank(self) -> int:
        """2 for error, 1 for warning, 0 for suggestion (higher is worse)."""
        return {"error": 2, "warning": 1, "suggestion": 0}[self.value]


class Status(StrEnum):
    """A rule's lifecycle (like ruff's): a retired rule keeps its code as ``removed``."""

    STABLE = "stable"
    PREVIEW = "preview"
    DEPRECATED = "deprecated"
    REMOVED = "removed"


# "workspace": rules across the scorecards of a workspace and its goal tree (krakit.goals).
Scope = Literal["kpi", "kra", "scorecard", "config", "workspace"]
Example = Literal["statement", "kpi", "kra", "scorecard", "sheet", "workspace", "data"]
Smart = Literal["S", "M", "A", "R", "T"]


@dataclass(frozen=True, slots=True)
class Hit:
    """One thing a predicate found: values for the message, and where it is."""

    values: Mapping[str, Any] = field(default_factory=dict)
    where: str | None = None
    span: tuple[int, int] | None = None
    fix: str | None = None


class Fix(BaseModel):
    """A fix krakit can apply itself, in one click: what it does, and which action does it.

    ``title`` names the action for the manager (a format string over the finding's
    ``{value}``); ``action`` names the operation in :data:`krakit.rules.fix_actions.ACTIONS` that
    makes the edit; ``example`` is a scorecard (YAML) on which the rule fires and the fix
    makes its finding go away (tested). What a fix is lives on the rule; how it is done
    lives in one engine.
    """

    model_config = ConfigDict(frozen=True)

    title: str = Field(description="What the fix does, e.g. \"Set the unit to '{value}'\".")
    action: str = Field(description="The name of an action in krakit.rules.fix_actions.ACTIONS.")
    example: str = Field(min_length=1, description="A scorecard (YAML) the fix repairs.")


class Rule(BaseModel):
    """One check: a code, what it says, why, examples, source, and a pure predicate."""

    model_config = ConfigDict(frozen=True, arbitrary_types_allowed=True)

    code: str = Field(pattern=r"^[A-Z]\d{3}$", description="Family letter plus three digits.")
    name: str = Field(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", description="kebab-case name.")
    severity: Severity
    message: str = Field(description="What is wrong; a format string over the hit's values.")
    why: str = Field(description="Why it matters, one sentence.")
    bad: tuple[str, ...] = Field(description="Examples that must draw this rule.")
    good: tuple[str, ...] = Field(description="Examples that must not draw this rule.")
    source: str = Field(description="Where the rule comes from.")
    fix: str | None = Field(None, description="What to do (a format string), or None.")
    autofix: Fix | None = Field(None, description="A fix krakit applies in one click, or None.")
    since: str = "0.1"
    status: Status = Status.STABLE
    scope: Scope = "kpi"
    examples: Example = Field("statement", description="How to read bad/good examples.")
    smart: Smart | None = Field(None, description="SMART criterion this rule informs.")
    test: Callable[[Any], Any] = Field(exclude=True, repr=False)

    @property
    def family(self) -> str:
        """The code's letter."""
        return self.code[0]

    def run(self, ctx: Any) -> Iterable[Hit]:
        """Run the predicate and normalise what it returns into hits (a plain call, not a
        generator: the checker runs every rule on every KPI of a sheet)."""
        result = self.test(ctx)
        if result is None or result is False:
            return ()
        if result is True:
            return (Hit(),)
        if isinstance(result, Hit):
            return (result,)
        return result

    def doc(self) -> str:
        """The rule's full explanation, in the ruff-doc layout (plain text)."""
        lines = [
            f"{self.code} {self.name} ({self.severity}, {self.status} since {self.since})",
            "",
            "What it flags",
            f"  {_plain_template(self.message)}",
            "",
            "Why it matters",
            f"  {self.why}",
            "",
            "Example",
            *[f"  ✗ {_indent(b)}" for b in self.bad],
            "",
            "Use instead",
            *[f"  ✓ {_indent(g)}" for g in self.good],
        ]
        if self.fix:
            lines += ["", "Fix", f"  {_plain_template(self.fix)}"]
        if self.autofix:
            lines += ["", "Fix krakit can apply", f"  {_plain_template(self.autofix.title)}"]
        lines += ["", "Source", f"  {self.source}"]
        return "\n".join(lines)


def _plain_template(text: str) -> str:
    return re.sub(r"\{(\w+)(?:[^}]*)\}", r"<\1>", text)


def _indent(text: str) -> str:
    return text.strip().replace("\n", "\n    ")


@dataclass(frozen=True, slots=True)
class Finding:
    """One mistake found: which rule, how serious, what to do, and where.

    ``where`` is a path in the scorecard (``kras[sales].kpis[conversion-rate].target``) or
    empty for a bare statement; ``span`` is the character range in the statement when the
    finding is about words; ``file`` and ``row`` are set when the input was a file or sheet.
    """

    code: str
    rule: str
    severity: Severity
    message: str
    where: str = ""
    span: tuple[int, int] | None = None
    fix: str | None = None
    file: str | None = None
    row: int | None = None

    def as_dict(self) -> dict[str, Any]:
        """Plain data (JSON-ready)."""
        return {
            "code": self.code,
            "rule": self.rule,
            "severity": str(self.severity),
            "message": self.message,
            "where": self.where,
            "span": list(self.span) if self.span else None,
            "fix": self.fix,
            "file": self.file,
            "row": self.row,
        }


def findings_frame(findings: Iterable[Finding]) -> pd.DataFrame:
    """All findings as one table (one row each), like pandera's lazy validation report.

    Examples
    --------
    >>> import krakit
    >>> from krakit.rules import findings_frame
    >>> list(findings_frame([]).columns)[:4]
    ['code', 'rule', 'severity', 'message']
    """
    import pandas as pd

    columns = ["code", "rule", "severity", "message", "where", "span", "fix", "file", "row"]
    return pd.DataFrame([f.as_dict() for f in findings], columns=columns)


def seq(items: Sequence[Hit] | Iterable[Hit]) -> list[Hit]:
    """A list of hits (helper for predicates written as generators)."""
    return list(items)
