"""Shared fixtures (what every run gets, whatever it runs, is in the root ``conftest.py``)."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "templates" / "samples" / "recruiter.yaml"


@pytest.fixture
def sample_path() -> Path:
    """The scorecard shipped as the file-format example."""
    return SAMPLE
