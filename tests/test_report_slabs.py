"""Reports of slab KPIs: every KPI's target type, each slab table, and the slab the actual fell
in (the one the score used), escaped in HTML and neutralised in Excel and CSV."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

import krakit
from krakit.model import KPI, Scorecard
from krakit.report import report, tables
from krakit.report_slabs import percent_of_target, slab_standing

EVIL = '=HYPERLINK("x")<script>alert(1)</script>'
SLABS = [{"at": at, "points": p} for at, p in ((80, 50), (90, 80), (100, 100), (110, 120))]


def _card(sales: float | None = 92_000, calls: float | None = 40) -> Scorecard:
    actuals = [
        {"kpi": kpi, "period": "2026-10", "value": value}
        for kpi, value in (("sales", sales), ("calls", calls))
        if value is not None
    ]
    return Scorecard.model_validate(
        {
            "role": {"title": "Area sales manager"},
            "kras": [
                {
                    "title": "Revenue",
                    "kpis": [
                        {
                            "id": "sales",
                            "statement": "Dealer sales each month",
                            "metric": EVIL,
                            "unit": "INR",
                            "target": 100_000,
                            "target_type": "slab",
                            "frequency": "monthly",
                            "slabs": SLABS,
                        },
                        {
                            "id": "calls",
                            "statement": "Dealer calls",
                            "metric": "calls",
                            "target": 50,
                        },
                    ],
                }
            ],
            "actuals": actuals,
        }
    )


def test_html_shows_each_type_the_slab_table_and_the_slab_hit(tmp_path: Path) -> None:
    page = report(_card(), path=tmp_path / "r.html", charts=False).read_text(encoding="utf-8")
    assert "scored as Slabs (stepped points)" in page and "scored as Ratio" in page
    reached = re.findall(r'<tr class="reached"><td>(.*?)</td><td class="num">(.*?)</td>', page)
    assert reached == [("90–100% ◀", "80")]
    assert page.count('<table class="slabs">') == 1
    assert "below 80%: 0 points; 92.0% of target: slab 90–100% → 80 points" in page
    assert "<script>alert(1)" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page  # the KPI name, as text


def test_the_agreement_lists_slabs_with_nothing_reached(tmp_path: Path) -> None:
    page = report(_card(None, None), path=tmp_path / "d.html", charts=False).read_text("utf-8")
    assert "KPI agreement" in page
    assert "110% and up" in page and 'class="reached"' not in page
    assert "below 80%: 0 points</span>" in page


def test_below_the_first_slab_scores_nothing_and_says_so(tmp_path: Path) -> None:
    page = report(_card(61_500), path=tmp_path / "r.html", charts=False).read_text("utf-8")
    assert "61.5% of target: below the first slab (80%) → 0 points" in page
    assert 'class="reached"' not in page


def test_excel_has_the_slab_columns_and_sheet_neutralised(tmp_path: Path) -> None:
    book = load_workbook(report(_card(), path=tmp_path / "r.xlsx"))
    rows = list(book["Slabs"].iter_rows(min_row=4, values_only=True))
    assert [(r[2], r[5], r[6]) for r in rows] == [
        ("80–90%", 50, None),
        ("90–100%", 80, "✓"),
        ("100–110%", 100, None),
        ("110% and up", 120, None),
    ]
    assert {r[1] for r in rows} == {"'" + EVIL}
    agreement = {r[2]: r for r in book["Agreement"].iter_rows(min_row=4, values_only=True)}
    header = [c.value for c in book["Agreement"][3]]
    assert agreement["'" + EVIL][header.index("Slabs (% of target: points)")] == (
        "80:50; 90:80; 100:100; 110:120"
    )
    scores = [c.value for c in book["KPI scores"][3]]
    first = next(book["KPI scores"].iter_rows(min_row=4, max_row=4, values_only=True))
    assert first[scores.index("Slab reached")] == "92.0% of target: slab 90–100% → 80 points"


def test_no_slab_kpi_no_slab_sheet(tmp_path: Path, sample_path: Path) -> None:
    book = load_workbook(report(krakit.load(sample_path), path=tmp_path / "r.xlsx"))
    assert "Slabs" not in book.sheetnames


def test_csv_says_the_slab_reached(tmp_path: Path) -> None:
    out = report(_card(), path=tmp_path / "r.csv")
    rows = list(csv.DictReader(out.read_text(encoding="utf-8-sig").splitlines()))
    assert rows[0]["slab"] == "92.0% of target: slab 90–100% → 80 points"
    assert rows[0]["metric"].startswith("'=")
    assert rows[1]["slab"] == ""


def test_lower_is_better_slabs_read_target_over_actual() -> None:
    card = _card()
    kpi = KPI.model_validate({**card.kpi("sales").model_dump(), "polarity": "lower_is_better"})
    assert percent_of_target(kpi, 125_000, 100_000) == 80.0
    assert slab_standing(kpi, 80.0).endswith("slab 80–90% → 50 points")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.floats(0, 200_000, allow_nan=False))
def test_the_slab_reported_is_the_one_scored(sales: float) -> None:
    """The points of the slab the report marks are the KPI's achievement from krakit.score."""
    card = _card(sales)
    result = krakit.score(card)
    tabs = tables(card, result)
    hit = tabs["slabs"][tabs["slabs"]["reached"] == "✓"]
    scored = float(result.totals.set_index("kpi").loc["sales", "achievement"])
    assert (float(hit["points"].iloc[0]) if len(hit) else 0.0) == pytest.approx(scored)
    said = str(krakit.explain(card))
    standing = tabs["totals"].set_index("kpi").loc["sales", "slab"]
    if len(hit):
        assert f"falls in slab {hit['range'].iloc[0]} → {hit['points'].iloc[0]:g} points" in said
        assert standing.endswith(f"slab {hit['range'].iloc[0]} → {hit['points'].iloc[0]:g} points")
    else:
        assert "below the first slab" in said and "below the first slab" in standing


def test_slabs_on_a_kpi_not_scored_by_slabs_are_not_shown(tmp_path: Path) -> None:
    """A sheet may give a ratio KPI slabs; the report shows how it is scored, not the slabs."""
    card = _card()
    card.kras[0].kpis[0] = KPI.model_validate(
        {**card.kpi("sales").model_dump(), "target_type": "ratio"}
    )
    page = report(card, path=tmp_path / "r.html", charts=False).read_text("utf-8")
    assert 'class="slabs"' not in page and page.count("scored as Ratio") == 2
    assert "Slabs" not in load_workbook(report(card, path=tmp_path / "r.xlsx")).sheetnames
