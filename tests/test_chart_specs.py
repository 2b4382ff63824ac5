"""Every chart's Vega-Lite spec is the one krakit drew with Altair, byte for byte.

``krakit.vegalite`` builds the specs as plain dicts (the CLI and the HTML report draw without
importing Altair); ``krakit.charts`` wraps the same dicts as Altair charts for notebooks. The
files in ``tests/data/chart_specs/`` are the specs Altair built before the move (same data,
same theme, same dataset names), so a chart that changes shape or wording fails here. After a
deliberate change to a chart, rewrite them with ``python tests/test_chart_specs.py`` and read
the diff.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest

import krakit
from krakit import charts
from krakit.score import score

GOLDEN = Path(__file__).resolve().parent / "data" / "chart_specs"
SAMPLE = Path(__file__).resolve().parents[1] / "templates" / "samples" / "recruiter.yaml"


def _sample() -> krakit.Scorecard:
    return krakit.load(SAMPLE)


def _draft() -> krakit.Scorecard:
    card = _sample()
    card.actuals = []
    return card


def _rupees() -> tuple[krakit.Scorecard, list[krakit.Actual]]:
    card = krakit.Scorecard(
        role={"title": "Shop owner"},
        holder='Asha <b>&</b> "Co"',
        kras=[
            {
                "id": "s",
                "title": "Sales & margin",
                "weight": 70,
                "kpis": [
                    {"id": "rev", "unit": "INR", "target": 1000000},
                    {"id": "returns", "unit": "%", "target": 2, "polarity": "lower_is_better"},
                ],
            },
            {
                "id": "c",
                "title": "Customers",
                "weight": 30,
                "kpis": [
                    {"id": "nps", "statement": "Lift NPS", "target": 40},
                    {"id": "wait", "statement": "Reduce queue", "unit": "minutes"},
                    {"id": "band", "polarity": "in_range", "target_low": 8, "target_high": 10},
                ],
            },
        ],
    )
    months = ("2026-01", "2026-02", "2026-03")
    actuals = [
        krakit.Actual(kpi=k, period=m, value=v)
        for m in months
        for k, v in (("rev", 1250000), ("returns", 2.4), ("nps", 31), ("wait", 9), ("band", 9))
    ]
    return card, actuals


def _team(people: int) -> tuple[dict[str, krakit.Scorecard], pd.DataFrame]:
    card = krakit.Scorecard(
        role={"title": "Agent"},
        kras=[
            {
                "id": "a",
                "title": "A",
                "weight": 100,
                "kpis": [{"id": f"k{i}", "target": 100} for i in range(4)],
            }
        ],
    )
    rng = np.random.default_rng(7)
    names = [f"p{i:03d}" for i in range(people)]
    frame = pd.DataFrame(
        {
            "person": np.repeat(names, 8),
            "kpi": np.tile([f"k{i}" for i in range(4)], people * 2),
            "period": np.tile(np.repeat(["2026-01", "2026-02"], 4), people),
            "value": rng.normal(95, 20, people * 8).round(1),
        }
    )
    return dict.fromkeys(names, card), frame


def _cases() -> dict[str, Callable[[Any], Any]]:
    """Name -> a function of the chart module (``charts`` or ``vegalite``) drawing one case."""
    sample, draft = _sample(), _draft()
    rupees, actuals = _rupees()
    shop = score(rupees, actuals)
    people, frame = _team(5)
    small = score(people, frame)
    crowd_people, crowd_frame = _team(60)
    crowd = score(crowd_people, crowd_frame)
    region = pd.Series({p: ("North" if i % 2 else "South") for i, p in enumerate(crowd_people)})
    region.name = "Region"
    vague = krakit.Scorecard(
        role={"title": "Support lead"},
        kras=[
            {
                "title": "Tickets",
                "kpis": [
                    {"id": "backlog", "statement": "Reduce ticket backlog"},
                    {"id": "quality", "statement": "Improve quality"},
                ],
            }
        ],
        actuals=[
            {"kpi": "backlog", "period": "2026-01", "value": 40},
            {"kpi": "quality", "period": "2026-01", "value": 3},
        ],
    )
    return {
        "sample_overview": lambda m: m.overview(sample, score(sample)),
        "sample_bullet": lambda m: m.bullet(score(sample)),
        "sample_contribution": lambda m: m.contribution(score(sample)),
        "sample_trend": lambda m: m.trend(score(sample)),
        "sample_targets": lambda m: m.targets(sample),
        "draft_overview": lambda m: m.overview(draft, score(draft)),
        "shop_overview": lambda m: m.overview(rupees, shop),
        "shop_trend_rev": lambda m: m.trend(shop, "rev"),
        "shop_trend": lambda m: m.trend(shop),
        "shop_targets": lambda m: m.targets(rupees, shop),
        "team_heatmap": lambda m: m.heatmap(small),
        "team_distribution": lambda m: m.distribution(small),
        "team_trend": lambda m: m.trend(small),
        "team_bullet_person": lambda m: m.bullet(small, person="p001"),
        "team_contribution_person": lambda m: m.contribution(small, person="p002"),
        "team_trend_person": lambda m: m.trend(small, "k1", person="p003"),
        "crowd_heatmap_bands": lambda m: m.heatmap(crowd),
        "crowd_heatmap_region": lambda m: m.heatmap(crowd, group=region),
        "crowd_distribution": lambda m: m.distribution(crowd),
        "vague_overview": lambda m: m.overview(vague, score(vague)),
        "vague_bullet": lambda m: m.bullet(score(vague)),
        "vague_contribution": lambda m: m.contribution(score(vague)),
        "vague_trend": lambda m: m.trend(score(vague)),
    }


def _as_dict(drawn: Any) -> dict[str, Any]:
    return drawn if isinstance(drawn, dict) else drawn.to_dict()


def _normal(spec: dict[str, Any]) -> Any:
    """The spec as JSON would carry it (tuples as lists, keys sorted)."""
    return json.loads(json.dumps(spec, sort_keys=True))


CASES = sorted(_cases())


@pytest.mark.parametrize("name", CASES)
def test_vegalite_spec_is_the_one_altair_built(name: str) -> None:
    from krakit import vegalite

    expected = json.loads((GOLDEN / f"{name}.json").read_text(encoding="utf-8"))
    assert _normal(_cases()[name](vegalite)) == expected


@pytest.mark.parametrize("name", CASES)
def test_altair_chart_gives_the_same_spec(name: str) -> None:
    expected = json.loads((GOLDEN / f"{name}.json").read_text(encoding="utf-8"))
    assert _normal(_as_dict(_cases()[name](charts))) == expected  # validated by Altair too


def _rewrite(module: Any) -> None:
    """Write every case's spec as drawn by ``module`` into the golden folder."""
    GOLDEN.mkdir(parents=True, exist_ok=True)
    for name, draw in _cases().items():
        text = json.dumps(_normal(_as_dict(draw(module))), indent=1, ensure_ascii=False)
        (GOLDEN / f"{name}.json").write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":  # after a deliberate change to a chart: rewrite, then read the diff
    _rewrite(charts if sys.argv[1:] == ["--altair"] else __import__("krakit.vegalite").vegalite)
