"""Fuzz the KPI-sheet readers and the sheet checker on CSV and XLSX files of every shape."""

from __future__ import annotations

import datetime as dt
import tempfile
import warnings
from pathlib import Path

from fuzzcheck import accepted_or_refused
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from strategies import SheetSpec, sheet_specs, write_sheet

import krakit
from krakit.rules.filecheck import check_file
from krakit.sheet_scorecards import sheet_scorecards
from krakit.sheets import read_sheet

TODAY = dt.date(2026, 6, 1)
QUICK = settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _read(path: Path) -> object:
    sheet = read_sheet(path)
    for row in sheet.rows:
        assert row.row >= 2  # spreadsheet numbering: the header is row 1 or below
    return sheet_scorecards(sheet)


@QUICK
@given(sheet_specs())
def test_read_any_sheet(spec: SheetSpec) -> None:
    with tempfile.TemporaryDirectory() as folder, warnings.catch_warnings():
        warnings.simplefilter("ignore", krakit.KrakitWarning)
        path = write_sheet(spec, Path(folder))
        out = accepted_or_refused(_read, path, names=[str(path)])
        event("refused: " + str(out.reason)[:25] if isinstance(out, krakit.KrakitError) else "read")
        if isinstance(out, krakit.KrakitError):
            assert isinstance(out, krakit.InputError)
            if out.field in ("target", "weight", "kra_weight", "frequency", "polarity"):
                assert out.row is not None and out.row >= 2, str(out)


@QUICK
@given(sheet_specs())
def test_check_any_sheet(spec: SheetSpec) -> None:
    with tempfile.TemporaryDirectory() as folder, warnings.catch_warnings():
        warnings.simplefilter("ignore", krakit.KrakitWarning)
        path = write_sheet(spec, Path(folder))
        out = accepted_or_refused(check_file, path, today=TODAY, names=[str(path)])
        if not isinstance(out, krakit.KrakitError):
            assert all(f.file == str(path) for f in out)


@settings(max_examples=40, deadline=None)
@given(st.binary(max_size=300), st.sampled_from([".csv", ".xlsx", ".xlsm", ".tsv"]))
def test_random_bytes_are_refused_by_name(raw: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as folder, warnings.catch_warnings():
        warnings.simplefilter("ignore", krakit.KrakitWarning)
        path = Path(folder) / f"kpis{suffix}"
        path.write_bytes(raw)
        accepted_or_refused(check_file, path, today=TODAY, names=[str(path)])


@QUICK
@given(st.lists(st.text(max_size=12), min_size=1, max_size=6), st.sampled_from([",", ";"]))
def test_any_header_row(headers: list[str], delimiter: str) -> None:
    with tempfile.TemporaryDirectory() as folder, warnings.catch_warnings():
        warnings.simplefilter("ignore", krakit.KrakitWarning)
        spec = SheetSpec(".csv", [*headers, "KPI"], [["x"] * len(headers) + ["Grow sales"]])
        spec.delimiter = delimiter
        path = write_sheet(spec, Path(folder))
        out = accepted_or_refused(read_sheet, path, names=[str(path)])
        if not isinstance(out, krakit.KrakitError):
            assert out.rows, "the KPI column was found, so the row is read"
