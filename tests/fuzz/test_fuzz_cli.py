"""Fuzz the ``krakit`` CLI: any file gives exit 0/1, or exit 2 with a message; no traceback."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import (
    SheetSpec,
    actuals_frames,
    kpi_statements,
    scorecard_files,
    sheet_specs,
    write_sheet,
)
from typer.testing import CliRunner

from krakit.cli import _register_all, app

_register_all()
runner = CliRunner()
SAMPLE = Path(__file__).resolve().parents[2] / "templates" / "samples" / "recruiter.yaml"
IDS = ["time-to-hire", "offer-acceptance-rate", "candidate-nps"]
QUICK = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _run(args: list[str], allowed: tuple[int, ...], names: str | None = None) -> None:
    res = runner.invoke(app, args)
    # SystemExit is how a command ends; anything else is an escape (shown by the assertion)
    if res.exception is not None and not isinstance(res.exception, SystemExit):
        raise res.exception
    assert res.exit_code in allowed, (res.exit_code, res.output)
    assert "Traceback" not in res.output
    if res.exit_code == 2:
        message = res.output.strip()
        assert message, "exit 2 needs a message"
        if names is not None:
            assert names in message, message


# Fewer examples: three commands each, and deeply nested YAML takes ~0.4 s to refuse
# (test_fuzz_store covers the loader itself with many more).
@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scorecard_files())
def test_validate_check_and_score_any_scorecard_file(case: tuple[bytes, str]) -> None:
    raw, suffix = case
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"card{suffix}"
        path.write_bytes(raw)
        _run(["validate", str(path)], (0, 2), names=str(path))
        _run(["check", str(path), "--today", "2026-06-01"], (0, 1, 2), names=str(path))
        _run(["score", str(path)], (0, 2), names=str(path))


@QUICK
@given(sheet_specs())
def test_check_any_sheet(spec: SheetSpec) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = write_sheet(spec, Path(folder))
        _run(["check", str(path), "--format", "json"], (0, 1, 2), names=str(path))


@QUICK
@given(actuals_frames(IDS), st.sampled_from(["csv", "xlsx"]))
def test_score_with_any_actuals_file(frame: pd.DataFrame, kind: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"actuals.{kind}"
        if kind == "csv":
            frame.to_csv(path, index=False)
        else:
            from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

            # a worksheet cannot hold control characters: Excel would never write them
            cells = frame.astype(object).map(
                lambda v: v if pd.isna(v) else ILLEGAL_CHARACTERS_RE.sub("", str(v))
            )
            cells.to_excel(path, index=False)
        _run(["score", str(SAMPLE), "-a", str(path)], (0, 2), names=str(path))


@settings(max_examples=40, deadline=None)
@given(kpi_statements())
def test_parse_and_classify_any_statement(text: str) -> None:
    if text.startswith("-"):
        text = " " + text  # an option to typer, not a statement
    _run(["parse", text, "--format", "json"], (0,))
    _run(["classify", text], (0,))
