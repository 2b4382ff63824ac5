"""`krakit export` then `krakit import`: a slab KPI goes out to a sheet, is edited in a
spreadsheet, comes back and is scored by its new slabs."""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook
from typer.testing import CliRunner

import krakit
from krakit.cli import _register_all, app
from krakit.model import Slab

_register_all()
runner = CliRunner()

CARD = """\
role: {title: Area sales manager}
kras:
  - title: Dealer revenue
    kpis:
      - id: dealer-sales
        statement: Dealer sales of ₹10 lakh each month
        metric: dealer sales
        unit: INR
        target: 1000000
        target_type: slab
        slabs: [{at: 80, points: 50}, {at: 100, points: 100}]
      - {statement: Dealer visits each month, metric: visits, target: 40}
"""


def test_export_edit_in_excel_import_and_score(tmp_path: Path) -> None:
    card = tmp_path / "asm.yaml"
    card.write_text(CARD, encoding="utf-8")
    sheet = tmp_path / "kpis.xlsx"
    res = runner.invoke(app, ["export", str(card), "-o", str(sheet)])
    assert res.exit_code == 0, res.output
    assert f"✓ wrote {sheet}: 2 KPIs from 1 scorecard(s)" in res.output

    book = load_workbook(sheet)
    ws = book.active
    header = [c.value for c in ws[1]]
    assert ws.cell(2, header.index("Slabs") + 1).value == "80:50; 100:100"
    assert ws.cell(2, header.index("Target type") + 1).value == "slab"
    ws.cell(2, header.index("Slabs") + 1).value = "below 80: 0 | 80-95: 60 | 95 → 90 | 105+: 110"
    book.save(sheet)

    out = tmp_path / "back.yaml"
    res = runner.invoke(app, ["import", str(sheet), "-o", str(out)])
    assert res.exit_code == 0, res.output
    back = krakit.load(out)
    kpi = back.kpi("dealer-sales")
    assert kpi.target_type == "slab"
    assert kpi.slabs == [
        Slab(at=0, points=0),
        Slab(at=80, points=60),
        Slab(at=95, points=90),
        Slab(at=105, points=110),
    ]
    back.actuals = [krakit.Actual(kpi="dealer-sales", period="2026-10", value=970_000)]
    krakit.save(back, out, force=True)
    res = runner.invoke(app, ["score", str(out), "--explain"])
    assert res.exit_code == 0, res.output
    assert "97.0% of target falls in slab 95–105% → 90 points" in " ".join(res.output.split())


def test_a_bad_slab_cell_is_named_on_import(tmp_path: Path) -> None:
    sheet = tmp_path / "kpis.csv"
    sheet.write_text(
        "KPI,Target,Target type,Slabs\nDealer sales,100,slab,80 → fifty\n", encoding="utf-8"
    )
    res = runner.invoke(app, ["import", str(sheet), "-o", str(tmp_path / "c.yaml")])
    text = " ".join(res.output.split())
    assert res.exit_code == 1, res.output  # the KPI is kept, its bad cell left out
    assert "kpis.csv, row 2, field 'slabs'" in text
    assert "cannot read the slab '80 → fifty'" in text and "column 'Slabs'" in text


def test_export_will_not_replace_a_file_unasked(tmp_path: Path) -> None:
    card = tmp_path / "asm.yaml"
    card.write_text(CARD, encoding="utf-8")
    sheet = tmp_path / "kpis.csv"
    sheet.write_text("keep me", encoding="utf-8")
    res = runner.invoke(app, ["export", str(card), "-o", str(sheet)])
    assert res.exit_code == 2 and "pass --force" in " ".join(res.output.split())
    assert sheet.read_text(encoding="utf-8") == "keep me"
    res = runner.invoke(app, ["export", str(card), "-o", str(sheet), "--force"])
    assert res.exit_code == 0, res.output
    assert sheet.read_text(encoding="utf-8").startswith("Role,Holder,KRA,")


def test_text_that_looks_like_a_formula_comes_back_as_written(tmp_path: Path) -> None:
    card = tmp_path / "odd.yaml"
    card.write_text(
        "role: {title: '=Sales'}\nkras:\n  - title: '+Revenue'\n    kpis:\n"
        "      - {statement: '=1+1', target: 10, owner: '@asha'}\n",
        encoding="utf-8",
    )
    for suffix in ("xlsx", "csv"):
        sheet, back = tmp_path / f"kpis.{suffix}", tmp_path / f"back-{suffix}.yaml"
        assert runner.invoke(app, ["export", str(card), "-o", str(sheet)]).exit_code == 0
        res = runner.invoke(app, ["import", str(sheet), "-o", str(back)])
        assert res.exit_code == 0, res.output
        again = krakit.load(back)
        kpi = again.kras[0].kpis[0]
        assert (again.role.title, again.kras[0].title) == ("=Sales", "+Revenue")
        assert (kpi.statement, kpi.owner) == ("=1+1", "@asha")


def test_an_xlsx_round_trip_gives_back_the_same_card_and_a_csv_says_what_it_drops(
    tmp_path: Path,
) -> None:
    """Bug 2: the recruiter template's period, role fields, goals and goal links, KRA kind and
    custom ids all come back, so actuals recorded against it still point at their KPIs."""
    card = tmp_path / "rec.yaml"
    assert runner.invoke(app, ["template", "recruiter", "-o", str(card)]).exit_code == 0
    before = krakit.load(card)
    kpi = before.all_kpis()[0]
    before.actuals = [krakit.Actual(kpi=kpi.id, period="2026-04", value=12)]
    krakit.save(before, card, force=True)
    before = krakit.load(card)
    assert before.goals and before.period and before.role.function  # what bug 2 lost

    sheet, back = tmp_path / "rec.xlsx", tmp_path / "back.yaml"
    assert runner.invoke(app, ["export", str(card), "-o", str(sheet)]).exit_code == 0
    res = runner.invoke(app, ["import", str(sheet), "-o", str(back)])
    assert res.exit_code == 0, res.output
    dropped = {"created", "updated"}
    assert krakit.load(back).model_dump(exclude=dropped) == before.model_dump(exclude=dropped)
    assert runner.invoke(app, ["diff", str(card), str(back)]).exit_code == 0

    res = runner.invoke(app, ["export", str(card), "-o", str(tmp_path / "rec.csv")])
    said = " ".join(res.output.split())
    assert res.exit_code == 0, res.output
    assert "rec.csv leaves out the period, the role's function" in said
    assert "the goals, the actuals" in said and "Export to .xlsx to keep them" in said
