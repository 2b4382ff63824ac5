"""Per-field accuracy of parse_kpi + classify on labelled statements.

Run ``python benchmarks/eval_real_world.py`` (or ``make eval``). It reads
``../shared/data/real_world_dev.csv`` relative to the project root and skips with a message
when the file is absent. The loader and the scoring are importable functions, so other
evaluations (``benchmarks/eval_checker.py``) reuse them::

    from benchmarks.eval_real_world import load_statements, predict, score_fields

The shared file's unit vocabulary (percent, currency:INR, days, count, ratio, score, other)
is mapped onto krakit's (``%``, ``INR``, ``days``, ``count``, unit nouns...) here, not in the
parser.
"""

from __future__ import annotations

import csv
import math
import re
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from krakit.text.classify import classify  # noqa: E402
from krakit.text.draft import KPIDraft  # noqa: E402
from krakit.text.parse import parse_kpi  # noqa: E402

REAL_WORLD = ROOT.parent / "shared" / "data" / "real_world_dev.csv"
NEW_ROWS_FROM = 1001  # rows added with issue 16, reported on their own as well
FIELDS = ("label", "target", "relative", "direction", "period", "smart_complete")
_DATED = re.compile(r"(?i)^\s*(?:by|before|until|till|til|due|no later|deadline|in|at|end|within)")


def load_statements(path: str | Path = REAL_WORLD) -> list[dict[str, str]]:
    """Read a labelled CSV (``text, label, target_value, target_unit, ...``) into dicts."""
    with open(path, encoding="utf-8", newline="") as fh:
        return [dict(row) for row in csv.DictReader(fh)]


def shared_unit(unit: str | None) -> str | None:
    """Map a krakit unit onto the shared file's vocabulary."""
    if unit is None:
        return None
    if unit == "%":
        return "percent"
    if unit in ("days", "hours", "minutes"):
        return unit
    if unit == "x":
        return "ratio"
    if unit == "score" or unit.startswith("/"):
        return "score"
    if re.fullmatch(r"[A-Z]{3}", unit):
        return f"currency:{unit}"
    if unit in ("milliseconds", "seconds", "weeks", "months", "quarters", "years"):
        return "other"
    return "count"


def shared_period(draft: KPIDraft) -> str:
    """The shared file's period: a dated deadline or a window is ``by-date``, else the cadence."""
    span = draft.spans.get("deadline")
    # a year read as the span the target covers ("in FY 2025-26") is its period, not a date
    dated = span is not None and span != draft.spans.get("period")
    dated = dated and bool(_DATED.match(draft.text[span[0] : span[1]]))
    if draft.within is not None or dated:
        return "by-date"
    if draft.period is not None:
        return str(draft.period)
    if draft.deadline is not None:
        return "by-date"
    return "none stated"


def predict(text: str) -> dict[str, Any]:
    """parse + classify one statement into the shared file's fields."""
    draft = parse_kpi(text)
    label = str(classify(text, suggest=False).label)
    target_value: str | None = None
    target_unit: str | None = None
    relative = False
    if draft.target_low is not None and draft.target_high is not None:
        target_value = f"{draft.target_low.value:g}-{draft.target_high.value:g}"
        target_unit = shared_unit(draft.target_low.unit)
    elif draft.target is not None:
        target_value = f"{draft.target.value:g}"
        target_unit = shared_unit(draft.target.unit)
        relative = draft.target.relative
    period = shared_period(draft)
    return {
        "label": label,
        "target_value": target_value,
        "target_unit": target_unit,
        "relative": relative,
        "direction": str(draft.direction) if draft.direction else "none stated",
        "period": period,
        "smart_complete": target_value is not None and period != "none stated",
    }


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value)) or value == ""


def _same_value(gold: str, got: str | None) -> bool:
    if _blank(gold):
        return got is None
    if got is None:
        return False
    try:
        g = [float(x) for x in str(gold).split("-")] if "-" in str(gold)[1:] else [float(gold)]
        p = [float(x) for x in got.split("-")] if "-" in got[1:] else [float(got)]
    except ValueError:
        return False
    return len(g) == len(p) and all(
        math.isclose(a, b, rel_tol=1e-6) for a, b in zip(g, p, strict=True)
    )


def _truth(value: Any) -> bool:
    return str(value).strip().lower() == "true"


def score_fields(rows: list[dict[str, str]]) -> dict[str, tuple[int, int]]:
    """Return ``{field: (right, total)}``; field scores other than label count KPI rows only."""
    out = {f: [0, 0] for f in FIELDS}
    for row in rows:
        got = predict(row["text"])
        out["label"][0] += got["label"] == row["label"]
        out["label"][1] += 1
        if row["label"] != "KPI":
            continue
        checks = {
            "target": _same_value(row.get("target_value", ""), got["target_value"])
            and (_blank(row.get("target_value")) or row.get("target_unit") == got["target_unit"]),
            "relative": _truth(row.get("relative")) == got["relative"],
            "direction": (row.get("direction") or "none stated") == got["direction"],
            "period": (row.get("period") or "none stated") == got["period"],
            "smart_complete": _truth(row.get("smart_complete")) == got["smart_complete"],
        }
        for name, ok in checks.items():
            out[name][0] += ok
            out[name][1] += 1
    return {k: (v[0], v[1]) for k, v in out.items()}


def misses(rows: list[dict[str, str]], field: str) -> list[tuple[str, Any, Any]]:
    """The rows one field gets wrong, as ``(text, gold, predicted)`` (for error analysis)."""
    wrong = []
    for row in rows:
        got = predict(row["text"])
        if field == "label":
            if got["label"] != row["label"]:
                wrong.append((row["text"], row["label"], got["label"]))
        elif row["label"] == "KPI":
            if field == "target":
                ok = _same_value(row.get("target_value", ""), got["target_value"]) and (
                    _blank(row.get("target_value")) or row.get("target_unit") == got["target_unit"]
                )
                if not ok:
                    wrong.append(
                        (
                            row["text"],
                            (row["target_value"], row["target_unit"]),
                            (got["target_value"], got["target_unit"]),
                        )
                    )
            else:
                gold = row.get(field) or "none stated"
                pred = got[field]
                if isinstance(pred, bool):
                    gold_b = _truth(gold)
                    if gold_b != pred:
                        wrong.append((row["text"], gold_b, pred))
                elif gold != pred:
                    wrong.append((row["text"], gold, pred))
    return wrong


def print_table(title: str, scores: dict[str, tuple[int, int]]) -> None:
    print(title)
    print(f"  {'field':<16}{'right':>7}{'of':>6}{'accuracy':>10}")
    for name, (right, total) in scores.items():
        acc = right / total if total else float("nan")
        print(f"  {name:<16}{right:>7}{total:>6}{acc:>10.1%}")


def main() -> int:
    if not REAL_WORLD.exists():
        print(f"eval_real_world: skipped, {REAL_WORLD} is absent")
        return 0
    rows = load_statements(REAL_WORLD)
    print_table(
        f"parse_kpi + classify on {REAL_WORLD.name} ({len(rows)} statements; "
        "fields other than label over gold KPIs; target = value and unit)",
        score_fields(rows),
    )
    new = [r for r in rows if r.get("id", "").isdigit() and int(r["id"]) >= NEW_ROWS_FROM]
    if new:
        print_table(f"rows {NEW_ROWS_FROM} and up ({len(new)} statements)", score_fields(new))
    if "-v" in sys.argv:
        for field in FIELDS:
            for text, gold, got in misses(rows, field):
                print(f"  MISS {field}: {text[:90]!r} gold={gold} got={got}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
