"""A scorecard's own report: the goals it serves (from the goals.yaml beside its file)."""

from __future__ import annotations

from openpyxl import load_workbook

import krakit
from krakit.goals import save_tree, validate_tree

TREE = {
    "organisation": "Acme",
    "units": [
        {
            "name": "Talent <i>",
            "goals": [{"id": "hire", "title": "=1+1 hire <b>fast</b>", "owner": "@Asha"}],
        }
    ],
}


def _card() -> krakit.Scorecard:
    return krakit.Scorecard(
        role={"title": "Recruiter"},
        kras=[
            {"title": "Recruitment", "weight": 60, "goals": ["hire", "typo-goal"]},
            {"title": "Admin", "weight": 40},
        ],
    )


def test_the_report_lists_the_tree_goals_the_card_serves(tmp_path) -> None:  # type: ignore[no-untyped-def]
    save_tree(validate_tree(TREE), tmp_path / "goals.yaml")
    card = _card()
    krakit.save(card, tmp_path / "recruiter.yaml")
    page = krakit.report(card, path=tmp_path / "r.html", charts=False).read_text("utf-8")
    assert "Goals this scorecard serves" in page
    assert "=1+1 hire &lt;b&gt;fast&lt;/b&gt;" in page and "<b>fast" not in page
    assert "Talent &lt;i&gt;" in page and "30.0%" in page  # 60% split over two goals
    assert "unknown goal id" in page  # typo-goal is in neither the card nor the tree
    book = load_workbook(krakit.report(card, path=tmp_path / "r.xlsx"))
    goals = book["Goals"]
    cells = [c.value for row in goals.iter_rows(min_row=4) for c in row]
    assert "'=1+1 hire <b>fast</b>" in cells and "'@Asha" in cells


def test_a_card_serving_no_goal_has_no_goals_section(tmp_path) -> None:  # type: ignore[no-untyped-def]
    card = krakit.Scorecard(role={"title": "Recruiter"}, kras=[{"title": "Recruitment"}])
    page = krakit.report(card, path=tmp_path / "r.html", charts=False).read_text("utf-8")
    assert "Goals this scorecard serves" not in page
    book = load_workbook(krakit.report(card, path=tmp_path / "r.xlsx"))
    assert "Goals" not in book.sheetnames
