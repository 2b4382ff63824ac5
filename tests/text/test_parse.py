"""parse_kpi: a table of sentences and what each field must read."""

import datetime as dt

import pytest

from krakit.model import KPI, Polarity
from krakit.text.draft import Direction, Period, Quantity
from krakit.text.parse import parse_kpi

TODAY = dt.date(2026, 1, 15)


def parse(text: str):
    return parse_kpi(text, today=TODAY)


TARGETS = [
    ("Achieve ₹10 lakh monthly revenue", Quantity(1_000_000, "INR")),
    ("Increase website traffic by 25%", Quantity(25, "%", True)),
    ("Reduce average time-to-fill from 45 days to 30 days by end of Q2", Quantity(30, "days")),
    ("Defect leakage < 2%", Quantity(2, "%")),
    ("Recruitment", None),
    ("Publish 8 case studies a quarter", Quantity(8, "case")),
    ("Grow MRR to $1.2M by FY2025-26", Quantity(1_200_000, "USD")),
    ("Cost per hire under ₹40,000", Quantity(40_000, "INR")),
    ("Uptime at least 99.9%", Quantity(99.9, "%")),
    ("Mean time to repair under 4 hours", Quantity(4, "hours")),
    ("Upsell revenue +20% YoY", Quantity(20, "%", True)),
    ("drive 15 more customers per day", Quantity(15, "customers", True)),
    ("Secure one new client per month", Quantity(1, "client")),
    ("Customer satisfaction 4.5 out of 5", Quantity(4.5, "/5")),
    ("Patient satisfaction score of 4.5/5", Quantity(4.5, "/5")),
    ("Interview to offer ratio of 4:1", Quantity(4, "x")),
    ("Pipeline at least 3x quota", Quantity(3, "x")),
    ("Net Promoter Score 45+", Quantity(45, "score")),
    ("Zero lost-time incidents", Quantity(0, "lost-time")),
    # several targets: the first is the target, the others are kept
    ("Turnover <8%, time to fill <25 days, satisfaction >4.1/5", Quantity(8, "%")),
    # dashboard lines: the target is the target
    ("Actual: 82% | Target: 90%", Quantity(90, "%")),
    ("New customers acquired: 40 vs 50 target", Quantity(50, "count")),
    ("Sales | Target ₹50 lakh | Actual ₹42 lakh", Quantity(5_000_000, "INR")),
    ("set a base of 50k with a minimum target of 150k", Quantity(150_000, "count")),
    # numbers that define the metric
    ("Reduce receivables overdue beyond 90 days to below 5%", Quantity(5, "%")),
    ("Zero defects on lines 1, 2 and 3", Quantity(0, "defects")),
    ("Revenue growth 15% (weightage 20%)", Quantity(15, "%", True)),
    ("Weightage 25% - time to fill under 30 days", Quantity(30, "days")),
    ("30-day readmission rate below 10%", Quantity(10, "%")),
    ("Persistency 85%; 13 month rolling", Quantity(85, "%")),
    ("76% of students in grades K-2 reading at benchmark", Quantity(76, "%")),
    ("Medication errors per 1,000 doses", None),
    ("Implement ISO 9001 by June", None),
    ("2025 Annual Target: attrition below 8%", Quantity(8, "%")),
    # placeholders
    ("Increase conversion rate from X% to Y%", None),
    ("Launch X new products by (month)", None),
    # tables
    ("Code Coverage | 80%+", Quantity(80, "%")),
    ("Fill rate | Target | 97%", Quantity(97, "%")),
    # within N days both ways
    ("Resolve support tickets within 4 hours", Quantity(4, "hours")),
    ("Close 95% of audit points within 30 days", Quantity(95, "%")),
    ("Increase revenue by 20% within the next six months", Quantity(20, "%", True)),
    ("€2.500 daily sales per store", Quantity(2500, "EUR")),
    ("Hire five engineers by 31 March 2026", Quantity(5, "engineers")),
]


@pytest.mark.parametrize(("text", "target"), TARGETS)
def test_target(text: str, target: Quantity | None) -> None:
    assert parse(text).target == target


@pytest.mark.parametrize(
    ("text", "direction"),
    [
        ("Increase website traffic by 25%", Direction.INCREASE),
        ("Reduce cost per lead", Direction.DECREASE),
        ("Defect leakage < 2%", Direction.DECREASE),
        ("Uptime at least 99.9%", Direction.INCREASE),
        ("Onboarding satisfaction 90%+", Direction.INCREASE),
        ("Bad debt not to exceed 2%", Direction.DECREASE),
        ("Maximum deviation 10%", Direction.DECREASE),
        ("Maintain 100% compliance", Direction.MAINTAIN),
        ("Improve checkout success rate from 94% to 98%", Direction.INCREASE),
        ("Payment terms from 45 to 30 days", Direction.DECREASE),
        ("Achieve 100% of the sales target", None),
        ("Zero lost-time incidents", Direction.DECREASE),
        ("Percentage increase in profitability", Direction.INCREASE),
        ("Cost of quality | Decreasing YoY", Direction.DECREASE),
        ("Build time under 10 minutes", Direction.DECREASE),
    ],
)
def test_direction(text: str, direction: Direction | None) -> None:
    assert parse(text).direction == direction


@pytest.mark.parametrize(
    ("text", "period"),
    [
        ("Achieve ₹10 lakh monthly revenue", Period.MONTHLY),
        ("Publish 8 case studies a quarter", Period.QUARTERLY),
        ("Grow sales 10% YoY", Period.ANNUAL),
        ("Make 60 calls a day", Period.DAILY),
        ("Tasks completed per day/week/month", None),
        ("Close 12 deals by Q4 2026", None),
    ],
)
def test_period(text: str, period: Period | None) -> None:
    assert parse(text).period == period


@pytest.mark.parametrize(
    ("text", "deadline"),
    [
        ("Reduce time-to-fill to 30 days by end of Q2", "Q2"),
        ("Hire 5 engineers by 31 March 2026", dt.date(2026, 3, 31)),
        ("Training completion 100% by Q1 FY26", "Q1 FY2026"),
        ("Cut spend by 10% this year", dt.date(2026, 12, 31)),
        ("Launch 3 products in H2 2026", "H2 2026"),
    ],
)
def test_deadline(text: str, deadline: object) -> None:
    assert parse(text).deadline == deadline


def test_within_window_is_kept_when_something_else_is_the_target() -> None:
    d = parse("Close 95% of audit points within 30 days")
    assert d.within == Quantity(30, "days") and d.target == Quantity(95, "%")


def test_within_is_the_target_when_the_metric_is_a_time() -> None:
    d = parse("Resolve support tickets within 4 hours")
    assert d.within is None and d.direction is Direction.DECREASE


def test_from_to_gives_baseline_and_target() -> None:
    d = parse("Reduce average time-to-fill from 45 days to 30 days by end of Q2")
    assert d.baseline == Quantity(45, "days") and d.target == Quantity(30, "days")
    assert d.metric == "average time-to-fill"


def test_units_carry_across_from_to() -> None:
    d = parse("Decrease payment terms from 45 to 30 days")
    assert d.baseline == Quantity(45, "days")


def test_range() -> None:
    d = parse("Keep shrinkage between 2 and 4%")
    assert (d.target, d.target_low, d.target_high) == (None, Quantity(2, "%"), Quantity(4, "%"))
    d = parse("Policies (Nos) – 600 to 2500")
    assert (d.target_low.value, d.target_high.value) == (600, 2500)


def test_other_targets_are_kept() -> None:
    d = parse("Turnover <8%, time to fill <25 days, satisfaction >4.1/5")
    assert d.other_targets == [Quantity(25, "days"), Quantity(4.1, "/5")]


def test_dashboard_actual_is_the_baseline() -> None:
    d = parse("Actual: 82% | Target: 90%")
    assert d.baseline == Quantity(82, "%")


@pytest.mark.parametrize(
    ("text", "metric"),
    [
        ("Achieve ₹10 lakh monthly revenue", "monthly revenue"),
        ("Increase website traffic by 25%", "website traffic"),
        ("Defect leakage < 2%", "Defect leakage"),
        ("Code Coverage | 80%+", "Code Coverage"),
        ("Between 2 and 4% shrinkage", "shrinkage"),
    ],
)
def test_metric(text: str, metric: str) -> None:
    assert parse(text).metric == metric


def test_spans_point_into_the_text() -> None:
    text = "Achieve ₹10 lakh monthly revenue by 31 March 2026"
    d = parse(text)
    got = {k: text[s:e] for k, (s, e) in d.spans.items()}
    assert got["target"] == "₹10 lakh"
    assert got["period"] == "monthly"
    assert got["deadline"] == "by 31 March 2026"
    assert got["metric"] == "monthly revenue"


def test_to_kpi_gives_a_model_kpi() -> None:
    kpi = parse("Reduce average time-to-fill from 45 days to 30 days by end of Q2").to_kpi()
    assert isinstance(kpi, KPI)
    assert (kpi.target, kpi.baseline, kpi.unit) == (30, 45, "days")
    assert kpi.polarity is Polarity.LOWER_IS_BETTER and kpi.deadline == "Q2"


def test_to_kpi_relative_target_with_baseline() -> None:
    kpi = parse("Increase sales by 50%: from $4000 a month to $6000 a month").to_kpi()
    assert kpi.target == pytest.approx(6000) and kpi.unit == "USD"
