"""Show a number with its unit: currency symbols, Indian digit grouping for INR, percent.

Used by :mod:`krakit.score` (explain), :mod:`krakit.charts` and :mod:`krakit.report`, so a
value reads the same everywhere: ``₹10,00,000``, ``$1,200``, ``85%``, ``41 days``.
"""

from __future__ import annotations

import math

__all__ = ["CURRENCY_SYMBOLS", "format_value", "group_digits", "is_currency", "symbol"]

CURRENCY_SYMBOLS: dict[str, str] = {
    "INR": "₹",
    "USD": "$",
    "EUR": "€",
    "GBP": "£",
    "JPY": "¥",
    "AUD": "A$",
    "CAD": "C$",
    "SGD": "S$",
    "AED": "AED ",
}


def is_currency(unit: str | None) -> bool:
    """Whether a unit is an ISO 4217 currency code (three capital letters)."""
    return bool(unit) and len(unit) == 3 and unit.isalpha() and unit.isupper()  # type: ignore[union-attr]


def symbol(unit: str | None) -> str:
    """The symbol written before an amount in this currency ('' for other units)."""
    if not is_currency(unit):
        return ""
    return CURRENCY_SYMBOLS.get(unit or "", f"{unit} ")


def group_digits(integer: int, indian: bool = False) -> str:
    """Group the digits of an integer: 1,000,000 or, Indian style, 10,00,000.

    Examples
    --------
    >>> group_digits(1000000), group_digits(1000000, indian=True)
    ('1,000,000', '10,00,000')
    """
    sign, digits = ("-", str(-integer)) if integer < 0 else ("", str(integer))
    if not indian or len(digits) <= 3:
        return sign + f"{int(digits):,}"
    head, tail = digits[:-3], digits[-3:]
    pairs = []
    while len(head) > 2:
        pairs.insert(0, head[-2:])
        head = head[:-2]
    return sign + ",".join([head, *pairs, tail])


def format_value(
    value: float | None, unit: str | None = None, *, decimals: int | None = None
) -> str:
    """A number as a person reads it, with its unit.

    Examples
    --------
    >>> format_value(1000000, "INR")
    '₹10,00,000'
    >>> format_value(19.99, "USD")
    '$19.99'
    >>> format_value(85, "%"), format_value(41, "days"), format_value(None)
    ('85%', '41 days', '—')
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    value = float(value)
    money = is_currency(unit)
    if decimals is None:
        decimals = 0 if value.is_integer() or abs(value) >= 1000 else (2 if money else 1)
        if not money and not value.is_integer() and abs(value) < 10:
            decimals = 2
    rounded = round(abs(value), decimals)
    whole = int(rounded)
    text = group_digits(whole, indian=unit == "INR")
    if decimals:
        frac = f"{rounded - whole:.{decimals}f}"[1:]
        if not money:
            frac = frac.rstrip("0").rstrip(".")
        text += frac
    sign = "-" if value < 0 and rounded != 0 else ""
    if money:
        return f"{sign}{symbol(unit)}{text}"
    if unit in (None, "", "count"):
        return sign + text
    if unit == "%":
        return f"{sign}{text}%"
    return f"{sign}{text} {unit}"
