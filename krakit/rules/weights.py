"""Weight rules (W): the weights of a scorecard's KRAs, and of each KRA's KPIs, add up to 100."""

from __future__ import annotations

from collections.abc import Iterator

from krakit.model import WeightMode
from krakit.rules.base import Fix, Hit, Rule, Severity
from krakit.rules.context import ScorecardContext
from krakit.scoring.weights import adds_to_100

__all__ = ["KPI_WEIGHTS_NOT_100", "KRA_WEIGHTS_NOT_100", "WEIGHTS_INCOMPLETE"]

_SC = "role: {title: Recruiter}\n"
_BALANCED = "Balanced scorecard practice (Kaplan & Norton, 1996); Parmenter (2019)"


def _past_100(weights: list[float | None]) -> float | None:
    """The total when it is wrong: all typed and not 100, or some missing and already past 100
    (W003 cannot give the missing ones a rest, so the group must be scaled)."""
    if not weights:
        return None
    total = sum(w for w in weights if w is not None)
    if None in weights:
        return total if total > 100 and not adds_to_100(total) else None
    return None if adds_to_100(total) else total


def _kra_weights(ctx: ScorecardContext) -> Hit | None:
    sc = ctx.scorecard
    total = _past_100([k.weight for k in sc.kras])
    if sc.weights is not WeightMode.PERCENT or total is None:
        return None
    return Hit(values={"total": f"{total:g}"}, where="kras")


KRA_WEIGHTS_NOT_100 = Rule(
    code="W001",
    name="kra-weights-not-100",
    severity=Severity.ERROR,
    message="The KRA weights add up to {total}%, not 100%",
    why="Weights that do not add to 100 make the overall score meaningless.",
    bad=(
        _SC + "kras:\n- {title: Recruitment, weight: 60}\n- {title: Onboarding, weight: 30}",
        _SC + "kras:\n- {title: Sales, weight: 50}\n- {title: Service, weight: 60}\n"
        "- {title: Stock}",
    ),
    good=(_SC + "kras:\n- {title: Recruitment, weight: 60}\n- {title: Onboarding, weight: 40}",),
    source=_BALANCED,
    fix="Adjust the weights so they add to 100, or set 'weights: relative'.",
    autofix=Fix(
        title="Scale the KRA weights so they add to 100, keeping their proportions",
        action="weights",
        example=_SC + "kras:\n- {title: Recruitment, weight: 60}\n- {title: Onboarding, weight: 30}"
        "\n- {title: Employee engagement, weight: 30}",
    ),
    scope="scorecard",
    examples="scorecard",
    test=_kra_weights,
)


def _kpi_weights(ctx: ScorecardContext) -> Iterator[Hit]:
    if ctx.scorecard.weights is not WeightMode.PERCENT:
        return
    for kra in ctx.scorecard.kras:
        total = _past_100([k.weight for k in kra.kpis])
        if total is not None:
            yield Hit(values={"total": f"{total:g}", "kra": kra.title}, where=f"kras[{kra.id}]")


KPI_WEIGHTS_NOT_100 = Rule(
    code="W002",
    name="kpi-weights-not-100",
    severity=Severity.ERROR,
    message="The KPI weights in KRA '{kra}' add up to {total}%, not 100%",
    why="Weights that do not add to 100 distort the KRA's score.",
    bad=(
        _SC + "kras:\n- title: Recruitment\n  kpis:\n  - {metric: Time to hire, weight: 50}\n"
        "  - {metric: Offer acceptance rate, weight: 20}",
    ),
    good=(
        _SC + "kras:\n- title: Recruitment\n  kpis:\n  - {metric: Time to hire, weight: 50}\n"
        "  - {metric: Offer acceptance rate, weight: 50}",
    ),
    source=_BALANCED,
    fix="Adjust the KPI weights in this KRA so they add to 100.",
    autofix=Fix(
        title="Scale the KPI weights of this KRA so they add to 100, keeping their proportions",
        action="weights",
        example=_SC + "kras:\n- title: Recruitment\n  kpis:\n"
        "  - {metric: Time to hire, weight: 50.5}\n  - {metric: Offer acceptance rate, weight: 20}",
    ),
    scope="scorecard",
    examples="scorecard",
    test=_kpi_weights,
)


def _weights_incomplete(ctx: ScorecardContext) -> Iterator[Hit]:
    sc = ctx.scorecard
    groups = [("the KRAs", "kras", [k.weight for k in sc.kras])]
    groups += [(f"KRA '{k.title}'", f"kras[{k.id}]", [p.weight for p in k.kpis]) for k in sc.kras]
    percent = sc.weights is WeightMode.PERCENT
    for label, where, weights in groups:
        given = sum(w is not None for w in weights)
        if 0 < given < len(weights):
            rest = 100 - sum(w for w in weights if w is not None)
            # The fix fills only a real rest; typed weights at or past 100 are the manager's
            # to change (W001/W002 then scale them), never overwritten here.
            fix = f"{round(rest, 2):g}" if percent and rest > 0.005 else None
            values = {"group": label, "given": given, "n": len(weights)}
            yield Hit(values=values, where=where, fix=fix)


WEIGHTS_INCOMPLETE = Rule(
    code="W003",
    name="weights-incomplete",
    severity=Severity.WARNING,
    message="Only {given} of {n} items in {group} have a weight",
    why="With some weights missing, the rest get an equal share no one chose.",
    bad=(_SC + "kras:\n- {title: Recruitment, weight: 60}\n- {title: Onboarding}",),
    good=(_SC + "kras:\n- {title: Recruitment, weight: 60}\n- {title: Onboarding, weight: 40}",),
    source=_BALANCED,
    fix="Give every item a weight, or none (equal shares).",
    autofix=Fix(
        title="Give the items without a weight the rest of 100 ({value}), keeping the typed "
        "weights",
        action="fill-weights",
        example=_SC + "kras:\n- {title: Recruitment, weight: 50}\n- {title: Onboarding}\n"
        "- {title: Employee engagement}\n- {title: Payroll}",
    ),
    scope="scorecard",
    examples="scorecard",
    test=_weights_incomplete,
)


__rules__ = (KRA_WEIGHTS_NOT_100, KPI_WEIGHTS_NOT_100, WEIGHTS_INCOMPLETE)
