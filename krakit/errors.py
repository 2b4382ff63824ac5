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

Which entry point raises what
-----------------------------
Whatever the input, these either succeed or raise a ``KrakitError`` (no ``ValueError``,
``KeyError``, ``RecursionError``... escapes); passing a Python object of the wrong *type*
(``check(42)``) is a bug in the calling code and stays a ``TypeError``.

===================================  ==========================================================
``load``, ``loads``                  InputError (missing/unreadable file, not UTF-8, broken
                                     YAML/JSON with line and column, unknown suffix);
                                     ScorecardError (a field breaks the model: names its path,
                                     ``kras[sales].kpis[revenue].target``)
``parse_kpi``, ``classify``          nothing: any text gives a draft or a label
``check`` (str/KPI/KRA/Scorecard)    ConfigError (unknown rule code in ``select``/config)
``rules.filecheck.check_file``       InputError, ScorecardError as ``load`` and ``read_sheet``
                                     (file and row); ConfigError
``score``, ``explain``               InputError (actuals: missing or doubled column, text, an
                                     infinite number or one beyond 10^15 in ``value``, unknown
                                     KPI/person, bad or empty period, a KPI and period twice:
                                     names row and column, ``actuals[2].value`` for a list);
                                     ScorecardError (a target, baseline or own actual that is
                                     not finite, named by its path)
``report``                           as ``score``; InputError (suffix, cannot write);
                                     ConfigError (a broken template)
``sheets.read_sheet``,               InputError (file, row, column: no KPI column, text in a
``sheet_scorecards``                 number column, a value the model refuses)
``actuals.read_actuals``             InputError (file, row, column), as ``score``
``krakit`` CLI                       any KrakitError: message on stderr, exit status 2, no
                                     traceback (``krakit.cli.main``)
===================================  ==========================================================

A CSV that is not UTF-8 is read as Windows-1252 (UTF-16 if it starts with that BOM), with a
:class:`KrakitWarning` (a ``UserWarning``, not an error) that says so; the CLI prints it as one
``! ...`` line.
"""

from __future__ import annotations

from os import PathLike
from typing import Any

__all__ = [
    "ConfigError",
    "ConflictError",
    "InputError",
    "KrakitError",
    "KrakitWarning",
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


class KrakitWarning(UserWarning):
    """Something krakit read but had to guess at (a CSV that was not UTF-8, say)."""
