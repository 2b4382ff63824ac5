"""KPI sheets as managers keep them: every bad cell found in one read, the weight column read
the way its numbers add up, and one scorecard per role or per person."""

from __future__ import annotations

from pathlib import Path

import pytest

from krakit.errors import InputError
from krakit.rules.filecheck import check_file
from krakit.sheet_scorecards import sheet_scorecards
from krakit.sheets import read_sheet


def _write(tmp_path: Path, text: str, name: str = "kpis.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


MESSY = (
    "KRA,KPI,Target,Frequency,Direction\n"
    "Sales,Revenue growth 12% by March 2027,lots,monthly,higher\n"
    "Sales,Gross margin,12%,fortnightly-ish,higher\n"
    "Hiring,Time to hire,ten,monthly,sideways\n"
    "Hiring,Offer acceptance rate,85%,quarterly,higher\n"
)


def test_every_bad_cell_is_found_in_one_read(tmp_path: Path) -> None:
    path = _write(tmp_path, MESSY)
    with pytest.raises(InputError, match="row 2"):
        read_sheet(path)  # the strict reader still stops at the first
    sheet = read_sheet(path, collect=True)
    pairs = sheet_scorecards(sheet, collect=True)
    bad = sorted((p.row, p.field) for p in sheet.problems)
    assert bad == [(2, "target"), (3, "frequency"), (4, "polarity"), (4, "target")]
    ((card, _),) = pairs
    assert len(card.all_kpis()) == 4  # each row kept, without the cell it could not read
    findings = check_file(path)
    cells = [(f.row, f.message) for f in findings if f.code == "X003"]
    assert len(cells) == 4
    assert (4, "expected a number in column 'Target', got text 'ten'") in cells
    assert all(f.file == str(path) for f in findings)


def test_weightage_repeated_on_each_kpi_row_is_the_kras_weight(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "KRA,KPI,Weightage\n"
        "Sales,Revenue,60\nSales,Gross margin,60\nSales,New logos,60\n"
        "Hiring,Time to hire,40\nHiring,Offer acceptance,40\n",
    )
    sheet = read_sheet(path)
    ((card, _),) = sheet_scorecards(sheet)
    assert [(k.weight, [x.weight for x in k.kpis]) for k in card.kras] == [
        (60.0, [None, None, None]),
        (40.0, [None, None]),
    ]
    assert "read as the KRA's weight" in sheet.assumed[0]
    x004 = [f for f in check_file(path) if f.code == "X004"]
    assert len(x004) == 1 and "'Weightage'" in x004[0].message
    assert not [f for f in check_file(path) if f.code.startswith("W") and "100" in f.message]


def test_weights_adding_to_100_over_the_sheet_are_shares_of_the_role(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "KRA,KPI,Weight\nSales,Revenue,30\nSales,Gross margin,30\nHiring,Time to hire,40\n",
    )
    sheet = read_sheet(path)
    ((card, _),) = sheet_scorecards(sheet)
    assert [(k.weight, [x.weight for x in k.kpis]) for k in card.kras] == [
        (60.0, [50.0, 50.0]),
        (40.0, [100.0]),
    ]
    assert "share of the role" in sheet.assumed[0]


def test_thirds_typed_by_hand_are_read_by_the_tolerance_of_scoring_weights(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """33.3 three times is meant as 100 (scoring.weights.near_100); the checker still says
    the KRA weights add to 99.9, as adds_to_100 decides."""
    from krakit.rules import check
    from krakit.scoring import weights

    text = "KRA,KPI,Weight\nSales,Revenue,33.3\nService,NPS,33.3\nHiring,Time to hire,33.3\n"
    sheet = read_sheet(_write(tmp_path, text))
    ((card, _),) = sheet_scorecards(sheet)
    assert "share of the role" in sheet.assumed[0]
    assert [k.weight for k in card.kras] == [33.3, 33.3, 33.3]
    assert any(f.code == "W001" for f in check(card))
    monkeypatch.setattr(weights, "LAYOUT_TOLERANCE", 0.0)  # the one home: no local copy
    sheet = read_sheet(_write(tmp_path, text, "again.csv"))
    sheet_scorecards(sheet)
    assert "within its KRA" in sheet.assumed[0]


def test_kpi_weights_within_each_kra_stay_kpi_weights(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "KRA,KPI,Weight %\nSales,Revenue,70\nSales,Gross margin,30\nHiring,Time to hire,100\n",
    )
    sheet = read_sheet(path)
    ((card, _),) = sheet_scorecards(sheet)
    assert [(k.weight, [x.weight for x in k.kpis]) for k in card.kras] == [
        (None, [70.0, 30.0]),
        (None, [100.0]),
    ]
    assert "within its KRA" in sheet.assumed[0]


def test_a_kra_weight_column_leaves_the_weight_column_alone(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "KRA,KRA weight,KPI,Weightage\nSales,60,Revenue,60\nSales,60,Margin,40\n"
        "Hiring,40,Time to hire,100\n",
    )
    sheet = read_sheet(path)
    ((card, _),) = sheet_scorecards(sheet)
    assert [(k.weight, [x.weight for x in k.kpis]) for k in card.kras] == [
        (60.0, [60.0, 40.0]),
        (40.0, [100.0]),
    ]
    assert sheet.assumed == []


def test_a_team_sheet_makes_one_scorecard_per_person(tmp_path: Path) -> None:
    rows = "".join(
        f"Support lead,{who},Tickets,{kpi},{w}\n"
        for who in ("Asha", "Ravi")
        for kpi, w in (("First response time", 50), ("CSAT", 50))
    )
    path = _write(tmp_path, "Role,Employee,KRA,KPI,Weightage\n" + rows)
    sheet = read_sheet(path)
    pairs = sheet_scorecards(sheet)
    assert [(c.role.title, c.holder) for c, _ in pairs] == [
        ("Support lead", "Asha"),
        ("Support lead", "Ravi"),
    ]
    assert [r for _, r in pairs][1] == {"first-response-time": 4, "csat": 5}


def test_a_titled_sheet_with_merged_kras_and_a_row_left_out_is_read_as_shares(
    tmp_path: Path,
) -> None:
    """Bug 13: a title row, KRA cells merged down, 'Weightage' as '30%', 'Quaterly', and one
    row with no KPI (left out and named) whose weight still counts in how the column adds up."""
    from openpyxl import Workbook

    book = Workbook()
    ws = book.active
    ws.append(["Store Manager KPI sheet FY2026-27"])
    ws.merge_cells("A1:G1")
    ws.append(["Role ", "KRA", "KPI", "Target", "UoM", "Frequency", "Weightage"])
    for row in (
        ["Store Manager", "Sales", "Monthly sales Rs. 12 lakh", 1200000, "INR", "Monthly", "30%"],
        ["Store Manager", None, "Average bill value above ₹800", 800, "INR", "monthly", "20%"],
        ["Store Manager", "Customer", "NPS above 40", 40, "score", "Quaterly", "30%"],
        ["Store Manager", None, None, 90, "%", "Monthly", "10%"],
        ["Store Manager", "Inventory", "Shrinkage below 1%", "1%", "%", "Monthly", "10 %"],
    ):
        ws.append(row)
    ws.merge_cells("B3:B4")
    ws.merge_cells("B5:B6")
    path = tmp_path / "sheet.xlsx"
    book.save(path)

    sheet = read_sheet(path, collect=True)
    ((card, _),) = sheet_scorecards(sheet, collect=True)
    assert sheet.header_row == 2  # the title above it is not the header
    assert [(p.row, p.field) for p in sheet.problems] == [(6, "statement")]  # the row, named
    assert "share of the role" in sheet.assumed[0]
    assert [(k.title, k.weight) for k in card.kras] == [
        ("Sales", 50.0),
        ("Customer", 30.0),
        ("Inventory", 10.0),
    ]
    assert [k.frequency for k in card.kras[1].kpis] == ["quarterly"]  # a slip, read
    from krakit.rules.filecheck import check_file

    # the finding about the column's meaning names the header's row, not the title's
    assert [f.row for f in check_file(path) if f.code == "X004"] == [2]
