"""`krakit validate` and `krakit schema`."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from krakit.cli import _register_all, app

_register_all()
runner = CliRunner()


def test_validate_good_and_bad(tmp_path: Path, sample_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("role: {title: x}\nkras: [{title: S, weight: ten}]\n")
    ok = runner.invoke(app, ["validate", str(sample_path)])
    assert ok.exit_code == 0
    assert "Recruiter, 2 KRAs, 3 KPIs" in ok.output
    res = runner.invoke(app, ["validate", str(sample_path), str(bad)])
    assert res.exit_code == 2
    assert "kras[s].weight" in res.output


def test_schema_prints_json() -> None:
    res = runner.invoke(app, ["schema"])
    assert res.exit_code == 0
    assert json.loads(res.output)["title"] == "krakit scorecard"


def test_user_text_in_brackets_is_printed_by_score(tmp_path: Path, sample_path: Path) -> None:
    card = tmp_path / "br.yaml"
    card.write_text(sample_path.read_text().replace("title: Recruiter\n", "title: Recruiter [s]\n"))
    res = runner.invoke(app, ["score", str(card)])
    assert res.exit_code == 0, res.output
    assert "Recruiter [s]" in res.output


def test_diff_two_scorecard_files(tmp_path: Path, sample_path: Path) -> None:
    text = sample_path.read_text(encoding="utf-8")
    assert "target: 30\n" in text
    changed = tmp_path / "changed.yaml"
    changed.write_text(text.replace("target: 30\n", "target: 28\n", 1), encoding="utf-8")
    res = runner.invoke(app, ["diff", str(sample_path), str(changed)])
    assert res.exit_code == 1, res.output
    assert "~ kras[recruitment].kpis[time-to-hire].target: 30 -> 28" in res.output
    same = runner.invoke(app, ["diff", str(sample_path), str(sample_path)])
    assert same.exit_code == 0 and "hold the same scorecard" in same.output
    missing = runner.invoke(app, ["diff", str(sample_path), str(tmp_path / "nope.yaml")])
    assert missing.exit_code == 2 and "nope.yaml" in missing.output
