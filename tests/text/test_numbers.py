"""Amounts as people write them (krakit.text.numbers)."""

import pytest

from krakit.errors import ParseError
from krakit.text.numbers import find_amounts, parse_amount

AMOUNTS = [
    ("₹10 lakh", 1_000_000, "INR"),
    ("Rs. 2.5 crore", 25_000_000, "INR"),
    ("2.5 Cr", 25_000_000, "INR"),  # lakh and crore with no currency are rupees
    ("500 crore by FY28", 5_000_000_000, "INR"),
    ("10 lakh/month", 1_000_000, "INR"),
    ("1 lakh app downloads", 100_000, None),  # unless they count a noun
    ("0.18 € per unit", 0.18, "EUR"),
    ("20 pc", 20, "%"),
    ("A$2M", 2_000_000, "AUD"),  # dollars of other countries are not US dollars
    ("NZ$ 3M", 3_000_000, "NZD"),
    ("S$ 5,000", 5_000, "SGD"),
    ("C$ 1.2M", 1_200_000, "CAD"),
    ("INR 1,50,000", 150_000, "INR"),
    ("$1.2M", 1_200_000, "USD"),
    ("10k", 10_000, None),
    ("10K", 10_000, None),
    ("5 mn", 5_000_000, None),
    ("90 percent", 90, "%"),
    ("99.9%+", 99.9, "%"),
    ("€2.500", 2500, "EUR"),
    ("â‚¹5 lakh", 500_000, "INR"),
    ("£45k", 45_000, "GBP"),
    ("1,500,000", 1_500_000, None),
    ("1.250.000", 1_250_000, None),
    ("10 lakh rupees", 1_000_000, "INR"),
    ("4 hrs", 4, "hours"),
    ("30 days", 30, "days"),
    ("15 minutes", 15, "minutes"),
    ("3x", 3, "x"),
    ("₹5L", 500_000, "INR"),
    ("USD 2 bn", 2_000_000_000, "USD"),
]


@pytest.mark.parametrize(("text", "value", "unit"), AMOUNTS)
def test_amounts(text: str, value: float, unit: str | None) -> None:
    assert parse_amount(text) == (pytest.approx(value), unit)


@pytest.mark.parametrize(
    ("text", "value"), [("five", 5), ("twenty", 20), ("twenty five", 25), ("a dozen", 12)]
)
def test_spelled_numbers(text: str, value: float) -> None:
    found = [a for a in find_amounts(text) if a.spelled]
    assert found and found[0].value == value


def test_a_letter_after_a_space_is_no_multiplier_without_currency() -> None:
    assert parse_amount("5 L of paint") == (5, None)


@pytest.mark.parametrize("text", ["W-4", "B-3", "3PL"])
def test_numbers_glued_to_letters_are_codes(text: str) -> None:
    assert all(a.code for a in find_amounts(text))


def test_hyphenated_unit_is_an_adjective() -> None:
    (a,) = find_amounts("30-day readmission rate")
    assert a.hyphen_unit and a.unit == "days"


def test_spans_cover_the_amount() -> None:
    text = "Achieve ₹10 lakh monthly revenue"
    (a,) = find_amounts(text)
    assert text[a.span[0] : a.span[1]] == "₹10 lakh"


def test_no_amount_raises_parse_error() -> None:
    with pytest.raises(ParseError, match="expected an amount"):
        parse_amount("about as much as last year")


def test_a_capital_unit_abbreviation_before_a_noun_is_an_acronym() -> None:
    from krakit.text.numbers import find_amounts

    assert find_amounts("Run 3 HR workshops a quarter")[0].unit != "hours"
    assert find_amounts("Turnaround in 4 HRS per request")[0].unit == "hours"
    assert find_amounts("Resolve within 8 hrs")[0].unit == "hours"
