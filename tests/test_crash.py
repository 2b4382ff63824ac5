"""krakit.crash: a bug's details go to a file (and one line to the server log), never on screen."""

from __future__ import annotations

from pathlib import Path

import pytest

from krakit import crash


def _boom() -> BaseException:
    try:
        {}["missing"]
    except KeyError as exc:
        return exc
    raise AssertionError("unreachable")


def test_record_writes_the_traceback_where_it_is_told(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(crash.CRASH_DIR_ENV, str(tmp_path / "bugs"))
    path = crash.record(_boom(), "step 4: Save")
    assert path is not None and path.parent == tmp_path / "bugs"
    text = path.read_text()
    assert "doing: step 4: Save" in text and "KeyError: 'missing'" in text
    assert "Traceback" in text and "_boom" in text
    assert crash.record(_boom()) != path  # one file per bug, never overwritten


def test_no_file_is_still_no_crash(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv(crash.CRASH_DIR_ENV, str(blocker / "bugs"))
    assert crash.record(_boom(), "anything") is None
