"""Speed of parse_kpi + classify: mean microseconds per statement.

The statements are krakit's own labelled set (tests/data/statements.csv) plus variants made
from it (numbers and cadences swapped, tables, dashboard lines), a few thousand in all. Each
keystroke in the guided flow runs both functions, so the mean must stay well under 1 ms.

quantulum3, a general quantity parser, is timed on the same statements when it is installed
(``pip install quantulum3``; it is not a krakit dependency); otherwise the script says so.
"""

from __future__ import annotations

import csv
import os
import random
import statistics
import sys
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from _target import done, report  # noqa: E402

from krakit.text.classify import classify  # noqa: E402
from krakit.text.parse import parse_kpi  # noqa: E402

STATEMENTS = ROOT / "tests" / "data" / "statements.csv"
N = 3000


def statements(n: int = N, seed: int = 7) -> list[str]:
    """``n`` realistic statements: the labelled set and variants of it."""
    with open(STATEMENTS, encoding="utf-8", newline="") as fh:
        base = [row["text"] for row in csv.DictReader(fh)]
    rng = random.Random(seed)
    out = list(base)
    forms = [
        "{t}",
        "{t} by Q{q} 2026",
        "{t} | Target {v}% | Actual {w}%",
        "KPI: {t} (weightage {q}0%)",
        "{t}, reviewed monthly",
        "Increase {t} from {w}% to {v}% within {q}0 days",
    ]
    while len(out) < n:
        text = rng.choice(base)
        out.append(
            rng.choice(forms).format(
                t=text, q=rng.randint(1, 4), v=rng.randint(50, 99), w=rng.randint(10, 49)
            )
        )
    return out[:n]


def mean_us(fn, texts: list[str], repeat: int = 3) -> float:
    """Best-of-``repeat`` mean CPU time per call in microseconds (this process only: other
    programs' turns on a busy machine do not count)."""
    runs = []
    for _ in range(repeat):
        start = time.process_time()
        for text in texts:
            fn(text)
        runs.append((time.process_time() - start) / len(texts) * 1e6)
    return min(runs)


DEV_SET = ROOT.parent / "shared" / "data" / "real_world_dev.csv"
NEW_STATEMENT_TARGET_MS = 0.5


def _tag(i: int) -> str:
    """A short letter code, different for every ``i`` ("aaaa", "baaa"...): no digits, so the
    parser reads no extra number."""
    out = ""
    for _ in range(4):
        out, i = out + "abcdefghijklmnopqrstuvwxyz"[i % 26], i // 26
    return out


def new_statement_ms(rounds: int = 3, copies: int = 4) -> tuple[float, float]:
    """parse + classify + check of a statement never seen before, mean ms: (wall, CPU).

    The development set's texts (or the own labelled set when it is absent), each made unique
    with a letter code per round, so no cache (parse, classify, the checker's) ever hits. Each
    figure is the best of ``rounds``; the CPU time (this process only) is the one to compare
    on a shared, busy machine, where the wall clock also counts other programs' turns.
    """
    from krakit.rules import check

    path = DEV_SET if DEV_SET.exists() else STATEMENTS
    with open(path, encoding="utf-8", newline="") as fh:
        base = [row["text"] for row in csv.DictReader(fh)] * copies
    for text in base[:30]:  # lexicons, compiled patterns, the rule catalogue, the library
        check(f"warm up {text}")
    wall = cpu = float("inf")
    for r in range(rounds):
        texts = [f"{text} {_tag(i + r * len(base))}" for i, text in enumerate(base)]
        start, start_cpu = time.perf_counter(), time.process_time()
        for text in texts:
            parse_kpi(text)
            classify(text, suggest=False)
            check(text)
        wall = min(wall, (time.perf_counter() - start) / len(texts) * 1e3)
        cpu = min(cpu, (time.process_time() - start_cpu) / len(texts) * 1e3)
    return wall, cpu


def main() -> int:
    texts = statements()
    for text in texts[:50]:  # warm the caches (lexicons, compiled patterns, library)
        parse_kpi(text)
        classify(text)
    parse_us = mean_us(parse_kpi, texts)
    both_us = mean_us(lambda t: (parse_kpi(t), classify(t, suggest=False)), texts)
    single = []
    for text in texts[:500]:
        start = time.process_time()
        parse_kpi(text)
        classify(text, suggest=False)
        single.append((time.process_time() - start) * 1e6)
    p95 = statistics.quantiles(single, n=20)[-1]
    print(f"{len(texts)} statements, mean CPU microseconds per statement (best of 3)")
    print(f"  parse_kpi               {parse_us:8.0f} µs")
    print(f"  parse_kpi + classify    {both_us:8.0f} µs   (p95 {p95:.0f} µs)")
    report("parse + classify one statement, mean, CPU", both_us / 1000, 0.5, "ms")
    report("parse + classify one statement, p95, CPU", p95 / 1000, 1.0, "ms")
    wall_ms, cpu_ms = new_statement_ms()
    name = "parse + classify + check, new statement, CPU"
    load = f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"
    print(f"  parse + classify + check, new statement: {wall_ms:.3f} ms wall clock ({load})")
    report(name, cpu_ms, NEW_STATEMENT_TARGET_MS, "ms")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            from quantulum3 import parser as q3
    except ImportError:
        print("  quantulum3              not installed (pip install quantulum3 to compare)")
        return done()
    sample = texts[:300]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        q3.parse(sample[0])  # its first call loads its unit tables
        q3_us = mean_us(q3.parse, sample, repeat=1)
    print(f"  quantulum3.parse        {q3_us:8.0f} µs   (first {len(sample)} statements)")
    print(f"  krakit is {q3_us / both_us:.0f}x faster while also classifying")
    return done()


if __name__ == "__main__":
    raise SystemExit(main())
