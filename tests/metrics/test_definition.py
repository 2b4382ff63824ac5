"""The definition model: its three shapes, its refusals, its version hash."""

from __future__ import annotations

import pytest

from krakit.errors import ScorecardError
from krakit.metrics.definition import Definition, definition_version
from krakit.model import validate_scorecard


def _card(definition: dict) -> dict:
    kpi = {"id": "time-to-hire", "metric": "Time to hire", "definition": definition}
    return {
        "role": {"title": "Recruiter"},
        "kras": [{"id": "hiring", "title": "Hiring", "kpis": [kpi]}],
    }


def test_a_kpi_reads_a_measure_a_ratio_and_a_ref() -> None:
    measure = {"source": "reqs", "agg": "median", "expr": "days", "time": "closed_at"}
    ratio = {
        "ratio": {
            "numerator": {"source": "offers", "agg": "count"},
            "denominator": {"source": "offers", "agg": "count"},
        },
        "scale": 100,
    }
    for definition, kind in ((measure, "measure"), (ratio, "ratio"), ({"ref": "revenue"}, "ref")):
        card = validate_scorecard(_card(definition))
        assert card.kpi("time-to-hire").definition.kind == kind


def test_a_kpi_without_a_definition_keeps_working() -> None:
    card = validate_scorecard(_card(None))
    assert card.kpi("time-to-hire").definition is None


@pytest.mark.parametrize(
    ("definition", "words"),
    [
        ({"agg": "count"}, "needs 'source'"),
        ({"source": "reqs", "agg": "median"}, "needs an 'expr'"),
        ({"source": "reqs", "agg": "percentile", "expr": "days"}, "needs 'p'"),
        ({"source": "reqs", "agg": "sum", "expr": "x", "p": 0.5}, "percentile' only"),
        ({"ref": "revenue", "filter": "x > 1"}, "takes nothing else"),
        ({"source": "x", "ratio": {"numerator": {"source": "o", "agg": "count"}}}, "beside"),
        ({"source": "reqs; drop", "agg": "count"}, "kras[hiring].kpis[time-to-hire]"),
        ({"source": "reqs", "agg": "mode"}, "agg"),
    ],
)
def test_a_broken_definition_is_refused_in_words(definition: dict, words: str) -> None:
    with pytest.raises(ScorecardError) as err:
        validate_scorecard(_card(definition))
    assert words in str(err.value)


def test_the_version_ignores_spelling_and_follows_meaning() -> None:
    base = Definition(source="offers", agg="count", filter="status = 'accepted'", time="at")
    same = Definition(source="offers", agg="count", filter="STATUS  =  'accepted'", time="at")
    other = Definition(source="offers", agg="count", filter="status = 'made'", time="at")
    assert definition_version(base) == definition_version(same)
    assert definition_version(base) != definition_version(other)
    described = base.model_copy(update={"description": "accepted offers"})
    assert definition_version(described) == definition_version(base)
