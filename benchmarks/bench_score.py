"""Benchmark: score 10,000 people × 10 KPIs × 12 months (1.2 M actuals) end to end.

Times ``krakit.score`` against the same computation written as one DuckDB SQL query over the
same frame (roll-up with each KPI's aggregation, achievement per polarity and target type,
cap and floor, weights renormalised over what scored, KRA and overall scores, bands), checks
that both give the same overall score for every person, measures krakit's peak memory
against the input frame, and exports a 10,000-person team chart to PNG.

Run: ``.venv/bin/python benchmarks/bench_score.py`` (or ``make bench``).
Targets: krakit ≤ 1.0 × DuckDB, categorical and text columns both (the two timed alternately,
median of the run-by-run ratios, so a busy machine slows both alike); krakit's peak memory
≤ 6 × the input frame; the team chart PNG in < 2 s. The 10 × run (12 M actuals: time and
memory linear) is ``benchmarks/scale_score.py``, run by hand.
"""

from __future__ import annotations

import gc
import os
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _target import done, report

import krakit
from krakit.score import aggregation_of, score
from krakit.scoring.definitions import AGG_CODE, POLARITY_CODE, TARGET_CODE

PEOPLE, KPIS, MONTHS = 10_000, 10, 12
REPEAT = 5

KPI_SPECS = [
    # id, unit, polarity, target type, baseline, target, low, high
    ("revenue", "INR", "higher_is_better", "ratio", None, 1_000_000, None, None),
    ("time-to-close", "days", "lower_is_better", "ratio", None, 20, None, None),
    ("nps", "score", "higher_is_better", "progress", 30, 50, None, None),
    ("uptime", "%", "higher_is_better", "threshold", None, 99, None, None),
    ("utilisation", "%", "in_range", "ratio", None, None, 70, 85),
    ("calls", "calls", "higher_is_better", "ratio", None, 400, None, None),
    ("defects", "count", "lower_is_better", "ratio", None, 5, None, None),
    ("cost", "USD", "lower_is_better", "progress", 12_000, 10_000, None, None),
    ("csat", "%", "higher_is_better", "ratio", None, 90, None, None),
    ("backlog", "tickets", "lower_is_better", "ratio", None, 50, None, None),
]
MEANS = [1_000_000, 20, 42, 99.2, 78, 380, 5, 10_500, 88, 55]


def scorecard() -> krakit.Scorecard:
    kpis = []
    for i, (kid, unit, pol, tt, base, target, low, high) in enumerate(KPI_SPECS):
        kpis.append(
            {
                "id": kid,
                "unit": unit,
                "polarity": pol,
                "target_type": tt,
                "baseline": base,
                "target": target,
                "target_low": low,
                "target_high": high,
                "frequency": "monthly",
                "weight": [30, 20, 20, 15, 15][i] if i < 5 else None,
            }
        )
    return krakit.Scorecard(
        role={"title": "Account manager"},
        kras=[
            {"id": "growth", "title": "Growth", "weight": 60, "kpis": kpis[:5]},
            {"id": "service", "title": "Service", "weight": 40, "kpis": kpis[5:]},
        ],
    )


def actuals(seed: int = 7, people: int = PEOPLE) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    n = people * KPIS * MONTHS
    kpi_code = np.tile(np.repeat(np.arange(KPIS), MONTHS), people)
    means = np.array(MEANS, dtype="float64")[kpi_code]
    value = rng.normal(means, np.abs(means) * 0.12)
    value[rng.random(n) < 0.01] = np.nan  # 1% missing: excluded, weights renormalised
    names = [f"E{i:05d}" for i in range(people)]
    return pd.DataFrame(
        {
            "person": pd.Categorical.from_codes(np.repeat(np.arange(people), KPIS * MONTHS), names),
            "kpi": pd.Categorical.from_codes(kpi_code, [k[0] for k in KPI_SPECS]),
            "period": pd.Categorical.from_codes(
                np.tile(np.arange(MONTHS), people * KPIS),
                [f"2026-{m:02d}" for m in range(1, MONTHS + 1)],
            ),
            "value": value,
        }
    )


def definitions(sc: krakit.Scorecard) -> pd.DataFrame:
    rows = []
    kra_total = sum(k.weight or 0 for k in sc.kras)
    for kra in sc.kras:
        given = [k.weight for k in kra.kpis]
        left = 100 - sum(w for w in given if w is not None)
        missing = sum(w is None for w in given)
        for kpi in kra.kpis:
            w = kpi.weight if kpi.weight is not None else left / missing
            rows.append(
                {
                    "kpi": kpi.id,
                    "kra": kra.id,
                    "kra_w": (kra.weight or 0) / kra_total,
                    "kpi_w": w / 100,
                    "pol": POLARITY_CODE[kpi.polarity],
                    "tt": TARGET_CODE[kpi.target_type],
                    "agg": AGG_CODE[aggregation_of(kpi)],
                    "target": kpi.target,
                    "baseline": kpi.baseline,
                    "low": kpi.target_low,
                    "high": kpi.target_high,
                }
            )
    return pd.DataFrame(rows).astype(
        {"target": "float64", "baseline": "float64", "low": "float64", "high": "float64"}
    )


SQL = """
WITH a AS (
    SELECT f.person, f.kpi, f.period, f.value, d.*
    FROM frame f JOIN defs d ON f.kpi = d.kpi
    WHERE f.value IS NOT NULL AND NOT isnan(f.value)
),
p AS (  -- each period: met or not (thresholds hold per period; milestones are done)
    SELECT *,
        CASE WHEN tt = 3 THEN value >= coalesce(target, 1)
             WHEN pol = 0 THEN value >= target
             WHEN pol = 1 THEN value <= target
             ELSE value >= coalesce(low, -'inf'::DOUBLE) AND value <= coalesce(high, 'inf'::DOUBLE)
        END::INT AS met
    FROM a
),
t AS (  -- roll up over the periods with each KPI's aggregation; sums scale the target
    SELECT person, kpi, any_value(kra) AS kra, any_value(kra_w) AS kra_w,
        any_value(kpi_w) AS kpi_w, any_value(pol) AS pol, any_value(tt) AS tt,
        any_value(agg) AS agg, count(*) AS n,
        CASE any_value(agg) WHEN 0 THEN sum(value) WHEN 1 THEN avg(value)
             ELSE arg_max(value, period) END AS x,
        any_value(target) * CASE WHEN any_value(agg) = 0 THEN count(*) ELSE 1 END AS t,
        any_value(baseline) * CASE WHEN any_value(agg) = 0 THEN count(*) ELSE 1 END AS b,
        coalesce(any_value(low) * CASE WHEN any_value(agg) = 0 THEN count(*) ELSE 1 END,
                 -'inf'::DOUBLE) AS lo,
        coalesce(any_value(high) * CASE WHEN any_value(agg) = 0 THEN count(*) ELSE 1 END,
                 'inf'::DOUBLE) AS hi,
        avg(met) AS share, max(met) AS done
    FROM p GROUP BY person, kpi
),
r AS (  -- achievement per polarity and target type, then cap and floor
    SELECT person, kra, kra_w, kpi_w, least(greatest(
        CASE
            WHEN tt = 3 THEN done * 100.0
            WHEN tt = 2 THEN share * 100.0
            WHEN pol = 2 THEN CASE
                WHEN x >= lo AND x <= hi THEN 100.0
                WHEN x < lo THEN CASE WHEN lo > 0 AND x > 0 THEN x / lo * 100 ELSE 0 END
                ELSE CASE WHEN hi > 0 AND x > 0 THEN hi / x * 100 ELSE 0 END END
            WHEN tt = 1 THEN CASE
                WHEN t <> b THEN (x - b) / (t - b) * 100
                WHEN (pol = 0 AND x >= t) OR (pol = 1 AND x <= t) THEN 100 ELSE 0 END
            WHEN pol = 0 THEN CASE
                WHEN t > 0 THEN CASE WHEN x > 0 THEN x / t * 100 ELSE 0 END
                WHEN x >= t THEN 100 ELSE 0 END
            ELSE CASE
                WHEN t > 0 THEN CASE WHEN x > 0 THEN t / x * 100 ELSE 'inf'::DOUBLE END
                WHEN t = 0 THEN CASE WHEN x <= 0 THEN 100 ELSE 0 END
                WHEN x <= t THEN 100 ELSE 0 END
        END, 0), 120) AS ach
    FROM t
),
k AS (  -- KRA score: KPI weights renormalised over the KPIs that scored
    SELECT person, kra, any_value(kra_w) AS kra_w, sum(kpi_w * ach) / sum(kpi_w) AS s
    FROM r GROUP BY person, kra
),
o AS (  -- overall: KRA weights renormalised over the KRAs that scored
    SELECT person, sum(kra_w * s) / sum(kra_w) AS score FROM k GROUP BY person
)
SELECT person, score,
    CASE WHEN round(score, 6) >= 115 THEN 'Outstanding'
         WHEN round(score, 6) >= 105 THEN 'Exceeds expectations'
         WHEN round(score, 6) >= 90 THEN 'Meets expectations'
         WHEN round(score, 6) >= 70 THEN 'Needs improvement'
         ELSE 'Unsatisfactory' END AS band
FROM o ORDER BY person
"""


def timed(fn, repeat: int = REPEAT) -> tuple[float, object]:
    times, out = [], None
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), out


def side_by_side(mine, theirs, repeat: int = REPEAT) -> tuple[float, float, float, object, object]:
    """Time krakit and DuckDB alternately, so that a machine busy with other work slows both
    alike: (krakit's median, DuckDB's median, the median of the run-by-run ratios, outputs)."""
    ours, others, out_mine, out_theirs = [], [], None, None
    for _ in range(repeat):
        t_mine, out_mine = timed(mine, 1)
        t_theirs, out_theirs = timed(theirs, 1)
        ours.append(t_mine)
        others.append(t_theirs)
    ratio = statistics.median(a / b for a, b in zip(ours, others, strict=True))
    return statistics.median(ours), statistics.median(others), ratio, out_mine, out_theirs


def main() -> int:
    import duckdb

    sc = scorecard()
    frame = actuals()
    team = dict.fromkeys(frame["person"].cat.categories, sc)
    defs = definitions(sc)
    input_mb = frame.memory_usage(deep=True).sum() / 1e6
    print(
        f"input: {len(frame):,} actuals ({PEOPLE:,} people × {KPIS} KPIs × {MONTHS} months),"
        f" {input_mb:.1f} MB in memory"
    )

    _ = score(team, frame).kpis  # warm-up (imports, first allocations)
    con = duckdb.connect()
    con.register("frame", frame)
    con.register("defs", defs)
    con.execute(SQL).df()  # warm-up
    t_krakit, t_duck, ratio, result, duck = side_by_side(
        lambda: score(team, frame), lambda: con.execute(SQL).df()
    )
    t_full, _ = timed(lambda: score(team, frame).kpis)
    threads = con.execute("SELECT current_setting('threads')").fetchone()[0]

    mine = result.overall.set_index("person")["score"].astype("float64")
    theirs = duck.set_index("person")["score"].reindex(mine.index.astype(str))
    diff = float(np.nanmax(np.abs(mine.to_numpy() - theirs.to_numpy())))
    bands_equal = bool(
        (
            result.overall["band"].to_numpy()
            == duck.set_index("person")["band"].reindex(mine.index.astype(str)).to_numpy()
        ).all()
    )
    assert diff < 1e-9 and bands_equal, f"krakit and DuckDB disagree (max diff {diff})"

    # the same actuals as a CSV reader gives them: text columns instead of categoricals
    text = frame.astype({"person": str, "kpi": str, "period": str})
    con_text = duckdb.connect()
    con_text.register("frame", text)
    con_text.register("defs", defs)
    t_text, t_duck_text, text_ratio, _, _ = side_by_side(
        lambda: score(team, text), lambda: con_text.execute(SQL).df(), repeat=3
    )

    peaks = []
    for full in (False, True):
        gc.collect()
        tracemalloc.start()
        res = score(team, frame)
        if full:
            res.kpis  # noqa: B018 (build the per-period table)
        peaks.append(tracemalloc.get_traced_memory()[1])
        tracemalloc.stop()
        del res

    print(
        f"krakit.score   {t_krakit:6.3f} s  (median of {REPEAT}; KPI totals, KRA and overall "
        f"scores, bands: {len(result.totals):,} KPI rows)"
    )
    print(
        f"DuckDB SQL     {t_duck:6.3f} s  (median of {REPEAT}; {threads} threads; the same "
        "result as one query)"
    )
    print(
        f"+ .kpis        {t_full:6.3f} s  (also the {len(result.kpis):,}-row per-period table:"
        f" {t_full / t_duck:.2f} × DuckDB)"
    )
    print(
        f"text columns   {t_text:6.3f} s krakit vs {t_duck_text:.3f} s DuckDB "
        "when person/kpi/period are plain strings"
    )
    print(f"agreement      max |krakit − DuckDB| overall score = {diff:.2e}; bands equal")
    print(
        f"peak memory    {peaks[0] / 1e6:6.1f} MB = {peaks[0] / 1e6 / input_mb:.1f} × the input "
        f"frame ({peaks[1] / 1e6:.1f} MB = {peaks[1] / 1e6 / input_mb:.1f} × with .kpis)"
    )

    from krakit import charts

    out = Path(__file__).with_name("team_heatmap.png")
    start = time.perf_counter()
    charts.save(charts.heatmap(result), out, scale=1)
    cold = time.perf_counter() - start
    start = time.perf_counter()
    charts.save(charts.heatmap(result), out, scale=1)
    warm = time.perf_counter() - start
    out.unlink(missing_ok=True)
    print(f"team chart     {cold:6.3f} s cold, {warm:.3f} s warm: 10,000-person heatmap to PNG")
    print(f"load average   {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    report("score 1.2 M actuals, krakit ÷ DuckDB", ratio, 1.0, "×")
    report("the same, text columns, krakit ÷ DuckDB", text_ratio, 1.0, "×")
    report("peak memory ÷ input frame (without .kpis)", peaks[0] / 1e6 / input_mb, 6.0, "×")
    report("10,000-person team chart to PNG, cold", cold, 2.0, "s")
    return done()


if __name__ == "__main__":
    raise SystemExit(main())
