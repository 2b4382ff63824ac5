"""The deterministic sample team (krakit.sample)."""

from __future__ import annotations

import pytest

import krakit
from krakit.library import templates_dir
from krakit.sample import (
    IMPROVING_KPI,
    SLIPPING_KPI,
    actuals_csv,
    people_csv,
    sample_scorecard,
    sample_team,
    write_sample,
)


@pytest.fixture(scope="module")
def team():
    return sample_team()


def test_committed_files_match_the_generator(team) -> None:
    folder = templates_dir() / "sample"
    assert (folder / "team_actuals.csv").read_text(encoding="utf-8") == actuals_csv(team)
    assert (folder / "team_people.csv").read_text(encoding="utf-8") == people_csv(team)


def test_seed_changes_the_numbers(team) -> None:
    # Same seed, same numbers: test_committed_files_match_the_generator shows it across runs.
    assert actuals_csv(sample_team(5)) != actuals_csv(team)


def test_shape(team) -> None:
    assert len(team.people) == 12
    assert 3 <= team.people["template"].nunique() <= 4
    assert list(team.actuals.columns) == ["person", "template", "kpi", "period", "value"]
    months = {p for p in team.actuals["period"] if "Q" not in p}
    assert len(months) == 12
    assert set(team.actuals["person"]) == set(team.people["person"])
    assert team.actuals["value"].notna().all()
    assert not team.actuals.duplicated(["person", "kpi", "period"]).any()


def _trend(team, which: tuple[str, str]) -> tuple[float, float]:
    rows = team.actuals[(team.actuals["template"] == which[0]) & (team.actuals["kpi"] == which[1])]
    by_period = rows.groupby("period")["value"].mean().sort_index()
    return by_period.iloc[:3].mean(), by_period.iloc[-3:].mean()


def test_story_one_kpi_slips(team) -> None:
    kpi = krakit.template(SLIPPING_KPI[0]).kpi(SLIPPING_KPI[1])
    first, last = _trend(team, SLIPPING_KPI)
    # Days sales outstanding is lower-is-better: it rises, away from its target.
    assert last - first > 8
    assert abs(last - kpi.target) > abs(first - kpi.target)


def test_story_one_kpi_improves(team) -> None:
    kpi = krakit.template(IMPROVING_KPI[0]).kpi(IMPROVING_KPI[1])
    first, last = _trend(team, IMPROVING_KPI)
    assert first - last > 10
    assert last <= kpi.target + 2


def test_sample_scorecard(team) -> None:
    card = sample_scorecard("Ananya Ghosh", team)
    assert card.holder == "Ananya Ghosh"
    ids = {k.id for k in card.all_kpis()}
    assert {a.kpi for a in card.actuals} <= ids
    assert len(card.actuals) == (team.actuals["person"] == "p08").sum()
    with pytest.raises(krakit.InputError, match="p01"):
        sample_scorecard("nobody", team)


def test_write_sample(tmp_path, team) -> None:
    people, actuals = write_sample(tmp_path)
    assert actuals.read_text(encoding="utf-8") == actuals_csv(team)
    assert people.name == "team_people.csv"
