"""The workshop as a manager meets it: the Voilà app, driven click by click in Chromium.

Each step is screenshotted (``make screenshots`` puts them in docs/screenshots for the README),
user text that looks like HTML stays text, nothing is fetched from the internet, and the
scorecard lands in the workspace folder.
"""

from __future__ import annotations

from pathlib import Path

from tests.browser.conftest import screenshot

XSS = '<img src=x onerror="window.__krakit_xss=1">'


STEPS = ("krakit-step-roles", "krakit-step-kpis", "krakit-step-check", "krakit-step-scorecard")


def _step(page, index: int) -> None:
    """Wait for the wizard to show step ``index`` (0-based) and hide the others."""
    page.wait_for_selector(f".{STEPS[index]}", state="visible")
    for other in STEPS[:index] + STEPS[index + 1 :]:
        assert not page.locator(f".{other}").first.is_visible()


def test_sales_executive_in_four_steps(voila, page) -> None:
    page, offline = page
    page.goto(voila.url)
    page.wait_for_selector(".krakit-workshop", timeout=120_000)

    # 1 · Role & KRAs: find the role in the library and start from it.
    _step(page, 0)
    page.fill(".krakit-role-search input", "sales executive")
    page.wait_for_function(
        "() => [...document.querySelectorAll('.krakit-role-template select option')]"
        ".some(o => o.value === 'Sales executive (sales)')"
    )
    page.select_option(".krakit-role-template select", value="Sales executive (sales)")
    page.click("button.krakit-use-template")
    page.wait_for_selector(".krakit-kra-row")
    assert page.locator(".krakit-kra-row").count() >= 3
    assert "100" in page.inner_text(".krakit-weight-total")
    screenshot(page, "step1_roles")

    # 2 · KPIs: type a sentence; the parser fills the fields and the SMART badges appear.
    page.click("button.krakit-next")
    _step(page, 1)
    statement = page.locator(".krakit-kpi-statement textarea")
    statement.fill("Raise repeat-customer revenue from ₹8 lakh to ₹12 lakh a month by March 2027")
    page.wait_for_function(
        "() => (document.querySelector('.krakit-field-target input') || {}).value === '1200000'"
    )
    assert page.input_value(".krakit-field-baseline input") == "800000"
    assert page.locator(".krakit-kpi-highlight mark").count() >= 3
    page.wait_for_function(
        "() => /S\\s*M\\s*A\\s*R\\s*T/.test("
        "(document.querySelector('.krakit-step-kpis .krakit-smart') || {}).innerText || '')"
    )
    screenshot(page, "step2_kpis")
    # user text that looks like HTML is shown as text, never run
    statement.fill("Monthly revenue " + XSS)
    page.wait_for_function(
        "() => (document.querySelector('.krakit-kpi-highlight') || {}).textContent"
        "?.includes('onerror')"
    )
    assert XSS in page.inner_text(".krakit-kpi-highlight")
    assert page.locator(".krakit-kpi-highlight img").count() == 0

    # 3 · Check: findings grouped, each with its why and fix.
    page.click("button.krakit-next")
    _step(page, 2)
    page.wait_for_selector(".krakit-check-summary")
    assert page.inner_text(".krakit-check-summary").strip()
    screenshot(page, "step3_check")

    # 4 · Save & chart: save to the workspace and see the targets chart.
    page.click("button.krakit-next")
    _step(page, 3)
    page.fill(".krakit-save-name input", "sales-executive")
    page.click("button.krakit-save")
    page.wait_for_function(
        "() => (document.querySelector('.krakit-saved-message') || {}).textContent"
        "?.includes('Saved')"
    )
    saved = Path(voila.log).parent / "workspace" / "sales-executive.yaml"
    assert saved.exists(), page.inner_text(".krakit-saved-message")
    assert "Sales executive" in saved.read_text()
    # enter this month's actuals: the scores and the chart follow
    inputs = page.locator(".krakit-actual input")
    for i, value in enumerate(["1000000", "47000", "3", "85", "22", "52", "12"][: inputs.count()]):
        inputs.nth(i).fill(value)
    page.click("button.krakit-record")
    page.wait_for_function(
        "() => /overall\\s+\\d/.test((document.querySelector('.krakit-scores') || {}).textContent)"
    )
    page.wait_for_selector(".krakit-chart svg")
    page.locator(".krakit-scores").scroll_into_view_if_needed()
    screenshot(page, "step4_scorecard")

    assert page.evaluate("window.__krakit_xss") is None
    assert offline.blocked == []
