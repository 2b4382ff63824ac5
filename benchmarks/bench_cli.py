"""How long ``krakit report -o r.html`` and ``krakit chart -o c.png`` take, start to finish.

Each command runs as a user runs it: a new process of the installed ``krakit`` script on the
sample recruiter scorecard (with actuals), so the figure includes Python's start, the imports
(pandas, pydantic), scoring, building the chart specs and vl-convert's first render. Five runs
each; the median wall-clock time is the figure (target 2 s), and the CPU time of the same runs
(all threads) is printed beside it, as it does not grow when other programs share the machine
as much. ``krakit --help`` and ``krakit score`` are timed too (three runs each).

Where the time goes now (CPU, this 2-core machine): Python with pandas, numpy, pydantic and the
scorecard model about 0.85 s in the main thread; vl-convert's JavaScript engine about 0.75 s
once per process, then 0.1-0.2 s a chart (0.4 s for a PNG at scale 2). The engine holds the
GIL while it starts (a thread beside it was measured: no gain), so a command that draws starts
it in a second process first thing (``krakit.chart_worker``): on a free core its start
overlaps the imports and the scoring, and the drawing finds it ready (farm-bench, alternated
runs, load 2: ``krakit chart -o c.png`` 2.08 s -> 1.71 s wall, the same CPU).

What was cut: Altair is no longer imported to draw (``krakit.vegalite`` builds the same specs
as plain dicts: Altair's import and object building were about 0.9 s of CPU); before that,
``import altair`` imported jsonschema's format checkers (``rfc3987_syntax`` built a Lark
grammar at import, 2.5-6 s of CPU) and every command imported every command family. ``--help``
no longer imports pandas or the KPI reader.
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
HELP_TARGET_S = 1.0


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
    for name, args, target in (
        ("krakit --help", ["--help"], HELP_TARGET_S),
        ("krakit score", ["score", str(SAMPLE)], TARGET_S),
    ):
        wall, cpu = time_command(args, runs=3)
        report(f"{name}, median wall clock", wall, target, "s")
        report(f"{name}, median CPU", cpu, target, "s")
    return done()


if __name__ == "__main__":
    raise SystemExit(main())
