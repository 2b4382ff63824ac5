"""Targets written in words: every declaration reads its examples and leaves its non-examples."""

import pytest

from krakit.text.parse import parse_kpi
from krakit.text.word_targets import WORD_TARGETS

EXAMPLES = [(w.name, text, want) for w in WORD_TARGETS for text, want in w.examples.items()]
LEAVES = [(w.name, text) for w in WORD_TARGETS for text in w.leaves]


def test_every_declaration_has_examples_and_leaves() -> None:
    assert len({w.name for w in WORD_TARGETS}) == len(WORD_TARGETS)
    assert all(w.examples and w.leaves for w in WORD_TARGETS)


@pytest.mark.parametrize(("name", "text", "want"), EXAMPLES, ids=[e[1] for e in EXAMPLES])
def test_parser_reads_the_example(name: str, text: str, want: tuple) -> None:
    value, unit, relative, direction = want
    d = parse_kpi(text)
    assert d.target is not None, text
    assert d.target.value == pytest.approx(value)
    assert (d.target.unit, d.target.relative) == (unit, relative)
    if direction is not None:
        assert str(d.direction) == direction


@pytest.mark.parametrize(("name", "text"), LEAVES, ids=[e[1] for e in LEAVES])
def test_declaration_leaves_its_non_examples(name: str, text: str) -> None:
    declaration = next(w for w in WORD_TARGETS if w.name == name)
    assert declaration.read(text, 0, False) is None


def test_a_heading_is_not_read_as_the_sentence() -> None:
    d = parse_kpi("KR 2: Halve rework on the paint line")
    assert (d.target.value, d.target.unit, str(d.direction)) == (50, "%", "decrease")


def test_a_number_wins_over_words() -> None:
    d = parse_kpi("No more than 3 escalations a week")
    assert (d.target.value, str(d.direction)) == (3, "decrease")
