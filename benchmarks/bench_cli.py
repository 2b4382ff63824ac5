"""How long ``krakit report -o r.html`` and ``krakit chart -o c.png`` take, start to finish.

Each command runs as a user runs it: a new process of the installed ``krakit`` script on the
sample recruiter scorecard (with actuals), so the figure includes Python's start, the imports
(pandas, Altair), scoring, building the charts and vl-convert's first render (its JavaScript
engine starts once per process: about 0.8 s of CPU). Five runs each; the median wall-clock
time is the figure (target 2 s), and the CPU time of the same runs is printed beside it, as
it does not grow when other programs share the machine.

Where the 8-9 s the issue measured went: ``import altair`` imported jsonschema, which built
``rfc3987_syntax``'s Lark grammar at import (2.5-6 s of CPU, for an IRI format check Vega-Lite
never uses; krakit.charts now imports Altair without it), and every command imported every
command family, the KPI-text parser included (0.3 s).
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _target import done, report  # noqa: E402

SAMPLE = ROOT / "templates" / "samples" / "recruiter.yaml"
SCRIPT = Path(sys.executable).parent / "krakit"
RUNS = 5
TARGET_S = 2.0


def _children_cpu() -> float:
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def time_command(args: list[str], runs: int = RUNS) -> tuple[float, float]:
    """Median wall-clock and CPU seconds of ``krakit <args>`` in a new process."""
    walls, cpus = [], []
    with tempfile.TemporaryDirectory() as folder:
        for i in range(runs):
            argv = [str(SCRIPT), *[a.format(out=folder, i=i) for a in args]]
            cpu, start = _children_cpu(), time.perf_counter()
            subprocess.run(argv, check=True, capture_output=True, cwd=folder)
            walls.append(time.perf_counter() - start)
            cpus.append(_children_cpu() - cpu)
    return statistics.median(walls), statistics.median(cpus)


def main() -> int:
    load, cores = os.getloadavg()[0], os.cpu_count() or 1
    print(f"krakit CLI, {RUNS} runs each (load average {load:.1f} on {cores} cores)")
    for name, args in (
        ("krakit report -o r.html", ["report", str(SAMPLE), "-o", "{out}/r{i}.html"]),
        ("krakit chart -o c.png", ["chart", str(SAMPLE), "-o", "{out}/c{i}.png"]),
    ):
        wall, cpu = time_command(args)
        report(f"{name}, median wall clock", wall, TARGET_S, "s")
        report(f"{name}, median CPU", cpu, TARGET_S, "s")
    return done()


if __name__ == "__main__":
    raise SystemExit(main())
