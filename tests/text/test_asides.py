"""Footnote markers and code-like tokens: their numbers are never the target or the name."""

import datetime as dt
import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from krakit.text.asides import ASIDES, find_asides
from krakit.text.draft import Quantity
from krakit.text.parse import parse_kpi

TODAY = dt.date(2026, 1, 15)

# sentence -> (metric, target, other targets)
CASES = [
    ("Close 2,40,000 invoices (see note 1) monthly", "invoices", Quantity(240_000, "invoices")),
    ("Close 2,40,000 invoices monthly (see note 1)", "invoices", Quantity(240_000, "invoices")),
    ("Lift repeat buyers to 30% (ref 2) by Q3", "repeat buyers", Quantity(30, "%")),
    ("Lift repeat buyers to 30% (Ref. 2) by Q3", "repeat buyers", Quantity(30, "%")),
    ("Cut scrap to 4% [1] by Q4", "scrap", Quantity(4, "%")),
    ("Cut scrap to 4%[12] by Q4", "scrap", Quantity(4, "%")),
    ("[2] Cut scrap to 4% by Q4", "scrap", Quantity(4, "%")),
    ("Open 25 kiosks *3 this quarter", "kiosks", Quantity(25, "kiosks")),
    ("Keep waste below 5% see footnote 2", "waste", Quantity(5, "%")),
    ("Trim rework hours by 15% [fn 4]", "rework hours", Quantity(15, "%", True)),
    ("Respond to alert(1) pages within 5 minutes", "Respond to alert(1) pages", None),
    ("Acknowledge sev(2) incidents within 15 minutes", "Acknowledge sev(2) incidents", None),
    ("Keep queue(2) backlog under 40 tickets", "queue(2) backlog", Quantity(40, "tickets")),
]


@pytest.mark.parametrize(("text", "metric", "target"), CASES)
def test_an_aside_gives_no_target_and_no_name(text, metric, target):
    d = parse_kpi(text, today=TODAY)
    if target is None:  # the window is the target ("within 5 minutes")
        assert d.target is not None and d.target.value in (5, 15)
    else:
        assert d.target == target
    assert d.other_targets == []
    assert d.metric == metric


def test_a_product_and_a_bracketed_amount_are_not_asides():
    d = parse_kpi("Rs. 50,000 x 5 = Rs. 2,50,000 in fees", today=TODAY)
    assert d.target == Quantity(250_000, "INR")
    assert find_asides("Sell 40 units (20 per rep)") == []
    assert find_asides("Sell 40 units (2nd half)") == []
    assert find_asides("Grow fees 3 *5 = 15") == []


@pytest.mark.parametrize(
    ("aside", "text", "shown"),
    [(a, t, s) for a in ASIDES for t, s in a.examples.items()],
    ids=lambda v: getattr(v, "name", None),
)
def test_every_declared_example_is_found(aside, text, shown):
    found = find_asides(text)
    assert [(f.aside.name, text[slice(*f.span)]) for f in found] == [(aside.name, shown)]
    d = parse_kpi(text, today=TODAY)
    numbers = [q.value for q in (d.target, d.baseline, *d.other_targets) if q is not None]
    marker = float("".join(ch for ch in shown if ch.isdigit()))
    if marker not in [float(ch) for ch in text.replace(shown, "") if ch.isdigit()]:
        assert marker not in numbers


@given(st.text(max_size=60))
def test_asides_never_overlap_and_stay_inside_the_text(text):
    spans = [f.span for f in find_asides(text)]
    assert spans == sorted(spans)
    for (_, e1), (s2, _) in itertools.pairwise(spans):
        assert e1 <= s2
    assert all(0 <= s < e <= len(text) for s, e in spans)
