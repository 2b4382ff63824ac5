"""A KPI written only as a sentence is scored on what the sentence says, as the checker reads it."""

from __future__ import annotations

import hypothesis.strategies as st
from hypothesis import given, settings

import krakit
from krakit.model import KPI, Polarity
from krakit.scoring.sentences import from_sentence, from_sentences

CARD = """role: {{title: Store manager}}
kras:
- title: Store
  weight: 100
  kpis:
  - {{id: k, statement: "{statement}"{extra}}}
"""


def _card(statement: str, extra: str = "") -> krakit.Scorecard:
    return krakit.loads(CARD.format(statement=statement, extra=extra))


def _score(sc: krakit.Scorecard, value: float) -> krakit.ScoreResult:
    return krakit.score(sc, [krakit.Actual(kpi="k", period="2026-04", value=value)])


def test_a_sentence_alone_gives_target_unit_and_cadence() -> None:
    sc = _card("Achieve Rs. 12 lakh monthly sales")
    assert not krakit.check(sc, select=["M002"])  # the checker reads the target in the words
    result = _score(sc, 1_200_000)
    assert result.score == 100.0  # so does scoring, instead of "no target"
    kpi = from_sentences(sc).kpi("k")
    assert (kpi.target, kpi.unit, str(kpi.frequency)) == (1_200_000, "INR", "monthly")
    working = str(krakit.explain(sc, [krakit.Actual(kpi="k", period="2026-04", value=1)]))
    assert "1,200,000" in working or "12,00,000" in working, working


def test_the_sentence_gives_its_direction_with_its_numbers() -> None:
    sc = _card("Shrinkage below 1% every month")
    assert from_sentences(sc).kpi("k").polarity is Polarity.LOWER_IS_BETTER
    assert _score(sc, 0.5).score > 100 * 0.99  # half the allowed shrinkage is good, not 50%


def test_what_the_file_says_is_never_changed() -> None:
    sc = _card("Achieve Rs. 12 lakh monthly sales", ", target: 5, unit: INR")
    assert from_sentences(sc) is sc  # a target in the fields: the sentence is not read
    sc = _card("Shrinkage below 1% every month", ", polarity: higher_is_better")
    kpi = from_sentences(sc).kpi("k")
    assert kpi.target == 1 and kpi.polarity is Polarity.HIGHER_IS_BETTER


def test_a_sentence_without_a_number_stays_unscored() -> None:
    sc = _card("Improve customer delight")
    assert from_sentences(sc) is sc or from_sentences(sc).kpi("k").target is None
    assert "no target" in " ".join(_score(sc, 3).missing["reason"]).lower()


def test_a_new_row_takes_its_direction_from_the_sentence() -> None:
    kpi = KPI(id="k", statement="Shrinkage below 1% every month", target=1)
    assert from_sentence(kpi).polarity is Polarity.HIGHER_IS_BETTER  # a target: left alone
    assert from_sentence(kpi, direction=True).polarity is Polarity.LOWER_IS_BETTER


SENTENCES = [
    "Achieve ₹10 lakh monthly revenue",
    "Reduce attrition to 12% by March 2027",
    "Keep downtime under 2 hours a week",
    "Close 40 deals per quarter",
    "Improve teamwork",
]
FIELDS = {
    "target": st.floats(1, 1e6, allow_nan=False),
    "unit": st.sampled_from(["%", "INR", "days", "count"]),
    "polarity": st.sampled_from(list(Polarity)),
    "frequency": st.sampled_from(["monthly", "quarterly", "annual"]),
}


@settings(max_examples=60, deadline=None)
@given(
    statement=st.sampled_from(SENTENCES),
    fields=st.fixed_dictionaries({}, optional=FIELDS),
    direction=st.booleans(),
)
def test_given_fields_survive(statement: str, fields: dict[str, object], direction: bool) -> None:
    if fields.get("polarity") is Polarity.IN_RANGE:
        fields.pop("polarity")
    kpi = KPI.model_validate({"id": "k", "statement": statement, **fields})
    done = from_sentence(kpi, direction=direction)
    for name in kpi.model_fields_set:
        assert getattr(done, name) == getattr(kpi, name), name


def test_an_imported_row_reads_what_no_column_says(tmp_path) -> None:
    from krakit.sheet_scorecards import sheet_scorecards
    from krakit.sheets import read_sheet

    path = tmp_path / "card.csv"
    path.write_text(
        "Role,KRA,KPI,Target,Weight\nSM,Inventory,Shrinkage below 1% every month,1,100\n",
        encoding="utf-8",
    )
    kpi = sheet_scorecards(read_sheet(path))[0][0].kras[0].kpis[0]
    assert kpi.polarity is Polarity.LOWER_IS_BETTER and str(kpi.frequency) == "monthly"
    # a Polarity column left empty is the author's choice: the default stays
    path.write_text(
        "Role,KRA,KPI,Target,Polarity,Weight\nSM,Inventory,Shrinkage below 1% every month,1,,100\n",
        encoding="utf-8",
    )
    kpi = sheet_scorecards(read_sheet(path))[0][0].kras[0].kpis[0]
    assert kpi.polarity is Polarity.HIGHER_IS_BETTER and str(kpi.frequency) == "monthly"
