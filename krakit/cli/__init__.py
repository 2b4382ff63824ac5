"""The ``krakit`` command line: typer parses, rich prints, the core does the work.

Each family of commands lives in its own module with a ``register(app)`` function.

Errors a user can cause are handled here, once: every command is wrapped so that a
:class:`~krakit.errors.KrakitError` prints its message (which names the file, row or field)
on stderr and exits with status 2, never with a traceback. Any other exception is a bug in
krakit and surfaces as one. A :class:`~krakit.errors.KrakitWarning` (a CSV read as
Windows-1252, say) prints as one ``! ...`` line on stderr.
"""

from __future__ import annotations

import functools
import importlib
import warnings
from collections.abc import Callable
from typing import Any

import typer
from rich.console import Console

from krakit.errors import KrakitError, KrakitWarning

app = typer.Typer(
    name="krakit",
    help="Turn a role's KRAs into a measurable, checked KPI scorecard.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

# Command families, in the order `krakit --help` lists them.
FAMILIES = (
    "krakit.cli.files",
    "krakit.cli.score",
    "krakit.cli.check",
    "krakit.cli.text",
    "krakit.cli.library",
)

USER_ERROR = 2
"""Exit status for input krakit cannot accept (a broken file, a bad option value)."""

# Markup off: messages quote user text ("[s]" must print as written).
_err = Console(stderr=True, highlight=False, markup=False)


def fail(exc: KrakitError) -> typer.Exit:
    """Print a user error on stderr and return the exit (status 2) to raise."""
    _err.print(f"✗ {exc}", style="red", soft_wrap=True)
    return typer.Exit(USER_ERROR)


def _guarded(command: Callable[..., Any]) -> Callable[..., Any]:
    """The command, with any KrakitError it raises turned into a message and exit 2."""
    if getattr(command, "_krakit_guarded", False):
        return command

    @functools.wraps(command)
    def run(*args: Any, **kwargs: Any) -> Any:
        with warnings.catch_warnings():
            warnings.simplefilter("always", KrakitWarning)
            shown = warnings.showwarning

            def show(message: Any, category: type[Warning], *rest: Any, **kw: Any) -> None:
                if issubclass(category, KrakitWarning):  # a guess krakit made: one plain line
                    _err.print(f"! {message}", style="yellow", soft_wrap=True)
                else:
                    shown(message, category, *rest, **kw)

            warnings.showwarning = show
            try:
                return command(*args, **kwargs)
            except KrakitError as exc:
                raise fail(exc) from None

    run._krakit_guarded = True  # type: ignore[attr-defined]
    return run


def _register_all() -> None:
    if not app.registered_commands:
        for name in FAMILIES:
            importlib.import_module(name).register(app)
    for info in app.registered_commands:
        if info.callback is not None:
            info.callback = _guarded(info.callback)


def main() -> None:
    """Entry point of the ``krakit`` script."""
    _register_all()
    try:
        app()
    except KrakitError as exc:  # raised outside a command (while parsing options, say)
        raise SystemExit(fail(exc).exit_code) from None
