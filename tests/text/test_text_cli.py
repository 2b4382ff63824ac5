"""`krakit parse` and `krakit classify` end to end."""

import json
from pathlib import Path

from typer.testing import CliRunner

from krakit.cli import _register_all, app

_register_all()
runner = CliRunner()


def test_parse_human() -> None:
    result = runner.invoke(app, ["parse", "Reduce time-to-fill from 45 days to 30 days by Q2"])
    assert result.exit_code == 0, result.output
    assert "30 days" in result.output and "decrease" in result.output


def test_parse_json_single() -> None:
    result = runner.invoke(app, ["parse", "Achieve ₹10 lakh monthly revenue", "--format", "json"])
    data = json.loads(result.output)
    assert data["target"] == {"value": 1_000_000.0, "unit": "INR", "relative": False}
    assert data["period"] == "monthly" and data["spans"]["target"] == [8, 16]


def test_classify_human() -> None:
    result = runner.invoke(app, ["classify", "Recruitment"])
    assert result.exit_code == 0
    assert result.output.startswith("KRA") and "Candidate KPIs" in result.output


def test_classify_many_lines_from_stdin_as_json() -> None:
    result = runner.invoke(
        app, ["classify", "-", "--format", "json"], input="Time to hire\n\nGenerate revenue\n"
    )
    data = json.loads(result.output)
    assert [d["label"] for d in data] == ["KPI", "KRA"]
    assert data[1]["reasons"]


def test_parse_from_file(tmp_path: Path) -> None:
    path = tmp_path / "kpis.txt"
    path.write_text("Defect leakage < 2%\nCSAT 4.5 out of 5\n", encoding="utf-8")
    result = runner.invoke(app, ["parse", "--file", str(path), "--format", "json"])
    data = json.loads(result.output)
    assert [d["target"]["value"] for d in data] == [2.0, 4.5]


def test_missing_file_names_the_path(tmp_path: Path) -> None:
    missing = tmp_path / "nope.txt"
    result = runner.invoke(app, ["classify", "--file", str(missing)])
    assert result.exit_code == 2
    assert "nope.txt" in result.output


def test_square_brackets_in_user_text_are_printed_not_styled(tmp_path: Path) -> None:
    result = runner.invoke(app, ["classify", "Recruitment [s] team"])
    assert "Recruitment [s] team" in result.output
    result = runner.invoke(app, ["parse", "--file", str(tmp_path / "[s]missing.txt")])
    assert result.exit_code == 2
    assert "[s]missing.txt" in result.output
