"""Saving and loading a 60-KPI scorecard: ``krakit.save`` and ``krakit.load`` end to end.

The scorecard is bench_live's (6 KRAs × 10 KPIs, every KPI parsed from a sentence, with owner
and data source) plus a year of monthly actuals for ten of its KPIs, about 22 KB of YAML.

What a save includes, all of it timed: ``krakit.save`` of a scorecard edited since its last
save (its holder changes every time, so every save writes new bytes), with ``touch`` (the
``updated`` stamp) and the conflict check as the wizard saves: the model to data, the YAML,
the lock (and the scan for a killed save's leftovers), reading the file on disk and
comparing its hash with the one the scorecard remembers, a new temporary file written and
fsynced, its permissions set, the rename over the target, the fsync of the folder (so the
rename itself survives a power cut), and the new hash remembered. A load is ``krakit.load``:
the size check, read, parse, upgrade and validation. Both use libyaml where PyYAML has it
(``yaml.__with_libyaml__``); the pure-Python classes (the fallback) are timed beside them.

Besides the wall-clock medians (the targets), it prints a save's CPU time (what the code
costs, whatever else runs on the machine) and the disk's share: the same bytes written as
a save writes them (temporary file, fsync, rename, fsync of the folder) with no YAML and no
checks. The disk's share is what no change to krakit's code removes; other programs writing
to the same disk lengthen it (each fsync waits for the file system's journal).

Run: ``.venv/bin/python benchmarks/bench_store.py`` (or ``make bench``).
Targets: save ≤ 10 ms, load ≤ 10 ms (median of 40); a "billion laughs" document (nine
levels of nine aliases: a billion values if expanded) refused in ≤ 50 ms.
"""

from __future__ import annotations

import itertools
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from _target import done, report  # noqa: E402
from bench_live import scorecard_60  # noqa: E402

import krakit  # noqa: E402
from krakit.store import atomic, safe_yaml  # noqa: E402

REPEAT = 40
TARGET_MS = 10.0


def scorecard() -> krakit.Scorecard:
    """bench_live's 60-KPI scorecard with twelve months of actuals for ten KPIs."""
    sc = scorecard_60()
    kpis = sc.all_kpis()[::6]
    actuals = [
        {"kpi": kpi.id, "period": f"2026-{m:02d}", "value": 100 + 7 * i + m}
        for i, kpi in enumerate(kpis)
        for m in range(1, 13)
    ]
    return sc.model_copy(update={"actuals": [krakit.Actual(**a) for a in actuals]})


def billion_laughs(levels: int = 9, width: int = 9) -> str:
    """Nine nested lists of nine aliases each: 9^9 values once expanded."""
    names = "abcdefghi"[:levels]
    lines = ["a: &a [" + ", ".join(['"lol"'] * width) + "]"]
    for previous, name in itertools.pairwise(names):
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{previous}"] * width) + "]")
    return "\n".join([*lines, "role: {title: Laughs}", f"ignore: *{names[-1]}"]) + "\n"


def refuse(text: str) -> None:
    try:
        krakit.loads(text)
    except krakit.InputError:
        return
    raise AssertionError("the billion laughs were read")


class Timing(NamedTuple):
    """Milliseconds: the median wall-clock time (the target's), the median CPU time, and
    the fastest run (what the code takes when nothing else runs on the machine)."""

    wall: float
    cpu: float
    fastest: float


def median_ms(fn: Callable[[int], object], repeat: int = REPEAT) -> Timing:
    """How long ``fn(i)`` takes for i in 0..repeat-1."""
    fn(-1)  # warm-up
    wall, cpu = [], []
    for i in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        fn(i)
        cpu.append(time.process_time() - start_cpu)
        wall.append(time.perf_counter() - start)
    return Timing(statistics.median(wall) * 1000, statistics.median(cpu) * 1000, min(wall) * 1000)


def timings(sc: krakit.Scorecard, path: Path) -> tuple[Timing, Timing]:
    """A save's timing and a load's."""
    krakit.save(sc, path, force=True)

    def save(i: int) -> None:
        sc.holder = f"Regional manager {i % 2}"  # an edit: every save writes new bytes
        krakit.save(sc, path)

    return median_ms(save), median_ms(lambda _i: krakit.load(path))


def disk_ms(folder: Path, raw: bytes) -> float:
    """The disk's share of a save: ``raw`` replaced atomically and durably, no YAML, no checks."""
    target = folder / "disk-share.yaml"
    versions = (raw, raw + b"# another version\n")
    return median_ms(lambda i: atomic.atomic_write(target, versions[i % 2])).wall


def main() -> int:
    sc = scorecard()
    load_avg = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="krakit-bench-store-") as folder:
        path = Path(folder) / "regional-manager.yaml"
        krakit.save(sc, path)
        size = path.stat().st_size
        engine = "libyaml" if yaml.__with_libyaml__ else "pure Python (no libyaml here)"
        print(
            f"60-KPI scorecard, {len(sc.actuals)} actuals, {size / 1024:.1f} KB of YAML; "
            f"{engine}; median of {REPEAT}; load average {load_avg[0]:.1f} on "
            f"{os.cpu_count()} cores"
        )
        save, load = timings(sc, path)
        disk = disk_ms(Path(folder), path.read_bytes())
        dump = median_ms(lambda _i: krakit.dump(sc)).cpu
        store_loader, store_dumper = safe_yaml._LOADER, safe_yaml._FAST_DUMPER
        safe_yaml._LOADER, safe_yaml._FAST_DUMPER = safe_yaml._UniqueKeyLoader, None
        try:
            pure_save, pure_load = timings(sc, path)
        finally:
            safe_yaml._LOADER, safe_yaml._FAST_DUMPER = store_loader, store_dumper
    report("save a 60-KPI scorecard (krakit.save)", save.wall, TARGET_MS, "ms")
    print(
        f"  (CPU {save.cpu:.1f} ms, of which YAML {dump:.1f} ms; the disk's share, the file "
        f"and its folder fsynced: {disk:.1f} ms here; fastest save {save.fastest:.1f} ms)"
    )
    report("load a 60-KPI scorecard (krakit.load)", load.wall, TARGET_MS, "ms")
    print(f"  (CPU {load.cpu:.1f} ms; fastest load {load.fastest:.1f} ms)")
    laughs = billion_laughs()
    report("refuse a billion-laughs YAML", median_ms(lambda _i: refuse(laughs), 10).wall, 50, "ms")
    print(
        f"  (pure-Python PyYAML, the fallback: save {pure_save.wall:.1f} ms, "
        f"load {pure_load.wall:.1f} ms)"
    )
    return done()


if __name__ == "__main__":
    raise SystemExit(main())
