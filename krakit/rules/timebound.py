"""Time-bound rules (T): a KPI must say by when, or how often."""

from __future__ import annotations

from krakit.rules.base import Fix, Hit, KPIContext, Rule, Severity, load_words

__all__ = ["NO_TIMEFRAME", "VAGUE_TIMEFRAME"]

_SMART_T = "SMART criteria: Time-related (Doran, 1981)"
_CARD = (
    "role: {title: Recruiter}\nholder: Asha\nkras:\n- title: Recruitment\n  kpis:\n"
    "  - {statement: Reduce time to hire from 45 to 30 days, frequency: monthly}\n"
)


def _kra_cadence(ctx: KPIContext) -> str | None:
    """The frequency most KPIs of the same KRA are measured at (None if none has one)."""
    return ctx.peers.cadence if ctx.peers is not None and ctx.kpi is not None else None


def _no_timeframe(ctx: KPIContext) -> Hit | None:
    # with or without a target: the T badge is red exactly when a T finding stands
    if ctx.has_timeframe:
        return None
    if load_words("vague_time").first(ctx.text):
        return None  # T002 says it more precisely
    has = "a target but " if ctx.has_target else ""
    return Hit(values={"has": has}, where="deadline", fix=_kra_cadence(ctx))


NO_TIMEFRAME = Rule(
    code="T001",
    name="no-timeframe",
    severity=Severity.WARNING,
    message="'{text}' has {has}no timeframe: by when, or how often?",
    why="Without a date or a cadence no one can tell whether the target was met.",
    bad=("Raise offer acceptance rate to 85%", "Improve quality"),
    good=("Raise offer acceptance rate to 85% by March 2027", "Keep attrition below 12% per year"),
    source=_SMART_T,
    fix="Add a deadline or a cadence, e.g. '… by March 2027' or '… every month'.",
    autofix=Fix(
        title="Measure it {value}, like the other KPIs of its KRA",
        action="cadence",
        example=_CARD + "  - statement: Raise offer acceptance rate from 70% to 85%",
    ),
    smart="T",
    test=_no_timeframe,
)


def _vague_timeframe(ctx: KPIContext) -> Hit | None:
    if ctx.has_timeframe:
        return None
    words = load_words("vague_time")
    found = words.first(ctx.text)
    if found is None:
        return None
    m = found
    term = " ".join(m.group(0).lower().split())
    return Hit(
        values={"term": m.group(0), "swap": words.swap_for(term) or "a date"},
        span=m.span(),
        where="deadline",
        fix=_kra_cadence(ctx),
    )


VAGUE_TIMEFRAME = Rule(
    code="T002",
    name="vague-timeframe",
    severity=Severity.WARNING,
    message="'{term}' in '{text}' is not a timeframe: replace it with {swap}",
    why="'Soon' and 'regularly' set no date, so the KPI is never late.",
    bad=("Reduce open tickets to 20 soon", "Publish sales reports regularly"),
    good=("Reduce open tickets to 20 by 30 June 2027", "Publish the sales report every Monday"),
    source=load_words("vague_time").source,
    fix="Use a date ('by 30 June 2027') or a cadence ('every month').",
    autofix=Fix(
        title="Measure it {value}, like the other KPIs of its KRA, instead",
        action="cadence",
        example=_CARD + "  - statement: Raise offer acceptance rate from 70% to 85% regularly",
    ),
    smart="T",
    test=_vague_timeframe,
)

__rules__ = (NO_TIMEFRAME, VAGUE_TIMEFRAME)
