"""The scorecard model: validation, ids, references and readable errors."""

from __future__ import annotations

import datetime as dt

import pytest

import krakit
from krakit.model import validate_scorecard, where


def minimal(**extra: object) -> dict[str, object]:
    return {"role": {"title": "Sales executive"}, **extra}


def test_ids_are_made_from_titles_and_metrics() -> None:
    sc = krakit.Scorecard.model_validate(
        minimal(
            goals=[{"title": "Grow revenue 20% in FY27"}],
            kras=[
                {
                    "title": "Generate revenue",
                    "goals": ["grow-revenue-20-in-fy27"],
                    "kpis": [{"metric": "Monthly revenue (₹)"}, {"statement": "Win rate"}],
                }
            ],
        )
    )
    assert sc.goals[0].id == "grow-revenue-20-in-fy27"
    assert sc.kras[0].id == "generate-revenue"
    assert [k.id for k in sc.kras[0].kpis] == ["monthly-revenue", "win-rate"]


def test_enumerated_values_are_their_own_strings() -> None:
    kpi = krakit.KPI(id="x", polarity="lower_is_better", frequency="quarterly")
    assert str(kpi.polarity) == "lower_is_better"
    assert str(kpi.frequency) == "quarterly"


def test_deadline_keeps_dates_as_dates_and_labels_as_text() -> None:
    assert krakit.KPI(id="a", deadline="2026-03-31").deadline == dt.date(2026, 3, 31)
    assert krakit.KPI(id="a", deadline="Q2 2026").deadline == "Q2 2026"
    assert krakit.KPI(id="a", deadline="FY2025-26").deadline == "FY2025-26"


@pytest.mark.parametrize(
    ("data", "field", "words"),
    [
        (minimal(kras=[{"title": "Sales", "weight": "ten"}]), "kras[sales].weight", "number"),
        (minimal(kras=[{"title": "Sales", "weight": 140}]), "kras[sales].weight", "100"),
        (
            minimal(kras=[{"title": "Sales", "kpis": [{"metric": "Win rate", "target": "x"}]}]),
            "kras[sales].kpis[win-rate].target",
            "number",
        ),
        (
            minimal(kras=[{"title": "S", "kpis": [{"id": "a", "polarity": "up"}]}]),
            "kras[s].kpis[a].polarity",
            "higher_is_better",
        ),
        ({"role": {}}, "role.title", "required"),
        (minimal(colour="red"), "colour", "spelling"),
        (minimal(kras=[{"id": "Bad Id", "title": "x"}]), "kras[Bad Id].id", "lowercase"),
        (
            minimal(
                kras=[{"title": "S", "kpis": [{"id": "a", "target_low": 5, "target_high": 2}]}]
            ),
            "kras[s].kpis[a]",
            "target_low",
        ),
        (
            minimal(
                kras=[
                    {"title": "S", "kpis": [{"id": "a", "thresholds": {"green": 80, "amber": 90}}]}
                ]
            ),
            "kras[s].kpis[a].thresholds",
            "amber",
        ),
    ],
)
def test_bad_fields_name_their_path(data: dict[str, object], field: str, words: str) -> None:
    with pytest.raises(krakit.ScorecardError) as info:
        validate_scorecard(data, path="team/sales.yaml")
    err = info.value
    assert err.field == field
    assert words in str(err)
    assert str(err).startswith("team/sales.yaml, field ")


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (minimal(kras=[{"title": "Sales"}, {"title": "Sales"}]), "two kras share the id 'sales'"),
        (
            minimal(
                kras=[{"title": "A", "kpis": [{"id": "k"}]}, {"title": "B", "kpis": [{"id": "k"}]}]
            ),
            "two kpis share the id 'k'",
        ),
        (
            minimal(schema_version=99),
            "newer krakit .format 99.; this krakit reads formats 1–2; upgrade krakit",
        ),
    ],
)
def test_scorecard_invariants(data: dict[str, object], words: str) -> None:
    with pytest.raises(krakit.ScorecardError, match=words):
        validate_scorecard(data)


def test_not_a_mapping_is_a_scorecard_error() -> None:
    with pytest.raises(krakit.ScorecardError, match="got list"):
        validate_scorecard([1, 2], path="x.yaml")


def test_lookup_helpers(sample_path) -> None:
    sc = krakit.load(sample_path)
    assert sc.kpi("candidate-nps").metric == "Candidate NPS"
    assert sc.kra_of("time-to-hire").id == "recruitment"
    assert sc.kra("recruitment").weight == 60
    with pytest.raises(KeyError):
        sc.kpi("nope")


def test_unassigned_kpis_count_as_kpis() -> None:
    sc = krakit.Scorecard.model_validate(
        minimal(unassigned_kpis=[{"statement": "Hire 10 engineers"}])
    )
    assert [k.id for k in sc.all_kpis()] == ["hire-10-engineers"]
    assert sc.kra_of("hire-10-engineers") is None


def test_ignore_codes_are_normalised() -> None:
    assert krakit.KPI(id="a", ignore=[" t001 ", "", "m"]).ignore == {"T001": "", "M": ""}
    kpi = krakit.KPI(id="a", ignore={" t001 ": " agreed ", "m": None})
    assert kpi.ignore == {"T001": "agreed", "M": ""}


def test_where_reads_like_a_path() -> None:
    data = {"kras": [{"id": "sales", "kpis": [{"metric": "Win rate"}]}]}
    assert where(("kras", 0, "kpis", 0, "target"), data) == "kras[sales].kpis[win-rate].target"
    assert where(("kras", 5), data) == "kras[5]"


def test_slugify() -> None:
    assert krakit.slugify("  ") == "item"
    assert krakit.slugify("% of calls answered < 20s") == "of-calls-answered-20s"
    assert len(krakit.slugify("x" * 500)) <= 60
    hindi = krakit.slugify("बिक्री बढ़ाना", fallback="kra")
    assert hindi.startswith("kra-") and hindi == krakit.slugify(" बिक्री  बढ़ाना ", fallback="kra")
    assert hindi != krakit.slugify("ग्राहक सेवा", fallback="kra")
    assert krakit.slugify("🚀 🚀", fallback="kra") == "kra"  # no words at all: the fallback


def test_a_kra_may_name_a_goal_of_the_shared_tree() -> None:
    # ids of a goals.yaml tree are not in the card's own goals; the checker judges them (G001)
    sc = krakit.Scorecard.model_validate(
        minimal(goals=[{"title": "Own goal"}], kras=[{"title": "A", "goals": ["grow-b2b"]}])
    )
    assert sc.kras[0].goals == ["grow-b2b"]
