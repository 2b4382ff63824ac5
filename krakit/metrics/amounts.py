"""Amounts in a raw CSV's text cells, as RE2 patterns DuckDB runs over a whole column.

A cell is an amount when it is a number, with digit grouping (Indian ``1,50,000`` or Western
``1,234,567.50``) or none, after an optional currency sign or code from the numbers lexicon
(``₹``, ``Rs.``, ``INR``, ``$``) and before an optional Indian ``/-``. The patterns are the
data :class:`~krakit.metrics.sources.Sources` reads a column of amounts with.

Examples
--------
>>> import re
>>> cell, sign = amount_patterns()
>>> [bool(re.fullmatch(cell, c)) for c in ("₹1,50,000", "Rs. 2,500/-", "ten", "10,5")]
[True, True, False, False]
>>> currency_of("Rs."), currency_of("₹")
('INR', 'INR')
"""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = ["GROUPED", "NUMBER", "SURE", "amount_patterns", "currency_of"]

GROUPED = r"-?(\d{1,3}(,\d{3})+|\d{1,2}(,\d{2})+,\d{3})(\.\d+)?"  # 1,500 · 1,50,000
"""A number with digit grouping."""
NUMBER = rf"{GROUPED}|-?\d+(\.\d+)?"
"""A number, grouped or not."""
SURE = r"-?\d[\d,]*,[\d,]*,\d{3}(\.\d+)?|-?\d{1,3}(,\d{3})+\.\d+"  # two commas, or ,ddd.d
"""A number grouped beyond doubt (no decimal comma reads it)."""


@lru_cache(maxsize=1)
def amount_patterns() -> tuple[str, str]:
    """RE2 patterns (for DuckDB): a cell that is an amount (a currency sign or code from
    the numbers lexicon, a number, an Indian ``/-``), and the currency part alone."""
    from krakit.text.lexicon import load

    lex = load("numbers")
    signs = sorted(lex["currency_signs"], key=len, reverse=True)
    words = sorted((w.rstrip(".") for w in lex["currency_words"]), key=len, reverse=True)
    sign = "|".join(re.escape(s) for s in signs)
    sign += "|(?i:" + "|".join(re.escape(w) for w in dict.fromkeys(words)) + ")\\.?"
    return f"(?:{sign})?\\s*(?:{NUMBER})\\s*(?:/-)?", sign


def currency_of(prefix: str) -> str:
    """The ISO code of a currency sign or code as written (``Rs.`` -> ``INR``)."""
    from krakit.text.lexicon import load

    lex = load("numbers")
    if prefix in lex["currency_signs"]:
        return str(lex["currency_signs"][prefix])
    key = prefix.lower().rstrip(".")
    return str(lex["currency_words"].get(key) or lex["currency_words"].get(key + ".") or prefix)
