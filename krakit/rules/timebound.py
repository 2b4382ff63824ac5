"""Time-bound rules (T): a KPI must say by when, or how often."""

from __future__ import annotations

from krakit.rules.base import Hit, KPIContext, Rule, Severity, load_words

__all__ = ["NO_TIMEFRAME", "VAGUE_TIMEFRAME"]

_SMART_T = "SMART criteria: Time-related (Doran, 1981)"


def _no_timeframe(ctx: KPIContext) -> Hit | None:
    if not ctx.has_target or ctx.has_timeframe:
        return None
    if load_words("vague_time").first(ctx.text):
        return None  # T002 says it more precisely
    return Hit(where="deadline")


NO_TIMEFRAME = Rule(
    code="T001",
    name="no-timeframe",
    severity=Severity.WARNING,
    message="'{text}' has a target but no timeframe: by when, or how often?",
    why="Without a date or a cadence no one can tell whether the target was met.",
    bad=("Raise offer acceptance rate to 85%",),
    good=("Raise offer acceptance rate to 85% by March 2027", "Keep attrition below 12% per year"),
    source=_SMART_T,
    fix="Add a deadline or a cadence, e.g. '… by March 2027' or '… every month'.",
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
    smart="T",
    test=_vague_timeframe,
)

__rules__ = (NO_TIMEFRAME, VAGUE_TIMEFRAME)
