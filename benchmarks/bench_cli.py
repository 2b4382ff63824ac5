"""How long ``krakit report -o r.html`` and ``krakit chart -o c.png`` take, start to finish.

Each command runs as a user runs it: a new process of the installed ``krakit`` script on the
sample recruiter scorecard (with actuals), so the figure includes Python's start, the imports
(pandas, pydantic), scoring, building the chart specs and vl-convert's first render. Five runs
each; the median wall-clock time is the figure (target 2 s), and the CPU time of the same runs
(all threads) is printed beside it, as it does not grow when other programs share the machine
as much. ``krakit --help`` and ``krakit score`` are timed too (three runs each).

Where the time goes now (CPU, this 2-core machine, load 3-6): the chart worker about 1.2 s
for the report's two SVGs and 1.4 s for the overview PNG (its Python start 0.05 s,
vl-convert's JavaScript engine 0.65-0.75 s once per process, the first drawing 0.3-0.45 s
more than a warm one as the engine compiles Vega's code, then 0.1-0.4 s a chart); the
command's own process 1.0 s for ``chart`` and 1.2-1.5 s for ``report``: Python with
pandas and numpy about 0.55 s, typer, rich and pydantic 0.2 s, the model 0.1 s, then
reading, scoring, the specs and (report) Jinja2, the goals served and the explanation.
Each run prints the worker's share (the worker alone, drawing the same specs). The engine
holds the GIL while it starts (a thread beside it was measured: no gain), so a command that
draws starts it in a second process first thing (``krakit.chart_worker``): on a free core
its start overlaps the imports and the scoring, and the drawing finds it ready (farm-bench,
alternated runs, load 2: ``krakit chart -o c.png`` 2.08 s -> 1.71 s wall, the same CPU).

What was cut: Altair is no longer imported to draw (``krakit.vegalite`` builds the same specs
as plain dicts: Altair's import and object building were about 0.9 s of CPU); before that,
``import altair`` imported jsonschema's format checkers (``rfc3987_syntax`` built a Lark
grammar at import, 2.5-6 s of CPU) and every command imported every command family. ``--help``
no longer imports pandas or the KPI reader. Then (about 0.15 s of CPU): the script raises
the cyclic GC's thresholds while it runs (imports no longer re-walk every object), skips
pydantic's plugin scan, builds pydantic validators on first use, and the report explains the
score it already has instead of scoring again.
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
from typing import Any

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


def engine_cpu(kind: str, runs: int = 3) -> float:
    """Median CPU seconds of the chart worker alone, drawing what ``krakit <kind>`` draws.

    The worker (:mod:`krakit.chart_worker`) is the process ``krakit report`` and ``krakit
    chart`` start to run vl-convert: its Python start, the JavaScript engine's start and the
    drawings. The rest of a command's CPU is the command's own process.
    """
    import krakit
    from krakit import score, vegalite
    from krakit.chart_worker import ChartWorker, Format

    card = krakit.load(SAMPLE)
    result = score(card)
    work: list[tuple[dict[str, Any], Format]]
    if kind == "report":
        work = [(vegalite.bullet(result), "svg"), (vegalite.contribution(result), "svg")]
    else:
        work = [(vegalite.overview(card, result), "png")]
    cpus = []
    for _ in range(runs):
        before = _children_cpu()
        with ChartWorker() as worker:  # closing waits for the child, so its CPU is counted
            for spec, fmt in work:
                worker.draw(vegalite.plain(spec), fmt)
        cpus.append(_children_cpu() - before)
    return statistics.median(cpus)


def main() -> int:
    load, cores = os.getloadavg()[0], os.cpu_count() or 1
    print(f"krakit CLI, {RUNS} runs each (load average {load:.1f} on {cores} cores)")
    for name, kind, args in (
        ("krakit report -o r.html", "report", ["report", str(SAMPLE), "-o", "{out}/r{i}.html"]),
        ("krakit chart -o c.png", "chart", ["chart", str(SAMPLE), "-o", "{out}/c{i}.png"]),
    ):
        wall, cpu = time_command(args)
        report(f"{name}, median wall clock", wall, TARGET_S, "s")
        report(f"{name}, median CPU", cpu, TARGET_S, "s")
        engine = engine_cpu(kind)
        print(f"    of which the chart worker {engine:.2f} s, the rest {cpu - engine:.2f} s")
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
