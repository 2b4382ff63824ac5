"""Compound KPIs with two targets, and rates aimed past 100%, whatever the verb."""

from __future__ import annotations

import pytest

import krakit


def codes(text: str) -> list[str]:
    return [f.code for f in krakit.check(text)]


@pytest.mark.parametrize(
    "text",
    [
        "Lift net sales to ₹40 lakh and cut returns to 3% by June 2027",
        "Reduce scrap to 1.5% and rework to 2% by September 2027",
    ],
)
def test_two_targets_joined_by_and_are_compound(text: str) -> None:
    assert "S003" in codes(text)


def test_a_range_is_one_measure() -> None:
    assert "S003" not in codes("Keep inventory cover between 20 and 30 days every month")


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("Raise machine uptime to 140% by March 2027", True),
        ("Raise units per labour hour by 140% by March 2027", False),
        ("Raise net revenue retention from 104% to 112% by March 2027", False),
    ],
)
def test_rate_past_100_percent(text: str, flagged: bool) -> None:
    assert ("A001" in codes(text)) is flagged
