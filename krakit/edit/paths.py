"""Edit by checker path (``kras[sales].kpis[cr].target``): set a field, ignore a rule, apply a fix.

Examples
--------
>>> locate("kras[sales].kpis[conversion-rate].target")
('sales', 'conversion-rate', 'target')
"""

from __future__ import annotations

import re
from typing import Any

from krakit.edit.rebuild import data_of, find_item, rebuild
from krakit.errors import InputError
from krakit.model import Scorecard

__all__ = ["apply_fix", "ignore", "locate", "set_field"]

# One step of a checker path: ``kras[sales]`` or ``target``.
_PATH_PART = re.compile(r"(?P<name>[a-z_]+)(?:\[(?P<key>[^\]]+)\])?")


def apply_fix(sc: Scorecard, finding: Any) -> Scorecard:
    """Apply the fix a checker finding carries (see :mod:`krakit.rules.fixes`).

    Raises
    ------
    InputError
        The finding's rule has no fix krakit can apply.
    """
    from krakit.rules.fixes import apply_fix as run

    return run(sc, finding)


def _resolve(data: dict[str, Any], where: str) -> tuple[dict[str, Any], str]:
    """The dict holding the field a path such as ``kras[sales].kpis[cr].target`` names."""
    parts = where.split(".")
    node: Any = data
    for part in parts[:-1]:
        match = _PATH_PART.fullmatch(part)
        if match is None or not isinstance(node, dict) or match["name"] not in node:
            raise InputError(f"cannot find '{where}' in the scorecard", field=where)
        node = node[match["name"]]
        if match["key"] is not None:
            if match["name"] == "kpis" and isinstance(node, list):
                node = find_item(node, match["key"], "kpis")
            elif isinstance(node, list):
                node = find_item(node, match["key"], match["name"])
    if not isinstance(node, dict):
        raise InputError(f"cannot find '{where}' in the scorecard", field=where)
    return node, parts[-1]


def set_field(sc: Scorecard, where: str, value: Any) -> Scorecard:
    """Set the field a checker path names (``kras[sales].kpis[conversion-rate].target``).

    This is how a suggested fix is applied. The value is validated like any edit.

    Raises
    ------
    InputError
        The path names no field of this scorecard.
    ScorecardError
        The value does not fit the field.
    """
    data = data_of(sc)
    where = _kpi_path(sc, where)
    node, name = _resolve(data, where)
    if name not in node and "[" not in name:
        raise InputError(f"'{name}' is not a field krakit knows at '{where}'", field=where)
    node[name] = value
    return rebuild(sc, data)


def _kpi_path(sc: Scorecard, where: str) -> str:
    """Expand a short path ``kpis[x].field`` to the full one under its KRA."""
    match = re.fullmatch(r"kpis\[([^\]]+)\](\..+)?", where)
    if match is None:
        return where
    kra = sc.kra_of(match[1])
    prefix = f"kras[{kra.id}].kpis[{match[1]}]" if kra else f"unassigned_kpis[{match[1]}]"
    return prefix + (match[2] or "")


def ignore(sc: Scorecard, where: str, code: str, reason: str) -> Scorecard:
    """Switch one checker rule off for one KPI or KRA, recording why.

    ``where`` is the path of the finding (``kras[sales].kpis[cr].target``); the rule is
    switched off on the nearest KPI (else KRA, else the whole scorecard), and the reason is
    kept with the code (``ignore: {T001: reviewed yearly}``). Ignoring a code again replaces
    its reason.

    Raises
    ------
    InputError
        No reason was given: an ignored rule needs one, so the next reader knows why.

    Examples
    --------
    >>> from krakit.edit import add_kpi, new_scorecard, set_kras
    >>> sc = set_kras(new_scorecard("Recruiter"), ["Recruitment"])
    >>> sc = add_kpi(sc, "recruitment", {"id": "calls", "statement": "Make calls"})
    >>> ignore(sc, "kras[recruitment].kpis[calls].target", "m002", "agreed").kpi("calls").ignore
    {'M002': 'agreed'}
    """
    reason = reason.strip()
    code = code.strip().upper()
    if not reason:
        raise InputError(
            f"say why rule {code} does not apply here before ignoring it", field="reason"
        )
    data = data_of(sc)
    where = _kpi_path(sc, where)
    owner: dict[str, Any] = data
    node: Any = data
    for part in where.split("."):
        match = _PATH_PART.fullmatch(part)
        if match is None or not isinstance(node, dict) or match["name"] not in node:
            break
        node = node[match["name"]]
        if match["key"] is not None and isinstance(node, list):
            try:
                node = find_item(node, match["key"], match["name"])
            except InputError:
                break
            owner = node
    owner["ignore"] = {**(owner.get("ignore") or {}), code: reason}
    return rebuild(sc, data)


def locate(where: str) -> tuple[str | None, str | None, str | None]:
    """Split a checker path into (KRA id, KPI id, field name); parts not in it are None.

    Examples
    --------
    >>> locate("kras[sales].kpis[conversion-rate].target")
    ('sales', 'conversion-rate', 'target')
    >>> locate("unassigned_kpis[calls].owner")
    (None, 'calls', 'owner')
    >>> locate("kras[sales]")
    ('sales', None, None)
    >>> locate("kras")
    (None, None, None)
    """
    kra = re.search(r"kras\[([^\]]+)\]", where)
    kpi = re.search(r"(?:kpis|unassigned_kpis)\[([^\]]+)\]", where)
    field = re.search(r"\]\.([a-z_]+)$", where)
    return (kra[1] if kra else None, kpi[1] if kpi else None, field[1] if field else None)
