"""What every part of the file format shares: a strict pydantic base and unique ids.

Examples
--------
>>> require_unique("kras", ["sales", "sales"])
Traceback (most recent call last):
...
ValueError: two kras share the id 'sales'; ids must be unique
"""

from __future__ import annotations

from collections.abc import Sequence

from pydantic import BaseModel, ConfigDict

__all__ = ["ModelBase", "require_unique"]


class ModelBase(BaseModel):
    """A part of the file format: unknown fields refused, text stripped, checked on change."""

    model_config = ConfigDict(
        extra="forbid",
        validate_assignment=True,
        str_strip_whitespace=True,
        use_enum_values=False,
        # Each model's validator is built when first used, not at import: a command that
        # validates a Scorecard builds the nested ones inside it (about 0.05 s less CPU).
        defer_build=True,
    )


def require_unique(what: str, ids: Sequence[str]) -> None:
    """Refuse a list of ids in which one appears twice (``what`` names the list)."""
    seen: set[str] = set()
    for item in ids:
        if item in seen:
            raise ValueError(f"two {what} share the id '{item}'; ids must be unique")
        seen.add(item)
