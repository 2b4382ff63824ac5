"""How well the checker judges real statements offered as KPIs (../shared/data).

Prints three shares on ``real_world_dev.csv`` (aim: each at least 95%):

* KRAs offered as KPIs that draw C001 (kra-offered-as-kpi);
* KPIs with no target that draw M002 (no-target);
* SMART-complete KPIs (numeric target and a period) that draw no error.

It also prints the false-positive rate on good KPIs (every KPI statement in krakit's template
library: share with an error, and warnings per KPI) and the recall of the rules' own bad
examples. The data set is for measuring only; nothing from it is used by the rules.
"""

from __future__ import annotations

import csv
import datetime as dt
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DATA = ROOT.parent / "shared" / "data" / "real_world_dev.csv"

import krakit  # noqa: E402
from krakit.rules import Severity, rules  # noqa: E402

TODAY = dt.date(2026, 11, 23)


def _share(hits: int, total: int) -> str:
    return f"{hits}/{total} = {100 * hits / total:5.1f}%" if total else "n/a"


def real_world() -> list[tuple[str, str, str]]:
    with DATA.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    kra = [r for r in rows if r["label"] == "KRA"]
    no_target = [r for r in rows if r["label"] == "KPI" and not r["target_value"].strip()]
    complete = [r for r in rows if r["label"] == "KPI" and r["smart_complete"] == "true"]
    codes = {r["text"]: {f.code: f for f in krakit.check(r["text"], today=TODAY)} for r in rows}
    kra_hits = sum("C001" in codes[r["text"]] for r in kra)
    nt_hits = sum("M002" in codes[r["text"]] for r in no_target)
    clean = sum(
        not any(f.severity is Severity.ERROR for f in codes[r["text"]].values()) for r in complete
    )
    kpis = [r for r in rows if r["label"] == "KPI"]
    c001_on_kpi = sum("C001" in codes[r["text"]] for r in kpis)
    return [
        ("KRAs offered as KPIs flagged (C001)", _share(kra_hits, len(kra)), "≥ 95%"),
        ("KPIs without a target flagged (M002)", _share(nt_hits, len(no_target)), "≥ 95%"),
        ("SMART-complete KPIs with no error", _share(clean, len(complete)), "≥ 95%"),
        ("KPIs wrongly called KRAs (C001 on a KPI)", _share(c001_on_kpi, len(kpis)), "low"),
    ]


def good_kpis() -> list[tuple[str, str, str]]:
    from krakit.library import template, templates

    statements = [
        k.statement for info in templates() for k in template(info.name).all_kpis() if k.statement
    ]
    with_error = warnings = 0
    for text in statements:
        found = krakit.check(text, today=TODAY)
        with_error += any(f.severity is Severity.ERROR for f in found)
        warnings += sum(f.severity is Severity.WARNING for f in found)
    n = len(statements)
    return [
        ("Library KPIs with an error (false positives)", _share(with_error, n), "0%"),
        ("Warnings per library KPI", f"{warnings / max(n, 1):.2f} ({warnings} in {n})", "low"),
    ]


def recall() -> list[tuple[str, str, str]]:
    statement_rules = [r for r in rules() if r.examples == "statement"]
    bad = [(r, ex) for r in statement_rules for ex in r.bad]
    hits = sum(r.code in {f.code for f in krakit.check(ex, today=TODAY)} for r, ex in bad)
    return [("Rules' own bad statements flagged", _share(hits, len(bad)), "100%")]


def main() -> None:
    start = time.perf_counter()
    table: list[tuple[str, str, str]] = []
    if DATA.exists():
        table += real_world()
    else:
        print(f"eval_checker: {DATA} not found; skipping the real-world part")
    table += good_kpis() + recall()
    width = max(len(name) for name, _, _ in table)
    print("== checker (krakit.check on statements offered as KPIs)")
    for name, value, aim in table:
        print(f"{name:<{width}}  {value:>18}   aim {aim}")
    print(f"({time.perf_counter() - start:.1f} s)")


if __name__ == "__main__":
    main()
