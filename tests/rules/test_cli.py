"""`krakit check` and `krakit rules`."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from krakit.cli import _register_all, app

_register_all()
runner = CliRunner()
TODAY = ["--today", "2026-11-23"]


def sheet(tmp_path: Path) -> Path:
    path = tmp_path / "team.csv"
    path.write_text(
        "Role,KRA,KPI,Owner,Data source,Shoe size\n"
        "Recruiter,Recruitment,Reduce time to hire from 45 to 30 days by Q3 2027,A,ATS,9\n"
        "Recruiter,Recruitment,Recruitment,A,ATS,9\n"
        "Recruiter,Recruitment,Raise offer acceptance rate to 85%,A,ATS,9\n",
        encoding="utf-8",
    )
    return path


def test_check_sheet_text_output_and_exit_code(tmp_path: Path) -> None:
    res = runner.invoke(app, ["check", str(sheet(tmp_path)), *TODAY])
    assert res.exit_code == 1, res.output
    assert "team.csv:3: C001 'Recruitment' reads as a KRA" in res.output
    assert "team.csv:4: T001" in res.output
    assert "Found 5 problems (2 errors, 3 warnings) in 1 file." in res.output
    assert "team.csv:1: X002 Column 'Shoe size'" in res.output


def test_fail_on_and_ignore(tmp_path: Path) -> None:
    path = str(sheet(tmp_path))
    res = runner.invoke(app, ["check", path, "--ignore", "C,M", *TODAY])
    assert res.exit_code == 0 and "T001" in res.output
    res = runner.invoke(app, ["check", path, "--ignore", "C,M", "--fail-on", "warning", *TODAY])
    assert res.exit_code == 1
    res = runner.invoke(app, ["check", path, "--select", "T002", *TODAY])
    assert res.exit_code == 0 and "All checks passed" in res.output


def test_json_output(tmp_path: Path) -> None:
    res = runner.invoke(app, ["check", str(sheet(tmp_path)), "--format", "json", *TODAY])
    data = json.loads(res.stdout)
    assert {d["code"] for d in data} == {"C001", "M002", "T001", "X002"}
    assert all(d["row"] in (1, 3, 4) and d["file"].endswith("team.csv") for d in data)


def test_scorecard_paths_and_bad_input(tmp_path: Path, sample_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("role: [\n")
    res = runner.invoke(app, ["check", str(sample_path), str(broken), *TODAY])
    assert res.exit_code == 2
    assert "broken.yaml" in res.output and "line" in res.output
    assert "recruiter.yaml:kras[recruitment].kpis[time-to-hire]: W013" in res.output
    bad_cell = tmp_path / "cells.csv"
    bad_cell.write_text("KPI,Target\nRevenue,lots\n")
    res = runner.invoke(app, ["check", str(bad_cell)])  # a bad cell is a finding: exit 1
    assert res.exit_code == 1 and "cells.csv:2: X003" in res.output and "'lots'" in res.output
    res = runner.invoke(app, ["check", str(sample_path), "--select", "Q9"])
    assert res.exit_code == 2 and "Q9" in res.output


def test_rules_catalogue_and_one_rule() -> None:
    res = runner.invoke(app, ["rules"])
    assert res.exit_code == 0 and "M002" in res.output and "W012" in res.output
    res = runner.invoke(app, ["rules", "c001"])
    assert res.exit_code == 0
    for heading in ("Why it matters", "Example", "Use instead", "Source"):
        assert heading in res.output
    assert runner.invoke(app, ["rules", "T"]).output.count("T00") == 5
    assert runner.invoke(app, ["rules", "Q1"]).exit_code == 2


def test_progress_bar_on_large_sheets(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import krakit.cli.check as cli_check

    monkeypatch.setattr(cli_check, "_BAR_FROM", 2)
    res = runner.invoke(app, ["check", str(sheet(tmp_path)), *TODAY])
    assert "checking" in res.output and "KPI" in res.output
    assert res.exit_code == 1


def test_config_file(tmp_path: Path) -> None:
    path = str(sheet(tmp_path))
    toml = tmp_path / "pyproject.toml"
    toml.write_text('[tool.krakit.check]\nignore = ["C", "M", "X002"]\nmax_kras = 3\n')
    res = runner.invoke(app, ["check", path, "--config", str(toml), *TODAY])
    assert res.exit_code == 0 and "C001" not in res.output and "T001" in res.output
    bad = tmp_path / "krakit.yaml"
    bad.write_text("check:\n  max_kpis_per_kraa: 3\n")
    res = runner.invoke(app, ["check", path, "--config", str(bad)])
    assert res.exit_code == 2 and "max_kpis_per_kraa" in res.output


def test_check_fix_repairs_a_scorecard_file_and_reports_what_it_did(tmp_path: Path) -> None:
    path = tmp_path / "lead.yaml"
    path.write_text(
        "role: {title: Support lead}\nholder: Asha\n"
        "kras:\n- {title: Ticket resolution, weight: 80}\n- {title: Stuff as needed, weight: 40}\n",
        encoding="utf-8",
    )
    res = runner.invoke(app, ["check", str(path), "--fix", "--select", "W001,S004", *TODAY])
    assert res.exit_code == 0, res.output
    assert "S004 fixed: Remove this KRA" in res.output
    assert "All checks passed" in res.output
    assert "Stuff as needed" not in path.read_text(encoding="utf-8")
    again = runner.invoke(app, ["check", str(path), "--select", "W001,S004", *TODAY])
    assert again.exit_code == 0 and "fixed" not in again.output
    res = runner.invoke(app, ["check", str(sheet(tmp_path)), "--fix", *TODAY])
    assert "--fix changes scorecard files only" in res.output
    listing = runner.invoke(app, ["rules", "S"])
    assert "catch-all-kra" in listing.output and "auto" in listing.output
