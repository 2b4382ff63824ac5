"""Text pasted from anywhere (control characters) never takes the kernel down.

vl-convert aborts the whole process on a control character in chart text, which no guard can
catch, so this runs the wizard's step 4 in a child process and checks that it lives.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

SCRIPT = textwrap.dedent(
    """
    import sys
    import krakit
    from krakit import edit

    wizard = krakit.workshop(sys.argv[1])
    wizard.roles._title.value = "Dukaan\\x1d malik"
    wizard.roles._lines.value = "Daily sales\\x1d\\nStock\\x00 management"
    wizard.step = 1
    wizard.kpis._statement.value = "Raise daily sales\\x1d to 30,000 by March 2027"
    wizard.kpis._save.click()
    wizard.step = 3
    step = wizard.scorecard_step
    step._period.value = "2026-01"
    for cell in step._cells.values():
        cell.value = "21000"
    step._record.click()
    assert "<svg" in step._chart.value, step._message.value
    for kind in ("png", "html"):
        assert step.export(kind) is not None, step._message.value
    print("alive")
    """
)


def test_control_characters_in_names_draw_and_export(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(tmp_path / "ws")],
        capture_output=True,
        text=True,
        check=False,
        env={"KRAKIT_CRASH_DIR": str(tmp_path / "crashes"), "PATH": "/usr/bin:/bin"},
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip().endswith("alive")
