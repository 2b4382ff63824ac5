"""Target types and slabs in KPI sheets: read as people write them, written out and read back."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from krakit.errors import InputError
from krakit.model import KPI, KRA, Role, Scorecard, Slab, slugify
from krakit.sheet_export import HEADERS, write_kpi_sheet
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


# -- written out and read back --------------------------------------------------------------

_words = st.text(
    alphabet=st.sampled_from(list("abcXYZ ₹éअ,;:\"'|()%→-=+@0123456789")), min_size=1, max_size=30
).map(str.strip)
_safe = _words.filter(lambda s: bool(s) and not s.startswith(("=", "+", "-", "@")))
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


@st.composite
def _kpi(draw: st.DrawFn) -> KPI:
    kind = draw(st.sampled_from(["ratio", "progress", "threshold", "milestone", "slab"]))
    in_range = kind != "slab" and draw(st.booleans())
    low, high = sorted(draw(st.tuples(_number, _number)))
    return KPI.model_validate(
        {
            "statement": draw(_safe),
            "metric": draw(st.none() | _safe),
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
            "frequency": draw(st.sampled_from([None, "monthly", "quarterly", "annual"])),
            "deadline": draw(st.sampled_from([None, "Q2 2027", "FY2026-27", dt.date(2027, 3, 31)])),
            "owner": draw(st.none() | _safe),
            "data_source": draw(st.none() | _safe),
            "weight": draw(st.none() | _share),
            "indicator": draw(st.sampled_from([None, "leading", "lagging"])),
            "last_reviewed": draw(st.sampled_from([None, dt.date(2026, 11, 30)])),
            "ignore": draw(st.sampled_from([{}, {"T001": ""}, {"M001": "", "W003": ""}])),
        }
    )


@st.composite
def _card(draw: st.DrawFn) -> Scorecard:
    titles = draw(st.lists(_safe, min_size=1, max_size=3, unique_by=slugify))
    count = iter(range(100))

    def kpis(least: int) -> list[KPI]:  # ids unique on the card, as the model wants
        drawn = draw(st.lists(_kpi(), min_size=least, max_size=3))
        return [k.model_copy(update={"id": f"k{next(count)}"}) for k in drawn]

    kras = [KRA(title=title, weight=draw(st.none() | _share), kpis=kpis(1)) for title in titles]
    return Scorecard(
        role=Role(title=draw(_safe)),
        holder=draw(st.none() | _safe),
        kras=kras,
        unassigned_kpis=kpis(0),
    )


_COMPARED = (
    "statement metric unit polarity target_type target target_low target_high baseline slabs "
    "frequency deadline owner data_source weight indicator last_reviewed ignore"
).split()


def _shape(card: Scorecard) -> list[tuple[object, ...]]:
    return [
        (
            card.role.title,
            card.holder,
            kra.title if kra else None,
            kra.weight if kra else None,
            *tuple(getattr(k, name) for name in _COMPARED),
        )
        for kra in [*card.kras, None]
        for k in (kra.kpis if kra else card.unassigned_kpis)
    ]


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(card=_card(), suffix=st.sampled_from([".csv", ".xlsx"]))
def test_a_written_sheet_reads_back_the_same_kpis(
    tmp_path: Path, card: Scorecard, suffix: str
) -> None:
    path = write_kpi_sheet(card, tmp_path / f"out{suffix}")
    sheet = read_sheet(path)
    assert sheet.unknown == []
    assert set(sheet.columns.values()) == {name for name, _ in HEADERS}
    ((back, _),) = sheet_scorecards(sheet)
    assert _shape(back) == _shape(card)


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
        (back,) = _cards(written)  # and krakit reads back what was written
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
