"""KPI rules (M, S, T, A, R, C) on statements and on hand-built drafts."""

from __future__ import annotations

import datetime as dt

import pytest
from rule_examples import TODAY

import krakit
from krakit.model import KPI, Scorecard
from krakit.rules import Severity, check, smart
from krakit.text.draft import Direction, KPIDraft, Period, Quantity


def codes(obj, **kw) -> list[str]:  # type: ignore[no-untyped-def]
    return [f.code for f in check(obj, today=TODAY, **kw)]


GOOD = [
    "Reduce time to hire from 45 to 30 days by Q3 2027",
    "Raise offer acceptance rate to 85% by March 2027",
    "Keep voluntary attrition below 12% per year",
    "Achieve ₹10 lakh monthly revenue by March 2027",
    "Increase customer retention rate from 80% to 88% by December 2027",
    "Resolve 90% of support tickets within 24 hours every month",
    "Reduce cost per hire from ₹40,000 to ₹32,000 by Q4 FY2026-27",
    "Maintain payroll accuracy at 99.5% every month",
]


@pytest.mark.parametrize("text", GOOD)
def test_good_kpis_draw_no_error_or_warning(text: str) -> None:
    found = check(text, today=TODAY)
    assert [f for f in found if f.severity is not Severity.SUGGESTION] == [], found


BAD = [
    ("Recruitment", "C001"),
    ("Customer satisfaction", "C001"),
    ("Employee engagement score", "M002"),
    ("Improve employee engagement", "M003"),
    ("Enhance the onboarding experience significantly", "S001"),
    ("Respond to client emails as soon as possible", "S002"),
    ("Raise offer acceptance rate to 85%", "T001"),
    ("Increase sales by 25% by March 2027", "M005"),
    ("Achieve 130% employee attendance rate in FY2026-27", "A001"),
    ("Reduce time to hire to 30 days by March 2021", "A003"),
    ("Make 50 calls per day", "R002"),
    ("Grow Instagram followers to 20,000 by June 2027", "R003"),
    ("Reduce ticket backlog to 20 soon", "T002"),
]


@pytest.mark.parametrize(("text", "code"), BAD)
def test_classic_mistakes_draw_their_rule(text: str, code: str) -> None:
    assert code in codes(text)


def test_check_text_semantics() -> None:
    assert "C001" in codes("Talent acquisition")
    assert "M002" in codes("Average handling time")
    found = check("Reduce average handling time to 6 minutes every month", today=TODAY)
    assert not [f for f in found if f.severity is Severity.ERROR]


def test_findings_say_what_and_how() -> None:
    (finding,) = [f for f in check("Recruitment", today=TODAY) if f.code == "C001"]
    assert finding.severity == "error" and finding.rule == "kra-offered-as-kpi"
    assert "Recruitment" in finding.message and "e.g." in finding.message
    span = check("Respond as soon as possible to emails", today=TODAY, select="S002")[0].span
    assert span is not None
    assert "Respond as soon as possible to emails"[span[0] : span[1]] == "as soon as possible"


def test_hand_built_draft_without_parser() -> None:
    draft = KPIDraft(
        text="Lift NPS by 10 points",
        metric="NPS",
        direction=Direction.INCREASE,
        target=Quantity(10, "points", relative=True),
        spans={"target": (12, 14)},
    )
    assert set(codes(draft)) == {"M005", "T001"}
    timed = KPIDraft(
        text="NPS of 45 every quarter",
        metric="NPS",
        target=Quantity(45, "score"),
        period=Period.QUARTERLY,
    )
    assert codes(timed) == []


def test_unambitious_and_implausible_targets() -> None:
    assert "A004" in codes("Increase NPS from 45 to 40 by March 2027")
    assert "A004" not in codes("Maintain NPS at 45 every quarter")
    assert "A002" in codes("Increase monthly sales from ₹10 lakh to ₹90 lakh by March 2027")
    assert "A002" not in codes("Increase monthly sales from ₹10 lakh to ₹12 lakh by March 2027")


def test_percent_above_100_only_on_capped_metrics() -> None:
    assert "A001" in codes("Keep machine utilisation at 140% every month")
    assert "A001" not in codes("Achieve 140% of quota in FY2026-27")


def test_record_fields_override_the_statement() -> None:
    kpi = KPI(statement="Offer acceptance rate", target=85, unit="%", frequency="monthly")
    found = codes(kpi)
    assert "M002" not in found and "T001" not in found and "C001" not in found
    assert "O001" in found and "O002" in found


def test_relevance_uses_the_library_areas() -> None:
    sc = Scorecard.model_validate(
        {
            "role": {"title": "Recruiter"},
            "kras": [
                {
                    "title": "Recruitment",
                    "kpis": [{"metric": "days sales outstanding", "statement": "DSO of 40 days"}],
                },
                {"title": "Talent acquisition", "kpis": [{"metric": "offer acceptance rate"}]},
            ],
        }
    )
    found = check(sc, today=TODAY, select="R001")
    assert [f.where for f in found] == ["kras[recruitment].kpis[days-sales-outstanding]"]


def test_smart_assessment() -> None:
    good = smart("Reduce time to hire from 45 to 30 days by Q3 2027", today=TODAY)
    assert good.passed and good.badges == "SMART"
    bad = smart("Improve hiring")
    assert not bad.measurable.passed and "target" in bad.measurable.reason
    assert bad.badges[1] == "·"
    partial = smart("Raise offer acceptance rate to 85%", today=dt.date(2026, 1, 1))
    assert partial.measurable.passed and not partial.timebound.passed
    assert krakit.smart is smart


def test_fix_values_can_be_applied() -> None:
    (escape,) = check("Close support tickets within 2 days, where possible", select="S002")
    assert escape.fix == "Close support tickets within 2 days"
    kpi = KPI(metric="Offer acceptance rate", statement="Offer acceptance rate", target=85)
    (unit,) = check(kpi, select="M004", today=TODAY)
    assert (unit.where, unit.fix) == ("unit", "%")
    sc = Scorecard.model_validate(
        {"role": {"title": "R"}, "kras": [{"title": "Hiring", "kpis": [kpi.model_dump()]}]}
    )
    (unit,) = check(sc, select="M004", today=TODAY)
    assert unit.where == "kras[hiring].kpis[offer-acceptance-rate].unit"
