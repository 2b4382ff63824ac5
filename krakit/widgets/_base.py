"""What every step of the guided flow shares: the scorecard it edits and how it shows errors.

A step is a ``VBox`` with private controls. Its ``scorecard`` trait holds the scorecard being
built (a new object after every edit: :mod:`krakit.edit` never changes one in place), and the
read-only ``value`` returns it. The wizard links the steps' ``scorecard`` traits, so an edit
in one step is seen by all. A step renders only while it is shown (``active``), so typing in
step 2 never redraws the charts of step 4.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import Any

import ipywidgets as w
import traitlets

from krakit.errors import KrakitError
from krakit.model import Scorecard

__all__ = ["Step", "esc", "message_html"]


def esc(value: object) -> str:
    """Escape any user-written value before it goes into an HTML widget."""
    return html.escape("" if value is None else str(value), quote=True)


def message_html(text: str, kind: str = "info") -> str:
    """A one-line notice (kind: info, ok, warning, error), with the text escaped."""
    return f'<div class="krakit-msg krakit-msg-{kind}">{esc(text)}</div>'


class Step(w.VBox):
    """Base of the four steps: a scorecard trait, a message line and lazy rendering."""

    scorecard = traitlets.Instance(Scorecard, allow_none=True)
    active = traitlets.Bool(True)

    def __init__(self, scorecard: Scorecard | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.add_class("krakit-step")
        self._message = w.HTML("").add_class("krakit-message")
        self._stale = True
        self.observe(self._on_scorecard, names="scorecard")
        self.observe(self._on_active, names="active")
        if scorecard is not None:
            self.scorecard = scorecard

    @property
    def value(self) -> Scorecard | None:
        """The scorecard as this step has it (read-only)."""
        return self.scorecard

    def _on_scorecard(self, _change: dict[str, Any]) -> None:
        self._stale = True
        if self.active:
            self.refresh()

    def _on_active(self, change: dict[str, Any]) -> None:
        if change["new"] and self._stale:
            self.refresh()

    def refresh(self) -> None:
        """Redraw the step from the scorecard."""
        self._stale = False
        self._render()

    def _render(self) -> None:  # pragma: no cover - every step overrides it
        raise NotImplementedError

    def _say(self, text: str, kind: str = "info") -> None:
        self._message.value = message_html(text, kind) if text else ""

    def _edit(self, change: Callable[..., Scorecard], *args: Any, **kwargs: Any) -> bool:
        """Apply one core edit to the scorecard; show a user error instead of raising it."""
        if self.scorecard is None:
            self._say("Start a scorecard in step 1 first.", "warning")
            return False
        try:
            self.scorecard = change(self.scorecard, *args, **kwargs)
        except KrakitError as exc:
            self._say(str(exc), "error")
            return False
        self._say("")
        return True
