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
"""

from __future__ import annotations

import csv
import datetime as dt
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
from krakit.rules.engine import classify_text, parse  # noqa: E402
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


def _time(fn, repeat: int) -> float:  # type: ignore[no-untyped-def]
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - start)
    return statistics.median(runs)


def bench_scorecard() -> None:
    sc = scorecard()
    parse.cache_clear()
    classify_text.cache_clear()
    start = time.perf_counter()
    krakit.check(sc, today=TODAY)
    cold = time.perf_counter() - start
    warm = _time(lambda: krakit.check(sc, today=TODAY), 20)
    print(f"60-KPI scorecard: cold {cold * 1000:7.1f} ms   warm (re-check) {warm * 1000:5.1f} ms")
    report("check a 60-KPI scorecard, cold", cold * 1000, 1000, "ms")
    report("check a 60-KPI scorecard, warm (re-check)", warm * 1000, 20, "ms")
    rng = random.Random(7)
    distinct = [statement(i, rng)[0] + f" (team {i})" for i in range(300)]
    start = time.perf_counter()
    for text in distinct:
        parse(text)
        classify_text(text)
    per = (time.perf_counter() - start) / len(distinct)
    print(f"parse + classify of a new statement: {per * 1000:.2f} ms each (krakit.text)")


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
    start = time.perf_counter()
    for text, _ in pool:
        parse(text)
        classify_text(text)
    print(
        f"parsing the pool of {len(pool):,} distinct statements: "
        f"{time.perf_counter() - start:.2f} s (once)"
    )
    rows_per_s = []
    with tempfile.TemporaryDirectory() as folder:
        for rows in (10_000, 50_000, 100_000):
            path = Path(folder) / f"sheet_{rows}.csv"
            write_sheet(path, rows, pool)
            start = time.perf_counter()
            found = check_file(path, today=TODAY)
            took = time.perf_counter() - start
            rows_per_s.append(rows / took)
            print(
                f"sheet {rows:>7,} rows: {took:6.2f} s   {took / rows * 1e6:6.1f} µs/row   "
                f"{len(found):,} findings"
            )
    ratio = rows_per_s[0] / rows_per_s[-1]
    print(f"per-row cost at 100k vs 10k: {ratio:.2f}x (1.0 = perfectly linear)")
    report("check a 100,000-row KPI sheet (check_file)", took, SHEET_TARGET_S, "s")
    report("per-row cost, 100k rows ÷ 10k rows", ratio, 1.5, "×")


if __name__ == "__main__":
    bench_scorecard()
    bench_sheets()
    raise SystemExit(done())
