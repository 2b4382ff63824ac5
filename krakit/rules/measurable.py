"""Measurable rules (M): a KPI names an indicator and a number to reach."""

from __future__ import annotations

import re

from krakit.model import ScoringConfig, TargetType
from krakit.rules.base import Fix, Hit, Rule, Severity
from krakit.rules.context import KPIContext
from krakit.rules.deadlines import period_end
from krakit.rules.words import load_words, word_pattern

__all__ = [
    "DIRECTION_WITHOUT_MAGNITUDE",
    "NO_METRIC",
    "NO_TARGET",
    "NUMBER_WITHOUT_UNIT",
    "SLABS_IGNORED",
    "SLAB_POINTS_FALL",
    "SLAB_POINTS_OVER_CAP",
]

_DORAN = "SMART criteria: Measurable (Doran, 1981)"


def _no_metric(ctx: KPIContext) -> bool:
    return not ctx.is_kra and not ctx.metric and not ctx.milestone


NO_METRIC = Rule(
    code="M001",
    name="no-metric",
    severity=Severity.ERROR,
    message="'{text}' does not name what is measured (a rate, a count, a time, an amount)",
    why="A number without an indicator cannot be tracked: 95% of what?",
    bad=("Achieve 95% by March 2027",),
    good=("Achieve 95% first-call resolution rate by March 2027",),
    source=_DORAN,
    fix="Name the indicator, e.g. 'Raise first-call resolution rate to 95% by March 2027'.",
    smart="M",
    test=_no_metric,
)


def _no_target(ctx: KPIContext) -> Hit | None:
    if ctx.has_target:
        return None
    return Hit(where="target")


NO_TARGET = Rule(
    code="M002",
    name="no-target",
    severity=Severity.ERROR,
    message="'{text}' has no target: nothing says what result counts as success",
    why="Without a number to reach, the KPI cannot be scored and everyone reads it differently.",
    bad=("Customer satisfaction score", "Improve employee engagement"),
    good=("Raise customer satisfaction score from 7.8 to 8.5 by Q4 2027",),
    source=_DORAN + "; common KPI mistakes: 'no target' (Parmenter, 2019)",
    fix="Add a number and a timeframe, e.g. '{example}'.",
    smart="M",
    test=_no_target,
)


def _direction_without_magnitude(ctx: KPIContext) -> Hit | None:
    if ctx.has_target or (ctx.kpi is not None and ctx.kpi.target_type == "milestone"):
        return None
    if any(map(str.isdigit, ctx.text)):
        return None
    found = load_words("direction_verbs").first(ctx.text)
    if found is None:
        return None
    m = found
    return Hit(values={"verb": m.group(0)}, span=m.span(), where="statement")


DIRECTION_WITHOUT_MAGNITUDE = Rule(
    code="M003",
    name="direction-without-magnitude",
    severity=Severity.WARNING,
    message="'{verb}' says which way to go but not how far: '{text}' has no number",
    why="'Improve' is met by any change at all, so the KPI can never be missed or beaten.",
    bad=("Improve employee engagement", "Optimize the hiring process"),
    good=("Raise employee engagement score from 62 to 70 by December 2027",),
    source=_DORAN + "; " + load_words("direction_verbs").source,
    fix="Say from what to what, and by when, e.g. '{example}'.",
    smart="M",
    test=_direction_without_magnitude,
)

_RATIO = re.compile(
    r"\b(return on|ratio|index|roas|roi|multiple|per|frequency|score|rating|nps)\b", re.I
)
_EXPECTED = {
    "money": "an amount in a currency (INR, USD...)",
    "time": "days or hours",
    "percent": "a percentage",
}


def _number_without_unit(ctx: KPIContext) -> Hit | None:
    if ctx.target is None or ctx.relative or ctx.unit not in (None, "", "count"):
        return None
    name = ctx.metric or ctx.text
    if ctx.kpi is not None and ctx.kpi.unit not in (None, "", "count"):
        return None  # "count" is what the parser writes for a bare number: still 30 what?
    low = name.lower()
    if _RATIO.search(name):
        return None
    span = ctx.draft.spans.get("target")
    if span and re.match(r"\s*(?:per|x\b|times|/|out of|on\b)", ctx.text[span[1] :], re.I):
        return None  # "0.5 per million hours", "4x", "4.2 out of 5"
    if low.startswith(("number of", "no. of", "no of", "count of", "# of", "#")):
        return None
    for kind in ("money", "time", "percent"):
        if word_pattern("measure_words", kind).search(name):
            value = "%" if kind == "percent" and ctx.kpi is not None else None
            return Hit(values={"expected": _EXPECTED[kind]}, where="unit", fix=value)
    return None


NUMBER_WITHOUT_UNIT = Rule(
    code="M004",
    name="number-without-unit",
    severity=Severity.WARNING,
    message="The target {target} in '{text}' has no unit: is it {expected}?",
    why="A bare number is read differently by each reader (30 what? days, hours, percent?).",
    bad=("Reduce average handling time to 30 by March 2027",),
    good=("Reduce average handling time to 30 minutes by March 2027",),
    source=_DORAN + "; " + load_words("measure_words").source,
    fix="Write the unit next to the number, e.g. '30 minutes', '₹5 lakh', '12%'.",
    autofix=Fix(
        title="Set the unit to '{value}'",
        action="set",
        example="role: {title: Recruiter}\nholder: Asha\nkras:\n- title: Recruitment\n  kpis:\n"
        "  - {statement: Raise offer acceptance rate to 85 by March 2027, "
        "metric: offer acceptance rate, target: 85, deadline: March 2027}",
    ),
    smart="M",
    test=_number_without_unit,
)


def _relative_without_baseline(ctx: KPIContext) -> Hit | None:
    if not ctx.relative or ctx.baseline is not None:
        return None
    return Hit(where="baseline", span=ctx.draft.spans.get("target"), fix=_first_actual(ctx))


def _first_actual(ctx: KPIContext) -> str | None:
    """The KPI's earliest recorded actual, as text (None when it has none)."""
    if ctx.kpi is None or ctx.scorecard is None:
        return None
    mine = [a for a in ctx.scorecard.actuals if a.kpi == ctx.kpi.id and a.value is not None]
    fiscal = ctx.fiscal_start
    dated = [
        (end, a.value) for a in mine if (end := period_end(a.period, ctx.today, fiscal)) is not None
    ]
    return f"{min(dated)[1]:.15g}" if dated else None


RELATIVE_WITHOUT_BASELINE = Rule(
    code="M005",
    name="relative-without-baseline",
    severity=Severity.WARNING,
    message="'{text}' sets a change (by {target}{unit}) but not the starting value: of what?",
    why="A change is only measurable against a recorded starting point.",
    bad=("Increase sales by 25% by March 2027",),
    good=("Increase monthly sales from ₹40 lakh to ₹50 lakh by March 2027",),
    source=_DORAN + "; common KPI mistakes: missing baseline (Parmenter, 2019)",
    fix="Write today's value too, e.g. 'from ₹40 lakh to ₹50 lakh', or set the baseline field.",
    autofix=Fix(
        title="Take its first recorded actual, {value}, as the starting value",
        action="set",
        example="role: {title: Sales executive}\nholder: Asha\nkras:\n- title: Sales revenue\n"
        "  kpis:\n  - {id: sales, statement: Increase monthly sales by 25% by March 2027}\n"
        "actuals:\n- {kpi: sales, period: 2026-10, value: 4200000}\n"
        "- {kpi: sales, period: 2026-09, value: 4000000}",
    ),
    smart="M",
    test=_relative_without_baseline,
)

_SLAB_PLAN = "Slab incentive plans (stepped payout by % of target achieved)"
_SLABS = "[{at: 80, points: 50}, {at: 90, points: 80}, {at: 100, points: 100}]"


def _slabs_ignored(ctx: KPIContext) -> Hit | None:
    kpi = ctx.kpi
    if kpi is None or not kpi.slabs or kpi.target_type is TargetType.SLAB:
        return None
    return Hit(values={"type": kpi.target_type.value}, where="slabs")


SLABS_IGNORED = Rule(
    code="M006",
    name="slabs-ignored",
    severity=Severity.WARNING,
    message="'{text}' lists slabs but is scored as {type}: the slabs are not used",
    why="A manager who wrote slabs expects the points they give, not a plain ratio.",
    bad=(f"{{metric: Dealer billing, target: 400000, slabs: {_SLABS}}}",),
    good=(f"{{metric: Dealer billing, target: 400000, target_type: slab, slabs: {_SLABS}}}",),
    source=_SLAB_PLAN,
    fix="Set target_type to slab to score by the slabs, or delete the slabs.",
    examples="kpi",
    smart="M",
    test=_slabs_ignored,
)


def _slab_points_fall(ctx: KPIContext) -> Hit | None:
    kpi = ctx.kpi
    if kpi is None or kpi.target_type is not TargetType.SLAB or not kpi.slabs:
        return None
    for below, slab in zip(kpi.slabs, kpi.slabs[1:], strict=False):
        if slab.points < below.points:
            values = {"at": f"{slab.at:g}", "points": f"{slab.points:g}"}
            values["less"] = f"{below.points:g}"
            return Hit(values=values, where="slabs")
    return None


SLAB_POINTS_FALL = Rule(
    code="M007",
    name="slab-points-fall",
    severity=Severity.WARNING,
    message="'{text}': the slab at {at}% of target scores {points} points, fewer than the slab "
    "below it ({less})",
    why="Doing better would score less, which nobody means to pay for.",
    bad=(
        "{metric: Dealer billing, target: 400000, target_type: slab, slabs: "
        "[{at: 80, points: 60}, {at: 100, points: 50}]}",
    ),
    good=(f"{{metric: Dealer billing, target: 400000, target_type: slab, slabs: {_SLABS}}}",),
    source=_SLAB_PLAN,
    fix="List the points from the lowest slab up, each at least the one before.",
    examples="kpi",
    smart="M",
    test=_slab_points_fall,
)


def _slab_points_over_cap(ctx: KPIContext) -> Hit | None:
    kpi = ctx.kpi
    if kpi is None or kpi.target_type is not TargetType.SLAB or not kpi.slabs:
        return None
    scoring = ctx.scorecard.scoring if ctx.scorecard is not None else None
    cap = (scoring or ScoringConfig()).cap
    top = max(kpi.slabs, key=lambda slab: slab.points)
    if top.points <= cap:
        return None
    values = {"at": f"{top.at:g}", "points": f"{top.points:g}", "cap": f"{cap:g}"}
    return Hit(values=values, where="slabs")


SLAB_POINTS_OVER_CAP = Rule(
    code="M008",
    name="slab-points-over-cap",
    severity=Severity.WARNING,
    message="'{text}': the slab at {at}% scores {points} points, above the scoring cap of "
    "{cap}%, so it counts as {cap}",
    why="A slab above the cap promises points the score never gives.",
    bad=(
        "{metric: Dealer billing, target: 400000, target_type: slab, slabs: "
        "[{at: 100, points: 100}, {at: 120, points: 150}]}",
    ),
    good=(f"{{metric: Dealer billing, target: 400000, target_type: slab, slabs: {_SLABS}}}",),
    source=_SLAB_PLAN,
    fix="Lower the slab's points to the cap, or raise the cap in the scorecard's scoring section.",
    examples="kpi",
    smart="M",
    test=_slab_points_over_cap,
)

__rules__ = (
    NO_METRIC,
    NO_TARGET,
    DIRECTION_WITHOUT_MAGNITUDE,
    NUMBER_WITHOUT_UNIT,
    RELATIVE_WITHOUT_BASELINE,
    SLABS_IGNORED,
    SLAB_POINTS_FALL,
    SLAB_POINTS_OVER_CAP,
)
