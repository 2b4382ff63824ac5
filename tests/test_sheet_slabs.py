"""Target types and slabs in KPI sheets, read as people write them (written out and read back:
test_sheet_roundtrip.py)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from krakit.errors import InputError
from krakit.model import Scorecard, Slab
from krakit.sheet_scorecards import sheet_scorecards
from krakit.sheets import read_sheet


def _cards(path: Path, collect: bool = False) -> list[Scorecard]:
    sheet = read_sheet(path, collect=collect)
    return [card for card, _ in sheet_scorecards(sheet, collect=collect)]


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "team kpis.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_target_type_and_slabs_columns_in_any_spelling(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "Slab table,KPI,Scored as,Target\n"
        '"110+ : 120 ; 80-90: 50; 90 → 80; 100% → 100",Monthly sales,Slabs (stepped points),100\n'
        ",Uptime,Threshold to hold,99.5\n"
        ",ERP go-live,MILESTONE,\n"
        ",NPS,progress from baseline,50\n",
    )
    (card,) = _cards(path)
    kpis = {k.statement: k for k in card.all_kpis()}
    assert kpis["Monthly sales"].target_type == "slab"
    assert [(s.at, s.points) for s in kpis["Monthly sales"].slabs or []] == [
        (80, 50),
        (90, 80),
        (100, 100),
        (110, 120),
    ]
    assert [kpis[n].target_type for n in ("Uptime", "ERP go-live", "NPS")] == [
        "threshold",
        "milestone",
        "progress",
    ]


def test_slabs_without_a_target_type_column_are_slab_kpis_and_said(tmp_path: Path) -> None:
    path = _write(tmp_path, "KPI,Target,Slabs\nSales,100,80:50; 100:100\nCalls,40,\n")
    sheet = read_sheet(path)
    ((card, _),) = sheet_scorecards(sheet)
    assert [k.target_type for k in card.all_kpis()] == ["slab", "ratio"]
    assert any("read as scored by slabs" in note for note in sheet.assumed)


@pytest.mark.parametrize(
    ("cells", "column", "says"),
    [
        ('slab,"80:50; ninety:80"', "Slabs", "cannot read the slab 'ninety:80'"),
        ('slab,"80:50; 80:70"', "Slabs", "two slabs start at 80%"),
        ("slab,", "Target type", "scored by slabs (column 'Target type') but lists none"),
        ("stepwise,", "Target type", "unknown target type 'stepwise'"),
    ],
)
def test_a_bad_cell_names_the_file_row_and_column(
    tmp_path: Path, cells: str, column: str, says: str
) -> None:
    path = _write(tmp_path, f"KPI,Target,Target type,Slabs\nFine,10,ratio,\nSales,100,{cells}\n")
    with pytest.raises(InputError) as info:
        _cards(path)
    text = str(info.value)
    assert "team kpis.csv" in text and "row 3" in text
    assert says in text and column in text


def test_an_unreadable_slab_table_is_one_problem_not_two(tmp_path: Path) -> None:
    path = _write(tmp_path, 'KPI,Target,Target type,Slabs\nSales,100,slab,"80:50; x"\n')
    sheet = read_sheet(path, collect=True)
    ((card, _),) = sheet_scorecards(sheet, collect=True)
    assert [(p.row, p.field) for p in sheet.problems] == [(2, "slabs")]
    assert card.all_kpis()[0].target_type == "ratio"


def test_collecting_keeps_the_kpi_without_its_bad_scoring_cell(tmp_path: Path) -> None:
    path = _write(tmp_path, "KPI,Target,Target type,Slabs\nSales,100,slab,\nCalls,5,ratio,8:x\n")
    sheet = read_sheet(path, collect=True)
    ((card, _),) = sheet_scorecards(sheet, collect=True)
    assert sorted((p.row, p.field) for p in sheet.problems) == [
        (2, "target_type"),
        (3, "slabs"),
    ]
    assert [(k.statement, k.target_type) for k in card.all_kpis()] == [
        ("Sales", "ratio"),
        ("Calls", "ratio"),
    ]


def test_excel_turning_a_lone_slab_into_a_time_is_read_as_typed(tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["KPI", "Target", "Slabs"])
    book.active.append(["Sales", 100, dt.timedelta(hours=80, minutes=50)])
    book.active.append(["Calls", 10, dt.time(9, 30)])
    path = tmp_path / "kpis.xlsx"
    book.save(path)
    (card,) = _cards(path)
    assert [k.slabs for k in card.all_kpis()] == [
        [Slab(at=80, points=50)],
        [Slab(at=9, points=30)],
    ]
