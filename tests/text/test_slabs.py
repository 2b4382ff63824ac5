"""Slab rows as people type them, read back, checked together and written out again."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from krakit.errors import KrakitError, ParseError
from krakit.model import Slab
from krakit.text.slabs import (
    DEFAULT_SLABS,
    format_slab,
    format_slabs,
    parse_slab,
    parse_slabs,
    read_slab_rows,
    slab_index,
    slab_ranges,
)

READ = [
    ("90% → 80", 90, 80, None),
    ("90 -> 80", 90, 80, None),
    ("90=>80 pts", 90, 80, None),
    ("90-100: 80", 90, 80, 100),
    ("90 – 100 %: 80 points", 90, 80, 100),
    ("90 to 100 = 80", 90, 80, 100),
    ("110+: 120", 110, 120, None),
    ("110% and above: 120", 110, 120, None),
    ("above 110%: 120", 110, 120, None),
    ("from 95 % of target: 90", 95, 90, None),
    ("at least 100 → 100", 100, 100, None),
    ("below 80%: 0", 0, 0, 80),
    ("< 80 : 10", 0, 10, 80),
    ("  92.5 %  →  80.5  ", 92.5, 80.5, None),
    ("100 100", 100, 100, None),
    ("ACHIEVEMENT 90% SCORES 80 POINTS", 90, 80, None),
]


@pytest.mark.parametrize(("text", "at", "points", "upto"), READ)
def test_a_slab_row_is_read_as_typed(
    text: str, at: float, points: float, upto: float | None
) -> None:
    row = parse_slab(text)
    assert (row.slab.at, row.slab.points, row.upto) == (at, points, upto)


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("ninety → eighty", "cannot read the slab 'ninety → eighty'"),
        ("90", "cannot read the slab '90'"),
        ("80:50:30", "cannot read"),
        ("100-90: 80", "ends at 90% before it starts at 100%"),
        ("90 → 5000", "the points must be from 0 to 1000"),
        ("20000 → 50", "the % of target must be from 0 to 10000"),
        ("", "cannot read"),
    ],
)
def test_a_row_that_is_not_a_slab_is_named_with_a_fix(text: str, says: str) -> None:
    with pytest.raises(ParseError, match="slabs") as info:
        parse_slab(text)
    assert says in str(info.value)
    assert info.value.field == "slabs"


def test_rows_in_any_order_with_blanks_are_sorted() -> None:
    reading = read_slab_rows(["110+: 120", "", "80 → 50", "100 → 100", "  ", "90-100: 80"])
    assert reading.messages == []
    assert reading.slabs == [Slab(at=80, points=50), *DEFAULT_SLABS[1:]]


def test_table_problems_name_the_row() -> None:
    reading = read_slab_rows(["80 → 50", "nonsense", "80 → 60", "90-95: 80", "100 → 100"])
    assert reading.slabs is None
    assert set(reading.problems) == {1, 2, 3}
    assert "cannot read the slab 'nonsense'" in reading.problems[1]
    assert "two slabs start at 80%" in reading.problems[2]
    assert "90–95% ends at 95% but the next slab starts at 100%" in reading.problems[3]
    assert reading.messages[0].startswith("slab 2: ")


def test_the_last_slab_cannot_end() -> None:
    reading = read_slab_rows(["80-90: 50", "90-100: 80"])
    assert reading.slabs is None
    assert "the last slab, 90–100%, has an end" in reading.problems[1]
    assert "'100+: 80'" in reading.problems[1]


def test_an_empty_table_says_so() -> None:
    assert read_slab_rows([]).overall == ["no slabs yet: add one, e.g. '100% → 100'"]
    assert read_slab_rows(["", " "]).slabs is None


def test_a_cell_splits_on_semicolons_commas_bars_and_lines() -> None:
    expected = [Slab(at=80, points=50), Slab(at=90, points=80), Slab(at=100, points=100)]
    for text in ("80:50; 90:80; 100:100", "80:50,90:80,100:100", "80:50 | 90:80\n100:100"):
        assert parse_slabs(text) == expected


def test_parse_slabs_names_every_problem() -> None:
    with pytest.raises(ParseError) as info:
        parse_slabs("80:50; x; 80:70", field="Slabs")
    text = str(info.value)
    assert "slab 2: cannot read the slab 'x'" in text
    assert "slab 3: two slabs start at 80%" in text
    assert info.value.field == "Slabs"


def test_ranges_and_the_slab_an_achievement_falls_in() -> None:
    assert slab_ranges(DEFAULT_SLABS)[-1] == "110% and up"
    assert [slab_index(DEFAULT_SLABS, p) for p in (0, 79.99, 80, 95, 100, 250)] == [
        None,
        None,
        0,
        1,
        2,
        3,
    ]
    assert slab_index(DEFAULT_SLABS, None) is None
    assert slab_index(DEFAULT_SLABS, float("nan")) is None


slabs = st.lists(
    st.builds(
        Slab,
        at=st.floats(0, 10000, allow_nan=False),
        points=st.floats(0, 1000, allow_nan=False),
    ),
    min_size=1,
    max_size=12,
    unique_by=lambda s: s.at,
).map(lambda xs: sorted(xs, key=lambda s: s.at))


@given(slabs)
def test_written_slabs_read_back_the_same(table: list[Slab]) -> None:
    assert parse_slabs(format_slabs(table)) == table
    assert read_slab_rows([format_slab(s) for s in reversed(table)]).slabs == table


@given(st.text(max_size=60))
def test_any_text_is_read_or_refused_in_words(text: str) -> None:
    try:
        parse_slabs(text)
    except KrakitError as exc:
        assert str(exc)
