"""Fixtures for driving the widgets as a user would (no browser: values and clicks)."""

from __future__ import annotations

from pathlib import Path

import pytest

import krakit

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "templates" / "samples" / "recruiter.yaml"


@pytest.fixture
def recruiter() -> krakit.Scorecard:
    return krakit.load(SAMPLE)


@pytest.fixture
def workspace(tmp_path: Path) -> krakit.Workspace:
    return krakit.Workspace(tmp_path / "workspace")
