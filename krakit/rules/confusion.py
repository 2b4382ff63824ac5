"""Confusion rules (C): a KRA is an area of responsibility, a KPI is a measure of it."""

from __future__ import annotations

import re

from krakit.rules.base import Hit, KPIContext, KRAContext, Rule, Severity

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
    return Hit(values={"reason": why}, where="statement")


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
    smart="M",
    test=_offered_as_kpi,
)


def _kra_is_a_kpi(ctx: KRAContext) -> Hit | None:
    from krakit.rules.engine import parse

    draft = parse(ctx.kra.title)
    if draft.target is None and draft.target_low is None and draft.target_high is None:
        return None
    return Hit(values={"target": str(draft.target or draft.target_low)}, where="title")


KRA_IS_A_KPI = Rule(
    code="C002",
    name="kra-is-a-kpi",
    severity=Severity.WARNING,
    message="The KRA '{text}' carries a target ({target}): that makes it a KPI",
    why="A KRA with a number is really one KPI, and the rest of the area goes unmeasured.",
    bad=("title: Increase sales by 20% by March 2027",),
    good=("title: Sales growth",),
    source=_SOURCE,
    fix="Name the area as the KRA ('Sales growth') and move the sentence under it as a KPI.",
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
    return Hit(values={"word": m.group(0)}, where="title") if m else None


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
    scope="kra",
    examples="kra",
    smart="S",
    test=_kra_names_a_metric,
)

__rules__ = (KRA_OFFERED_AS_KPI, KRA_IS_A_KPI, KRA_NAMES_A_METRIC)
