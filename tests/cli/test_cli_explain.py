"""`krakit explain`: the score worked through on the user's numbers, slabs included."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from krakit.cli import _register_all, app

_register_all()
runner = CliRunner()

_CARD = """\
schema_version: 2
role: {title: Area sales manager}
kras:
  - title: Grow dealer sales
    weight: 100
    kpis:
      - id: dealer-billing
        metric: Dealer billing
        unit: INR
        target_type: slab
        target: 1000000
        slabs:
          - {at: 80, points: 50}
          - {at: 90, points: 80}
          - {at: 100, points: 100}
          - {at: 110, points: 120}
"""


def test_explain_shows_the_slab_on_the_users_numbers(tmp_path: Path) -> None:
    card = tmp_path / "asm.yaml"
    card.write_text(_CARD, encoding="utf-8")
    sheet = tmp_path / "q1.csv"
    sheet.write_text('kpi,period,value\ndealer-billing,2026-01,"₹9,20,000"\n', encoding="utf-8")
    res = runner.invoke(app, ["explain", str(card), "dealer-billing", "--actuals", str(sheet)])
    assert res.exit_code == 0, res.output
    assert "actual 92.0% of target falls in slab 90–100% → 80 points" in res.output
    assert "→ 80.0% (amber)" in res.output
    whole = runner.invoke(app, ["explain", str(card), "-a", str(sheet)])
    assert whole.exit_code == 0, whole.output
    assert "KPI score = 80.00 = 80.0%" in whole.output


def test_explain_names_what_it_cannot_find(tmp_path: Path) -> None:
    card = tmp_path / "asm.yaml"
    card.write_text(_CARD, encoding="utf-8")
    res = runner.invoke(app, ["explain", str(card), "dealer-bill"])
    assert res.exit_code == 2
    assert "'dealer-bill' is neither a KPI nor a KRA" in res.output
