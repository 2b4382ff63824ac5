"""The headers a KPI sheet may use for each field, and how a header is normalised to match.

:func:`krakit.sheets.read_sheet` maps each header it finds through :data:`HEADERS`.
"""

from __future__ import annotations

import re
from typing import Any

__all__ = ["HEADERS", "KRA_FIELDS", "header_key", "lookup"]

HEADERS: dict[str, tuple[str, ...]] = {
    "role": ("role", "role title", "designation", "position", "job title", "job", "job role"),
    "holder": ("holder", "employee", "employee name", "name", "person"),
    "kra": (
        "kra",
        "kras",
        "key result area",
        "key result areas",
        "kra title",
        "result area",
        "responsibility area",
        "area",
        "kra name",
        "key responsibility area",
    ),
    "kra_weight": ("kra weight", "kra weightage", "kra weight %", "area weight"),
    "statement": (
        "kpi",
        "kpis",
        "key performance indicator",
        "key performance indicators",
        "kpi statement",
        "statement",
        "kpi description",
        "measure",
        "objective",
        "goal",
    ),
    "metric": ("metric", "kpi name", "measure name", "indicator", "metric name"),
    "target": ("target", "target value", "goal value", "target goal", "target level"),
    "target_low": ("target low", "target min", "minimum target", "lower target"),
    "target_high": ("target high", "target max", "maximum target", "upper target"),
    "unit": ("unit", "units", "uom", "unit of measure", "unit of measurement"),
    "baseline": ("baseline", "baseline value", "current", "current value", "current level"),
    "owner": ("owner", "kpi owner", "responsible", "accountable", "person responsible"),
    "frequency": (
        "frequency",
        "review frequency",
        "measurement frequency",
        "cadence",
        "periodicity",
        "reporting frequency",
        "period",
    ),
    "data_source": (
        "data source",
        "source",
        "source of data",
        "data",
        "system",
        "measured from",
        "source system",
        "data sources",
    ),
    "weight": ("weight", "weightage", "kpi weight", "weight %", "kpi weightage", "weights"),
    "deadline": ("deadline", "due date", "target date", "by when", "timeline", "due by"),
    "polarity": ("polarity", "direction", "better when", "good when"),
    "target_type": (
        "target type",
        "type of target",
        "scored as",
        "scoring",
        "scoring method",
        "scoring type",
        "score type",
    ),
    "slabs": ("slabs", "slab", "slab table", "payout slabs", "incentive slabs", "slabs at points"),
    "indicator": ("indicator type", "leading lagging", "leading or lagging", "lead lag"),
    "last_reviewed": ("last reviewed", "last review", "reviewed on", "review date"),
    "ignore": ("ignore", "checker ignore", "ignore rules"),
    # the columns krakit export adds so an import gives back the same scorecard
    "kpi_id": ("kpi id",),
    "kra_id": ("kra id",),
    "kra_kind": ("kra kind",),
    "kra_goals": ("kra goals", "goals served"),
    "kra_description": ("kra description",),
    "kra_ignore": ("kra ignore",),
    "kpi_type": ("quantitative or qualitative",),
    "aggregation": ("aggregation", "roll up", "rollup"),
    "thresholds": ("thresholds json",),
    "definition": ("definition json",),
    "note": ("note", "notes", "kpi note"),
}
"""Field -> the headers (normalised: lower case, words only) that mean it."""

KRA_FIELDS = frozenset(
    {"role", "holder", "kra", "kra_id", "kra_kind", "kra_weight", "kra_goals"}
    | {"kra_description", "kra_ignore"}
)
"""The fields of a row that belong to its KRA (and card), not to a KPI: a row with only these
is a KRA of its own, even with no KPI under it."""

LOOKUP = {
    " ".join(re.findall(r"[a-z0-9]+", alias)): name
    for name, aliases in HEADERS.items()
    for alias in aliases
}


def header_key(header: Any) -> str:
    """A header or a word cell normalised for lookup: lower case, words only, no ``%`` suffix.

    Examples
    --------
    >>> header_key("Target (in %)")
    'target'
    >>> header_key("Higher_is_better")
    'higher is better'
    """
    words = re.findall(r"[a-z0-9]+", str(header or "").lower().replace("_", " "))
    while words and words[-1] in ("in", "pct", "percent"):
        words.pop()
    return " ".join(words)


def lookup(header: Any) -> str | None:
    """The field a header means, or None.

    Examples
    --------
    >>> lookup("KPI Owner:"), lookup("Remarks")
    ('owner', None)
    """
    return LOOKUP.get(header_key(header))
