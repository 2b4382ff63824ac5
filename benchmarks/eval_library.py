"""Figures for the content library: role templates, training bank, vocabulary coverage.

Run: ``.venv/bin/python benchmarks/eval_library.py`` (also part of ``make eval``).
The vocabulary coverage on ``../shared/data/real_world_dev.csv`` is measured only; nothing in
the library is taken from that file. It is skipped with a message when the file is absent.
"""

from __future__ import annotations

import csv
import time
from collections import Counter
from pathlib import Path

import krakit
from krakit.library import (
    FAMILY_CODES,
    area_of,
    template,
    templates,
    training_bank,
    vocabulary,
)
from krakit.sample import sample_team

REAL = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "real_world_dev.csv"


def _row(label: str, value: str) -> None:
    print(f"  {label:<52} {value}")


def main() -> None:
    start = time.perf_counter()
    infos = templates()
    cards = [template(t.name) for t in infos]
    severities: Counter[str] = Counter()
    for card in cards:
        severities.update(str(f.severity) for f in krakit.check(card))
    kpis = sum(len(c.all_kpis()) for c in cards)
    print("Role templates")
    _row(
        "templates / functions / regions",
        f"{len(infos)} / {len({t.function for t in infos})} / {len({t.region for t in infos})}",
    )
    _row("KRAs / KPIs", f"{sum(len(c.kras) for c in cards)} / {kpis}")
    _row(
        "checker errors / warnings / suggestions",
        f"{severities['error']} / {severities['warning']} / {severities['suggestion']}",
    )
    kras = [k.title for c in cards for k in c.kras]
    _row(
        "KRA titles with a vocabulary area",
        f"{sum(area_of(t) is not None for t in kras)}/{len(kras)}",
    )

    print("Training bank")
    items = training_bank()
    quiz = [i for i in items if i.kind == "kra-or-kpi"]
    fixes = [i for i in items if i.kind == "fix-the-kpi"]
    agree = sum(str(krakit.classify(i.text).label) == i.expected for i in quiz)
    _row("items (kra-or-kpi / fix-the-kpi)", f"{len(items)} ({len(quiz)} / {len(fixes)})")
    _row("classifier agrees with the expected label", f"{agree}/{len(quiz)}")
    flagged = family_total = 0
    all_flagged = clean = 0
    for item in fixes:
        codes = {f.code for f in krakit.check(item.text)}
        hits = [b for b in item.breaks if FAMILY_CODES[b] & codes]
        flagged += len(hits)
        family_total += len(item.breaks)
        all_flagged += len(hits) == len(item.breaks)
        loud = [f for f in krakit.check(item.rewrite) if str(f.severity) in ("error", "warning")]
        clean += not loud
    _row("mistakes named by an item that the checker flags", f"{flagged}/{family_total}")
    _row("bad KPIs with every named mistake flagged", f"{all_flagged}/{len(fixes)}")
    _row("rewrites with no error or warning", f"{clean}/{len(fixes)}")

    print("Vocabulary")
    _row(
        "KRA areas / suggested metrics",
        f"{len(vocabulary())} / {sum(len(a.metrics) for a in vocabulary())}",
    )
    if REAL.exists():
        with REAL.open(encoding="utf-8") as handle:
            rows = list(csv.DictReader(handle))
        for label in ("KRA", "KPI"):
            texts = [r["text"] for r in rows if r["label"] == label]
            found = sum(area_of(t) is not None for t in texts)
            _row(
                f"real-world {label}s placed in an area (measured only)",
                f"{found}/{len(texts)} = {found / len(texts):.0%}",
            )
    else:
        print(f"  (skipped real-world coverage: {REAL} not found)")

    team = sample_team()
    print("Sample team")
    _row(
        "people / roles / actual rows",
        f"{len(team.people)} / {team.people['template'].nunique()} / {len(team.actuals)}",
    )
    print(f"({time.perf_counter() - start:.1f} s)")


if __name__ == "__main__":
    main()
