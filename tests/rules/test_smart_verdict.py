"""One verdict: a SMART badge is red exactly when a finding of its letter stands."""

import datetime as dt

import pytest

from krakit.rules import check, rule, smart
from krakit.text.parse import parse_kpi

TODAY = dt.date(2026, 6, 1)

STATEMENTS = [
    "Improve quality",
    "Vendor coordination",
    "Customer satisfaction score",
    "Reduce average handling time to 30 by March 2027",
    "Cut average wait time to 12 minutes by March 2027",
    "Raise offer acceptance rate to 85%",
    "Raise offer acceptance rate to 85% soon",
    "Lift NPS from 32 to 45 by December 2027",
    "Increase sales by 25% by March 2027",
    "Keep attrition below 12% per year",
    "Achieve 95% by March 2027",
    "Reduce churn from 8% to 5% by Q2 2020",
]


def _red_letters(findings: list) -> set[str]:
    return {
        rule(f.code).smart
        for f in findings
        if rule(f.code).scope == "kpi" and f.severity != "suggestion" and rule(f.code).smart
    }


@pytest.mark.parametrize("text", STATEMENTS)
def test_badges_are_the_checkers_findings_for_a_statement(text: str) -> None:
    red = {c.letter for c in smart(text, today=TODAY).criteria if not c.passed}
    assert red == _red_letters(check(text, today=TODAY))


@pytest.mark.parametrize("text", STATEMENTS)
def test_badges_are_the_checkers_findings_for_the_kpi_step_record(text: str) -> None:
    kpi = parse_kpi(text, today=TODAY).to_kpi()
    red = {c.letter for c in smart(kpi, today=TODAY).criteria if not c.passed}
    assert red == _red_letters(check(kpi, today=TODAY))


def test_a_kra_offered_as_a_kpi_is_not_specific_measurable_or_time_bound() -> None:
    for text in ("Improve quality", "Vendor coordination"):
        statement = smart(text, today=TODAY)
        record = smart(parse_kpi(text, today=TODAY).to_kpi(), today=TODAY)
        for assessment in (statement, record):
            assert not assessment.specific.passed, text
            assert not assessment.measurable.passed, text
            assert not assessment.timebound.passed, text
        assert "KRA" in statement.specific.reason


def test_a_time_metric_with_a_bare_number_asks_for_the_unit() -> None:
    text = "Cut average response time to 40 by June 2027"
    for obj in (text, parse_kpi(text, today=TODAY).to_kpi()):
        codes = [f.code for f in check(obj, today=TODAY)]
        assert "M004" in codes
        assert not smart(obj, today=TODAY).measurable.passed
    assert "M004" not in [
        f.code for f in check("Cut average response time to 40 minutes by June 2027", today=TODAY)
    ]


def test_a_typed_in_metric_is_taken_at_its_word() -> None:
    kpi = parse_kpi("Customer delight", today=TODAY).to_kpi(metric="CSAT score")
    assert "C001" not in [f.code for f in check(kpi, today=TODAY)]
