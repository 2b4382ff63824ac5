"""Text files as spreadsheets export them: byte-order marks, legacy encodings, delimiters.

Excel on Windows saves "CSV" in the machine's code page (Windows-1252 in most of Europe and
India), "CSV UTF-8" with a byte-order mark, and "Unicode text" as UTF-16; in much of Europe
its list separator is ``;``. :func:`read_text` decodes any of these and says which encoding
it fell back to, so the reader can tell the user; :func:`sniff_delimiter` picks ``,``, ``;``
or a tab from the header line.
"""

from __future__ import annotations

import codecs
import csv
import io
import itertools
import re
import warnings
from dataclasses import dataclass
from os import PathLike
from pathlib import Path

from krakit.errors import InputError, KrakitWarning

__all__ = ["DecodedText", "read_text", "sniff_delimiter"]

_DELIMITERS = (",", ";", "\t", "|")
_SAMPLE = 64_000  # characters looked at


@dataclass(frozen=True, slots=True)
class DecodedText:
    """A file's text, the encoding it was read with, and a note if that was a fallback."""

    text: str
    encoding: str
    note: str | None = None


def read_text(path: str | PathLike[str]) -> DecodedText:
    """Read a text file as UTF-8 (with or without BOM), UTF-16 (by BOM), else Windows-1252.

    A fallback to Windows-1252 (which reads Latin-1 ``é``, ``£`` and Excel's curly quotes) is
    announced with a :class:`~krakit.errors.KrakitWarning` and kept in ``note``.

    Raises
    ------
    InputError
        The file is missing, is a folder, cannot be read, or holds NUL bytes outside UTF-16
        (a binary file such as an ``.xls`` renamed ``.csv``).

    Examples
    --------
    >>> import pathlib, tempfile
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "a.csv"
    >>> _ = p.write_bytes("KPI,Target\\nCafé sales,£500\\n".encode("latin-1"))
    >>> import warnings
    >>> with warnings.catch_warnings():
    ...     warnings.simplefilter("ignore")
    ...     decoded = read_text(p)
    >>> decoded.encoding, decoded.text.splitlines()[1]
    ('cp1252', 'Café sales,£500')
    """
    path = Path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError as exc:
        raise InputError("no such file", path=path) from exc
    except IsADirectoryError as exc:
        raise InputError("this is a folder, not a file", path=path) from exc
    except OSError as exc:
        raise InputError(f"cannot read the file: {exc.strerror or exc}", path=path) from exc
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return DecodedText(raw.decode("utf-16"), "utf-16")
        except UnicodeDecodeError as exc:
            raise InputError(
                "the file starts like UTF-16 text but is broken; save it again as 'CSV UTF-8'",
                path=path,
            ) from exc
    if b"\x00" in raw:
        raise InputError(
            "this is not a text file (it holds a NUL byte); save the sheet as 'CSV UTF-8' "
            "or as .xlsx",
            path=path,
            line=raw[: raw.index(b"\x00")].count(b"\n") + 1,
        )
    try:
        return DecodedText(raw.decode("utf-8-sig"), "utf-8")
    except UnicodeDecodeError as exc:
        position = exc.start
    for encoding in ("cp1252", "latin-1"):
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError:
            continue
        note = (
            f"{path}: not UTF-8 (byte {position} cannot be read as UTF-8), so it was read as "
            f"{'Windows-1252' if encoding == 'cp1252' else 'Latin-1'}; check accented letters "
            "and currency signs, and save it as 'CSV UTF-8' next time"
        )
        warnings.warn(note, KrakitWarning, stacklevel=3)
        return DecodedText(text, encoding, note)
    raise AssertionError("latin-1 decodes every byte")  # pragma: no cover


def sniff_delimiter(text: str) -> str:
    """The delimiter of a CSV text: ``,``, ``;``, tab or ``|``.

    The one that splits the first rows into the same number of fields (two or more) wins,
    the most fields first; if none does (a title row above the header, ragged rows), the one
    used most in the first line.

    Examples
    --------
    >>> sniff_delimiter("KRA;KPI;Target\\nSales;Revenue, net;10\\n")
    ';'
    >>> sniff_delimiter("KRA,KPI\\n")
    ','
    >>> sniff_delimiter(",;KPI\\nx;Grow sales\\n")  # a comma inside a ';' header
    ';'
    """
    sample = text[:_SAMPLE]
    consistent: list[tuple[int, int, str]] = []
    for rank, delimiter in enumerate(_DELIMITERS):
        reader = csv.reader(io.StringIO(sample, newline=""), delimiter=delimiter)
        try:
            rows = [row for row in itertools.islice(reader, 20) if any(c.strip() for c in row)]
        except csv.Error:
            continue
        if len(text) > _SAMPLE and len(rows) > 1:
            rows.pop()  # the sample may cut the last row short
        widths = {len(row) for row in rows}
        if len(widths) == 1 and (width := widths.pop()) > 1:
            consistent.append((width, -rank, delimiter))
    if consistent:
        return max(consistent)[2]
    lines = re.split(r"\r\n|\r|\n", sample)  # not splitlines(): a form feed is no line end
    first = next((line for line in lines if line.strip()), "")
    counts = {d: first.count(d) for d in _DELIMITERS}
    best = max(_DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] > counts[","] else ","
