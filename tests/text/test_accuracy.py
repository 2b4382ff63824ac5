"""Accuracy floors on krakit's own labelled set (tests/data/statements.csv).

348 statements across 12 functions, written for krakit (not copied from any source), with the
field conventions of shared/data/README.md. The scoring is the real-world evaluation's own
(benchmarks/eval_real_world.py), so the two can never drift apart. The floors are the issue's
bar (label ≥ 95%, target value + unit ≥ 90%) raised to what the rules reach today, less a
margin, so a rule change that costs accuracy fails here.
"""

import csv
from pathlib import Path

import pytest

from tests.text.evaluation import EVAL

ROOT = Path(__file__).resolve().parents[2]
STATEMENTS = ROOT / "tests" / "data" / "statements.csv"


FLOORS = {
    "label": 0.97,
    "target": 0.95,
    "relative": 0.95,
    "direction": 0.95,
    "period": 0.95,
    "smart_complete": 0.95,
}


@pytest.fixture(scope="module")
def scores() -> dict[str, tuple[int, int]]:
    return EVAL.score_fields(EVAL.load_statements(STATEMENTS))


def test_the_set_is_big_and_broad() -> None:
    with open(STATEMENTS, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) >= 300
    assert len({r["function"] for r in rows}) >= 10
    assert {r["label"] for r in rows} == {"KPI", "KRA"}
    assert "source_url" not in rows[0]


@pytest.mark.parametrize("field", list(FLOORS))
def test_accuracy_floor(scores: dict[str, tuple[int, int]], field: str) -> None:
    right, total = scores[field]
    assert right / total >= FLOORS[field], f"{field}: {right}/{total}"
