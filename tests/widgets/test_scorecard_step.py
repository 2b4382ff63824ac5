"""Step 4 driven as a user: save with conflicts, type actuals, import a sheet, export."""

from __future__ import annotations

import base64
import datetime as dt
import errno
import os
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
    assert "Candidate NPS › actual" in step._message.value  # the KPI in words, not its id
    assert "expected a number" in step._message.value


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


def test_upload_past_the_size_limit_is_refused_before_writing(
    step: ScorecardStep, monkeypatch: pytest.MonkeyPatch
) -> None:
    from krakit import limits

    monkeypatch.setitem(limits._LIMITS, ".csv", (32, "CSV files"))
    content = b"kpi,period,value\noffer-acceptance-rate,2026-07,88\n"
    step._upload.value = (
        {
            "name": "big.csv",
            "type": "text/csv",
            "size": len(content),
            "content": memoryview(content),
            "last_modified": dt.datetime(2026, 7, 31, tzinfo=dt.UTC),
        },
    )
    assert "Not imported" in step._message.value
    assert "krakit reads CSV files up to 32 bytes" in step._message.value
    assert not (step.workspace.folder / "imports" / "big.csv").exists()
    assert "2026-07" not in edit.periods(step.value)


def test_export_png(step: ScorecardStep) -> None:
    path = step.export("png")
    assert path is not None and path.read_bytes()[:4] == b"\x89PNG"
    assert str(path) in step.exports
    assert "Exported" in step._exported.value


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


# ---------------------------------------------------------------- a save that fails


def _fail_fsync(monkeypatch: pytest.MonkeyPatch, code: int) -> None:
    def boom(fd: int) -> None:
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(os, "fsync", boom)


def _downloaded(step: ScorecardStep) -> krakit.Scorecard:
    """The scorecard in the step's download link, as a browser would save it."""
    link = step._download.value
    data = link.split("base64,", 1)[1].split('"', 1)[0]
    return krakit.loads(base64.b64decode(data).decode("utf-8"))


def test_disk_full_offers_to_save_elsewhere(
    step: ScorecardStep, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    step._name.value = "priya"
    before = step.value.model_dump()
    assert step._elsewhere.layout.display == "none"
    _fail_fsync(monkeypatch, errno.ENOSPC)
    step._save.click()
    message = step._saved.value
    assert "Not saved" in message and "priya.yaml" in message
    assert "the disk is full; free some space or save elsewhere" in message
    assert step._elsewhere.layout.display is None  # the way out is shown
    assert step.saved_path == ""
    assert step.value.model_dump() == before  # nothing lost, nothing half-changed
    assert not step.workspace.path("priya").exists()
    assert _downloaded(step).model_dump() == before
    assert 'download="priya.yaml"' in step._download.value
    monkeypatch.undo()
    step._folder.value = str(tmp_path / "usb stick")
    step._save_there.click()
    saved = tmp_path / "usb stick" / "priya.yaml"
    assert step.saved_path == str(saved)
    assert "Saved to" in step._saved.value and "usb stick" in step._saved.value
    assert step._elsewhere.layout.display == "none"
    again = krakit.load(saved)
    assert again.kpi("time-to-hire").target == 30
    assert again.model_dump() == step.value.model_dump()


def test_read_only_folder_blank_means_the_rescue_folder(
    step: ScorecardStep, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    step._name.value = "priya"
    _fail_fsync(monkeypatch, errno.EROFS)
    step._save.click()
    assert "the folder is read-only; save to another folder" in step._saved.value
    monkeypatch.undo()
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert step._folder.value == "" and step._folder.placeholder == "~/krakit-saved"
    step._save_there.click()
    assert step.saved_path == str(tmp_path / "home" / "krakit-saved" / "priya.yaml")
    assert krakit.load(step.saved_path).role.title == "Recruiter"


def test_save_there_failing_too_says_so(
    step: ScorecardStep, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _fail_fsync(monkeypatch, errno.ENOSPC)
    step._save.click()
    (tmp_path / "a-file").write_text("x")
    step._folder.value = str(tmp_path / "a-file")
    step._save_there.click()
    assert "Not saved there either" in step._saved.value
    assert "not a folder" in step._saved.value
    assert step._elsewhere.layout.display is None  # still offered
    assert step.saved_path == ""


def test_conflict_can_keep_both_versions(step: ScorecardStep, tmp_path: Path) -> None:
    step._name.value = "priya"
    step.workspace.save(krakit.Scorecard(role={"title": "Someone else"}), "priya")
    step._save.click()
    assert step._conflict.layout.display is None
    assert step._elsewhere.layout.display is None
    step._folder.value = str(step.workspace.folder)  # the same folder: a new name, not theirs
    step._save_there.click()
    assert step.workspace.open("priya").role.title == "Someone else"
    assert step.saved_path == str(step.workspace.folder / "priya-2.yaml")
    assert step.workspace.open("priya-2").role.title == "Recruiter"
    assert step._conflict.layout.display == "none"


def test_failed_save_link_is_escaped(step: ScorecardStep) -> None:
    step._name.value = '"><script>alert(1)</script>'
    step._save.click()  # not a plain file name: refused, and the way out offered
    assert "Not saved" in step._saved.value
    assert "<script" not in step._download.value and "<script" not in step._saved.value
    assert _downloaded(step).role.title == "Recruiter"


def test_a_slab_kpi_shows_the_slab_its_actual_reached(workspace: krakit.Workspace) -> None:
    """As the reports and explain say it: typed actuals, the slab reached beside the score."""
    from krakit.report_slabs import slab_table

    card = krakit.Scorecard(
        role={"title": "Field sales"},
        kras=[
            {
                "title": "Orders",
                "kpis": [
                    {"id": "orders", "metric": "Orders booked", "target": 200,
                     "target_type": "slab", "frequency": "monthly",
                     "slabs": [{"at": 80, "points": 50}, {"at": 90, "points": 80},
                               {"at": 100, "points": 100}]},
                    {"id": "visits", "metric": "Shop visits", "target": 40,
                     "frequency": "monthly"},
                    {"id": "repeat", "metric": "Repeat orders", "target": 50,
                     "target_type": "slab", "frequency": "monthly",
                     "slabs": [{"at": 100, "points": 100}]},
                ],
            }
        ],
    )  # fmt: skip
    step = ScorecardStep(card, workspace=workspace)
    before = step._scores.value
    assert "<th>slab reached</th>" in before and "% of target" not in before  # nothing typed
    step._period.value = "2026-04"
    step.set_cell("orders", " 184 ")  # of 200: 92 %
    step.set_cell("visits", "38")
    step._record.click()
    html = step._scores.value
    assert "<th>slab reached</th>" in html
    said = "92.0% of target: slab 90–100% → 80 points"
    assert said in html
    result = krakit.score(step.scorecard)
    (standing,) = set(
        slab_table(step.scorecard, result.totals).query("kpi_id == 'orders'").standing
    )
    assert standing == said  # what the HTML and Excel reports print
    assert "slab 90–100%" in str(krakit.explain(step.scorecard, None, "orders"))
    row = html.split("Shop visits", 1)[1].split("</tr>", 1)[0]
    assert "slab" not in row  # a ratio KPI: nothing in the column
    step.set_cell("orders", "150")  # 75 %: below the first slab
    step._record.click()
    assert "75.0% of target: below the first slab (80%) → 0 points" in step._scores.value
