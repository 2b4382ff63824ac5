"""Step 4 driven as a user: save with conflicts, type actuals, import a sheet, export."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import krakit
from krakit import edit
from krakit.widgets.scorecard import ScorecardStep


@pytest.fixture
def step(recruiter: krakit.Scorecard, workspace: krakit.Workspace) -> ScorecardStep:
    return ScorecardStep(recruiter, workspace=workspace)


def test_save_shows_where_and_writes_the_file(step: ScorecardStep) -> None:
    step._name.value = "priya"
    step._save.click()
    path = Path(step.saved_path)
    assert path == step.workspace.path("priya") and path.exists()
    assert "Saved to" in step._saved.value and "priya.yaml" in step._saved.value
    assert krakit.load(path).kpi("time-to-hire").target == 30


def test_conflict_offers_overwrite_or_reload(step: ScorecardStep) -> None:
    step._name.value = "priya"
    step._save.click()
    # a colleague changes the file meanwhile
    theirs = step.workspace.open("priya")
    step.workspace.save(edit.update_kpi(theirs, "time-to-hire", target=29), "priya")
    step.scorecard = edit.update_kpi(step.scorecard, "time-to-hire", target=27)
    step._save.click()
    assert "Not saved" in step._saved.value
    assert step._conflict.layout.display is None  # the choice is shown
    assert step.workspace.open("priya").kpi("time-to-hire").target == 29
    step._reload.click()
    assert step.value.kpi("time-to-hire").target == 29
    assert step._conflict.layout.display == "none"
    # and overwriting works when chosen
    step.scorecard = edit.update_kpi(step.scorecard, "time-to-hire", target=26)
    step._save.click()
    assert step.workspace.open("priya").kpi("time-to-hire").target == 26


def test_overwrite_after_conflict(step: ScorecardStep) -> None:
    step._name.value = "priya"
    step.workspace.save(krakit.Scorecard(role={"title": "Someone else"}), "priya")
    step._save.click()
    assert "Not saved" in step._saved.value
    step._overwrite.click()
    assert step.workspace.open("priya").role.title == "Recruiter"


def test_typed_actuals_update_the_scores(step: ScorecardStep) -> None:
    before = step._scores.value
    step._period.value = "2026-Q2"
    assert step._cells["time-to-hire"].value == ""
    step.set_cell("time-to-hire", "30")
    step.set_cell("candidate-nps", "45")
    step._record.click()
    assert edit.actuals_for(step.value, "2026-Q2")["time-to-hire"] == 30
    assert step._scores.value != before
    assert "<svg" in step._chart.value
    step.set_cell("candidate-nps", "plenty")
    step._record.click()
    assert "candidate-nps" in step._message.value and "expected a number" in step._message.value


def test_import_a_sheet(step: ScorecardStep, tmp_path: Path) -> None:
    sheet = tmp_path / "q3.csv"
    sheet.write_text("KPI id,Period,Actual\ntime-to-hire,2026-Q3,33\ncandidate-nps,2026-Q3,41\n")
    assert step.import_file(sheet)
    assert edit.actuals_for(step.value, "2026-Q3")["candidate-nps"] == 41
    assert "Imported" in step._message.value
    assert step._progress.value == 3
    bad = tmp_path / "bad.csv"
    bad.write_text("kpi,period,value\nghost,2026-Q3,1\n")
    assert not step.import_file(bad)
    assert "ghost" in step._message.value


def test_upload_widget_imports(step: ScorecardStep) -> None:
    content = b"kpi,period,value\noffer-acceptance-rate,2026-07,88\n"
    upload = {
        "name": "July actuals.csv",
        "type": "text/csv",
        "size": len(content),
        "content": memoryview(content),
        "last_modified": dt.datetime(2026, 7, 31, tzinfo=dt.UTC),
    }
    step._upload.value = (upload,)
    assert edit.actuals_for(step.value, "2026-07")["offer-acceptance-rate"] == 88
    assert (step.workspace.folder / "imports" / "july-actuals.csv").exists()


def test_export_png(step: ScorecardStep) -> None:
    path = step.export("png")
    assert path is not None and path.read_bytes()[:4] == b"\x89PNG"
    assert str(path) in step.exports
    assert "Wrote" in step._exported.value


def test_user_text_is_escaped(workspace: krakit.Workspace) -> None:
    evil = "<img src=x onerror=alert(1)>"
    sc = krakit.Scorecard(
        role={"title": evil},
        kras=[
            {"title": "Sales", "weight": 100, "kpis": [{"id": "rev", "metric": evil, "target": 10}]}
        ],
        actuals=[{"kpi": "rev", "period": "2026-01", "value": 5}],
    )
    step = ScorecardStep(sc, workspace=workspace)
    step._save.click()
    for html in (step._scores.value, step._saved.value):
        assert "<img" not in html


def test_export_html_and_excel(step: ScorecardStep) -> None:
    html = step.export("html")
    xlsx = step.export("xlsx")
    assert html is not None and "Recruiter" in html.read_text()
    assert xlsx is not None and xlsx.read_bytes()[:2] == b"PK"
    assert step.exports == [str(html), str(xlsx)]
    assert html.parent == step.workspace.folder / "exports"
    assert step._progress.value == 3
