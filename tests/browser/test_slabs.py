"""A slab KPI made in the workshop app, click by click in Chromium: choose "Slabs", mistype a
row (the problem shows under it), fix it, add a row, save; the file holds the slabs.

Screenshot: ``step2_slabs`` (``make screenshots``).
"""

from __future__ import annotations

from pathlib import Path

import krakit
from krakit.model import Slab
from tests.browser.conftest import Server, screenshot
from tests.browser.test_workshop import (
    _open_workshop,
    _start_from_sales_executive,
    _step,
    _wait_text,
    _wait_value,
)

SENTENCE = "Achieve monthly dealer sales of ₹12 lakh by March 2027"


def test_a_slab_kpi_is_made_in_the_wizard_and_saved(voila: Server, page) -> None:
    page, _offline = page
    _open_workshop(voila, page)
    _start_from_sales_executive(page)
    page.click("button.krakit-next")
    _step(page, 1)
    page.locator(".krakit-kpi-statement textarea").fill(SENTENCE)
    _wait_value(page, ".krakit-field-target input", "1200000")
    assert not page.locator(".krakit-slabs").first.is_visible()  # ratio: no slab editor
    page.select_option(".krakit-field-target-type select", label="Slabs (stepped points)")
    page.wait_for_selector(".krakit-slabs", state="visible")
    _wait_text(page, ".krakit-target-type-about", "Points by the slab")
    rows = page.locator(".krakit-slab-row input")
    assert [rows.nth(i).input_value() for i in range(rows.count())] == [
        "80% → 50",
        "90% → 80",
        "100% → 100",
        "110% → 120",
    ]
    rows.nth(1).fill("ninety → 80")
    _wait_text(page, ".krakit-slab-problem", "cannot read the slab 'ninety → 80'")
    rows.nth(1).fill("90-100: 80")
    page.wait_for_function(
        "() => ![...document.querySelectorAll('.krakit-slab-problem')]"
        ".some(e => e.textContent.trim())"
    )
    page.click("button.krakit-slab-add")
    page.wait_for_function("() => document.querySelectorAll('.krakit-slab-row').length === 5")
    rows.nth(4).fill("125+: 150")
    _wait_text(page, ".krakit-slab-overall", "125% and up → 150")
    page.locator(".krakit-slabs").scroll_into_view_if_needed()
    screenshot(page, "step2_slabs")
    page.click("button.krakit-kpi-save")
    _wait_text(page, ".krakit-step-kpis .krakit-message", "Added 'monthly dealer sales'")

    page.click("button.krakit-next")
    _step(page, 2)
    page.click("button.krakit-next")
    _step(page, 3)
    page.fill(".krakit-save-name input", "slab-card")
    page.click("button.krakit-save")
    _wait_text(page, ".krakit-saved-message", "Saved")
    saved = Path(voila.log).parent / "workspace" / "slab-card.yaml"
    kpi = next(k for k in krakit.load(saved).all_kpis() if k.statement == SENTENCE)
    assert (kpi.target_type, kpi.target) == ("slab", 1_200_000)
    assert kpi.slabs == [
        Slab(at=80, points=50),
        Slab(at=90, points=80),
        Slab(at=100, points=100),
        Slab(at=110, points=120),
        Slab(at=125, points=150),
    ]
