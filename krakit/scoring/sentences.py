"""A KPI's numbers taken from its own sentence when no field gives them.

A KPI written only as a sentence ("Achieve Rs. 12 lakh monthly sales", in a hand-written file
or a sheet's KPI column) carries its target, unit, direction and cadence in the words. The
checker reads them there; scoring must too, or the checker says "fine" and the score says "no
target". :func:`from_sentences` fills exactly what the fields leave unsaid, the way
:func:`krakit.edit.add_statement` fills a KPI typed in step 2: a field the file sets is never
changed.

Examples
--------
>>> import krakit
>>> sc = krakit.loads("role: {title: SM}\\nkras:\\n- title: Sales\\n  kpis:\\n"
...     "  - statement: Achieve Rs. 12 lakh monthly sales\\n")
>>> kpi = from_sentences(sc).kras[0].kpis[0]  # also krakit.edit.from_sentences
>>> kpi.target, kpi.unit, str(kpi.frequency)
(1200000.0, 'INR', 'monthly')
"""

from __future__ import annotations

from collections.abc import Collection
from functools import lru_cache
from typing import Any

from krakit.model import KPI, KPIType, Polarity, Scorecard, TargetType

__all__ = ["SENTENCE_FIELDS", "from_sentence", "from_sentences", "needs_sentence"]

_NUMBERS = ("target", "target_low", "target_high")
# filled when the file leaves them out (not set, or set to nothing)
_FILLED = ("target", "target_low", "target_high", "unit", "baseline", "frequency", "deadline")
# a default rather than a choice unless the file says it: taken with the sentence's numbers
_DEFAULTED = ("polarity", "target_type")
SENTENCE_FIELDS = (*_FILLED, *_DEFAULTED)
"""The fields a sentence can fill."""


def needs_sentence(kpi: KPI) -> bool:
    """Whether a measured KPI has a sentence and no target in its fields (its numbers are in
    words). A rating (qualitative) or a milestone has no number to take from words."""
    return (
        bool(kpi.statement)
        and kpi.type is KPIType.QUANTITATIVE
        and kpi.target_type is not TargetType.MILESTONE
        and all(getattr(kpi, name) is None for name in _NUMBERS)
    )


@lru_cache(maxsize=65_536)
def _said(statement: str) -> tuple[dict[str, Any], bool]:
    """What a sentence says of each field, and whether it holds a target (read once a text:
    a sheet repeats its KPIs on many rows)."""
    from krakit.rules.engine import parse  # the checker's remembered parses

    read = parse(statement)
    found = read.to_kpi(id="k")
    numbered = read.target is not None or read.target_low is not None
    return {name: getattr(found, name) for name in SENTENCE_FIELDS}, numbered


def from_sentence(kpi: KPI, *, direction: bool = False, only: Collection[str] | None = None) -> KPI:
    """The KPI with what its sentence says filled where its fields say nothing.

    Only a KPI with no target in its fields is read (``needs_sentence``), unless
    ``direction``: a new KPI (a sheet's row being imported) also takes its direction from the
    sentence when no column gave one ("Shrinkage below 1%" is lower-is-better). ``only``
    limits the fields that may be filled (a sheet's missing columns: an empty cell of a
    column the sheet has is the author's choice).
    """
    if not (
        needs_sentence(kpi) or (direction and kpi.statement and kpi.type is KPIType.QUANTITATIVE)
    ):
        return kpi
    said, numbered = _said(kpi.statement)
    if needs_sentence(kpi) and not numbered:
        return kpi  # the sentence has no number either: M002 says so, scoring too
    given = kpi.model_fields_set
    update = {
        name: said[name]
        for name in _FILLED
        if getattr(kpi, name) is None and said[name] is not None
    }
    if direction or needs_sentence(kpi):
        update |= {
            name: said[name]
            for name in _DEFAULTED
            if name not in given and said[name] != getattr(kpi, name)
        }
    if only is not None:
        update = {k: v for k, v in update.items() if k in only}
    if kpi.polarity is Polarity.IN_RANGE and "polarity" in given:
        # a range the file asks for takes the sentence's two ends or nothing
        update.pop("target", None)
        if not ("target_low" in update and "target_high" in update):
            update = {k: v for k, v in update.items() if k not in ("target_low", "target_high")}
    if not update:
        return kpi
    return kpi.model_copy(update=update)


def from_sentences(sc: Scorecard, *, direction: bool = False) -> Scorecard:
    """The scorecard with each KPI completed from its sentence (the same one if none needs it)."""
    if not direction and not any(needs_sentence(k) for k in sc.all_kpis()):
        return sc

    def done(kpis: list[KPI]) -> list[KPI]:
        return [from_sentence(k, direction=direction) for k in kpis]

    kras = [kra.model_copy(update={"kpis": done(kra.kpis)}) for kra in sc.kras]
    return sc.model_copy(update={"kras": kras, "unassigned_kpis": done(sc.unassigned_kpis)})
