"""classify: KRA or KPI, by krakit's definitions, with reasons a trainer can read."""

import pytest

from krakit.text.classify import classify
from krakit.text.draft import Label

KPIS = [
    "Time to hire",
    "Conversion rate",
    "Average basket size",
    "Achieve ₹10 lakh monthly revenue",
    "Increase website traffic by 25%",
    "Reduce average time-to-fill from 45 days to 30 days by end of Q2",
    "Defect leakage < 2%",
    "Publish 8 case studies a quarter",
    "Number of forklift near-misses",
    "% of invoices paid on time",
    "Cost per lead",
    "Customer satisfaction score",
    "Lead time for changes",
    "Quote-to-order ratio",
    "Improve vendor quality score",
    "Increase the percentage of orders shipped same day",
    "Weekly bookings generated",
    "Qualified referrals",
    "Reduction in pending refunds",
    "Calibration plan compliance",
    "Audit coverage",
    "Vendor churn (%)",
    "Open X new branches by (month)",
    "Quality of hire",
    "Warehouse capacity utilisation",
    "Forklift idle time",
    "Cartons sealed per hour",
]
KRAS = [
    "Recruitment",
    "Health & Hygiene",
    "Improve customer satisfaction",
    "Generate revenue",
    "Launch the new portal by June",
    "Vendor coordination",
    "Ensure prompt settlement of supplier invoices",
    "Plan shift rosters in terms of number of staff and workload",
    "Meet weekly / monthly / yearly service goals as set",
    "Shift handover notes on time",
    "Territory coverage",
    "Grow exports",
    "Supplier relations",
    "Implement ISO 9001 quality system",
    "Complete Phase 2 of the ERP rollout by March",
    "Statutory compliance",
    "Lead the HR team",
]


@pytest.mark.parametrize("text", KPIS)
def test_kpis(text: str) -> None:
    assert classify(text).label is Label.KPI


@pytest.mark.parametrize("text", KRAS)
def test_kras(text: str) -> None:
    assert classify(text).label is Label.KRA


@pytest.mark.parametrize("text", KPIS[:5] + KRAS[:5])
def test_reasons_are_sentences(text: str) -> None:
    result = classify(text)
    assert result.reasons and all(r[0].isupper() or r[0] == "'" for r in result.reasons)
    assert 0.0 <= result.confidence <= 1.0


def test_a_kra_reason_names_what_is_missing() -> None:
    (first, *_) = classify("Generate revenue").reasons
    assert "names no measurable indicator" in first and "'Generate'" in first


def test_a_kpi_reason_names_the_target() -> None:
    assert "₹" not in classify("Achieve ₹10 lakh monthly revenue").reasons[0]
    assert "1,000,000 INR" in classify("Achieve ₹10 lakh monthly revenue").reasons[0]


def test_label_str_is_the_value() -> None:
    assert str(classify("Recruitment").label) == "KRA"


def test_a_kra_gets_candidate_kpis_from_the_library() -> None:
    from krakit.library import suggest_kpis

    expected = tuple(m.name for m in suggest_kpis("Recruitment", n=5))
    assert classify("Recruitment").suggestions == expected
    assert classify("Recruitment", suggest=False).suggestions == ()
    assert classify("Time to hire").suggestions == ()


def test_the_training_bank_agrees_with_the_classifier() -> None:
    """The product's teaching material must classify right (issue 4's quality bar)."""
    from krakit.library import training_bank

    wrong = [
        (item.text, item.expected)
        for item in training_bank("kra-or-kpi")
        if str(classify(item.text, suggest=False).label) != item.expected
    ]
    assert wrong == []


@pytest.mark.parametrize("text", ["TRIR", "eNPS", "GMV"])
def test_a_bare_acronym_is_a_low_confidence_kpi(text: str) -> None:
    result = classify(text)
    assert result.label is Label.KPI and result.confidence < 0.7


@pytest.mark.parametrize("text", ["HR", "EHS", "SOPs", "R&D"])
def test_a_department_acronym_is_a_kra(text: str) -> None:
    assert classify(text).label is Label.KRA


# Labels in words of our own, across domains: areas, duties, dated deliverables with no
# indicator and numbers that only name things ("ISO 9001", "Tier 2", "the 2027 kick-off") are
# KRAs; indicators with or without a target are KPIs.
LABELS = [
    ("Patient safety", "KRA"),
    ("Vendor management", "KRA"),
    ("Statutory compliance", "KRA"),
    ("Talent acquisition", "KRA"),
    ("Inventory control", "KRA"),
    ("Customer retention", "KRA"),
    ("Classroom management", "KRA"),
    ("Ensure timely payroll processing", "KRA"),
    ("Drive digital adoption across branches", "KRA"),
    ("Build a high-performance culture", "KRA"),
    ("ISO 9001 certification", "KRA"),
    ("Implement 5S on the shop floor", "KRA"),
    ("Tier 2 support", "KRA"),
    ("Launch the new mobile app by June", "KRA"),
    ("Migrate the ERP to the cloud by Q3", "KRA"),
    ("Lead the SAP S/4 rollout", "KRA"),
    ("Manage the Level 3 escalation desk", "KRA"),
    ("Maintain good relations with dealers", "KRA"),
    ("Improve student learning outcomes", "KRA"),
    ("Reduce operational costs", "KRA"),
    ("Oversee GST filings", "KRA"),
    ("Coordinate with the 24x7 NOC team", "KRA"),
    ("Handle Key Account No. 1", "KRA"),
    ("Support the B2B sales team", "KRA"),
    ("Quality assurance", "KRA"),
    ("Training & development", "KRA"),
    ("Health, Safety & Environment", "KRA"),
    ("Stakeholder communication", "KRA"),
    ("Owning the P&L for Region 2", "KRA"),
    ("Recruit and onboard staff", "KRA"),
    ("Team leadership", "KRA"),
    ("Conduct monthly stock audits", "KRA"),
    ("Prepare the annual budget", "KRA"),
    ("Process vendor invoices", "KRA"),
    ("Respond to customer queries", "KRA"),
    ("Plan the 2027 sales kick-off", "KRA"),
    ("Manage the ICU night shift roster", "KRA"),
    ("Set up the new warehouse in Pune by March 2027", "KRA"),
    ("Improve employee morale", "KRA"),
    ("Strengthen the brand", "KRA"),
    ("Sales Coordination", "KRA"),
    ("Learning and Development", "KRA"),
    ("Safety & Security", "KRA"),
    ("Cost per acquisition", "KPI"),
    ("Bed occupancy rate", "KPI"),
    ("Mean time between failures", "KPI"),
    ("Average ticket age", "KPI"),
    ("Attrition %", "KPI"),
    ("Time-to-fill", "KPI"),
    ("Gross margin", "KPI"),
    ("Debtor days", "KPI"),
    ("First-pass yield", "KPI"),
    ("Attendance %", "KPI"),
    ("Pupil-teacher ratio", "KPI"),
    ("Number of new accounts opened", "KPI"),
    ("% of invoices paid on time", "KPI"),
    ("Customer lifetime value", "KPI"),
    ("Average handling time", "KPI"),
    ("Net promoter score", "KPI"),
    ("Employee engagement score", "KPI"),
    ("Revenue per employee", "KPI"),
    ("On-time delivery rate", "KPI"),
    ("Stock turnover", "KPI"),
    ("Order fill rate", "KPI"),
    ("Days sales outstanding", "KPI"),
    ("Defects per million opportunities", "KPI"),
    ("Ward infection rate", "KPI"),
    ("Pass percentage", "KPI"),
    ("Average basket size", "KPI"),
    ("Footfall conversion", "KPI"),
    ("Cash conversion cycle", "KPI"),
    ("Utilisation of billable hours", "KPI"),
    ("Training hours per employee", "KPI"),
    ("Reduce AHT to 5 min", "KPI"),
    ("Achieve 95% OTIF", "KPI"),
    ("Sign 10 new dealers by June", "KPI"),
    ("Zero lost-time injuries", "KPI"),
    ("MTTR under 4 hours", "KPI"),
    ("Cost of poor quality", "KPI"),
    ("Share of wallet", "KPI"),
    ("Absenteeism rate", "KPI"),
    ("Average days to close a ticket", "KPI"),
    ("Percentage of students scoring above 80%", "KPI"),
    ("Number of safety incidents per month", "KPI"),
    ("Lead-to-customer conversion", "KPI"),
    ("Sprint velocity", "KPI"),
    ("Code review turnaround", "KPI"),
    ("Deployment frequency", "KPI"),
    ("Change failure rate", "KPI"),
    ("Budget variance", "KPI"),
    ("EBITDA margin", "KPI"),
    ("Warehouse safety", "KRA"),
    ("Drive adoption of the new LMS across campuses", "KRA"),
    ("Go live with the new HRMS by October", "KRA"),
    ("Manage relationships with 3PL partners", "KRA"),
    ("Customer onboarding excellence", "KRA"),
    ("Ensure compliance with FSSAI norms", "KRA"),
    ("Revenue per available room", "KPI"),
    ("Percentage of orders shipped same day", "KPI"),
    ("Average first response time (hrs)", "KPI"),
    ("Cut onboarding time from two weeks to five days", "KPI"),
]


@pytest.mark.parametrize(("text", "label"), LABELS, ids=[t for t, _ in LABELS])
def test_label_as_a_person_gives_it(text: str, label: str) -> None:
    assert str(classify(text, suggest=False).label) == label
