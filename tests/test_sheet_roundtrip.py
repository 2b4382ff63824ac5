"""A scorecard written as a KPI sheet and read back: the same scorecard, ids and all.

An Excel workbook holds everything (the KPIs, and the card's own fields, goals and actuals
on worksheets of their own); a CSV holds the KPIs and KRAs, and says what it leaves out.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from krakit.errors import InputError
from krakit.model import KPI, KRA, Role, Scorecard, Slab, WeightMode
from krakit.sheet_export import HEADERS, csv_losses, write_kpi_sheet
from krakit.sheet_scorecards import sheet_scorecards
from krakit.sheets import read_sheet

_words = st.text(
    alphabet=st.sampled_from(list("abcXYZ ₹éअ,;:\"'|()%→-=+@0123456789")), min_size=1, max_size=30
).map(str.strip)
_safe = _words.filter(lambda s: bool(s) and not s.startswith(("=", "+", "-", "@")))
_title = _words.filter(bool)  # any text, formulas included: neutralised on the way
_text = st.none() | _title
_number = st.floats(-1e9, 1e9, allow_nan=False).map(lambda x: round(x, 4))
_share = st.floats(0, 100, allow_nan=False).map(lambda x: round(x, 2))
_slabs = st.lists(
    st.builds(
        Slab,
        at=st.floats(0, 10000, allow_nan=False).map(lambda x: round(x, 3)),
        points=st.floats(0, 1000, allow_nan=False).map(lambda x: round(x, 3)),
    ),
    min_size=1,
    max_size=6,
    unique_by=lambda s: s.at,
).map(lambda xs: sorted(xs, key=lambda s: s.at))
_ignore = st.sampled_from(
    [{}, {"T001": ""}, {"M001": "", "W003": ""}, {"T001": "agreed, with finance; in May"}]
)
_definitions = st.sampled_from(
    [
        None,
        {"ref": "revenue"},
        {"source": "sales", "agg": "sum", "expr": "amount", "time": "sold_on"},
        {"source": "offers", "agg": "count", "filter": "status = 'made'", "person": "owner"},
    ]
)
# custom ids as people write them, and ids a title would never give (bug 2: 'sales' for
# '@SUM(A1:A9)', 'rev' for 'Achieve Rs. 12 lakh monthly sales')
_KPI_IDS = ["rev", "shrink", "nps", "k1", "time-to-hire", "a-b-c", "monthly-sales"]
_KRA_IDS = ["sales", "ops", "hiring", "kra-2", "candidate-experience"]
_GOAL_IDS = ["grow-team", "employer-brand", "g1"]


@st.composite
def _kpi(draw: st.DrawFn, kpi_id: str) -> KPI:
    kind = draw(st.sampled_from(["ratio", "progress", "threshold", "milestone", "slab"]))
    in_range = kind != "slab" and draw(st.booleans())
    low, high = sorted(draw(st.tuples(_number, _number)))
    return KPI.model_validate(
        {
            "id": kpi_id,
            "statement": draw(st.just("") | _words),
            "metric": draw(_text),
            "unit": draw(st.sampled_from([None, "%", "INR", "days", "calls"])),
            "polarity": "in_range"
            if in_range
            else draw(st.sampled_from(["higher_is_better", "lower_is_better"])),
            "target_type": kind,
            "target": None if in_range else draw(st.none() | _number),
            "target_low": low if in_range else None,
            "target_high": high if in_range else None,
            "baseline": draw(st.none() | _number),
            "slabs": draw(_slabs) if kind == "slab" else draw(st.none() | _slabs),
            "thresholds": draw(st.sampled_from([None, {"green": 95, "amber": 70.5}])),
            "frequency": draw(st.sampled_from([None, "monthly", "quarterly", "annual"])),
            "deadline": draw(st.sampled_from([None, "Q2 2027", "FY2026-27", dt.date(2027, 3, 31)])),
            "data_source": draw(_text),
            "definition": draw(_definitions),
            "owner": draw(_text),
            "type": draw(st.sampled_from(["quantitative", "qualitative"])),
            "indicator": draw(st.sampled_from([None, "leading", "lagging"])),
            "weight": draw(st.none() | _share),
            "aggregation": draw(st.sampled_from([None, "sum", "mean", "last"])),
            "last_reviewed": draw(st.sampled_from([None, dt.date(2026, 11, 30)])),
            "ignore": draw(_ignore),
            "note": draw(_text),
        }
    )


@st.composite
def _card(draw: st.DrawFn) -> Scorecard:
    kpi_ids = iter(draw(st.permutations(_KPI_IDS)) + [f"k-{n}" for n in range(20)])

    def kpis(least: int) -> list[KPI]:
        return [draw(_kpi(next(kpi_ids))) for _ in range(draw(st.integers(least, 3)))]

    goal_ids = draw(st.lists(st.sampled_from(_GOAL_IDS), unique=True, max_size=3))
    kra_ids = draw(st.lists(st.sampled_from(_KRA_IDS), unique=True, max_size=3))
    kras = [
        KRA(
            id=kra_id,
            title=draw(_title),  # two KRAs may share a title: their ids tell them apart
            description=draw(_text),
            kind=draw(st.sampled_from(["functional", "organizational", "individual"])),
            weight=draw(st.none() | _share),
            goals=draw(st.lists(st.sampled_from([*_GOAL_IDS, "shared-goal"]), unique=True)),
            kpis=kpis(0),  # a KRA with no KPI yet is kept too
            ignore=draw(_ignore),
        )
        for kra_id in kra_ids
    ]
    loose = kpis(0)
    ids = [k.id for k in [*[k for kra in kras for k in kra.kpis], *loose]]
    actuals = []
    if ids:
        for kpi_id, period in draw(
            st.lists(
                st.tuples(st.sampled_from(ids), st.sampled_from(["2026-04", "2026-Q1", "2026"])),
                unique=True,
                max_size=4,
            )
        ):
            value = draw(st.none() | _number)
            actuals.append({"kpi": kpi_id, "period": period, "value": value, "note": draw(_text)})
    return Scorecard.model_validate(
        {
            "role": {
                "title": draw(_title),
                "function": draw(_text),
                "region": draw(_text),
                "note": draw(_text),
            },
            "holder": draw(_text),
            "period": draw(st.sampled_from([None, "FY2026-27", "2026"])),
            "weights": draw(st.sampled_from(["percent", "relative"])),
            "scoring": draw(
                st.sampled_from([None, {"cap": 150}, {"fiscal_year_start": 4, "kpi_share": 70}])
            ),
            "goals": [
                {"id": g, "title": draw(_title), "description": draw(_text)} for g in goal_ids
            ],
            "kras": [k.model_dump() for k in kras],
            "unassigned_kpis": [k.model_dump() for k in loose],
            "actuals": actuals,
            "ignore": draw(_ignore),
        }
    )


def _read_back(path: Path) -> tuple[Scorecard, Any]:
    sheet = read_sheet(path)
    ((back, _),) = sheet_scorecards(sheet)
    return Scorecard.model_validate(back.model_dump()), sheet


def _without_card_fields(card: Scorecard) -> Scorecard:
    """What a CSV keeps: the KPI rows and their KRAs, not the card's own fields."""
    return card.model_copy(
        update={
            "role": Role(title=card.role.title),
            "period": None,
            "weights": WeightMode.PERCENT,
            "scoring": None,
            "goals": [],
            "actuals": [],
            "ignore": {},
        }
    )


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(card=_card())
def test_an_excel_export_imports_as_the_same_scorecard(tmp_path: Path, card: Scorecard) -> None:
    path = write_kpi_sheet(card, tmp_path / "out.xlsx")
    back, sheet = _read_back(path)
    assert sheet.unknown == [] and sheet.problems == []
    assert set(sheet.columns.values()) == {name for name, _ in HEADERS}
    assert back.model_dump() == card.model_dump()


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(card=_card())
def test_a_csv_export_keeps_the_kpis_and_says_what_it_leaves_out(
    tmp_path: Path, card: Scorecard
) -> None:
    path = write_kpi_sheet(card, tmp_path / "out.csv")
    if not card.kras and not card.unassigned_kpis:  # not a row to write
        assert "(it has no KRA or KPI to make a row)" in csv_losses(card)[0]
        return
    back, sheet = _read_back(path)
    assert sheet.unknown == [] and sheet.problems == []
    assert back.model_dump() == _without_card_fields(card).model_dump()
    kept = _without_card_fields(card)
    lost = csv_losses(card)
    assert bool(lost) == (kept.model_dump() != card.model_dump())
    assert ("the goals" in lost) == bool(card.goals)
    assert ("the actuals" in lost) == bool(card.actuals)
    assert ("the period" in lost) == bool(card.period)


def test_a_copied_row_keeps_the_first_id_and_the_copy_gets_its_own(tmp_path: Path) -> None:
    path = tmp_path / "kpis.csv"
    path.write_text(
        "KRA id,KRA,KPI id,KPI,Target\n"
        "sales,Sales,rev,Monthly revenue,100\n"
        "sales,Sales,rev,Quarterly revenue,300\n"  # copied in a spreadsheet, then edited
        "sales,Sales,,Revenue,50\n",
        encoding="utf-8",
    )
    sheet = read_sheet(path)
    ((card, rows),) = sheet_scorecards(sheet)
    assert [k.id for k in card.kras[0].kpis] == ["rev", "rev-2", "revenue"]
    assert rows == {"rev": 2, "rev-2": 3, "revenue": 4}
    assert any("row 3: KPI id 'rev' is already an earlier row's" in a for a in sheet.assumed)


def test_a_kra_row_with_no_kpi_is_a_kra(tmp_path: Path) -> None:
    path = tmp_path / "kpis.csv"
    path.write_text("KRA,KRA weight,KPI\nSales,60,Revenue\nPeople,40,\n", encoding="utf-8")
    sheet = read_sheet(path, collect=True)
    ((card, _),) = sheet_scorecards(sheet, collect=True)
    assert sheet.problems == []
    assert [(k.title, k.weight, len(k.kpis)) for k in card.kras] == [
        ("Sales", 60.0, 1),
        ("People", 40.0, 0),
    ]


def test_a_bad_cell_in_the_goals_worksheet_names_it(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    card = Scorecard.model_validate(
        {"role": {"title": "Sales"}, "kras": [{"title": "Revenue", "kpis": [{"statement": "x"}]}]}
    )
    path = write_kpi_sheet(card, tmp_path / "k.xlsx")
    book = load_workbook(path)
    book["Goals"].append(["Sales", None, "Not an id!", "Grow"])
    book["Scorecard"]["I2"] = '{"T001": '
    book.save(path)
    with pytest.raises(InputError, match=r"k\.xlsx, row 2.*worksheet 'Scorecard'.*not JSON"):
        sheet_scorecards(read_sheet(path))  # the strict reader stops at the first
    sheet = read_sheet(path, collect=True)
    ((back, _),) = sheet_scorecards(sheet, collect=True)
    said = sorted(str(p) for p in sheet.problems)
    assert len(said) == 2
    assert "k.xlsx, row 2, field 'id': worksheet 'Goals': " in said[0]
    assert "fix the cell in column 'Goal id'" in said[0]
    assert "worksheet 'Scorecard'" in said[1] and "not JSON" in said[1]
    assert [(g.id, g.title) for g in back.goals] == [("grow", "Grow")]  # an id from its title


def test_written_text_cells_are_formula_neutralised(tmp_path: Path) -> None:
    card = Scorecard(
        role=Role(title='=HYPERLINK("x")'),
        kras=[KRA(title="@Sales", kpis=[KPI(statement="+cmd|' /C calc'!A0", owner="-1+1")])],
    )
    for suffix in (".csv", ".xlsx"):
        written = write_kpi_sheet(card, tmp_path / f"n{suffix}")
        raw = written.read_bytes() if suffix == ".csv" else _xlsx_text(written)
        for cell in ('\'=HYPERLINK(""x"")' if suffix == ".csv" else '\'=HYPERLINK("x")', "'@Sales"):
            assert cell.encode() in raw  # in the file, each starts with a quote
        back, _ = _read_back(written)  # and krakit reads back what was written
        kpi = back.all_kpis()[0]
        assert back.role.title == '=HYPERLINK("x")'
        assert (back.kras[0].title, kpi.statement, kpi.owner) == (
            "@Sales",
            "+cmd|' /C calc'!A0",
            "-1+1",
        )


def _xlsx_text(path: Path) -> bytes:
    from openpyxl import load_workbook

    cells = load_workbook(path).active.iter_rows(values_only=True)
    return "\n".join(str(c) for row in cells for c in row if c is not None).encode()


def test_another_suffix_is_refused_by_name(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"kpis\.ods.*use \.csv or \.xlsx"):
        write_kpi_sheet(Scorecard(role=Role(title="Sales")), tmp_path / "kpis.ods")
