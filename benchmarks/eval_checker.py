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


# krakit's own sets, written for this evaluation (none from the real-world file).
OWN_GOOD = [
    "Reduce time to hire from 45 to 30 days by Q3 2027",
    "Raise offer acceptance rate to 85% by March 2027",
    "Keep voluntary attrition below 12% per year",
    "Achieve ₹10 lakh monthly revenue by March 2027",
    "Increase customer retention rate from 80% to 88% by December 2027",
    "Resolve 90% of support tickets within 24 hours every month",
    "Reduce cost per hire from ₹40,000 to ₹32,000 by Q4 FY2026-27",
    "Maintain payroll accuracy at 99.5% every month",
    "Cut average handling time from 9 to 7 minutes by June 2027",
    "Grow qualified pipeline to $2M every quarter",
    "Lift first-call resolution rate from 68% to 75% by Q2 2027",
    "Keep days sales outstanding under 45 days each month",
    "Hold stock-out rate below 2% every week",
    "Publish the monthly close within 5 working days every month",
    "Raise training completion rate to 95% by 31 March 2027",
    "Reduce machine downtime from 6% to 4% by Q3 2027",
    "Increase gross margin from 32% to 35% in FY2026-27",
    "Keep employee engagement score at or above 75 every year",
    "Deliver 95% of orders on time each month",
    "Bring defect rate down from 1.8% to 1.2% by December 2027",
]
OWN_BAD = [
    ("Recruitment", "C001"),
    ("Customer service", "C001"),
    ("Team leadership", "C001"),
    ("Net promoter score", "M002"),
    ("Average deal size", "M002"),
    ("Improve team morale", "M003"),
    ("Optimise the month-end close", "M003"),
    ("Substantially grow repeat business by Q4 2027", "S001"),
    ("Answer customer emails within 1 day where possible", "S002"),
    ("Reply to escalations as soon as possible", "S002"),
    ("Raise repeat purchase rate to 30%", "T001"),
    ("Cut logistics cost by 8% by March 2027", "M005"),
    ("Achieve 150% on-time delivery rate in FY2026-27", "A001"),
    ("Double the win rate from 20% to 90% by March 2027", "A002"),
    ("Launch the loyalty scheme with 40% enrolment by June 2020", "A003"),
    ("Increase CSAT from 90% to 85% by Q4 2027", "A004"),
    ("Conduct 12 training sessions per quarter", "R002"),
    ("Send 300 emails per week", "R002"),
    ("Grow LinkedIn followers to 50,000 by December 2027", "R003"),
    ("Reduce open tickets to 30 soon", "T002"),
]


def own_sets() -> list[tuple[str, str, str]]:
    noisy = sum(
        any(f.severity is not Severity.SUGGESTION for f in krakit.check(t, today=TODAY))
        for t in OWN_GOOD
    )
    caught = sum(code in {f.code for f in krakit.check(t, today=TODAY)} for t, code in OWN_BAD)
    return [
        ("Own good KPIs with an error or warning", _share(noisy, len(OWN_GOOD)), "0%"),
        ("Own classic bad KPIs caught by their rule", _share(caught, len(OWN_BAD)), "100%"),
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
    table += good_kpis() + own_sets() + recall()
    width = max(len(name) for name, _, _ in table)
    print("== checker (krakit.check on statements offered as KPIs)")
    for name, value, aim in table:
        print(f"{name:<{width}}  {value:>18}   aim {aim}")
    print(f"({time.perf_counter() - start:.1f} s)")


if __name__ == "__main__":
    main()
