"""The workshop as a manager meets it: the Voilà app, driven click by click in Chromium.

* A vague KPI gets the checker's message as it is typed; the rewrite is read (target 1000000)
  and its S/M/A/R/T badges turn green; it is saved to the workspace (read back with
  :func:`krakit.load`).
* Actuals for two periods are recorded; the scores add both up and the chart draws as SVG.
* Hostile user text (a KPI named ``<img onerror>``, a KRA titled ``<script>``) is shown as text
  in every step, never run, and no dialog opens.

Each step is screenshotted (``make screenshots`` puts them in docs/screenshots for the README)
and nothing is fetched from the internet.
"""

from __future__ import annotations

import datetime as dt
import json
import time
from collections.abc import Callable
from pathlib import Path

import krakit
from krakit.model import KPI
from krakit.text.parse import parse_kpi
from tests.browser.conftest import Server, screenshot, settled_text

STEPS = ("krakit-step-roles", "krakit-step-kpis", "krakit-step-check", "krakit-step-scorecard")
VAGUE = "Improve sales"
REWRITE = "Achieve ₹10 lakh monthly revenue by March 2026"
OWNER, SOURCE = "Sales executive", "Tally sales register"
# Okabe–Ito green and vermillion: krakit-badge-pass / krakit-badge-fail in widgets/_base.py
GREEN, RED = "rgb(0, 158, 115)", "rgb(213, 94, 0)"
IMG = '<img src=x onerror="window.__pwned=1">'
SCRIPT = "<script>window.__pwned=2</script>"

# Plausible actuals for the template's own KPIs (by label; any other KPI gets "1").
OCTOBER = {
    "Monthly territory revenue": "1150000",
    "Average order value": "42000",
    "New dealers won": "4",
    "Enquiries followed up within 24 hours": "88%",
    "Enquiry-to-order conversion rate": "23%",
    "Days sales outstanding": "48",
    "Receivables overdue beyond 60 days": "12%",
}
NOVEMBER = {**OCTOBER, "Monthly territory revenue": "1,240,000", "Days sales outstanding": "41"}

BADGES_JS = (
    "() => [...document.querySelectorAll('.krakit-step-kpis .krakit-smart .krakit-badge')]"
    ".map(b => ({letter: b.textContent, pass: b.classList.contains('krakit-badge-pass'),"
    " fail: b.classList.contains('krakit-badge-fail'),"
    " colour: getComputedStyle(b).backgroundColor, why: b.title}))"
)


def _step(page, index: int) -> None:
    """Wait for the wizard to show step ``index`` (0-based) and hide the others."""
    page.wait_for_selector(f".{STEPS[index]}", state="visible")
    for other in STEPS[:index] + STEPS[index + 1 :]:
        assert not page.locator(f".{other}").first.is_visible()


def _text_has(selector: str, text: str) -> str:
    """JS predicate: the element's text contains ``text`` (passed as the argument)."""
    return (
        f"t => [...document.querySelectorAll({json.dumps(selector)})]"
        ".some(e => e.textContent.includes(t))"
    )


def _wait_text(page, selector: str, text: str) -> None:
    page.wait_for_function(_text_has(selector, text), arg=text)


def _wait_value(page, selector: str, value: str) -> None:
    page.wait_for_function(
        "([s, v]) => (document.querySelector(s) || {}).value === v", arg=[selector, value]
    )


def _until(predicate: Callable[[], bool], what: str, seconds: float = 180) -> None:
    """Poll a condition outside the page (a file on disk) until it holds (or a hang)."""
    deadline = time.monotonic() + seconds
    while not predicate():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.1)


def _badges(page) -> dict[str, tuple[bool, str]]:
    """Each S/M/A/R/T badge: (passes?, background colour); the class and colour agree."""
    out = {}
    for badge in page.evaluate(BADGES_JS):
        assert badge["pass"] != badge["fail"], badge
        assert badge["colour"] == (GREEN if badge["pass"] else RED), badge
        out[badge["letter"]] = (badge["pass"], badge["why"])
    return out


def _open_workshop(server: Server, page) -> None:
    page.goto(server.url)
    page.wait_for_selector(".krakit-workshop", timeout=120_000)
    _step(page, 0)


def _start_from_sales_executive(page) -> None:
    page.fill(".krakit-role-search input", "sales executive")
    page.wait_for_function(
        "() => [...document.querySelectorAll('.krakit-role-template select option')]"
        ".some(o => o.value === 'Sales executive (sales)')"
    )
    page.select_option(".krakit-role-template select", value="Sales executive (sales)")
    page.click("button.krakit-use-template")
    page.wait_for_selector(".krakit-kra-row")


def _fill_period(page, period: str, values: dict[str, str], default: str = "1") -> None:
    """Type one period's actuals into the grid (cells found by their KPI label) and record."""
    cells = page.locator(".krakit-actual")
    page.wait_for_selector(".krakit-actual input")  # the grid is drawn with the step
    before = [cells.nth(i).locator("input").input_value() for i in range(cells.count())]
    page.fill(".krakit-period input", period)
    if any(before):  # the grid is refilled for the new period: wait until it is, then type
        page.wait_for_function(
            "() => [...document.querySelectorAll('.krakit-actual input')]"
            ".every(i => i.value === '')"
        )
    for i in range(cells.count()):
        label = cells.nth(i).locator("label").inner_text().strip()
        cells.nth(i).locator("input").fill(values.get(label, default))
    page.click("button.krakit-record")
    _wait_text(page, ".krakit-step-scorecard .krakit-message", f"Recorded the actuals for {period}")


def test_vague_kpi_rewritten_saved_and_scored_over_two_periods(voila, page) -> None:
    page, offline = page
    _open_workshop(voila, page)

    # 1 · Role & KRAs: the Sales executive template.
    _start_from_sales_executive(page)
    assert page.locator(".krakit-kra-row").count() >= 3
    _wait_text(page, ".krakit-weight-total", "100")  # drawn just after the rows
    screenshot(page, "step1_roles")

    # 2 · KPIs: a vague KPI gets the checker's message live, in the KPI step.
    page.click("button.krakit-next")
    _step(page, 1)
    statement = page.locator(".krakit-kpi-statement textarea")
    statement.fill(VAGUE)
    _wait_text(page, ".krakit-kpi-findings", "has no target")
    findings = page.inner_text(".krakit-kpi-findings")
    assert "M002" in findings and f"'{VAGUE}' has no target" in findings
    page.wait_for_function(
        "() => document.querySelectorAll('.krakit-step-kpis .krakit-badge').length === 5"
    )
    vague = _badges(page)
    assert list(vague) == list("SMART")
    assert vague["M"][0] is False and "no target" in vague["M"][1]
    screenshot(page, "step2_kpis_vague")

    # ... rewritten: the target is read, the vague-KPI message goes, the badges turn green.
    statement.fill(REWRITE)
    _wait_value(page, ".krakit-field-target input", "1000000")
    page.wait_for_function(
        "() => !(document.querySelector('.krakit-kpi-findings') || {}).textContent"
        "?.includes('M002')"
    )
    assert page.input_value(".krakit-field-deadline input") == "2026-03-31"
    assert page.locator(".krakit-kpi-highlight mark").count() >= 2
    # owner and data source are typed by hand (the sentence names neither): A and M follow
    page.fill(".krakit-field-owner input", OWNER)
    page.fill(".krakit-field-data-source input", SOURCE)
    expected = (
        parse_kpi(REWRITE).to_kpi().model_copy(update={"owner": OWNER, "data_source": SOURCE})
    )
    want = {c.letter: c.passed for c in krakit.smart(expected).criteria}
    assert want["S"] and want["M"] and want["A"] and want["R"]
    # March 2026 is a real date: once it has passed the checker rightly keeps T red
    assert want["T"] is (dt.date.today() <= dt.date(2026, 3, 31))
    page.wait_for_function(
        "want => { const b = [...document.querySelectorAll("
        "'.krakit-step-kpis .krakit-smart .krakit-badge')];"
        " return b.length === 5 && b.every(e => e.classList.contains("
        "want[e.textContent] ? 'krakit-badge-pass' : 'krakit-badge-fail')); }",
        arg=want,
    )
    rewritten = _badges(page)
    for letter in "SMAR":
        assert rewritten[letter][0] is True, (letter, rewritten[letter])
    for letter in "MA":  # these were red for the vague KPI and turned green
        assert vague[letter][0] is False
    if not want["T"]:
        assert "already past" in rewritten["T"][1]
    screenshot(page, "step2_kpis")
    page.click("button.krakit-kpi-save")
    _wait_text(page, ".krakit-step-kpis .krakit-message", "Added 'monthly revenue'")
    _wait_text(page, ".krakit-kpi-list", REWRITE)

    # 3 · Check: findings grouped, each with its why and fix.
    page.click("button.krakit-next")
    _step(page, 2)
    settled_text(page, ".krakit-check-summary", str.strip)
    screenshot(page, "step3_check")

    # 4 · Save: the file is in the workspace with the new KPI.
    page.click("button.krakit-next")
    _step(page, 3)
    page.fill(".krakit-save-name input", "sales-executive")
    page.click("button.krakit-save")
    _wait_text(page, ".krakit-saved-message", "Saved")
    saved = Path(voila.log).parent / "workspace" / "sales-executive.yaml"
    assert saved.exists(), page.inner_text(".krakit-saved-message")
    scorecard = krakit.load(saved)
    assert scorecard.role.title == "Sales executive"
    kpi = next(k for k in scorecard.all_kpis() if k.statement == REWRITE)
    assert isinstance(kpi, KPI)
    assert kpi.target == 1_000_000 and kpi.unit == "INR"
    assert (kpi.owner, kpi.data_source) == (OWNER, SOURCE)
    assert kpi.deadline == dt.date(2026, 3, 31)
    assert {c.letter: c.passed for c in krakit.smart(kpi).criteria} == want
    assert kpi.id in {k.id for k in scorecard.kra("sales-revenue").kpis}

    # Actuals for two periods: the scores add them up and the chart draws, offline.
    _fill_period(page, "2026-10", {**OCTOBER, "monthly revenue": "850000"})
    _fill_period(page, "2026-11", {**NOVEMBER, "monthly revenue": "1050000"})
    page.wait_for_function(
        "() => /overall\\s+\\d/.test((document.querySelector('.krakit-scores') || {}).textContent)"
    )
    # the bullet chart, drawn as inline SVG: a bar per KPI, labelled with the KPI's name
    page.wait_for_selector(".krakit-chart svg g.mark-rect.role-mark path")
    assert page.locator(".krakit-chart svg g.mark-rect.role-mark path").count() >= 8
    labels = page.eval_on_selector_all(
        ".krakit-chart svg g.role-axis-label text", "ts => ts.map(t => t.textContent)"
    )
    assert "monthly revenue" in labels
    options = page.eval_on_selector_all(
        ".krakit-period datalist option", "os => os.map(o => o.value)"
    )
    assert {"2026-10", "2026-11"} <= set(options)
    page.click("button.krakit-save")
    _until(
        lambda: (
            {a.period for a in krakit.load(saved).actuals if a.kpi == kpi.id}
            == {"2026-10", "2026-11"}
        ),
        "both periods' actuals in the saved file",
    )
    scorecard = krakit.load(saved)
    mine = {a.period: a.value for a in scorecard.actuals if a.kpi == kpi.id}
    assert mine == {"2026-10": 850_000, "2026-11": 1_050_000}
    # the page's table shows what krakit.score makes of both periods (actual 1.9M of 2M)
    row = krakit.score(scorecard).totals.set_index("metric").loc["monthly revenue"]
    assert (row["actual"], row["target"]) == (1_900_000, 2_000_000)
    table_row = settled_text(
        page, '.krakit-scores tr:has-text("monthly revenue")', lambda t: "₹19,00,000" in t
    )
    # in rupees, Indian grouping, as the manager wrote the target
    assert "₹19,00,000" in table_row and "₹20,00,000" in table_row
    page.locator(".krakit-scores").scroll_into_view_if_needed()
    screenshot(page, "step4_scorecard")
    page.locator(".krakit-chart").scroll_into_view_if_needed()
    screenshot(page, "step4_chart")
    assert offline.blocked == []


def test_hostile_names_are_shown_as_text_in_every_step(voila, page) -> None:
    page, offline = page
    dialogs: list[str] = []

    def on_dialog(dialog) -> None:
        dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    page.on("dialog", on_dialog)
    _open_workshop(voila, page)
    _start_from_sales_executive(page)

    # Step 1: a KRA titled <script>: flagged (it holds a number), kept as a KRA, shown as text.
    lines = page.locator(".krakit-kra-lines textarea")
    lines.fill(lines.input_value() + "\n" + SCRIPT)
    lines.blur()
    _wait_text(page, ".krakit-flags", SCRIPT)
    page.click(".krakit-kpi-line button.krakit-keep")
    _wait_text(page, ".krakit-kra-title", SCRIPT)
    assert page.locator(".krakit-step-roles script").count() == 0

    # Step 2: a KPI named <img onerror>: in the highlight, the fields, the list.
    page.click("button.krakit-next")
    _step(page, 1)
    assert SCRIPT in page.eval_on_selector_all(
        ".krakit-kpi-kra select option", "os => os.map(o => o.textContent)"
    )
    page.fill(".krakit-kpi-statement textarea", IMG)
    _wait_text(page, ".krakit-kpi-highlight", IMG)
    page.wait_for_function(
        "() => (document.querySelector('.krakit-field-metric input') || {}).value?.length > 0"
    )
    page.fill(".krakit-field-metric input", IMG)
    page.wait_for_function(
        "() => (document.querySelector('.krakit-kpi-findings') || {}).textContent"
        "?.includes('window.__pwned=1')"
    )
    page.click("button.krakit-kpi-save")
    _wait_text(page, ".krakit-step-kpis .krakit-message", f"Added '{IMG}'")
    _wait_text(page, ".krakit-kpi-list", IMG)
    assert IMG in page.inner_text(".krakit-kpi-list")
    assert page.locator(".krakit-step-kpis img").count() == 0
    screenshot(page, "security_kpis")

    # Step 3: the findings quote both, as text.
    page.click("button.krakit-next")
    _step(page, 2)
    page.wait_for_selector(".krakit-check-summary")
    _wait_text(page, ".krakit-step-check .krakit-finding", IMG)
    _wait_text(page, ".krakit-step-check .krakit-finding", SCRIPT)
    assert page.locator(".krakit-step-check img, .krakit-step-check script").count() == 0

    # Step 4: the score table and the chart name the KPI, as text.
    page.click("button.krakit-next")
    _step(page, 3)
    _fill_period(page, "2026-10", {})
    _wait_text(page, ".krakit-scores td", IMG)
    page.wait_for_selector(".krakit-chart svg")
    chart_text = page.eval_on_selector(".krakit-chart svg", "s => s.textContent")
    assert '<img src=x onerror="' in chart_text  # the axis label (long labels end in '…')
    assert page.locator(".krakit-step-scorecard img, .krakit-step-scorecard script").count() == 0
    screenshot(page, "security_scorecard")

    # Nothing ran: no handler fired, no script was added, no dialog opened.
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.locator("img[src='x']").count() == 0
    assert not page.evaluate(
        "() => [...document.scripts].some(s => s.textContent.includes('__pwned'))"
    )
    assert dialogs == []
    assert offline.blocked == []
