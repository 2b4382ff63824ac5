"""The time engine's prefilter drops no reading: gating is a speed-up, never a judgement.

Reference: each declaration asked on its own (``TimePattern.gated``) and, stricter, every
declaration's regex run on every text. The statements are krakit's own
(``tests/rules/speed_cases.py``) plus every declaration's examples and leaves.
"""

from __future__ import annotations

import datetime as dt

import pytest

from krakit.text import time as engine
from krakit.text.time import find_times
from krakit.text.time_patterns import PATTERNS
from tests.rules.speed_cases import statements

TODAY = dt.date(2026, 11, 23)
TEXTS = [
    *statements(400),
    *(text for p in PATTERNS for text in (*p.examples, *p.leaves)),
    "Close 40 tickets / month; cut costs 12% y/y; Q1-Q4 FY26 f.y. end-of-year go-live",
    "PER MONTH, EVERY QUARTER, BY 31/12/2027 IN 2027 FOR 2028",
]


def _reading(text: str) -> list[tuple[object, ...]]:
    # what a reader sees: kind, value, span, whether dated, the typed value (not which
    # declaration read it: two may read the same words the same way)
    return [(t.kind, t.value, t.span, t.dated, t.when) for t in find_times(text, TODAY)]


def test_one_prefilter_opens_what_each_declaration_would() -> None:
    for text in TEXTS:
        low = text.lower()
        words = frozenset(engine._WORD.findall(low))
        assert engine._gated(low, words) == [p for p in PATTERNS if p.gated(low, words)], text


def test_gating_drops_no_reading(monkeypatch: pytest.MonkeyPatch) -> None:
    gated = [_reading(text) for text in TEXTS]
    monkeypatch.setattr(engine, "_gated", lambda low, words: list(PATTERNS))
    every = [_reading(text) for text in TEXTS]
    assert [t for t, a, b in zip(TEXTS, gated, every, strict=True) if a != b] == []
    assert sum(map(len, gated)) > len(TEXTS) // 2  # the texts do name times
