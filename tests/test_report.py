"""Reports: HTML escapes every user string, spreadsheets neutralise formulas, drafts report."""

from __future__ import annotations

import csv
import html
import re
import shutil
from pathlib import Path

import pytest
from openpyxl import load_workbook

import krakit
from krakit.errors import ConfigError, InputError
from krakit.report import TEMPLATE_DIR, report
from krakit.score import explain

EVIL_SCRIPT = "<script>alert('x')</script>"
EVIL_IMG = '<img src=x onerror="alert(1)">'
FORMULA = "=cmd|' /C calc'!A0"


@pytest.fixture
def evil(sample_path: Path) -> krakit.Scorecard:
    return _evil(krakit.load(sample_path))


def _evil(sc: krakit.Scorecard) -> krakit.Scorecard:
    """The sample with hostile text in every user-written field the report shows."""
    sc.holder = EVIL_IMG
    sc.role.note = EVIL_SCRIPT
    sc.kras[0].title = FORMULA
    sc.kras[0].kpis[0].metric = EVIL_SCRIPT
    sc.kras[0].kpis[1].data_source = "@SUM(A1:A9)"
    sc.kras[1].kpis[0].statement = "+1+1"
    sc.kras[1].kpis[0].owner = "-2+3"
    sc.actuals[2].note = '=HYPERLINK("http://x")'
    return sc


@pytest.fixture(scope="module")
def evil_html(sample_path_module: Path, tmp_path_factory: pytest.TempPathFactory) -> str:
    """The HTML report of the hostile scorecard, rendered once for the module."""
    out = tmp_path_factory.mktemp("html") / "r.html"
    return report(_evil(krakit.load(sample_path_module)), path=out).read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def sample_path_module() -> Path:
    return Path(__file__).resolve().parents[1] / "templates" / "samples" / "recruiter.yaml"


def test_html_escapes_user_strings(evil_html: str) -> None:
    html = evil_html
    assert "<script" not in html.lower()
    assert "<img src=x" not in html
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=&#34;alert(1)&#34;&gt;" in html


def test_html_is_self_contained_and_printable(evil_html: str) -> None:
    html = evil_html
    assert not re.search(r'(src|href)\s*=\s*"(https?:)?//', html)  # nothing to fetch
    assert "@page { size: A4" in html
    assert html.count('src="data:image/svg+xml;base64,') == 2  # bullet + contribution
    assert "Unsatisfactory" in html and "34.3%" in html
    assert "How the score was worked out" in html
    assert "Manager — signature and date" in html


def test_draft_reports_an_agreement(sample_path: Path, tmp_path: Path) -> None:
    sc = krakit.load(sample_path)
    sc.actuals = []
    html = report(sc, path=tmp_path / "a.html").read_text(encoding="utf-8")
    assert "KPI agreement" in html and "No actuals have been entered yet" in html
    assert "30 days" in html and "60%" in html  # targets and weights
    assert "Employee: Priya Sharma — signature and date" in html
    assert "Achievement" not in html
    with report(sc, path=tmp_path / "a.csv").open(encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    assert [r["kpi_id"] for r in rows] == ["time-to-hire", "offer-acceptance-rate", "candidate-nps"]
    book = load_workbook(report(sc, path=tmp_path / "a.xlsx"))
    assert "Agreement" in book.sheetnames and "By period" not in book.sheetnames


def _strings(book) -> list[str]:
    return [
        cell.value
        for ws in book.worksheets
        for row in ws.iter_rows()
        for cell in row
        if isinstance(cell.value, str)
    ]


def test_excel_neutralises_formulas(evil: krakit.Scorecard, tmp_path: Path) -> None:
    book = load_workbook(report(evil, path=tmp_path / "r.xlsx"))
    assert {"Summary", "Agreement", "KRA scores", "KPI scores", "By period", "Actuals"} <= set(
        book.sheetnames
    )
    texts = _strings(book)
    assert not [t for t in texts if t.startswith(("=", "+", "-", "@"))]
    assert "'" + FORMULA in texts
    assert "'@SUM(A1:A9)" in texts and "'+1+1" in texts and "'-2+3" in texts
    assert '\'=HYPERLINK("http://x")' in texts
    # numbers stay numbers (a negative number is data, not a formula)
    scores = book["KPI scores"]
    header = [c.value for c in scores[3]]
    achievement = [
        r[header.index("Achievement %")] for r in scores.iter_rows(min_row=4, values_only=True)
    ]
    assert achievement[0] == pytest.approx(30 / 41 * 100)


def test_csv_neutralises_formulas(evil: krakit.Scorecard, tmp_path: Path) -> None:
    rows = list(csv.reader(report(evil, path=tmp_path / "r.csv").open(encoding="utf-8-sig")))
    assert rows[0][:3] == ["kra", "kpi", "metric"]
    cells = [c for row in rows[1:] for c in row]
    assert "'" + FORMULA in cells
    assert not [c for c in cells if c.startswith(("=", "+", "@"))]


def test_actuals_from_a_file_go_into_the_report(sample_path: Path, tmp_path: Path) -> None:
    actuals = tmp_path / "actuals.csv"
    actuals.write_text("kpi,period,value\ntime-to-hire,2026-Q2,30\n")
    book = load_workbook(report(krakit.load(sample_path), actuals, tmp_path / "r.xlsx"))
    assert [r[:3] for r in book["Actuals"].iter_rows(min_row=4, values_only=True)] == [
        ("time-to-hire", "2026-Q2", 30)
    ]


@pytest.mark.parametrize("rating", [None, 80.0], ids=["kpis-only", "manager-rating"])
def test_page_explains_the_score_it_shows(
    sample_path: Path, tmp_path: Path, rating: float | None
) -> None:
    """The page's working is explain() on the same inputs (the report scores once)."""
    card = krakit.load(sample_path)
    actuals = tmp_path / "actuals.csv"
    actuals.write_text("kpi,period,value\ntime-to-hire,2026-Q2,41\ncandidate-nps,2026-Q2,12\n")
    page = report(card, actuals, tmp_path / "r.html", manager_rating=rating, charts=False)
    working = re.search(r'<pre class="explain">(.*?)</pre>', page.read_text("utf-8"), re.S)
    assert working is not None
    expected = str(explain(card, actuals, manager_rating=rating))
    assert html.unescape(working.group(1)) == expected
    assert "41" in expected and ("80" in expected) == (rating is not None)


def test_restyled_templates(sample_path: Path, tmp_path: Path) -> None:
    mine = tmp_path / "mine"
    shutil.copytree(TEMPLATE_DIR, mine)
    page = mine / "report.html.j2"
    page.write_text(page.read_text().replace("--head: #1f4e79", "--head: #7a0019"))
    html = report(krakit.load(sample_path), None, tmp_path / "r.html", templates=mine, charts=False)
    assert "--head: #7a0019" in html.read_text()
    layout = mine / "workbook.yaml"
    layout.write_text(layout.read_text().replace("name: Summary", "name: Overview"))
    book = load_workbook(report(krakit.load(sample_path), path=tmp_path / "r.xlsx", templates=mine))
    assert book.sheetnames[0] == "Overview"
    page.unlink()
    with pytest.raises(ConfigError, match="template is missing"):
        report(krakit.load(sample_path), path=tmp_path / "x.html", templates=mine)


def test_unknown_suffix(sample_path: Path, tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"use \.html, \.xlsx or \.csv"):
        report(krakit.load(sample_path), path=tmp_path / "r.pdf")
    assert krakit.report(krakit.load(sample_path), path=tmp_path / "r.csv").exists()
