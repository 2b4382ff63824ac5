"""Weights: shares, normalisation and "adds to 100", in one place.

Scoring (:mod:`~krakit.scoring.definitions`), the checker (W001/W002 in
:mod:`krakit.rules.weights`) and the wizard's running total (step 1) all read weights here,
so they agree on what a weight means: in ``percent`` mode typed weights should add to 100
(within :data:`WEIGHT_TOLERANCE`), a missing weight takes an equal share of what is left; in
``relative`` mode any positive numbers are normalised. This module imports only the model.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from krakit.model import WeightMode

__all__ = [
    "LAYOUT_TOLERANCE",
    "WEIGHT_TOLERANCE",
    "WeightTotal",
    "adds_to_100",
    "largest_remainder",
    "near_100",
    "shares",
    "weight_total",
]


WEIGHT_TOLERANCE = 0.01
"""Percent weights must add to 100 within this many points (0.25 + 0.75 float noise is fine)."""

LAYOUT_TOLERANCE = 0.5
"""Points within which hand-typed weights count as *meant* to total 100 (thirds typed as 33.3
add to 99.9): enough to tell what a sheet's weight column holds, never that they add up."""


def adds_to_100(total: float) -> bool:
    """Whether a total of percent weights is 100, within :data:`WEIGHT_TOLERANCE`.

    Examples
    --------
    >>> adds_to_100(0.1 * 3 * 100 + 70), adds_to_100(99.9)
    (True, False)
    """
    return math.isclose(total, 100.0, abs_tol=WEIGHT_TOLERANCE)


def near_100(total: float) -> bool:
    """Whether hand-typed weights were meant to total 100 (within :data:`LAYOUT_TOLERANCE`).

    Sheet import reads it to tell which layout a weight column is in; whether the weights
    then *add to 100* is :func:`adds_to_100`'s call (the checker says so if not).

    Examples
    --------
    >>> near_100(33.3 * 3), adds_to_100(33.3 * 3), near_100(99)
    (True, False, False)
    """
    return math.isclose(total, 100.0, abs_tol=LAYOUT_TOLERANCE)


def shares(
    weights: Sequence[float | None], mode: WeightMode, what: str
) -> tuple[list[float], str | None]:
    """Normalise weights to fractions; a missing weight takes an equal share of what is left.

    Parameters
    ----------
    weights
        The typed weights, None where none is set.
    mode
        ``percent`` (should add to 100) or ``relative`` (any positive numbers).
    what
        The items, for the note (``"the KRAs"``).

    Returns
    -------
    tuple
        The fractions (adding to 1) and a note when the weights were not used as typed.

    Examples
    --------
    >>> shares([60, None, None], WeightMode.PERCENT, "the KRAs")
    ([0.6, 0.2, 0.2], None)
    >>> shares([60, 30], WeightMode.PERCENT, "the KRAs")[1]
    'the weights of the KRAs add to 90, not 100; they were scored as relative shares'
    """
    n = len(weights)
    if n == 0:
        return [], None
    given = [w for w in weights if w is not None]
    note = None
    if mode is WeightMode.RELATIVE:
        fill = (sum(given) / len(given)) if given else 1.0
        raw = [fill if w is None else w for w in weights]
    else:
        left = max(100.0 - sum(given), 0.0)
        n_missing = n - len(given)
        raw = [left / n_missing if w is None else w for w in weights] if n_missing else given
        total = sum(raw)
        if given and not adds_to_100(total):
            note = (
                f"the weights of {what} add to {total:g}, not 100; they were scored as "
                "relative shares"
            )
    total = sum(raw)
    if total <= 0:
        return [1.0 / n] * n, f"the weights of {what} are all 0; they were scored as equal shares"
    return [w / total for w in raw], note


def largest_remainder(values: Sequence[float], total: float, step: float) -> list[float]:
    """Values rounded to steps of ``step`` that add to ``total`` (largest remainders round up).

    >>> largest_remainder([33.3, 33.3, 33.4], 100, 1)
    [33.0, 33.0, 34.0]
    """
    units = [v / step for v in values]
    floors = [math.floor(u + 1e-9) for u in units]
    left = round(total / step) - sum(floors)
    order = sorted(range(len(units)), key=lambda i: floors[i] - units[i])
    for i in order[: max(left, 0)]:
        floors[i] += 1
    return [float(round(f * step, 2)) for f in floors]


@dataclass(frozen=True)
class WeightTotal:
    """The running total of a group's typed weights, as the wizard shows it.

    ``total`` counts unset weights as 0; ``ok`` is whether it reaches 100; ``text`` the line
    shown under the weights ("" when there is nothing to weigh).
    """

    total: float
    ok: bool
    none_set: bool
    text: str


def weight_total(weights: Sequence[float | None], items: str = "KRAs") -> WeightTotal:
    """The total of typed weights and the line that reports it.

    Examples
    --------
    >>> weight_total([70, 20]).text
    'Weights add up to 90 of 100'
    >>> weight_total([70, 30]).text
    'Weights add up to 100 of 100 ✓'
    >>> weight_total([None, None]).text
    'No weights yet: the KRAs count equally until you give each one a weight (the weights then add up to 100).'
    """  # noqa: E501
    total = float(sum(w or 0 for w in weights))
    ok = adds_to_100(total)
    none_set = all(w is None for w in weights)
    if not weights:
        text = ""
    elif none_set:
        text = (
            f"No weights yet: the {items} count equally until you give each one a weight "
            "(the weights then add up to 100)."
        )
    else:
        text = f"Weights add up to {total:g} of 100{' ✓' if ok else ''}"
    return WeightTotal(total=total, ok=ok, none_set=none_set, text=text)
