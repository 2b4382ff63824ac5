"""The checker's word lists: ``krakit/rules/data/*.yaml`` read into terms, swaps and a regex."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path

import yaml

from krakit.errors import ConfigError
from krakit.text.lexicon import first_words, words_of

__all__ = ["DATA", "WordList", "first_word", "load_words", "word_pattern"]

DATA = Path(__file__).with_name("data")


@dataclass(frozen=True, slots=True)
class WordList:
    """A word list from ``krakit/rules/data/*.yaml``: its terms, swaps and source."""

    name: str
    source: str
    terms: tuple[str, ...]
    swap: Mapping[str, str]
    pattern: re.Pattern[str]
    lists: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    firsts: frozenset[str] | None = None  # the terms' first words; None: always search

    def _absent(self, text: str) -> bool:
        """No term can occur: none of their first words is in the text (a set test, fast)."""
        return self.firsts is not None and self.firsts.isdisjoint(words_of(text))

    def find(self, text: str) -> list[re.Match[str]]:
        """Every non-overlapping occurrence, longest term first."""
        return [] if self._absent(text) else list(self.pattern.finditer(text))

    def first(self, text: str) -> re.Match[str] | None:
        """The first occurrence, or None (what most rules need, and faster)."""
        return None if self._absent(text) else self.pattern.search(text)

    def swap_for(self, term: str) -> str | None:
        """The suggested replacement for a term, if the list gives one."""
        return self.swap.get(term.lower())


@cache
def load_words(name: str) -> WordList:
    """Read ``data/<name>.yaml`` (keys ``source``, ``terms``, optional ``swap``)."""
    path = DATA / f"{name}.yaml"
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:  # a packaging fault, not a user error
        raise ConfigError(f"cannot read the word list: {exc}", path=path) from exc
    if (
        not isinstance(data, dict)
        or not data.get("source")
        or not (data.get("terms") or data.get("swap"))
    ):
        raise ConfigError("a word list needs 'source' and 'terms'", path=path)
    swap = {str(k).lower(): str(v) for k, v in (data.get("swap") or {}).items()}
    terms = tuple(
        sorted({str(t).lower() for t in [*(data.get("terms") or []), *swap]}, key=len, reverse=True)
    )
    body = "|".join(_term_regex(t) for t in terms)
    pattern = re.compile(rf"(?<![\w%])(?:{body})(?![\w%])", re.IGNORECASE)
    lists = {
        str(k): tuple(str(t).lower() for t in v)
        for k, v in data.items()
        if k not in ("terms", "swap") and isinstance(v, list)
    }
    return WordList(
        name=name,
        source=str(data["source"]),
        terms=terms,
        swap=swap,
        pattern=pattern,
        lists=lists,
        firsts=first_words(terms),
    )


@cache
def word_pattern(name: str, key: str) -> re.Pattern[str]:
    """A regex matching any term of one extra list in a word-list file (``nouns``...)."""
    terms = sorted(load_words(name).lists.get(key, ()), key=len, reverse=True)
    body = "|".join(_term_regex(t) for t in terms) or "(?!)"
    return re.compile(rf"(?<![\w%])(?:{body})(?![\w%])", re.IGNORECASE)


def _term_regex(term: str) -> str:
    # Spaces and hyphens in a term match any run of spaces or hyphens.
    parts = re.split(r"[\s-]+", term)
    return r"[\s-]+".join(re.escape(p) for p in parts)


@lru_cache(maxsize=8192)
def first_word(text: str) -> str:
    """The first word of a statement, lower case, ignoring a leading 'to'."""
    words = re.findall(r"[a-zA-Z]+", text.lower())
    if words[:1] == ["to"]:
        words = words[1:]
    return words[0] if words else ""
