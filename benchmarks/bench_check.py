"""How fast the checker is: a 60-KPI scorecard (after every edit) and large KPI sheets.

* 60-KPI scorecard: ``check`` cold (every statement parsed and classified for the first time)
  and warm (statements already seen: the widget re-checks after each edit, and only the
  edited KPI is parsed again).
* KPI sheets of 10k / 50k / 100k rows (CSV): ``check_file`` end to end (read, map headers,
  build one scorecard per role, run every rule including duplicate detection). Rows repeat
  statements from a pool of 2,000 distinct sentences, as a team sheet does (the same KPIs for
  many people), so the timing shows the checker, not the parser; the cold cost of parsing
  distinct sentences is printed separately per statement.
  The per-row time should stay flat as rows grow: no quadratic step.

Each figure with a target is CPU time (this process only), the one to compare on a shared,
busy machine; the wall clock, which also counts other programs' turns, is printed beside it
with the load average. On a quiet machine the two are about equal.
"""

from __future__ import annotations

import csv
import datetime as dt
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from _target import done, report  # noqa: E402

import krakit  # noqa: E402
from krakit.rules.engine import classify_text, forget, parse  # noqa: E402
from krakit.rules.filecheck import check_file  # noqa: E402

TODAY = dt.date(2026, 11, 23)
SHEET_TARGET_S = 30.0
METRICS = [
    ("Reduce time to hire from {a} to {b} days by Q{q} 2027", "Time to hire"),
    ("Raise offer acceptance rate from {a}% to {c}% by March 2027", "Offer acceptance rate"),
    ("Keep voluntary attrition below {b}% per year", "Voluntary attrition"),
    ("Increase monthly revenue from ₹{a} lakh to ₹{c} lakh by Q{q} 2027", "Monthly revenue"),
    ("Resolve {c}% of tickets within {b} hours every month", "Tickets resolved in SLA"),
    ("Improve customer satisfaction", None),
    ("Customer retention rate", "Customer retention rate"),
    ("Make {c} calls per day", None),
    ("Reduce cost per hire to ₹{a},000 by Q{q} 2027", "Cost per hire"),
    ("Grow qualified pipeline value to ₹{c} lakh every quarter", "Qualified pipeline value"),
]


def statement(i: int, rng: random.Random) -> tuple[str, str | None]:
    text, metric = METRICS[i % len(METRICS)]
    a, b = rng.randint(30, 60), rng.randint(5, 29)
    return text.format(a=a, b=b, c=a + rng.randint(1, 20), q=rng.randint(1, 4)), metric


def scorecard(n_kpis: int = 60, seed: int = 1) -> krakit.Scorecard:
    rng = random.Random(seed)
    kras = []
    for k in range(n_kpis // 5):
        kpis = []
        for j in range(5):
            text, metric = statement(k * 5 + j, rng)
            kpis.append(
                {
                    "id": f"k{k}-{j}",
                    "statement": text,
                    "metric": metric,
                    "owner": "Asha",
                    "data_source": "HRIS",
                    "weight": 20,
                }
            )
        kras.append({"title": f"Area {k}", "weight": 100 / (n_kpis // 5), "kpis": kpis})
    return krakit.Scorecard.model_validate({"role": {"title": "Manager"}, "kras": kras})


def _timed(fn) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    """One call of ``fn``: (CPU seconds, wall-clock seconds)."""
    start, start_cpu = time.perf_counter(), time.process_time()
    fn()
    return time.process_time() - start_cpu, time.perf_counter() - start


def _load() -> str:
    return f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"


def bench_scorecard() -> None:
    sc = scorecard()
    # the first check in this process: imports, word lists, rules, every statement read
    first, first_wall = _timed(lambda: krakit.check(sc, today=TODAY))
    colds = []
    for _ in range(3):  # modules loaded, but everything remembered forgotten first
        forget()
        colds.append(_timed(lambda: krakit.check(sc, today=TODAY)))
    cold, cold_wall = min(colds)
    warms = [_timed(lambda: krakit.check(sc, today=TODAY)) for _ in range(20)]
    warm = statistics.median(c for c, _ in warms)
    warm_wall = statistics.median(w for _, w in warms)
    print(
        f"60-KPI scorecard: first check in a new process {first * 1000:.1f} ms CPU "
        f"({first_wall * 1000:.1f} wall)   cold (caches forgotten) {cold * 1000:.1f} ms CPU "
        f"({cold_wall * 1000:.1f} wall)   warm (re-check) {warm * 1000:.1f} ms CPU "
        f"({warm_wall * 1000:.1f} wall); {_load()}"
    )
    report("check a 60-KPI scorecard, cold, CPU", first * 1000, 1000, "ms")
    report("check a 60-KPI scorecard, warm (re-check), CPU", warm * 1000, 20, "ms")
    rng = random.Random(7)
    distinct = [statement(i, rng)[0] + f" (team {i})" for i in range(300)]

    def read_all() -> None:
        for text in distinct:
            parse(text)
            classify_text(text)

    per, _ = _timed(read_all)
    print(f"parse + classify of a new statement: {per / len(distinct) * 1000:.2f} ms CPU each")


def write_sheet(path: Path, rows: int, pool: list[tuple[str, str | None]]) -> None:
    rng = random.Random(rows)
    with path.open("w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle)
        out.writerow(["Role", "KRA", "KPI", "Owner", "Data source", "Frequency", "Weight"])
        for i in range(rows):
            text, _ = pool[rng.randrange(len(pool))]
            role = f"Role {i // 20}"
            out.writerow(
                [role, f"Area {(i // 5) % 4}", text, f"P{i // 20}", "HRIS", "monthly", "20"]
            )


def bench_sheets() -> None:
    rng = random.Random(3)
    pool = [statement(i, rng) for i in range(2000)]

    def read_pool() -> None:
        for text, _ in pool:
            parse(text)
            classify_text(text)

    once, _ = _timed(read_pool)
    print(f"parsing the pool of {len(pool):,} distinct statements: {once:.2f} s CPU (once)")
    rows_per_s = []
    with tempfile.TemporaryDirectory() as folder:
        for rows in (10_000, 50_000, 100_000):
            path = Path(folder) / f"sheet_{rows}.csv"
            write_sheet(path, rows, pool)
            start, start_cpu = time.perf_counter(), time.process_time()
            found = check_file(path, today=TODAY)
            took, wall = time.process_time() - start_cpu, time.perf_counter() - start
            rows_per_s.append(rows / took)
            print(
                f"sheet {rows:>7,} rows: {took:6.2f} s CPU ({wall:.2f} wall)   "
                f"{took / rows * 1e6:6.1f} µs/row   {len(found):,} findings; {_load()}"
            )
    ratio = rows_per_s[0] / rows_per_s[-1]
    print(f"per-row cost at 100k vs 10k: {ratio:.2f}x (1.0 = perfectly linear)")
    report("check a 100,000-row KPI sheet (check_file), CPU", took, SHEET_TARGET_S, "s")
    report("per-row cost, 100k rows ÷ 10k rows", ratio, 1.5, "×")


if __name__ == "__main__":
    bench_scorecard()
    bench_sheets()
    raise SystemExit(done())
