"""One way for every benchmark to print a figure next to its target, and to fail ``make bench``.

A benchmark calls :func:`report` for each figure that has a target, then ends with
``raise SystemExit(done())``. A figure worse than its target is flagged; one worse by more
than :data:`MARGIN` (25 %) is a miss, and ``done()`` then returns 1, so ``make bench`` stops
with the regression on the day it is made. Timings live here and in the benchmarks only;
``make test`` never times anything.

>>> report("parse + classify, mean", 0.21, 0.5, "ms")  # doctest: +NORMALIZE_WHITESPACE
  parse + classify, mean                          0.21 ms     target ≤ 0.5 ms       ok
True
"""

from __future__ import annotations

import os

MARGIN = 1.25
"""How far past its target a figure may go before the run fails (25 %)."""

_misses: list[str] = []
_flagged: list[str] = []


def _number(value: float) -> str:
    return f"{value:.3g}" if abs(value) < 1000 else f"{value:,.0f}"


def report(name: str, value: float, target: float, unit: str, *, higher: bool = False) -> bool:
    """Print ``name``'s figure beside its target; remember a miss (over 25 % past it).

    Parameters
    ----------
    name
        What the figure is, in words (it is printed as the README's Measured table says it).
    value, target
        The figure and its target, in ``unit``.
    higher
        True when more is better (a target is then a floor, ``≥``).

    Returns
    -------
    bool
        Whether the figure is within its target plus the margin.
    """
    if higher:
        over, sign, limit = value < target, "≥", target / MARGIN
        missed = value < limit
    else:
        over, sign, limit = value > target, "≤", target * MARGIN
        missed = value > limit
    verdict = "MISSED (by more than 25 %)" if missed else "over target" if over else "ok"
    shown_target = f"target {sign} {_number(target)} {unit}"
    print(f"  {name:<46} {_number(value):>6} {unit:<4} {shown_target:<21} {verdict}")
    if missed:
        _misses.append(f"{name}: {_number(value)} {unit}, target {sign} {_number(target)}")
    elif over:
        _flagged.append(name)
    return not missed


def done() -> int:
    """Say which figures missed their targets; the exit code for the benchmark (0 or 1)."""
    if _flagged:
        print(f"  over target but within 25 %: {', '.join(_flagged)}")
    if _misses:
        print("  MISSED: " + "; ".join(_misses))
        load, cores = os.getloadavg()[0], os.cpu_count() or 1
        if load > cores:
            print(f"  (load average {load:.1f} on {cores} cores: other programs took turns)")
        return 1
    return 0
