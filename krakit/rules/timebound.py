"""Time-bound rules (T): a KPI must say by when, or how often."""

from __future__ import annotations

import datetime as dt
import re

from krakit.periods import When
from krakit.rules.base import Fix, Hit, Rule, Severity
from krakit.rules.context import KPIContext
from krakit.rules.deadlines import FREQUENCY_DAYS, card_period
from krakit.rules.words import load_words

__all__ = [
    "CADENCE_LONGER_THAN_TIME",
    "DEADLINE_BEFORE_PERIOD",
    "DEADLINE_TOO_FAR",
    "NO_TIMEFRAME",
    "VAGUE_TIMEFRAME",
]

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


# -- the deadline against the scorecard's period, and the cadence against both ------------------


def _period(ctx: KPIContext) -> When | None:
    """The scorecard's period as a When (None without a card or a period krakit reads)."""
    sc = ctx.scorecard
    return card_period(sc.period, ctx.today, ctx.fiscal_start) if sc is not None else None


def _day(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


def _named(ctx: KPIContext, when: When) -> str:
    """How a message names the KPI's deadline: as written, else as read."""
    return str(ctx.deadline) if ctx.deadline is not None else when.label


_CLOSING = dt.timedelta(days=92)
"""A deadline this soon after the card's period ends is its closing (final figures, the audit
of the year), reviewed with it."""


def _too_far(ctx: KPIContext) -> Hit | None:
    when = ctx.when
    if when is None or when.end is None or not when.timeframe:
        return None
    period = _period(ctx)
    if period is not None and period.end is not None:
        if when.end <= period.end + _CLOSING:
            return None
        ends = _day(period.end)
        how = f"more than a quarter after this scorecard's period {period.label} ends ({ends})"
        limit = period.label
    else:
        years = when.end.year - ctx.today.year
        if years <= ctx.config.max_horizon_years:
            return None
        how = f"{years} years away"
        limit = f"December {ctx.today.year + 1}"
    values = {"deadline": _named(ctx, when), "how": how, "limit": limit}
    return Hit(values=values, where="deadline", span=ctx.draft.spans.get("deadline"))


DEADLINE_TOO_FAR = Rule(
    code="T003",
    name="deadline-too-far",
    severity=Severity.WARNING,
    message="The deadline {deadline} of '{text}' is {how}: too far out to be reviewed",
    why="A target due after the scorecard is reviewed is never judged: no one is late, and no "
    "one is on track either.",
    bad=(
        "Reduce customer churn from 8% to 5% by 2035",
        "Cut scrap to 2% within the next 10 years",
    ),
    good=(
        "Reduce customer churn from 8% to 5% by March 2027",
        "Cut scrap to 2% over the next 18 months",
    ),
    source="SMART criteria: Time-related (Doran, 1981); performance cycles of a year "
    "(Armstrong's Handbook of Performance Management, 2015)",
    fix="Set a step this scorecard can review (a target by {limit}) and keep the long-term "
    "goal in the KRA's description.",
    smart="T",
    test=_too_far,
)


def _before_period(ctx: KPIContext) -> Hit | None:
    when = ctx.when
    if when is None or when.kind != "deadline" or when.end is None or when.end < ctx.today:
        return None  # a deadline already past is A003's
    period = _period(ctx)
    if period is None or period.start is None or when.end >= period.start:
        return None
    values = {"deadline": _named(ctx, when), "period": period.label, "start": _day(period.start)}
    return Hit(values=values, where="deadline", span=ctx.draft.spans.get("deadline"))


DEADLINE_BEFORE_PERIOD = Rule(
    code="T004",
    name="deadline-before-period",
    severity=Severity.WARNING,
    message="The deadline {deadline} of '{text}' comes before this scorecard's period "
    "{period} begins ({start})",
    why="A KPI due before its scorecard's period starts is scored on no card: it was copied "
    "from the previous one, or it belongs there.",
    bad=(
        "role: {title: Support lead}\nperiod: FY2027-28\nkras:\n- title: Retention\n  kpis:\n"
        "  - statement: Reduce churn from 8% to 5% by December 2026",
    ),
    good=(
        "role: {title: Support lead}\nperiod: FY2027-28\nkras:\n- title: Retention\n  kpis:\n"
        "  - statement: Reduce churn from 8% to 5% by December 2027",
    ),
    source="SMART criteria: Time-related (Doran, 1981)",
    fix="Move the deadline into {period}, or move the KPI to the scorecard of the period it is "
    "due in.",
    examples="scorecard",
    smart="T",
    test=_before_period,
)

_NOUN = {"weekly": "week", "monthly": "month", "quarterly": "quarter", "annual": "year"}
# After "quarterly" these words leave it a cadence ("… quarterly by March"); any other word
# makes it part of the metric's name ("quarterly revenue"), which says nothing about cadence.
_AFTER_CADENCE = re.compile(
    r"\s*(?:$|[,.;:)(]|(?:by|within|in|over|for|until|till|and|to|from|on|at|during|before|"
    r"across|throughout)\b)",
    re.IGNORECASE,
)


_NEXT = re.compile(r"\b(?:next|coming|following)\b", re.IGNORECASE)


def _names_the_metric(ctx: KPIContext) -> bool:
    """The cadence word is an adjective of the metric ("quarterly revenue"), not how often."""
    if ctx.kpi is not None and ctx.kpi.frequency is not None:
        return False
    span = ctx.draft.spans.get("period")
    if span is None:
        return False
    word = ctx.text[span[0] : span[1]].strip().lower()
    if " " in word or not word.endswith(("ly", "annual")):
        return False
    return _AFTER_CADENCE.match(ctx.text, span[1]) is None


def _from_now(ctx: KPIContext) -> bool:
    """The window counts from today ("within the next 30 days"), rather than per item
    ("within 2 days of delivery", "resolved within 15 days": a service level)."""
    span = ctx.draft.spans.get("within")
    return span is not None and _NEXT.search(ctx.text, span[0], span[1]) is not None


def _cadence_vs_time(ctx: KPIContext) -> Hit | None:
    noun = _NOUN.get(ctx.frequency or "")
    if noun is None or _names_the_metric(ctx):
        return None
    cycle = FREQUENCY_DAYS[ctx.frequency]  # type: ignore[index]
    when, period = ctx.when, _period(ctx)
    spans: list[tuple[str, int]] = []
    if when is not None and when.kind == "window" and when.start and when.end and _from_now(ctx):
        spans.append((f"its window ({when.label})", (when.end - when.start).days))
    if period is not None and period.start is not None and period.end is not None:
        spans.append(
            (f"this scorecard's period {period.label}", (period.end - period.start).days + 1)
        )
    for what, days in spans:
        if days < cycle * 0.75:
            values = {"cadence": ctx.frequency, "what": what, "noun": noun}
            return Hit(values=values, where="frequency", span=ctx.draft.spans.get("period"))
    return None


CADENCE_LONGER_THAN_TIME = Rule(
    code="T005",
    name="cadence-longer-than-time",
    severity=Severity.WARNING,
    message="'{text}' is measured {cadence}, but {what} is shorter than a {noun}: it cannot "
    "be measured even once in it",
    why="A cadence longer than the time a KPI has gives no reading before it is judged, so "
    "its score is a guess.",
    bad=(
        "Close 10 enterprise deals every quarter within the next 30 days",
        "Publish the service report monthly within the next 2 weeks",
    ),
    good=(
        "Reduce customer churn to 5% monthly by March 2027",
        "Grow quarterly revenue to ₹5 crore within the next 60 days",
        "Resolve 90% of grievances within 15 days each quarter",
        "Achieve ₹10 crore annual revenue by March 2027",
    ),
    source="SMART criteria: Measurable and Time-related (Doran, 1981); measurement frequency "
    "(Parmenter, Key Performance Indicators, 2019)",
    fix="Measure it more often (e.g. monthly), or give it at least one {noun}.",
    smart="T",
    test=_cadence_vs_time,
)

__rules__ = (
    NO_TIMEFRAME,
    VAGUE_TIMEFRAME,
    DEADLINE_TOO_FAR,
    DEADLINE_BEFORE_PERIOD,
    CADENCE_LONGER_THAN_TIME,
)
