"""Scorecard rule W014: one KRA written twice, with a typo or in other words' order.

A manager who retypes a KRA ("Revenue generation", later "revenu generation") or pastes a
list twice ends up with two areas that share the role's weight and split its KPIs. Two KRA
titles are the same area when their words match once case, punctuation, plurals and little
words are set aside, or when they differ by a typing slip or two (one per eight letters).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from krakit.rules.base import Fix, Hit, Rule, Severity
from krakit.rules.context import ScorecardContext
from krakit.text.slips import slips

__all__ = ["DUPLICATE_KRA", "same_area"]

_LITTLE = frozenset("a an the of to for in on at by with and & our its".split())
_SC = "role: {title: Sales executive}\n"


def _words(title: str) -> list[str]:
    words = []
    for word in re.findall(r"\w+", title.lower()):
        if word in _LITTLE:
            continue
        words.append(word[:-1] if len(word) > 4 and word.endswith("s") else word)
    return words


def same_area(first: str, second: str) -> bool:
    """Whether two KRA titles name the same area (typos, case, order and plurals aside).

    >>> same_area("Revenue generation", "revenu generation")
    True
    >>> same_area("Customer Relationships", "relationship with customers")
    True
    >>> same_area("Recruitment", "Retention"), same_area("Team development", "Self development")
    (False, False)
    """
    a, b = _words(first), _words(second)
    if not a or not b:
        return False
    if sorted(a) == sorted(b):
        return True
    joined_a, joined_b = " ".join(a), " ".join(b)
    most = min(2, max(len(joined_a), len(joined_b)) // 8)
    return most > 0 and slips(joined_a, joined_b) <= most


def _duplicate_kras(ctx: ScorecardContext) -> Iterator[Hit]:
    seen: list[tuple[str, str]] = []
    for kra in ctx.scorecard.kras:
        first = next(((t, i) for t, i in seen if same_area(t, kra.title)), None)
        if first is not None:
            yield Hit(
                values={"kra": kra.title, "first": first[0]}, where=f"kras[{kra.id}]", fix=first[1]
            )
        seen.append((kra.title, kra.id))


DUPLICATE_KRA = Rule(
    code="W014",
    name="duplicate-kra",
    severity=Severity.WARNING,
    message="The KRA '{kra}' looks like '{first}' written again",
    why="One area written twice splits its weight and its KPIs between two rows nobody chose.",
    bad=(
        _SC + "kras:\n- {title: Revenue generation}\n- {title: Key accounts}\n"
        "- {title: revenu generation}",
        _SC + "kras:\n- {title: Customer relationships}\n- {title: Relationship with customers}",
    ),
    good=(
        _SC + "kras:\n- {title: Revenue generation}\n- {title: Key accounts}",
        _SC + "kras:\n- {title: Team development}\n- {title: Self development}",
    ),
    source="One result per area: a role's KRAs do not overlap (Drucker, 'The Practice of "
    "Management', 1954, on management by objectives)",
    fix="Keep one title: move the other's KPIs under it and delete it (step 1).",
    autofix=Fix(
        title="Merge it into '{value}': its KPIs, weight and goals move there",
        action="merge-kra",
        example=_SC + "kras:\n- title: Revenue generation\n  weight: 30\n  kpis:\n"
        "  - {metric: Monthly revenue, weight: 60}\n  - {metric: Gross margin, weight: 40}\n"
        "- {title: Key accounts, weight: 60}\n- title: revenu generation\n  weight: 10\n"
        "  kpis:\n  - {metric: Collections, weight: 100}",
    ),
    scope="scorecard",
    examples="scorecard",
    test=_duplicate_kras,
)

__rules__ = (DUPLICATE_KRA,)
