"""Score a scorecard or a team: the steps of :func:`score`, in order.

Actuals in (:mod:`~krakit.scoring.intake`), rolled up to each KPI's frequency
(:mod:`~krakit.scoring.rollup`), scored (:mod:`~krakit.scoring.achievement`), tabled per KPI,
KRA and person (:mod:`~krakit.scoring.tables`), with what did not score and why
(:mod:`~krakit.scoring.missing`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from os import PathLike
from typing import Any

import numpy as np
import pandas as pd

from krakit.errors import InputError
from krakit.model import (
    Actual,
    Scorecard,
    ScoringConfig,
)
from krakit.scoring.achievement import achieve
from krakit.scoring.definitions import BY_LEVEL, kpi_definitions
from krakit.scoring.intake import locate, read_frame
from krakit.scoring.missing import missing_kpis, missing_notes
from krakit.scoring.result import ScoreResult
from krakit.scoring.rollup import Rows, to_base
from krakit.scoring.sentences import from_sentences
from krakit.scoring.tables import kpi_totals, kras_overall, per_period
from krakit.scoring.targets import TARGET_KINDS, RollUp

__all__ = ["score"]


def score(
    scorecard: Scorecard | Mapping[str, Scorecard],
    actuals: pd.DataFrame | Sequence[Actual] | str | PathLike[str] | None = None,
    *,
    by: str | None = None,
    manager_rating: float | Mapping[str, float] | pd.Series | None = None,
    config: ScoringConfig | None = None,
) -> ScoreResult:
    """Score a scorecard, or a team, from actuals.

    Parameters
    ----------
    scorecard
        One scorecard, or for a team a mapping person → scorecard (people may share one).
    actuals
        None (the scorecard's own ``actuals``), a long DataFrame (``kpi, period, value``, plus
        ``person`` for a team), a list of :class:`~krakit.model.Actual`, or a CSV/XLSX path.
    by
        Period level of ``.kpis``: ``"month"``, ``"quarter"``, ``"half"``, ``"year"``; None
        keeps each KPI's own frequency (or the periods as entered).
    manager_rating
        The manager's qualitative rating in percent of expectations (100 = fully meets),
        one number or per person; it counts ``100 - config.kpi_share`` percent.
    config
        Cap, thresholds, bands and mix; defaults to the scorecard's ``scoring`` section.

    Returns
    -------
    ScoreResult

    Raises
    ------
    InputError
        Actuals name an unknown KPI or person, repeat a KPI and period, or hold text.

    Examples
    --------
    >>> import krakit
    >>> sc = krakit.Scorecard(role={"title": "Sales"}, kras=[{"title": "Sales", "weight": 100,
    ...     "kpis": [{"id": "revenue", "unit": "INR", "target": 1000000}]}])
    >>> result = score(sc, [krakit.Actual(kpi="revenue", period="2026-01", value=900000)])
    >>> result.score, result.band
    (90.0, 'Meets expectations')
    """
    team = isinstance(scorecard, Mapping)
    if team:
        people = [str(p) for p in scorecard]  # type: ignore[union-attr]
        if not people:
            raise InputError("the team is empty: give at least one person → scorecard")
        # people often share a scorecard: each distinct one is read once
        given = list(scorecard.values())  # type: ignore[union-attr]
        card_of: dict[int, int] = {}
        person_card = np.fromiter(
            (card_of.setdefault(id(card), len(card_of)) for card in given),
            dtype=np.int64,
            count=len(given),
        )
        first = np.unique(person_card, return_index=True)[1]  # each card's first person
        cards = [given[i] for i in first]
        for i, card in zip(first, cards, strict=True):
            if not isinstance(card, Scorecard):
                raise InputError(
                    f"{people[i]}'s scorecard is a {type(card).__name__}, not a Scorecard",
                    field="scorecard",
                )
        if len(set(people)) < len(people):
            twice = next(p for p, n in Counter(people).items() if n > 1)
            raise InputError(
                f"two people are named '{twice}' (names are compared as text); give each "
                "person one name",
                field="scorecard",
            )
    else:
        if not isinstance(scorecard, Scorecard):
            raise InputError(
                f"expected a Scorecard, got {type(scorecard).__name__}", field="scorecard"
            )
        people, cards, person_card = [""], [scorecard], np.zeros(1, dtype=np.int64)
    if config is not None and not isinstance(config, ScoringConfig):
        raise TypeError(f"config must be a ScoringConfig, not {type(config).__name__}")
    config = config or cards[0].scoring or ScoringConfig()
    if by is not None and by not in BY_LEVEL:
        raise InputError(f"by={by!r}: use one of {', '.join(BY_LEVEL)} or None", field="by")
    cards = [from_sentences(card) for card in cards]  # "Achieve ₹12 lakh monthly sales" alone
    defs, notes = kpi_definitions(cards, config)
    frame = read_frame(actuals, scorecard, team)
    try:
        return _score(defs, notes, frame, people, person_card, team, by, manager_rating, config)
    except InputError as exc:
        if exc.path is not None or exc.row is None:
            raise
        if isinstance(actuals, str | PathLike):  # a row of the actuals file
            raise InputError(
                exc.reason, path=actuals, row=exc.row, field=exc.field, value=exc.value
            ) from exc
        if actuals is None or isinstance(actuals, Sequence):  # the n-th actual in a list
            raise InputError(
                exc.reason, field=f"actuals[{exc.row}].{exc.field}", value=exc.value
            ) from exc
        raise


def _score(
    defs: pd.DataFrame,
    notes: list[str],
    frame: pd.DataFrame,
    people: list[str],
    person_card: np.ndarray,
    team: bool,
    by: str | None,
    manager_rating: Any,
    config: ScoringConfig,
) -> ScoreResult:
    located = locate(frame, defs, people, person_card, team, config)
    who = pd.CategoricalDtype(people)  # the person column of every table (checked once)
    card_start = np.searchsorted(defs["card"].to_numpy(), np.arange(person_card.max() + 1))
    card_count = np.bincount(defs["card"].to_numpy(), minlength=person_card.max() + 1)

    # ---- roll each actual up to its KPI's frequency, score it, then roll up further
    base = to_base(located, defs)
    _period_flags(base, defs)  # totals need only the per-period met flags

    def period_table() -> pd.DataFrame:  # built on first use of result.kpis
        if by is None:
            achieve(base, defs)
        return per_period(base, defs, by, who, team, config)

    totals, rolled = kpi_totals(base, defs, who, person_card, card_start, card_count, team, config)
    kras, overall = kras_overall(totals, rolled, who, team, manager_rating, config)
    missing = missing_kpis(totals, rolled, defs, team)
    scored = bool(rolled["scored"].any())
    said = missing_notes(missing, scored, team)
    if scored:
        notes.extend(said)
    else:  # nothing scored: that comes first
        notes[:0] = said
    return ScoreResult(
        totals=totals,
        kras=kras,
        overall=overall,
        missing=missing,
        config=config,
        notes=list(dict.fromkeys(notes)),
        team=team,
        _kpis=period_table,
        target_scale=rolled["scale"].to_numpy(),
        unweighted=frozenset(defs.attrs.get("unweighted", ())),
    )


def _period_flags(base: Rows, defs: pd.DataFrame) -> None:
    """Set ``base.met``, per period: whether the target was met, for the target types that
    score the periods met (thresholds, milestones), 0 for the others; None when no KPI
    has such a type. Only the rows of those KPIs are scored (often a few of many)."""
    by_periods = np.array([kind.rollup is not RollUp.VALUE for kind in TARGET_KINDS])
    wanted = by_periods[defs["tt"].to_numpy()]
    if not wanted.any():
        base.met = None
        return
    if wanted.all():
        achieve(base, defs, met_only=True)
        return
    rows = np.flatnonzero(wanted[base.d])
    some = Rows(
        person=base.person[rows],
        d=base.d[rows],
        label=base.label[rows],
        value=base.value[rows],
        labels=base.labels,
        order=base.order,
        units=None if base.units is None else base.units[rows],
        fiscal=base.fiscal,
    )
    achieve(some, defs, met_only=True)
    base.met = np.zeros(len(base))
    base.met[rows] = some.met
