"""Scale run: score 1.2 M and 12 M actuals (10,000 and 100,000 people × 10 KPIs × 12 months).

Whole-organisation scoring must stay linear. Each size runs in a fresh process (so its peak
resident memory is its own) on the data and scorecard of ``bench_score.py``, and reports:
CPU and wall time of ``krakit.score`` (median of 3, after a warm-up on a small frame), time per
million actuals, krakit's peak traced memory against the input frame (a separate run under
``tracemalloc``), and the process's peak RSS. Then the 12 M figures against the 1.2 M ones:
a linear engine takes 10 × the time and memory for 10 × the actuals (targets: per actual,
within 20 % of the 1.2 M figure). User and system time are shown apart: at 12 M each array is
larger than the C allocator keeps for reuse, so the kernel maps fresh pages for every one
(system time), which user time per actual does not show.

Not part of ``make bench`` (about a minute and ~2 GB at 12 M): run it by hand,
``.venv/bin/python benchmarks/scale_score.py`` (``--people N`` for one size only).
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import resource
import statistics
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _target import done, report

SIZES = (10_000, 100_000)  # people: 1.2 M and 12 M actuals
REPEAT = 3


def measure(people: int) -> dict[str, float]:
    """Time and memory of scoring ``people`` people (in this process)."""
    import bench_score as b

    import krakit

    sc = b.scorecard()
    small = b.actuals(people=100)
    krakit.score(dict.fromkeys(small["person"].cat.categories, sc), small)  # warm-up
    frame = b.actuals(people=people)
    team = dict.fromkeys(frame["person"].cat.categories, sc)
    input_mb = frame.memory_usage(deep=True).sum() / 1e6
    cpu, wall, user, system = [], [], [], []
    for _ in range(REPEAT):
        gc.collect()
        c, w, r = time.process_time(), time.perf_counter(), resource.getrusage(resource.RUSAGE_SELF)
        krakit.score(team, frame)
        cpu.append(time.process_time() - c)
        wall.append(time.perf_counter() - w)
        after = resource.getrusage(resource.RUSAGE_SELF)
        user.append(after.ru_utime - r.ru_utime)
        system.append(after.ru_stime - r.ru_stime)
    gc.collect()
    tracemalloc.start()
    krakit.score(team, frame)
    peak = tracemalloc.get_traced_memory()[1] / 1e6
    tracemalloc.stop()
    return {
        "actuals": len(frame),
        "input_mb": input_mb,
        "cpu": statistics.median(cpu),
        "wall": statistics.median(wall),
        "user": statistics.median(user),
        "system": statistics.median(system),
        "peak_mb": peak,
        "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e3,  # KiB on Linux
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, help="one size only, in this process")
    parser.add_argument("--json", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.people:
        figures = measure(args.people)
        print(json.dumps(figures) if args.json else figures)
        return 0
    runs = []
    for people in SIZES:
        out = subprocess.run(
            [sys.executable, __file__, "--people", str(people), "--json"],
            check=True,
            capture_output=True,
            text=True,
        )
        f = json.loads(out.stdout.strip().splitlines()[-1])
        runs.append(f)
        print(
            f"{f['actuals'] / 1e6:5.1f} M actuals  cpu {f['cpu']:6.2f} s  wall {f['wall']:6.2f} s"
            f"  (per M: {f['user'] / f['actuals'] * 1e6:.3f} s user +"
            f" {f['system'] / f['actuals'] * 1e6:.3f} s system)  peak {f['peak_mb']:7.1f} MB ="
            f" {f['peak_mb'] / f['input_mb']:.1f} × the {f['input_mb']:.0f} MB input"
            f"  peak RSS {f['rss_mb']:7.0f} MB"
        )
    small, large = runs
    scale = large["actuals"] / small["actuals"]
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    per_actual = large["peak_mb"] / small["peak_mb"] / scale
    report("12 M ÷ 1.2 M: CPU time per actual", large["cpu"] / small["cpu"] / scale, 1.2, "×")
    report("12 M ÷ 1.2 M: user time per actual", large["user"] / small["user"] / scale, 1.2, "×")
    report("12 M ÷ 1.2 M: peak memory per actual", per_actual, 1.2, "×")
    report(
        "12 M actuals: peak memory ÷ input frame", large["peak_mb"] / large["input_mb"], 6.0, "×"
    )
    return done()


if __name__ == "__main__":
    raise SystemExit(main())
