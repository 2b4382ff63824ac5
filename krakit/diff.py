"""What changed between two versions of a scorecard.

:func:`diff` compares goals, KRAs (their goal links too) and KPIs by id, field by field, and
reports each change with the path a reader follows
(``kras[sales].kpis[conversion-rate].target``); then the actuals, by KPI and period
(``actuals[conversion-rate 2026-04]``). The save timestamps are left out; a KPI that moved to
another KRA is reported once, as moved.
"""

from __future__ import annotations

from dataclasses import dataclass
from os import PathLike
from typing import Any, Literal

from krakit.model import Scorecard
from krakit.store import load

__all__ = ["Change", "diff"]

ChangeKind = Literal["added", "removed", "changed", "moved"]

_SKIP = frozenset(
    {"actuals", "created", "updated", "kras", "kpis", "goals", "unassigned_kpis", "role"}
)


_KRA_SKIP = frozenset({"kpis"})
_ACTUAL_KEYS = frozenset({"kpi", "period"})


@dataclass(frozen=True, slots=True)
class Change:
    """One difference: what kind, where, and the old and new values."""

    kind: ChangeKind
    where: str
    old: Any = None
    new: Any = None

    def __str__(self) -> str:
        if self.kind == "added":
            return f"+ {self.where}: {_show(self.new)}"
        if self.kind == "removed":
            return f"- {self.where}: {_show(self.old)}"
        if self.kind == "moved":
            return f"~ {self.where}: moved from KRA {self.old} to KRA {self.new}"
        return f"~ {self.where}: {_show(self.old)} -> {_show(self.new)}"


def _show(value: Any) -> str:
    if isinstance(value, dict):
        return str(value.get("title") or value.get("statement") or value.get("id") or value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return repr(value) if isinstance(value, str) else str(value)


def _as_scorecard(value: Scorecard | str | PathLike[str]) -> Scorecard:
    return value if isinstance(value, Scorecard) else load(value)


def _fields(
    prefix: str, old: dict[str, Any], new: dict[str, Any], skip: frozenset[str] = frozenset()
) -> list[Change]:
    changes = []
    for key in dict.fromkeys([*old, *new]):
        if key in skip:
            continue
        if key == "definition":  # a metric definition: one change per field in it
            changes += _nested(prefix, {key: old.get(key)}, {key: new.get(key)})
        elif old.get(key) != new.get(key):
            changes.append(Change("changed", f"{prefix}.{key}", old.get(key), new.get(key)))
    return changes


def _set(value: Any) -> Any:
    """``value`` without its unset (None) fields, at every level."""
    if isinstance(value, dict):
        return {k: _set(v) for k, v in value.items() if v is not None}
    return value


def _nested(prefix: str, old: dict[str, Any], new: dict[str, Any]) -> list[Change]:
    """A metric definition's changes, one per field (``definition.ratio.numerator.filter``):
    a filter added, an aggregation changed, a time column removed."""
    changes: list[Change] = []
    for key in dict.fromkeys([*old, *new]):
        before, after, where = old.get(key), new.get(key), f"{prefix}.{key}"
        if isinstance(before, dict) and isinstance(after, dict):
            changes += _nested(where, before, after)
        elif before is None and after is not None:
            changes.append(Change("added", where, None, _set(after)))
        elif after is None and before is not None:
            changes.append(Change("removed", where, _set(before), None))
        elif before != after:
            changes.append(Change("changed", where, before, after))
    return changes


def _by_id(items: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {item["id"]: item for item in items}


def diff(
    a: Scorecard | str | PathLike[str],
    b: Scorecard | str | PathLike[str],
    *,
    actuals: bool = True,
) -> list[Change]:
    """List what changed in the definitions from scorecard ``a`` to scorecard ``b``.

    Parameters
    ----------
    a, b
        Scorecards, or paths of scorecard files.
    actuals
        Compare the actuals too (False: the definitions only).

    Returns
    -------
    list[Change]
        In reading order: role and settings, goals, each KRA followed by its KPIs (a KRA's
        goal links included), then the actuals by KPI and period.

    Raises
    ------
    InputError, ScorecardError
        A path that cannot be read as a scorecard.

    Examples
    --------
    >>> import krakit
    >>> from krakit.diff import diff
    >>> old = krakit.Scorecard(role={"title": "Recruiter"},
    ...     kras=[{"title": "Recruitment", "kpis": [{"metric": "Time to hire", "target": 30}]}])
    >>> new = old.model_copy(deep=True)
    >>> new.kras[0].kpis[0].target = 25
    >>> [str(c) for c in diff(old, new)]
    ['~ kras[recruitment].kpis[time-to-hire].target: 30 -> 25']
    """
    old = _as_scorecard(a).model_dump(mode="json")
    new = _as_scorecard(b).model_dump(mode="json")
    changes: list[Change] = _fields("role", old["role"], new["role"])
    changes += _fields("scorecard", old, new, _SKIP)

    old_goals, new_goals = _by_id(old["goals"]), _by_id(new["goals"])
    for goal_id in dict.fromkeys([*old_goals, *new_goals]):
        where = f"goals[{goal_id}]"
        if goal_id not in new_goals:
            changes.append(Change("removed", where, old_goals[goal_id], None))
        elif goal_id not in old_goals:
            changes.append(Change("added", where, None, new_goals[goal_id]))
        else:
            changes += _fields(where, old_goals[goal_id], new_goals[goal_id])

    def kpis_of(data: dict[str, Any]) -> dict[str, tuple[str | None, dict[str, Any]]]:
        found = {k["id"]: (kra["id"], k) for kra in data["kras"] for k in kra["kpis"]}
        found.update({k["id"]: (None, k) for k in data["unassigned_kpis"]})
        return found

    old_kpis, new_kpis = kpis_of(old), kpis_of(new)
    old_kras, new_kras = _by_id(old["kras"]), _by_id(new["kras"])

    def kpi_changes(kra_id: str | None) -> list[Change]:
        out: list[Change] = []
        for kpi_id in dict.fromkeys([*old_kpis, *new_kpis]):
            old_home, old_kpi = old_kpis.get(kpi_id, (None, None))
            new_home, new_kpi = new_kpis.get(kpi_id, (None, None))
            home = new_home if new_kpi is not None else old_home
            if home != kra_id:
                continue
            base = f"kras[{home}]" if home else "unassigned_kpis"
            where = f"{base}.kpis[{kpi_id}]" if home else f"{base}[{kpi_id}]"
            if new_kpi is None:
                out.append(Change("removed", where, old_kpi, None))
            elif old_kpi is None:
                out.append(Change("added", where, None, new_kpi))
            else:
                if old_home != new_home:
                    out.append(Change("moved", where, old_home or "(none)", new_home or "(none)"))
                out += _fields(where, old_kpi, new_kpi)
        return out

    for kra_id in dict.fromkeys([*old_kras, *new_kras]):
        where = f"kras[{kra_id}]"
        if kra_id not in new_kras:
            changes.append(Change("removed", where, old_kras[kra_id], None))
        elif kra_id not in old_kras:
            changes.append(Change("added", where, None, new_kras[kra_id]))
        else:
            changes += _fields(where, old_kras[kra_id], new_kras[kra_id], _KRA_SKIP)
        changes += kpi_changes(kra_id)
    changes += kpi_changes(None)
    if actuals:
        changes += _actual_changes(old["actuals"], new["actuals"])
    return changes


def _actual_changes(old: list[dict[str, Any]], new: list[dict[str, Any]]) -> list[Change]:
    """Actuals by KPI and period: one recorded, one taken away, one whose value or note moved."""

    def keyed(rows: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
        return {f"actuals[{r['kpi']} {r['period']}]": r for r in rows}

    before, after = keyed(old), keyed(new)
    changes: list[Change] = []
    for where in dict.fromkeys([*before, *after]):
        was, now = before.get(where), after.get(where)
        if now is None:
            changes.append(Change("removed", where, was["value"] if was else None, None))
        elif was is None:
            changes.append(Change("added", where, None, now["value"]))
        else:
            changes += _fields(where, was, now, _ACTUAL_KEYS)
    return changes
