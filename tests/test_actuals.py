"""Reading actuals from CSV / Excel: loose column names, sheet-style numbers, errors by row."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import krakit
from krakit.actuals import coerce_values, read_actuals
from krakit.errors import InputError


def write(tmp_path: Path, text: str, name: str = "actuals.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_reads_loose_columns_and_sheet_numbers(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "KPI ID,Month,Actual,Comment\n"
        'revenue,2026-01,"₹10,00,000",good month\n'
        "rate,2026-01,85%,\n"
        "launch,2026-02,done,\n"
        "cost,2026-02,(1200),refund\n"
        "calls,2026-03,,\n",
    )
    frame = read_actuals(path)
    assert list(frame.columns) == ["kpi", "period", "value", "note"]
    assert frame["value"].tolist()[:4] == [1_000_000.0, 85.0, 1.0, -1200.0]
    assert pd.isna(frame["value"].iloc[4])  # blank: missing, never zero
    assert list(frame.index) == [2, 3, 4, 5, 6]  # spreadsheet row numbers


def test_text_in_a_number_cell_names_file_row_and_column(tmp_path: Path) -> None:
    path = write(tmp_path, "kpi,period,value\nrevenue,2026-01,100\nrevenue,2026-02,ten lakh\n")
    with pytest.raises(InputError) as err:
        read_actuals(path)
    assert (err.value.row, err.value.field) == (3, "value")
    assert str(err.value).startswith(f"{path}, row 3, field 'value': expected a number")


def test_excel_rows_are_named_too(tmp_path: Path) -> None:
    path = tmp_path / "actuals.xlsx"
    pd.DataFrame(
        {
            "kpi": ["a", "a", "a"],
            "period": ["2026-01", "2026-02", "2026-03"],
            "value": [1, "n/a", "lots"],
        }
    ).to_excel(path, index=False)
    with pytest.raises(InputError) as err:
        read_actuals(path)
    assert err.value.row == 4


def test_bad_period_duplicate_and_missing_column(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="not a period") as err:
        read_actuals(write(tmp_path, "kpi,period,value\na,2026-01,1\na,January,2\n"))
    assert err.value.row == 3
    with pytest.raises(InputError, match="rows 2 and 3 both give a for 2026-01"):
        read_actuals(write(tmp_path, "kpi,period,value\na,2026-01,1\na,2026-01,2\n"))
    with pytest.raises(InputError, match="missing column"):
        read_actuals(write(tmp_path, "kpi,when,value\na,2026-01,1\n"))
    with pytest.raises(InputError, match="no such file"):
        read_actuals(tmp_path / "nope.csv")
    with pytest.raises(InputError, match=r"use \.csv or \.xlsx"):
        read_actuals(write(tmp_path, "x", "a.txt"))


def test_kpis_checked_against_the_scorecard(tmp_path: Path, sample_path: Path) -> None:
    sc = krakit.load(sample_path)
    path = write(tmp_path, "kpi,period,value\ntime-to-hire,2026-01,40\nhires,2026-01,3\n")
    with pytest.raises(InputError, match="'hires' is not in the scorecard") as err:
        read_actuals(path, scorecard=sc)
    assert err.value.row == 3


def test_team_frame(tmp_path: Path, sample_path: Path) -> None:
    sc = krakit.load(sample_path)
    path = write(
        tmp_path,
        "Employee,kpi,period,value\nann,time-to-hire,2026-Q1,40\nbob,time-to-hire,2026-Q1,35\n"
        "ann,time-to-hire,2026-Q2,38\n",
    )
    frame = read_actuals(path, scorecard={"ann": sc, "bob": sc})
    assert frame["person"].tolist() == ["ann", "bob", "ann"]
    result = krakit.score({"ann": sc, "bob": sc}, path)
    assert result.totals.set_index(["person", "kpi"]).loc[("bob", "time-to-hire"), "actual"] == 35
    with pytest.raises(InputError, match="'bob' has no scorecard"):
        read_actuals(path, scorecard={"ann": sc, "cy": sc})


def test_coerce_values_keeps_numbers() -> None:
    assert coerce_values(pd.Series([1, 2.5])).tolist() == [1.0, 2.5]
    assert coerce_values(pd.Series(["$1,200.50", "€3", "not done", "  7 "])).tolist() == [
        1200.5,
        3.0,
        0.0,
        7.0,
    ]
