"""One message per actuals mistake, the same whether the sheet is imported or scored."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import krakit
from krakit.actuals import read_actuals
from krakit.errors import InputError


def _card(*kpis: str) -> krakit.Scorecard:
    return krakit.Scorecard(
        role={"title": "Warehouse lead"},
        kras=[{"title": "Dispatch", "kpis": [{"id": k, "target": 10} for k in kpis]}],
    )


def _both(card: object, frame: pd.DataFrame, tmp_path: Path) -> tuple[InputError, InputError]:
    sheet = tmp_path / "actuals.csv"
    frame.to_csv(sheet, index=False)
    with pytest.raises(InputError) as imported:
        read_actuals(sheet, scorecard=card)  # type: ignore[arg-type]
    with pytest.raises(InputError) as scored:
        krakit.score(card, frame)  # type: ignore[arg-type]
    return imported.value, scored.value


def test_unknown_kpi_reads_the_same_in_import_and_scoring(tmp_path: Path) -> None:
    card = _card("orders-shipped", "pick-errors")
    frame = pd.DataFrame(
        {"kpi": ["orders-shipped", "Orders shiped"], "period": "2026-01", "value": [5, 6]}
    )
    imported, scored = _both(card, frame, tmp_path)
    assert imported.reason == scored.reason
    assert imported.reason.startswith("KPI 'Orders shiped' is not in the scorecard (its KPIs: ")
    assert "orders-shipped, pick-errors" in imported.reason
    assert (imported.field, scored.field) == ("kpi", "kpi")
    assert imported.path is not None and imported.row == 3  # the sheet's own row number


def test_unknown_person_and_their_kpi_read_the_same(tmp_path: Path) -> None:
    card = _card("orders-shipped")
    team = {"Lakshmi": card, "Tenzin": card}
    frame = pd.DataFrame(
        {
            "person": ["Lakshmi", "Tenzing"],
            "kpi": "orders-shipped",
            "period": "2026-01",
            "value": [5, 6],
        }
    )
    imported, scored = _both(team, frame, tmp_path)
    assert imported.reason == scored.reason
    assert "person 'Tenzing' has no scorecard (the team: Lakshmi, Tenzin)" in imported.reason
    frame = pd.DataFrame(
        {"person": ["Tenzin"], "kpi": "returns", "period": "2026-01", "value": [1]}
    )
    imported, scored = _both(team, frame, tmp_path)
    assert imported.reason == scored.reason
    assert imported.reason.startswith("KPI 'returns' is not in Tenzin's scorecard")


def test_a_scorecard_with_no_kpis_says_so(tmp_path: Path) -> None:
    card = krakit.Scorecard(role={"title": "New role"}, kras=[{"title": "Dispatch"}])
    frame = pd.DataFrame({"kpi": ["orders"], "period": "2026-01", "value": [1]})
    imported, scored = _both(card, frame, tmp_path)
    assert imported.reason == scored.reason
    assert "which has no KPIs yet" in scored.reason
