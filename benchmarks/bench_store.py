"""Saving and loading a 60-KPI scorecard: ``krakit.save`` and ``krakit.load`` end to end.

The scorecard is bench_live's (6 KRAs × 10 KPIs, every KPI parsed from a sentence, with owner
and data source) plus a year of monthly actuals for ten of its KPIs, about 20 KB of YAML. A
save is the whole of ``krakit.save``: the model to data, YAML, the lock, the conflict check,
the fsynced temporary file and the rename; a load is ``krakit.load``: the size check, read,
parse, upgrade and validation. Both use libyaml where PyYAML has it (``yaml.__with_libyaml__``);
the pure-Python classes (the fallback) are timed beside them for comparison.

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

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from _target import done, report  # noqa: E402
from bench_live import scorecard_60  # noqa: E402

import krakit  # noqa: E402
from krakit.store import safe_yaml  # noqa: E402

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


def median_ms(fn: Callable[[], object], repeat: int = REPEAT) -> float:
    fn()  # warm-up
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - start)
    return statistics.median(runs) * 1000


def fsync_ms(folder: Path, raw: bytes) -> float:
    """One write of ``raw`` made durable (fsync), as a save does: the disk's share of a save."""

    def write() -> None:
        with (folder / "disk.tmp").open("wb") as handle:
            handle.write(raw)
            handle.flush()
            os.fsync(handle.fileno())

    return median_ms(write)


def timings(sc: krakit.Scorecard, path: Path) -> tuple[float, float]:
    save = median_ms(lambda: krakit.save(sc, path, force=True))
    load = median_ms(lambda: krakit.load(path))
    return save, load


def main() -> int:
    sc = scorecard()
    with tempfile.TemporaryDirectory(prefix="krakit-bench-store-") as folder:
        path = Path(folder) / "regional-manager.yaml"
        krakit.save(sc, path)
        size = path.stat().st_size
        engine = "libyaml" if yaml.__with_libyaml__ else "pure Python (no libyaml here)"
        print(
            f"60-KPI scorecard, {len(sc.actuals)} actuals, {size / 1024:.1f} KB of YAML; "
            f"{engine}; median of {REPEAT}"
        )
        save, load = timings(sc, path)
        disk = fsync_ms(Path(folder), path.read_bytes())
        dump = median_ms(lambda: krakit.dump(sc))
        store_loader, store_dumper = safe_yaml._LOADER, safe_yaml._FAST_DUMPER
        safe_yaml._LOADER, safe_yaml._FAST_DUMPER = safe_yaml._UniqueKeyLoader, None
        try:
            pure_save, pure_load = timings(sc, path)
        finally:
            safe_yaml._LOADER, safe_yaml._FAST_DUMPER = store_loader, store_dumper
    report("save a 60-KPI scorecard (krakit.save)", save, TARGET_MS, "ms")
    print(f"  (of which YAML {dump:.1f} ms; one fsync'd write of the file: {disk:.1f} ms here)")
    report("load a 60-KPI scorecard (krakit.load)", load, TARGET_MS, "ms")
    laughs = billion_laughs()
    report("refuse a billion-laughs YAML", median_ms(lambda: refuse(laughs), 10), 50, "ms")
    print(f"  (pure-Python PyYAML, the fallback: save {pure_save:.1f} ms, load {pure_load:.1f} ms)")
    return done()


if __name__ == "__main__":
    raise SystemExit(main())
