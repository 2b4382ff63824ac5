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
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

__all__ = [
    "WordList",
    "alt",
    "first_words",
    "load",
    "number_words",
    "phrase_re",
    "word_value",
    "words_of",
]

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

    It is written as a trie of the words' letters ("up(?:\\ to)?": "up to" is tried before
    "up"), which matches exactly what the plain alternation ``up\\ to|up`` matches, in the
    same order, but reads each letter of the text once instead of once per word: a list of
    150 cadence words runs about four times faster. Words with a non-ASCII letter, or that
    branch on two letters that differ only in case, keep the plain alternation (a case-blind
    pattern could otherwise try a shorter word first).

    Examples
    --------
    >>> alt(["up", "up to", "+"])
    '\\\\+|up(?:\\\\ to)?'
    >>> alt(["per month", "per mo", "pa"])
    'p(?:a|er\\\\ mo(?:nth)?)'
    """
    unique = sorted(set(words), key=len, reverse=True)
    if not unique or "" in unique or not all(w.isascii() for w in unique):
        return "|".join(re.escape(w) for w in unique)
    trie: dict[str, dict] = {}
    for word in unique:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}  # a word ends here
    branches = _branches(trie)
    if branches is None:
        return "|".join(re.escape(w) for w in unique)
    return "|".join(branches)


def _branches(node: dict[str, dict]) -> list[str] | None:
    """The regexes of a trie node's branches, one per next letter; None when two of them
    differ only in case."""
    chars = sorted(c for c in node if c)
    if len({c.lower() for c in chars}) < len(chars):
        return None
    out = []
    for char in chars:
        run, child = re.escape(char), node[char]
        while len(child) == 1 and "" not in child:  # a run of single letters: one literal
            ((char, child),) = child.items()
            run += re.escape(char)
        rest = _branches(child)
        if rest is None:
            return None
        if rest:
            body = "(?:" + "|".join(rest) + ")" if len(rest) > 1 else rest[0]
            if "" in child:  # a word ends here: tried after the longer words
                body = f"{body}?" if len(rest) > 1 else f"(?:{body})?"
            run += body
        out.append(run)
    return out


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


_TOKEN = re.compile(r"[a-z]+")


@lru_cache(maxsize=8192)  # a sheet's rows repeat a few thousand statements
def words_of(text: str) -> frozenset[str]:
    """The lower-case letter runs of ``text``: what :class:`WordList` gates on.

    Examples
    --------
    >>> sorted(words_of("Cut-off 5% (max.)"))
    ['cut', 'max', 'off']
    """
    return frozenset(_TOKEN.findall(text.lower()))


def first_words(phrases: Iterable[str]) -> frozenset[str] | None:
    """The first :func:`words_of` word of each phrase; None when one opens with no letter.

    Examples
    --------
    >>> sorted(first_words(["at most", "no more than"]))
    ['at', 'no']
    >>> first_words(["<", "at most"]) is None
    True
    """
    out = set()
    for phrase in phrases:
        m = _TOKEN.match(phrase.lower())
        if m is None:
            return None
        out.add(m.group())
    return frozenset(out)


@dataclass(frozen=True, slots=True)
class WordList:
    """A word list as one pattern, skipped cheaply when none of its first words is present.

    Most sentences hold none of the words of most lists; testing a set of first words is much
    faster than running a long alternation over every position.

    Examples
    --------
    >>> ceiling = WordList.of(["no more than", "<"], before=True)
    >>> bool(ceiling.search("Downtime no more than ", words_of("Downtime no more than ")))
    True
    >>> floor = WordList.of(["at least"])
    >>> floor.search("Uptime 99.9%", words_of("Uptime 99.9%")) is None
    True
    """

    pattern: re.Pattern[str]
    firsts: frozenset[str]
    always: bool

    @classmethod
    def of(cls, words: Iterable[str], *, before: bool = False, after: bool = False) -> WordList:
        """Build from phrases (see :func:`phrase_re` for ``before`` and ``after``)."""
        words = list(words)
        firsts = first_words(words)
        return cls(
            phrase_re(words, before=before, after=after),
            firsts or frozenset(),
            firsts is None,  # a phrase that opens with a sign: always look
        )

    def present(self, words: frozenset[str]) -> bool:
        """Whether any phrase may occur in a text with these :func:`words_of`."""
        return self.always or not self.firsts.isdisjoint(words)

    def search(self, text: str, words: frozenset[str]) -> re.Match[str] | None:
        """``pattern.search(text)``, or None at once when no first word is in ``words``."""
        return self.pattern.search(text) if self.present(words) else None

    def finditer(self, text: str, words: frozenset[str]) -> Iterator[re.Match[str]]:
        """``pattern.finditer(text)``, or nothing at once when no first word is in ``words``."""
        return self.pattern.finditer(text) if self.present(words) else iter(())
