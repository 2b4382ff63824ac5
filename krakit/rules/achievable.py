"""Achievable rules (A): targets that are realistic, and not too easy."""

from __future__ import annotations

import datetime as dt

from krakit.model import Polarity
from krakit.rules.base import Fix, Hit, Rule, Severity
from krakit.rules.context import KPIContext
from krakit.rules.deadlines import period_end
from krakit.rules.fix_values import next_deadline
from krakit.rules.words import load_words

__all__ = [
    "ABSOLUTE_TARGET",
    "DEADLINE_PASSED",
    "IMPLAUSIBLE_JUMP",
    "PERCENT_ABOVE_100",
    "UNAMBITIOUS_TARGET",
]

_SMART_A = "SMART criteria: Realistic (Doran, 1981)"


def _percent_above_100(ctx: KPIContext) -> Hit | None:
    if ctx.unit != "%" or ctx.relative:
        return None
    value = max((v for v in (ctx.target, ctx.target_high) if v is not None), default=None)
    if value is None or value <= 100:
        return None
    if ctx.baseline is not None and ctx.baseline > 100:
        return None  # it already stands above 100%, so this percentage is not capped
    if load_words("capped_percent").first(ctx.text) or load_words("capped_percent").first(
        ctx.metric or ""
    ):
        return None
    return Hit(values={"value": f"{value:g}"}, where="target")


PERCENT_ABOVE_100 = Rule(
    code="A001",
    name="percent-above-100",
    severity=Severity.ERROR,
    message="'{text}' aims for {value}%, but this rate cannot go above 100%",
    why="A target that cannot be reached is ignored, and it hides what was really meant.",
    bad=("Achieve 120% attendance rate every month",),
    good=("Achieve 98% attendance rate every month", "Achieve 120% of sales target in FY2026-27"),
    source=_SMART_A + "; rates and shares are bounded by 100% (Parmenter, 2019)",
    fix="Use a value up to 100%, or say what the percentage is of (e.g. '120% of plan').",
    smart="A",
    test=_percent_above_100,
)


def _latest_actual(ctx: KPIContext) -> float | None:
    if ctx.kpi is None or ctx.scorecard is None:
        return None
    values = [a for a in ctx.scorecard.actuals if a.kpi == ctx.kpi.id and a.value is not None]
    if not values:
        return None
    fiscal = ctx.fiscal_start
    last = max(values, key=lambda a: period_end(a.period, ctx.today, fiscal) or dt.date.min)
    return last.value


def _implausible_jump(ctx: KPIContext) -> Hit | None:
    jump = ctx.config.max_jump
    if ctx.relative and ctx.target is not None:
        if ctx.unit == "%":
            change = ctx.target
            lower = ctx.polarity is Polarity.LOWER_IS_BETTER
            if (lower and change >= 100) or (not lower and change > (jump - 1) * 100):
                return Hit(values={"how": f"a change of {change:g}%"}, where="target")
        return None
    start = ctx.baseline if ctx.baseline is not None else _latest_actual(ctx)
    if not ctx.units_agree or start is None or ctx.target is None or start <= 0 or ctx.threshold:
        return None
    if ctx.polarity is Polarity.HIGHER_IS_BETTER and ctx.target > start * jump:
        return Hit(values={"how": f"{ctx.target / start:.1f} times today's {start:g}"})
    if ctx.polarity is Polarity.LOWER_IS_BETTER and 0 < ctx.target < start / jump:
        return Hit(values={"how": f"a {start / ctx.target:.1f}-fold cut from {start:g}"})
    return None


IMPLAUSIBLE_JUMP = Rule(
    code="A002",
    name="implausible-jump",
    severity=Severity.WARNING,
    message="'{text}' asks for {how}: far beyond where the metric stands",
    why="A stretch that no one believes in stops being a target; people stop trying.",
    bad=(
        "Increase monthly sales from ₹10 lakh to ₹50 lakh by March 2027",
        "Increase website conversion rate by 400% by June 2027",
    ),
    good=("Increase monthly sales from ₹10 lakh to ₹13 lakh by March 2027",),
    source=_SMART_A + "; stretch targets and goal-setting theory (Locke & Latham, 2002)",
    fix="Set a step the team can reach this period, and raise it next period.",
    smart="A",
    test=_implausible_jump,
)


def _deadline_passed(ctx: KPIContext) -> Hit | None:
    # the deadline as read against the card's calendar: "FY27" ends in June 2027 on a card
    # whose fiscal year starts in July, in March 2027 on an Indian one
    when = ctx.when
    if when is None or when.kind != "deadline" or when.end is None:
        return None
    end = when.end
    if end >= ctx.today:
        return None
    period = ctx.scorecard.period if ctx.scorecard is not None else None
    new = next_deadline(end, ctx.today, period)
    return Hit(values={"deadline": str(ctx.deadline)}, where="deadline", fix=new.isoformat())


DEADLINE_PASSED = Rule(
    code="A003",
    name="deadline-passed",
    severity=Severity.WARNING,
    message="The deadline {deadline} of '{text}' is already past",
    why="A target dated in the past cannot be worked towards; it is a record, not a goal.",
    bad=("Reduce time to hire to 30 days by March 2020",),
    good=("Reduce time to hire to 30 days by March 2027",),
    source="SMART criteria: Time-related and Realistic (Doran, 1981)",
    fix="Move the deadline to a future date, or close the KPI.",
    autofix=Fix(
        title="Move the deadline to {value}, the next such date ahead",
        action="move-deadline",
        example="role: {title: Recruiter}\nholder: Asha\nkras:\n- title: Recruitment\n  kpis:\n"
        "  - statement: Reduce time to hire from 45 to 30 days by March 2020",
    ),
    smart="T",
    test=_deadline_passed,
)


_UP = ("increase", "raise", "grow", "improve", "boost", "lift", "expand", "maximi", "higher")
_DOWN = ("reduce", "decrease", "cut", "lower", "minimi", "bring down", "shrink")


def _intended(ctx: KPIContext) -> Polarity:
    """The way the statement's verb points (the record's polarity when it has one)."""
    if ctx.kpi is not None and "polarity" in ctx.kpi.model_fields_set:
        return ctx.kpi.polarity
    span = ctx.draft.spans.get("direction")
    verb = ctx.text[span[0] : span[1]].lower() if span else ""
    if verb.startswith(_UP):
        return Polarity.HIGHER_IS_BETTER
    if verb.startswith(_DOWN):
        return Polarity.LOWER_IS_BETTER
    return ctx.polarity


def _unambitious(ctx: KPIContext) -> Hit | None:
    if ctx.threshold or ctx.target is None:
        return None
    if ctx.relative:
        return Hit(values={"why": "the change is zero or backwards"}) if ctx.target <= 0 else None
    if ctx.baseline is None or not ctx.units_agree:
        return None
    polarity = _intended(ctx)
    if polarity is Polarity.HIGHER_IS_BETTER and ctx.target <= ctx.baseline:
        return Hit(
            values={"why": f"the target {ctx.target:g} is not above today's {ctx.baseline:g}"},
            where="target",
        )
    if ctx.polarity is Polarity.LOWER_IS_BETTER and ctx.target >= ctx.baseline:
        return Hit(
            values={"why": f"the target {ctx.target:g} is not below today's {ctx.baseline:g}"},
            where="target",
        )
    return None


UNAMBITIOUS_TARGET = Rule(
    code="A004",
    name="unambitious-target",
    severity=Severity.WARNING,
    message="'{text}' asks for no improvement: {why}",
    why="A target already met rewards standing still.",
    bad=("Increase NPS from 45 to 40 by March 2027",),
    good=("Increase NPS from 40 to 45 by March 2027", "Maintain NPS at 45 every quarter"),
    source=_SMART_A + "; goal difficulty (Locke & Latham, 2002)",
    fix="Set the target beyond today's value, or make it a threshold to hold ('maintain').",
    smart="A",
    test=_unambitious,
)


def _absolute(ctx: KPIContext) -> Hit | None:
    found = load_words("absolutes").first(ctx.text)
    if found is not None:
        m = found
        return Hit(values={"term": m.group(0)}, span=m.span())
    if ctx.relative or ctx.target is None:
        return None
    if ctx.unit == "%" and ctx.target == 100 and ctx.polarity is not Polarity.LOWER_IS_BETTER:
        return Hit(values={"term": "100%"}, span=ctx.draft.spans.get("target"))
    if ctx.target == 0 and ctx.polarity is Polarity.LOWER_IS_BETTER:
        return Hit(values={"term": "zero"}, span=ctx.draft.spans.get("target"))
    return None


ABSOLUTE_TARGET = Rule(
    code="A005",
    name="absolute-target",
    severity=Severity.SUGGESTION,
    message="'{term}' in '{text}' is an absolute: check that it is meant and reachable",
    why="All-or-nothing targets are missed by a single slip, and then they stop motivating.",
    bad=("Zero customer complaints every month", "Achieve 100% attendance every month"),
    good=("Keep customer complaints below 5 a month", "Achieve 97% attendance every month"),
    source=load_words("absolutes").source,
    fix="Keep it if it is a safety or legal must; otherwise set a level that allows one slip.",
    smart="A",
    test=_absolute,
)

__rules__ = (
    PERCENT_ABOVE_100,
    IMPLAUSIBLE_JUMP,
    DEADLINE_PASSED,
    UNAMBITIOUS_TARGET,
    ABSOLUTE_TARGET,
)
