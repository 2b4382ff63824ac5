"""The KRA-area vocabulary: which area a KRA or KPI text belongs to, and the metrics to suggest.

The areas live in ``templates/vocabulary.yaml`` (aliases, keywords, metrics, each with its
source), so an HR team can edit them without touching Python.

Examples
--------
>>> area_of("Reduce average time to hire to 30 days")
'recruitment'
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import yaml

from krakit.errors import ConfigError
from krakit.library.folder import FastLoader, vocabulary_file
from krakit.model import Indicator, Polarity

__all__ = ["Area", "MetricSuggestion", "area_of", "suggest_kpis", "vocabulary"]


@dataclass(frozen=True, slots=True)
class MetricSuggestion:
    """A metric krakit suggests for a KRA area."""

    name: str
    unit: str
    """'%', 'days', 'hours', 'count', 'score', 'ratio'... or 'currency' (use the role's own)."""
    polarity: Polarity
    indicator: Indicator
    area: str


@dataclass(frozen=True, slots=True)
class Area:
    """A KRA area: the words that name it and the metrics that measure it."""

    name: str
    title: str
    function: str
    aliases: tuple[str, ...]
    keywords: tuple[str, ...]
    metrics: tuple[MetricSuggestion, ...]
    source: str


@functools.cache
def _vocabulary(path: Path) -> tuple[Area, ...]:
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=FastLoader)
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigError(f"the vocabulary cannot be read: {exc}", path=path) from exc
    areas = []
    for name, body in (data or {}).get("areas", {}).items():
        try:
            metrics = tuple(
                MetricSuggestion(
                    name=m["name"],
                    unit=str(m["unit"]),
                    polarity=Polarity(m["polarity"]),
                    indicator=Indicator(m["indicator"]),
                    area=name,
                )
                for m in body["metrics"]
            )
            areas.append(
                Area(
                    name=name,
                    title=body["title"],
                    function=body["function"],
                    aliases=tuple(body["aliases"]),
                    keywords=tuple(body.get("keywords", ())),
                    metrics=metrics,
                    source=body["source"],
                )
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise ConfigError(
                f"area {name!r} is incomplete or has a bad value ({exc})", path=path, field=name
            ) from exc
    return tuple(areas)


def vocabulary() -> list[Area]:
    """Return the KRA areas with their aliases, keywords and metric suggestions.

    Examples
    --------
    >>> areas = {a.name: a for a in vocabulary()}
    >>> areas["recruitment"].metrics[0].name
    'Time to hire'
    """
    return list(_vocabulary(vocabulary_file()))


# Light stemming so that "hiring", "hires" and "hire" meet; applied to text and phrases alike.
# Nouns that end in "-ing" but name a field are kept whole ("accounting" is not "account").
_SUFFIXES = ("ings", "ing", "ies", "ed", "es", "s")
_KEEP = frozenset(
    "accounting marketing training engineering manufacturing housekeeping bookkeeping nursing "
    "billing pricing planning purchasing shipping packaging staffing onboarding processing "
    "building meeting funding landing listing booking rating setting".split()
)


@functools.lru_cache(maxsize=16_384)  # a few thousand words recur across all statements
def _stem(word: str) -> str:
    if word in _KEEP:
        return word
    if word.endswith("ings") and word[:-1] in _KEEP:
        return word[:-1]
    if len(word) > 4 and not word.endswith("ss"):
        for suffix in _SUFFIXES:
            if word.endswith(suffix) and len(word) - len(suffix) >= 3:
                word = word[: -len(suffix)] + ("y" if suffix == "ies" else "")
                break
    return word.removesuffix("e") if len(word) > 3 else word


def _tokens(text: str) -> tuple[str, ...]:
    # British and American spellings meet ("utilization" ~ "utilisation").
    text = text.lower().replace("'s", "").replace("iz", "is")
    words = re.findall(r"[a-z0-9&]+(?:-[a-z0-9]+)*", text)
    out: list[str] = []
    for word in words:
        out += [_stem(w) for w in word.split("-")] if "-" in word else [_stem(word)]
    return tuple(out)


@functools.cache
def _index(path: Path) -> tuple[tuple[str, tuple[tuple[tuple[str, ...], int], ...]], ...]:
    """Per area, the stemmed phrases to look for and their weight."""
    index = []
    for area in _vocabulary(path):
        phrases: dict[tuple[str, ...], int] = {}

        def add(items: Iterable[str], weight: int, phrases: dict = phrases) -> None:
            for item in items:
                toks = _tokens(item)
                if toks:
                    phrases[toks] = max(phrases.get(toks, 0), weight)

        add(area.keywords, 1)
        add((m.name for m in area.metrics), 2)
        add(area.aliases, 3)
        add([area.title], 3)
        index.append((area.name, tuple(phrases.items())))
    return tuple(index)


def _positions(tokens: tuple[str, ...]) -> dict[str, list[int]]:
    where: dict[str, list[int]] = {}
    for i, token in enumerate(tokens):
        where.setdefault(token, []).append(i)
    return where


def _contains(
    tokens: tuple[str, ...], where: dict[str, list[int]], phrase: tuple[str, ...]
) -> bool:
    starts = where.get(phrase[0])
    if not starts:
        return False
    n = len(phrase)
    return n == 1 or any(tokens[i : i + n] == phrase for i in starts)


@functools.cache
def _by_first_token(path: Path) -> dict[str, tuple[tuple[int, tuple[str, ...], int], ...]]:
    """The phrases of :func:`_index` by their first token: ``(area number, phrase, weight)``."""
    by_first: dict[str, list[tuple[int, tuple[str, ...], int]]] = {}
    for i, (_name, phrases) in enumerate(_index(path)):
        for phrase, weight in phrases:
            by_first.setdefault(phrase[0], []).append((i, phrase, weight))
    return {token: tuple(entries) for token, entries in by_first.items()}


def _area_scores(text: str) -> list[tuple[float, str]]:
    tokens = _tokens(text)
    where = _positions(tokens)
    path = vocabulary_file()
    by_first = _by_first_token(path)
    totals: dict[int, float] = {}
    # only the phrases that start with a word of the text can match: look those up
    for token in where:
        for i, phrase, weight in by_first.get(token, ()):
            if _contains(tokens, where, phrase):
                totals[i] = totals.get(i, 0) + weight * len(phrase)
    index = _index(path)
    return [(totals[i], index[i][0]) for i in sorted(totals)]


def area_of(text: str) -> str | None:
    """Return the KRA area a KRA or KPI text belongs to, or None if no area fits.

    The text is matched against each area's aliases, metric names and keywords (whole words,
    lightly stemmed; longer phrases count more); the best-scoring area wins, ties going to the
    area listed first in ``templates/vocabulary.yaml``.

    Examples
    --------
    >>> area_of("Talent acquisition")
    'recruitment'
    >>> area_of("Keep days sales outstanding under 45 days")
    'receivables'
    >>> area_of("qwerty") is None
    True
    """
    scores = _area_scores(text)
    if not scores:
        return None
    best = max(s for s, _ in scores)
    return next(name for s, name in scores if s == best)


def suggest_kpis(kra_title: str, n: int = 5) -> list[MetricSuggestion]:
    """Suggest up to ``n`` metrics for a KRA, from the vocabulary of its area.

    Returns an empty list when the title belongs to no known area.

    Examples
    --------
    >>> [m.name for m in suggest_kpis("Recruitment", n=3)]
    ['Time to hire', 'Time to fill', 'Offer acceptance rate']
    """
    name = area_of(kra_title)
    if name is None or n <= 0:
        return []
    area = next(a for a in _vocabulary(vocabulary_file()) if a.name == name)
    return list(area.metrics[:n])
