"""Exact numbers for the sample generator: whole numbers with a given sum, shares that are
exact in floating point, and days inside a period."""

from __future__ import annotations

import datetime as dt
import math
from fractions import Fraction

import numpy as np
import pandas as pd

_Rows = dict[str, list[object]]
"""A table being built: column name -> values."""


def _whole_sum(
    rng: np.random.Generator, base: np.ndarray, total: int, low: int, high: int
) -> np.ndarray:
    """Whole numbers near ``base``, each within [low, high], adding up to exactly ``total``."""
    n = len(base)
    if not n * low <= total <= n * high:
        raise ValueError(f"{n} numbers in [{low}, {high}] cannot add up to {total}")
    values = np.clip(np.rint(base), low, high).astype(np.int64)
    diff = total - int(values.sum())
    while diff:
        step = 1 if diff > 0 else -1
        room = (high - values) if step > 0 else (values - low)
        movable = np.flatnonzero(room > 0)
        chosen = rng.choice(movable, size=min(abs(diff), len(movable)), replace=False)
        values[chosen] += step
        diff -= step * len(chosen)
    return values


def _share(value: float, scale: float = 100.0, at_least: int = 1) -> tuple[int, int]:
    """``(k, n)``, ``n >= at_least``, with ``k * scale / n == value`` in floating point.

    Multiplying first keeps it exact (one correctly rounded division); ``k / n * scale`` is
    not always (16.4 % is 0.164 × 100 = 16.400000000000002).
    """
    exact = Fraction(str(value)) / Fraction(str(scale))
    for multiple in range(max(1, math.ceil(at_least / exact.denominator)), 10_000):
        k, n = exact.numerator * multiple, exact.denominator * multiple
        if k * scale / n == value:
            return k, n
    raise ValueError(f"no whole numbers give {value} exactly")  # pragma: no cover


def _flags(rng: np.random.Generator, n: int, k: int) -> np.ndarray:
    """``n`` booleans of which exactly ``k`` are true, in random order."""
    out = np.zeros(n, dtype=bool)
    out[rng.choice(n, size=k, replace=False)] = True
    return out


def _span(period: str) -> tuple[dt.date, int]:
    """First day and length in days of a period label (``2025-04`` or ``2025-Q2``)."""
    p = pd.Period(period.replace("-Q", "Q"), freq="Q" if "Q" in period else "M")
    start = p.start_time.date()
    return start, (p.end_time.date() - start).days + 1


def _dates(rng: np.random.Generator, period: str, n: int) -> list[dt.date]:
    """``n`` random days inside the period, in order."""
    start, days = _span(period)
    return [start + dt.timedelta(days=int(d)) for d in np.sort(rng.integers(0, days, n))]


def _plus(days: list[dt.date], offsets: np.ndarray) -> list[dt.date]:
    return [d + dt.timedelta(days=int(o)) for d, o in zip(days, offsets, strict=True)]


def _append(rows: _Rows, **columns: object) -> None:
    """Add equal-length columns (lists or arrays; a scalar is repeated) to ``rows``."""
    n = max(len(v) for v in columns.values() if isinstance(v, list | np.ndarray))
    for key, value in columns.items():
        values = list(value) if isinstance(value, list | np.ndarray) else [value] * n
        rows.setdefault(key, []).extend(values)
