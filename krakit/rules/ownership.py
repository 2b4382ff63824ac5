"""Ownership rules (O): someone answers for the KPI, the data has a home, it is reviewed."""

from __future__ import annotations

from krakit.rules.base import Fix, Hit, Rule, Severity
from krakit.rules.context import KPIContext
from krakit.rules.deadlines import FREQUENCY_DAYS

__all__ = ["NO_DATA_SOURCE", "NO_OWNER", "STALE_REVIEW"]


def _no_owner(ctx: KPIContext) -> Hit | None:
    if ctx.kpi is None or ctx.kpi.owner:
        return None
    if ctx.scorecard is not None and ctx.scorecard.holder:
        return None
    return Hit(where="owner", fix=ctx.peers.owner if ctx.peers is not None else None)


NO_OWNER = Rule(
    code="O001",
    name="no-owner",
    severity=Severity.WARNING,
    message="No one owns '{text}'",
    why="A KPI that everyone owns is one that no one acts on.",
    bad=("statement: Reduce time to hire from 45 to 30 days by March 2027",),
    good=("statement: Reduce time to hire from 45 to 30 days by March 2027\nowner: Priya",),
    source="SMART criteria: Assignable — specify who will do it (Doran, 1981)",
    fix="Set the owner field to the person accountable for it.",
    autofix=Fix(
        title="Make {value} its owner, as for the other KPIs of its KRA",
        action="set",
        example="role: {title: Recruiter}\nkras:\n- title: Recruitment\n  kpis:\n"
        "  - {statement: Reduce time to hire from 45 to 30 days by March 2027, owner: Priya}\n"
        "  - {statement: Raise offer acceptance rate from 70% to 85% by March 2027}",
    ),
    examples="kpi",
    smart="A",
    test=_no_owner,
)


def _no_data_source(ctx: KPIContext) -> Hit | None:
    if ctx.kpi is None or ctx.kpi.data_source or ctx.kpi.definition is not None:
        return None  # a metric definition names its data set (source, ref or ratio)
    return Hit(where="data_source", fix=ctx.peers.data_source if ctx.peers is not None else None)


NO_DATA_SOURCE = Rule(
    code="O002",
    name="no-data-source",
    severity=Severity.WARNING,
    message="'{text}' does not say where its numbers come from",
    why="Without an agreed source, each review starts with an argument about the numbers.",
    bad=("statement: Reduce time to hire from 45 to 30 days by March 2027",),
    good=("statement: Reduce time to hire from 45 to 30 days by March 2027\ndata_source: ATS",),
    source="Common KPI mistakes: no data source or definition (Parmenter, 2019, KPI "
    "documentation template)",
    fix="Set data_source to the system or report the value is read from.",
    autofix=Fix(
        title="Read it from {value}, as the other KPIs of its KRA are",
        action="set",
        example="role: {title: Recruiter}\nholder: Asha\nkras:\n- title: Recruitment\n  kpis:\n"
        "  - {statement: Reduce time to hire from 45 to 30 days by March 2027, data_source: ATS}\n"
        "  - {statement: Raise offer acceptance rate from 70% to 85% by March 2027}",
    ),
    examples="kpi",
    smart="M",
    test=_no_data_source,
)


def _stale(ctx: KPIContext) -> Hit | None:
    kpi = ctx.kpi
    if kpi is None or kpi.last_reviewed is None or kpi.frequency is None:
        return None
    window = FREQUENCY_DAYS[kpi.frequency]
    age = (ctx.today - kpi.last_reviewed).days
    if age <= max(window * 1.5, window + 7):
        return None
    return Hit(
        values={"age": age, "frequency": str(kpi.frequency)},
        where="last_reviewed",
        fix=ctx.today.isoformat(),
    )


STALE_REVIEW = Rule(
    code="O003",
    name="stale-review",
    severity=Severity.WARNING,
    message="'{text}' is measured {frequency} but was last reviewed {age} days ago",
    why="A KPI that is not reviewed at its own pace stops steering anything.",
    bad=(
        "statement: Keep attrition below 12% a year\nfrequency: monthly\nlast_reviewed: 2020-01-31",
    ),
    good=(
        "statement: Keep attrition below 12% a year\nfrequency: annual\nlast_reviewed: 2099-01-31",
    ),
    source="Performance review cadence (CIPD 'Performance management' factsheet; Kaplan & "
    "Norton, 'The Execution Premium', 2008)",
    fix="Review it and set last_reviewed to the review date.",
    autofix=Fix(
        title="Mark it reviewed today ({value})",
        action="set",
        example="role: {title: HR manager}\nholder: Asha\nkras:\n- title: Retention\n  kpis:\n"
        "  - {statement: Keep attrition below 12% a year, frequency: monthly, "
        "last_reviewed: 2020-01-31}",
    ),
    examples="kpi",
    smart="T",
    test=_stale,
)

__rules__ = (NO_OWNER, NO_DATA_SOURCE, STALE_REVIEW)
