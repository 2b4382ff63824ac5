"""What the CLI prints does not depend on the terminal's width or the path's length.

Off a terminal (a pipe, a file, a test) every line is printed whole; on a terminal rich
still fits the output to the terminal's width.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from krakit.cli.console import UNWRAPPED_WIDTH, Output

LONG = "Reduce average time-to-fill for senior engineering roles from 45 days to 30 days by Q2 2027"


def _run(args: list[str], columns: str | None) -> subprocess.CompletedProcess[str]:
    """The installed command, as a script's pipe reads it, with ``COLUMNS`` set or unset."""
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
    if columns is not None:
        env["COLUMNS"] = columns
    code = "import sys; from krakit.cli import main; sys.argv[0] = 'krakit'; main()"
    return subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        env=env,
        stdin=subprocess.DEVNULL,
        timeout=300,  # only a hang comes near it
        check=False,
    )


def test_piped_output_is_the_same_at_any_width_and_path_length(
    tmp_path: Path, sample_path: Path
) -> None:
    deep = tmp_path.joinpath(*["a-rather-long-folder-name"] * 8)
    deep.mkdir(parents=True)
    card = deep / "recruiter.yaml"
    shutil.copy(sample_path, card)
    assert len(str(card)) > 200
    outputs = {}
    for columns in ("20", "80", "400", None):
        validated = _run(["validate", str(card)], columns)
        parsed = _run(["parse", LONG], columns)
        assert validated.returncode == parsed.returncode == 0, validated.stderr + parsed.stderr
        outputs[columns] = (validated.stdout, parsed.stdout)
    assert len({*outputs.values()}) == 1, "the output changed with COLUMNS"
    validated, parsed = outputs[None]
    assert validated == f"✓ {card}: Recruiter, 2 KRAs, 3 KPIs\n"
    assert LONG in parsed.splitlines()[0]


def test_long_lines_are_whole_off_a_terminal() -> None:
    out = Output(file=io.StringIO(), width=30)
    assert out.width == UNWRAPPED_WIDTH  # COLUMNS and width= count only on a terminal
    out.print(LONG)
    assert out.file.getvalue() == LONG + "\n"


@pytest.mark.parametrize("width", [30, 60])
def test_a_terminal_still_wraps_to_its_width(width: int) -> None:
    out = Output(file=io.StringIO(), width=width, force_terminal=True, color_system=None)
    out.print(LONG)
    lines = out.file.getvalue().splitlines()
    assert len(lines) > 1 and max(map(len, lines)) <= width
    assert " ".join(line.strip() for line in lines) == LONG
