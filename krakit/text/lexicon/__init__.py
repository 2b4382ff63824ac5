"""Word lists as data, and the one way the text readers turn them into patterns.

Each ``<name>.yaml`` next to this module is one list family with its ``source``:
``numbers`` (currencies, multipliers, number words, units), ``time`` (cadences, months),
``parse`` (direction, labels, definers) and ``classify`` (KPI vs KRA words). The readers
(:mod:`krakit.text.numbers`, :mod:`krakit.text.time`, :mod:`krakit.text.parse`,
:mod:`krakit.text.classify`) import :func:`load`, :func:`alt` and :func:`phrase_re` from here
and nothing private from each other.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any

__all__ = ["alt", "load", "number_words", "phrase_re", "word_value"]

_HERE = Path(__file__).parent


@cache
def load(name: str) -> dict[str, Any]:
    """Load one word list, ``krakit/text/lexicon/<name>.yaml`` (read once).

    Examples
    --------
    >>> "weightage" in load("parse")["weight_words"]
    True
    """
    import yaml

    with open(_HERE / f"{name}.yaml", encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def alt(words: Iterable[str]) -> str:
    """A regex alternation of ``words``, escaped, longest first (so "at most" beats "at").

    Examples
    --------
    >>> alt(["up", "up to", "+"])
    'up\\\\ to|up|\\\\+'
    """
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


def phrase_re(
    words: Iterable[str], *, before: bool = False, after: bool = False
) -> re.Pattern[str]:
    """A case-blind pattern for any of ``words`` as whole words.

    ``before=True``: the phrase ends right before a number (``search`` the text before it);
    ``after=True``: the phrase starts right after a number (``match`` the text after it).

    Examples
    --------
    >>> bool(phrase_re(["at most"], before=True).search("Downtime at most "))
    True
    >>> bool(phrase_re(["or more"], after=True).match(" or more each month"))
    True
    >>> bool(phrase_re(["cap"]).search("Capture leads"))
    False
    """
    words = alt(words)
    if before:
        return re.compile(rf"(?i)(?:^|(?<=[^A-Za-z]))(?:{words})\s*[:=\-–]?\s*[±~]?\s*$")
    if after:
        return re.compile(rf"(?i)^\s*(?:{words})(?![A-Za-z])")
    return re.compile(rf"(?i)(?<![A-Za-z])(?:{words})(?![A-Za-z])")


@cache
def number_words() -> dict[str, int]:
    """Spelled-out numbers ("twelve": 12, "dozen": 12, "nil": 0), lower case."""
    return {k.lower(): int(v) for k, v in load("numbers")["number_words"].items()}


def word_value(phrase: str) -> float | None:
    """The value of a spelled-out number ("twenty five" → 25.0), or None.

    Examples
    --------
    >>> word_value("twenty five"), word_value("two hundred"), word_value("a dozen")
    (25.0, 200.0, None)
    """
    words = number_words()
    current = 0
    for word in re.split(r"[\s-]+", phrase.lower()):
        v = words.get(word)
        if v is None:
            return None
        if v == 100:
            current = max(current, 1) * 100
        elif v == 12 and word == "dozen":
            current = max(current, 1) * 12
        else:
            current += v
    return float(current)
