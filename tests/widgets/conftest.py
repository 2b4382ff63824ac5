"""Fixtures for driving the widgets as a user would (no browser: values and clicks)."""

from __future__ import annotations

from pathlib import Path

import pytest

import krakit

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "templates" / "samples" / "recruiter.yaml"


@pytest.fixture(autouse=True)
def crash_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Bug reports a widget writes go to the test's own folder."""
    folder = tmp_path / "crashes"
    monkeypatch.setenv("KRAKIT_CRASH_DIR", str(folder))
    return folder


@pytest.fixture
def recruiter() -> krakit.Scorecard:
    return krakit.load(SAMPLE)


@pytest.fixture
def workspace(tmp_path: Path) -> krakit.Workspace:
    return krakit.Workspace(tmp_path / "workspace")
