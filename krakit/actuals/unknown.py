"""The errors for actuals whose KPI or person the scorecards do not know (import and scoring).

Examples
--------
>>> unknown_kpi("nps", []).field
'kpi'
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from os import PathLike
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from krakit.errors import InputError
from krakit.model import Scorecard

__all__ = ["check_kpis", "unknown_kpi", "unknown_person"]


def _named(names: Iterable[str], most: int = 12) -> str:
    names = sorted(names)
    more = f", … ({len(names) - most} more)" if len(names) > most else ""
    return ", ".join(names[:most]) + more


def unknown_kpi(
    kpi: object,
    known: Iterable[str],
    whose: str | None = None,
    *,
    path: str | PathLike[str] | None = None,
    row: Any = None,
) -> InputError:
    """The one error for an actual whose KPI is not in the scorecard (import and scoring).

    Examples
    --------
    >>> print(unknown_kpi("nps", ["csat", "aht"], "Asha").reason)  # doctest: +NORMALIZE_WHITESPACE
    KPI 'nps' is not in Asha's scorecard (its KPIs: aht, csat); correct the KPI id in the
    actuals, or add the KPI to the scorecard
    """
    names = list(known)
    where = f"{whose}'s scorecard" if whose else "the scorecard"
    listed = f" (its KPIs: {_named(names)})" if names else ", which has no KPIs yet"
    return InputError(
        f"KPI '{kpi}' is not in {where}{listed}; correct the KPI id in the actuals, or add the "
        "KPI to the scorecard",
        path=path,
        row=row,
        field="kpi",
        value=kpi,
    )


def unknown_person(
    person: object,
    people: Iterable[str],
    *,
    path: str | PathLike[str] | None = None,
    row: Any = None,
) -> InputError:
    """The one error for a team actual whose person has no scorecard (import and scoring).

    Examples
    --------
    >>> print(unknown_person("Ravi", ["Asha", "Meena"]).reason)  # doctest: +NORMALIZE_WHITESPACE
    person 'Ravi' has no scorecard (the team: Asha, Meena); correct the name in the actuals,
    or give them a scorecard
    """
    return InputError(
        f"person '{person}' has no scorecard (the team: {_named(str(p) for p in people)}); "
        "correct the name in the actuals, or give them a scorecard",
        path=path,
        row=row,
        field="person",
        value=person,
    )


def check_kpis(
    out: pd.DataFrame,
    scorecard: Scorecard | Mapping[str, Scorecard],
    path: Path | None,
    rows: Any,
) -> None:
    if isinstance(scorecard, Scorecard):
        known = {kpi.id for kpi in scorecard.all_kpis()}
        bad = ~out["kpi"].isin(known).to_numpy()
        if bad.any():
            i = int(np.flatnonzero(bad)[0])
            raise unknown_kpi(out["kpi"].iloc[i], known, path=path, row=int(rows[i]))
        return
    people = out["person"]
    unknown = ~people.isin(list(scorecard)).to_numpy()
    if unknown.any():
        i = int(np.flatnonzero(unknown)[0])
        raise unknown_person(people.iloc[i], scorecard, path=path, row=int(rows[i]))
    # people share scorecards: check each scorecard's rows at once, not each person's
    person_codes, names = pd.factorize(people)  # in order of first appearance
    card_of = [id(scorecard[str(name)]) for name in names]
    cards = {id(card): card for card in scorecard.values()}
    bad = np.zeros(len(out), dtype=bool)
    for key in set(card_of):
        rows_of_card = np.isin(person_codes, [n for n, c in enumerate(card_of) if c == key])
        known = {kpi.id for kpi in cards[key].all_kpis()}
        bad |= rows_of_card & ~out["kpi"].isin(known).to_numpy()
    if bad.any():  # the first person (in sheet order) with an unknown KPI, at its first one
        first = person_codes[bad].min()
        i = int(np.flatnonzero(bad & (person_codes == first))[0])
        card = scorecard[str(names[first])]
        raise unknown_kpi(
            out["kpi"].iloc[i],
            (k.id for k in card.all_kpis()),
            str(names[first]),
            path=path,
            row=int(rows[i]),
        )
