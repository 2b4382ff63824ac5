"""A test run writes only in its own folder (set up by the root ``conftest.py``).

What the run starts (nbval kernels, the browser tests' servers, the CLI in a subprocess) sees
a temporary folder, workspace and crash folder inside one fresh folder for the run, never the
machine's shared temporary folder, nor a real workshop room.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

CHILD = (
    "import json, os, tempfile\n"
    "from krakit.crash import crash_folder\n"
    "from krakit.room import Room\n"
    "print(json.dumps([tempfile.gettempdir(), os.environ['KRAKIT_WORKSPACE'], "
    "str(crash_folder()), str(Room('batch-7').folder.resolve())]))\n"
)


def _run_folder() -> Path:
    folder = Path(os.environ["TMPDIR"]).parent
    assert folder.name.startswith("krakit-test-run-"), folder
    return folder


def test_a_subprocess_writes_inside_the_run_folder() -> None:
    """The trainer's practice room and notebooks 01-04's workspace live under gettempdir(),
    the workshop's under KRAKIT_WORKSPACE, bug reports in crash_folder(), a room named
    without a folder under KRAKIT_ROOMS: never ./rooms, where a real workshop's room is."""
    done = subprocess.run(
        [sys.executable, "-c", CHILD], capture_output=True, text=True, timeout=300, check=True
    )
    run = _run_folder()
    for place in json.loads(done.stdout):
        assert Path(place).is_relative_to(run), place
    assert not Path(tempfile.gettempdir()).is_relative_to(run)  # tmp_path stays as usual


@pytest.mark.parametrize("name", ["KRAKIT_CRASH_DIR", "IPYTHONDIR", "JUPYTER_RUNTIME_DIR"])
def test_kernel_and_crash_files_go_to_the_run_folder(name: str) -> None:
    assert Path(os.environ[name]).is_relative_to(_run_folder())
