"""Amounts as people write them: ``₹10 lakh``, ``Rs. 2.5 Cr``, ``INR 1,50,000``, ``$1.2M``,
``10k``, ``€2.500``, ``90 percent``, ``five``.

Lakh and crore live here only: everything after this module sees plain floats and an ISO 4217
code. The word lists (currencies, multipliers, number words, units) are data in
``lexicon/numbers.yaml``.

Rule families, in the order :func:`find_amounts` applies them:

1. *Currency before the number* — a sign (``₹ $ € £``, their cp1252 mojibake ``â‚¹``, or the
   Unicode replacement character, read as ``XXX``, ISO's "no currency") or a code/word
   (``Rs.``, ``INR``). Codes need a word boundary so ``RS232`` is not money.
2. *The digits* — western grouping ``1,500,000``, Indian grouping ``1,50,000``, dot grouping
   ``1.250.000``; a dot followed by exactly three digits after a currency is a thousands
   separator (``€2.500`` = 2500: money never has three decimals).
3. *Multiplier* — ``k / M / mn / bn / lakh / crore / Cr / L``. A bare letter (``k``, ``M``,
   ``L``, ``B``) counts only when glued to the number or after a currency, so ``5 L`` of
   paint stays 5.
4. *Unit after the number* — percent words, a currency word (``10 lakh rupees``) or sign
   (``0.18 €``), a time unit (``30 days``, ``4 hrs``), a multiple (``3x``, ``15 times``). Lakh
   and crore with no currency are rupees unless a noun they count follows (``500 crore by
   FY28`` is INR, ``1 lakh downloads`` is not).
5. *Spelled-out numbers* — ``zero`` … ``ninety``, ``hundred``, ``dozen``, ``nil``, combined
   (``twenty five``); the parser decides from context whether they are quantities.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from krakit.errors import ParseError
from krakit.text.lexicon import alt, load, word_value

__all__ = ["Amount", "find_amounts", "parse_amount"]


@dataclass(frozen=True, slots=True)
class Amount:
    """One number found in a text, with what is written around it.

    ``unit`` is ``"%"``, an ISO 4217 code, a time unit (``"days"``), ``"x"`` for a multiple,
    or None for a bare number. ``span`` covers the currency, digits, multiplier and unit.
    """

    value: float
    unit: str | None
    span: tuple[int, int]
    number_span: tuple[int, int]
    spelled: bool = False
    plus: bool = False  # "90%+" or "+5%"
    minus: bool = False  # "-5%"
    hyphen_unit: bool = False  # "30-day", "12-month": an adjective, not a quantity
    multiplied: bool = False  # "10 lakh", "5k"
    code: bool = False  # glued to letters: "W-4", "B-3", "ISO9001", "5S" — a name, not a number


def _build() -> dict:
    lex = load("numbers")
    signs = lex["currency_signs"]
    words = lex["currency_words"]
    mult = lex["multipliers"]
    units: dict[str, str] = {}
    for unit, spellings in lex["time_units"].items():
        for s in spellings:
            units[s.lower()] = unit
    for s in lex["percent_words"]:
        units[s.lower()] = "%"
    for s in lex["multiple_words"]:
        units[s.lower()] = "x"
    for w, code in words.items():
        units[w.lower()] = code
    word_units = [u for u in units if u[0].isalpha()]
    word_mult = [m for m in mult if m not in lex["letter_multipliers"]]
    num = (
        r"\d{1,2}(?:,\d{2})+,\d{3}(?:\.\d+)?"  # Indian grouping 1,50,000
        r"|\d{1,3}(?:,\d{3})+(?:\.\d+)?"  # western grouping 1,500,000
        r"|\d{1,3}(?:\.\d{3}){2,}(?:,\d+)?"  # dot grouping 1.250.000
        r"|\d+(?:\.\d+)?|\.\d+"
    )
    pattern = re.compile(
        rf"""
        (?P<sign>[+\-−])?
        (?:(?P<cursign>{alt(list(signs))})\s?|(?<![A-Za-z])(?P<curword>(?i:{alt(list(words))}))(?![A-Za-z])\s?)?
        (?P<sign2>[+\-−])?
        (?:(?<=(?<![A-Za-z])[Rr][Ss]\.)|(?<![A-Za-z0-9.,]))(?P<num>{num})(?![\d])  # "Rs.5000" too
        (?:(?P<glue>(?i:{alt(list(mult))}))(?![A-Za-z])
          |\s?(?P<mult>(?i:{alt(word_mult)}))\.?(?![A-Za-z])
          |\s(?P<lettermult>[kKMLB])(?![A-Za-z]))?
        (?:\s?(?P<pct>%)
          |\s?(?P<signafter>{alt(list(signs))})  # "0.18 €", "500₹"
          |(?P<hy>-)?\s?(?P<unit>(?i:{alt(word_units)}))(?![A-Za-z]))?
        (?P<plus>\+)?
        """,
        re.VERBOSE,
    )
    nw = lex["number_words"]
    words_re = re.compile(
        rf"(?<![A-Za-z])(?:(?i:{alt(list(nw))})(?:[\s-]+(?i:{alt(list(nw))}))*)(?![A-Za-z])"
    )
    return {
        "pattern": pattern,
        "words": words_re,
        "signs": signs,
        "curwords": {k.lower(): v for k, v in words.items()},
        "mult": {k.lower(): float(v) for k, v in mult.items()},
        "units": units,
        "numwords": {k.lower(): int(v) for k, v in nw.items()},
        "indian": frozenset(lex["indian_multipliers"]),
        "money_after": re.compile(
            rf"(?i)\s*(?:[/.,;:)|\-–]|$|(?:{alt(lex['money_after'])})(?![A-Za-z]))"
        ),
    }


_T = _build()
_NEXT_WORD = re.compile(r"\s+[a-z]{3,}")
_CONNECTORS = frozenset(
    {"per", "and", "the", "for", "from", "each", "every", "within", "with", "than", "after"}
)


def _names_something(unit: str, rest: str) -> bool:
    """A unit abbreviation in capitals followed by a noun is an acronym: "4 HR conferences"."""
    if not (unit.isupper() and len(unit) <= 3):
        return False
    following = _NEXT_WORD.match(rest)
    return following is not None and following.group().strip() not in _CONNECTORS


_DIGIT = re.compile(r"\d")
_LETTERS = re.compile(r"[a-z]+")


def _digits(raw: str, currency: str | None) -> float:
    """Turn the digit string into a float, honouring grouping and dot-thousands."""
    if "," in raw and "." in raw and raw.rfind(",") > raw.rfind("."):
        raw = raw.replace(".", "").replace(",", ".")  # 1.250.000,50
    elif raw.count(".") > 1:
        raw = raw.replace(".", "")
    else:
        raw = raw.replace(",", "")
        head, dot, tail = raw.partition(".")
        if dot and currency and len(tail) == 3 and head:
            raw = head + tail  # €2.500 — money has no three-decimal prices
    return float(raw)


def find_amounts(text: str) -> list[Amount]:
    """Find every amount in ``text``, in order.

    Examples
    --------
    >>> [(a.value, a.unit) for a in find_amounts("Achieve ₹10 lakh and 25% growth")]
    [(1000000.0, 'INR'), (25.0, '%')]
    >>> find_amounts("INR 1,50,000")[0].value
    150000.0
    """
    found: list[Amount] = []
    # Cheap gates: no digit, no digit pattern; no number word, no word pattern.
    scan = _T["pattern"].finditer(text) if _DIGIT.search(text) else ()
    for m in scan:
        currency = None
        if m["cursign"]:
            currency = _T["signs"][m["cursign"]]
        elif m["curword"]:
            currency = _T["curwords"][m["curword"].lower()]
        try:
            value = _digits(m["num"], currency)
        except ValueError:
            continue
        multiplied = False
        mult_word = m["glue"] or m["mult"] or m["lettermult"]
        if mult_word:
            if m["lettermult"] and not currency:
                mult_word = None
            else:
                value *= _T["mult"][mult_word.lower()]
                multiplied = True
        unit: str | None = currency
        hyphen = False
        end = m.end()
        if m["pct"]:
            unit = "%"
        elif m["signafter"] and currency is None:
            unit = _T["signs"][m["signafter"]]
        elif (
            currency is None
            and mult_word is not None
            and mult_word.lower() in _T["indian"]
            and not m["unit"]
            and _T["money_after"].match(text, m.end())
        ):
            unit = "INR"  # "₹" left out: "500 crore by FY28", "10 lakh/month", "20 lakh ka"
        elif m["unit"] and _names_something(m["unit"], text[m.end("unit") :]):
            end = len(text[: m.start("unit")].rstrip())  # "4 HR conferences": HR is no unit
        elif m["unit"]:
            word_unit = _T["units"][m["unit"].lower()]
            if len(word_unit) == 3 and word_unit.isupper():
                unit = word_unit  # "10 lakh rupees"
            elif unit is None:
                unit = word_unit
                hyphen = bool(m["hy"])
            else:
                end = m.start("unit") - (1 if m["hy"] else 0)
                end = len(text[:end].rstrip())
        if mult_word is None and m["lettermult"]:
            end = m.end("num")
        start = m.start()
        sign = m["sign"] or m["sign2"]
        code = False
        if m["sign"] and start > 0 and text[start - 1].isalnum():
            start += 1  # "B-3": a hyphen after a letter is no sign
            sign = None
            code = text[start - 2].isalpha()
        if not currency and start > 0 and text[start - 1].isalpha():
            code = True
        if end < len(text) and text[end].isalpha() and not m["pct"]:
            code = True  # "5S", "3PL", "4G"
        found.append(
            Amount(
                value=value,
                unit=unit,
                span=(start, end),
                number_span=m.span("num"),
                plus=bool(m["plus"]) or sign == "+",
                minus=sign in ("-", "−") and not (start > 0 and text[start - 1].isdigit()),
                hyphen_unit=hyphen,
                multiplied=multiplied,
                code=code,
            )
        )
    taken = [a.span for a in found]
    words = frozenset(_LETTERS.findall(text.lower()))
    spelled = _T["words"].finditer(text) if not words.isdisjoint(_T["numwords"]) else ()
    for m in spelled:
        if any(s < m.end() and m.start() < e for s, e in taken):
            continue
        value = word_value(m.group())
        if value is None:
            continue
        unit = None
        end = m.end()
        tail = re.match(r"\s?(%|percent\b|per cent\b)", text[end : end + 10])
        if tail:
            unit, end = "%", end + tail.end()
        found.append(Amount(value, unit, (m.start(), end), m.span(), spelled=True))
    found.sort(key=lambda a: a.span[0])
    return found


def parse_amount(text: str) -> tuple[float, str | None]:
    """Read one amount such as ``"₹10 lakh"`` or ``"2.5 Cr"`` into ``(value, unit)``.

    Parameters
    ----------
    text:
        A cell or field that should hold one amount.

    Returns
    -------
    tuple
        The value as a float and the unit (``"%"``, an ISO code, a time unit, or None).

    Raises
    ------
    ParseError
        If ``text`` holds no number.

    Examples
    --------
    >>> parse_amount("Rs. 2.5 crore")
    (25000000.0, 'INR')
    >>> parse_amount("$1.2M")
    (1200000.0, 'USD')
    """
    amounts = find_amounts(text or "")
    if not amounts:
        raise ParseError(f"expected an amount, got {text!r}", value=text)
    return amounts[0].value, amounts[0].unit
