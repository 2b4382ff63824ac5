"""Confusion rules (C): a KRA is an area of responsibility, a KPI is a measure of it."""

from __future__ import annotations

import re

from krakit.rules.base import Fix, Hit, Rule, Severity
from krakit.rules.context import KPIContext, KRAContext

__all__ = ["KRA_IS_A_KPI", "KRA_NAMES_A_METRIC", "KRA_OFFERED_AS_KPI"]

_SOURCE = (
    "KRA vs KPI: a Key Result Area is a zone of responsibility, a Key Performance Indicator "
    "measures it (Parmenter, 2019; CIPD 'Performance management' factsheet)"
)


def _offered_as_kpi(ctx: KPIContext) -> Hit | None:
    if not ctx.is_kra or ctx.has_target:
        return None
    reasons = ctx.classification.reasons if ctx.classification is not None else ()
    why = f" ({reasons[0].rstrip('.')})" if reasons else ""
    title = " ".join(ctx.text.split()).strip(" .;,")
    title = title[:1].upper() + title[1:] if 0 < len(title) <= 120 else ""
    return Hit(values={"reason": why}, where="statement", fix=title or None)


def _area_title(text: str) -> str | None:
    """The title of the template library's area this text belongs to (None if unknown)."""
    try:
        from krakit.library import area_of, vocabulary
    except ImportError:
        return None
    area = area_of(text)
    return next((a.title for a in vocabulary() if a.name == area), None)


KRA_OFFERED_AS_KPI = Rule(
    code="C001",
    name="kra-offered-as-kpi",
    severity=Severity.ERROR,
    message="'{text}' reads as a KRA, an area of responsibility, not a KPI: it names nothing "
    "to measure{reason}",
    why="An area cannot be scored; only a measure of it can.",
    bad=("Recruitment", "Customer satisfaction", "Vendor coordination"),
    good=("Offer acceptance rate", "Raise customer satisfaction score from 7.8 to 8.5 by Q4 2027"),
    source=_SOURCE,
    fix="Keep it as a KRA and add KPIs under it that measure it, e.g. '{example}'.",
    autofix=Fix(
        title="Make '{value}' a KRA of its own (with suggested KPIs in its description when "
        "its area is known)",
        action="kra-from-kpi",
        example="role: {title: Recruiter}\nholder: Asha\nkras:\n- title: Talent acquisition\n"
        "  kpis:\n  - {statement: Reduce time to hire from 45 to 30 days by March 2027}\n"
        "  - {statement: Employee onboarding}",
    ),
    smart="S",
    test=_offered_as_kpi,
)


def _titles(ctx: KRAContext) -> set[str]:
    """The KRA titles of the scorecard, lower case (empty for a KRA on its own)."""
    return {k.title.lower() for k in ctx.scorecard.kras} if ctx.scorecard is not None else set()


def _kra_is_a_kpi(ctx: KRAContext) -> Hit | None:
    from krakit.rules.engine import parse

    draft = parse(ctx.kra.title)
    if draft.target is None and draft.target_low is None and draft.target_high is None:
        return None
    area = _area_title(ctx.kra.title)
    if area is None and draft.metric:
        area = draft.metric[:1].upper() + draft.metric[1:]
    if area is not None and area.lower() in _titles(ctx):
        area = None  # another KRA has that name already: merging is the manager's call
    named = f"'{area}'" if area else "named after the area it belongs to"
    values = {"target": str(draft.target or draft.target_low), "area": named}
    return Hit(values=values, where="title", fix=area)


KRA_IS_A_KPI = Rule(
    code="C002",
    name="kra-is-a-kpi",
    severity=Severity.WARNING,
    message="The KRA '{text}' carries a target ({target}): that makes it a KPI",
    why="A KRA with a number is really one KPI, and the rest of the area goes unmeasured.",
    bad=("title: Increase sales by 20% by March 2027",),
    good=("title: Sales growth",),
    source=_SOURCE,
    fix="Make the area the KRA ({area}) and move the sentence under it as a KPI.",
    autofix=Fix(
        title="Name the KRA '{value}' and keep the sentence as its KPI",
        action="kpi-from-kra",
        example="role: {title: Sales executive}\nholder: Asha\nkras:\n"
        "- title: Increase monthly sales from ₹40 lakh to ₹48 lakh by March 2027",
    ),
    scope="kra",
    examples="kra",
    smart="S",
    test=_kra_is_a_kpi,
)

_METRIC_WORDS = re.compile(
    r"\b(rate|ratio|percentage|number of|no\. of|count of|average|avg|mean|median|score|"
    r"index|per|%|time to|cost per|nps|csat|tat)\b",
    re.IGNORECASE,
)


def _kra_names_a_metric(ctx: KRAContext) -> Hit | None:
    if _kra_is_a_kpi(ctx) is not None:
        return None  # C002 says it already
    m = _METRIC_WORDS.search(ctx.kra.title)
    if m is None:
        return None
    area = _area_title(ctx.kra.title)
    if area is not None and (area.lower() in _titles(ctx) or _METRIC_WORDS.search(area)):
        area = None
    return Hit(values={"word": m.group(0)}, where="title", fix=area)


KRA_NAMES_A_METRIC = Rule(
    code="C003",
    name="kra-names-a-metric",
    severity=Severity.SUGGESTION,
    message="The KRA '{text}' names a measure ('{word}'), not an area of responsibility",
    why="A KRA named after one metric hides the rest of the area and invites a second "
    "metric-named KRA for the same work.",
    bad=("title: Offer acceptance rate", "title: Average handling time"),
    good=("title: Talent acquisition", "title: Customer support"),
    source=_SOURCE,
    fix="Name the area the measure belongs to ('Talent acquisition') and keep the measure "
    "as a KPI under it.",
    autofix=Fix(
        title="Rename the KRA '{value}' (its old name stays in the description)",
        action="rename-kra",
        example="role: {title: Recruiter}\nholder: Asha\nkras:\n- title: Offer acceptance rate\n"
        "  kpis:\n  - {statement: Raise offer acceptance rate from 70% to 85% by March 2027}",
    ),
    scope="kra",
    examples="kra",
    smart="S",
    test=_kra_names_a_metric,
)

__rules__ = (KRA_OFFERED_AS_KPI, KRA_IS_A_KPI, KRA_NAMES_A_METRIC)
