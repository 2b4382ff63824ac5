"""One command loads only its family of commands; ``--help`` still lists them all."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from krakit.cli import COMMANDS, FAMILIES, _register_all, app

SAMPLE = Path(__file__).resolve().parents[2] / "templates" / "samples" / "recruiter.yaml"


def test_the_command_table_matches_what_the_families_register() -> None:
    _register_all()
    registered = {info.name or info.callback.__name__ for info in app.registered_commands}
    assert registered == set(COMMANDS)
    assert set(COMMANDS.values()) == set(FAMILIES)


def test_running_score_does_not_import_the_text_commands(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "from krakit.cli import main\n"
        f"sys.argv = ['krakit', 'score', {str(SAMPLE)!r}]\n"
        "try:\n    main()\nexcept SystemExit as exc:\n    code = exc.code\nelse:\n    code = 0\n"
        "print('text family loaded:', 'krakit.cli.text' in sys.modules, 'exit:', code)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, cwd=tmp_path
    )
    assert "text family loaded: False exit: 0" in done.stdout, done.stderr
    helped = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from krakit.cli import main; sys.argv = ['krakit', '--help']; main()",
        ],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tmp_path,
    )
    assert all(f" {name} " in helped.stdout for name in COMMANDS), helped.stdout


def test_help_lists_every_command_without_loading_pandas_or_the_kpi_reader() -> None:
    code = (
        "import sys\n"
        "from krakit.cli import main\n"
        "sys.argv = ['krakit', '--help']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print('loaded:', [m for m in ('pandas', 'krakit.text.parse', 'altair') "
        "if m in sys.modules])\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert "loaded: []" in done.stdout, done.stderr
    for command in COMMANDS:
        assert command in done.stdout
