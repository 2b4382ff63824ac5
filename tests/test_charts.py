"""Charts: assert on the Vega-Lite spec (``chart.to_dict()``), plus a few real renders."""

from __future__ import annotations

from pathlib import Path

import altair as alt
import numpy as np
import pandas as pd
import pytest

import krakit
from krakit import charts
from krakit.errors import InputError
from krakit.score import score


def _rows(spec: dict) -> list[dict]:
    """All data rows of a spec (Altair puts them in top-level datasets)."""
    return [row for rows in spec.get("datasets", {}).values() for row in rows]


@pytest.fixture
def sample(sample_path: Path) -> krakit.Scorecard:
    return krakit.load(sample_path)


def test_theme_is_set_once_on_import() -> None:
    assert alt.theme.active == "krakit"
    assert alt.theme.get()()["config"]["title"]["anchor"] == "start"


def test_bullet_spec(sample: krakit.Scorecard) -> None:
    spec = charts.bullet(score(sample)).to_dict()
    bands, bar, tick, label = spec["layer"]
    assert len(bands["layer"]) == 3  # red, amber, green zones
    assert bar["mark"]["type"] == "bar"
    colour = bar["encoding"]["color"]["scale"]
    assert dict(zip(colour["domain"], colour["range"], strict=True)) == charts.STATUS_COLORS
    assert {t["field"] for t in bar["encoding"]["tooltip"]} >= {"actual", "target", "status"}
    assert tick["encoding"]["x"]["field"] == "goal"
    rows = {r["kpi"]: r for r in _rows(spec)}
    assert rows["Average time to hire"]["achievement"] == pytest.approx(73.2)
    assert rows["Average time to hire"]["actual"] == "41 days"
    assert rows["Offer acceptance rate"]["status"] == "red"
    assert rows["Candidate NPS"]["amber_to"] == 100.0
    assert label["encoding"]["text"]["field"] == "label"


def test_colours_are_colour_blind_safe() -> None:
    # Okabe–Ito: distinguishable with protanopia, deuteranopia and tritanopia
    assert charts.STATUS_COLORS["green"] == "#009E73"
    assert charts.STATUS_COLORS["amber"] == "#E69F00"
    assert charts.STATUS_COLORS["red"] == "#D55E00"


def test_contribution_adds_up(sample: krakit.Scorecard) -> None:
    result = score(sample)
    rows = _rows(charts.contribution(result).to_dict())
    assert sum(r["points"] for r in rows) == pytest.approx(result.score, abs=0.02)
    assert [r["share"] for r in rows] == [60.0, 40.0]


def test_trend_has_target_line(sample: krakit.Scorecard) -> None:
    actuals = [
        krakit.Actual(kpi="offer-acceptance-rate", period=f"2026-{m:02d}", value=v)
        for m, v in [(4, 80), (5, 86), (6, 90)]
    ]
    spec = charts.trend(score(sample, actuals), "offer-acceptance-rate").to_dict()
    line, goal, _ = spec["layer"]
    assert goal["encoding"]["y"]["field"] == "target"
    assert line["encoding"]["y"]["axis"]["labelExpr"] == "datum.label + '%'"
    assert [r["value"] for r in _rows(spec)] == [80, 86, 90]
    with pytest.raises(InputError):
        charts.trend(score(sample, actuals), "nope")


def test_indian_grouping_on_axis_and_in_tooltips() -> None:
    sc = krakit.Scorecard(
        role={"title": "Owner"},
        kras=[
            {
                "id": "s",
                "title": "Sales",
                "weight": 100,
                "kpis": [{"id": "rev", "unit": "INR", "target": 1000000}],
            }
        ],
    )
    actuals = [krakit.Actual(kpi="rev", period=f"2026-{m:02d}", value=1250000) for m in (1, 2)]
    result = score(sc, actuals)
    bullet_rows = _rows(charts.bullet(result).to_dict())
    assert bullet_rows[0]["target"] == "₹20,00,000"  # two months of ₹10,00,000
    chart = charts.trend(result, "rev")
    import vl_convert as vlc

    svg = vlc.vegalite_to_svg(chart.to_dict())
    assert "₹2,00,000" in svg and "₹10,00,000" in svg  # axis labels, Indian grouping
    assert "₹200,000" not in svg


def team(people: int, seed: int = 0) -> tuple[dict[str, krakit.Scorecard], pd.DataFrame]:
    sc = krakit.Scorecard(
        role={"title": "Agent"},
        kras=[
            {
                "id": "a",
                "title": "A",
                "weight": 100,
                "kpis": [{"id": f"k{i}", "target": 100} for i in range(10)],
            }
        ],
    )
    rng = np.random.default_rng(seed)
    names = [f"p{i:05d}" for i in range(people)]
    frame = pd.DataFrame(
        {
            "person": np.repeat(names, 10),
            "kpi": np.tile([f"k{i}" for i in range(10)], people),
            "period": "2026-01",
            "value": rng.normal(95, 20, people * 10),
        }
    )
    return dict.fromkeys(names, sc), frame


def test_heatmap_small_team_has_a_row_per_person() -> None:
    people, frame = team(5)
    spec = charts.heatmap(score(people, frame)).to_dict()
    rows = _rows(spec)
    assert len(rows) == 50
    assert spec["encoding"]["color"]["scale"]["type"] == "threshold"


def test_big_team_is_aggregated_before_plotting() -> None:
    people, frame = team(10_000)
    result = score(people, frame)
    spec = charts.heatmap(result).to_dict()  # would raise MaxRowsError if not aggregated
    rows = _rows(spec)
    assert len(rows) <= 6 * 10
    assert sum(r["people"] for r in rows if r["kpi"] == "k0") == 10_000  # everyone, grouped
    assert "10,000 people" in spec["title"]["subtitle"]
    dist = _rows(charts.distribution(result).to_dict())
    assert sum(r["people"] for r in dist) == 10_000
    assert str(result).startswith("10,000 people; mean overall")
    trend_rows = _rows(charts.trend(result).to_dict())
    assert len(trend_rows) == 10  # mean per KPI and period, not 100,000 points


def test_team_charts_need_a_person(sample: krakit.Scorecard) -> None:
    people, frame = team(3)
    result = score(people, frame)
    with pytest.raises(InputError, match="person="):
        charts.bullet(result)
    assert _rows(charts.bullet(result, person="p00001").to_dict())
    with pytest.raises(InputError, match="team result"):
        charts.heatmap(score(sample))


def test_targets_chart_for_a_draft(sample: krakit.Scorecard) -> None:
    sample.actuals = []
    spec = charts.targets(sample).to_dict()
    rows = _rows(spec)
    assert sum(r["weight"] for r in rows) == pytest.approx(100.0)
    assert {r["target"] for r in rows} == {"30 days", "85%", "45 score"}
    assert "no actuals yet" in spec["title"]["subtitle"]
    assert charts.overview(sample, score(sample)).to_dict()["mark"]["type"] == "bar"


def test_save_png_svg_html(sample: krakit.Scorecard, tmp_path: Path) -> None:
    chart = charts.contribution(score(sample))
    png = charts.save(chart, tmp_path / "c.png", scale=1)
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert charts.save(chart, tmp_path / "c.svg").read_text().lstrip().startswith("<svg")
    html = charts.save(chart, tmp_path / "c.html").read_text()
    assert "cdn.jsdelivr" not in html and "vega" in html  # inline: opens offline
    with pytest.raises(InputError, match=r"use \.png, \.svg or \.html"):
        charts.save(chart, tmp_path / "c.pdf")


def test_enable_offline_switches_renderer() -> None:
    before = alt.renderers.active
    try:
        charts.enable_offline()
        assert alt.renderers.active == "jupyter"
        assert hasattr(alt.JupyterChart, "_esm")  # the real anywidget, not Altair's stand-in
        esm = alt.JupyterChart._esm
        assert "esm.sh" not in esm and "cdn.jsdelivr" not in esm and len(esm) > 100_000
        assert alt.renderers.options.get("offline") is True
    finally:
        alt.renderers.enable(before)


def test_heatmap_grouped_by_a_column() -> None:
    people, frame = team(60)
    region = pd.Series({p: ("North" if i % 2 else "South") for i, p in enumerate(people)})
    region.name = "Region"
    spec = charts.heatmap(score(people, frame), group=region).to_dict()
    rows = _rows(spec)
    assert {r["row"] for r in rows} == {"North", "South"}
    assert all(r["people"] == 30 for r in rows)
    assert spec["encoding"]["y"]["title"] == "Region"


def test_altair_comes_without_jsonschemas_format_checkers() -> None:
    """``krakit chart`` spent 2-6 s building rfc3987_syntax's grammar that Altair never uses."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "import krakit.charts\n"
        "skipped = [m for m in krakit.charts._FORMAT_CHECKERS if m in sys.modules]\n"
        "import rfc3987_syntax, jsonschema\n"  # both still import for anyone who asks
        "print('loaded with altair:', skipped, 'anywidget:', 'anywidget' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert "loaded with altair: [] anywidget: False" in done.stdout, done.stderr


def test_targets_of_a_team_result_uses_the_cards_weights() -> None:
    people, frame = team(3)
    spec = charts.targets(people["p00000"], score(people, frame)).to_dict()
    rows = _rows(spec)
    assert len(rows) == 10  # one bar per KPI, not one per person
    assert sum(r["weight"] for r in rows) == pytest.approx(100.0)


def test_a_chart_page_imports_altair_without_the_format_checkers(
    sample_path: Path, tmp_path: Path
) -> None:
    """``krakit chart -o c.html`` loads Altair only for its page template, the light way."""
    import subprocess
    import sys

    page = tmp_path / "c.html"
    code = (
        "import sys, krakit\n"
        "from krakit import vegalite\n"
        f"card = krakit.load({str(sample_path)!r})\n"
        f"vegalite.save(vegalite.overview(card, krakit.score(card)), {str(page)!r})\n"
        "print('checkers:', [m for m in ('rfc3987_syntax', 'isoduration') if m in sys.modules])\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=180)
    assert "checkers: []" in done.stdout, done.stderr
    assert "cdn.jsdelivr" not in page.read_text(encoding="utf-8")
