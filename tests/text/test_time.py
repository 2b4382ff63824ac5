"""Cadences, deadlines and windows (krakit.text.time)."""

import datetime as dt

import pytest

from krakit.text.draft import Period, Quantity
from krakit.text.time import find_times

TODAY = dt.date(2026, 1, 15)


def first(text: str, kind: str) -> object:
    return next((t.value for t in find_times(text, TODAY) if t.kind == kind), None)


@pytest.mark.parametrize(
    ("text", "period"),
    [
        ("revenue per month", Period.MONTHLY),
        ("monthly revenue", Period.MONTHLY),
        ("every month", Period.MONTHLY),
        ("2,400/month", Period.MONTHLY),
        ("per quarter", Period.QUARTERLY),
        ("quarterly review", Period.QUARTERLY),
        ("grow 10% YoY", Period.ANNUAL),
        ("annually", Period.ANNUAL),
        ("per year", Period.ANNUAL),
        ("60 calls a day", Period.DAILY),
        ("on a quarterly basis", Period.QUARTERLY),
        ("FY25 revenue", Period.ANNUAL),
        ("visits per week/month/quarter", None),
        ("weekly, monthly and quarterly reviews", None),
        ("units packed per hour", None),
    ],
)
def test_cadence(text: str, period: Period | None) -> None:
    assert first(text, "cadence") == period


@pytest.mark.parametrize(
    ("text", "deadline"),
    [
        ("by 31 March 2026", dt.date(2026, 3, 31)),
        ("by March 31, 2026", dt.date(2026, 3, 31)),
        ("by 2026-03-31", dt.date(2026, 3, 31)),
        ("by 31/03/2026", dt.date(2026, 3, 31)),
        ("by March 2026", dt.date(2026, 3, 31)),
        ("by end of Q2", "Q2"),
        ("by Q4 2025", "Q4 2025"),
        ("in H1 2026", "H1 2026"),
        ("in FY2025-26", "FY2025-26"),
        ("by FY25", "FY2025"),
        ("Q3 FY26", "Q3 FY2026"),
        ("by June", dt.date(2026, 6, 30)),
        ("by the end of September", dt.date(2026, 9, 30)),
        ("this year", dt.date(2026, 12, 31)),
        ("by year-end", dt.date(2026, 12, 31)),
        ("by the new year", dt.date(2026, 12, 31)),
        ("next quarter", "Q2 2026"),
        ("in 2026", "2026"),
        ("by [date]", "[date]"),
    ],
)
def test_deadline(text: str, deadline: object) -> None:
    assert first(text, "deadline") == deadline


@pytest.mark.parametrize(
    ("text", "window"),
    [
        ("within 30 days", Quantity(30, "days")),
        ("within the next eight months", Quantity(8, "months")),
        ("over the next three quarters", Quantity(3, "quarters")),
        ("within 24 hours", Quantity(24, "hours")),
        ("in the next year", Quantity(1, "years")),
    ],
)
def test_within(text: str, window: Quantity) -> None:
    assert first(text, "within") == window


def test_may_the_verb_is_no_month() -> None:
    assert first("targets may be revised by may", "deadline") is None


def test_deadline_span_includes_its_preposition() -> None:
    text = "Close 40 deals by Q2 2026"
    (t,) = [t for t in find_times(text, TODAY) if t.kind == "deadline"]
    assert text[t.span[0] : t.span[1]] == "by Q2 2026" and t.dated


@pytest.mark.parametrize(
    "text",
    [
        "freight cost 6% lower Y-o-Y",
        "repeat orders +9% y/y",
        "returns 3% vs LY",
        "up 12% over last year",
    ],
)
def test_year_on_year_spellings_are_annual(text: str) -> None:
    assert first(text, "cadence") == Period.ANNUAL


def test_month_on_month_spellings_are_monthly() -> None:
    assert first("signups +4% m/m", "cadence") == Period.MONTHLY


@pytest.mark.parametrize(
    ("text", "deadline"),
    [
        ("by 30th April", dt.date(2026, 4, 30)),
        ("due 2nd Feb", dt.date(2026, 2, 2)),
        ("by the 1st of March", dt.date(2026, 3, 1)),
        ("by June 10", dt.date(2026, 6, 10)),
        ("by 10th January", dt.date(2027, 1, 10)),
    ],
)
def test_day_and_month_without_a_year(text: str, deadline: dt.date) -> None:
    assert first(text, "deadline") == deadline
