"""JupyterLab and Voilà, in a real (headless) Chromium, with no internet."""

from __future__ import annotations

import json
import urllib.request
from pathlib import Path

import krakit
from tests.browser.conftest import screenshot


def _run_all(page, server, notebook: str) -> None:
    # a workspace of its own, reset, so a layout restored from an earlier test cannot interfere
    workspace = notebook.removesuffix(".ipynb").replace("_", "-")
    page.goto(f"{server.url}/lab/workspaces/{workspace}/tree/notebooks/{notebook}?reset")
    page.wait_for_selector(".jp-Notebook .jp-Cell")
    page.wait_for_function(
        "() => { const a = window.jupyterapp; const w = a && a.shell.currentWidget;"
        " return !!(w && w.sessionContext && w.sessionContext.session"
        " && w.sessionContext.session.kernel"
        " && w.sessionContext.session.kernel.status === 'idle'); }"
    )
    page.evaluate("window.jupyterapp.commands.execute('notebook:run-all-cells')")
    # Done when every code cell ran, or a cell failed (then the test shows its traceback).
    page.wait_for_function(
        "() => { const w = window.jupyterapp.shell.currentWidget;"
        " if (!w || !w.content || !w.content.widgets || !w.sessionContext) return false;"
        " const cells = w.content.widgets.filter(c => c.model.type === 'code');"
        " const failed = document.querySelector("
        "\"[data-mime-type='application/vnd.jupyter.error']\") !== null;"
        " const kernel = w.sessionContext.session && w.sessionContext.session.kernel;"
        " return cells.length > 0 && !!kernel && kernel.status === 'idle'"
        " && (failed || cells.every(c => c.model.executionCount !== null)); }",
        timeout=180_000,
    )
    error = page.locator("[data-mime-type='application/vnd.jupyter.error']")
    assert error.count() == 0, error.first.inner_text()


def test_lab_ships_the_comms_setting(lab) -> None:
    url = f"{lab.url}/lab/api/settings/@jupyterlab/apputils-extension:kernels-settings"
    with urllib.request.urlopen(url) as response:
        settings = json.load(response)
    # overrides.json replaces the schema's default; user settings (none here) would win over it
    default = settings["schema"]["properties"]["commsOverSubshells"]["default"]
    assert default == "disabled"
    assert "commsOverSubshells" not in settings["settings"]


def test_start_here_runs_in_lab_offline(lab, page) -> None:
    page, offline = page
    _run_all(page, lab, "00_start_here.ipynb")
    # the wizard renders: JupyterLab draws a cell's output once it is scrolled into view
    page.wait_for_selector(".krakit-workshop", state="attached", timeout=60_000)
    page.locator(".krakit-workshop").scroll_into_view_if_needed()
    page.wait_for_selector(".krakit-workshop .krakit-step-roles", state="visible")
    assert page.locator(".krakit-workshop").is_visible()
    assert page.locator(".krakit-workshop .krakit-stepper button").count() == 4
    # no error output anywhere: no traceback, no stderr, no widget that failed to render
    tracebacks = page.locator("[data-mime-type='application/vnd.jupyter.error']")
    assert tracebacks.count() == 0, tracebacks.first.inner_text()
    stderr = page.locator("[data-mime-type='application/vnd.jupyter.stderr']")
    assert stderr.count() == 0, stderr.first.inner_text()
    assert page.locator(".jp-OutputArea-output").count() > 0
    assert "Error displaying widget" not in page.inner_text(".jp-Notebook")
    # in the notebook's narrower column no button label is cut ("Start fr…" was)
    cut = page.eval_on_selector_all(
        ".krakit-step-roles button",
        "bs => bs.filter(b => b.offsetWidth && b.scrollWidth > b.clientWidth + 1)"
        ".map(b => b.textContent)",
    )
    assert cut == [], cut
    screenshot(page, "00_start_here_lab")
    # the downloads work in Lab too: step 4's YAML arrives as a file krakit reads back
    page.fill(".krakit-workshop .krakit-role-title input", "Lab downloader")
    page.locator(".krakit-workshop .krakit-stepper button", has_text="4 · Save").click()
    page.wait_for_selector(".krakit-export-yaml button", state="visible")
    with page.expect_download() as info:
        page.click(".krakit-export-yaml button")
    data = Path(info.value.path()).read_bytes()
    assert info.value.suggested_filename.endswith(".yaml")
    assert krakit.loads(data.decode("utf-8")).role.title == "Lab downloader"
    assert offline.blocked == []


def test_start_here_as_an_app_shows_no_code(voila, page) -> None:
    page, offline = page
    page.goto(voila.url)
    page.wait_for_selector(
        "body[data-voila='voila-finished'], .jp-OutputArea-output", timeout=120_000
    )
    assert page.locator(".jp-CodeMirrorEditor, .jp-CodeCell .jp-InputArea").count() == 0
    assert "import krakit" not in page.inner_text("body")
    assert page.locator(".jp-OutputArea-output").count() > 0
    # the wizard is the first thing on the page: its top is in the first screenful's top third
    # (the fixture's viewport is a fixed 1280 x 900), above the introduction
    page.wait_for_selector(".krakit-workshop .krakit-step-roles", state="visible")
    top = page.locator(".krakit-workshop").bounding_box()["y"]
    assert top < 300, top
    intro = page.get_by_text("KRAs and KPIs, in krakit's words").bounding_box()
    assert intro["y"] > top
    screenshot(page, "00_start_here_app")
    assert offline.blocked == []


def test_altair_charts_render_offline_in_lab(lab, page) -> None:
    """Altair's JupyterChart, with Vega bundled from vl-convert: drawn with no internet."""
    page, offline = page
    _run_all(page, lab, "04_scorecard.ipynb")
    # JupyterLab skips drawing cells outside the viewport: bring the chart's cell into view
    page.wait_for_selector(".vega-embed", state="attached", timeout=60_000)
    page.locator(".vega-embed").first.scroll_into_view_if_needed()
    page.wait_for_selector(".vega-embed svg, .vega-embed canvas", timeout=60_000)
    assert page.locator(".vega-embed .mark-rect, .vega-embed canvas").count() > 0
    screenshot(page, "chart_in_lab")
    assert offline.blocked == []
