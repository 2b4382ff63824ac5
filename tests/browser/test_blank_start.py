"""Managers who start BLANK in the Voilà app and type their own words, driven in Chromium.

No template: each persona types a role, its responsibilities and KPIs as people write them
(vague, with symbols, in Hindi-English mix), records an actual for every KPI, saves, and
downloads. After every action the step must say something (a confirmation or a message naming
the problem: nothing fails silently); the saved file holds every actual that was accepted; and
the downloads are real files the visitor's computer can open (PNG, SVG, HTML, Excel, YAML).

The support team lead clicks all five downloads and the first screenshots of a blank start are
hers (``make screenshots`` puts them in docs/screenshots for the README).
"""

from __future__ import annotations

import html
import io
import json
import zipfile
from dataclasses import dataclass
from pathlib import Path

import openpyxl
import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

import krakit
from tests.browser.conftest import Server, screenshot, settled_text


@dataclass(frozen=True)
class Persona:
    name: str
    role: str
    kras: tuple[str, ...]
    kpis: tuple[tuple[str, str, str], ...]
    """(KRA title, KPI as typed, the actual typed for it), in KRA order."""
    retry: dict[str, str]
    """An actual typed wrong first -> what the manager types after reading the message."""
    downloads: tuple[str, ...]


SUPPORT = Persona(
    name="support-lead",
    role="Customer support team lead",
    kras=("Ticket resolution", "Quality & tone"),
    kpis=(
        ("Ticket resolution", "Reduce ticket backlog", "120"),
        ("Quality & tone", "Improve quality", "4.2"),
    ),
    retry={},
    downloads=("png", "svg", "html", "xlsx", "yaml"),
)
PERSONAS = (
    SUPPORT,
    Persona(
        name="teacher",
        role="Class 7 maths teacher",
        kras=("Student learning", "Parent communication"),
        kpis=(
            (
                "Student learning",
                "Raise class maths average from 62% to 75% by March",
                "68%",
            ),
            ("Student learning", "Reduce absenteeism", "9%"),
            ("Parent communication", "Hold a parent meeting every month", "1"),
        ),
        retry={},
        downloads=("yaml",),
    ),
    Persona(
        name="nurse-manager",
        role="Nurse manager, ward 4",
        kras=("Patient safety", "Staff rostering"),
        kpis=(
            ("Patient safety", "Keep patient falls below 2 per month", "1"),
            ("Patient safety", "Hand hygiene compliance at least 95% every week", "97%"),
            ("Staff rostering", "Reduce overtime hours by 20%", "150 hours"),
        ),
        retry={},
        downloads=("xlsx",),
    ),
    Persona(
        name="kirana-founder",
        role="Kirana dukaan owner",
        kras=("Bikri badhana", "Stock ka dhyan"),
        kpis=(
            ("Bikri badhana", "Monthly bikri ₹5 lakh tak le jaana by March 2027", "4.2 lakh"),
            ("Stock ka dhyan", "Stockouts har mahine 2 se kam", "acha"),
        ),
        retry={"acha": "3"},
        downloads=("html",),
    ),
)


def _js_text_has(selector: str) -> str:
    return (
        f"t => [...document.querySelectorAll({json.dumps(selector)})]"
        ".some(e => e.textContent.includes(t))"
    )


def _wait_text(page, selector: str, text: str) -> None:
    page.wait_for_function(_js_text_has(selector), arg=text)


def _message(page, step: str) -> tuple[str, str]:
    """Wait for the step's message line to say something; return (kind, text)."""
    selector = f".{step} .krakit-message .krakit-msg"
    page.wait_for_selector(selector)
    box = page.locator(selector).first
    kind = next(c for c in box.get_attribute("class").split() if c.startswith("krakit-msg-"))
    return kind.removeprefix("krakit-msg-"), box.inner_text()


def _clear_message(page, step: str) -> None:
    page.evaluate(
        "s => document.querySelectorAll(s).forEach(e => e.remove())",
        f".{step} .krakit-message .krakit-msg",
    )


def _step_visible(page, cls: str) -> None:
    page.wait_for_selector(f".{cls}", state="visible")


def _start_blank(page, persona: Persona, shots: bool) -> None:
    page.click("button.krakit-start-blank")
    kind, _text = _message(page, "krakit-step-roles")
    assert kind == "ok"
    page.fill(".krakit-role-title input", persona.role)
    lines = page.locator(".krakit-kra-lines textarea")
    lines.fill("\n".join(persona.kras))
    lines.blur()
    for title in persona.kras:
        _wait_text(page, ".krakit-kra-title", title)
    assert page.locator(".krakit-kra-row").count() == len(persona.kras)
    if shots:
        screenshot(page, "blank_step1_roles")


def _type_kpis(page, persona: Persona, shots: bool) -> None:
    page.click("button.krakit-next")
    _step_visible(page, "krakit-step-kpis")
    for kra, statement, _actual in persona.kpis:
        page.select_option(".krakit-kpi-kra select", label=kra)
        page.fill(".krakit-kpi-statement textarea", statement)
        page.wait_for_selector(".krakit-step-kpis .krakit-smart .krakit-badge")
        if shots and statement == persona.kpis[0][1]:
            screenshot(page, "blank_step2_vague_kpi")
        _clear_message(page, "krakit-step-kpis")
        page.click("button.krakit-kpi-save")
        kind, text = _message(page, "krakit-step-kpis")
        assert kind == "ok", text
        _wait_text(page, ".krakit-kpi-list", statement)


def _check(page, shots: bool) -> None:
    page.click("button.krakit-next")
    _step_visible(page, "krakit-step-check")
    settled_text(page, ".krakit-check-summary", str.strip)
    if shots:
        screenshot(page, "blank_step3_check")


def _record_actuals(page, persona: Persona) -> None:
    page.click("button.krakit-next")
    _step_visible(page, "krakit-step-scorecard")
    page.fill(".krakit-period input", "2026-11")
    cells = page.locator(".krakit-actual input")
    page.wait_for_function(
        "n => document.querySelectorAll('.krakit-actual input').length === n",
        arg=len(persona.kpis),
    )
    for i, (_kra, _statement, actual) in enumerate(persona.kpis):
        cells.nth(i).fill(actual)
    _clear_message(page, "krakit-step-scorecard")
    page.click("button.krakit-record")
    kind, text = _message(page, "krakit-step-scorecard")
    if persona.retry:  # the message names the value that could not be read
        assert kind in ("error", "warning"), text
        for i, (_kra, _statement, actual) in enumerate(persona.kpis):
            if actual in persona.retry:
                assert actual in text, text
                cells.nth(i).fill(persona.retry[actual])
        _clear_message(page, "krakit-step-scorecard")
        page.click("button.krakit-record")
        kind, text = _message(page, "krakit-step-scorecard")
    assert kind == "ok" and "2026-11" in text, text


def _save(page, persona: Persona, voila: Server) -> krakit.Scorecard:
    page.fill(".krakit-save-name input", persona.name)
    page.click("button.krakit-save")
    _wait_text(page, ".krakit-saved-message", "Saved")
    saved = Path(voila.log).parent / "workspace" / f"{persona.name}.yaml"
    card = krakit.load(saved)
    assert card.role.title == persona.role
    assert [k.title for k in card.kras] == list(persona.kras)
    typed = [persona.retry.get(a, a) for _k, _s, a in persona.kpis]
    assert len([a for a in card.actuals if a.period == "2026-11"]) == len(typed)
    return card


def _download(page, kind: str) -> tuple[str, bytes]:
    try:
        with page.expect_download(timeout=90_000) as info:
            page.click(f".krakit-export-{kind} button")
        download = info.value
    except PlaywrightTimeout:  # say what the step said instead of only "timed out"
        said = page.inner_text(".krakit-step-scorecard .krakit-message")
        said += page.inner_text(".krakit-exported")
        raise AssertionError(f"no {kind} download; the step says: {said!r}") from None
    assert download.failure() is None
    return download.suggested_filename, Path(download.path()).read_bytes()


def _check_file(kind: str, data: bytes, card: krakit.Scorecard) -> None:
    metrics = [k.metric for k in card.all_kpis()]
    if kind == "png":
        assert data[:8] == b"\x89PNG\r\n\x1a\n"
    elif kind == "svg":
        assert b"<svg" in data[:500]
    elif kind == "html":
        page_text = data.decode("utf-8")
        for title in [k.title for k in card.kras] + metrics:
            assert html.escape(title, quote=False) in page_text, title
        assert "Quality & tone" not in page_text or card.role.title != SUPPORT.role
    elif kind == "xlsx":
        assert zipfile.is_zipfile(io.BytesIO(data))
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True)
        cells = {str(c) for s in book.worksheets for r in s.iter_rows(values_only=True) for c in r}
        assert set(metrics) <= cells, set(metrics) - cells
    elif kind == "yaml":
        back = krakit.loads(data.decode("utf-8"))
        assert back.model_dump() == card.model_dump() or (
            {(a.kpi, a.period, a.value) for a in back.actuals}
            == {(a.kpi, a.period, a.value) for a in card.actuals}
        )


@pytest.mark.parametrize("persona", PERSONAS, ids=[p.name for p in PERSONAS])
def test_blank_start_types_own_words_saves_and_downloads(voila, page, persona: Persona) -> None:
    page, offline = page
    page.goto(voila.url)
    page.wait_for_selector(".krakit-workshop", timeout=120_000)
    shots = persona is SUPPORT
    _start_blank(page, persona, shots)
    _type_kpis(page, persona, shots)
    _check(page, shots)
    _record_actuals(page, persona)
    # the scores take the actuals in: never "no actuals yet" once they are recorded, and a KPI
    # that cannot be scored (no target) says so and how to fix it
    page.wait_for_selector(".krakit-scores table")
    scores = settled_text(page, ".krakit-scores", lambda t: "no actuals yet" not in t.lower())
    scores = scores.lower()
    if persona is SUPPORT:
        assert "no target" in scores and "step 2" in scores, scores
    card = _save(page, persona, voila)
    if shots:
        page.locator(".krakit-scores").scroll_into_view_if_needed()
        screenshot(page, "blank_step4_scores")
    for kind in persona.downloads:
        name, data = _download(page, kind)
        assert name == f"{persona.name}.{kind}"
        _check_file(kind, data, card)
        _wait_text(page, ".krakit-exported", name)
        assert str(voila.root) not in page.inner_text(".krakit-exported")
    if shots:
        page.locator(".krakit-exported").scroll_into_view_if_needed()
        screenshot(page, "blank_step4_downloads")
    assert offline.blocked == []


def test_ward_sister_types_weights_as_people_write_them(voila, page) -> None:
    """A blank start is asked for the role's name; "30%", "30 %" and "thirty" are weights,
    and "0.3" is asked about under its own row, the typed text kept in the box."""
    page, offline = page
    page.goto(voila.url)
    page.wait_for_selector(".krakit-workshop", timeout=120_000)
    page.click("button.krakit-start-blank")
    _wait_text(page, ".krakit-step-roles .krakit-message", "Name the role first")
    title = page.locator(".krakit-role-title input")
    assert title.input_value() == "" and "Name the role" in title.get_attribute("placeholder")
    title.fill("ward sister")
    page.locator(".krakit-kra-lines textarea").fill(
        "patient saftey\nINFECTION CONTROL\n\nstaff rostering & training\nward supplies"
    )
    page.wait_for_function("() => document.querySelectorAll('.krakit-kra-row').length === 4")
    boxes = page.locator(".krakit-kra-weight input")
    for i, typed in enumerate(["30%", "30 %", "thirty"]):
        boxes.nth(i).fill(typed)
    _wait_text(page, ".krakit-weight-total", "90 of 100")
    boxes.nth(3).fill("0.3")
    note = page.locator(".krakit-kra-row").nth(3).locator(".krakit-kra-weight-note")
    note.locator(".krakit-msg-error").wait_for()
    assert "30%" in note.inner_text() and "0.3%" in note.inner_text()
    assert note.is_visible()
    assert "90 of 100" in page.inner_text(".krakit-weight-total")  # 0.3 was not taken
    assert [boxes.nth(i).input_value() for i in range(4)] == ["30%", "30 %", "thirty", "0.3"]
    screenshot(page, "blank_step1_weights_asked")
    boxes.nth(3).fill("10")
    _wait_text(page, ".krakit-weight-total", "100 of 100")
    page.wait_for_function(
        "() => !document.querySelectorAll('.krakit-kra-weight-note .krakit-msg').length"
    )
    assert offline.blocked == []
