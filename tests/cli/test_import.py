"""`krakit import`: from a manager's KPI sheet to scorecard files that check and score."""

from __future__ import annotations

from pathlib import Path

import yaml
from typer.testing import CliRunner

import krakit
from krakit.cli import _register_all, app

_register_all()
runner = CliRunner()

MESSY = (
    "Role,KRA,KPI,Target,Unit,Frequency,Weightage\n"
    "Support lead,Ticket resolution,Reduce first response time to 4 hours,4,hours,monthly,60\n"
    "Support lead,Ticket resolution,Reduce ticket backlog,lots,,monthly,60\n"
    "Support lead,Quality,CSAT of 90% every month,90,%,every other tuesday,40\n"
)


def _sheet(tmp_path: Path, text: str = MESSY, name: str = "support.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_messy_sheet_becomes_a_scorecard_and_says_what_it_left_out(tmp_path: Path) -> None:
    out = tmp_path / "card.yaml"
    res = runner.invoke(app, ["import", str(_sheet(tmp_path)), "-o", str(out)])
    assert res.exit_code == 1, res.output  # written, but two cells were left out
    assert "row 3, field 'target'" in res.output and "'lots' (left out)" in res.output
    assert "row 4, field 'frequency'" in res.output
    assert "read as the KRA's weight" in res.output  # the Weightage layout it assumed
    assert f"✓ wrote {out}: Support lead, 2 KRAs, 3 KPIs" in res.output
    card = krakit.load(out)
    assert [(k.title, k.weight) for k in card.kras] == [("Ticket resolution", 60), ("Quality", 40)]
    card.actuals = [krakit.Actual(kpi=card.kras[0].kpis[0].id, period="2026-01", value=5)]
    krakit.save(card, out)
    scored = runner.invoke(app, ["score", str(out)])
    assert scored.exit_code == 0, scored.output
    checked = runner.invoke(app, ["check", str(out)])
    assert checked.exit_code in (0, 1) and "Traceback" not in checked.output


def test_one_scorecard_per_person_and_no_silent_overwrite(tmp_path: Path) -> None:
    rows = "".join(
        f"Support lead,{who},Tickets,First response time under 4 hours,4,hours\n"
        for who in ("Asha", "Ravi")
    )
    sheet = _sheet(tmp_path, "Role,Employee,KRA,KPI,Target,Unit\n" + rows, "team.csv")
    res = runner.invoke(app, ["import", str(sheet), "-o", str(tmp_path / "cards")])
    assert res.exit_code == 0, res.output
    written = sorted(p.name for p in (tmp_path / "cards").glob("*.yaml"))
    assert written == ["support-lead-asha.yaml", "support-lead-ravi.yaml"]
    holders = {yaml.safe_load(p.read_text())["holder"] for p in (tmp_path / "cards").glob("*.yaml")}
    assert holders == {"Asha", "Ravi"}
    again = runner.invoke(app, ["import", str(sheet), "-o", str(tmp_path / "cards")])
    assert again.exit_code == 2 and "--force" in again.output
    assert (
        runner.invoke(
            app, ["import", str(sheet), "-o", str(tmp_path / "cards"), "--force"]
        ).exit_code
        == 0
    )


def test_score_on_a_sheet_points_to_import(tmp_path: Path) -> None:
    sheet = _sheet(tmp_path)
    for command in (["score"], ["report", "-o", str(tmp_path / "r.html")]):
        res = runner.invoke(app, [command[0], str(sheet), *command[1:]])
        assert res.exit_code == 2
        assert f"krakit import {sheet} -o card.yaml" in res.output.replace("\n", "")


def test_nothing_readable_exits_2(tmp_path: Path) -> None:
    sheet = _sheet(tmp_path, "Name,Shoe size\nAsha,9\n")
    res = runner.invoke(app, ["import", str(sheet), "-o", str(tmp_path / "c.yaml")])
    assert res.exit_code == 2 and "found no KPI column" in res.output
    assert not (tmp_path / "c.yaml").exists()


def test_piped_score_names_every_kpi_in_full_and_says_why_one_did_not_score(
    tmp_path: Path,
) -> None:
    long_name = "Improve the quality of every answer we send across email, chat and phone"
    card = krakit.Scorecard(
        role=krakit.Role(title="Support lead"),
        kras=[
            krakit.KRA(
                id="tickets",
                title="Ticket resolution",
                kpis=[
                    krakit.KPI(id="backlog", statement="Reduce ticket backlog"),
                    krakit.KPI(id="quality", statement=long_name, unit="%", target=90),
                ],
            )
        ],
        actuals=[
            krakit.Actual(kpi="backlog", period="2026-01", value=40),
            krakit.Actual(kpi="quality", period="2026-01", value=85),
        ],
    )
    krakit.save(card, tmp_path / "card.yaml")
    res = runner.invoke(app, ["score", str(tmp_path / "card.yaml")])  # not a terminal
    assert res.exit_code == 0, res.output
    assert long_name in res.output and "…" not in res.output
    assert "not scored: no target" in res.output
    assert "'Reduce ticket backlog' has no target: add one in step 2" in res.output


def test_every_chart_and_report_of_two_vague_kpis_with_actuals(tmp_path: Path) -> None:
    """The issue's support lead: two KPIs with no unit and no target, an actual each."""
    card = krakit.Scorecard(
        role=krakit.Role(title="Support lead"),
        kras=[
            krakit.KRA(
                id="tickets",
                title="Ticket resolution",
                kpis=[
                    krakit.KPI(id="backlog", statement="Reduce ticket backlog"),
                    krakit.KPI(id="quality", statement="Improve quality"),
                ],
            )
        ],
        actuals=[
            krakit.Actual(kpi="backlog", period="2026-01", value=40),
            krakit.Actual(kpi="quality", period="2026-01", value=3),
        ],
    )
    krakit.save(card, tmp_path / "card.yaml")
    runs = [
        ["report", "-o", str(tmp_path / f"r{suffix}")] for suffix in (".html", ".xlsx", ".csv")
    ] + [
        ["chart", "-o", str(tmp_path / f"c-{kind}.svg"), "--kind", kind]
        for kind in ("overview", "bullet", "contribution", "trend", "targets")
    ]
    for args in runs:
        res = runner.invoke(app, [args[0], str(tmp_path / "card.yaml"), *args[1:]])
        assert res.exit_code == 0, (args, res.output)
    assert "not scored: no target" in (tmp_path / "c-bullet.svg").read_text(encoding="utf-8")
    assert "have no target" in (tmp_path / "c-overview.svg").read_text(encoding="utf-8")
    assert "no target: add one in step 2" in (tmp_path / "r.html").read_text(encoding="utf-8")


def test_a_row_with_cells_but_no_kpi_is_named_not_dropped(tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["KRA", "KPI", "Target", "Weight"])
    book.active.append(["Sales", "Monthly revenue", 100, 60])
    book.active.append([])
    book.active.append(["Customers", "=A2&B2", 45, 40])  # a formula no spreadsheet calculated
    book.save(tmp_path / "kpis.xlsx")
    res = runner.invoke(app, ["import", str(tmp_path / "kpis.xlsx"), "-o", str(tmp_path / "a")])
    assert res.exit_code == 1, res.output  # written, and the row it left out is named
    said = " ".join(res.output.split())
    assert "row 4" in said and "'KRA', 'Target', 'Weight' filled but no KPI in column 'KPI'" in said
    assert "open the file in Excel and save it" in said and "row 3" not in said  # blank: fine
    checked = runner.invoke(app, ["check", str(_sheet(tmp_path, "KPI,Target\nNPS,45\n,30\n"))])
    assert "support.csv:3: X003 'Target' filled but no KPI in column 'KPI'" in checked.output


def test_a_kra_cell_merged_down_over_its_kpis(tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["Sales scorecard FY27"])  # a banner merged across, then the header
    sheet.append(["KRA", "KPI", "Target", "Target (stretch)"])
    sheet.append(["Revenue", "Monthly revenue", 100])
    sheet.append([None, "Collections", 90])
    sheet.append([None, "Margin", 30])
    sheet.append(["Customers", "NPS", 45])
    sheet.append([None, "Churn", 5])  # not merged: stays without a KRA, as written
    sheet.merge_cells("A1:D1")
    sheet.merge_cells("A3:A5")
    book.save(tmp_path / "kpis.xlsx")
    res = runner.invoke(
        app, ["import", str(tmp_path / "kpis.xlsx"), "-o", str(tmp_path / "a.yaml")]
    )
    card = krakit.load(tmp_path / "a.yaml")
    kras = [(k.title, [p.statement for p in k.kpis]) for k in card.kras]
    assert kras == [
        ("Revenue", ["Monthly revenue", "Collections", "Margin"]),
        ("Customers", ["NPS"]),
    ], res.output
    assert [k.statement for k in card.unassigned_kpis] == ["Churn"]
