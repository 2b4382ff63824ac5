"""T003-T005: a deadline or a cadence that does not fit the time a scorecard is reviewed over."""

from __future__ import annotations

import pytest
from rule_examples import TODAY  # 23 November 2026

from krakit.model import Scorecard, ScoringConfig
from krakit.rules import check


def codes(obj: object, **kw: object) -> list[str]:
    return [f.code for f in check(obj, today=TODAY, **kw)]  # type: ignore[arg-type]


def card(kpi: dict | str, period: str | None, fiscal: int | None = None) -> Scorecard:
    record = {"statement": kpi} if isinstance(kpi, str) else kpi
    return Scorecard(
        role={"title": "Plant manager"},
        period=period,
        scoring=ScoringConfig(fiscal_year_start=fiscal) if fiscal else None,
        kras=[{"title": "Quality", "weight": 100, "kpis": [record]}],
    )


# -- T003 deadline-too-far ---------------------------------------------------------------------

FAR = [
    "Reduce customer churn from 8% to 5% by 2035",
    "Cut scrap rate to 2% by Dec 2031",
    "Lift NPS to 60 by the end of FY2032-33",
    "Raise renewable share of energy to 80% by spring 2040",
    "cut CO2 per unit by 40% within the next 10 years",
    "Reach 1 million app users over the coming 6 years",
    "Grow ARR to $50M by Q2 2031",
]
NEAR = [
    "Reduce customer churn from 8% to 5% by March 2027",
    "Cut scrap rate to 2% by the end of FY2027-28",
    "Lift NPS to 60 within the next 18 months",
    "Raise renewable share to 80% by 2029",  # three calendar years ahead: still reviewable
    "Grow ARR to $50M by Q2 2028",
    "Keep attrition below 12% every year",
]


@pytest.mark.parametrize("statement", FAR)
def test_too_far_fires_on_a_distant_deadline(statement: str) -> None:
    assert "T003" in codes(statement)


@pytest.mark.parametrize("statement", NEAR)
def test_too_far_is_silent_within_the_horizon(statement: str) -> None:
    assert "T003" not in codes(statement)


def test_too_far_message_says_how_far_and_the_setting_moves_the_horizon() -> None:
    from krakit.rules import CheckConfig

    (finding,) = check(FAR[0], today=TODAY, select="T003")
    assert "2035" in finding.message and "9 years away" in finding.message
    assert finding.span is not None  # the words of the deadline
    assert "T003" not in codes(FAR[0], config=CheckConfig(max_horizon_years=10))


@pytest.mark.parametrize(
    ("statement", "fires"),
    [
        ("Reduce defects from 4% to 2% by December 2027", True),  # 9 months after FY2026-27
        ("Reduce defects from 4% to 2% by 2028", True),
        ("Reduce defects from 4% to 2% by Q4 FY27", False),  # the period's own end
        ("Reduce defects from 4% to 2% by June 2027", False),  # the closing quarter after it
        ("Reduce defects from 4% to 2% by 31 Jan 2027", False),
    ],
)
def test_too_far_on_a_card_is_past_its_period(statement: str, fires: bool) -> None:
    assert ("T003" in codes(card(statement, "FY2026-27"))) is fires


def test_too_far_on_a_card_reads_its_period_on_its_fiscal_year() -> None:
    statement = "Reduce defects from 4% to 2% by September 2027"
    assert "T003" in codes(card(statement, "FY27"))  # April: FY27 ends March 2027
    assert "T003" not in codes(card(statement, "FY27", fiscal=7))  # July: ends June 2027


def test_too_far_reads_a_deadline_field() -> None:
    kpi = {"statement": "Reduce defects from 4% to 2%", "deadline": "2029-12-31"}
    assert "T003" in codes(card(kpi, "2027"))
    assert "T003" not in codes(card(kpi, None))  # no period: three years is the horizon


# -- T004 deadline-before-period ---------------------------------------------------------------


@pytest.mark.parametrize(
    "statement",
    [
        "Reduce defects from 4% to 2% by December 2026",
        "Reduce defects from 4% to 2% by Q4 FY27",  # ends March 2027
        "Cut defects to 2% by end of Jan 2027",
        "Reduce defects from 4% to 2% by 2027-02-28",
    ],
)
def test_before_period_fires_on_a_deadline_copied_from_last_card(statement: str) -> None:
    assert "T004" in codes(card(statement, "FY2027-28"))


@pytest.mark.parametrize(
    ("statement", "period"),
    [
        ("Reduce defects from 4% to 2% by December 2027", "FY2027-28"),
        ("Reduce defects from 4% to 2% by Q1 FY28", "FY2027-28"),
        ("Reduce defects from 4% to 2% by December 2026", None),  # no period to compare
        ("Reduce defects from 4% to 2% by December 2026", "Cycle 7"),  # unreadable
        ("Reduce defects from 4% to 2% every month", "FY2027-28"),
    ],
)
def test_before_period_is_silent_inside_the_period(statement: str, period: str | None) -> None:
    assert "T004" not in codes(card(statement, period))


def test_a_past_deadline_is_a003s_not_t004s() -> None:
    found = codes(card("Reduce defects from 4% to 2% by March 2026", "FY2027-28"))
    assert "A003" in found and "T004" not in found


# -- T005 cadence-longer-than-time -------------------------------------------------------------


@pytest.mark.parametrize(
    "statement",
    [
        "Close 10 enterprise deals every quarter within the next 30 days",
        "Publish the service report monthly within the next 2 weeks",
        "run a customer survey each quarter over the next six weeks",
        "Audit 20 supplier sites annually within the next 3 months",
        "Hold 4 safety drills per quarter in the coming month",
    ],
)
def test_cadence_longer_than_a_window_fires(statement: str) -> None:
    assert "T005" in codes(statement)


@pytest.mark.parametrize(
    "statement",
    [
        "Reduce customer churn to 5% monthly by March 2027",  # a cadence with an end: fine
        "Close 10 enterprise deals every month within the next 6 months",
        "Grow quarterly revenue to ₹5 crore within the next 60 days",  # names the metric
        "Resolve 90% of grievances within 15 days each quarter",  # a service level per case
        "Patch 95% of critical vulnerabilities within 14 days each month",
        "Achieve ₹10 crore annual revenue by March 2027",
        "Reduce scrap to 2% every week",
    ],
)
def test_cadence_that_fits_is_silent(statement: str) -> None:
    assert "T005" not in codes(statement)


def test_cadence_longer_than_the_card_period_fires() -> None:
    yearly = {"statement": "Reduce defects from 4% to 2%", "frequency": "annual"}
    assert "T005" in codes(card(yearly, "2027-Q1"))
    assert "T005" in codes(card({**yearly, "frequency": "quarterly"}, "2027-01"))
    assert "T005" not in codes(card(yearly, "FY2026-27"))
    assert "T005" not in codes(card({**yearly, "frequency": "weekly"}, "2027-Q1"))
    (finding,) = check(card(yearly, "2027-Q1"), today=TODAY, select="T005")
    assert finding.where.endswith(".frequency") and "2027-Q1" in finding.message


def test_well_formed_library_cards_draw_none_of_them() -> None:
    from krakit.library import template, templates

    found = [
        (info.name, f.code, f.where)
        for info in templates()
        for f in check(template(info.name), today=TODAY, select=["T003", "T004", "T005"])
    ]
    assert found == []
