"""Numbers typed into one form box: weights and amounts, as managers type them."""

from __future__ import annotations

import pytest

from krakit.errors import ParseError
from krakit.model import WeightMode
from krakit.text.box import read_amount, read_weight


@pytest.mark.parametrize(
    ("typed", "weight"),
    [
        ("30", 30.0),
        ("30%", 30.0),
        ("30 %", 30.0),
        (" 30 % ", 30.0),
        ("30.", 30.0),  # mid-typing
        ("thirty", 30.0),
        ("Thirty Percent", 30.0),
        ("12.5 per cent", 12.5),
        ("३०", 30.0),  # Devanagari digits
        ("0.5%", 0.5),  # a fraction with its % sign is not ambiguous
        ("1", 1.0),
        ("0", 0.0),
        ("100%", 100.0),
        ("", None),
        ("   ", None),
        (None, None),
    ],
)
def test_weights_as_typed(typed: str | None, weight: float | None) -> None:
    assert read_weight(typed) == weight


@pytest.mark.parametrize(
    ("typed", "says"),
    [
        ("0.3", "could be 30% or 0.3%"),  # a fraction among percentages: asked, not guessed
        ("0.25", "type 25 for 25%"),
        ("lots", "expected one number"),
        ("30 or 40", "expected one number"),
        ("1,5", "expected one number"),
        ("-5", "cannot be negative"),
        ("150", "more than 100%"),
        ("$30", "not a share"),
        ("30 days", "not a share"),
    ],
)
def test_weights_refused_say_why_and_name_the_text(typed: str, says: str) -> None:
    with pytest.raises(ParseError) as caught:
        read_weight(typed)
    assert says in str(caught.value)
    assert caught.value.field == "weight" and caught.value.value == typed.strip()


def test_relative_weights_take_fractions_and_any_size() -> None:
    assert read_weight("0.3", WeightMode.RELATIVE) == 0.3
    assert read_weight("150", WeightMode.RELATIVE) == 150.0
    with pytest.raises(ParseError):
        read_weight("-1", WeightMode.RELATIVE)


@pytest.mark.parametrize(
    ("typed", "amount"),
    [
        ("95", (95.0, None)),
        ("95%", (95.0, "%")),
        ("95 %", (95.0, "%")),
        ("₹5 lakh", (500000.0, "INR")),
        ("1,240,000", (1240000.0, None)),
        ("-2.5", (-2.5, None)),
        ("30 days", (30.0, "days")),
        ("", None),
    ],
)
def test_amounts_in_a_number_box(typed: str, amount: tuple[float, str | None] | None) -> None:
    assert read_amount(typed) == amount


def test_an_amount_box_with_two_numbers_or_words_is_refused() -> None:
    for typed in ("30 or 40", "soon", "about 5 then 6"):
        with pytest.raises(ParseError) as caught:
            read_amount(typed, "baseline")
        assert caught.value.field == "baseline" and typed in str(caught.value)
