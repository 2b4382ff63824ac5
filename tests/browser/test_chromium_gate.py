"""The switch that decides whether the browser tests run, skip (loudly) or fail (CI).

No browser needed: ``chromium_gate`` is a pure decision on a path and an environment.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser.conftest import REQUIRE_BROWSER, chromium_gate


@pytest.fixture
def fake_chromium(tmp_path: Path) -> Path:
    path = tmp_path / "chromium"
    path.write_text("#!/bin/sh\n")
    path.chmod(0o755)
    return path


@pytest.mark.parametrize("required", ["", "0", "1"])
def test_runs_when_chromium_is_there(fake_chromium: Path, required: str) -> None:
    assert chromium_gate(fake_chromium, {REQUIRE_BROWSER: required}) == ("run", "")


def test_missing_chromium_skips_and_says_how_to_fix_it(tmp_path: Path) -> None:
    missing = tmp_path / "no-chromium"
    gate, why = chromium_gate(missing, {})
    assert gate == "skip"
    assert str(missing) in why
    assert "apt-get install chromium" in why
    assert f"{REQUIRE_BROWSER}=1" in why


@pytest.mark.parametrize("required", ["", "0", " "])
def test_unset_or_zero_requirement_still_skips(tmp_path: Path, required: str) -> None:
    assert chromium_gate(tmp_path / "none", {REQUIRE_BROWSER: required})[0] == "skip"


@pytest.mark.parametrize("required", ["1", "yes", "true"])
def test_required_browser_turns_the_skip_into_a_failure(tmp_path: Path, required: str) -> None:
    gate, why = chromium_gate(tmp_path / "none", {REQUIRE_BROWSER: required})
    assert gate == "fail"
    assert REQUIRE_BROWSER in why and "failure" in why


def test_a_file_that_cannot_run_is_missing(tmp_path: Path) -> None:
    not_executable = tmp_path / "chromium"
    not_executable.write_text("")
    not_executable.chmod(0o644)
    # root may execute nothing without an x bit either: os.access checks the mode bits
    assert chromium_gate(not_executable, {})[0] == "skip"
    assert chromium_gate(tmp_path, {REQUIRE_BROWSER: "1"})[0] == "fail"  # a folder


def test_ci_requires_the_browser() -> None:
    ci = (Path(__file__).resolve().parents[2] / ".ci" / "run").read_text()
    assert f"export {REQUIRE_BROWSER}=1" in ci
    assert ci.strip().splitlines()[-1] == "make test"
