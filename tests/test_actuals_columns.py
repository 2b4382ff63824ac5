"""Reading actuals column by column (issue 14): plain numbers take the fast path, each distinct
text is stripped once, people sharing a scorecard are checked together, and every error still
names the sheet's row as the spreadsheet numbers it."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import krakit
from krakit.actuals import coerce_values, read_actuals
from krakit.actuals.values import _read_cells
from krakit.errors import InputError


def card(*kpis: str) -> krakit.Scorecard:
    return krakit.Scorecard.model_validate(
        {
            "role": {"title": "Agent"},
            "kras": [{"title": "Work", "kpis": [{"id": k, "target": 10} for k in kpis]}],
        }
    )


PLAIN = st.one_of(
    st.integers(-(10**12), 10**12).map(str),
    st.floats(-1e12, 1e12, allow_nan=False).map(repr),
    st.floats(-1e6, 1e6, allow_nan=False).map(lambda x: f"{x:.3e}"),
).flatmap(lambda s: st.sampled_from([s, f" {s}", f"{s} ", f"\t{s}", f"+{s}".replace("+-", "-")]))


@settings(max_examples=300, deadline=None)
@given(st.lists(PLAIN, min_size=1, max_size=8))
def test_cells_read_fast_are_read_as_the_full_reading_would(cells: list[str]) -> None:
    fast = coerce_values(pd.Series(cells, dtype=object)).to_numpy()
    text = pd.Series(cells, dtype="string")
    full, blank, bad = _read_cells(pd.Series(cells, dtype=object), text)
    assert not bad.any() and not blank.any()
    np.testing.assert_array_equal(fast, full)


def test_a_column_of_plain_and_written_numbers() -> None:
    cells = ["1200", " 85 ", "1,200", "₹10,00,000", "85%", "(1,200)", "12,5", "done", "", "-",
             "1.5 lakh", "not done", "3e2", None]  # fmt: skip
    got = coerce_values(pd.Series(cells, dtype=object)).tolist()
    want = [1200, 85, 1200, 1e6, 85, -1200, 12.5, 1, np.nan, np.nan, 150000, 0, 300, np.nan]
    np.testing.assert_array_equal(np.array(got, dtype=float), np.array(want, dtype=float))


@pytest.mark.parametrize("dtype", [object, "str", "string"])
def test_text_among_numbers_names_its_row(dtype: object) -> None:
    cells = pd.Series(["1"] * 500 + ["ten lakh"] + ["2"] * 500 + ["lots"], dtype=dtype)
    cells.index = pd.RangeIndex(2, len(cells) + 2)
    with pytest.raises(InputError, match=r"'ten lakh' \(1 more cells like it\)") as err:
        coerce_values(cells, path="sheet.csv", rows=cells.index)
    assert (err.value.row, err.value.field) == (502, "value")


def write(tmp_path: Path, lines: list[str]) -> Path:
    path = tmp_path / "actuals.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_blank_rows_go_and_rows_keep_their_numbers(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        ["person,kpi,period,value", " ann , calls ,2026-01, 5", ",,,", "  ,\t, ,",
         "ann,calls,2026-02,7", "bob,calls, 2026-01 ,1,200"],
    )  # fmt: skip
    with pytest.raises(InputError):  # "1,200" spills into a fifth column: not ours to guess
        read_actuals(path)
    path = write(
        tmp_path,
        ["person,kpi,period,value", " ann , calls ,2026-01, 5", ",,,", "  ,\t, ,",
         "ann,calls,2026-02,7", 'bob,calls, 2026-01 ,"1,200"'],
    )  # fmt: skip
    out = read_actuals(path)
    assert out.index.tolist() == [2, 5, 6]
    assert out["person"].tolist() == ["ann", "ann", "bob"]
    assert out["period"].tolist() == ["2026-01", "2026-02", "2026-01"]
    assert out["value"].tolist() == [5, 7, 1200]


def test_an_empty_cell_names_its_row(tmp_path: Path) -> None:
    lines = ["person,kpi,period,value"] + [f"p{i},calls,2026-01,1" for i in range(300)]
    lines[151] = "p150,  ,2026-01,1"
    with pytest.raises(InputError, match="the kpi is empty") as err:
        read_actuals(write(tmp_path, lines))
    assert err.value.row == 152


def test_shared_scorecards_are_checked_in_sheet_order(tmp_path: Path) -> None:
    sales, support = card("calls", "deals"), card("calls", "tickets")
    team = {"ann": sales, "bob": support, "cy": sales, "dan": support}
    rows = ["person,kpi,period,value"]
    for month in ("01", "02", "03"):
        rows += [f"{p},calls,2026-{month},1" for p in team]
    rows += ["dan,deals,2026-01,1", "cy,tickets,2026-01,1", "dan,nps,2026-01,1"]
    path = write(tmp_path, rows)
    with pytest.raises(InputError, match="KPI 'tickets' is not in cy's scorecard") as err:
        read_actuals(path, scorecard=team)
    assert (err.value.row, err.value.field) == (15, "kpi")
    fixed = write(tmp_path, [*rows[:-3], "dan,tickets,2026-01,4", "cy,deals,2026-01,2"])
    out = read_actuals(fixed, scorecard=team)
    assert len(out) == 14
    assert krakit.score(team, fixed).overall["person"].astype(str).tolist() == list(team)


def test_excel_dates_in_the_period_column(tmp_path: Path) -> None:
    frame = pd.DataFrame(
        {
            "kpi": ["calls", "calls"],
            "period": [pd.Timestamp("2026-01-01"), "2026-02"],
            "value": [1, 2],
        }
    )
    path = tmp_path / "actuals.xlsx"
    frame.to_excel(path, index=False)
    assert read_actuals(path)["period"].tolist() == ["2026-01-01", "2026-02"]
