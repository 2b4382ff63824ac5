"""Step 4's downloads, without a browser: a click (the message the browser sends) makes the
file and sends its bytes back as one binary buffer. tests/browser/test_downloads.py checks
that the browser saves them."""

from __future__ import annotations

import io
import zipfile
from typing import Any

import openpyxl
import pytest

import krakit
from krakit.widgets.download import DownloadButton, Payload
from krakit.widgets.scorecard import EXPORTS, ScorecardStep


def _sent(button: DownloadButton, monkeypatch: pytest.MonkeyPatch) -> list[tuple[Any, list]]:
    out: list[tuple[Any, list]] = []
    monkeypatch.setattr(
        button, "send", lambda content, buffers=None: out.append((content, buffers))
    )
    return out


def test_a_request_from_the_browser_sends_the_bytes(monkeypatch: pytest.MonkeyPatch) -> None:
    button = DownloadButton("Notes", lambda: Payload("notes.txt", b"hello", "text/plain"))
    sent = _sent(button, monkeypatch)
    button._on_msg(button, {"type": "request"}, [])
    assert sent == [({"type": "file", "filename": "notes.txt", "mime": "text/plain"}, [b"hello"])]
    assert button.busy is False and button.last == Payload("notes.txt", b"hello", "text/plain")


def test_nothing_to_download_sends_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    button = DownloadButton("Notes", lambda: None)
    sent = _sent(button, monkeypatch)
    button._on_msg(button, {"type": "request"}, [])
    button._on_msg(button, {"type": "something else"}, [])
    assert sent == [] and button.busy is False


def test_step_four_downloads_every_export(
    recruiter: krakit.Scorecard, workspace: krakit.Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    step = ScorecardStep(recruiter, workspace=workspace)
    step._name.value = "priya"
    files = {}
    for kind, button in step._downloads.items():
        sent = _sent(button, monkeypatch)
        button._on_msg(button, {"type": "request"}, [])
        (content, [data]) = sent[0]
        assert content["filename"] == f"priya.{kind}"
        assert content["mime"] == EXPORTS[kind][1]
        files[kind] = data
        # the message names the file, never the server's folder
        assert f"priya.{kind}" in step._exported.value
        assert str(workspace.folder) not in step._exported.value
    assert files["png"][:8] == b"\x89PNG\r\n\x1a\n"
    assert b"<svg" in files["svg"][:400]
    assert "Recruiter" in files["html"].decode("utf-8")
    assert zipfile.is_zipfile(io.BytesIO(files["xlsx"]))
    book = openpyxl.load_workbook(io.BytesIO(files["xlsx"]), read_only=True)
    cells = {
        str(c) for ws in book.worksheets for row in ws.iter_rows(values_only=True) for c in row
    }
    assert recruiter.kpi("time-to-hire").metric in cells
    assert krakit.loads(files["yaml"].decode("utf-8")).model_dump() == step.value.model_dump()


def test_the_yaml_download_holds_unsaved_actuals(
    recruiter: krakit.Scorecard, workspace: krakit.Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    step = ScorecardStep(recruiter, workspace=workspace)
    step._period.value = "2031-05"
    step.set_cell("time-to-hire", "33 days")
    step._record.click()
    sent = _sent(step._downloads["yaml"], monkeypatch)
    step._downloads["yaml"].click()
    card = krakit.loads(sent[0][1][0].decode("utf-8"))
    assert any(a.period == "2031-05" and a.value == 33 for a in card.actuals)
