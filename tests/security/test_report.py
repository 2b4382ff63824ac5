"""HTML report: every user-written string is escaped; templates never mark user text safe.

The report is an HTML file people open from a shared folder or email, so it is the widest
door: role, holder, period, KRA and KPI text, notes, the score explanation and the charts
(inline SVG images) are all checked with hostile text in every field.
"""

from __future__ import annotations

import base64
import re
from pathlib import Path

import markupsafe
import pytest

from krakit.report import TEMPLATE_DIR, report
from krakit.report_html import environment
from krakit.score import explain
from tests.security._payloads import PAYLOADS, hostile, unsafe_html

ROOT = Path(__file__).resolve().parents[2]


def _svgs(page: str) -> list[str]:
    return [
        base64.b64decode(uri).decode("utf-8")
        for uri in re.findall(r'src="data:image/svg\+xml;base64,([A-Za-z0-9+/=]+)"', page)
    ]


@pytest.mark.parametrize("payload", PAYLOADS)
@pytest.mark.parametrize("with_actuals", [True, False], ids=["scored", "agreement"])
def test_report_escapes_every_user_string(payload: str, with_actuals: bool, tmp_path: Path) -> None:
    sc = hostile(payload)
    if not with_actuals:
        sc = sc.model_copy(update={"actuals": []})
    page = report(sc, path=tmp_path / "r.html").read_text(encoding="utf-8")
    assert unsafe_html(page, payload) == []
    # the text is there, escaped, not dropped: what the reader sees is what was typed
    for text in (sc.role.title, sc.holder, sc.kras[0].title, sc.kras[0].kpis[0].statement):
        assert str(markupsafe.escape(text)) in page
    # template syntax in user text is printed, never evaluated
    if "{{7*7}}" in payload:
        assert "{{7*7}}" in page and "{% raw %}" in page
    svgs = _svgs(page)
    assert svgs  # charts were embedded and are inspected too
    for svg in svgs:
        assert unsafe_html(svg, payload) == []


def test_score_explanation_html_is_escaped() -> None:
    payload = PAYLOADS[1]
    sc = hostile(payload)
    markup = explain(sc)._repr_html_()
    assert unsafe_html(markup, payload) == []
    assert "&lt;script&gt;" in markup


def test_report_template_never_marks_text_safe() -> None:
    for template in TEMPLATE_DIR.glob("*.j2"):
        source = template.read_text(encoding="utf-8")
        assert not re.search(r"\|\s*safe\b", source), template.name
        assert not re.search(r"\{%-?\s*autoescape\s+false", source), template.name


def test_custom_templates_are_autoescaped_whatever_their_name(tmp_path: Path) -> None:
    """A restyled template from HR gets the same escaping: it is on for every file name."""
    (tmp_path / "report.html.j2").write_text("<h1>{{ role.title }}</h1>", encoding="utf-8")
    (tmp_path / "workbook.yaml").write_text(
        (TEMPLATE_DIR / "workbook.yaml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    payload = PAYLOADS[0]
    page = report(hostile(payload), path=tmp_path / "r.html", templates=tmp_path, charts=False)
    text = page.read_text(encoding="utf-8")
    assert unsafe_html(text, payload) == [] and "&lt;img" in text
    env = environment(tmp_path)
    assert env.autoescape is True
    assert env.from_string("{{ x }}").render(x=payload) == str(markupsafe.escape(payload))


def test_no_pandas_html_without_escaping() -> None:
    """pandas HTML (``to_html``, ``Styler``) in krakit escapes cell text."""
    offenders = []
    for source in (ROOT / "krakit").rglob("*.py"):
        text = source.read_text(encoding="utf-8")
        for match in re.finditer(r"\.to_html\(([^)]*)\)", text, flags=re.S):
            if re.search(r"escape\s*=\s*False", match.group(1)):
                offenders.append(f"{source.name}: {match.group(0)[:60]}")
        if re.search(r"\bStyler\b|\.style\.(format|apply|map|set_)", text):
            if 'escape="html"' not in text and "escape='html'" not in text:
                offenders.append(f"{source.name}: pandas Styler without escape='html'")
    assert offenders == []
