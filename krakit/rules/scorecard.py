"""Scorecard rules (W): links, counts, balance, duplicates, fresh data (weights: weights.py)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from krakit.model import KRA, Goal, Indicator
from krakit.rules.base import Fix, Hit, Rule, Severity
from krakit.rules.context import ScorecardContext
from krakit.rules.deadlines import FREQUENCY_DAYS, fiscal_start, period_end

__all__ = [
    "DUPLICATE_KPI",
    "KPI_WITHOUT_KRA",
    "KRA_WITHOUT_GOAL",
    "KRA_WITHOUT_KPI",
    "LAGGING_ONLY",
    "NO_GOALS",
    "NO_RECENT_ACTUALS",
    "TOO_MANY_KPIS",
    "TOO_MANY_KPIS_PER_KRA",
    "TOO_MANY_KRAS",
]

_SC = "role: {title: Recruiter}\n"
_BALANCED = "Balanced scorecard practice (Kaplan & Norton, 1996); Parmenter (2019)"


def _kpi_without_kra(ctx: ScorecardContext) -> Iterator[Hit]:
    from krakit.edit import kra_finder

    sc = ctx.scorecard
    if not sc.unassigned_kpis:
        return
    find = kra_finder(sc) if len(sc.kras) > 1 else None
    for kpi in sc.unassigned_kpis:
        name = kpi.metric or kpi.statement or kpi.id
        home = sc.kras[0].id if len(sc.kras) == 1 else None
        if find is not None:
            home = find(f"{kpi.metric or ''} {kpi.statement}".strip() or kpi.id)
        yield Hit(values={"kpi": name}, where=f"unassigned_kpis[{kpi.id}]", fix=home)


KPI_WITHOUT_KRA = Rule(
    code="W004",
    name="kpi-without-kra",
    severity=Severity.WARNING,
    message="The KPI '{kpi}' is not linked to any KRA",
    why="A KPI outside every KRA measures work the role is not accountable for.",
    bad=(_SC + "unassigned_kpis:\n- {metric: Time to hire}",),
    good=(_SC + "kras:\n- title: Recruitment\n  kpis:\n  - {metric: Time to hire}",),
    source=_BALANCED,
    fix="Move it under the KRA it measures, or drop it.",
    autofix=Fix(
        title="Move it under the KRA it most likely measures ({value})",
        action="move-kpi",
        example=_SC + "kras:\n- title: Recruitment\n  kpis:\n  - {metric: Offer acceptance rate}\n"
        "- title: Payroll\nunassigned_kpis:\n- {metric: Time to hire}",
    ),
    scope="scorecard",
    examples="scorecard",
    test=_kpi_without_kra,
)


def _kra_without_kpi(ctx: ScorecardContext) -> Iterator[Hit]:
    for kra in ctx.scorecard.kras:
        if not kra.kpis:
            yield Hit(values={"kra": kra.title}, where=f"kras[{kra.id}]")


KRA_WITHOUT_KPI = Rule(
    code="W005",
    name="kra-without-kpi",
    severity=Severity.WARNING,
    message="The KRA '{kra}' has no KPI, so no one can tell how it is going",
    why="An area without a measure is never reviewed on evidence.",
    bad=(_SC + "kras:\n- {title: Onboarding}",),
    good=(
        _SC + "kras:\n- title: Onboarding\n  kpis:\n  - {metric: 90-day retention of new hires}",
    ),
    source=_BALANCED,
    fix="Add one to three KPIs that show progress in this area.",
    scope="scorecard",
    examples="scorecard",
    test=_kra_without_kpi,
)


def _kra_without_goal(ctx: ScorecardContext) -> Iterator[Hit]:
    goals = ctx.scorecard.goals
    if not goals and not any(kra.goals for kra in ctx.scorecard.kras):
        return  # no goals anywhere: W007 says so once (KRAs naming goal-tree ids count)
    for kra in ctx.scorecard.kras:
        if not kra.goals:
            yield Hit(
                values={"kra": kra.title}, where=f"kras[{kra.id}].goals", fix=_goal_for(kra, goals)
            )


def _goal_for(kra: KRA, goals: list[Goal]) -> str | None:
    """The only goal, or the one goal sharing words with the KRA (None when unsure)."""
    if len(goals) == 1:
        return goals[0].id
    words = set(duplicate_key(f"{kra.title} {kra.description or ''}").split())
    near = [g.id for g in goals if words & set(duplicate_key(g.title).split())]
    return near[0] if len(near) == 1 else None


KRA_WITHOUT_GOAL = Rule(
    code="W006",
    name="kra-without-goal",
    severity=Severity.WARNING,
    message="The KRA '{kra}' is aligned to no business goal",
    why="Work that serves no goal is the first to be questioned, and rightly so.",
    bad=(
        _SC + "goals:\n- {title: Grow the team}\nkras:\n- {title: Recruitment}",
        _SC + "kras:\n- {title: Recruitment, goals: [grow-the-team]}\n- {title: Payroll}",
    ),
    good=(
        _SC + "goals:\n- {title: Grow the team}\nkras:\n- {title: Recruitment, goals: "
        "[grow-the-team]}",
    ),
    source="Goal cascading and alignment (Kaplan & Norton, 'Alignment', 2006)",
    fix="Link it to the goal it serves (goals: [...]).",
    autofix=Fix(
        title="Align it to the goal '{value}'",
        action="link-goal",
        example=_SC + "goals:\n- {title: Grow the team}\n- {title: Cut hiring costs}\n"
        "kras:\n- {title: Team growth, goals: [grow-the-team]}\n- {title: Hiring costs}",
    ),
    scope="scorecard",
    examples="scorecard",
    test=_kra_without_goal,
)


def _no_goals(ctx: ScorecardContext) -> Hit | None:
    sc = ctx.scorecard
    named = any(kra.goals for kra in sc.kras)  # ids of a shared goal tree (krakit.goals)
    return Hit(where="goals") if sc.kras and not sc.goals and not named else None


NO_GOALS = Rule(
    code="W007",
    name="no-goals",
    severity=Severity.SUGGESTION,
    message="The scorecard for '{text}' names no business goals to align its KRAs to",
    why="Goals explain why each KRA matters and make trade-offs easier.",
    bad=(_SC + "kras:\n- {title: Recruitment}",),
    good=(
        _SC + "goals:\n- {title: Grow the team}\nkras:\n- {title: Recruitment, goals: "
        "[grow-the-team]}",
        _SC + "kras:\n- {title: Recruitment, goals: [grow-the-team]}",
    ),
    source="Goal cascading and alignment (Kaplan & Norton, 'Alignment', 2006)",
    fix="Add the one to three business goals this role serves.",
    scope="scorecard",
    examples="scorecard",
    test=_no_goals,
)


def _too_many_per_kra(ctx: ScorecardContext) -> Iterator[Hit]:
    limit = ctx.config.max_kpis_per_kra
    for kra in ctx.scorecard.kras:
        if len(kra.kpis) > limit:
            yield Hit(
                values={"kra": kra.title, "n": len(kra.kpis), "max": limit},
                where=f"kras[{kra.id}].kpis",
            )


TOO_MANY_KPIS_PER_KRA = Rule(
    code="W008",
    name="too-many-kpis-per-kra",
    severity=Severity.WARNING,
    message="The KRA '{kra}' has {n} KPIs; more than {max} dilutes attention",
    why="When everything is key, nothing is: each extra KPI weakens the others.",
    bad=(
        _SC
        + "kras:\n- title: Recruitment\n  kpis:\n"
        + "".join(f"  - {{metric: Measure {i}}}\n" for i in "abcdef"),
    ),
    good=(_SC + "kras:\n- title: Recruitment\n  kpis:\n  - {metric: Time to hire}",),
    source="Parmenter (2019): few key measures; balanced scorecard practice (3–5 per area)",
    fix="Keep the three to five that matter most; track the rest outside the scorecard.",
    scope="scorecard",
    examples="scorecard",
    test=_too_many_per_kra,
)


def _too_many(ctx: ScorecardContext) -> Hit | None:
    n, limit = len(ctx.scorecard.all_kpis()), ctx.config.max_kpis_per_role
    return Hit(values={"n": n, "max": limit}, where="kras") if n > limit else None


TOO_MANY_KPIS = Rule(
    code="W009",
    name="too-many-kpis",
    severity=Severity.WARNING,
    message="The role has {n} KPIs; more than {max} cannot all be key",
    why="A long list spreads effort thin and makes the review a reading exercise.",
    bad=(
        _SC
        + "kras:\n"
        + "".join(
            f"- title: Area {a}\n  kpis:\n"
            + "".join(f"  - {{metric: Measure {a}{i}}}\n" for i in "abcd")
            for a in "pqrs"
        ),
    ),
    good=(_SC + "kras:\n- title: Recruitment\n  kpis:\n  - {metric: Time to hire}",),
    source="Parmenter (2019): few key measures per role",
    fix="Keep the ones that drive decisions; drop or demote the rest.",
    scope="scorecard",
    examples="scorecard",
    test=_too_many,
)


def _too_many_kras(ctx: ScorecardContext) -> Hit | None:
    n, limit = len(ctx.scorecard.kras), ctx.config.max_kras
    return Hit(values={"n": n, "max": limit}, where="kras") if n > limit else None


TOO_MANY_KRAS = Rule(
    code="W010",
    name="too-many-kras",
    severity=Severity.WARNING,
    message="The role has {n} KRAs; more than {max} areas blur what the role is for",
    why="A role with many areas of responsibility has no clear priorities.",
    bad=(_SC + "kras:\n" + "".join(f"- {{title: Area {a}}}\n" for a in "abcdefghi"),),
    good=(_SC + "kras:\n- {title: Recruitment}\n- {title: Onboarding}",),
    source="Common KRA practice: 3–7 KRAs per role (SHRM; Parmenter, 2019)",
    fix="Merge related areas; most roles have four to six KRAs.",
    scope="scorecard",
    examples="scorecard",
    test=_too_many_kras,
)


def _lagging_only(ctx: ScorecardContext) -> Iterator[Hit]:
    for kra in ctx.scorecard.kras:
        kinds = [k.indicator for k in kra.kpis]
        if len(kinds) >= 2 and all(k is Indicator.LAGGING for k in kinds):
            yield Hit(values={"kra": kra.title}, where=f"kras[{kra.id}].kpis")


LAGGING_ONLY = Rule(
    code="W011",
    name="lagging-only",
    severity=Severity.SUGGESTION,
    message="Every KPI of KRA '{kra}' is a lagging indicator: you learn of trouble too late",
    why="Lagging measures report the result after the fact; a leading one lets you steer.",
    bad=(
        _SC + "kras:\n- title: Sales\n  kpis:\n  - {metric: Revenue, indicator: lagging}\n"
        "  - {metric: Gross margin, indicator: lagging}",
    ),
    good=(
        _SC + "kras:\n- title: Sales\n  kpis:\n  - {metric: Revenue, indicator: lagging}\n"
        "  - {metric: Qualified pipeline value, indicator: leading}",
    ),
    source="Kaplan & Norton (1996), 'The Balanced Scorecard': lead and lag measures",
    fix="Add a leading indicator that moves before the result (pipeline, first-call quality).",
    scope="scorecard",
    examples="scorecard",
    test=_lagging_only,
)

_DUP_STOP = frozenset(
    "a an the of to for in on at by with from per and our its is be as or number no "
    "total average avg percentage percent pct days day hours months weeks count rate % "
    "monthly quarterly weekly annual yearly daily".split()
)


def duplicate_key(text: str) -> str:
    """A key two near-identical KPI names share (order, case, plurals, units ignored).

    Examples
    --------
    >>> duplicate_key("Time to hire (days)") == duplicate_key("time-to-hire")
    True
    """
    words = set()
    for word in re.findall(r"[a-z]+", text.lower()):
        if word in _DUP_STOP:
            continue
        if len(word) > 4 and word.endswith("s"):
            word = word[:-1]
        words.add(word)
    return " ".join(sorted(words))


def _duplicates(ctx: ScorecardContext) -> Iterator[Hit]:
    seen: dict[str, tuple[str, str]] = {}
    for kpi in ctx.scorecard.all_kpis():
        parsed = ctx.kpis.get(kpi.id)
        name = kpi.metric or (parsed.metric if parsed is not None else None) or kpi.statement
        key = duplicate_key(name or "")
        if not key:
            continue
        if key in seen:
            first, first_id = seen[key]
            yield Hit(
                values={"kpi": name, "first": first}, where=ctx.paths.get(kpi.id), fix=first_id
            )
        else:
            seen[key] = (name or kpi.id, kpi.id)


DUPLICATE_KPI = Rule(
    code="W012",
    name="duplicate-kpi",
    severity=Severity.WARNING,
    message="The KPI '{kpi}' measures the same thing as '{first}'",
    why="Measuring one thing twice doubles its weight without anyone choosing to.",
    bad=(
        _SC + "kras:\n- title: Recruitment\n  kpis:\n  - {metric: Time to hire (days)}\n"
        "- title: Hiring\n  kpis:\n  - {metric: time-to-hire}",
    ),
    good=(
        _SC + "kras:\n- title: Recruitment\n  kpis:\n  - {metric: Time to hire}\n"
        "  - {metric: Offer acceptance rate}",
    ),
    source="Parmenter (2019): one measure per result; duplicate measures double-count",
    fix="Keep one and delete the other (or merge their weights).",
    autofix=Fix(
        title="Merge it into '{value}': its weight and the actuals '{value}' lacks move there",
        action="merge-kpi",
        example=_SC + "kras:\n- title: Recruitment\n  kpis:\n"
        "  - {id: tth, metric: Time to hire (days), weight: 60}\n"
        "  - {id: oar, metric: Offer acceptance rate, weight: 20}\n"
        "  - {id: tth2, metric: time-to-hire, weight: 20}\n"
        "actuals:\n- {kpi: tth, period: 2026-10, value: 40}\n"
        "- {kpi: tth2, period: 2026-10, value: 41}\n- {kpi: tth2, period: 2026-11, value: 38}",
    ),
    scope="scorecard",
    examples="scorecard",
    test=_duplicates,
)


def _no_recent_actuals(ctx: ScorecardContext) -> Iterator[Hit]:
    sc = ctx.scorecard
    if not sc.actuals:
        return
    latest: dict[str, object] = {}
    fiscal = fiscal_start(sc, ctx.config)
    for actual in sc.actuals:
        end = period_end(actual.period, ctx.today, fiscal)
        if end is not None and actual.value is not None:
            prev = latest.get(actual.kpi)
            if prev is None or end > prev:  # type: ignore[operator]
                latest[actual.kpi] = end
    for kpi in sc.all_kpis():
        if kpi.frequency is None:
            continue
        window = FREQUENCY_DAYS[kpi.frequency]
        end = latest.get(kpi.id)
        where = ctx.paths.get(kpi.id, f"kpis[{kpi.id}]")
        name = kpi.metric or kpi.statement or kpi.id
        if end is None:
            yield Hit(values={"kpi": name, "since": "no actual has been entered yet"}, where=where)
        elif (ctx.today - end).days > 2 * window + 7:  # type: ignore[operator]
            yield Hit(
                values={"kpi": name, "since": f"the last actual is for the period ending {end}"},
                where=where,
            )


NO_RECENT_ACTUALS = Rule(
    code="W013",
    name="no-recent-actuals",
    severity=Severity.WARNING,
    message="'{kpi}' has no actuals for recent periods: {since}",
    why="A KPI without recent numbers cannot be reviewed, so the scorecard goes stale.",
    bad=(
        _SC + "kras:\n- title: Recruitment\n  kpis:\n  - {id: tth, metric: Time to hire, "
        "frequency: monthly}\nactuals:\n- {kpi: tth, period: 2020-01, value: 40}",
    ),
    good=(
        _SC + "kras:\n- title: Recruitment\n  kpis:\n  - {id: tth, metric: Time to hire, "
        "frequency: monthly}\nactuals:\n- {kpi: tth, period: 2099-01, value: 40}",
    ),
    source="Performance review cadence (Kaplan & Norton, 'The Execution Premium', 2008)",
    fix="Enter the actuals for the missing periods (the Save & chart step, or a CSV import).",
    scope="scorecard",
    examples="scorecard",
    test=_no_recent_actuals,
)

__rules__ = (
    KPI_WITHOUT_KRA,
    KRA_WITHOUT_KPI,
    KRA_WITHOUT_GOAL,
    NO_GOALS,
    TOO_MANY_KPIS_PER_KRA,
    TOO_MANY_KPIS,
    TOO_MANY_KRAS,
    LAGGING_ONLY,
    DUPLICATE_KPI,
    NO_RECENT_ACTUALS,
)
