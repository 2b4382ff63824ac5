"""metrics.yaml and definitions in scorecards: round trips, refusals naming file and metric."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import krakit
from krakit.errors import InputError, ScorecardError
from krakit.metrics.definition import Agg, Definition, definition_version
from krakit.metrics.library import MetricLibrary, load_metrics, save_metrics

names = st.from_regex(r"[a-z_][a-z0-9_]{0,12}", fullmatch=True)
text = (
    st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=40)
    .map(str.strip)
    .filter(bool)
)

columns = names | text.filter(lambda t: '"' not in t and "`" not in t)  # 'filled on', 'Début'


@st.composite
def measures(draw: st.DrawFn) -> dict:
    agg = draw(st.sampled_from(list(Agg)))
    out: dict = {"source": draw(names), "agg": agg.value}
    if agg is not Agg.COUNT or draw(st.booleans()):
        out["expr"] = draw(text)  # any text: the model keeps it, the guard judges it later
    if agg is Agg.PERCENTILE:
        out["p"] = draw(st.floats(0.01, 0.99))
    for key in ("filter", "time", "person"):
        if draw(st.booleans()):
            out[key] = draw(text if key == "filter" else columns)
    return out


@st.composite
def definitions(draw: st.DrawFn) -> dict:
    shape = draw(st.sampled_from(["measure", "ratio", "ref"]))
    if shape == "ref":
        return {"ref": draw(st.from_regex(r"[a-z0-9]+(-[a-z0-9]+)?", fullmatch=True))}
    out = (
        draw(measures())
        if shape == "measure"
        else {"ratio": {"numerator": draw(measures()), "denominator": draw(measures())}}
    )
    if draw(st.booleans()):
        out["scale"] = draw(st.sampled_from([100, 1000, 0.5]))
    if draw(st.booleans()):
        out["grain"] = draw(st.sampled_from(["weekly", "monthly", "quarterly"]))
    return out


@settings(max_examples=60, deadline=None)
@given(definition=definitions())
def test_a_definition_round_trips_through_a_scorecard_file(definition: dict) -> None:
    card = krakit.Scorecard.model_validate(
        {"role": {"title": "Analyst"}, "kras": [{"title": "Numbers", "kpis": [
            {"id": "k", "metric": "Thing", "definition": definition}]}]}
    )  # fmt: skip
    again = krakit.loads(krakit.dump(card))
    assert again.kpi("k").definition == card.kpi("k").definition
    assert definition_version(again.kpi("k").definition) == definition_version(
        card.kpi("k").definition
    )


@settings(max_examples=30, deadline=None)
@given(named=st.dictionaries(st.from_regex(r"[a-z]+(-[a-z]+)?", fullmatch=True),
                             st.one_of(measures(), definitions().filter(lambda d: "ref" not in d)),
                             max_size=4))  # fmt: skip
def test_metrics_yaml_round_trips(named: dict, tmp_path_factory: pytest.TempPathFactory) -> None:
    library = load_metrics({"schema_version": 1, "metrics": named})
    path = save_metrics(library, tmp_path_factory.mktemp("m") / "metrics.yaml")
    again = load_metrics(path)
    assert again.metrics == library.metrics


@pytest.mark.parametrize(
    ("content", "words"),
    [
        ("metrics:\n  revenue:\n    source: invoices\n    agg: total\n", "metrics.revenue.agg"),
        ("metrics:\n  revenue:\n    agg: sum\n    expr: x\n", "needs 'source'"),
        ("metrics:\n  revenue: {ref: other}\n", "not another ref"),
        ("schema_version: 9\nmetrics: {}\n", "schema_version"),
        (
            "metrics:\n  revenue: {source: a, agg: count}\n  revenue: {source: b, agg: count}\n",
            "line",
        ),
        ("- just\n- a list\n", "expected a mapping"),
        ("metrics:\n\tbad: tab\n", "not valid YAML"),
    ],
)
def test_a_broken_metrics_file_is_named(tmp_path: Path, content: str, words: str) -> None:
    path = tmp_path / "metrics.yaml"
    path.write_text(content)
    with pytest.raises((InputError, ScorecardError)) as err:
        load_metrics(path)
    assert str(path) in str(err.value)
    assert words in str(err.value)


def test_a_missing_metrics_file_says_so(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        load_metrics(tmp_path / "nowhere.yaml")


def test_an_empty_file_is_an_empty_library(tmp_path: Path) -> None:
    path = tmp_path / "metrics.yaml"
    path.write_text("")
    assert load_metrics(path).metrics == {}
    assert isinstance(load_metrics(MetricLibrary()), MetricLibrary)
    assert Definition(ref="x").kind == "ref"
