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
