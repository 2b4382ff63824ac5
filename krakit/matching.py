"""Which KRA a KPI statement belongs to: by the library's areas, then by the words they share.

The wizard uses it to place a line typed as a KRA that is really a KPI, the checker (W004) to
place unassigned KPIs; :mod:`krakit.edit` re-exports both functions.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from krakit.model import Scorecard

__all__ = ["kra_finder", "likely_kra"]


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z]{3,}", text.lower()) if w not in _STOP}


_STOP = frozenset(
    "and the for with from per each every our all its into that this than then by to of in on "
    "at or be are was will new more less".split()
)


def likely_kra(sc: Scorecard, statement: str) -> str | None:
    """The id of the KRA a KPI statement most probably belongs to, or None.

    First by the template library's areas: a statement about churn belongs with a KRA about
    customer relationships because both fall in the same area of the metric vocabulary
    (:func:`krakit.library.area_of`). Among KRAs of that area, or when no KRA shares the
    statement's area, the KRA sharing most words (with simple stemming) with the statement
    wins, its title, description and KPIs counted. With nothing in common, there is no guess.
    To place many statements in one scorecard, build :func:`kra_finder` once.

    Examples
    --------
    >>> from krakit.edit import new_scorecard, set_kras
    >>> sc = set_kras(new_scorecard("Recruiter"), ["Recruitment", "Employee onboarding"])
    >>> likely_kra(sc, "Onboard new joiners within 5 days")
    'employee-onboarding'
    >>> sc = set_kras(new_scorecard("Sales"), ["Revenue generation", "Customer relationships"])
    >>> likely_kra(sc, "Reduce churn rate to 5% each quarter")
    'customer-relationships'
    """
    return kra_finder(sc)(statement)


def kra_finder(sc: Scorecard) -> Callable[[str], str | None]:
    """:func:`likely_kra` for one scorecard, its KRAs read once (for many statements).

    Examples
    --------
    >>> from krakit.edit import new_scorecard, set_kras
    >>> find = kra_finder(set_kras(new_scorecard("Recruiter"), ["Recruitment", "Payroll"]))
    >>> find("Cut time to hire to 30 days"), find("Pay salaries by the 1st"), find("Zzz")
    ('recruitment', 'payroll', None)
    """
    kras = [
        (
            kra.id,
            _area_of(kra.title),
            frozenset(
                _stem(w)
                for w in _words(
                    " ".join(
                        [kra.title, kra.description or ""]
                        + [f"{k.metric or ''} {k.statement}" for k in kra.kpis]
                    )
                )
            ),
        )
        for kra in sc.kras
    ]

    def find(statement: str) -> str | None:
        area = _area_of(statement)
        same_area = [k for k in kras if area is not None and k[1] == area]
        said = {_stem(w) for w in _words(statement)}
        best, best_score = None, 0.0
        for kra_id, _area, known in same_area or kras:
            overlap = len(said & known)
            score = overlap / (1 + 0.05 * len(known))
            if overlap and score > best_score:
                best, best_score = kra_id, score
        if best is None and same_area:
            return same_area[0][0]
        return best

    return find


@lru_cache(maxsize=8192)
def _area_of(text: str) -> str | None:
    from krakit.library import area_of

    return area_of(text)


def _stem(word: str) -> str:
    """Cut common English endings so 'recruiting', 'recruitment' and 'recruit' meet."""
    for ending in ("ations", "ation", "ments", "ment", "ings", "ing", "ers", "er", "ed", "es", "s"):
        if word.endswith(ending) and len(word) - len(ending) >= 4:
            return word[: -len(ending)]
    return word
