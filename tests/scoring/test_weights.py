"""weights.py is the one home of shares and "adds to 100": scoring, checker and wizard agree."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import krakit
from krakit.model import WeightMode
from krakit.scoring.weights import WEIGHT_TOLERANCE, adds_to_100, shares, weight_total
from krakit.widgets.roles import RoleStep

_weights = st.lists(st.one_of(st.none(), st.floats(0, 100)), min_size=1, max_size=8)


@given(_weights, st.sampled_from(list(WeightMode)))
def test_shares_always_add_to_one(weights: list[float | None], mode: WeightMode) -> None:
    fractions, _ = shares(weights, mode, "the KRAs")
    assert len(fractions) == len(weights)
    assert abs(sum(fractions) - 1) < 1e-9
    assert all(f >= 0 for f in fractions)


@pytest.mark.parametrize(
    ("typed", "ok"),
    [([30, 30, 40], True), ([33.33, 33.33, 33.34], True), ([60, 30], False), ([99.9], False)],
)
def test_checker_wizard_and_scoring_agree_on_100(typed: list[float], ok: bool) -> None:
    kras = [{"title": f"Area {i}", "weight": w} for i, w in enumerate(typed)]
    card = krakit.Scorecard(role={"title": "Branch manager"}, kras=kras)
    flagged = "W001" in {f.code for f in krakit.check(card)}
    _, note = shares(typed, WeightMode.PERCENT, "the KRAs")
    assert adds_to_100(sum(typed)) is ok
    assert weight_total(typed).ok is ok
    assert flagged is (not ok)
    assert (note is None) is ok


def test_tolerance_is_float_noise_not_a_rounding_allowance() -> None:
    assert adds_to_100(100 + WEIGHT_TOLERANCE / 2)
    assert not adds_to_100(100 + WEIGHT_TOLERANCE * 2)


def test_wizard_total_line_comes_from_weights(tmp_path: Path) -> None:
    step = RoleStep(workspace=krakit.Workspace(tmp_path / "workspace"))
    step._title.value = "Plant head"
    step._lines.value = "Safety\nOutput"
    assert "No weights yet" in step._total.value
    rows = list(step._rows.values())
    rows[0]._weight.value = "60"
    rows[1]._weight.value = "thirty"
    assert [k.weight for k in step.value.kras] == [60, 30]
    assert "Weights add up to 90 of 100" in step._total.value
    assert "krakit-total-off" in step._total.value
    rows[1]._weight.value = "40%"
    assert "Weights add up to 100 of 100 ✓" in step._total.value
    assert "krakit-total-ok" in step._total.value
