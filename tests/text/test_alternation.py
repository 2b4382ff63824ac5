"""``lexicon.alt`` writes a word list as a trie: it must match exactly what the plain
alternation (longest word first) matches, case-blind or not, whatever follows it."""

from __future__ import annotations

import re

from hypothesis import example, given
from hypothesis import strategies as st

from krakit.text.lexicon import alt, load

# few letters, so words share prefixes and differ by case; a space and a sign too
WORDS = st.lists(st.text("abAB -+/", min_size=1, max_size=5), min_size=1, max_size=12)
TEXTS = st.text("abAB -+/xé", max_size=30)
AFTER = ("", r"(?![A-Za-z])", "b", r"\s+a", "$")


def plain(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


def spans(pattern: str, flags: int, text: str) -> list[tuple[tuple[int, int], str]]:
    return [(m.span(), m.group("w")) for m in re.finditer(pattern, text, flags)]


@given(WORDS, TEXTS, st.sampled_from(AFTER), st.booleans())
@example(["Ab", "aba"], "aba ABA", "", True)  # a case-blind branch must not try "Ab" first
@example(["up", "up to", "+"], "up to +up", r"(?![A-Za-z])", False)
def test_trie_matches_as_the_plain_alternation(
    words: list[str], text: str, after: str, blind: bool
) -> None:
    flags = re.IGNORECASE if blind else 0
    want = spans(rf"(?P<w>{plain(words)}){after}", flags, text)
    assert spans(rf"(?P<w>{alt(words)}){after}", flags, text) == want


def test_the_lexicon_lists_match_as_before() -> None:
    lists = [
        [str(w) for w in value]
        for name in ("time", "direction", "classify", "parse")
        for value in _lists(load(name))
    ]
    assert len(lists) > 10
    for words in lists:
        for after in AFTER:
            for flags in (0, re.IGNORECASE):
                text = " / ".join(words) + " " + " ".join(w.upper() for w in words)
                want = spans(rf"(?P<w>{plain(words)}){after}", flags, text)
                assert spans(rf"(?P<w>{alt(words)}){after}", flags, text) == want, words


def _lists(data: object) -> list[list[object]]:
    """Every list of strings in a lexicon file, however deep."""
    if isinstance(data, dict):
        return [found for value in data.values() for found in _lists(value)]
    if isinstance(data, list) and data and all(isinstance(w, str) for w in data):
        return [data]
    return []
