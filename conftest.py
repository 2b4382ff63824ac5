"""What every pytest run in this folder gets, whatever it runs (tests/, notebooks/, doctests).

* **Its own temporary folder for what it starts.** Notebooks run by nbval, the servers of the
  browser tests and the CLI run in subprocesses write where ``tempfile.gettempdir()`` and
  ``KRAKIT_WORKSPACE`` point (the trainer's practice room, notebooks 01-04's workspace, the
  workshop's scorecards), rooms named without a folder go under ``KRAKIT_ROOMS``, and bug
  reports go to ``KRAKIT_CRASH_DIR``. For the whole run these (and the kernels' IPython and
  Jupyter runtime files) point into one fresh folder, removed at the end, so a test run never
  writes into the machine's real temporary folder or a real room (``./rooms``). This process
  keeps its own temporary folder (``tmp_path`` lives there as usual).
* **Doctests write in their own tmp_path** (``tempfile.mkdtemp()`` in an example lands there)
  and cannot leave the environment changed for the tests after them.
* **No speed limits on notebook cells**: nbval waits 5 s for a cell's output after the cell
  finished; a busy machine can take longer, so the wait is a hang guard instead.
* **No speed limits on generated examples**: Hypothesis fails an example that takes over
  200 ms, or data that is slow to generate; neither says anything about krakit on a busy
  machine, so the ``krakit`` profile turns both off (a test's own ``@settings`` inherit it).
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

settings.register_profile("krakit", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("krakit")

# Variables set for the run, and the subfolder of the run's folder each points to.
_RUN_ENV = {
    "TMPDIR": "tmp",
    "KRAKIT_WORKSPACE": "workspace",
    "KRAKIT_CRASH_DIR": "crashes",
    "KRAKIT_ROOMS": "rooms",
    "IPYTHONDIR": "ipython",
    "JUPYTER_RUNTIME_DIR": "runtime",
}
# The run's folder and the variables' values before it, to put back at the end.
_RUN_FOLDER = pytest.StashKey[tuple[Path, dict[str, str | None]]]()
# Seconds nbval waits for a notebook cell's output once the cell has run (nbval: 5).
NOTEBOOK_OUTPUT_WAIT = 300


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


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Give nbval's notebook cells a hang guard, not a 5 s limit, to deliver their output."""
    for item in items:
        if hasattr(item, "output_timeout"):  # nbval's IPyNbCell
            item.output_timeout = max(item.output_timeout, NOTEBOOK_OUTPUT_WAIT)


@pytest.fixture(autouse=True)
def _doctest_sandbox(request: pytest.FixtureRequest) -> Iterator[None]:
    """For a doctest: temporary files in its tmp_path, and the environment put back after."""
    if not isinstance(request.node, pytest.DoctestItem):
        yield
        return
    folder = request.getfixturevalue("tmp_path")
    environment = dict(os.environ)
    before, tempfile.tempdir = tempfile.tempdir, str(folder)
    try:
        yield
    finally:
        tempfile.tempdir = before
        os.environ.clear()
        os.environ.update(environment)
