"""The nasty-file corpus (tests/data/nasty, see its README): each file's exact outcome."""

from __future__ import annotations

import datetime as dt
import warnings
from pathlib import Path
from typing import Any

import pytest

import krakit
from krakit.actuals import read_actuals
from krakit.rules.filecheck import check_file
from krakit.sheet_scorecards import sheet_scorecards
from krakit.sheets import read_sheet

NASTY = Path(__file__).resolve().parents[1] / "data" / "nasty"
SAMPLE = Path(__file__).resolve().parents[2] / "templates" / "samples" / "recruiter.yaml"

# file -> per KPI row: (row, target, unit, extra fields that must match)
SHEETS: dict[str, list[tuple[int, float | None, str | None, dict[str, Any]]]] = {
    "excel_bom_crlf.csv": [
        (2, 4.0, "%", {"kra": "Collections", "frequency": "Monthly"}),
        (
            3,
            5.0,
            "days",
            {"statement": "Reconcile vendor ledgers\nwithin 5 working days of month end"},
        ),
        (4, 3.0, "days", {"owner": "Arjun Rao"}),
    ],
    "latin1_export.csv": [
        (2, 500.0, "GBP", {"kra": "Café operations", "owner": "Zoé Lefèvre"}),
        (3, 92.0, "%", {"statement": "Keep the hygiene audit score above 92%"}),
    ],
    "rupees.csv": [
        (2, 250_000.0, "INR", {"baseline": 180_000.0}),
        (3, 150_000.0, "INR", {"baseline": 90_000.0}),
        (4, 1_200_000.0, "INR", {"baseline": 1_000_000.0}),
        (5, 40_000.0, "INR", {"baseline": 65_000.0}),
    ],
    "odd_headers.csv": [
        (2, 45.0, None, {"kra": "Hiring", "owner": "Dev Malhotra", "weight": 60.0}),
        (3, 80.0, "%", {"weight": 40.0}),
    ],
    "semicolon.csv": [
        (2, 2.5, "%", {"statement": "Cut the defect rate, net of supplier returns, to 2,5%"}),
        (3, 97.25, "%", {"weight": 50.0}),
    ],
    "dates_as_text.csv": [
        (2, 1.0, None, {"deadline": "31/03/2027"}),
        (3, 40.0, None, {"deadline": "March 2027"}),
        (4, 0.0, None, {"deadline": "Q4 FY2026-27"}),
    ],
    "unicode_text.csv": [(2, 90.0, "%", {"kra": "Service"})],
    "merged_formula.xlsx": [
        (3, 40_000_000.0, "INR", {"weight": 60.0}),
        (4, 25.0, "dealers", {"weight": 40.0, "deadline": dt.datetime(2027, 3, 31)}),
    ],
}

SHEET_ERRORS = {
    "text_in_target.csv": "text_in_target.csv, row 3, field 'target': "
    "expected a number in column 'Target', got text 'ten'",
    "date_in_target.xlsx": "date_in_target.xlsx, row 2, field 'target': expected a number in "
    "column 'Target', got a date (2026-04-03); format the column as Number or Text",
}


@pytest.mark.parametrize("name", sorted(SHEETS))
def test_sheet_is_read(name: str) -> None:
    path = NASTY / name
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        sheet = read_sheet(path)
    expected = SHEETS[name]
    assert [r.row for r in sheet.rows] == [e[0] for e in expected]
    for row, (_, target, unit, extra) in zip(sheet.rows, expected, strict=True):
        assert row.fields.get("target") == target
        assert row.fields.get("unit") == unit
        for key, value in extra.items():
            assert row.fields[key] == value, (key, row.fields)
    notes = [str(w.message) for w in caught if issubclass(w.category, krakit.KrakitWarning)]
    if name == "latin1_export.csv":  # read, and said so
        assert notes == [
            f"{path}: not UTF-8 (byte 24 cannot be read as UTF-8), so it was read as "
            "Windows-1252; check accented letters and currency signs, and save it as "
            "'CSV UTF-8' next time"
        ]
    else:
        assert notes == []
    ((card, rows),) = sheet_scorecards(sheet)
    assert sorted(rows.values()) == [e[0] for e in expected]
    assert [k.target for k in card.all_kpis()] == [e[1] for e in expected]


def test_odd_headers_are_mapped_and_the_unknown_one_is_reported() -> None:
    sheet = read_sheet(NASTY / "odd_headers.csv")
    assert sheet.columns == {
        "key result area": "kra",
        "KPI Statement": "statement",
        "TARGET": "target",
        "Kpi_Owner": "owner",
        "weightage (%)": "weight",
    }
    assert sheet.unknown == ["Remarks"]
    found = check_file(NASTY / "odd_headers.csv", select=["X002"])
    assert [(f.code, f.row, f.where) for f in found] == [("X002", 1, "columns[Remarks]")]


@pytest.mark.parametrize("name", sorted(SHEET_ERRORS))
def test_sheet_error_names_file_row_and_column(name: str) -> None:
    with pytest.raises(krakit.InputError) as info:
        read_sheet(NASTY / name)
    assert str(info.value) == f"{NASTY / name}".removesuffix(name) + SHEET_ERRORS[name]
    assert info.value.row is not None and info.value.field == "target"


def test_a_value_the_model_refuses_names_row_and_column() -> None:
    path = NASTY / "weight_out_of_range.csv"
    with pytest.raises(krakit.InputError) as info:
        sheet_scorecards(read_sheet(path))
    assert str(info.value) == (
        f"{path}, row 3, field 'weight': Input should be greater than or equal to 0; "
        "fix the cell in column 'Weight'"
    )


def test_messy_actuals_are_read() -> None:
    card = krakit.load(SAMPLE)
    frame = read_actuals(NASTY / "actuals_messy.csv", scorecard=card)
    assert frame[["kpi", "period", "value"]].values.tolist() == [
        ["time-to-hire", "2026-04", 38.0],
        ["time-to-hire", "2026-05", 41.0],
        ["offer-acceptance-rate", "2026-04", 82.5],
        ["offer-acceptance-rate", "2026-05", 86.0],
        ["candidate-nps", "2026-Q1", -4.0],
    ]
    assert list(frame.index) == [2, 3, 4, 5, 6]
    assert frame.loc[3, "note"] == "two roles reopened"
    result = krakit.score(card, NASTY / "actuals_messy.csv")
    assert result.totals.set_index("kpi").loc["time-to-hire", "actual"] == pytest.approx(39.5)


def test_actuals_under_a_title_row_keep_spreadsheet_row_numbers() -> None:
    frame = read_actuals(NASTY / "actuals_title.xlsx")
    assert frame[["kpi", "period", "value"]].values.tolist() == [
        ["time-to-hire", "2026-04", 38.0],
        ["offer-acceptance-rate", "2026-05-01", 84.0],
    ]
    assert list(frame.index) == [3, 4]


@pytest.mark.parametrize(
    ("name", "message"),
    [
        (
            "actuals_title_blank.csv",
            "row 5, field 'value': expected a number, got 'thirty-five'; write digits such as "
            "1200, 85% or ₹10,00,000 (or done / not done for a milestone)",
        ),
        (
            "actuals_text_value.csv",
            "row 4, field 'value': expected a number, got 'trente-cinq (estimé)'; write digits "
            "such as 1200, 85% or ₹10,00,000 (or done / not done for a milestone)",
        ),
        (
            "actuals_unknown_column.csv",
            "field 'value': missing column(s) value; actuals need kpi, period and value "
            "(found: kpi, period, achieved)",
        ),
    ],
)
def test_actuals_error_names_file_row_and_column(name: str, message: str) -> None:
    card = krakit.load(SAMPLE)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", krakit.KrakitWarning)
        with pytest.raises(krakit.InputError) as info:
            read_actuals(NASTY / name, scorecard=card)
    assert str(info.value) == f"{NASTY / name}, {message}"


@pytest.mark.parametrize(
    ("name", "error", "message"),
    [
        (
            "tab_indent.yaml",
            krakit.InputError,
            "line 4, column 1: this is not valid YAML: found character '\\t' that cannot "
            "start any token (while scanning for the next token)",
        ),
        (
            "text_in_number.yaml",
            krakit.ScorecardError,
            "field 'kras[sales].kpis[revenue].target': expected a number, got 'twelve lakh'",
        ),
    ],
)
def test_broken_scorecard_names_file_and_place(
    name: str, error: type[krakit.KrakitError], message: str
) -> None:
    with pytest.raises(error) as info:
        krakit.load(NASTY / name)
    assert str(info.value) == f"{NASTY / name}, {message}"


def test_impossible_date_is_refused_with_its_line() -> None:
    # PyYAML raises a bare ValueError building the date; load says where instead
    with pytest.raises(krakit.InputError) as info:
        krakit.load(NASTY / "impossible_date.yaml")
    assert str(info.value) == (
        f"{NASTY / 'impossible_date.yaml'}, line 3, column 10: this is not valid YAML: "
        "cannot read '2026-02-30': day is out of range for month"
    )


def test_every_file_is_described_in_the_readme() -> None:
    readme = (NASTY / "README.md").read_text(encoding="utf-8")
    for path in NASTY.iterdir():
        if path.name not in ("README.md", ".gitattributes"):
            assert f"`{path.name}`" in readme, path.name
