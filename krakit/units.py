"""Show a number with its unit: currency symbols, Indian digit grouping for INR, percent.

Used by :mod:`krakit.score` (explain), :mod:`krakit.charts` and :mod:`krakit.report`, so a
value reads the same everywhere: ``₹10,00,000``, ``$1,200``, ``85%``, ``41 days``.
"""

from __future__ import annotations

import math

__all__ = [
    "CURRENCY_SYMBOLS",
    "format_value",
    "group_digits",
    "is_currency",
    "symbol",
    "unit_of",
]

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


def unit_of(unit: object) -> str | None:
    """A unit as text, or None for no unit (None, '', a missing value in a DataFrame: NaN).

    Tables built with pandas hold a KPI without a unit as ``NaN`` beside ones that have one;
    every function here reads it through this, so a unitless KPI never breaks formatting.

    Examples
    --------
    >>> unit_of(float("nan")), unit_of(""), unit_of(" % ")
    (None, None, '%')
    """
    if not isinstance(unit, str):
        return None
    return unit.strip() or None


def is_currency(unit: object) -> bool:
    """Whether a unit is an ISO 4217 currency code (three capital letters).

    Examples
    --------
    >>> is_currency("INR"), is_currency("days"), is_currency(None), is_currency(float("nan"))
    (True, False, False, False)
    """
    text = unit_of(unit)
    return text is not None and len(text) == 3 and text.isalpha() and text.isupper()


def symbol(unit: object) -> str:
    """The symbol written before an amount in this currency ('' for other units)."""
    if not is_currency(unit):
        return ""
    text = unit_of(unit) or ""
    return CURRENCY_SYMBOLS.get(text, f"{text} ")


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


def format_value(value: object, unit: object = None, *, decimals: int | None = None) -> str:
    """A number as a person reads it, with its unit.

    Examples
    --------
    >>> format_value(1000000, "INR")
    '₹10,00,000'
    >>> format_value(19.99, "USD")
    '$19.99'
    >>> format_value(85, "%"), format_value(41, "days"), format_value(None)
    ('85%', '41 days', '—')
    >>> format_value(40, float("nan")), format_value(float("inf"), "%")
    ('40', '—')
    """
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):  # None, pandas' NA, text
        return value.strip() or "—" if isinstance(value, str) else "—"
    if not math.isfinite(number):
        return "—"
    text_unit = unit_of(unit)
    money = is_currency(text_unit)
    if decimals is None:
        decimals = 0 if number.is_integer() or abs(number) >= 1000 else (2 if money else 1)
        if not money and not number.is_integer() and abs(number) < 10:
            decimals = 2
    rounded = round(abs(number), decimals)
    whole = int(rounded)
    text = group_digits(whole, indian=text_unit == "INR")
    if decimals:
        frac = f"{rounded - whole:.{decimals}f}"[1:]
        if not money:
            frac = frac.rstrip("0").rstrip(".")
        text += frac
    sign = "-" if number < 0 and rounded != 0 else ""
    if money:
        return f"{sign}{symbol(text_unit)}{text}"
    if text_unit in (None, "count"):
        return sign + text
    if text_unit == "%":
        return f"{sign}{text}%"
    return f"{sign}{text} {text_unit}"
