"""Spreadsheets in and out: CSV and Excel, with column mapping and formula neutralising."""

from __future__ import annotations

from typing import Any

__all__ = ["FORMULA_PREFIXES", "neutralise"]

# A cell that starts with one of these is run as a formula by Excel, LibreOffice and Sheets
# ("=cmd|' /C calc'!A0"): OWASP's CSV-injection advice is to prefix it with a single quote.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "\n")


def neutralise(value: Any) -> Any:
    """Make a user-written text cell safe to open in a spreadsheet.

    Numbers are left alone (a negative number is data, not a formula).

    Examples
    --------
    >>> neutralise("=cmd|' /C calc'!A0")
    "'=cmd|' /C calc'!A0"
    >>> neutralise(-3.5)
    -3.5
    >>> neutralise("Revenue")
    'Revenue'
    """
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value
