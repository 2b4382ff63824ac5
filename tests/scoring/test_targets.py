"""The target-type registry: every TargetType has one kind, with words, an example and maths."""

from __future__ import annotations

import numpy as np
import pytest
import yaml

import krakit
from krakit.model import KPI, Polarity, TargetType
from krakit.scoring.targets import POLARITIES, TARGET_KINDS, TARGET_TYPES, Values


def test_every_target_type_has_exactly_one_kind() -> None:
    assert [k.type for k in TARGET_KINDS] == list(TargetType)
    assert set(TARGET_TYPES) == set(TargetType)
    assert krakit.TARGET_TYPES is TARGET_TYPES  # the public name S3's wizard reads


def test_labels_and_explanations_are_distinct_one_liners() -> None:
    labels = [k.label for k in TARGET_KINDS]
    assert len(set(labels)) == len(labels)
    for kind in TARGET_KINDS:
        assert kind.explain.strip() and "\n" not in kind.explain and len(kind.explain) <= 100
        for polarity in Polarity:
            assert kind.rule_text(polarity)


@pytest.mark.parametrize("kind", TARGET_KINDS, ids=lambda k: k.type.value)
def test_each_example_is_a_kpi_of_its_type_that_scores(kind) -> None:  # type: ignore[no-untyped-def]
    kpi = KPI.model_validate(yaml.safe_load(kind.example))
    assert kpi.target_type is kind.type
    card = krakit.Scorecard(
        role={"title": "Example"}, kras=[{"title": "Area", "kpis": [kpi.model_dump()]}]
    )
    result = krakit.score(card, [krakit.Actual(kpi=kpi.id, period="2026-01", value=1)])
    assert not np.isnan(result.totals["achievement"].iloc[0])


@pytest.mark.parametrize("kind", TARGET_KINDS, ids=lambda k: k.type.value)
@pytest.mark.parametrize("polarity", POLARITIES)
def test_unknown_actual_or_missing_target_is_nan_never_zero(kind, polarity) -> None:  # type: ignore[no-untyped-def]
    nan = np.nan
    values = Values(
        np.array([nan, 5.0]),
        np.array([10.0, nan]),
        np.array([nan, nan]),
        np.array([nan, nan]),
        np.array([nan, nan]),
        slabs=[((50.0, 10.0),)],
        rows=np.zeros(2, dtype=np.int64),
    )
    raw, met = kind.achieve(values, polarity)
    assert np.isnan(raw[0]) and np.isnan(met[0])
    assert np.isnan(raw[1]) == (kind.needs_target or polarity is Polarity.IN_RANGE)
