"""What every step of the guided flow shares: the scorecard it edits and how it shows errors.

A step is a ``VBox`` with private controls. Its ``scorecard`` trait holds the scorecard being
built (a new object after every edit: :mod:`krakit.edit` never changes one in place), and the
read-only ``value`` returns it. The wizard links the steps' ``scorecard`` traits, so an edit
in one step is seen by all. A step renders only while it is shown (``active``), so typing in
step 2 never redraws the charts of step 4.

Nothing fails silently: every button and observer is wrapped by :func:`guard`. A
:class:`~krakit.errors.KrakitError` is shown in the step as a plain message (places in words,
see :mod:`krakit.place`); anything else is a bug, and the step says so and names the file the
traceback was written to (:func:`krakit.crash.record`). No traceback reaches the screen and
no click does nothing.
"""

from __future__ import annotations

import functools
import html
from collections.abc import Callable
from typing import Any

import ipywidgets as w
import traitlets

from krakit import crash
from krakit.errors import KrakitError
from krakit.model import Scorecard
from krakit.place import plain_error
from krakit.widgets.speed import note_activity

__all__ = ["STYLE", "Step", "bug_html", "esc", "guard", "is_guarded", "message_html", "style"]

# Colours: Okabe–Ito (colour-blind safe), as in krakit.charts.
STYLE = """<style>
.krakit-msg {padding: 4px 8px; margin: 4px 0; border-radius: 4px; border-left: 4px solid #999;}
.krakit-msg-ok {border-color: #009E73; background: #e8f6f0;}
.krakit-msg-warning {border-color: #E69F00; background: #fdf4e3;}
.krakit-msg-error {border-color: #D55E00; background: #fbece4;}
.krakit-badge {display: inline-block; width: 1.8em; text-align: center; margin-right: 3px;
  border-radius: 4px; font-weight: bold; color: white; cursor: help;}
.krakit-badge-pass {background: #009E73;}
.krakit-badge-fail {background: #D55E00;}
.krakit-highlight {font-size: 1.05em; padding: 4px 0;}
.krakit-span {border-radius: 3px; padding: 0 2px; background: #cfe8f7;}
.krakit-span-target, .krakit-span-target_low, .krakit-span-target_high {background: #c9efdc;}
.krakit-span-baseline {background: #eee3f5;}
.krakit-span-deadline, .krakit-span-period {background: #fbe8c4;}
.krakit-clean {font-size: 1.2em; font-weight: bold; color: #00755a; padding: 8px;
  background: #e8f6f0; border-radius: 6px;}
.krakit-dirty {font-weight: bold; color: #a64500; padding: 6px;}
.krakit-finding.krakit-error {border-left: 4px solid #D55E00; padding-left: 6px;}
.krakit-finding.krakit-warning {border-left: 4px solid #E69F00; padding-left: 6px;}
.krakit-finding.krakit-suggestion {border-left: 4px solid #56B4E9; padding-left: 6px;}
.krakit-place {font-weight: bold; margin-top: 6px;}
.krakit-total-ok {color: #00755a; font-weight: bold;}
.krakit-total-off {color: #a64500; font-weight: bold;}
.krakit-flag {color: #a64500; font-weight: bold;}
.krakit-jump input, .krakit-jump select, .krakit-jump textarea {outline: 3px solid #E69F00;}
.krakit-scores table {border-collapse: collapse; font-size: 0.9em;}
.krakit-scores td, .krakit-scores th {padding: 2px 6px;}
</style>"""


def style() -> w.HTML:
    """The step's stylesheet, as a widget to put first among its children."""
    return w.HTML(STYLE).add_class("krakit-style")


def esc(value: object) -> str:
    """Escape any user-written value before it goes into an HTML widget."""
    return html.escape("" if value is None else str(value), quote=True)


def message_html(text: str, kind: str = "info") -> str:
    """A one-line notice (kind: info, ok, warning, error), with the text escaped."""
    return f'<div class="krakit-msg krakit-msg-{kind}">{esc(text)}</div>'


# How many guarded callbacks are running: they nest (an edit in step 2 redraws the other
# steps), and only the outermost one starts with a clean message line.
_running = [0]
_GUARDED = "__krakit_guarded__"


def bug_html(exc: BaseException, context: str = "", keep: str = "") -> str:
    """The message for an unexpected exception: a bug, and the file with the details."""
    path = crash.record(exc, context)
    where = (
        f"The details were written to {path}; please send that file to whoever runs the workshop."
        if path
        else "The details could not be written to a file."
    )
    return message_html(
        f"Something went wrong inside krakit ({type(exc).__name__}). This is a bug in "
        f"krakit, not something you did. {where} {keep}".rstrip(),
        "error",
    )


def guard(
    handler: Callable[..., Any],
    report: Callable[[str], None],
    *,
    scorecard: Callable[[], Scorecard | None] = lambda: None,
    start: Callable[[], None] | None = None,
    keep: str = "",
) -> Callable[..., Any]:
    """Wrap a widget callback so no exception escapes it and none passes unseen.

    The wrapper returns what the callback returns, or None when it raised (and said why).

    Parameters
    ----------
    handler
        The callback (a button's ``on_click`` or an ``observe`` handler).
    report
        Shows an HTML message in the widget (a step's message line).
    scorecard
        The scorecard being edited, to name places by their titles.
    start
        Called before the outermost guarded callback runs (clears the last problem shown).
    keep
        A sentence added to a bug's message, e.g. where the user's work still is.
    """

    @functools.wraps(handler)
    def guarded(*args: Any, **kwargs: Any) -> Any:
        note_activity()
        if _running[0] == 0 and start is not None:
            start()
        _running[0] += 1
        try:
            return handler(*args, **kwargs)
        except KrakitError as exc:
            report(message_html(plain_error(exc, scorecard()), "error"))
        except Exception as exc:  # a bug: say so, never a traceback, never nothing
            report(bug_html(exc, getattr(handler, "__qualname__", repr(handler)), keep))
        finally:
            _running[0] -= 1
        return None

    setattr(guarded, _GUARDED, True)
    return guarded


def is_guarded(callback: Any) -> bool:
    """Whether a callback was wrapped by :func:`guard` (a test walks every widget with it)."""
    return bool(getattr(callback, _GUARDED, False))


class _Card(traitlets.Instance):  # type: ignore[type-arg]
    """A scorecard trait that announces every new object, even one equal to the last.

    traitlets stays silent when the new value ``==`` the old, and a scorecard is a pydantic
    model compared by content: an edit that changed nothing, or a file resumed twice, would
    then replace the object in one step and not in the steps linked to it, and a later save
    (which stamps its own object) would leave the others unstamped and out of step.
    """

    def set(self, obj: traitlets.HasTraits, value: Any) -> None:
        new = self._validate(obj, value)
        old = obj._trait_values.get(self.name, self.default_value)
        obj._trait_values[self.name] = new
        if old is not new:
            obj._notify_trait(self.name, old, new)


class Step(w.VBox):
    """Base of the four steps: a scorecard trait, a message line and lazy rendering."""

    scorecard = _Card(Scorecard, allow_none=True)
    baseline = _Card(Scorecard, allow_none=True)
    """The scorecard as last opened, started or saved: while ``scorecard`` differs from it,
    there is work that is not saved."""
    active = traitlets.Bool(True)

    def __init__(self, scorecard: Scorecard | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.add_class("krakit-step")
        self._message = w.HTML("").add_class("krakit-message")
        self._text = ""  # the step's last message
        self._asking = False  # that message asks for something first ("add KPIs in step 2")
        self._problem = ""  # an error caught by the guard, kept until the user acts again
        self._stale = True
        self.observe(self._guard(self._on_scorecard), names="scorecard")
        self.observe(self._guard(self._on_active), names="active")
        if scorecard is not None:
            self._start(scorecard)

    @property
    def value(self) -> Scorecard | None:
        """The scorecard as this step has it (read-only)."""
        return self.scorecard

    def _start(self, scorecard: Scorecard) -> None:
        """Show a scorecard just opened or started: nothing in it is unsaved work yet."""
        self.scorecard = scorecard
        self.baseline = scorecard

    def _on_scorecard(self, _change: dict[str, Any]) -> None:
        self._stale = True
        if self._asking:  # the scorecard changed: what it asked for may be done, never stale
            self._say("")
        if self.active:
            self.refresh()

    def _on_active(self, change: dict[str, Any]) -> None:
        if change["new"] and self._stale:
            self.refresh()

    def refresh(self) -> None:
        """Redraw the step from the scorecard."""
        self._stale = False
        self._forget_problem()
        self._render()

    def _render(self) -> None:  # pragma: no cover - every step overrides it
        raise NotImplementedError

    def _guard(self, handler: Callable[..., Any]) -> Callable[..., Any]:
        """``handler`` wrapped by :func:`guard`, reporting in this step's message line."""
        return guard(
            handler,
            self._report,
            scorecard=lambda: self.scorecard,
            start=self._forget_problem,
            keep="Your work so far is kept: save it in step 4.",
        )

    def _click(self, button: w.Button, handler: Callable[..., Any]) -> None:
        """Run ``handler`` (guarded) when the button is clicked."""
        button.on_click(self._guard(handler))

    def _listen(self, control: w.Widget, handler: Callable[..., Any], name: str = "value") -> None:
        """Run ``handler`` (guarded) when the control's trait changes."""
        control.observe(self._guard(handler), names=name)

    def _report(self, html_text: str) -> None:
        self._problem = html_text
        self._show()

    def _forget_problem(self) -> None:
        if self._problem:
            self._problem = ""
            self._show()

    def _show(self) -> None:
        self._message.value = self._text + self._problem

    def _say(self, text: str, kind: str = "info") -> None:
        """Show the step's message; a ``warning`` asks for something first and goes away as
        soon as the scorecard changes (it would be stale after the manager acted on it)."""
        self._text = message_html(text, kind) if text else ""
        self._asking = bool(text) and kind == "warning"
        self._show()

    def _edit(self, change: Callable[..., Scorecard], *args: Any, **kwargs: Any) -> bool:
        """Apply one core edit to the scorecard; show a user error instead of raising it."""
        if self.scorecard is None:
            self._say("Start a scorecard in step 1 first.", "warning")
            return False
        try:
            self.scorecard = change(self.scorecard, *args, **kwargs)
        except KrakitError as exc:
            self._say(plain_error(exc, self.scorecard), "error")
            return False
        self._say("")
        return True
