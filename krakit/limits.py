"""How big a file krakit will read, checked before reading it.

krakit runs in shared rooms and on shared folders, so a file is untrusted input: a 5 GB
"scorecard", a YAML "billion laughs" document or a zip-bomb workbook must be refused with a
message, not exhaust the memory of the machine everyone is using. The limits are sized for
whole-organisation data (tens of thousands of people, hundreds of thousands of actuals) and
are module constants, so a deployment with bigger files can raise them.

* :func:`check_size` compares ``stat().st_size`` with a limit before a single byte is read.
* :func:`check_workbook` reads only an ``.xlsx`` file's zip directory and refuses workbooks
  whose sheets would expand beyond :data:`XLSX_MAX_UNCOMPRESSED` or that compress
  suspiciously well (:data:`XLSX_MAX_RATIO`). Python's ``zipfile`` (which openpyxl and pandas
  use) never inflates a member past the size its directory entry declares, so checking the
  declared sizes bounds what is actually inflated.
* YAML aliases are bounded in :mod:`krakit.store` (:data:`YAML_MAX_ALIAS_VALUES`).
"""

from __future__ import annotations

import os
import zipfile
from os import PathLike
from pathlib import Path

from krakit.errors import InputError

__all__ = [
    "CSV_MAX_BYTES",
    "SCORECARD_MAX_BYTES",
    "XLSX_MAX_BYTES",
    "XLSX_MAX_MEMBERS",
    "XLSX_MAX_RATIO",
    "XLSX_MAX_UNCOMPRESSED",
    "YAML_MAX_ALIAS_VALUES",
    "check_length",
    "check_size",
    "check_workbook",
    "limit_for",
]

MB = 1024 * 1024

SCORECARD_MAX_BYTES = 10 * MB
"""A scorecard file (.yaml/.json); the largest realistic one (60 KPIs, years of monthly
actuals) is well under 1 MB."""

CSV_MAX_BYTES = 100 * MB
"""A CSV sheet of KPIs or actuals: about two million rows of ``kpi,period,value``."""

XLSX_MAX_BYTES = 50 * MB
"""An Excel workbook on disk (compressed)."""

XLSX_MAX_UNCOMPRESSED = 200 * MB
"""All the XML inside a workbook, as its zip directory declares it."""

XLSX_MAX_RATIO = 100
"""Uncompressed ÷ compressed size above which a workbook is treated as a zip bomb. Real sheet
XML compresses 5–30 times; checked only once the workbook expands past 10 MB."""

XLSX_MAX_MEMBERS = 10_000
"""Files inside a workbook (a real one holds a few dozen)."""

YAML_MAX_ALIAS_VALUES = 100_000
"""Values that YAML aliases (``*name``) may repeat in one document, in total."""

_RATIO_FLOOR = 10 * MB

# suffix -> (limit, what krakit reads, for the message)
_LIMITS = {
    ".yaml": (SCORECARD_MAX_BYTES, "scorecards"),
    ".yml": (SCORECARD_MAX_BYTES, "scorecards"),
    ".json": (SCORECARD_MAX_BYTES, "scorecards"),
    ".csv": (CSV_MAX_BYTES, "CSV files"),
    ".xlsx": (XLSX_MAX_BYTES, "workbooks"),
    ".xlsm": (XLSX_MAX_BYTES, "workbooks"),
}


def _size(n: int) -> str:
    """``240 MB``, ``1.5 MB``, ``800 bytes``."""
    if n < 1024:
        return f"{n} bytes"
    if n < MB:
        return f"{n / 1024:.0f} KB"
    value = n / MB
    return f"{value:.0f} MB" if value >= 10 or value.is_integer() else f"{value:.1f} MB"


def limit_for(path: str | PathLike[str]) -> int:
    """The size limit in bytes for a file, by suffix (the scorecard limit if unknown)."""
    return _LIMITS.get(Path(path).suffix.lower(), (SCORECARD_MAX_BYTES, ""))[0]


def check_size(path: str | PathLike[str], limit: int | None = None, *, what: str = "") -> None:
    """Refuse a file bigger than ``limit`` bytes, before reading it.

    Parameters
    ----------
    path
        The file. A missing file passes (the reader reports it in its own words).
    limit
        Bytes; by default :func:`limit_for` the suffix.
    what
        What krakit reads, for the message (``scorecards``, ``CSV files``...).

    Raises
    ------
    InputError
        ``big.yaml: the file is 240 MB; krakit reads scorecards up to 10 MB: split it...``

    Examples
    --------
    >>> import pathlib, tempfile
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "big.yaml"
    >>> _ = p.write_bytes(b"#" * 2048)
    >>> try:
    ...     check_size(p, 1024)
    ... except InputError as exc:
    ...     print(exc.reason)
    the file is 2 KB; krakit reads scorecards up to 1 KB: split it into smaller files
    """
    path = Path(path)
    try:
        size = os.stat(path).st_size
    except OSError:
        return
    check_length(path, size, limit, what=what)


def check_length(
    path: str | PathLike[str], size: int, limit: int | None = None, *, what: str = ""
) -> None:
    """Refuse ``size`` bytes meant for ``path`` (an upload not yet on disk) past the limit.

    The same limits and message as :func:`check_size`, for bytes still in memory, so they are
    refused before anything is written.

    Examples
    --------
    >>> try:
    ...     check_length("actuals.csv", 150 * MB)
    ... except InputError as exc:
    ...     print(exc.reason)
    the file is 150 MB; krakit reads CSV files up to 100 MB: split it into smaller files
    """
    path = Path(path)
    limit = limit_for(path) if limit is None else limit
    if size > limit:
        kind = what or _LIMITS.get(path.suffix.lower(), (0, "files"))[1]
        raise InputError(
            f"the file is {_size(size)}; krakit reads {kind} up to {_size(limit)}: "
            "split it into smaller files",
            path=path,
            value=size,
        )


def check_workbook(path: str | PathLike[str]) -> None:
    """Refuse an ``.xlsx`` that is too big on disk, or would inflate too far (a zip bomb).

    Only the zip's directory is read; nothing is decompressed.

    Raises
    ------
    InputError
        Too big, too many members, too much XML, a suspicious compression ratio, or not a
        zip file at all (every ``.xlsx`` is one).
    """
    path = Path(path)
    check_size(path, XLSX_MAX_BYTES, what="workbooks")
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except FileNotFoundError:
        return
    except (zipfile.BadZipFile, OSError) as exc:
        raise InputError(
            "cannot open the workbook: it is not an .xlsx file (not a zip archive); "
            "save it from Excel as 'Excel Workbook (.xlsx)'",
            path=path,
        ) from exc
    if len(members) > XLSX_MAX_MEMBERS:
        raise InputError(
            f"the workbook holds {len(members):,} files inside; krakit reads workbooks with "
            f"up to {XLSX_MAX_MEMBERS:,}",
            path=path,
        )
    expanded = sum(m.file_size for m in members)
    packed = sum(m.compress_size for m in members)
    if expanded > XLSX_MAX_UNCOMPRESSED:
        raise InputError(
            f"the workbook expands to {_size(expanded)} of sheet data; krakit reads workbooks "
            f"up to {_size(XLSX_MAX_UNCOMPRESSED)} expanded (save fewer rows per file, or as CSV)",
            path=path,
            value=expanded,
        )
    if expanded > _RATIO_FLOOR and expanded > XLSX_MAX_RATIO * max(packed, 1):
        raise InputError(
            f"the workbook expands {expanded / max(packed, 1):,.0f} times ({_size(packed)} to "
            f"{_size(expanded)}), which real sheets never do; it looks like a zip bomb, so "
            "krakit does not open it",
            path=path,
            value=expanded,
        )
