"""What a manager types into one form box: a weight (``30 %``) or an amount (``₹5 lakh``).

A box holds one value, so these readers are strict where :func:`krakit.text.numbers.find_amounts`
is generous with sentences: the whole text must be one amount, or the reader says what it
could not take, naming the text (a :class:`~krakit.errors.ParseError`, never a guess).

A weight is a share of the role (a KRA) or of its KRA (a KPI). In a scorecard whose weights
are percentages (the default, :class:`krakit.model.WeightMode`) ``0.3`` could mean 30 % (a
fraction, as spreadsheets write it) or 0.3 %: :func:`read_weight` does not guess, it says
so and asks for ``30`` or ``0.3%``.
"""

from __future__ import annotations

from krakit.errors import ParseError
from krakit.model import WeightMode
from krakit.text.numbers import Amount, find_amounts

__all__ = ["read_amount", "read_weight"]

_SHARE = "type a share such as 30 or 30%"


def _one(typed: str, field: str, example: str) -> Amount:
    """The one amount that is the whole of ``typed`` (a final full stop is allowed); words in
    any case (``Thirty Percent``)."""
    whole = (0, len(typed.rstrip(". ")))
    for text in (typed, typed.lower()):
        amounts = find_amounts(text)
        if len(amounts) == 1 and amounts[0].span == whole:
            return amounts[0]
    raise ParseError(f"expected one number, got {typed!r}: {example}", field=field, value=typed)


def read_amount(text: str | None, field: str = "target") -> tuple[float, str | None] | None:
    """Read the amount typed in a number box (a target, a baseline); blank means none.

    Returns
    -------
    tuple or None
        ``(value, unit)``, the unit ``"%"``, an ISO currency code, a time unit or None.

    Raises
    ------
    ParseError
        Not one amount (``"30 or 40"``, ``"soon"``), named with ``field`` and the text.

    Examples
    --------
    >>> read_amount("95%"), read_amount("₹5 lakh"), read_amount("-2.5"), read_amount(" ")
    ((95.0, '%'), (500000.0, 'INR'), (-2.5, None), None)
    """
    typed = (text or "").strip()
    if not typed:
        return None
    amount = _one(typed, field, "type a number such as 95, 95% or 5 lakh")
    return (-amount.value if amount.minus else amount.value), amount.unit


def read_weight(text: str | None, mode: WeightMode = WeightMode.PERCENT) -> float | None:
    """Read a weight typed in a box; blank means no weight.

    Parameters
    ----------
    text
        What was typed: ``"30"``, ``"30%"``, ``"30 %"``, ``"thirty"``, ``"12.5 per cent"``.
    mode
        How the scorecard reads weights: percent of 100 (the default), or relative shares,
        where any number of at least 0 is a share and ``0.3`` is not ambiguous.

    Returns
    -------
    float or None
        The weight (30.0 for ``"30%"``), or None for a blank box.

    Raises
    ------
    ParseError
        With ``field="weight"`` and the text as ``value``: not one number, a unit other than
        %, negative, over 100 %, or a bare fraction such as ``0.3`` among percentages.

    Examples
    --------
    >>> read_weight("30 %"), read_weight("thirty"), read_weight(""), read_weight("0.5%")
    (30.0, 30.0, None, 0.5)
    >>> read_weight("0.3")
    Traceback (most recent call last):
    krakit.errors.ParseError: field 'weight': '0.3' could be 30% or 0.3%: weights here are \
percentages of 100, so type 30 for 30%, or 0.3% if you mean less than one percent
    >>> read_weight("0.3", WeightMode.RELATIVE)
    0.3
    """
    typed = (text or "").strip()
    if not typed:
        return None
    amount = _one(typed, "weight", _SHARE)
    if amount.unit not in (None, "%"):
        raise _refuse(typed, f"{typed!r} is not a share of the role: {_SHARE}")
    if amount.minus:
        raise _refuse(typed, f"a weight cannot be negative, got {typed!r}: {_SHARE}")
    if mode is WeightMode.PERCENT:
        if amount.value > 100:
            raise _refuse(typed, f"{typed!r} is more than 100%: weights are shares of 100")
        if amount.unit is None and 0 < amount.value < 1:
            pct = f"{amount.value * 100:g}"
            raise _refuse(
                typed,
                f"{typed!r} could be {pct}% or {amount.value:g}%: weights here are "
                f"percentages of 100, so type {pct} for {pct}%, or {amount.value:g}% if you "
                "mean less than one percent",
            )
    return float(amount.value)


def _refuse(typed: str, reason: str) -> ParseError:
    return ParseError(reason, field="weight", value=typed)
