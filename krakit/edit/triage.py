"""Triage a list of responsibility lines: each a KRA or a KPI, and each KPI's likely KRA.

Examples
--------
>>> from krakit.edit import new_scorecard
>>> [ln.label for ln in triage(new_scorecard("Recruiter"), ["Recruitment", "Hire 10 by March"])]
['KRA', 'KPI']
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from krakit.edit.kras import set_kras
from krakit.matching import likely_kra
from krakit.model import Scorecard

__all__ = ["Line", "triage"]


@dataclass(frozen=True, slots=True)
class Line:
    """One responsibility line as the classifier read it.

    ``label`` is ``"KRA"`` or ``"KPI"``; for a KPI line, ``kra`` is the id of the KRA it
    probably belongs to (None if no KRA shares its words).
    """

    text: str
    label: str
    confidence: float
    reasons: tuple[str, ...]
    kra: str | None = None


def triage(sc: Scorecard, lines: Iterable[str]) -> list[Line]:
    """Classify each non-blank line as a KRA or a KPI, and guess the KRA of each KPI line.

    The guess looks at the scorecard's KRAs and at the lines read as KRAs in the same list.
    A line that is the title of a KRA already filled in (with KPIs, a weight or goals: a
    template's, a resumed card's) stays a KRA, whatever its words: editing the list never
    takes such a KRA, and its KPIs, away.

    Examples
    --------
    >>> from krakit.library import template
    >>> [ln.label for ln in triage(template("recruiter"), ["Quality of hire", "Quality of hire"])]
    ['KRA', 'KRA']
    >>> from krakit.edit import new_scorecard
    >>> [ln.label for ln in triage(new_scorecard("Recruiter"), ["Hire 10 engineers by March"])]
    ['KPI']
    """
    from krakit.text.classify import classify

    texts = [line.strip() for line in lines if line.strip()]
    verdicts = [classify(text) for text in texts]
    settled = {k.title for k in sc.kras if k.kpis or k.weight is not None or k.goals}
    labels = ["KRA" if t in settled else str(v.label) for t, v in zip(texts, verdicts, strict=True)]
    kra_titles = [t for t, label in zip(texts, labels, strict=True) if label == "KRA"]
    known = set_kras(sc, [*[k.title for k in sc.kras], *kra_titles]) if kra_titles else sc
    out = []
    for text, verdict, label in zip(texts, verdicts, labels, strict=True):
        home = likely_kra(known, text) if label == "KPI" else None
        out.append(Line(text, label, float(verdict.confidence), tuple(verdict.reasons), home))
    return out
