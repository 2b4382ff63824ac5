"""The training bank: teaching items read from ``templates/training/*.yaml``.

Each item is a statement to sort (KRA or KPI) or a weak KPI to fix, with why; the mistake
families a fix-the-kpi item may name are :data:`FAMILIES`, tied to checker codes by
:data:`FAMILY_CODES`.

Examples
--------
>>> {i.kind for i in training_bank("kra-or-kpi")}
{'kra-or-kpi'}
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from krakit.errors import ConfigError
from krakit.library.folder import templates_dir

__all__ = ["FAMILIES", "FAMILY_CODES", "TrainingItem", "training_bank"]


@dataclass(frozen=True, slots=True)
class TrainingItem:
    """A teaching item: a statement, what it is, and why.

    ``kind`` is ``"kra-or-kpi"`` (say whether ``text`` is a KRA or a KPI: ``expected``) or
    ``"fix-the-kpi"`` (a weak KPI: ``breaks`` names the mistakes, ``rewrite`` is a good version).
    """

    id: str
    kind: str
    text: str
    expected: str
    """'KRA' or 'KPI' (a fix-the-kpi item's text is offered as a KPI: 'KPI')."""
    explanation: str
    breaks: tuple[str, ...] = ()
    rewrite: str | None = None
    function: str | None = None
    source: str = ""


_KINDS = ("kra-or-kpi", "fix-the-kpi")
FAMILIES = (
    "kra-as-kpi",
    "kpi-as-kra",
    "no-target",
    "vague-term",
    "no-timeframe",
    "activity-metric",
    "compound",
    "no-baseline-for-relative",
    "unrealistic",
    "unambitious",
    "absolute",
    "vanity-metric",
    "no-unit",
)
"""The mistake families a fix-the-kpi item may name in ``breaks``."""

FAMILY_CODES: dict[str, frozenset[str]] = {
    "kra-as-kpi": frozenset({"C001"}),
    "kpi-as-kra": frozenset({"C002"}),
    "no-target": frozenset({"M002"}),
    "vague-term": frozenset({"S001", "S002", "M003", "T002"}),
    "no-timeframe": frozenset({"T001", "T002"}),
    "activity-metric": frozenset({"R002"}),
    "compound": frozenset({"S003"}),
    "no-baseline-for-relative": frozenset({"M005"}),
    "unrealistic": frozenset({"A001", "A002", "A003"}),
    "unambitious": frozenset({"A004"}),
    "absolute": frozenset({"A005"}),
    "vanity-metric": frozenset({"R003"}),
    "no-unit": frozenset({"M004"}),
}
"""For each mistake family, the checker codes (``krakit rules``) any one of which shows it."""


@functools.cache
def _training(folder: Path) -> tuple[TrainingItem, ...]:
    items: list[TrainingItem] = []
    seen: set[str] = set()
    for path in sorted(folder.glob("*.yaml")):
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        except (OSError, yaml.YAMLError) as exc:
            raise ConfigError(f"this training file cannot be read: {exc}", path=path) from exc
        source = str(data.get("source", ""))
        for row, raw in enumerate(data.get("items", []), start=1):
            items.append(_training_item(raw, path, row, source, seen))
    return tuple(items)


def _training_item(
    raw: dict[str, Any], path: Path, row: int, source: str, seen: set[str]
) -> TrainingItem:
    def bad(field: str, reason: str) -> ConfigError:
        return ConfigError(reason, path=path, row=row, field=field, value=raw.get(field))

    if not isinstance(raw, dict) or not raw.get("id") or not raw.get("text"):
        raise bad("id", "each training item needs an 'id' and a 'text'")
    if raw["id"] in seen:
        raise bad("id", "two training items share this id")
    seen.add(raw["id"])
    kind = raw.get("kind")
    if kind not in _KINDS:
        raise bad("kind", f"expected one of {', '.join(_KINDS)}")
    expected = raw.get("expected", "KPI" if kind == "fix-the-kpi" else None)
    if expected not in ("KRA", "KPI"):
        raise bad("expected", "expected 'KRA' or 'KPI'")
    breaks = tuple(raw.get("breaks", ()))
    unknown = [b for b in breaks if b not in FAMILIES]
    if unknown:
        raise bad("breaks", f"unknown mistake family {unknown[0]!r}")
    if kind == "fix-the-kpi" and (not breaks or not raw.get("rewrite")):
        raise bad("breaks", "a fix-the-kpi item needs 'breaks' and a 'rewrite'")
    if not raw.get("why"):
        raise bad("why", "each training item needs a one-line 'why'")
    return TrainingItem(
        id=str(raw["id"]),
        kind=kind,
        text=str(raw["text"]),
        expected=expected,
        explanation=str(raw["why"]),
        breaks=breaks,
        rewrite=raw.get("rewrite"),
        function=raw.get("function"),
        source=source,
    )


def training_bank(kind: str | None = None) -> list[TrainingItem]:
    """Return the teaching items, optionally of one kind (``"kra-or-kpi"``, ``"fix-the-kpi"``).

    Examples
    --------
    >>> len(training_bank()) >= 120
    True
    >>> {i.kind for i in training_bank("fix-the-kpi")}
    {'fix-the-kpi'}
    """
    items = _training(templates_dir() / "training")
    if kind is None:
        return list(items)
    if kind not in _KINDS:
        raise ConfigError(
            f"unknown kind of training item; expected one of {', '.join(_KINDS)}",
            field="kind",
            value=kind,
        )
    return [i for i in items if i.kind == kind]
