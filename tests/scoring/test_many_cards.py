"""A whole organisation: many cards, each with its own KPIs, located in linear time."""

from __future__ import annotations

import pandas as pd
import pytest

import krakit

N = 1_100  # 1,100 cards x 1,100 KPI ids: past the dense lookup table, into the sorted keys


def _team() -> tuple[dict[str, krakit.Scorecard], pd.DataFrame]:
    team, rows = {}, []
    for i in range(N):
        kpi = f"k{i}"
        team[f"p{i}"] = krakit.Scorecard(
            role={"title": "Rep"},
            kras=[{"title": "Sales", "weight": 100, "kpis": [{"id": kpi, "target": 100 + i}]}],
        )
        rows.append({"person": f"p{i}", "kpi": kpi, "period": "2026-04", "value": 50 + i})
    return team, pd.DataFrame(rows)


def test_each_persons_actual_finds_their_own_card() -> None:
    team, actuals = _team()
    result = krakit.score(team, actuals)
    totals = result.totals.set_index("person")
    for i in (0, 7, N - 1):
        alone = krakit.score(
            team[f"p{i}"], actuals[actuals.person == f"p{i}"].drop(columns="person")
        )
        assert totals.loc[f"p{i}", "achievement"] == pytest.approx(alone.totals["achievement"][0])


def test_a_kpi_of_someone_elses_card_is_named() -> None:
    team, actuals = _team()
    actuals.loc[3, "kpi"] = "k4"  # p3 reports on p4's KPI
    with pytest.raises(krakit.KrakitError, match="k4"):
        krakit.score(team, actuals)
