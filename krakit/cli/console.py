"""The console the CLI prints through: fitted to a terminal, never wrapped when piped.

On a terminal rich wraps long lines and fits tables to its width, as a reader expects. Piped
into a file, another program or a test there is no width to fit: every line is printed whole,
however long the path or statement in it, so what a script reads never depends on
``COLUMNS``, on the terminal that started it or on the length of a folder name.
"""

from __future__ import annotations

from rich.console import Console, ConsoleDimensions

__all__ = ["UNWRAPPED_WIDTH", "Output"]

UNWRAPPED_WIDTH = 1_000_000
"""The width rich is given when not printing to a terminal: wider than any line."""


class Output(Console):
    """A rich :class:`~rich.console.Console` that wraps only on a terminal.

    Examples
    --------
    >>> import io
    >>> out = Output(file=io.StringIO())
    >>> out.width == UNWRAPPED_WIDTH
    True
    >>> out.print("word " * 40)
    >>> len(out.file.getvalue().splitlines())
    1
    """

    @property
    def size(self) -> ConsoleDimensions:
        """The terminal's size; off a terminal, :data:`UNWRAPPED_WIDTH` columns."""
        size = super().size
        return size if self.is_terminal else ConsoleDimensions(UNWRAPPED_WIDTH, size.height)
