"""Shared fixtures."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "templates" / "samples" / "recruiter.yaml"


@pytest.fixture
def sample_path() -> Path:
    """The scorecard shipped as the file-format example."""
    return SAMPLE
