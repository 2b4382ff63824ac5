"""krakit.diff: what changed in the definitions between two scorecard versions."""

from __future__ import annotations

from pathlib import Path

import pytest

import krakit
from krakit import edit
from krakit.diff import Change, diff


@pytest.fixture
def sample(sample_path: Path) -> krakit.Scorecard:
    return krakit.load(sample_path)


def test_identical_scorecards_have_no_changes(sample: krakit.Scorecard) -> None:
    assert diff(sample, sample.model_copy(deep=True)) == []


def test_timestamps_are_no_change_and_actuals_can_be_left_out(sample: krakit.Scorecard) -> None:
    changed = edit.set_actuals(sample, "2026-05", {"time-to-hire": 33})
    changed = changed.model_copy(update={"updated": None})
    assert [str(c) for c in diff(sample, changed)] == ["+ actuals[time-to-hire 2026-05]: 33"]
    assert diff(sample, changed, actuals=False) == []


def test_field_change_added_removed_and_moved(sample: krakit.Scorecard) -> None:
    new = edit.update_kpi(sample, "time-to-hire", target=28)
    new = edit.move_to_kra(new, "candidate-nps", "recruitment")
    new = edit.add_goal(new, "Cut hiring cost")
    new = edit.remove_kpi(new, "offer-acceptance-rate")
    new = edit.add_kra(new, "Onboarding", weight=10)
    new = edit.set_role(new, "Senior recruiter")
    changes = {(c.kind, c.where): c for c in diff(sample, new)}
    assert changes["changed", "role.title"].new == "Senior recruiter"
    assert changes["changed", "kras[recruitment].kpis[time-to-hire].target"].old == 30
    assert changes["changed", "kras[recruitment].kpis[time-to-hire].target"].new == 28
    moved = changes["moved", "kras[recruitment].kpis[candidate-nps]"]
    assert (moved.old, moved.new) == ("candidate-experience", "recruitment")
    assert ("removed", "kras[recruitment].kpis[offer-acceptance-rate]") in changes
    assert ("added", "goals[cut-hiring-cost]") in changes
    assert ("added", "kras[onboarding]") in changes
    # one line per change, readable
    assert str(changes["changed", "kras[recruitment].kpis[time-to-hire].target"]) == (
        "~ kras[recruitment].kpis[time-to-hire].target: 30 -> 28"
    )


def test_diff_reads_files(sample_path: Path, tmp_path: Path, sample: krakit.Scorecard) -> None:
    other = edit.update_kra(sample, "recruitment", weight=70)
    other = edit.update_kra(other, "candidate-experience", weight=30)
    krakit.save(other, tmp_path / "v2.yaml")
    changes = diff(sample_path, tmp_path / "v2.yaml")
    assert [c.where for c in changes] == [
        "kras[recruitment].weight",
        "kras[candidate-experience].weight",
    ]
    assert all(isinstance(c, Change) for c in changes)


def test_diff_of_missing_file_is_an_input_error(tmp_path: Path, sample: krakit.Scorecard) -> None:
    with pytest.raises(krakit.InputError, match="no such file"):
        diff(sample, tmp_path / "nope.yaml")


def test_public_name() -> None:
    import subprocess
    import sys

    code = (
        "import krakit, krakit.diff; s = krakit.load('templates/samples/recruiter.yaml');"
        "print(krakit.diff(s, s), krakit.diff.__name__)"
    )
    root = Path(__file__).resolve().parents[1]
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=root
    )
    assert out.stdout.strip() == "[] diff"


def test_goal_links_and_actuals_are_changes() -> None:
    old = krakit.Scorecard(
        role={"title": "Recruiter"},
        goals=[{"title": "Grow the team"}, {"title": "Employer brand"}],
        kras=[
            {"title": "Hiring", "goals": ["grow-the-team"], "kpis": [{"id": "tth", "target": 30}]}
        ],
        actuals=[{"kpi": "tth", "period": "2026-04", "value": 35}],
    )
    new = old.model_copy(deep=True)
    new.kras[0].goals = ["employer-brand"]
    new.actuals = [
        krakit.Actual(kpi="tth", period="2026-04", value=33),
        krakit.Actual(kpi="tth", period="2026-05", value=31),
    ]
    assert [str(c) for c in diff(old, new)] == [
        "~ kras[hiring].goals: ['grow-the-team'] -> ['employer-brand']",
        "~ actuals[tth 2026-04].value: 35 -> 33",
        "+ actuals[tth 2026-05]: 31",
    ]
    assert [str(c) for c in diff(new, old)][-1] == "- actuals[tth 2026-05]: 31"
    assert diff(old, old.model_copy(deep=True)) == []
