"""`krakit score`, `krakit report` and `krakit chart` end to end."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from krakit.cli import _register_all, app

_register_all()
runner = CliRunner()


def test_score_prints_kpis_and_overall(sample_path: Path) -> None:
    res = runner.invoke(app, ["score", str(sample_path), "--explain", "--by", "quarter"])
    assert res.exit_code == 0, res.output
    assert "time-to-hire" in res.output and "73.2%" in res.output
    assert "overall 34.3% — Unsatisfactory" in res.output
    assert "target / actual = 30 / 41 = 73.2%" in res.output
    assert "2026-Q2" in res.output


def test_score_with_actuals_file_and_bad_cell(sample_path: Path, tmp_path: Path) -> None:
    good = tmp_path / "a.csv"
    good.write_text("kpi,period,value\ntime-to-hire,2026-Q1,30\n")
    res = runner.invoke(app, ["score", str(sample_path), "--actuals", str(good)])
    assert res.exit_code == 0 and "100.0%" in res.output
    bad = tmp_path / "b.csv"
    bad.write_text("kpi,period,value\ntime-to-hire,2026-Q1,thirty\n")
    res = runner.invoke(app, ["score", str(sample_path), "-a", str(bad)])
    assert res.exit_code == 2
    assert "row 2, field 'value'" in res.output


def test_report_and_chart_write_files(sample_path: Path, tmp_path: Path) -> None:
    for name in ("r.html", "r.xlsx", "r.csv"):
        res = runner.invoke(app, ["report", str(sample_path), "-o", str(tmp_path / name)])
        assert res.exit_code == 0, res.output
        assert (tmp_path / name).stat().st_size > 0
    res = runner.invoke(app, ["chart", str(sample_path), "-o", str(tmp_path / "c.svg")])
    assert res.exit_code == 0, res.output
    assert (tmp_path / "c.svg").read_text().lstrip().startswith("<svg")
    res = runner.invoke(app, ["chart", str(sample_path), "-o", str(tmp_path / "c.pdf")])
    assert res.exit_code == 2


def test_draft_scorecard_scores_reports_and_charts(tmp_path: Path) -> None:
    draft = tmp_path / "draft.yaml"
    draft.write_text(
        "role: {title: Office manager}\n"
        "kras:\n- title: Office running\n  weight: 100\n  kpis:\n"
        "  - {id: supplies-cost, unit: INR, target: 50000, polarity: lower_is_better}\n"
    )
    res = runner.invoke(app, ["score", str(draft)])
    assert res.exit_code == 0 and "No actuals yet" in res.output
    res = runner.invoke(app, ["report", str(draft), "-o", str(tmp_path / "a.html")])
    assert res.exit_code == 0
    assert "KPI agreement" in (tmp_path / "a.html").read_text()
    res = runner.invoke(app, ["chart", str(draft), "-o", str(tmp_path / "t.svg")])
    assert res.exit_code == 0
    res = runner.invoke(
        app, ["chart", str(draft), "--kind", "trend", "-o", str(tmp_path / "x.svg")]
    )
    assert res.exit_code == 2 and "no actuals yet" in res.output
