"""Per-table accuracy of parse_kpi + classify on krakit's own stress tables (``tests/text``).

Run ``python benchmarks/eval_stress.py`` (``make eval`` runs it after the real-world set). The
tables are written for krakit, never copied from an evaluation set: period spellings, period
families, times that are not periods, targets, whole statements, direction phrases and
labels. They are tests too (each row must read right), so on the current code every figure is
100%; this script prints them for any other checkout, e.g. an older commit unpacked with
``git archive``::

    python benchmarks/eval_stress.py /path/to/old/checkout

scores the tables of this checkout with the parser of that one. The scoring is
``benchmarks/eval_real_world.py``'s (``predict``, ``shared_period``).
"""

from __future__ import annotations

import ast
import datetime as dt
import importlib.util
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

TABLES = Path(__file__).resolve().parents[1] / "tests" / "text"
TODAY = dt.date(2026, 1, 15)


def _scorer(root: Path) -> ModuleType:
    """The real-world evaluation of the checkout at ``root`` (it imports that krakit)."""
    spec = importlib.util.spec_from_file_location("ev", root / "benchmarks" / "eval_real_world.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def table(file: str, name: str) -> list[Any]:
    """A module-level table of a test file, read without importing the test."""
    tree = ast.parse((TABLES / file).read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "") == name:
            return ast.literal_eval(node.value)
    raise KeyError(f"{file}: no table {name}")


def scores(ev: ModuleType) -> dict[str, tuple[int, int]]:
    """``{table: (right, total)}`` with the parser the scorer ``ev`` imported."""
    from krakit.text.classify import classify
    from krakit.text.parse import parse_kpi

    def target_ok(got: dict[str, Any], value: str, unit: str) -> bool:
        return ev._same_value(value, got["target_value"]) and (
            not value or got["target_unit"] == unit
        )

    out: dict[str, tuple[int, int]] = {}
    rows = table("test_period_spellings.py", "SPELLINGS")
    right = sum(ev.shared_period(parse_kpi(t, today=TODAY)) == want for t, want in rows)
    out["period spellings"] = (right, len(rows))
    rows = table("test_period_families.py", "FAMILIES")
    right = sum(ev.shared_period(parse_kpi(t, today=TODAY)) == want for t, want in rows)
    out["period families (p.a., HoH, L12M, slips)"] = (right, len(rows))
    rows = table("test_period_spellings.py", "NOT_PERIODS")
    right = 0
    for text, value, unit in rows:
        got = ev.predict(text)
        right += got["period"] == "none stated" and target_ok(got, value, unit)
    out["times that are not periods"] = (right, len(rows))
    rows = table("test_target_stress.py", "TARGETS")
    right = 0
    for text, (value, unit, direction) in rows:
        got = ev.predict(text)
        right += target_ok(got, value, unit) and direction in (None, got["direction"])
    out["targets (value, unit, direction)"] = (right, len(rows))
    rows = table("test_target_stress.py", "STATEMENTS")
    right = 0
    for text, (period, direction, value, unit) in rows:
        got = ev.predict(text)
        right += (got["period"], got["direction"]) == (period, direction) and target_ok(
            got, value, unit
        )
    out["whole statements (period, direction, target)"] = (right, len(rows))
    rows = table("test_direction_words.py", "DIRECTIONS")
    out["direction phrases"] = (sum(ev.predict(t)["direction"] == w for t, w in rows), len(rows))
    rows = table("test_classify.py", "LABELS")
    right = sum(str(classify(t, suggest=False).label) == w for t, w in rows)
    out["labels"] = (right, len(rows))
    return out


def main() -> int:
    root = Path(sys.argv[1]).resolve() if len(sys.argv) > 1 else TABLES.parents[1]
    result = scores(_scorer(root))
    print(f"parse_kpi + classify ({root.name}) on krakit's own stress tables (tests/text)")
    print(f"  {'table':<46}{'right':>7}{'of':>6}{'accuracy':>10}")
    for name, (right, total) in result.items():
        print(f"  {name:<46}{right:>7}{total:>6}{right / total:>10.1%}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
