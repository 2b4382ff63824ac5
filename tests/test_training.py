"""The training bank (templates/training) and its agreement with the classifier and checker."""

from __future__ import annotations

import importlib

import pytest

import krakit
from krakit.library import FAMILIES, FAMILY_CODES, training_bank

ITEMS = training_bank()
CLASSIFY = [i for i in ITEMS if i.kind == "kra-or-kpi"]
FIXES = [i for i in ITEMS if i.kind == "fix-the-kpi"]


def _engine(name: str):
    """The real classifier/checker; fail loudly (never skip) while it is missing."""
    try:
        return importlib.import_module(name)
    except ImportError as exc:  # pragma: no cover - only while the engine is being written
        pytest.fail(f"{name} is not available yet, so the training bank cannot be checked: {exc}")


def _params(items):
    return [pytest.param(item, id=item.id) for item in items]


def test_bank_size_and_shape() -> None:
    assert len(ITEMS) >= 120
    assert len(CLASSIFY) >= 60 and len(FIXES) >= 50
    assert len({i.id for i in ITEMS}) == len(ITEMS)
    labels = {i.expected for i in CLASSIFY}
    assert labels == {"KRA", "KPI"}
    assert len({i.function for i in ITEMS}) >= 10
    for item in ITEMS:
        assert item.explanation and len(item.explanation) < 200, item.id
        assert set(item.breaks) <= set(FAMILIES), item.id
    assert set(FAMILY_CODES) == set(FAMILIES)
    used = {family for item in FIXES for family in item.breaks}
    assert len(used) >= 10


def test_bank_filters_by_kind() -> None:
    assert training_bank("kra-or-kpi") == CLASSIFY
    with pytest.raises(krakit.ConfigError):
        training_bank("quiz")


@pytest.mark.parametrize("item", _params(CLASSIFY))
def test_classifier_agrees(item) -> None:
    classify = _engine("krakit.text.classify").classify
    result = classify(item.text)
    assert str(result.label) == item.expected, result.reasons


@pytest.mark.parametrize("item", _params(FIXES))
def test_checker_flags_each_mistake(item) -> None:
    check = _engine("krakit.rules").check
    codes = {f.code for f in check(item.text)}
    missing = [family for family in item.breaks if not FAMILY_CODES[family] & codes]
    assert not missing, f"{item.text!r}: got {sorted(codes)}, expected {missing}"


@pytest.mark.parametrize("item", [pytest.param(i, id=i.id) for i in FIXES])
def test_rewrite_is_clean(item) -> None:
    check = _engine("krakit.rules").check
    classify = _engine("krakit.text.classify").classify
    loud = [f for f in check(item.rewrite) if str(f.severity) in ("error", "warning")]
    assert not loud, [(f.code, f.message) for f in loud]
    assert str(classify(item.rewrite).label) == "KPI"
