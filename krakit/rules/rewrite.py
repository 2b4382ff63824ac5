"""The SMART rewrite the checker suggests for a weak statement: a measure, from, to, by when."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from krakit.model import Polarity

if TYPE_CHECKING:
    from krakit.rules.context import KPIContext

__all__ = ["rewrite"]

_LOWER = re.compile(
    r"\b(time|cost|costs|attrition|churn|errors?|defects?|complaints?|absenteeism|turnover|"
    r"downtime|backlog|delays?|days|outstanding|overdue|incidents?|rejections?|wastage)\b",
    re.IGNORECASE,
)
_UNIT_WORDS = {"%": "%", "days": " days", "hours": " hours", "currency": "", "score": ""}


def rewrite(ctx: KPIContext) -> str:
    """A concrete SMART rewrite to suggest for a statement: a measure, from, to, by when.

    The measure is the statement's own metric when it has one, else the template library's
    first metric for the statement's area; the numbers are placeholders for the manager.
    """
    metric, polarity, unit = ctx.metric, ctx.polarity, ctx.unit or ""
    if not metric or ctx.is_kra:
        suggestion = _suggestion(ctx.text)
        if suggestion is not None:
            metric, polarity, unit = suggestion
    if not metric:
        return "Reduce time to hire from 45 to 30 days by Q3 2027"
    if ctx.draft.direction is None and metric == ctx.metric and _LOWER.search(metric):
        polarity = Polarity.LOWER_IS_BETTER
    verb = "Reduce" if polarity is Polarity.LOWER_IS_BETTER else "Raise"
    if metric[:1].isupper() and not metric[1:2].isupper():
        metric = metric[0].lower() + metric[1:]
    suffix = _UNIT_WORDS.get(unit, f" {unit}" if unit and unit != "count" else "")
    return f"{verb} {metric} from <today's value>{suffix} to <target>{suffix} by <date>"


@lru_cache(maxsize=4096)
def _suggestion(text: str) -> tuple[str, Polarity, str] | None:
    try:
        from krakit.library import suggest_kpis
    except ImportError:
        return None
    found = suggest_kpis(text, n=1)
    if not found:
        return None
    return found[0].name, found[0].polarity, found[0].unit
