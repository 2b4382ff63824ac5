"""Spreadsheets: no text a person typed runs as a formula when the export is opened.

OWASP CSV injection: a cell starting with ``=``, ``+``, ``-``, ``@``, tab or carriage return
is run by Excel, LibreOffice and Google Sheets. Every user-written text that krakit writes to
CSV or Excel goes through :func:`krakit.sheets.neutralise`; numbers stay numbers (``-3.5``
is data). The Excel file is read back with openpyxl to check that no cell is a formula.
"""

from __future__ import annotations

import csv
from pathlib import Path
from tempfile import TemporaryDirectory

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

import krakit
from krakit.report import report
from krakit.sheets import FORMULA_PREFIXES, neutralise, restore
from tests.security._payloads import SAMPLE

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def test_every_owasp_trigger_is_neutralised() -> None:
    assert set(TRIGGERS) <= set(FORMULA_PREFIXES)
    for trigger in TRIGGERS:
        assert neutralise(f"{trigger}cmd|' /C calc'!A0") == f"'{trigger}cmd|' /C calc'!A0"
    assert neutralise("-cmd") == "'-cmd"
    assert neutralise(-3.5) == -3.5 and neutralise(0) == 0 and neutralise(None) is None
    assert neutralise("Revenue - gross") == "Revenue - gross"  # only the first character


@given(st.text(max_size=40))
def test_neutralised_text_never_starts_a_formula(text: str) -> None:
    out = neutralise(text)
    assert isinstance(out, str)
    assert not out.startswith(TRIGGERS) or _is_number(out)
    assert out in (text, "'" + text)  # nothing else changes: the reader sees what was typed
    assert restore(out) == text  # and krakit import reads back what was written


@given(st.floats(allow_nan=False) | st.integers())
def test_numbers_stay_numbers(number: float) -> None:
    assert neutralise(number) == number and type(neutralise(number)) is type(number)


# Text a person might type or paste (control characters too), biased towards the characters
# that start formulas.
_hostile_text = st.builds(
    lambda head, tail: (head + tail).strip() or "x",
    st.sampled_from([*TRIGGERS, "'", " ", "", "=HYPERLINK(", "@SUM(", "-2+3", "+"]),
    st.text(
        alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)),
        max_size=30,
    ),
)


def _scorecard(texts: list[str]) -> krakit.Scorecard:
    sc = krakit.load(SAMPLE)
    sc.role.title = texts[0][:200]
    sc.holder = texts[1][:200]
    sc.kras[0].title = texts[2][:300]
    kpi = sc.kras[0].kpis[0]
    kpi.metric, kpi.statement, kpi.owner, kpi.data_source = (t[:200] for t in texts[3:7])
    kpi.unit = texts[7][:40]
    kpi.baseline = -3.5  # a real negative number: must stay a number
    sc.actuals[0].note = texts[8]
    return sc


def _check_book(path: Path) -> None:
    book = load_workbook(path)  # not data_only: a formula would load as a formula
    for ws in book.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"{ws.title}!{cell.coordinate}: {cell.value!r}"
                if isinstance(cell.value, str):
                    assert not cell.value.startswith(TRIGGERS), (ws.title, cell.value)
    agreement = book["Agreement"]
    header = [c.value for c in agreement[3]]
    baselines = [
        r[header.index("Baseline")] for r in agreement.iter_rows(min_row=4, values_only=True)
    ]
    assert -3.5 in baselines  # numeric cell, not the text "'-3.5"


def _check_csv(path: Path) -> None:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    header = rows[0]
    for row in rows[1:]:
        for cell in row:
            assert not cell.startswith(TRIGGERS) or _is_number(cell), cell
    baseline = header.index("baseline")
    assert "-3.5" in [row[baseline] for row in rows[1:]]


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_hostile_text, min_size=9, max_size=9))
def test_exports_never_hold_a_formula_from_user_text(texts: list[str]) -> None:
    sc = _scorecard(texts)
    draft = sc.model_copy(update={"actuals": []})
    with TemporaryDirectory() as folder:
        _check_book(report(sc, path=Path(folder) / "r.xlsx"))
        _check_book(report(draft, path=Path(folder) / "d.xlsx"))
        _check_csv(report(draft, path=Path(folder) / "d.csv"))


@pytest.mark.parametrize(
    "text",
    [
        "=1+1",
        "+1+1",
        "-1+1",
        "@SUM(A1)",
        "\t=1+1",
        "\r=1+1",
        '=HYPERLINK("http://x","y")',
        "\x01=1+1",  # a control character Excel cannot hold, hiding a formula
    ],
)
def test_each_trigger_in_each_export(text: str, tmp_path: Path) -> None:
    sc = _scorecard([text] * 9)
    _check_book(report(sc, path=tmp_path / "r.xlsx"))
    _check_csv(report(sc.model_copy(update={"actuals": []}), path=tmp_path / "r.csv"))


def test_cli_exports_are_neutralised_too(tmp_path: Path) -> None:
    """``krakit report -o x.xlsx / x.csv`` writes through the same neutralising path."""
    from typer.testing import CliRunner

    from krakit.cli import _register_all, app

    _register_all()
    source = tmp_path / "card.yaml"
    krakit.save(_scorecard(['=HYPERLINK("http://x","y")'] * 9), source)
    runner = CliRunner()
    for name in ("r.xlsx", "r.csv"):
        result = runner.invoke(app, ["report", str(source), "-o", str(tmp_path / name)])
        assert result.exit_code == 0, result.output
    _check_book(tmp_path / "r.xlsx")
    with (tmp_path / "r.csv").open(encoding="utf-8-sig", newline="") as handle:
        cells = [cell for row in csv.reader(handle) for cell in row]
    assert '\'=HYPERLINK("http://x","y")' in cells
    assert not [c for c in cells if c.startswith(TRIGGERS) and not _is_number(c)]


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_hostile_text, min_size=9, max_size=9))
def test_the_room_export_never_holds_a_formula_from_user_text(texts: list[str]) -> None:
    """The facilitator's workbook: names, KPIs, quiz answers and fix attempts neutralised."""
    from krakit.room import Room
    from krakit.room.export import export_workbook

    with TemporaryDirectory() as folder:
        room = Room(path=Path(folder) / "room")
        printable = any(c.isprintable() and not c.isspace() for c in texts[0])
        me = room.join(texts[0] if printable else "x")
        me.publish("scorecard", _scorecard(texts))
        me.publish("quiz", {"answers": {texts[1]: texts[2]}})
        me.publish("fix", {"attempts": [{"statement": texts[3], "rewrite": texts[4]}]})
        path = Path(folder) / "room.xlsx"
        export_workbook(room.snapshot(), path)
        book = load_workbook(path)
        for ws in book.worksheets:
            for row in ws.iter_rows():
                for cell in row:
                    assert cell.data_type != "f", f"{ws.title}!{cell.coordinate}: {cell.value!r}"
                    if isinstance(cell.value, str):
                        assert not cell.value.startswith(TRIGGERS), (ws.title, cell.value)
        baselines = [r[6] for r in book["KPIs"].iter_rows(min_row=2, values_only=True)]
        assert -3.5 in baselines  # a number stays a number
