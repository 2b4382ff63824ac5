"""Typos, Hinglish and Devanagari: each reads as its English spelling does.

The words are data in krakit/text/lexicon (direction.yaml, time.yaml, numbers.yaml); these
sentences are our own examples, one or more per kind.
"""

import pytest

from krakit.text.parse import parse_kpi

CASES = [
    # "less then" / "more then": the common typo is still a ceiling / floor
    ("Patient falls less then 2 per mnth", "decrease", 2.0, "count", "monthly"),
    ("Returns less then 3% each yr", "decrease", 3.0, "%", "annual"),
    ("Late deliveries fewer then 4 a wk", "decrease", 4.0, "count", "weekly"),
    ("Orders more then 50 per wk", "increase", 50.0, "count", "weekly"),
    ("Site visits greater then 6 every qtr", "increase", 6.0, "count", "quarterly"),
    # abbreviated cadences
    ("Audits 3 per qtr", None, 3.0, "count", "quarterly"),
    ("Revenue ₹5 lakh mnthly", None, 500000.0, "INR", "monthly"),
    ("Safety drills 2 per yr", None, 2.0, "count", "annual"),
    # Hinglish: cadence words, "se kam" (ceiling), "se zyada" / "se adhik" (floor), "tak"
    ("Stockouts har mahine 2 se kam", "decrease", 2.0, "count", "monthly"),
    ("Leads har hafte 40 se zyada", "increase", 40.0, "count", "weekly"),
    ("Complaints saal mein 12 se kam", "decrease", 12.0, "count", "annual"),
    ("Naye customers har mahine 30 se adhik", "increase", 30.0, "count", "monthly"),
    ("Breakdowns 3 tak har hafte", "decrease", 3.0, "count", "weekly"),
    # Devanagari: digits, लाख / करोड़ / हज़ार, मासिक / साप्ताहिक / वार्षिक, "से कम", "तक"
    ("मासिक बिक्री ₹5 लाख तक", "decrease", 500000.0, "INR", "monthly"),
    ("साप्ताहिक शिकायतें ५ से कम", "decrease", 5.0, "count", "weekly"),
    ("वार्षिक राजस्व ₹२ करोड़ से अधिक", "increase", 20000000.0, "INR", "annual"),
    ("मासिक खर्च ₹५० हज़ार तक", "decrease", 50000.0, "INR", "monthly"),
]


@pytest.mark.parametrize(("text", "direction", "value", "unit", "period"), CASES)
def test_variant_reads_like_english(text, direction, value, unit, period):
    d = parse_kpi(text)
    assert (str(d.direction) if d.direction else None) == direction
    assert (d.target.value, d.target.unit) == (value, unit)
    assert str(d.period) == period


@pytest.mark.parametrize(
    ("text", "metric"),
    [
        ("Stockouts har mahine 2 se kam", "Stockouts"),
        ("Complaints saal mein 12 se kam", "Complaints"),
        ("मासिक बिक्री ₹5 लाख तक", "बिक्री"),
        ("साप्ताहिक शिकायतें ५ से कम", "शिकायतें"),
        ("वार्षिक राजस्व ₹२ करोड़ से अधिक", "राजस्व"),
    ],
)
def test_hinglish_and_devanagari_metric_names(text, metric):
    assert parse_kpi(text).metric == metric


@pytest.mark.parametrize(
    ("text", "metric"),
    [
        ("Achieve ₹10 lakh monthly revenue", "monthly revenue"),
        ("Monthly revenue ₹10 lakh", "Monthly revenue"),
    ],
)
def test_english_cadence_adjective_still_names_the_metric(text, metric):
    assert parse_kpi(text).metric == metric


@pytest.mark.parametrize(
    "text",
    [
        "Launch 3 products in 2 yr",
        "Close 10 deals in 6 mth",
        "Hire 4 engineers within 3 wk",
        "Deliver 5 projects in 1 qtr",
        "Naye store 2 saal mein 10",
    ],
)
def test_abbreviation_after_a_number_is_a_span_not_a_cadence(text):
    assert parse_kpi(text).period is None
