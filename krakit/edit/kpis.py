"""Edit the KPIs: build one from form fields or a sentence, add, change, move, remove.

Examples
--------
>>> from krakit.edit import new_scorecard
>>> sc = add_kpi(new_scorecard("Recruiter"), None, {"statement": "Make 40 calls a week"})
>>> [k.id for k in remove_kpi(sc, sc.unassigned_kpis[0].id).all_kpis()]
[]
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import ValidationError

from krakit.edit.rebuild import data_of, find_item, rebuild, unique_id
from krakit.errors import InputError, ScorecardError
from krakit.model import KPI, Scorecard, WeightMode, slugify, where
from krakit.text.box import read_amount, read_weight

__all__ = [
    "add_kpi",
    "add_statement",
    "kpi_weight_total",
    "make_kpi",
    "move_to_kra",
    "remove_kpi",
    "update_kpi",
]


def kpi_weight_total(sc: Scorecard, kra_id: str) -> float:
    """Sum of the KPI weights set so far within one KRA (as scoring.weights.weight_total)."""
    from krakit.scoring.weights import weight_total

    return weight_total([kpi.weight for kpi in sc.kra(kra_id).kpis], items="KPIs").total


def add_kpi(sc: Scorecard, kra_id: str | None, kpi: KPI | Mapping[str, Any]) -> Scorecard:
    """Add a KPI under a KRA (``None``: unassigned), giving it a fresh id if its id is taken."""
    data = data_of(sc)
    item = kpi.model_dump(mode="python") if isinstance(kpi, KPI) else dict(kpi)
    if not item.get("id"):
        item["id"] = slugify(str(item.get("metric") or item.get("statement") or ""), fallback="kpi")
    item["id"] = unique_id(item["id"], (k.id for k in sc.all_kpis()))
    if kra_id is None:
        data["unassigned_kpis"].append(item)
    else:
        find_item(data["kras"], kra_id, "kras")["kpis"].append(item)
    return rebuild(sc, data)


def _kpi_lists(data: dict[str, Any]) -> list[list[dict[str, Any]]]:
    return [kra["kpis"] for kra in data["kras"]] + [data["unassigned_kpis"]]


def update_kpi(sc: Scorecard, kpi_id: str, **fields: Any) -> Scorecard:
    """Change fields of one KPI (``target``, ``owner``, ``weight``...)."""
    data = data_of(sc)
    for kpis in _kpi_lists(data):
        for kpi in kpis:
            if kpi["id"] == kpi_id:
                kpi.update(fields)
                return rebuild(sc, data)
    raise InputError(f"there is no KPI '{kpi_id}'", field="kpis", value=kpi_id)


def remove_kpi(sc: Scorecard, kpi_id: str) -> Scorecard:
    """Remove a KPI and its actuals."""
    data = data_of(sc)
    for kpis in _kpi_lists(data):
        for kpi in kpis:
            if kpi["id"] == kpi_id:
                kpis.remove(kpi)
                data["actuals"] = [a for a in data["actuals"] if a["kpi"] != kpi_id]
                return rebuild(sc, data)
    raise InputError(f"there is no KPI '{kpi_id}'", field="kpis", value=kpi_id)


def move_to_kra(sc: Scorecard, kpi_id: str, kra_id: str | None) -> Scorecard:
    """Move a KPI under another KRA (``None``: unassigned)."""
    data = data_of(sc)
    for kpis in _kpi_lists(data):
        for kpi in kpis:
            if kpi["id"] == kpi_id:
                kpis.remove(kpi)
                target = (
                    data["unassigned_kpis"]
                    if kra_id is None
                    else find_item(data["kras"], kra_id, "kras")["kpis"]
                )
                target.append(kpi)
                return rebuild(sc, data)
    raise InputError(f"there is no KPI '{kpi_id}'", field="kpis", value=kpi_id)


def make_kpi(fields: Mapping[str, Any], *, weights: WeightMode = WeightMode.PERCENT) -> KPI:
    """Build a KPI from form fields (strings such as ``"45"`` are read as numbers).

    Empty strings mean "not set". Number boxes are read as a manager types them
    (:mod:`krakit.text.box`): a target ``"95%"`` or ``"₹5 lakh"`` (its unit fills an empty
    unit), a weight ``"30 %"``; ``weights`` is how the scorecard reads weights.

    Raises
    ------
    ScorecardError
        A field does not fit, naming the field (``target: expected a number, got 'abc'``).
    ParseError
        A number box holds something else than one number (``target``, ``weight``).

    Examples
    --------
    >>> k = make_kpi({"statement": "Hand hygiene", "target": "95 %", "weight": "30%"})
    >>> k.target, k.unit, k.weight
    (95.0, '%', 30.0)
    """
    clean = {k: (None if isinstance(v, str) and not v.strip() else v) for k, v in fields.items()}
    for name in ("baseline", "target", "target_low", "target_high"):
        if isinstance(clean.get(name), str):
            clean[name], unit = read_amount(clean[name], name) or (None, None)
            if unit and not clean.get("unit"):
                clean["unit"] = unit
    if isinstance(clean.get("weight"), str):
        clean["weight"] = read_weight(clean["weight"], weights)
    try:
        return KPI.model_validate(clean)
    except ValidationError as exc:
        err = exc.errors(include_url=False)[0]
        got = err.get("input")
        message = str(err["msg"]).removeprefix("Value error, ")
        message = message.replace("Input should be a valid", "expected a")
        raise ScorecardError(
            f"{message}, got {got!r}", field=where(err["loc"], clean) or None, value=got
        ) from exc


def add_statement(sc: Scorecard, kra_id: str | None, statement: str, **fields: Any) -> Scorecard:
    """Parse a KPI sentence and add it under a KRA; keyword arguments override parsed fields.

    Examples
    --------
    >>> from krakit.edit import new_scorecard, set_kras
    >>> sc = set_kras(new_scorecard("Recruiter"), ["Recruitment"])
    >>> sc = add_statement(sc, "recruitment", "Reduce time to hire to 30 days by Q3 2026")
    >>> sc.kras[0].kpis[0].target
    30.0
    """
    from krakit.text.parse import parse_kpi

    kpi = parse_kpi(statement).to_kpi(**fields)
    return add_kpi(sc, kra_id, kpi)
