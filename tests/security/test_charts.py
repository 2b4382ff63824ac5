"""Charts: user text in titles, axis labels, legends and tooltips never becomes markup.

Vega draws titles and labels as SVG text; tooltips go through vega-tooltip, which escapes
HTML unless an embed option turns that off. So: no chart sets embed or tooltip options, none
uses a link (``href``) channel, the SVG drawn offline is inert, the tooltip library bundled
with vl-convert (the JavaScript krakit serves offline) escapes by default, and a chart saved
as HTML keeps user text inside its script's JSON.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
import vl_convert

import krakit
from krakit import charts, vegalite
from krakit.score import score
from tests.security._payloads import PAYLOADS, hostile, unsafe_html


def _all_charts(payload: str) -> dict[str, Any]:
    sc = hostile(payload)
    result = score(sc)
    people = {f"{payload} A": sc, f"{payload} B": sc}
    frame = pd.DataFrame(
        [
            {"person": person, "kpi": a.kpi, "period": a.period, "value": a.value}
            for person in people
            for a in sc.actuals
        ]
    )
    team = score(people, frame)
    return {
        "bullet": charts.bullet(result),
        "contribution": charts.contribution(result),
        "trend": charts.trend(result),
        "heatmap": charts.heatmap(team),
        "distribution": charts.distribution(team),
        "targets": charts.targets(sc),
        "overview": charts.overview(sc, result),
    }


def _walk(spec: Any, path: str = "") -> list[tuple[str, Any]]:
    if isinstance(spec, dict):
        return [(f"{path}.{k}", v) for k, v in spec.items()] + [
            item for k, v in spec.items() for item in _walk(v, f"{path}.{k}")
        ]
    if isinstance(spec, list):
        return [item for i, v in enumerate(spec) for item in _walk(v, f"{path}[{i}]")]
    return []


@pytest.mark.parametrize("payload", PAYLOADS)
def test_chart_specs_set_no_html_tooltips_or_links(payload: str) -> None:
    for name, chart in _all_charts(payload).items():
        spec = chart.to_dict()
        keys = {path.rsplit(".", 1)[-1] for path, _ in _walk(spec)}
        assert "embedOptions" not in keys, name  # usermeta.embedOptions could undo sanitize
        assert "sanitize" not in keys, name
        assert "href" not in keys, name  # a link channel would make user text a URL
        assert "url" not in keys, name  # no data or images fetched from anywhere
        config_tooltip = spec.get("config", {}).get("mark", {}).get("tooltip")
        assert config_tooltip in (None, True, {"content": "encoding"}), name
        if name != "distribution":  # band names only; every other chart shows user text
            strings = [v for _, v in _walk(spec) if isinstance(v, str)]
            assert any(payload in text for text in strings), name


@pytest.mark.parametrize("payload", PAYLOADS)
def test_charts_drawn_as_svg_are_inert(payload: str) -> None:
    for name, chart in _all_charts(payload).items():
        svg = vl_convert.vegalite_to_svg(chart.to_dict())
        assert unsafe_html(svg, payload) == [], name


def test_bundled_vega_tooltip_escapes_html_by_default() -> None:
    """vl-convert's bundle (what JupyterChart loads offline) ships vega-tooltip's escaping."""
    bundle = vl_convert.javascript_bundle()
    defaults = re.search(r'id:(\w+),styleId:"vega-tooltip-style".{0,200}?sanitize:(\w+)', bundle)
    assert defaults, "vega-tooltip's default options not found: re-check the bundled version"
    sanitize = re.search(
        rf"function {re.escape(defaults.group(2))}\((\w+)\)\{{return String\(\1\)"
        r'\.replace\(/&/g,"&amp;"\)\.replace\(/</g,"&lt;"\)',
        bundle,
    )
    assert sanitize, "vega-tooltip's default sanitize no longer escapes & and <"


class _Scripts(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.scripts: list[str] = []
        self._inside = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "script":
            self._inside = True
            self.scripts.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._inside = False

    def handle_data(self, data: str) -> None:
        if self._inside:
            self.scripts[-1] += data


@pytest.mark.parametrize("payload", [*PAYLOADS, "</script><script>alert(1)</script>"])
def test_chart_saved_as_html_keeps_user_text_inside_its_json(payload: str, tmp_path: Path) -> None:
    sc = hostile(payload)
    chart = charts.targets(sc)
    safe = charts.save(
        charts.targets(krakit.load("templates/samples/recruiter.yaml")), tmp_path / "a.html"
    )
    evil = charts.save(chart, tmp_path / "b.html")
    page = evil.read_text(encoding="utf-8")
    assert "</script><script>" not in page
    assert "<img src=x" not in page and "<svg onload" not in page
    safe_scripts, evil_scripts = _Scripts(), _Scripts()
    safe_scripts.feed(safe.read_text(encoding="utf-8"))
    evil_scripts.feed(page)
    assert len(evil_scripts.scripts) == len(safe_scripts.scripts)  # no script added or split
    # the data survive: the spec in the page is the chart's spec, user text and all
    assert (
        json.dumps(sc.role.title)[1:-1]
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        in page
    )


def test_script_safe_json_reads_back_as_the_same_data() -> None:
    data = {"title": "</script><b>&amp;</b>", "n": [1, -2.5]}
    text = json.dumps(data, cls=vegalite._ScriptSafeJSON)
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text) == data


def test_cli_chart_html_keeps_user_text_inside_its_json(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from krakit.cli import _register_all, app

    _register_all()
    source = tmp_path / "card.yaml"
    krakit.save(hostile("</script><script>alert(1)</script>"), source)
    out = tmp_path / "chart.html"
    result = CliRunner().invoke(app, ["chart", str(source), "-o", str(out)])
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert "</script><script>alert(1)" not in page
    assert "\\u003c/script\\u003e\\u003cscript\\u003ealert(1)" in page
