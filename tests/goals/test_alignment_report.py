"""The alignment report: HTML escaped, Excel neutralised, the sample's gaps in both."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook

import krakit
from krakit.errors import InputError
from krakit.goals import alignment, validate_tree
from krakit.goals.report import alignment_report
from krakit.goals.sample import sample_cards, sample_tree

EVIL_TREE = validate_tree(
    {
        "organisation": "<script>alert(1)</script> Ltd",
        "goals": [{"id": "grow", "title": '=HYPERLINK("http://x","click")', "owner": "@CEO"}],
    }
)
EVIL_CARD = krakit.Scorecard(
    role={"title": "+cmd|' /C calc'!A0"},
    kras=[{"title": "<img src=x onerror=alert(2)>", "goals": ["grow"]}, {"title": "-2+3"}],
)


def test_the_html_report_lists_the_sample_gaps_and_draws_the_chart(tmp_path) -> None:  # type: ignore[no-untyped-def]
    result = alignment(sample_cards(), sample_tree())
    page = alignment_report(result, tmp_path / "a.html").read_text(encoding="utf-8")
    assert "Fill 8 of 10 manager openings from within" in page
    assert page.count('class="gap"') == 2
    assert "data:image/svg+xml;base64," in page and "<script" not in page


def test_user_text_is_escaped_in_html_and_neutralised_in_excel(tmp_path) -> None:  # type: ignore[no-untyped-def]
    result = alignment({"rep": EVIL_CARD}, EVIL_TREE)
    page = alignment_report(result, tmp_path / "a.html").read_text(encoding="utf-8")
    assert "<script>alert" not in page and "<img src=x" not in page
    assert "&lt;script&gt;" in page
    book = load_workbook(alignment_report(result, tmp_path / "a.xlsx"))
    assert book.sheetnames == [
        "Goals", "Who serves what", "KRAs serving no goal", "Gaps", "Findings"
    ]  # fmt: skip
    texts = [
        c.value for ws in book for row in ws.iter_rows() for c in row if isinstance(c.value, str)
    ]
    assert texts and not [t for t in texts if t[0] in "=+-@"]
    assert any("HYPERLINK" in t for t in texts) and any("calc" in t for t in texts)
    with pytest.raises(InputError, match=r"use \.html or \.xlsx"):
        alignment_report(result, tmp_path / "a.pdf")
