"""A bug in krakit (any exception that is not a KrakitError) never shows a traceback.

The CLI's one handler prints a short line saying it is a bug, names the file the traceback
was written to (in ``$KRAKIT_CRASH_DIR``), and exits 70.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

import krakit.cli.score
from krakit.cli import BUG, _register_all, app
from krakit.crash import CRASH_DIR_ENV

_register_all()
runner = CliRunner()
SAMPLE = Path(__file__).resolve().parents[2] / "templates" / "samples" / "recruiter.yaml"


def _boom(*args: object, **kwargs: object) -> None:
    raise TypeError("object of type 'float' has no len()")


@pytest.mark.parametrize(
    "args",
    [
        ["score", str(SAMPLE)],
        ["report", str(SAMPLE), "-o", "{out}/r.html"],
        ["chart", str(SAMPLE), "-o", "{out}/c.svg"],
    ],
)
def test_a_bug_prints_one_line_and_a_file_with_the_traceback(
    args: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    crashes = tmp_path / "crashes"
    monkeypatch.setenv(CRASH_DIR_ENV, str(crashes))
    monkeypatch.setattr(krakit.cli.score, "load", _boom)
    res = runner.invoke(app, [a.format(out=tmp_path) for a in args])
    assert res.exit_code == BUG != 0
    assert "Traceback" not in res.output and 'File "' not in res.output
    assert "krakit hit a bug (TypeError)" in res.output
    (written,) = crashes.iterdir()
    assert str(written) in res.output.replace("\n", "")
    details = written.read_text(encoding="utf-8")
    assert "Traceback" in details and "has no len()" in details
    assert f"doing: krakit {args[0]}" in details


def test_user_errors_still_exit_2_without_a_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    crashes = tmp_path / "crashes"
    monkeypatch.setenv(CRASH_DIR_ENV, str(crashes))
    res = runner.invoke(app, ["score", str(tmp_path / "nowhere.yaml")])
    assert res.exit_code == 2 and "no such file" in res.output
    assert not crashes.exists()


def test_the_installed_script_shows_no_traceback(tmp_path: Path) -> None:
    """The real entry point, in its own process: stderr has the line, never the stack."""
    code = (
        "import sys, krakit.cli.score\n"
        "def boom(*a, **k): raise KeyError('kras')\n"
        "krakit.cli.score.load = boom\n"
        "from krakit.cli import main\n"
        f"sys.argv = ['krakit', 'score', {str(SAMPLE)!r}]\n"
        "main()\n"
    )
    env = {**os.environ, CRASH_DIR_ENV: str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120
    )
    assert done.returncode == BUG
    assert "Traceback" not in done.stdout + done.stderr
    assert "krakit hit a bug (KeyError)" in done.stderr
    (written,) = tmp_path.iterdir()
    assert "KeyError: 'kras'" in written.read_text(encoding="utf-8")
