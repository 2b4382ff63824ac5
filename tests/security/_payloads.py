"""Hostile text typed by a participant, a scorecard full of it, and an HTML inspector.

Shared by the security tests (one module per surface: widgets, report, charts, sheets,
files, app). :func:`unsafe_html` says what in a piece of HTML could run code: a script-like
element, an event-handler attribute, a ``javascript:`` URL, or a raw payload left unescaped.
"""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import krakit

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "templates" / "samples" / "recruiter.yaml"

PAYLOADS: tuple[str, ...] = (
    "<img src=x onerror=alert(1)>",
    "<script>alert(1)</script>",
    "javascript:alert(1)",
    '" onmouseover="alert(1)',
    "'><svg onload=alert(1)>",
    "{{7*7}}{% raw %}x{% endraw %}${7*7}",
)
"""Markup, a script, a URL scheme, attribute breakers and template syntax."""

# Text fields a person types, by model object. Ids, enums, numbers and dates are left alone.
_ROLE_TEXT = ("title", "function", "region", "note")
_GOAL_TEXT = ("title", "description")
_KRA_TEXT = ("title", "description")
_KPI_TEXT = ("statement", "metric", "unit", "data_source", "owner", "note")

_ACTIVE_TAGS = {"script", "iframe", "object", "embed", "base", "form", "link", "frame"}
_URL_ATTRS = {"href", "src", "action", "formaction", "xlink:href", "data", "srcdoc"}


def hostile(payload: str) -> krakit.Scorecard:
    """The sample scorecard with ``payload`` in every text field a person types.

    Each field gets a short tag after the payload (``… m:time-to-hire``) so names that must be
    unique stay unique.
    """
    data = krakit.load(SAMPLE).model_dump(mode="json", exclude_none=True)
    role = data["role"]
    for name in _ROLE_TEXT:
        role[name] = f"{payload} r:{name}"[:200]
    data["holder"] = f"{payload} holder"
    data["period"] = payload[:40]
    for goal in data["goals"]:
        for name in _GOAL_TEXT:
            goal[name] = f"{payload} g:{goal['id']}"
    for kra in data["kras"]:
        for name in _KRA_TEXT:
            kra[name] = f"{payload} k:{kra['id']}"
        for kpi in kra["kpis"]:
            for name in _KPI_TEXT:
                kpi[name] = f"{payload} {name[0]}:{kpi['id']}"
            kpi["unit"] = payload[:40]  # units are short
    for actual in data["actuals"]:
        actual["note"] = f"{payload} note"
    return krakit.Scorecard.model_validate(data)


class _Inspector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _ACTIVE_TAGS:
            self.problems.append(f"<{tag}> element")
        if tag == "meta" and any(name == "http-equiv" for name, _ in attrs):
            self.problems.append("<meta http-equiv> (refresh/redirect)")
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}=...> event handler")
            squeezed = "".join((value or "").split()).lower()
            if name in _URL_ATTRS and squeezed.startswith(("javascript:", "vbscript:")):
                self.problems.append(f"<{tag} {name}={value!r}> script URL")
            if name == "style" and ("expression(" in squeezed or "javascript:" in squeezed):
                self.problems.append(f"<{tag} style={value!r}> script in style")

    handle_startendtag = handle_starttag


def unsafe_html(markup: str, payload: str | None = None) -> list[str]:
    """What in ``markup`` could run code (empty when it is safe).

    With ``payload``: also report it if it appears verbatim although it holds ``<`` or
    ``>``. (A quote in text content is harmless; a quote that breaks out of an attribute
    shows up as the event-handler attribute it smuggles in.)
    """
    inspector = _Inspector()
    inspector.feed(markup)
    inspector.close()
    problems = list(inspector.problems)
    if payload and any(c in payload for c in "<>") and payload in markup:
        problems.append(f"payload {payload!r} left unescaped")
    return problems


def describe(problems: dict[str, list[str]]) -> str:
    """One line per place with a problem (for assertion messages)."""
    return "\n".join(f"{where}: {'; '.join(found)}" for where, found in problems.items() if found)


def as_text(value: Any) -> str:
    return "" if value is None else str(value)
