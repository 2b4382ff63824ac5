"""The ``krakit`` command line: typer parses, rich prints, the core does the work.

Each family of commands lives in its own module with a ``register(app)`` function.
"""

from __future__ import annotations

import importlib

import typer

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


def _register_all() -> None:
    for name in FAMILIES:
        importlib.import_module(name).register(app)


def main() -> None:
    """Entry point of the ``krakit`` script."""
    _register_all()
    app()
