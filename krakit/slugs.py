"""Stable ids: the slug type of the file format and :func:`slugify`, which makes one from a title.

Examples
--------
>>> slugify("Conversion rate (%)")
'conversion-rate'
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from typing import Annotated

from pydantic import Field

__all__ = ["Slug", "slugify"]

_SLUG = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
Slug = Annotated[
    str,
    Field(pattern=_SLUG, max_length=80, description="A stable lowercase id: letters, digits, '-'."),
]


def slugify(text: str, *, fallback: str = "item", max_length: int = 60) -> str:
    """Turn a title into a stable id.

    Examples
    --------
    >>> slugify("Time to hire (days)")
    'time-to-hire-days'
    >>> slugify("Café & Kitchen")
    'cafe-kitchen'

    A title in another script keeps an id of its own (two Hindi KRAs are two KRAs):

    >>> slugify("बिक्री बढ़ाना", fallback="kra") != slugify("ग्राहक सेवा", fallback="kra")
    True
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    slug = slug[:max_length].rstrip("-")
    if not slug and any(ch.isalnum() for ch in text):  # words, none in Latin letters
        words = " ".join(unicodedata.normalize("NFC", text).casefold().split())
        slug = f"{fallback}-{hashlib.sha1(words.encode()).hexdigest()[:8]}"
    return slug or fallback
