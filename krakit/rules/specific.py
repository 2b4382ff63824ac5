"""Specific rules (S): one clear indicator, in words that cannot be argued about."""

from __future__ import annotations

import re

from krakit.rules.base import Fix, Hit, Rule, Severity
from krakit.rules.context import KPIContext, KRAContext
from krakit.rules.fix_values import without
from krakit.rules.words import load_words, word_pattern

__all__ = ["CATCH_ALL_KRA", "COMPOUND_KPI", "ESCAPE_CLAUSE", "VAGUE_TERM"]

_CARD = "role: {title: Support lead}\nholder: Asha\nkras:\n- title: Customer support\n  kpis:\n"


def _words(name: str, ctx: KPIContext, where: str = "statement") -> Hit | None:
    words = load_words(name)
    found = words.first(ctx.text)
    if found is None:
        return None
    m = found
    term = m.group(0)
    swap = words.swap_for(" ".join(term.lower().replace("-", " ").split()))
    swap = swap or words.swap_for(term.lower())
    rest = without(ctx.text, m.span())
    return Hit(
        values={"term": term, "swap": swap or "a number"},
        span=m.span(),
        where=where,
        fix=rest if len(re.findall(r"[^\W\d_]{2,}", rest)) >= 2 else None,
    )


VAGUE_TERM = Rule(
    code="S001",
    name="vague-term",
    severity=Severity.WARNING,
    message="'{term}' in '{text}' is vague: replace it with {swap}",
    why="Vague words let two people read the same KPI as met and as missed.",
    bad=("Significantly reduce customer complaints by Q3 2027",),
    good=("Reduce customer complaints from 40 to 25 a month by Q3 2027",),
    source=load_words("vague_terms").source,
    fix="Replace the vague word with a number.",
    autofix=Fix(
        title="Reword it without the vague word: '{value}'",
        action="set",
        example=_CARD + "  - statement: Significantly reduce complaints from 40 to 25 a month",
    ),
    smart="S",
    test=lambda ctx: _words("vague_terms", ctx),
)


ESCAPE_CLAUSE = Rule(
    code="S002",
    name="escape-clause",
    severity=Severity.WARNING,
    message="'{term}' in '{text}' is an escape clause: it lets the KPI off the hook",
    why="An escape clause makes every result acceptable, so the KPI can never be missed.",
    bad=("Close support tickets within 2 days where possible",),
    good=("Close 90% of support tickets within 2 days each month",),
    source=load_words("escape_clauses").source,
    fix="Drop the clause and state the exception explicitly, e.g. '90% of tickets'.",
    autofix=Fix(
        title="Reword it without the clause: '{value}'",
        action="set",
        example=_CARD + "  - statement: Close 90% of tickets in 2 days each month where feasible",
    ),
    smart="S",
    test=lambda ctx: _words("escape_clauses", ctx),
)

_JOIN = re.compile(r"\s+(?:and|&|as well as|plus)\s+|\s*/\s*", re.IGNORECASE)


def _compound(ctx: KPIContext) -> Hit | None:
    heads = word_pattern("measure_words", "heads")
    name = ctx.metric or ""
    parts = [p for p in _JOIN.split(name) if p.strip()]
    if len(parts) >= 2 and sum(bool(heads.search(p)) for p in parts) >= 2:
        return Hit(values={"first": parts[0].strip(), "second": parts[1].strip()})
    # Two targets in two clauses joined by "and" ("cut shrinkage to 0.9% and stock-outs to
    # 2%"): two measures, whatever their units. A range ("between 2 and 4%") is one measure.
    draft = ctx.draft
    if draft.target is None or not draft.other_targets or draft.target_low is not None:
        return None
    clauses = re.split(r"\s+and\s+", ctx.text, maxsplit=1, flags=re.IGNORECASE)
    if len(clauses) == 2 and not re.search(r"\bbetween\b", clauses[0], re.IGNORECASE):
        first, second = (c.strip(" ,;") for c in clauses)
        if _NUMBER.search(first) and _NUMBER.search(second) and re.search(r"[a-z]", second):
            return Hit(values={"first": first, "second": second})
    return None


_NUMBER = re.compile(r"\d")


COMPOUND_KPI = Rule(
    code="S003",
    name="compound-kpi",
    severity=Severity.WARNING,
    message="'{text}' joins two measures ('{first}' and '{second}'): make each its own KPI",
    why="When one part is met and the other missed, a compound KPI cannot be scored.",
    bad=("Increase revenue by 10% and reduce cost per hire to ₹20,000 by March 2027",),
    good=("Increase revenue from ₹5 crore to ₹5.5 crore by March 2027",),
    source="SMART criteria: Specific (Doran, 1981); one measure per KPI (Parmenter, 2019)",
    fix="Split it into two KPIs, one per measure.",
    smart="S",
    test=_compound,
)


def _catch_all(ctx: KRAContext) -> Hit | None:
    title = ctx.kra.title
    found = load_words("catch_all").first(title)
    if found is None:
        qualifiers = word_pattern("catch_all", "qualifiers")
        found = qualifiers.search(title)
        if found is None:
            return None
        rest = word_pattern("catch_all", "fillers").sub(" ", qualifiers.sub(" ", title))
        if re.search(r"[^\W\d_]{2,}", rest):
            return None  # the title names an area too; the qualifier only trails it
    return Hit(values={"term": found.group(0)}, span=found.span(), where="title")


CATCH_ALL_KRA = Rule(
    code="S004",
    name="catch-all-kra",
    severity=Severity.WARNING,
    message="The KRA '{text}' is a catch-all ('{term}'): it names no area anyone can be "
    "measured on",
    why="A bucket for whatever comes up cannot have a result, so it is never reviewed and "
    "quietly takes a share of the weight.",
    bad=(
        "title: Handle other stuff as needed",
        "title: Miscellaneous duties",
        "title: Any other task assigned by the manager",
        "title: Ad hoc requests",
        "title: Other duties as required from time to time",
        "title: Misc admin work",
    ),
    good=(
        "title: Vendor payments",
        "title: Office administration",
        "title: Stock replenishment as per the weekly plan",
        "title: Meet the branch's deposit and loan budgets as assigned",
        "title: Upkeep of furniture, air conditioners, printers etc.",
    ),
    source=load_words("catch_all").source,
    fix="Name the area the work really belongs to, or drop it: occasional tasks belong in "
    "the job description, not the scorecard.",
    autofix=Fix(
        title="Remove this KRA (its KPIs wait, unassigned, for a better home)",
        action="remove-kra",
        example="role: {title: Office manager}\nkras:\n- {title: Vendor payments, weight: 60}\n"
        "- {title: Other duties as required, weight: 40}",
    ),
    scope="kra",
    examples="kra",
    smart="S",
    test=_catch_all,
)

__rules__ = (VAGUE_TERM, ESCAPE_CLAUSE, COMPOUND_KPI, CATCH_ALL_KRA)
