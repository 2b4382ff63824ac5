"""Headings and OKR prefixes before a statement: :func:`heading_end`.

"KRA 3 –", "Key result 2:", "Objective:", "D13:", "1.2 Mentored …": their numbers are never a
target, and the parser and the classifier read what follows. Heading words are data in
``lexicon/parse.yaml``.
"""

from __future__ import annotations

import re

from krakit.text.lexicon import alt, load

__all__ = ["heading_end"]

_L = load("parse")
_HEADING = re.compile(
    rf"""(?ix)^[\s*•>#\-–]*(?:
      (?:{alt(_L["heading_words"])})s?\s*(?:no\.?\s*|\#\s*)?\d{{1,3}}(?:\.\d{{1,3}})*[a-z]?
        \s*(?:[:.)|\-–—]+|(?-i:(?=[A-Z])))
     |(?:{alt(_L["heading_words"])})\s*[:|]
     |(?-i:(?!(?:Q|H|FY|SY|CY|W)\d)[A-Z]{{1,3}}\d{{1,3}}(?:\.\d{{1,2}})?)\s*[:)|\-–—]
     |\d{{1,2}}[.)](?!\d)(?=\s)
     |(?P<section>\d{{1,2}}(?:\.\d{{1,2}}){{1,3}})(?=\s+(?P<next>(?-i:[A-Z][a-z]+)))
    )\s*"""
)
_SECTION_VERBS = frozenset(load("classify")["duty_verbs"])


def heading_end(text: str) -> int:
    """Where a heading or OKR prefix ends (0 when there is none).

    Examples
    --------
    >>> t = "Key result 2: Ship the new onboarding flow"
    >>> t[heading_end(t):]
    'Ship the new onboarding flow'
    >>> heading_end("1.5 lakh revenue per month"), heading_end("Q3: 40 new logos")
    (0, 0)
    """
    m = _HEADING.match(text)
    if m is None:
        return 0
    if m["section"]:
        # "1.2 Mentored junior analysts": a section number only before a verb, never "4.5 Rating"
        nxt = m["next"].lower()
        if not (nxt.endswith("ed") or nxt in _SECTION_VERBS):
            return 0
    return m.end()
