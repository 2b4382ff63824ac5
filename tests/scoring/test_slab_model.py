"""The Slab model: slabs are listed from the lowest % of target up, and a slab KPI lists some."""

from __future__ import annotations

import pytest

import krakit
from krakit.errors import ScorecardError
from krakit.model import ScoringConfig

_CARD = """
schema_version: 2
role: {{title: Area sales manager}}
kras:
  - title: Grow sales
    kpis:
      - id: zone-revenue
        metric: zone revenue
        target_type: {target_type}
        target: 2500000
{slabs}
"""


def _load(target_type: str, slabs: str) -> krakit.Scorecard:
    return krakit.loads(_CARD.format(target_type=target_type, slabs=slabs))


def test_slabs_load_in_order() -> None:
    card = _load("slab", "        slabs: [{at: 75, points: 40}, {at: 100, points: 100}]")
    kpi = card.kras[0].kpis[0]
    assert kpi.target_type is krakit.TargetType.SLAB
    assert [(s.at, s.points) for s in kpi.slabs or ()] == [(75, 40), (100, 100)]


@pytest.mark.parametrize(
    ("slabs", "words"),
    [
        ("", "scored by slabs but lists none"),
        ("        slabs: []", "scored by slabs but lists none"),
        ("        slabs: [{at: 100, points: 100}, {at: 100, points: 120}]", "must increase"),
        ("        slabs: [{at: 95, points: 90}, {at: 85, points: 60}]", "85% comes after 95%"),
        ("        slabs: [{at: -5, points: 10}]", "at"),
        ("        slabs: [{at: 90, points: -1}]", "points"),
    ],
)
def test_bad_slabs_name_the_kpi(slabs: str, words: str) -> None:
    with pytest.raises(ScorecardError) as info:
        _load("slab", slabs)
    assert words in str(info.value)
    assert "zone-revenue" in str(info.value)


def test_schema_describes_slabs() -> None:
    schema = krakit.json_schema()
    slab = schema["$defs"]["Slab"]
    assert set(slab["required"]) == {"at", "points"}
    assert "slab" in schema["$defs"]["TargetType"]["enum"]


def _codes(card: krakit.Scorecard) -> set[str]:
    return {f.code for f in krakit.check(card)}


def test_checker_reads_slabs() -> None:
    no_target = _load("slab", "        slabs: [{at: 80, points: 50}]").model_dump()
    del no_target["kras"][0]["kpis"][0]["target"]
    assert "M002" in _codes(krakit.Scorecard.model_validate(no_target))
    ignored = _load("ratio", "        slabs: [{at: 80, points: 50}]")
    assert "M006" in _codes(ignored)
    falling = _load("slab", "        slabs: [{at: 80, points: 90}, {at: 100, points: 70}]")
    assert "M007" in _codes(falling)
    high = _load("slab", "        slabs: [{at: 100, points: 100}, {at: 110, points: 125}]")
    assert "M008" in _codes(high)
    raised = high.model_copy(update={"scoring": ScoringConfig(cap=130)})
    assert "M008" not in _codes(raised)  # the scorecard's own cap is read
    fine = _load("slab", "        slabs: [{at: 80, points: 50}, {at: 100, points: 100}]")
    assert not {"M002", "M006", "M007", "M008"} & _codes(fine)
