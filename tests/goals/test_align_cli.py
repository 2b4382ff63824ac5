"""`krakit align`: the sample's two gaps, JSON, exit codes, plain errors."""

from __future__ import annotations

import json

from typer.testing import CliRunner

import krakit
from krakit.cli import _register_all, app
from krakit.goals import save_tree, validate_tree
from krakit.goals.sample import write_sample_workspace

_register_all()
runner = CliRunner()


def test_align_on_the_sample_workspace_finds_exactly_its_two_gaps(tmp_path) -> None:  # type: ignore[no-untyped-def]
    folder = write_sample_workspace(tmp_path / "team")
    done = runner.invoke(app, ["align", str(folder), "--format", "json"])
    assert done.exit_code == 0, done.output
    data = json.loads(done.stdout)
    assert data["unserved"] == ["build-leadership-bench"]
    assert {(o["role"], o["kra"]) for o in data["orphans"]} == {
        ("Recruiter", "candidate-experience")
    }
    assert len(data["gaps"]) == 2 and data["unknown"] == [] and data["unmeasured"] == []
    assert {f["code"] for f in data["findings"]} == {"G002", "G005"}
    assert data["scorecards"] == 12


def test_align_sample_prints_the_goals_and_gaps_in_words() -> None:
    done = runner.invoke(app, ["align", "--sample", "--no-actuals"])
    assert done.exit_code == 0, done.output
    assert "Gaps (2):" in done.stdout
    assert "'Fill 8 of 10 manager openings from within' (People" in done.stdout
    assert "goals.yaml:goals[build-leadership-bench]: G002" in done.stdout
    assert "scores" not in done.stdout  # --no-actuals: no goal scores


def test_exit_codes_and_plain_errors(tmp_path) -> None:  # type: ignore[no-untyped-def]
    assert runner.invoke(app, ["align"]).exit_code == 2
    missing = runner.invoke(app, ["align", str(tmp_path)])
    assert missing.exit_code == 2 and "there is no goal tree" in missing.output
    save_tree(
        validate_tree({"organisation": "Acme", "goals": [{"title": "Grow", "owner": "CEO"}]}),
        tmp_path / "goals.yaml",
    )
    card = krakit.Scorecard(role={"title": "Rep"}, kras=[{"title": "Sales", "goals": ["grwo"]}])
    krakit.Workspace(tmp_path).save(card, "rep")
    bad = runner.invoke(app, ["align", str(tmp_path)])
    assert bad.exit_code == 1  # G001 is an error
    assert "rep.yaml:kras[sales].goals: G001" in bad.stdout
    quiet = runner.invoke(app, ["align", str(tmp_path), "--fail-on", "never"])
    assert quiet.exit_code == 0
    (tmp_path / "goals.yaml").write_text("organisation: Acme\ngoals: [{title: A}]\n")
    broken = runner.invoke(app, ["align", str(tmp_path)])
    assert broken.exit_code == 2 and "goals[a].owner" in broken.output
    assert runner.invoke(app, ["align", str(tmp_path), "--format", "xml"]).exit_code == 2


def test_align_writes_the_report_too(tmp_path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "out" / "alignment.xlsx"
    done = runner.invoke(app, ["align", "--sample", "--no-actuals", "--report", str(out)])
    assert done.exit_code == 0, done.output
    assert out.exists() and "wrote" in done.stderr
    bad = runner.invoke(app, ["align", "--sample", "--report", str(tmp_path / "a.pdf")])
    assert bad.exit_code == 2 and "use .html or .xlsx" in bad.output
