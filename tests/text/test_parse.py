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
    ("Ticket resolution time under 8 hours", Quantity(8, "hours")),
    ("Upsell revenue +20% YoY", Quantity(20, "%", True)),
    ("sign up 12 more members per week", Quantity(12, "members", True)),
    ("Win one new distributor per quarter", Quantity(1, "distributor")),
    ("Customer satisfaction 4.5 out of 5", Quantity(4.5, "/5")),
    ("Patient satisfaction score of 4.5/5", Quantity(4.5, "/5")),
    ("Interview to offer ratio of 4:1", Quantity(4, "x")),
    ("Stock cover at least 2x demand", Quantity(2, "x")),
    ("Net Promoter Score 45+", Quantity(45, "score")),
    ("Zero lost-time incidents", Quantity(0, "lost-time")),
    # several targets: the first is the target, the others are kept
    ("Churn <6%, onboarding time <12 days, rating >4.3/5", Quantity(6, "%")),
    # dashboard lines: the target is the target
    ("Actual: 82% | Target: 90%", Quantity(90, "%")),
    ("New customers acquired: 40 vs 50 target", Quantity(50, "count")),
    ("Sales | Target ₹50 lakh | Actual ₹42 lakh", Quantity(5_000_000, "INR")),
    ("start from 30k with a minimum target of 80k", Quantity(80_000, "count")),
    # numbers that define the metric
    ("Reduce receivables overdue beyond 90 days to below 5%", Quantity(5, "%")),
    ("Zero defects on lines 1, 2 and 3", Quantity(0, "defects")),
    ("Revenue growth 15% (weightage 20%)", Quantity(15, "%", True)),
    ("Weightage 25% - time to fill under 30 days", Quantity(30, "days")),
    ("30-day readmission rate below 10%", Quantity(10, "%")),
    ("Retention 92%; 6 month rolling", Quantity(92, "%")),
    ("81% of learners in level A-2 passing the oral exam", Quantity(81, "%")),
    ("Shipping damages per 10,000 parcels", None),
    ("Implement ISO 9001 by June", None),
    ("2026 Annual Target: scrap below 3%", Quantity(3, "%")),
    # placeholders
    ("Increase conversion rate from X% to Y%", None),
    ("Open X new branches by (month)", None),
    # tables
    ("First-call resolution | 75%+", Quantity(75, "%")),
    ("Fill rate | Target | 97%", Quantity(97, "%")),
    # within N days both ways
    ("Resolve support tickets within 4 hours", Quantity(4, "hours")),
    ("Close 95% of audit points within 30 days", Quantity(95, "%")),
    ("Grow repeat orders by 15% within the next four months", Quantity(15, "%", True)),
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
        ("Vendor on-time delivery 95%+", Direction.INCREASE),
        ("Bad debt not to exceed 2%", Direction.DECREASE),
        ("Maximum scrap 4%", Direction.DECREASE),
        ("Maintain 100% compliance", Direction.MAINTAIN),
        ("Improve on-time dispatch from 88% to 95%", Direction.INCREASE),
        ("Supplier lead time from 21 to 14 days", Direction.DECREASE),
        ("Deliver 100% of the budgeted volume", None),
        ("Zero lost-time incidents", Direction.DECREASE),
        ("Percentage increase in gross margin", Direction.INCREASE),
        ("Energy use per unit | Decreasing YoY", Direction.DECREASE),
        ("Page load time under 3 seconds", Direction.DECREASE),
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
        ("Parcels packed per week/month/quarter", None),
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
    d = parse("Cut supplier lead time from 21 to 14 days")
    assert d.baseline == Quantity(21, "days")


def test_range() -> None:
    d = parse("Keep shrinkage between 2 and 4%")
    assert (d.target, d.target_low, d.target_high) == (None, Quantity(2, "%"), Quantity(4, "%"))
    d = parse("Service calls (count) – 40 to 120")
    assert (d.target_low.value, d.target_high.value) == (40, 120)


def test_other_targets_are_kept() -> None:
    d = parse("Churn <6%, onboarding time <12 days, rating >4.3/5")
    assert d.other_targets == [Quantity(12, "days"), Quantity(4.3, "/5")]


def test_dashboard_actual_is_the_baseline() -> None:
    d = parse("Actual: 82% | Target: 90%")
    assert d.baseline == Quantity(82, "%")


@pytest.mark.parametrize(
    ("text", "metric"),
    [
        ("Achieve ₹10 lakh monthly revenue", "monthly revenue"),
        ("Increase website traffic by 25%", "website traffic"),
        ("Defect leakage < 2%", "Defect leakage"),
        ("First-call resolution | 75%+", "First-call resolution"),
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
    kpi = parse("Grow subscription revenue by 25%: from $8000 a week to $10000 a week").to_kpi()
    assert kpi.target == pytest.approx(10000) and kpi.unit == "USD"


@pytest.mark.parametrize(
    ("text", "direction"),
    [
        ("Scrap rate to be brought down to 2%", Direction.DECREASE),
        ("Overtime hours lowered to 5%", Direction.DECREASE),
        ("Rework minimised to 1%", Direction.DECREASE),
        ("Overtime capped at 10 hours per week", Direction.DECREASE),
        ("Fill rate to be maintained at 98%", Direction.MAINTAIN),
        ("Average basket value raised to $40", Direction.INCREASE),
    ],
)
def test_inflected_direction_verbs(text: str, direction: Direction) -> None:
    assert parse(text).direction == direction


@pytest.mark.parametrize(
    "text",
    [
        "Lost-time injuries: NIL",
        "Customer complaints: zero",
        "Reduce defects to zero by December 2027",
        "Overdue safety audits: none",
    ],
)
def test_zero_after_a_label_or_to_is_the_target(text: str) -> None:
    d = parse(text)
    assert d.target is not None and d.target.value == 0 and d.direction is Direction.DECREASE


def test_zero_target_is_a_kpi() -> None:
    from krakit.text.classify import classify
    from krakit.text.draft import Label

    assert classify("Site accidents: nil").label is Label.KPI


def test_day_of_a_date_is_never_the_target() -> None:
    d = parse("Submit the vendor audit pack by 28th February")
    assert d.target is None and d.deadline == dt.date(2026, 2, 28)
    d = parse("Publish 4 newsletters by the 1st of March")
    assert d.target == Quantity(4, "newsletters")


@pytest.mark.parametrize(
    ("text", "target"),
    [
        ("Machine downtime hours – 12", Quantity(12, "hours")),
        ("Idle time (hrs) – 6", Quantity(6, "hours")),
        ("Creditor days: 60", Quantity(60, "days")),
        ("Orders per day – 40", Quantity(40, "count")),
        # "min" right before the number is "minimum", not minutes
        ("No. of site inspections per month – min 12", Quantity(12, "count")),
    ],
)
def test_a_bare_number_takes_the_time_unit_the_metric_names(text: str, target: Quantity) -> None:
    assert parse(text).target == target


@pytest.mark.parametrize(
    ("text", "target"),
    [
        ("88% of pupils in grades 3-5 pass the maths test", Quantity(88, "%")),
        ("90% of staff in levels 2–4 certified", Quantity(90, "%")),
        ("Attendance in classes 6 to 8 above 95%", Quantity(95, "%")),
    ],
)
def test_a_range_of_grades_or_levels_names_the_metric(text: str, target: Quantity) -> None:
    d = parse(text)
    assert d.target == target and d.other_targets == [] and d.target_low is None


@pytest.mark.parametrize(
    ("text", "direction", "relative"),
    [
        ("Repeat bookings up 7% on last season", Direction.INCREASE, True),
        ("Freight cost down 6% Y-o-Y", Direction.DECREASE, True),
        ("Discounts up to 10% of list price", Direction.DECREASE, False),
    ],
)
def test_up_and_down_before_a_number(text: str, direction: Direction, relative: bool) -> None:
    d = parse(text)
    assert d.direction is direction and d.target.relative is relative


@pytest.mark.parametrize(
    ("text", "metric"),
    [
        ("Scrap rate to be brought down to 2%", "Scrap rate"),
        ("Rework minimised to 1%", "Rework"),
        ("Fill rate to be maintained at 98%", "Fill rate"),
        ("Export volume up 9% over last year", "Export volume"),
    ],
)
def test_passive_verbs_and_comparisons_are_not_the_metric(text: str, metric: str) -> None:
    assert parse(text).metric == metric


@pytest.mark.parametrize(
    ("text", "metric"),
    [
        ("Reduce average length of stay from 5.2 to 4.5 days", "average length of stay"),
        ("Reduce patient falls by 30 per cent", "patient falls"),
        ("Defects should stay under 1%", "Defects"),
        ("Keep OTIF between 92 and 95%", "OTIF"),
        ("Book INR 2,75,000 in renewals every quarter", "renewals"),
        ("Goal 3 – On-time delivery 97%", "On-time delivery"),
        ("Customer base ko 20% badhana", "Customer base"),
        ("Is quarter mein 20 lakh ka business karna hai", "business"),
        ("Accelerate onboarding to 3 days", "onboarding"),
    ],
)
def test_the_metric_is_what_is_measured(text: str, metric: str) -> None:
    assert parse(text).metric == metric
