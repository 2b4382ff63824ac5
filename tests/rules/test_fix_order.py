"""Fixes that leave a card better, and advice that fits the card (a new user's findings)."""

from __future__ import annotations

import krakit
from krakit.rules.fixes import fix_all

CARD = """role: {title: Store Manager}
kras:
- title: Sales
  weight: 50
  kpis:
  - statement: Achieve Rs. 12 lakh monthly sales
- title: Customer Satisfaction
  weight: 30
  kpis:
  - statement: improve customer happiness
  - statement: NPS above 40 every quarter
- title: Shrinkage below 1% every month
  weight: 30
"""


def test_typed_weights_past_100_with_one_missing_are_scaled_not_left() -> None:
    sc = krakit.loads(CARD)
    fixed, _applied = fix_all(sc)
    weights = [k.weight for k in fixed.kras]
    assert None not in weights and sum(weights) == 100
    codes = {f.code for f in krakit.check(fixed)}
    assert not codes & {"W001", "W003"}


def test_c002_names_the_area_it_suggests() -> None:
    sc = krakit.loads(
        "role: {title: Store Manager}\nkras:\n- {title: Shrinkage below 1% every month}\n"
    )
    (finding,) = [f for f in krakit.check(sc) if f.code == "C002"]
    assert f"('{finding.fix}')" in finding.message and "Sales growth" not in finding.message


def test_a_kpi_with_a_definition_says_where_its_numbers_come_from() -> None:
    sc = krakit.loads(
        "role: {title: Recruiter}\nkras:\n- title: Hiring\n  kpis:\n"
        "  - metric: Time to hire\n    definition: {source: reqs, agg: median, expr: days}\n"
    )
    assert "O002" not in {f.code for f in krakit.check(sc)}
