"""Shared fixtures, and a temporary folder for everything the test run starts.

Notebooks run by nbval, the servers of the browser tests and the CLI run in subprocesses
write where ``tempfile.gettempdir()`` and ``KRAKIT_WORKSPACE`` point (the training notebook's
shared answers folder, notebooks 01-04's workspace, the workshop's scorecards), and bug
reports go to ``KRAKIT_CRASH_DIR``. For the whole run these (and the kernels' IPython and
Jupyter runtime files) point into one fresh folder, removed at the end, so a test run never
writes into the machine's real temporary folder, where a trainer's real answers go. This
process keeps its own temporary folder (``tmp_path`` lives there as usual).
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "templates" / "samples" / "recruiter.yaml"
# Variables set for the run, and the subfolder of the run's folder each points to.
_RUN_ENV = {
    "TMPDIR": "tmp",
    "KRAKIT_WORKSPACE": "workspace",
    "KRAKIT_CRASH_DIR": "crashes",
    "IPYTHONDIR": "ipython",
    "JUPYTER_RUNTIME_DIR": "runtime",
}
# The run's folder and the variables' values before it, to put back at the end.
_RUN_FOLDER = pytest.StashKey[tuple[Path, dict[str, str | None]]]()


def pytest_configure(config: pytest.Config) -> None:
    """Point the subprocesses' temporary folder, workspace, crash reports and Jupyter files
    into one fresh folder for this run (notebooks 01-04 share it, as a user's do)."""
    tempfile.gettempdir()  # this process keeps the machine's, so tmp_path stays where it was
    run = Path(tempfile.mkdtemp(prefix="krakit-test-run-"))
    config.stash[_RUN_FOLDER] = (run, {name: os.environ.get(name) for name in _RUN_ENV})
    for name, sub in _RUN_ENV.items():
        (run / sub).mkdir()
        os.environ[name] = str(run / sub)


def pytest_unconfigure(config: pytest.Config) -> None:
    """Put the environment back and remove the run's folder."""
    run, before = config.stash.get(_RUN_FOLDER, (None, {}))
    for name, value in before.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value
    if run is not None:
        shutil.rmtree(run, ignore_errors=True)


@pytest.fixture
def sample_path() -> Path:
    """The scorecard shipped as the file-format example."""
    return SAMPLE
