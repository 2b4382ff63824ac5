"""The ``krakit`` command line: typer parses, rich prints, the core does the work.

Each family of commands lives in its own module with a ``register(app)`` function.

Errors a user can cause are handled here, once: every command is wrapped so that a
:class:`~krakit.errors.KrakitError` prints its message (which names the file, row or field)
on stderr and exits with status 2, never with a traceback. Any other exception is a bug in
krakit: it prints one line saying so, with the path of the file where the traceback was
written (:func:`krakit.crash.record`: ``$KRAKIT_CRASH_DIR`` or ``krakit-crashes`` in the
temporary folder), and exits with status 70 (``EX_SOFTWARE``). A
:class:`~krakit.errors.KrakitWarning` (a CSV read as Windows-1252, say) prints as one
``! ...`` line on stderr.
"""

from __future__ import annotations

import functools
import importlib
import warnings
from collections.abc import Callable
from typing import Any

import typer
from typer.exceptions import TyperException

from krakit.cli.console import Output
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
    "krakit.cli.sheet",
    "krakit.cli.text",
    "krakit.cli.library",
    "krakit.cli.metrics",
    "krakit.cli.align",
    "krakit.cli.room",
)

COMMANDS: dict[str, str] = {
    "validate": "krakit.cli.files",
    "schema": "krakit.cli.files",
    "diff": "krakit.cli.files",
    "score": "krakit.cli.score",
    "explain": "krakit.cli.score",
    "report": "krakit.cli.score",
    "chart": "krakit.cli.score",
    "check": "krakit.cli.check",
    "rules": "krakit.cli.check",
    "import": "krakit.cli.sheet",
    "export": "krakit.cli.sheet",
    "parse": "krakit.cli.text",
    "classify": "krakit.cli.text",
    "templates": "krakit.cli.library",
    "template": "krakit.cli.library",
    "suggest": "krakit.cli.library",
    "actuals": "krakit.cli.metrics",
    "sql": "krakit.cli.metrics",
    "align": "krakit.cli.align",
    "room": "krakit.cli.room",
}
"""Command -> its family, so running one command imports only its family (the text family
alone costs 0.3 s of CPU to import); ``--help`` and unknown words load them all. A test
checks this table against what the families register."""

USER_ERROR = 2
"""Exit status for input krakit cannot accept (a broken file, a bad option value)."""

# Markup off: messages quote user text ("[s]" must print as written).
_err = Output(stderr=True, highlight=False, markup=False)


BUG = 70
"""Exit status for a bug in krakit (sysexits' ``EX_SOFTWARE``): the traceback is in a file."""


def bug(exc: BaseException, doing: str = "") -> typer.Exit:
    """Write the traceback to a file, print one line naming it, and return the exit (70)."""
    from krakit.crash import record

    path = record(exc, doing)
    where = f"the details are in {path}" if path else "no file could be written for the details"
    _err.print(
        f"✗ krakit hit a bug ({type(exc).__name__}), not a mistake in your files; {where}. "
        "Please send that file to whoever looks after krakit.",
        style="red",
        soft_wrap=True,
    )
    return typer.Exit(BUG)


def fail(exc: KrakitError) -> typer.Exit:
    """Print a user error on stderr and return the exit (status 2) to raise."""
    _err.print(f"✗ {exc}", style="red", soft_wrap=True)
    return typer.Exit(USER_ERROR)


def _guarded(command: Callable[..., Any], name: str = "") -> Callable[..., Any]:
    """The command: a KrakitError becomes a message and exit 2, any other error a bug (70)."""
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
            except (typer.Exit, typer.Abort, TyperException):
                raise  # typer's own exits and usage errors (ClickException)
            except Exception as exc:  # anything else is a bug: a file, not a traceback
                raise bug(exc, f"krakit {name or command.__name__}") from None

    run._krakit_guarded = True  # type: ignore[attr-defined]
    return run


_REGISTERED: list[str] = []


@app.callback()
def _root() -> None:
    """Turn a role's KRAs into a measurable, checked KPI scorecard."""
    # A callback keeps krakit a group of commands when only one family is registered.


def _register_all(only: str | None = None) -> None:
    """Register every family's commands, or only ``only``'s (the command being run)."""
    for name in FAMILIES if only is None else (only,):
        if name not in _REGISTERED:
            importlib.import_module(name).register(app)
            _REGISTERED.append(name)
    for info in app.registered_commands:
        if info.callback is not None:
            info.callback = _guarded(info.callback, info.name or "")


def main() -> None:
    """Entry point of the ``krakit`` script."""
    import gc
    import os
    import sys

    # A command lives under a few seconds and most of it is imports (pandas, pydantic): with
    # Python's default thresholds the cyclic collector walks every module's objects again and
    # again while they load (about 0.1-0.2 s of CPU). Young cycles are still collected.
    gc.set_threshold(50_000, 10, 10)
    # No pydantic plugins are used here: skip scanning every installed package's entry points
    # for them (about 0.04 s). An explicit PYDANTIC_DISABLE_PLUGINS setting is kept.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    words = [a for a in sys.argv[1:2] if not a.startswith("-")]
    _register_all(COMMANDS.get(words[0]) if words else None)
    try:
        app()
    except KrakitError as exc:  # raised outside a command (while parsing options, say)
        raise SystemExit(fail(exc).exit_code) from None
    except Exception as exc:  # a bug outside a command: still a file, not a traceback
        raise SystemExit(bug(exc, "starting krakit").exit_code) from None
