"""Benchmark: 1 M raw event rows in Parquet -> actuals for 1,000 people x 10 KPIs x 12 months.

Times :func:`krakit.compute_actuals` against the same numbers written by hand as one DuckDB
query (a FILTER per KPI, one pass), in CPU seconds of this process (DuckDB's threads
included), the two run alternately so a busy machine slows both alike; checks both give the
same values; samples peak resident memory while krakit computes.

Run: ``.venv/bin/python benchmarks/bench_actuals.py`` (or ``make bench``); the 10 M and 100 M
row runs are ``benchmarks/scale_actuals.py`` (not in make bench).
Targets: krakit ≤ 1.2 × the hand-written query; ≤ 2 CPU-s; ≤ 400 MB above the start.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

import duckdb
import numpy as np
import psutil

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _actuals_data import by_hand, card, generate, load
from _target import done, report

import krakit

ROWS, PEOPLE, REPEAT = 1_000_000, 1_000, 5


def _cpu(fn):  # type: ignore[no-untyped-def]
    start = time.process_time()
    out = fn()
    return time.process_time() - start, out


class _Peak:
    """Sample this process's resident memory every 5 ms while a block runs."""

    def __enter__(self) -> _Peak:
        self.proc, self.base, self.peak = psutil.Process(), psutil.Process().memory_info().rss, 0
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._sample, daemon=True)
        self.thread.start()
        return self

    def _sample(self) -> None:
        while not self.stop.is_set():
            self.peak = max(self.peak, self.proc.memory_info().rss)
            time.sleep(0.005)

    def __exit__(self, *_: object) -> None:
        self.stop.set()
        self.thread.join()

    @property
    def above_mb(self) -> float:
        return (self.peak - self.base) / 2**20


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "events.parquet"
        seconds = generate(path, ROWS, PEOPLE)
        print(f"  {ROWS:,} rows for {PEOPLE:,} people generated in {seconds:.1f} s ({load()})")
        scorecard = card()
        con = duckdb.connect()
        con.execute("SET enable_progress_bar = false")
        with _Peak() as peak:  # first, while the heap is as small as it will be
            krakit.compute_actuals(scorecard, {"events": path}, everyone=True)
        ours, theirs, ratios = [], [], []
        for _ in range(REPEAT):
            mine, frame = _cpu(lambda: krakit.compute_actuals(scorecard, {"events": path},
                                                              everyone=True))  # fmt: skip
            hand, count = _cpu(lambda: by_hand(con, path, one_query=True))
            ours.append(mine)
            theirs.append(hand)
            ratios.append(mine / hand)
        assert len(frame) == count, (len(frame), count)
        check = con.execute(
            f"SELECT person, date_trunc('month', happened_at)::DATE AS m, "
            f"median(duration) FILTER (kind = 'ticket') AS v FROM read_parquet('{path}') "
            "GROUP BY ALL ORDER BY 1, 2"
        ).fetch_df()
        mine_median = frame[frame["kpi"] == "resolution-time"]["value"].to_numpy()
        assert np.allclose(mine_median, check["v"].to_numpy()), "medians differ"
        print(f"  {len(frame):,} actuals, equal to the hand-written query's ({load()})")
        report("actuals 1 M rows: krakit / hand-written SQL", statistics.median(ratios), 1.2, "x")
        report("actuals 1 M rows, 10 KPIs (CPU)", statistics.median(ours), 2.0, "s")
        print(f"  {'hand-written DuckDB query (CPU)':<46} {statistics.median(theirs):>6.3g} s")
        report("actuals 1 M rows: memory above start", peak.above_mb, 400, "MB")
    return done()


if __name__ == "__main__":
    raise SystemExit(main())
