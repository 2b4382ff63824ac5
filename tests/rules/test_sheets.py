"""Reading KPI sheets: lenient headers, unknown headers, row numbers in every error."""

from __future__ import annotations

import csv
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rule_examples import TODAY

from krakit.errors import InputError
from krakit.rules.filecheck import check_file
from krakit.sheet_scorecards import sheet_scorecards
from krakit.sheets import read_sheet


def write_csv(path: Path, rows: list[list[object]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(rows)
    return path


def test_headers_map_leniently_and_unknown_ones_are_listed(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "kpis.csv",
        [
            [
                "Role",
                "Key Result Area",
                "KPI",
                "Target",
                "UoM",
                "KPI Owner:",
                "Weightage %",
                "Colour",
            ],
            ["Recruiter", "Recruitment", "Time to hire", "30", "days", "Asha", "50", "red"],
            ["Recruiter", "Recruitment", "Offer acceptance rate", "85%", "", "Asha", "50", ""],
        ],
    )
    sheet = read_sheet(path)
    assert sheet.unknown == ["Colour"]
    assert sheet.columns["KPI Owner:"] == "owner" and sheet.columns["Weightage %"] == "weight"
    assert [r.row for r in sheet.rows] == [2, 3]
    assert sheet.rows[1].fields["target"] == 85 and sheet.rows[1].fields["unit"] == "%"
    ((scorecard, rows),) = sheet_scorecards(sheet)
    assert scorecard.role.title == "Recruiter" and rows == {
        "time-to-hire": 2,
        "offer-acceptance-rate": 3,
    }


def test_text_in_a_number_cell_names_the_row(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "kpis.csv",
        [["KRA", "KPI", "Target"], ["Sales", "Revenue", "1000"], ["Sales", "Margin", "high"]],
    )
    with pytest.raises(InputError) as info:
        read_sheet(path)
    assert info.value.row == 3 and info.value.field == "target"
    assert "row 3" in str(info.value) and "'high'" in str(info.value)


def test_no_kpi_column_is_explained(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "x.csv", [["Name", "Colour"], ["a", "b"]])
    with pytest.raises(InputError, match="no KPI column"):
        read_sheet(path)


def test_bad_frequency_names_the_row(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "x.csv", [["KPI", "Frequency"], ["Revenue", "fortnightly-ish"]])
    with pytest.raises(InputError) as info:
        sheet_scorecards(read_sheet(path))
    assert info.value.row == 2 and "frequency" in str(info.value)


def test_xlsx_findings_carry_rows(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["KRA", "KPI", "Owner", "Data source"])
    sheet.append(["Recruitment", "Reduce time to hire from 45 to 30 days by Q3 2027", "A", "ATS"])
    sheet.append(["Recruitment", "Recruitment", "A", "ATS"])
    sheet.append(["Sales", "Improve customer relations", "B", "CRM"])
    book.save(tmp_path / "team.xlsx")
    found = check_file(tmp_path / "team.xlsx", today=TODAY)
    rows = {(f.code, f.row) for f in found}
    assert ("C001", 3) in rows and ("M002", 4) in rows
    assert not any(f.row == 2 for f in found)
    assert all(f.file and f.file.endswith("team.xlsx") for f in found)


def test_duplicate_kpis_in_a_sheet_get_distinct_ids(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "k.csv", [["KRA", "KPI"], ["A", "Time to hire"], ["B", "Time to hire"]]
    )
    found = check_file(path, today=TODAY, select="W012")
    assert [(f.code, f.row) for f in found] == [("W012", 3)]


cells = st.one_of(
    st.integers(-(10**6), 10**6).map(str),
    st.floats(0, 1e6, allow_nan=False).map(lambda x: f"{x:.2f}"),
    st.text(alphabet="abcdefgh XYZ,%₹$-", max_size=12),
)


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(targets=st.lists(cells, min_size=1, max_size=8))
def test_any_target_cell_reads_or_fails_with_its_row(tmp_path: Path, targets: list[str]) -> None:
    path = write_csv(
        tmp_path / "h.csv",
        [["KPI", "Target"]] + [[f"Metric {i}", t] for i, t in enumerate(targets)],
    )
    try:
        sheet = read_sheet(path)
    except InputError as exc:
        assert exc.row is not None and 2 <= exc.row <= len(targets) + 1
        assert exc.field == "target"
        return
    for row in sheet.rows:
        value = row.fields.get("target")
        assert value is None or isinstance(value, float)


def test_long_repeated_kpi_names_get_valid_ids(tmp_path: Path) -> None:
    long = "Increase monthly revenue from ₹40 lakh to ₹69 lakh by Q3 2027 in the north region"
    path = write_csv(tmp_path / "r.csv", [["KPI"]] + [[long]] * 30)
    ((scorecard, rows),) = sheet_scorecards(read_sheet(path))
    ids = [k.id for k in scorecard.all_kpis()]
    assert len(set(ids)) == 30 and all("--" not in i for i in ids)
    assert sorted(rows.values()) == list(range(2, 32))


def test_a_period_column_may_hold_a_deadline(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "p.csv",
        [
            ["KPI", "Target", "Period"],
            ["Offer acceptance rate", "85%", "Q4 2099"],
            ["Time to hire", "30 days", "Monthly"],
        ],
    )
    ((scorecard, _),) = sheet_scorecards(read_sheet(path))
    first, second = scorecard.all_kpis()
    assert first.deadline == "Q4 2099" and first.frequency is None
    assert second.frequency == "monthly"
