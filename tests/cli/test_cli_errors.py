"""The CLI on broken input: exit 2, the message names file/line/row/field, never a traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

import krakit.cli.score
from krakit.cli import _register_all, app

_register_all()
runner = CliRunner()
NASTY = Path(__file__).resolve().parents[1] / "data" / "nasty"
SAMPLE = Path(__file__).resolve().parents[2] / "templates" / "samples" / "recruiter.yaml"


def _fails(args: list[str], *expected: str) -> str:
    res = runner.invoke(app, args)
    assert res.exit_code == 2, res.output
    assert isinstance(res.exception, SystemExit), res.exception
    assert "Traceback" not in res.output
    for text in expected:
        assert text in res.output, res.output
    return res.output


@pytest.mark.parametrize("command", ["validate", "score", "check", "report"])
def test_broken_yaml_names_file_line_and_column(command: str, tmp_path: Path) -> None:
    path = NASTY / "tab_indent.yaml"
    args = [command, str(path)] + (["-o", str(tmp_path / "r.html")] if command == "report" else [])
    _fails(args, f"{path}, line 4, column 1: this is not valid YAML")


@pytest.mark.parametrize("command", ["validate", "score", "check", "chart"])
def test_missing_file(command: str, tmp_path: Path) -> None:
    path = tmp_path / "nowhere.yaml"
    args = [command, str(path)] + (["-o", str(tmp_path / "c.svg")] if command == "chart" else [])
    _fails(args, f"{path}: no such file")


def test_text_in_a_number_field_names_the_field() -> None:
    path = NASTY / "text_in_number.yaml"
    _fails(
        ["score", str(path)],
        f"{path}, field 'kras[sales].kpis[revenue].target': expected a number, got 'twelve lakh'",
    )


def test_text_in_a_sheet_number_column_names_row_and_column() -> None:
    path = NASTY / "text_in_target.csv"  # a finding like any other (exit 1), not a stop
    res = runner.invoke(app, ["check", str(path)])
    assert res.exit_code == 1 and "Traceback" not in res.output
    assert f"{path}:3: X003 expected a number in column 'Target', got text 'ten'" in res.output


def test_latin1_actuals_are_read_and_their_bad_cell_named() -> None:
    path = NASTY / "actuals_text_value.csv"
    out = _fails(
        ["score", str(SAMPLE), "-a", str(path)],
        "was read as Windows-1252",  # the fallback is said
        f"{path}, row 4, field 'value': expected a number, got 'trente-cinq (estimé)'",
    )
    assert out.index("Windows-1252") < out.index("row 4")


def test_latin1_sheet_is_checked_with_a_note() -> None:
    path = NASTY / "latin1_export.csv"
    res = runner.invoke(app, ["check", str(path)])
    assert res.exit_code in (0, 1), res.output
    assert f"! {path}: not UTF-8" in res.output
    assert "Traceback" not in res.output


def test_unknown_column_in_actuals() -> None:
    path = NASTY / "actuals_unknown_column.csv"
    _fails(
        ["score", str(SAMPLE), "-a", str(path)],
        f"{path}, field 'value': missing column(s) value",
        "found: kpi, period, achieved",
    )


def test_own_actuals_error_names_the_scorecard_and_the_actual(tmp_path: Path) -> None:
    card = tmp_path / "card.yaml"
    card.write_text(
        SAMPLE.read_text(encoding="utf-8").replace(
            "period: 2026-Q1\n  value: 41", "period: 0001-Q1\n  value: 41"
        ),
        encoding="utf-8",
    )
    _fails(["score", str(card)], f"{card}, field 'actuals[0].period'", "from 1900 to 2200")


def test_unknown_option_value_is_exit_2() -> None:
    _fails(["chart", str(SAMPLE), "-o", "x.svg", "--kind", "pie"], "field 'kind'", "unknown chart")
    _fails(["score", str(SAMPLE), "--by", "fortnight"], "field 'by'")
    _fails(["check", str(SAMPLE), "--select", "Q999"], "field 'select'")


def test_a_real_bug_still_surfaces(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(path: object) -> None:
        raise RuntimeError("a bug in krakit")

    monkeypatch.setattr(krakit.cli.score, "load", broken)
    res = runner.invoke(app, ["score", str(SAMPLE)])  # as a bug: one line, exit 70
    assert res.exit_code == 70 and "krakit hit a bug (RuntimeError)" in res.output


def test_installed_script_prints_no_traceback(tmp_path: Path) -> None:
    broken = tmp_path / "team.yaml"
    broken.write_text("role: {title: x}\nkras: [{title: S, weight: lots}]\n", encoding="utf-8")
    code = "import sys; from krakit.cli import main; sys.argv[0] = 'krakit'; main()"
    for args in (["validate", str(broken)], ["score", str(broken)], ["check", str(NASTY)]):
        res = subprocess.run(
            [sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=120
        )
        assert res.returncode == 2, (args, res.stdout, res.stderr)
        assert "Traceback" not in res.stderr + res.stdout
        assert res.stderr.strip().startswith("✗ "), res.stderr


def test_unknown_template_and_missing_statement_file(tmp_path: Path) -> None:
    _fails(["template", "no-such-role"], "no-such-role")
    missing = tmp_path / "kpis.txt"
    _fails(["parse", "--file", str(missing)], f"{missing}: no such file")


def test_latin1_statement_file_is_read_with_a_note(tmp_path: Path) -> None:
    path = tmp_path / "kpis.txt"
    path.write_bytes("Réduire le délai de paiement à 30 jours d'ici mars 2027\n".encode("cp1252"))
    res = runner.invoke(app, ["parse", "--file", str(path), "--format", "json"])
    assert res.exit_code == 0, res.output
    assert f"! {path}: not UTF-8" in res.output
    assert "Réduire le délai" in res.output
