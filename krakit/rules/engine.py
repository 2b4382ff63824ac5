"""Run the rule catalogue over a statement, a KPI, a KRA or a whole scorecard."""

from __future__ import annotations

import datetime as dt
import re
import sys
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from types import FunctionType, ModuleType
from typing import TYPE_CHECKING, Any

from krakit.errors import ConfigError
from krakit.model import KPI, KRA, Scorecard
from krakit.rules.base import Finding, Hit, Rule, Severity, Status
from krakit.rules.config import CheckConfig, matches, normalise_codes
from krakit.rules.context import KPIContext, KRAContext, Peers, ScorecardContext

if TYPE_CHECKING:
    from krakit.text.draft import Classification, KPIDraft

__all__ = ["check", "classify_text", "forget", "parse"]

Checkable = Scorecard | KRA | KPI | str


@lru_cache(maxsize=65_536)
def parse(text: str) -> KPIDraft:
    """:func:`krakit.parse_kpi`, remembered (a re-check after an edit re-parses nothing)."""
    from krakit.text.parse import parse_kpi

    return parse_kpi(text)


@lru_cache(maxsize=65_536)
def classify_text(text: str) -> Classification:
    """:func:`krakit.classify`, remembered (without KPI suggestions: no rule reads them)."""
    from krakit.text.classify import classify

    return classify(text, suggest=False)


def forget() -> None:
    """Forget everything krakit remembers between checks: parses, classifications, word
    lists, rule sets, settings (so the next check runs cold, as in a new kernel).

    Examples
    --------
    >>> forget()
    >>> [f.code for f in check("Recruitment")]
    ['C001', 'M002', 'T001']
    """
    for name, module in list(sys.modules.items()):
        if module is None or (name != "krakit" and not name.startswith("krakit.")):
            continue
        for value in list(vars(module).values()):
            if isinstance(value, FunctionType | ModuleType | type):
                continue  # a remembered function is a functools wrapper, not a plain one
            clear = getattr(value, "cache_clear", None)
            if callable(clear):
                clear()
    _SETTINGS.clear()
    _RULE_SETS.clear()


@dataclass(slots=True)
class _Plan:
    """The rules that run, split by scope, and the settings."""

    config: CheckConfig
    today: dt.date
    kpi: tuple[Rule, ...]
    kra: tuple[Rule, ...]
    scorecard: tuple[Rule, ...]
    known: frozenset[str]
    prefixes: frozenset[str]
    findings: list[Finding]
    tick: Callable[[], None] | None = None

    def unknown(self, codes: Iterable[str]) -> list[str]:
        return [c for c in codes if c not in self.prefixes]

    def report_unknown(self, codes: Iterable[str], where: str) -> None:
        """Add an X001 finding for each code (an ignore mapping's keys) no rule has."""
        unknown = self.unknown(codes)
        if not unknown or matches("X001", self.config.ignore):
            return
        from krakit.rules.meta import UNKNOWN_CODE

        for code in unknown:
            self.findings.append(_finding(UNKNOWN_CODE, Hit(values={"code": code}), where, {}))


_RuleSets = tuple[
    frozenset[str], frozenset[str], tuple[Rule, ...], tuple[Rule, ...], tuple[Rule, ...]
]
_RULE_SETS: dict[tuple[int, tuple[str, ...], tuple[str, ...]], tuple[object, _RuleSets]] = {}


def _rule_sets(select: tuple[str, ...], ignore: tuple[str, ...]) -> _RuleSets:
    """Known codes, their prefixes and the active rules by scope (worked out once per choice)."""
    from krakit.rules import _catalogue

    catalogue = _catalogue()
    key = (id(catalogue), select, ignore)
    cached = _RULE_SETS.get(key)
    if cached is not None and cached[0] is catalogue:
        return cached[1]
    known = frozenset(r.code for r in catalogue)
    prefixes = frozenset(r.code[:i] for r in catalogue for i in range(1, 5))
    active = [
        r
        for r in catalogue
        if r.status is not Status.REMOVED
        and (not select or matches(r.code, select))
        and not matches(r.code, ignore)
    ]
    sets = (
        known,
        prefixes,
        tuple(r for r in active if r.scope == "kpi"),
        tuple(r for r in active if r.scope == "kra"),
        tuple(r for r in active if r.scope == "scorecard"),
    )
    if len(_RULE_SETS) > 256:
        _RULE_SETS.clear()
    _RULE_SETS[key] = (catalogue, sets)
    return sets


_DEFAULT = CheckConfig()
_SETTINGS: dict[tuple[int, tuple[str, ...], tuple[str, ...]], tuple[CheckConfig, CheckConfig]] = {}


def _settings(
    config: CheckConfig | None,
    select: Iterable[str] | str | None,
    ignore: Iterable[str] | str | None,
) -> CheckConfig:
    """``config`` with ``select`` and ``ignore`` added, worked out once per choice (a re-check
    after each keystroke asks for the same settings again). Settings are frozen, so the same
    object means the same settings; hashing one would cost more than the copy it saves."""
    config = config or _DEFAULT
    key = (id(config), normalise_codes(select), normalise_codes(ignore))
    cached = _SETTINGS.get(key)
    if cached is not None and cached[0] is config:
        return cached[1]
    settings = config.model_copy(
        update={
            "select": normalise_codes([*config.select, *key[1]]),
            "ignore": normalise_codes([*config.ignore, *key[2]]),
        }
    )
    if len(_SETTINGS) > 256:
        _SETTINGS.clear()
    _SETTINGS[key] = (config, settings)
    return settings


def _plan(config: CheckConfig, today: dt.date) -> _Plan:
    known, prefixes, kpi, kra, scorecard = _rule_sets(tuple(config.select), tuple(config.ignore))
    bad = [c for c in config.select if c not in prefixes]
    if bad:
        raise ConfigError(
            f"'{bad[0]}' is not a rule code or prefix; see 'krakit rules' for the list",
            field="select",
            value=bad[0],
        )
    plan = _Plan(
        config=config,
        today=today,
        kpi=kpi,
        kra=kra,
        scorecard=scorecard,
        known=known,
        prefixes=prefixes,
        findings=[],
    )
    plan.report_unknown(config.ignore, "ignore")
    return plan


def _finding(
    rule: Rule,
    hit: Hit,
    base: str | None,
    values: dict[str, Any],
    example: Callable[[], str] | None = None,
) -> Finding:
    merged = _Values(values)
    merged.update(hit.values)
    if "example" not in merged and example is not None and "{example}" in (rule.fix or ""):
        merged["example"] = example()
    message = _format(rule.message, merged)
    advice = _format(rule.fix, merged) if rule.fix else ""
    if advice:
        sep = " " if message.endswith(("?", "!", ".", ":")) else ". "
        message = f"{message}{sep}{advice}"
    where = base
    if hit.where and "[" in hit.where:
        where = hit.where
    elif hit.where and base is not None:
        where = f"{base}.{hit.where}" if base else hit.where
    return Finding(
        code=rule.code,
        rule=rule.name,
        severity=rule.severity,
        message=message,
        where=where or "",
        span=hit.span,
        fix=hit.fix,
    )


class _Values(dict[str, Any]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def _format(template: str, values: _Values) -> str:
    return template.format_map(values)


def _once(make: Callable[[], str]) -> Callable[[], str]:
    """``make``, called at most once (the rewrite a fix suggests is worked out once per item,
    and only when a message asks for it)."""
    made: list[str] = []

    def get() -> str:
        if not made:
            made.append(make())
        return made[0]

    return get


def _run(
    rules: Iterable[Rule], ctx: Any, base: str | None, ignore: tuple[str, ...]
) -> list[Finding]:
    out: list[Finding] = []
    values: dict[str, Any] | None = None  # what messages say, worked out at the first hit
    example = None
    for rule in rules:
        if ignore and matches(rule.code, ignore):
            continue
        hits = rule.run(ctx)
        if not hits:
            continue
        if values is None:
            values = ctx.values()
            example = _once(ctx.example) if hasattr(ctx, "example") else None
        for hit in hits:
            out.append(_finding(rule, hit, base, values, example))
    if len(out) > 1:
        out.sort(key=_most_serious_first)
    return out


_RANK = {severity: severity.rank for severity in Severity}


def _most_serious_first(finding: Finding) -> tuple[int, str]:
    return -_RANK[finding.severity], finding.code


def _kpi_context(
    kpi: KPI,
    plan: _Plan,
    *,
    kra: KRA | None = None,
    scorecard: Scorecard | None = None,
    peers: Peers | None = None,
) -> KPIContext:
    from krakit.text.draft import KPIDraft

    text = kpi.statement or ""
    draft = parse(text) if text.strip() else KPIDraft(text="")
    classification = None
    # A record whose metric is only what the parser read (the guided KPI step's form) is judged
    # like the statement, so the step's badges and `check` of the sentence agree; a metric
    # someone typed in is taken at their word.
    parsed_metric = kpi.metric is None or kpi.metric == draft.metric
    if text.strip() and parsed_metric and kpi.target is None and kpi.target_low is None:
        classification = classify_text(text)
    return KPIContext.build(
        draft,
        today=plan.today,
        config=plan.config,
        kpi=kpi,
        kra=kra,
        scorecard=scorecard,
        classification=classification,
        peers=peers,
    )


def _check_kpi(
    kpi: KPI,
    plan: _Plan,
    base: str,
    ignore: tuple[str, ...],
    *,
    kra: KRA | None = None,
    scorecard: Scorecard | None = None,
    peers: Peers | None = None,
) -> KPIContext:
    if plan.tick is not None:
        plan.tick()
    plan.report_unknown(_codes(kpi.ignore), f"{base}.ignore" if base else "ignore")
    ctx = _kpi_context(kpi, plan, kra=kra, scorecard=scorecard, peers=peers)
    plan.findings += _run(plan.kpi, ctx, base, ignore + _codes(kpi.ignore))
    return ctx


def _check_kra(
    kra: KRA,
    plan: _Plan,
    base: str,
    ignore: tuple[str, ...],
    scorecard: Scorecard | None,
    ctxs: dict[str, KPIContext] | None = None,
    paths: dict[str, str] | None = None,
) -> None:
    plan.report_unknown(_codes(kra.ignore), f"{base}.ignore" if base else "ignore")
    ignore = ignore + _codes(kra.ignore)
    ctx = KRAContext(kra=kra, today=plan.today, config=plan.config, scorecard=scorecard)
    plan.findings += _run(plan.kra, ctx, base, ignore)
    peers = Peers.of(kra)
    for kpi in kra.kpis:
        path = f"{base}.kpis[{kpi.id}]" if base else f"kpis[{kpi.id}]"
        kctx = _check_kpi(kpi, plan, path, ignore, kra=kra, scorecard=scorecard, peers=peers)
        if ctxs is not None and paths is not None:
            ctxs[kpi.id], paths[kpi.id] = kctx, path


def _codes(ignore: Mapping[str, str] | Iterable[str]) -> tuple[str, ...]:
    """The codes of an ignore mapping (code -> reason) or list, upper-cased."""
    return tuple(code.upper() for code in ignore) if ignore else ()


_PATH = re.compile(r"(kras\[[^\]]+\])|((?:unassigned_)?kpis\[[^\]]+\])")


def _check_scorecard(sc: Scorecard, plan: _Plan) -> None:
    plan.report_unknown(_codes(sc.ignore), "ignore")
    top = _codes(sc.ignore)
    ctxs: dict[str, KPIContext] = {}
    paths: dict[str, str] = {}
    for kra in sc.kras:
        _check_kra(kra, plan, f"kras[{kra.id}]", top, sc, ctxs, paths)
    for kpi in sc.unassigned_kpis:
        path = f"unassigned_kpis[{kpi.id}]"
        ctxs[kpi.id] = _check_kpi(kpi, plan, path, top, scorecard=sc)
        paths[kpi.id] = path
    if not plan.scorecard:
        return
    ctx = ScorecardContext(
        scorecard=sc, today=plan.today, config=plan.config, kpis=ctxs, paths=paths
    )
    kra_ignore = {f"kras[{k.id}]": _codes(k.ignore) for k in sc.kras if k.ignore}
    kpi_ignore = {paths[k.id]: _codes(k.ignore) for k in sc.all_kpis() if k.ignore}
    for finding in _run(plan.scorecard, ctx, "", top):
        local: tuple[str, ...] = ()
        for kra_part, _kpi_part in _PATH.findall(finding.where):
            local += kra_ignore.get(kra_part, ())
        for key, codes in kpi_ignore.items():
            if finding.where.startswith(key):
                local += codes
        if not (local and matches(finding.code, local)):
            plan.findings.append(finding)


def check(
    obj: Checkable | KPIDraft,
    *,
    select: Iterable[str] | str | None = None,
    ignore: Iterable[str] | str | None = None,
    today: dt.date | None = None,
    config: CheckConfig | None = None,
    progress: Callable[[], None] | None = None,
) -> list[Finding]:
    """Check a scorecard, a KRA, a KPI or a KPI statement and return what is wrong.

    A plain string is treated as a KPI a manager has offered: it is parsed and classified
    first, so a KRA offered as a KPI draws ``C001``, a KPI with no target ``M002``, and a
    SMART-complete KPI no error.

    Parameters
    ----------
    obj
        What to check.
    select, ignore
        Rule codes or prefixes (``"M"``, ``"W00"``, ``"T001"``) to run only / to skip; added
        to those in ``config``. Ignore lists in the scorecard, a KRA or a KPI (``ignore:``)
        apply there; an unknown code in any ignore list is reported as ``X001``.
    today
        The date deadlines and freshness are judged against (default: today).
    config
        Thresholds such as ``max_kpis_per_kra``.
    progress
        Called once per KPI checked (for a progress bar).

    Returns
    -------
    list[Finding]
        In the order of the scorecard, most serious first within each item.

    Raises
    ------
    ConfigError
        ``select`` names a code that no rule has.

    Examples
    --------
    >>> import krakit
    >>> [f.code for f in krakit.check("Recruitment")]
    ['C001', 'M002', 'T001']
    """
    config = _settings(config, select, ignore)
    plan = _plan(config, today or dt.date.today())
    plan.tick = progress
    if isinstance(obj, Scorecard):
        _check_scorecard(obj, plan)
    elif isinstance(obj, KRA):
        _check_kra(obj, plan, "", (), None)
    elif isinstance(obj, KPI):
        _check_kpi(obj, plan, "", ())
    elif isinstance(obj, str):
        ctx = KPIContext.build(
            parse(obj),
            today=plan.today,
            config=config,
            classification=classify_text(obj) if obj.strip() else None,
            offered=True,
        )
        plan.findings += _run(plan.kpi, ctx, None, ())
    else:
        from krakit.text.draft import KPIDraft

        if not isinstance(obj, KPIDraft):
            raise TypeError(
                f"check() takes a Scorecard, KRA, KPI, KPIDraft or str, not {type(obj).__name__}"
            )
        ctx = KPIContext.build(obj, today=plan.today, config=config, offered=True)
        plan.findings += _run(plan.kpi, ctx, None, ())
    return plan.findings
