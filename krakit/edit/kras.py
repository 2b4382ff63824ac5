"""Edit the role, its KRAs, its goals and the weights: new, rename, add, remove, reweigh.

Examples
--------
>>> sc = set_kras(new_scorecard("Sales executive"), ["Revenue generation", "Accounts"])
>>> weight_total(update_kra(sc, "revenue-generation", weight=60))
60.0
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from typing import Any

from krakit.edit.rebuild import data_of, find_item, rebuild, unique_id
from krakit.errors import InputError
from krakit.model import Scorecard, WeightMode, slugify, validate_scorecard

__all__ = [
    "UNTITLED",
    "add_goal",
    "add_kra",
    "merge_kras",
    "new_scorecard",
    "remove_kra",
    "set_kras",
    "set_role",
    "set_weights",
    "untitled",
    "update_kra",
    "weight_total",
]


UNTITLED = "New role"
"""The role's title until the manager names it (a scorecard needs one): the wizard shows an
empty Role box and asks for a name, and will not save a card under this stand-in."""


def new_scorecard(title: str, *, function: str | None = None) -> Scorecard:
    """Start a blank scorecard for a role (:data:`UNTITLED` until it is named).

    Examples
    --------
    >>> new_scorecard("Office manager").role.title
    'Office manager'
    >>> untitled(new_scorecard(""))
    True
    """
    return validate_scorecard({"role": {"title": title or UNTITLED, "function": function}})


def untitled(sc: Scorecard) -> bool:
    """Whether the role has not been named yet (its title is still :data:`UNTITLED`)."""
    return sc.role.title == UNTITLED


def set_role(sc: Scorecard, title: str, **fields: Any) -> Scorecard:
    """Rename the role (and set its function, region or note)."""
    data = data_of(sc)
    data["role"].update({"title": title, **fields})
    return rebuild(sc, data)


def _retyped(before: str, after: str) -> bool:
    """Tell whether a title was edited (a typo fixed, words added) rather than replaced."""
    return difflib.SequenceMatcher(None, before.lower(), after.lower()).ratio() >= 0.6


def set_kras(sc: Scorecard, titles: Sequence[str]) -> Scorecard:
    """Make the KRAs exactly these titles, in this order.

    A title that matches an existing KRA (same id) keeps its kind, weight, goals and KPIs.
    With as many KRAs as before, a new title close to the one it replaces in place is that KRA
    renamed (a typo fixed, a word typed): it keeps them too, under the new title's id. Any
    other KRA whose title is gone is removed, and its KPIs move to ``unassigned_kpis`` so no
    work is lost. Blank lines are skipped.

    Examples
    --------
    >>> sc = set_kras(new_scorecard("Recruiter"), ["Recruitment", "", "Onboarding"])
    >>> [k.id for k in sc.kras]
    ['recruitment', 'onboarding']
    >>> sc = update_kra(sc, "recruitment", weight=60)
    >>> [(k.id, k.weight) for k in set_kras(sc, ["Recruitment drive", "Onboarding"]).kras]
    [('recruitment-drive', 60.0), ('onboarding', None)]
    """
    data = data_of(sc)
    before = [kra["id"] for kra in data["kras"]]
    old = {kra["id"]: kra for kra in data["kras"]}
    kras: list[dict[str, Any]] = []
    for title in titles:
        title = title.strip()
        if not title:
            continue
        kra_id = slugify(title, fallback="kra")
        if any(k["id"] == kra_id for k in kras):
            continue
        kra = old.pop(kra_id, None)
        kras.append({"id": kra_id, "title": title} if kra is None else {**kra, "title": title})
    if len(kras) == len(before):  # the same lines, one retyped in place: a rename
        for place, was in enumerate(before):
            new = kras[place]
            if was in old and new["id"] not in before and _retyped(old[was]["title"], new["title"]):
                kras[place] = {**old.pop(was), "id": new["id"], "title": new["title"]}
    for gone in old.values():
        data["unassigned_kpis"].extend(gone["kpis"])
    data["kras"] = kras
    return rebuild(sc, data)


def add_kra(sc: Scorecard, title: str, **fields: Any) -> Scorecard:
    """Add a KRA at the end (kind, weight, goals... as keyword arguments)."""
    data = data_of(sc)
    kra_id = unique_id(slugify(title, fallback="kra"), (k["id"] for k in data["kras"]))
    data["kras"].append({"id": kra_id, "title": title, **fields})
    return rebuild(sc, data)


def remove_kra(sc: Scorecard, kra_id: str) -> Scorecard:
    """Remove a KRA; its KPIs move to ``unassigned_kpis``."""
    data = data_of(sc)
    kra = find_item(data["kras"], kra_id, "kras")
    data["kras"].remove(kra)
    data["unassigned_kpis"].extend(kra["kpis"])
    return rebuild(sc, data)


def merge_kras(sc: Scorecard, keep_id: str, other_id: str) -> Scorecard:
    """Fold one KRA into another: its KPIs, weight and goals move to ``keep_id``; it goes.

    The kept KRA's weight is the two weights added. Each KPI keeps the share of the whole
    scorecard it had: its weight becomes its part of its old KRA's weight, within the merged
    one (60/40 under a 30 KRA and 100 under a 10 KRA give 45/30/25 under 40), so the card
    scores as before; a KPI without a weight gets the share it was scored with. Actuals stay
    with their KPIs. A title that differed is kept in the description ("Also written as …").

    Examples
    --------
    >>> sc = set_kras(new_scorecard("Sales executive"), ["Revenue", "Accounts", "revenu"])
    >>> sc = set_weights(sc, None, [30, 60, 10])
    >>> [(k.title, k.weight) for k in merge_kras(sc, "revenue", "revenu").kras]
    [('Revenue', 40.0), ('Accounts', 60.0)]
    """
    from krakit.scoring.weights import largest_remainder, shares

    if keep_id == other_id:
        raise InputError("a KRA cannot be merged into itself", field="kras", value=keep_id)
    data = data_of(sc)
    keep = find_item(data["kras"], keep_id, "kras")
    other = find_item(data["kras"], other_id, "kras")
    weights = [keep.get("weight"), other.get("weight")]
    kpis = [*keep["kpis"], *other["kpis"]]
    if None not in weights:
        parts: list[float] = []
        for kra, weight in ((keep, weights[0]), (other, weights[1])):
            fractions, _ = shares([k.get("weight") for k in kra["kpis"]], sc.weights, "")
            parts.extend(f * float(weight) for f in fractions)
        if kpis and sum(parts) > 0:
            typed = [float(k["weight"]) for k in kpis if k.get("weight") is not None]
            whole = all(w.is_integer() for w in (*typed, *map(float, weights)))
            total = 100.0 if sc.weights is WeightMode.PERCENT else float(sum(weights))
            scaled = [p * total / sum(parts) for p in parts]
            rounded = largest_remainder(scaled, total, 1 if whole else 0.01)
            for kpi, weight in zip(kpis, rounded, strict=True):
                kpi["weight"] = weight
        keep["weight"] = float(weights[0]) + float(weights[1])
    elif keep.get("weight") is None:
        keep["weight"] = other.get("weight")
    keep["kpis"] = kpis
    keep["goals"] = list(dict.fromkeys([*keep.get("goals", []), *other.get("goals", [])]))
    if other["title"].strip().casefold() != keep["title"].strip().casefold():
        note = f"Also written as '{other['title']}'."
        keep["description"] = f"{keep['description']} {note}" if keep.get("description") else note
    data["kras"].remove(other)
    return rebuild(sc, data)


def update_kra(sc: Scorecard, kra_id: str, **fields: Any) -> Scorecard:
    """Change fields of one KRA (``kind``, ``weight``, ``goals``, ``title``...)."""
    data = data_of(sc)
    find_item(data["kras"], kra_id, "kras").update(fields)
    return rebuild(sc, data)


def add_goal(sc: Scorecard, title: str) -> Scorecard:
    """Add a business goal (KRAs can then be aligned to it by its id)."""
    title = title.strip()
    if not title:
        raise InputError("a goal needs a title", field="goals")
    data = data_of(sc)
    goal_id = unique_id(slugify(title, fallback="goal"), (g["id"] for g in data["goals"]))
    data["goals"].append({"id": goal_id, "title": title})
    return rebuild(sc, data)


def weight_total(sc: Scorecard) -> float:
    """Sum of the KRA weights set so far (unset weights count 0)."""
    return float(sum(kra.weight or 0 for kra in sc.kras))


def set_weights(sc: Scorecard, kra_id: str | None, weights: Sequence[float | None]) -> Scorecard:
    """Set the weights of the KRAs (``kra_id`` None) or of one KRA's KPIs, in their order.

    Examples
    --------
    >>> sc = set_kras(new_scorecard("Recruiter"), ["Recruitment", "Onboarding"])
    >>> [k.weight for k in set_weights(sc, None, [70, 30]).kras]
    [70.0, 30.0]
    """
    data = data_of(sc)
    items = data["kras"] if kra_id is None else find_item(data["kras"], kra_id, "kras")["kpis"]
    if len(weights) != len(items):
        raise InputError(
            f"expected {len(items)} weights, got {len(weights)}", field="weight", value=weights
        )
    for item, weight in zip(items, weights, strict=True):
        item["weight"] = weight
    return rebuild(sc, data)
