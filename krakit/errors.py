"""Every error a krakit user can cause.

One base class catches them all::

    KrakitError            anything a user did that krakit cannot accept
    ├── InputError         unreadable file, broken YAML/JSON, wrong columns, unsafe name
    │   └── ConflictError  the file changed on disk since it was loaded
    ├── ParseError         a sentence or number that cannot be read
    ├── ScorecardError     the scorecard breaks a model rule (wraps pydantic)
    └── ConfigError        a bad setting (unknown rule code, bad band table, ...)

Each error carries ``path``, ``row``, ``field`` and ``value`` where they are known, and its
message names them: ``team.xlsx, row 7, field 'target': expected a number, got 'ten lakh'``.
Mistakes in a *draft* (a vague KPI, weights that do not add up) are findings from
:func:`krakit.check`, not exceptions.
"""

from __future__ import annotations

from os import PathLike
from typing import Any

__all__ = [
    "ConfigError",
    "ConflictError",
    "InputError",
    "KrakitError",
    "ParseError",
    "ScorecardError",
]


class KrakitError(Exception):
    """Base class of every error a user can cause."""

    def __init__(
        self,
        reason: str,
        *,
        path: str | PathLike[str] | None = None,
        row: int | None = None,
        line: int | None = None,
        column: int | None = None,
        field: str | None = None,
        value: Any = None,
    ) -> None:
        self.reason = reason
        self.path = None if path is None else str(path)
        self.row = row
        self.line = line
        self.column = column
        self.field = field
        self.value = value
        super().__init__(self._message())

    def _message(self) -> str:
        where: list[str] = []
        if self.path:
            where.append(self.path)
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.line is not None:
            where.append(f"line {self.line}" + (f", column {self.column}" if self.column else ""))
        if self.field:
            where.append(f"field '{self.field}'")
        prefix = ", ".join(where)
        return f"{prefix}: {self.reason}" if prefix else self.reason


class InputError(KrakitError):
    """A file, sheet, name or value that krakit cannot read."""


class ConflictError(InputError):
    """A save would overwrite changes someone else made to the file."""


class ParseError(KrakitError):
    """Text that should hold a number, date or statement cannot be read."""


class ScorecardError(KrakitError):
    """A scorecard that breaks the model's rules (types, ids, references)."""


class ConfigError(KrakitError):
    """A setting krakit cannot use."""
