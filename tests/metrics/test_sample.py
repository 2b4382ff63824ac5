"""The sample team end to end: its raw tables and metrics.yaml give its actuals back exactly."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

import krakit
from krakit.sample_raw import metrics_path, raw_paths, sample_cards

ACTUALS = Path(__file__).resolve().parents[2] / "templates" / "sample" / "team_actuals.csv"


def test_compute_actuals_reproduces_the_sample_team() -> None:
    cards = sample_cards()
    got = krakit.compute_actuals(cards, raw_paths(), metrics_path())
    want = pd.read_csv(ACTUALS, dtype={"period": str})
    both = want.merge(got, on=["person", "kpi", "period"], how="outer", indicator=True)
    assert (both["_merge"] == "both").all(), both[both["_merge"] != "both"].head()
    assert ((both["value_x"] - both["value_y"]).abs() <= 1e-9 * both["value_x"].abs()).all()
    assert got.groupby("kpi")["definition_version"].nunique().eq(1).all()
    scored = krakit.score(cards, got)  # scoring takes the frame as it comes
    assert scored is not None
