"""Asides: footnote markers and code-like tokens whose numbers are neither target nor name.

"Close 1,50,000 orders (see note 1) monthly" points to a footnote; "Respond to alert(1) pages
within 5 minutes" names a thing with a number in it. Each kind is one :class:`Aside` in
:data:`ASIDES`, with examples a test parses. The parser drops every number inside an aside
(:func:`krakit.text.parse.read_times`); a footnote is also left out of the metric's name, while
a code-like token stays in it (``"Respond to alert(1) pages"``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["ASIDES", "Aside", "AsideMatch", "find_asides"]

_REF = (
    r"(?:see\s+|cf\.?\s+)?(?:foot\s*note|note|fn|ref(?:erence)?|source)s?\.?\s*(?:no\.?\s*|#\s*)?"
)


@dataclass(frozen=True, slots=True)
class Aside:
    """One kind of aside.

    ``in_name``: the aside stays in the metric's name (a code-like token), else it is left out
    (a footnote). ``examples`` map a sentence to the aside's text in it.
    """

    name: str
    pattern: re.Pattern[str]
    in_name: bool
    examples: dict[str, str]


@dataclass(frozen=True, slots=True)
class AsideMatch:
    """An aside found in a sentence: its kind and its character span."""

    aside: Aside
    span: tuple[int, int]


ASIDES: tuple[Aside, ...] = (
    Aside(
        name="bracketed-note",
        pattern=re.compile(rf"(?i)[(\[]\s*{_REF}\d{{1,3}}[a-z]?\s*[)\]]"),
        in_name=False,
        examples={
            "Ship 2,000 parcels a day (see note 4) by June": "(see note 4)",
            "Lift repeat buyers to 30% (ref. 7)": "(ref. 7)",
            "Trim rework hours by 15% [fn 2]": "[fn 2]",
        },
    ),
    Aside(
        name="bracketed-number",
        # "[3]" after a word, a number or a bracket (a citation), or opening the line (a label)
        pattern=re.compile(r"(?:(?<=[\w%.)\]])\s?|^\s*)\[\s*\d{1,3}\s*\]"),
        in_name=False,
        examples={
            "Bring scrap under 4% [3] by Q3": " [3]",
            "Sign 12 dealers[2] in FY27": "[2]",
            "[4] Win 9 tenders this year": "[4]",
        },
    ),
    Aside(
        name="see-note",
        pattern=re.compile(
            r"(?i)(?<![A-Za-z])(?:see|cf\.?)\s+(?:foot\s*note|note|ref)\.?\s*\d{1,3}\b"
        ),
        in_name=False,
        examples={"Keep waste below 5% see footnote 2": "see footnote 2"},
    ),
    Aside(
        name="star-marker",
        # "*1" after a word or a bracket, never "50,000 *5" (a product) or "*1.5"
        pattern=re.compile(r"(?:(?<=[A-Za-z%)\]])|(?<=[A-Za-z%)\]]\s))\*\d{1,2}(?![\d.,%])"),
        in_name=False,
        examples={"Open 25 kiosks *2 this quarter": "*2", "Hold churn at 3%*1": "*1"},
    ),
    Aside(
        name="code-token",
        # "alert(1)", "sev(2)", "f(3)": a name written as a call
        pattern=re.compile(r"(?<![\w.])[A-Za-z_][A-Za-z0-9_.]*\(\d{1,3}\)"),
        in_name=True,
        examples={"Answer page(2) escalations within 10 minutes": "page(2)"},
    ),
)
"""Every kind of aside, most specific first."""


# a cheap test first: a bracket holding a digit, a star before one, or "see" / "cf"
_GATE = re.compile(r"(?i)[(\[][^()\[\]]{0,24}\d\s*[)\]]|\*\d|\b(?:see|cf)\b")


def find_asides(text: str) -> list[AsideMatch]:
    """Find the asides in ``text``, without overlaps, in order of position.

    Examples
    --------
    >>> [text[slice(*m.span)] for text in ["Fix 30 bugs (see note 1) and cmd(2)"]
    ...  for m in find_asides(text)]
    ['(see note 1)', 'cmd(2)']
    >>> find_asides("Grow revenue by 12% by March 2027")
    []
    """
    if not _GATE.search(text):
        return []
    found: list[AsideMatch] = []
    for aside in ASIDES:
        for m in aside.pattern.finditer(text):
            s, e = m.span()
            if not any(s < f.span[1] and f.span[0] < e for f in found):
                found.append(AsideMatch(aside, (s, e)))
    return sorted(found, key=lambda f: f.span)
