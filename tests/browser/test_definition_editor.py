"""The definition editor in the analyst notebook, served by Voilà, driven in Chromium.

Median instead of mean, Preview: the actuals per period and the scores appear; then a
subquery typed as the expression is refused in words.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.browser.conftest import Server, _voila, screenshot

EDITOR = ".krakit-definition-editor"


@pytest.fixture(scope="module")
def voila_analyst(site, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    yield from _voila("analyst_metric_iteration.ipynb", site, tmp_path_factory.mktemp("analyst"))


def test_preview_and_a_refused_expression(voila_analyst, page) -> None:
    page, offline = page
    page.goto(voila_analyst.url)
    page.wait_for_selector(f"{EDITOR} .krakit-definition-preview", timeout=240_000)
    assert page.locator(f"{EDITOR} .krakit-definition-agg select").input_value() == "average"

    page.select_option(f"{EDITOR} .krakit-definition-agg select", "median")
    page.click(f"{EDITOR} .krakit-definition-preview")
    page.wait_for_function(
        "s => (document.querySelector(s) || {}).textContent?.includes('Ishaan Rao: edited')",
        arg=f"{EDITOR} .krakit-definition-out",
        timeout=120_000,
    )
    out = page.inner_text(f"{EDITOR} .krakit-definition-out")
    assert "2026-03" in out and "rank" in out and "→" in out
    page.locator(f"{EDITOR} .krakit-definition-preview").scroll_into_view_if_needed()
    screenshot(page, "definition_editor_preview")

    page.fill(f"{EDITOR} .krakit-definition-expr input", "(SELECT 1)")
    page.press(f"{EDITOR} .krakit-definition-expr input", "Enter")
    page.click(f"{EDITOR} .krakit-definition-preview")
    error = page.locator(f"{EDITOR} .krakit-msg-error")
    error.wait_for(timeout=120_000)
    text = error.inner_text()
    assert "subquery" in text and "bug" not in text and "Traceback" not in page.content()
    error.scroll_into_view_if_needed()
    screenshot(page, "definition_editor_refused")
    assert offline.blocked == []


def test_a_ratio_part_refused_is_named(voila_analyst, page) -> None:
    page, offline = page
    page.goto(voila_analyst.url)
    page.wait_for_selector(f"{EDITOR} .krakit-definition-preview", timeout=240_000)
    page.select_option(f"{EDITOR} .krakit-definition-kpi select", "offer-acceptance-rate")
    den = f"{EDITOR} .krakit-definition-den-filter input"
    page.wait_for_selector(den, state="visible", timeout=60_000)
    page.fill(den, "status = (SELECT 1)")
    page.press(den, "Enter")
    page.click(f"{EDITOR} .krakit-definition-preview")
    error = page.locator(f"{EDITOR} .krakit-msg-error")
    error.wait_for(timeout=120_000)
    text = error.inner_text()
    assert "denominator" in text and "subquery" in text and "bug" not in text
    error.scroll_into_view_if_needed()
    screenshot(page, "definition_editor_ratio_refused")
    assert offline.blocked == []
