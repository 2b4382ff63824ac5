"""Statements and a KPI sheet for the tests that prove a speed-up changed no finding.

Own words only (no row of any evaluation set): metrics, verbs, targets and times combined
the way managers mix them, plus messy forms (odd case, stray spaces, headings, pipes,
dashboard cells, other scripts, formulas, empty text).
"""

from __future__ import annotations

import csv
import itertools
import random
from pathlib import Path

_METRICS = (
    "time to hire",
    "customer churn",
    "CSAT",
    "monthly recurring revenue",
    "first-call resolution rate",
    "defect leakage",
    "average handling time",
    "NPS",
    "cost per hire",
    "on-time delivery",
    "days sales outstanding",
    "scrap rate",
    "number of training sessions held",
    "qualified leads",
    "gross margin",
)
_SHAPES = (
    "Reduce {m} from {a}% to {b}% {t}",
    "Increase {m} to {c} {t}",
    "Keep {m} below {b}% {t}",
    "{m} at least {c}% {t}",
    "Cut {m} by {b}% {t}",
    "Grow {m} by ₹{a} lakh {t}",
    "{m} {c}%+ {t}",
    "Improve {m} {t}",
    "Double {m} {t}",
    "{m}: {a} (Target: <{b})",
    "KRA {b} – {m}",
    "Key result {b}: {m} from {a}% to {c}%",
    "Maintain {m} at {c}% {t}",
    "{m} should not be more than {b} per week",
    "Conduct {c} {m} reviews {t}",
)
_TIMES = (
    "",
    "by Q3 2027",
    "by the end of the second quarter",
    "every month",
    "per quarter",
    "by spring 2027",
    "by FY2026-27",
    "within 30 days",
    "over the next three sprints",
    "by March 31, 2027",
    "by 2020",
    "YoY",
    "by my next review",
    "weekly, monthly and quarterly",
    "in H1 2027",
    "by end of school year",
    "during the first six months of 2027",
    "7-day rolling",
    "by 15/06/2027",
    "this year",
)
_ODD = (
    "",
    "   ",
    "Recruitment",
    "Improve customer satisfaction",
    "Generate revenue",
    '=HYPERLINK("http://x","click")',
    "<b>Reduce churn</b> to 5% by June 2027",
    "बिक्री 10% बढ़ाना by Q2 2027",
    "REDUCE TIME TO HIRE FROM 45 TO 30 DAYS BY Q2 2027",
    "reduce   time to hire\tfrom 45 to 30 days by q2 2027",
    "Time to hire | Target 30 days | Actual 41 days",
    "Revenue of Rs. 2.5 Cr in FY27; margin ≥ 18%",
    "Escalations will not exceed 2 per month",
    "Halve rework by Dec '27",
    "Ship the new onboarding flow",
    "Sales will go up by 4% in Q1",
    "Reach 99.9% uptime (from 99.5% today)",
    "Zero lost-time injuries on floors 4, 5 and 6 this year",
    "Achieve [X]% conversion by [date]",
    "1.2 Raise offer acceptance to 85% by Q4 2026",
    "x" * 700,
)


def statements(n: int = 240, seed: int = 11) -> list[str]:
    """``n`` statements: every odd form, then shapes × metrics × times drawn at random."""
    rng = random.Random(seed)
    out = list(_ODD)
    combos = list(itertools.product(_SHAPES, _METRICS, _TIMES))
    rng.shuffle(combos)
    for shape, metric, when in combos[: max(0, n - len(out))]:
        a, b = rng.randint(20, 60), rng.randint(2, 19)
        text = shape.format(m=metric, a=a, b=b, c=a + rng.randint(5, 30), t=when)
        out.append(text.strip() if rng.random() < 0.8 else f"  {text}  ")
    return out


def write_sheet(path: Path, rows: int = 400, seed: int = 5) -> Path:
    """A KPI sheet of ``rows`` rows: a few roles and KRAs, statements repeated across people,
    with owners, sources, frequencies, weights and an ignore column varying by row."""
    rng = random.Random(seed)
    pool = statements(60, seed)
    with path.open("w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle)
        out.writerow(["Role", "Employee", "KRA", "KPI", "Owner", "Data source", "Frequency",
                      "Weight"])  # fmt: skip
        for i in range(rows):
            out.writerow(
                [
                    f"Role {i % 3}",
                    f"Person {i // 12}",
                    rng.choice(("Recruitment", "Sales", "Customer support", "")),
                    rng.choice(pool),
                    rng.choice(("Asha", "", "Ravi")),
                    rng.choice(("HRIS", "", "CRM")),
                    rng.choice(("monthly", "", "quarterly", "weekly")),
                    rng.choice(("20", "", "10", "35")),
                ]
            )
    return path
