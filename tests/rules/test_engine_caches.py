"""What the checker remembers never changes what it finds.

Every finding is compared with the one worked out cold (every cache in krakit emptied first),
for krakit's own statements (``speed_cases.py``), a scorecard of them and a KPI sheet, with
options changing between calls in an odd order, so a cache keyed on too little shows.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from speed_cases import statements, write_sheet

import krakit
from krakit.rules import CheckConfig, check
from krakit.rules.engine import forget
from krakit.rules.filecheck import check_file

TODAY = dt.date(2026, 11, 23)
LATER = dt.date(2031, 1, 5)
TEXTS = statements(160)
# (select, ignore, config, today): the choices a caller varies between checks
CHOICES = [
    (None, None, None, TODAY),
    (None, "M", None, TODAY),
    ("T", None, None, TODAY),
    (None, None, CheckConfig(max_jump=1.5, ignore=("S001",)), TODAY),
    (None, ["A003", "x999"], None, LATER),
]


def _dicts(found: list[krakit.Finding]) -> list[dict[str, object]]:
    return [f.as_dict() for f in found]


def _with(obj: object, choice: tuple[object, ...]) -> list[dict[str, object]]:
    select, ignore, config, today = choice
    return _dicts(check(obj, select=select, ignore=ignore, config=config, today=today))


def _cold(obj: object, choice: tuple[object, ...]) -> list[dict[str, object]]:
    forget()
    return _with(obj, choice)


def _card(texts: list[str]) -> krakit.Scorecard:
    kpis = [t for t in texts if t.strip()]
    kras = [
        {
            "title": title,
            "kpis": [{"id": f"k{k}-{j}", "statement": t} for j, t in enumerate(kpis[k::4])],
        }
        for k, title in enumerate(("Recruitment", "Sales", "Customer support", "Quality"))
    ]
    return krakit.Scorecard.model_validate({"role": {"title": "Lead"}, "kras": kras})


def test_statements_warm_match_cold() -> None:
    cold = {}
    for c, choice in enumerate(CHOICES):  # each choice from empty caches, text after text
        forget()
        cold.update({(i, c): _with(text, choice) for i, text in enumerate(TEXTS)})
    # warm: the texts backwards, each under every choice in turn
    for i in reversed(range(len(TEXTS))):
        for c in (2, 0, 4, 1, 3):
            assert _with(TEXTS[i], CHOICES[c]) == cold[i, c], (TEXTS[i], CHOICES[c])
    assert sum(map(len, cold.values())) > len(TEXTS) * 3  # they draw findings
    assert cold[0, 0] != cold[0, 2]  # and the choices matter


@pytest.mark.parametrize("choice", CHOICES, ids=["default", "ignore", "select", "config", "date"])
def test_a_scorecard_warm_matches_cold(choice: tuple[object, ...]) -> None:
    card = _card(TEXTS[:120])
    cold = _cold(card, choice)
    select, ignore, config, today = choice
    for text in TEXTS[120:160]:  # other statements in between
        check(text, today=today)
    for _ in range(2):
        found = check(card, select=select, ignore=ignore, config=config, today=today)
        assert _dicts(found) == cold
    assert cold


def test_a_sheet_warm_matches_cold(tmp_path: Path) -> None:
    sheet = write_sheet(tmp_path / "kpis.csv", rows=300)
    forget()
    cold = _dicts(check_file(sheet, today=TODAY))
    for text in TEXTS[:40]:
        check(text, today=LATER, ignore="A")
    assert _dicts(check_file(sheet, today=TODAY)) == cold
    assert len({f["row"] for f in cold}) > 100  # most rows draw something
