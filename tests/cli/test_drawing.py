"""`krakit chart` and `krakit report` draw without Altair or the checker's rules.

Speed is kept by what is (not) imported; no test here looks at a clock.
"""

from __future__ import annotations

import base64
import re
import subprocess
import sys
from pathlib import Path

SAMPLE = Path(__file__).resolve().parents[2] / "templates" / "samples" / "recruiter.yaml"


def _run(args: list[str], cwd: Path) -> tuple[str, str]:
    """Run ``krakit <args>`` through its entry point in a new process; stdout and modules."""
    code = (
        "import sys\n"
        "from krakit.cli import main\n"
        f"sys.argv = ['krakit', *{args!r}]\n"
        "try:\n    main()\nexcept SystemExit as exc:\n    code = exc.code\nelse:\n    code = 0\n"
        "print('exit:', code, 'altair:', 'altair' in sys.modules, "
        "'rules:', 'krakit.rules' in sys.modules)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=180, cwd=cwd
    )
    return done.stdout, done.stderr


def test_chart_png_draws_without_altair(tmp_path: Path) -> None:
    out, err = _run(["chart", str(SAMPLE), "-o", "c.png"], tmp_path)
    assert "exit: 0 altair: False rules: False" in out, err
    assert (tmp_path / "c.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_report_html_draws_its_charts_without_altair(tmp_path: Path) -> None:
    out, err = _run(["report", str(SAMPLE), "-o", "r.html"], tmp_path)
    assert "exit: 0 altair: False" in out, err
    html = (tmp_path / "r.html").read_text(encoding="utf-8")
    images = re.findall(r'src="data:image/svg\+xml;base64,([^"]+)"', html)
    assert len(images) == 2  # bullet + contribution, drawn by vl-convert
    assert "Average time to hire" in base64.b64decode(images[0]).decode("utf-8")
    assert "<script" not in html.lower()


def test_a_failing_drawing_command_exits_cleanly(tmp_path: Path) -> None:
    out, err = _run(["chart", "missing.yaml", "-o", "c.png"], tmp_path)
    assert "exit: 2" in out, err
    assert "missing.yaml" in err and "Traceback" not in err
    assert not (tmp_path / "c.png").exists()


def test_a_kpi_sheet_is_still_refused_with_the_import_command(tmp_path: Path) -> None:
    sheet = tmp_path / "kpis.csv"
    sheet.write_text("KRA,KPI\nSales,Revenue 10 lakh\n", encoding="utf-8")
    out, err = _run(["chart", str(sheet), "-o", "c.png"], tmp_path)
    assert "exit: 2" in out, err
    assert "krakit import" in err
