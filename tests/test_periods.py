"""The calendar krakit reads time against (krakit.periods), tested directly."""

import datetime as dt

import pytest

from krakit.errors import ParseError
from krakit.periods import (
    FISCAL_STARTS,
    Level,
    When,
    fiscal_year,
    half,
    month_end,
    next_end,
    parse_period,
    quarter,
    school_year,
    season,
)

D = dt.date


@pytest.mark.parametrize(
    ("year", "month", "end"),
    [
        (2028, 2, D(2028, 2, 29)),
        (2027, 2, D(2027, 2, 28)),
        (2026, 12, D(2026, 12, 31)),
        (2026, 14, D(2027, 2, 28)),
    ],
)
def test_month_end(year: int, month: int, end: dt.date) -> None:
    assert month_end(year, month) == end


@pytest.mark.parametrize(
    ("convention", "start", "end"),
    [
        ("calendar", D(2027, 1, 1), D(2027, 12, 31)),
        ("india", D(2026, 4, 1), D(2027, 3, 31)),
        ("australia", D(2026, 7, 1), D(2027, 6, 30)),
        ("us-federal", D(2026, 10, 1), D(2027, 9, 30)),
    ],
)
def test_a_fiscal_year_is_named_by_the_year_it_ends(
    convention: str, start: dt.date, end: dt.date
) -> None:
    assert fiscal_year(2027, FISCAL_STARTS[convention]) == (start, end)


def test_fiscal_quarters_and_halves() -> None:
    assert quarter(1, 2027, FISCAL_STARTS["us-federal"]) == (D(2026, 10, 1), D(2026, 12, 31))
    assert quarter(4, 2027, FISCAL_STARTS["india"]) == (D(2027, 1, 1), D(2027, 3, 31))
    assert half(2, 2027, FISCAL_STARTS["australia"]) == (D(2027, 1, 1), D(2027, 6, 30))
    assert quarter(3, 2027) == (D(2027, 7, 1), D(2027, 9, 30))


@pytest.mark.parametrize(
    ("name", "hemisphere", "span"),
    [
        ("spring", "north", (D(2027, 3, 1), D(2027, 5, 31))),
        ("summer", "north", (D(2027, 6, 1), D(2027, 8, 31))),
        ("fall", "north", (D(2027, 9, 1), D(2027, 11, 30))),
        ("winter", "north", (D(2026, 12, 1), D(2027, 2, 28))),
        ("spring", "south", (D(2027, 9, 1), D(2027, 11, 30))),
        ("winter", "south", (D(2027, 6, 1), D(2027, 8, 31))),
    ],
)
def test_seasons(name: str, hemisphere: str, span: tuple[dt.date, dt.date]) -> None:
    assert season(name, 2027, hemisphere) == span


def test_school_year_runs_august_to_june() -> None:
    assert school_year(2026) == (D(2026, 8, 1), D(2027, 6, 30))


def test_next_end_finds_the_next_period_to_close() -> None:
    assert next_end(school_year, D(2026, 7, 1))[0] == 2026  # SY2026-27 ends June 2027
    assert next_end(lambda y: quarter(2, y), D(2026, 6, 30))[2] == D(2026, 6, 30)


def test_when_value_str_and_timeframe() -> None:
    named = When("deadline", "Q2 2027", D(2027, 4, 1), D(2027, 6, 30), "quarter")
    plain = When("deadline", "Mar 2027", D(2027, 3, 1), D(2027, 3, 31), "month", named=False)
    anchor = When("deadline", "next audit", grain="event")
    window = When("window", "20 seconds", grain="seconds", count=20)
    assert (named.value, plain.value, anchor.value) == ("Q2 2027", D(2027, 3, 31), "next audit")
    assert str(anchor) == "deadline next audit (no date)" and not anchor.dated
    assert str(When("cadence", "fortnightly", grain="weekly")) == "cadence weekly"
    assert not window.timeframe and named.timeframe


def test_parse_period_reads_a_month_written_with_its_year() -> None:
    span = parse_period("March 2026")
    assert span == parse_period("2026-03") and span.level is Level.MONTH
    with pytest.raises(ParseError, match="not a period"):
        parse_period("March")
    with pytest.raises(ParseError, match="not a period"):
        parse_period("March 2026 or so")
