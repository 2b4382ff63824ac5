"""A row of buttons, one per choice, that keeps its buttons while their labels change.

``ipywidgets.ToggleButtons`` redraws every button whenever its options change, and a view
that refreshes by itself (the facilitator's) changes the counts in its labels every few
seconds: a click landing while the buttons are redrawn is lost. Here each choice keeps its
own :class:`~ipywidgets.Button`; a new count only changes that button's text, and buttons
are added or removed only when the set of choices changes.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import ipywidgets as w
import traitlets

CHOSEN = "info"
"""The ``button_style`` of the chosen button."""


class CodePicker(w.HBox):
    """Pick one of a set of codes; ``value`` is the chosen code or ``None``.

    >>> picker = CodePicker()
    >>> picker.options = [("W005 · 2 of 3", "W005"), ("C001 · 1 of 3", "C001")]
    >>> button = picker.children[0]
    >>> picker.options = [("W005 · 3 of 3", "W005"), ("C001 · 1 of 3", "C001")]
    >>> picker.children[0] is button, button.description
    (True, 'W005 · 3 of 3')
    >>> button.click(); picker.value
    'W005'
    """

    value = traitlets.Unicode(None, allow_none=True)

    def __init__(
        self, guarded: Callable[[Callable[..., Any]], Callable[..., Any]] | None = None
    ) -> None:
        """``guarded`` wraps its callbacks (the view's :func:`~krakit.widgets._base.guard`)."""
        self._guard = guarded or (lambda handler: handler)
        self._buttons: dict[str, w.Button] = {}
        self._options: list[tuple[str, str]] = []
        super().__init__([], layout=w.Layout(flex_flow="row wrap"))
        self.observe(self._guard(lambda _c: self._style()), names="value")

    @property
    def options(self) -> list[tuple[str, str]]:
        """The choices as ``(label, code)`` pairs, in order."""
        return list(self._options)

    @options.setter
    def options(self, options: list[tuple[str, str]]) -> None:
        options = list(options)
        codes = [code for _label, code in options]
        for code in set(self._buttons) - set(codes):
            self._buttons.pop(code).close()
        for label, code in options:
            button = self._buttons.get(code)
            if button is None:
                button = self._buttons[code] = w.Button(layout=w.Layout(width="auto"))
                button.on_click(self._guard(lambda _b, code=code: setattr(self, "value", code)))
            if button.description != label:
                button.description = label
        if [child for child in self.children] != [self._buttons[c] for c in codes]:
            self.children = [self._buttons[c] for c in codes]
        self._options = options
        if self.value not in self._buttons:
            self.value = None
        self._style()

    def _style(self) -> None:
        for code, button in self._buttons.items():
            style = CHOSEN if code == self.value else ""
            if button.button_style != style:
                button.button_style = style
