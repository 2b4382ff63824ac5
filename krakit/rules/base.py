"""The checker's building blocks: Rule, Finding, Severity, the context a rule reads, config.

A rule is data (a frozen pydantic model) with a pure predicate. The predicate receives a
context and returns what it found:

* ``None`` / ``False``: nothing to report;
* ``True``: one finding, message formatted with the context's own values (``{text}``...);
* a :class:`Hit` (or an iterable of them): one finding each, with their own values, path,
  span and fix.

Rules of scope ``kpi`` read a :class:`KPIContext` (a parsed statement, with the scorecard
record when there is one), ``kra`` rules a :class:`KRAContext`, ``scorecard`` rules a
:class:`ScorecardContext`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cache, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field

from krakit.errors import ConfigError, KrakitError
from krakit.model import KPI, KRA, Frequency, Polarity, Scorecard, TargetType
from krakit.periods import FISCAL_START, When, period_when
from krakit.text.lexicon import first_words, words_of

if TYPE_CHECKING:
    import pandas as pd

    from krakit.text.draft import Classification, KPIDraft

__all__ = [
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
    "findings_frame",
    "load_words",
    "matches",
]

DATA = Path(__file__).with_name("data")


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
    ``{value}``); ``action`` names the operation in :data:`krakit.rules.fixes.ACTIONS` that
    makes the edit; ``example`` is a scorecard (YAML) on which the rule fires and the fix
    makes its finding go away (tested). What a fix is lives on the rule; how it is done
    lives in one engine.
    """

    model_config = ConfigDict(frozen=True)

    title: str = Field(description="What the fix does, e.g. \"Set the unit to '{value}'\".")
    action: str = Field(description="The name of an action in krakit.rules.fixes.ACTIONS.")
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


# --- configuration -------------------------------------------------------------------------


class CheckConfig(BaseModel):
    """Settings of a check: which codes run and the thresholds of the judgement rules."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    select: tuple[str, ...] = Field((), description="Codes or prefixes to run (all if empty).")
    ignore: tuple[str, ...] = Field((), description="Codes or prefixes to switch off.")
    max_kpis_per_kra: int = Field(5, ge=1, description="More KPIs than this in a KRA is noise.")
    max_kpis_per_role: int = Field(15, ge=1, description="More KPIs than this in a role.")
    max_kras: int = Field(8, ge=1, description="More KRAs than this in a role.")
    max_jump: float = Field(
        3.0, gt=1, description="Target more than this many times the baseline is implausible."
    )
    max_horizon_years: int = Field(
        3,
        ge=1,
        le=50,
        description="A deadline more calendar years ahead than this is too far to review (on a "
        "scorecard without a period; with one, its period's end is the limit).",
    )
    fiscal_year_start: int | None = Field(
        None,
        ge=1,
        le=12,
        description="Month fiscal years begin in, to read 'FY27' and 'Q1 FY27' (7: July, as in "
        "Australia); a scorecard's own scoring.fiscal_year_start wins. None: April.",
    )

    @classmethod
    def from_file(cls, path: str | Path) -> CheckConfig:
        """Read settings from a file: ``pyproject.toml`` (``[tool.krakit.check]``), another
        ``.toml`` (``[check]`` or top level) or ``.yaml`` (``check:`` or top level).

        Raises
        ------
        ConfigError
            The file cannot be read, or a setting is unknown or out of range.

        Examples
        --------
        >>> import pathlib, tempfile
        >>> p = pathlib.Path(tempfile.mkdtemp()) / "krakit.yaml"
        >>> _ = p.write_text("check:\\n  ignore: [W007, O002]\\n  max_kpis_per_kra: 6\\n")
        >>> CheckConfig.from_file(p).ignore
        ('W007', 'O002')
        """
        import tomllib

        from pydantic import ValidationError

        path = Path(path)
        try:
            raw = path.read_bytes()
            if path.suffix.lower() == ".toml":
                data = tomllib.loads(raw.decode("utf-8"))
                data = data.get("tool", {}).get("krakit", {}).get("check", data.get("check", data))
            else:
                data = yaml.safe_load(raw) or {}
                data = data.get("check", data) if isinstance(data, dict) else data
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, yaml.YAMLError) as exc:
            raise ConfigError(f"cannot read the settings: {exc}", path=path) from exc
        if not isinstance(data, dict):
            raise ConfigError("expected a table of settings", path=path)
        data = {k: normalise_codes(v) if k in ("select", "ignore") else v for k, v in data.items()}
        try:
            return cls.model_validate(data)
        except ValidationError as exc:
            err = exc.errors(include_url=False)[0]
            field = ".".join(map(str, err["loc"]))
            raise ConfigError(
                "unknown setting" if err["type"] == "extra_forbidden" else err["msg"],
                path=path,
                field=field,
                value=err.get("input"),
            ) from exc


def normalise_codes(codes: Iterable[str] | str | None) -> tuple[str, ...]:
    """Upper-case, comma-split, de-duplicated codes or prefixes."""
    if codes is None:
        return ()
    if isinstance(codes, str):
        codes = [codes]
    out: list[str] = []
    for item in codes:
        for code in str(item).split(","):
            code = code.strip().upper()
            if code and code not in out:
                out.append(code)
    return tuple(out)


def matches(code: str, prefixes: Iterable[str]) -> bool:
    """Whether a code is named by any of these codes or prefixes (``"M"``, ``"M00"``...).

    Examples
    --------
    >>> matches("M002", ["M"]), matches("M002", ["T", "M00"]), matches("M002", ["M003"])
    (True, True, False)
    """
    return any(code.startswith(p) for p in prefixes)


# --- contexts -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Peers:
    """What the KPIs of one KRA agree on, worked out once per KRA (fixes read it)."""

    owner: str | None = None
    cadence: str | None = None
    data_source: str | None = None

    @classmethod
    def of(cls, kra: KRA) -> Peers:
        """The one owner and the one data source all KPIs that have one share, and the most
        common frequency (each None when there is none, or no agreement)."""
        from collections import Counter

        owners = {k.owner for k in kra.kpis if k.owner}
        sources = {k.data_source for k in kra.kpis if k.data_source}
        cadences = Counter(str(k.frequency) for k in kra.kpis if k.frequency is not None)
        return cls(
            owner=owners.pop() if len(owners) == 1 else None,
            cadence=cadences.most_common(1)[0][0] if cadences else None,
            data_source=sources.pop() if len(sources) == 1 else None,
        )


@dataclass(slots=True)
class KPIContext:
    """What a KPI rule reads: the statement as parsed, merged with the scorecard record.

    The plain fields (``metric``, ``target``, ``unit``...) are the effective values: the
    record's structured field when it has one, otherwise what the parser read in the text.
    """

    text: str
    draft: KPIDraft
    today: dt.date
    config: CheckConfig
    kpi: KPI | None = None
    kra: KRA | None = None
    scorecard: Scorecard | None = None
    classification: Classification | None = None
    offered: bool = False
    peers: Peers | None = None
    metric: str | None = None
    target: float | None = None
    target_low: float | None = None
    target_high: float | None = None
    unit: str | None = None
    relative: bool = False
    baseline: float | None = None
    polarity: Polarity = Polarity.HIGHER_IS_BETTER
    frequency: str | None = None
    deadline: dt.date | str | None = None
    milestone: bool = False
    lower: str = ""
    fiscal_start: int = FISCAL_START
    when: When | None = None

    @classmethod
    def build(
        cls,
        draft: KPIDraft,
        *,
        today: dt.date,
        config: CheckConfig,
        kpi: KPI | None = None,
        kra: KRA | None = None,
        scorecard: Scorecard | None = None,
        classification: Classification | None = None,
        offered: bool = False,
        peers: Peers | None = None,
    ) -> KPIContext:
        """Merge a parsed statement with its record (the record's fields win)."""
        t = draft.target
        ctx = cls(
            text=draft.text,
            draft=draft,
            today=today,
            config=config,
            kpi=kpi,
            kra=kra,
            scorecard=scorecard,
            classification=classification,
            offered=offered,
            peers=peers,
            metric=draft.metric,
            target=t.value if t is not None else None,
            target_low=draft.target_low.value if draft.target_low else None,
            target_high=draft.target_high.value if draft.target_high else None,
            unit=next(
                (q.unit for q in (t, draft.target_low, draft.baseline) if q is not None), None
            ),
            relative=bool(t is not None and t.relative),
            baseline=draft.baseline.value if draft.baseline is not None else None,
            polarity=draft.polarity,
            frequency=str(draft.period) if draft.period else None,
            deadline=draft.deadline,
            lower=draft.text.lower(),
            fiscal_start=fiscal_start(scorecard, config),
        )
        if draft.within is not None and ctx.deadline is None:
            ctx.deadline = f"within {draft.within}"
        if kpi is not None:
            ctx._merge(kpi)
        ctx.when = ctx._resolve_when()
        return ctx

    def _resolve_when(self) -> When | None:
        """The deadline (or window) as a typed value, read against the scorecard's calendar
        (its fiscal year start) and the day of the check."""
        if self.deadline is None:
            return None
        if self.kpi is not None and self.kpi.deadline is not None:  # the record's own field
            return deadline_when(self.kpi.deadline, self.today, self.fiscal_start)
        parsed = self.draft.when
        if parsed is not None and parsed.kind == "window":
            if parsed.start is None or parsed.end is None:
                return parsed
            length = parsed.end - parsed.start  # counted from the day of the check
            return When(
                "window", parsed.label, self.today, self.today + length, parsed.grain, parsed.count
            )
        if parsed is not None and self.fiscal_start == FISCAL_START:
            return parsed
        # read the words the manager wrote again, against this card's fiscal year
        span = self.draft.spans.get("deadline")
        words = self.text[span[0] : span[1]] if span else str(self.deadline)
        return deadline_when(words, self.today, self.fiscal_start) or parsed

    def _merge(self, kpi: KPI) -> None:
        if kpi.metric:
            self.metric = kpi.metric
        if kpi.target is not None:
            self.target, self.relative = kpi.target, False
        if kpi.target_low is not None or kpi.target_high is not None:
            self.target_low, self.target_high = kpi.target_low, kpi.target_high
        if kpi.unit:
            self.unit = kpi.unit
        if kpi.baseline is not None:
            self.baseline = kpi.baseline
        if kpi.target is not None or "polarity" in kpi.model_fields_set:
            self.polarity = kpi.polarity
        if kpi.frequency is not None:
            self.frequency = str(kpi.frequency)
        if kpi.deadline is not None:
            self.deadline = kpi.deadline
        self.milestone = kpi.target_type is TargetType.MILESTONE
        if self.kra is not None or self.scorecard is not None:
            self.offered = False

    @property
    def is_kra(self) -> bool:
        """The classifier read the statement as a KRA (an area, not a measure)."""
        return self.classification is not None and str(self.classification.label) == "KRA"

    @property
    def has_target(self) -> bool:
        """A number to reach (or a band, or a milestone) is known."""
        return (
            self.target is not None
            or self.target_low is not None
            or self.target_high is not None
            or self.milestone
        )

    @property
    def units_agree(self) -> bool:
        """Target and baseline are in the same unit (or one is a bare number)."""
        t, b = self.draft.target, self.draft.baseline
        if self.kpi is not None and (self.kpi.target is not None or self.kpi.baseline is not None):
            return True
        if t is None or b is None:
            return True
        loose = {"count", "score", ""}
        return t.unit == b.unit or (t.unit in loose and b.unit in loose)

    @property
    def has_timeframe(self) -> bool:
        """A cadence, a deadline or a window is known (the scorecard period counts)."""
        if self.frequency or self.deadline:
            return True
        if _EVENT_CADENCE.search(self.text):
            return True
        return self.scorecard is not None and bool(self.scorecard.period)

    @property
    def threshold(self) -> bool:
        """The target is a level to hold (maintain / threshold), not a change."""
        if self.kpi is not None and self.kpi.target_type is TargetType.THRESHOLD:
            return True
        return str(self.draft.direction or "") == "maintain"

    @property
    def name(self) -> str:
        """How a message names this KPI: its statement, else its metric, else its id."""
        if self.text.strip():
            return _shorten(self.text.strip())
        if self.metric:
            return self.metric
        return self.kpi.id if self.kpi is not None else "this KPI"

    def values(self) -> dict[str, Any]:
        """Values a message template may use."""
        return {
            "text": self.name,
            "metric": self.metric or "the metric",
            "target": _num(self.target),
            "baseline": _num(self.baseline),
            "unit": self.unit or "",
        }

    def example(self) -> str:
        """A concrete rewrite to suggest (see :func:`rewrite`)."""
        return rewrite(self)


@dataclass(slots=True)
class KRAContext:
    """What a KRA rule reads."""

    kra: KRA
    today: dt.date
    config: CheckConfig
    scorecard: Scorecard | None = None
    where: str = ""

    def values(self) -> dict[str, Any]:
        return {"text": _shorten(self.kra.title), "kra": self.kra.id}


@dataclass(slots=True)
class ScorecardContext:
    """What a scorecard rule reads: the scorecard and the KPI contexts already built."""

    scorecard: Scorecard
    today: dt.date
    config: CheckConfig
    kpis: dict[str, KPIContext] = field(default_factory=dict)
    paths: dict[str, str] = field(default_factory=dict)

    def values(self) -> dict[str, Any]:
        return {"text": self.scorecard.role.title}


def _shorten(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _num(value: float | None) -> str:
    if value is None:
        return "?"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


# --- word lists -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class WordList:
    """A word list from ``krakit/rules/data/*.yaml``: its terms, swaps and source."""

    name: str
    source: str
    terms: tuple[str, ...]
    swap: Mapping[str, str]
    pattern: re.Pattern[str]
    lists: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    firsts: frozenset[str] | None = None  # the terms' first words; None: always search

    def _absent(self, text: str) -> bool:
        """No term can occur: none of their first words is in the text (a set test, fast)."""
        return self.firsts is not None and self.firsts.isdisjoint(words_of(text))

    def find(self, text: str) -> list[re.Match[str]]:
        """Every non-overlapping occurrence, longest term first."""
        return [] if self._absent(text) else list(self.pattern.finditer(text))

    def first(self, text: str) -> re.Match[str] | None:
        """The first occurrence, or None (what most rules need, and faster)."""
        return None if self._absent(text) else self.pattern.search(text)

    def swap_for(self, term: str) -> str | None:
        """The suggested replacement for a term, if the list gives one."""
        return self.swap.get(term.lower())


@cache
def load_words(name: str) -> WordList:
    """Read ``data/<name>.yaml`` (keys ``source``, ``terms``, optional ``swap``)."""
    path = DATA / f"{name}.yaml"
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:  # a packaging fault, not a user error
        raise ConfigError(f"cannot read the word list: {exc}", path=path) from exc
    if (
        not isinstance(data, dict)
        or not data.get("source")
        or not (data.get("terms") or data.get("swap"))
    ):
        raise ConfigError("a word list needs 'source' and 'terms'", path=path)
    swap = {str(k).lower(): str(v) for k, v in (data.get("swap") or {}).items()}
    terms = tuple(
        sorted({str(t).lower() for t in [*(data.get("terms") or []), *swap]}, key=len, reverse=True)
    )
    body = "|".join(_term_regex(t) for t in terms)
    pattern = re.compile(rf"(?<![\w%])(?:{body})(?![\w%])", re.IGNORECASE)
    lists = {
        str(k): tuple(str(t).lower() for t in v)
        for k, v in data.items()
        if k not in ("terms", "swap") and isinstance(v, list)
    }
    return WordList(
        name=name,
        source=str(data["source"]),
        terms=terms,
        swap=swap,
        pattern=pattern,
        lists=lists,
        firsts=first_words(terms),
    )


@cache
def word_pattern(name: str, key: str) -> re.Pattern[str]:
    """A regex matching any term of one extra list in a word-list file (``nouns``...)."""
    terms = sorted(load_words(name).lists.get(key, ()), key=len, reverse=True)
    body = "|".join(_term_regex(t) for t in terms) or "(?!)"
    return re.compile(rf"(?<![\w%])(?:{body})(?![\w%])", re.IGNORECASE)


def _term_regex(term: str) -> str:
    # Spaces and hyphens in a term match any run of spaces or hyphens.
    parts = re.split(r"[\s-]+", term)
    return r"[\s-]+".join(re.escape(p) for p in parts)


@lru_cache(maxsize=8192)
def first_word(text: str) -> str:
    """The first word of a statement, lower case, ignoring a leading 'to'."""
    words = re.findall(r"[a-zA-Z]+", text.lower())
    if words[:1] == ["to"]:
        words = words[1:]
    return words[0] if words else ""


FREQUENCY_DAYS: dict[str, int] = {
    Frequency.DAILY: 1,
    Frequency.WEEKLY: 7,
    Frequency.MONTHLY: 31,
    Frequency.QUARTERLY: 92,
    Frequency.ANNUAL: 366,
}


def seq(items: Sequence[Hit] | Iterable[Hit]) -> list[Hit]:
    """A list of hits (helper for predicates written as generators)."""
    return list(items)


def period_end(
    value: dt.date | str | None,
    today: dt.date | None = None,
    fiscal_start: int = FISCAL_START,
) -> dt.date | None:
    """The last day of a deadline or period label, or None if it is not one krakit reads.

    Every spelling the time reader accepts ("FY2020", "spring 2020", "Q2 2020") and every
    period label of actuals ("2026-Q1", "Apr-26", "Q1 FY27") is read, fiscal years on
    ``fiscal_start`` (April by default).

    Examples
    --------
    >>> period_end("2026-Q1"), period_end("March 2027"), period_end("FY2026-27")
    (datetime.date(2026, 3, 31), datetime.date(2027, 3, 31), datetime.date(2027, 3, 31))
    >>> period_end("FY27", fiscal_start=7)
    datetime.date(2027, 6, 30)
    """
    when = deadline_when(value, today or dt.date.today(), fiscal_start)
    return when.end if when is not None else None


def deadline_when(
    value: dt.date | str | None, today: dt.date, fiscal_start: int = FISCAL_START
) -> When | None:
    """A deadline, a period label or a date as a typed :class:`~krakit.periods.When`.

    A period label ("2026-Q1", "FY2026-27", "Apr-26") is read by :mod:`krakit.periods`, any
    other wording by the time reader; None when it names no time krakit reads.

    Examples
    --------
    >>> w = deadline_when("by the end of FY27", dt.date(2026, 1, 15), fiscal_start=10)
    >>> w.start, w.end
    (datetime.date(2026, 10, 1), datetime.date(2027, 9, 30))
    """
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return When("deadline", value.isoformat(), value, value, "day", named=False)
    return _read_deadline(str(value).strip(), today, fiscal_start)


@lru_cache(maxsize=8192)
def _read_deadline(raw: str, today: dt.date, fiscal_start: int) -> When | None:
    try:
        return period_when(raw, fiscal_start)
    except KrakitError:
        from krakit.text.time import read_when

        return read_when(raw, today, fiscal_start)


def fiscal_start(scorecard: Scorecard | None, config: CheckConfig | None = None) -> int:
    """The month fiscal years begin in for this check: the scorecard's setting, else the
    check's (``CheckConfig.fiscal_year_start``), else April (:data:`FISCAL_START`).

    Examples
    --------
    >>> fiscal_start(None), fiscal_start(None, CheckConfig(fiscal_year_start=7))
    (4, 7)
    """
    scoring = scorecard.scoring if scorecard is not None else None
    if scoring is not None and scoring.fiscal_year_start is not None:
        return scoring.fiscal_year_start
    if config is not None and config.fiscal_year_start is not None:
        return config.fiscal_year_start
    return FISCAL_START


@lru_cache(maxsize=1024)
def card_period(label: str | None, today: dt.date, fiscal: int) -> When | None:
    """The scorecard's period ("FY2026-27", "2026", "Q3 FY27") with its first and last day,
    or None when it has none krakit reads.

    Examples
    --------
    >>> card_period("FY2026-27", dt.date(2026, 1, 15), 7).end
    datetime.date(2027, 6, 30)
    """
    if not label or not label.strip():
        return None
    when = deadline_when(label, today, fiscal)
    return when if when is not None and when.start is not None and when.end is not None else None


_EVENT_CADENCE = re.compile(
    r"\b(?:each|every|per|at each|at every|after each|after every)\s+(?:\w+\s+)?"
    r"(?:sprint|release|cycle|shift|batch|launch|audit|review|payroll|run|close|season|term|"
    r"semester|project|iteration|quarter|month|week|day|year|campaign|event|period|"
    r"sign-?off|intake|hiring cycle|appraisal)s?\b",
    re.IGNORECASE,
)
_LOWER = re.compile(
    r"\b(time|cost|costs|attrition|churn|errors?|defects?|complaints?|absenteeism|turnover|"
    r"downtime|backlog|delays?|days|outstanding|overdue|incidents?|rejections?|wastage)\b",
    re.IGNORECASE,
)
_UNIT_WORDS = {"%": "%", "days": " days", "hours": " hours", "currency": "", "score": ""}


def rewrite(ctx: KPIContext) -> str:
    """A concrete SMART rewrite to suggest for a statement: a measure, from, to, by when.

    The measure is the statement's own metric when it has one, else the template library's
    first metric for the statement's area; the numbers are placeholders for the manager.
    """
    metric, polarity, unit = ctx.metric, ctx.polarity, ctx.unit or ""
    if not metric or ctx.is_kra:
        suggestion = _suggestion(ctx.text)
        if suggestion is not None:
            metric, polarity, unit = suggestion
    if not metric:
        return "Reduce time to hire from 45 to 30 days by Q3 2027"
    if ctx.draft.direction is None and metric == ctx.metric and _LOWER.search(metric):
        polarity = Polarity.LOWER_IS_BETTER
    verb = "Reduce" if polarity is Polarity.LOWER_IS_BETTER else "Raise"
    if metric[:1].isupper() and not metric[1:2].isupper():
        metric = metric[0].lower() + metric[1:]
    suffix = _UNIT_WORDS.get(unit, f" {unit}" if unit and unit != "count" else "")
    return f"{verb} {metric} from <today's value>{suffix} to <target>{suffix} by <date>"


@lru_cache(maxsize=4096)
def _suggestion(text: str) -> tuple[str, Polarity, str] | None:
    try:
        from krakit.library import suggest_kpis
    except ImportError:
        return None
    found = suggest_kpis(text, n=1)
    if not found:
        return None
    return found[0].name, found[0].polarity, found[0].unit
