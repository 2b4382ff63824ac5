"""Edit a scorecard step by step: the operations behind the guided flow.

Every function takes a :class:`~krakit.model.Scorecard` and returns a *new*, validated one;
the input is never changed. The new scorecard remembers the file the old one came from, so
a later :func:`krakit.save` still detects conflicts. Mistakes the model refuses (two KPIs with
one id, a weight of 120) raise :class:`~krakit.errors.ScorecardError` naming the field.

The widgets call these, the notebooks call these, and so can any script::

    >>> import krakit
    >>> from krakit import edit
    >>> sc = edit.new_scorecard("Sales executive")
    >>> sc = edit.set_kras(sc, ["Revenue generation", "Customer relationships"])
    >>> sc = edit.update_kra(sc, "revenue-generation", weight=60)
    >>> edit.weight_total(sc)
    60.0
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from krakit.errors import InputError, ScorecardError
from krakit.matching import kra_finder, likely_kra
from krakit.model import KPI, Actual, Scorecard, WeightMode, slugify, validate_scorecard, where
from krakit.text.box import read_amount, read_weight

__all__ = [
    "UNTITLED",
    "Line",
    "actuals_for",
    "add_goal",
    "add_kpi",
    "add_kra",
    "add_statement",
    "apply_fix",
    "ignore",
    "import_actuals",
    "kpi_weight_total",
    "kra_finder",
    "likely_kra",
    "locate",
    "make_kpi",
    "move_to_kra",
    "new_scorecard",
    "periods",
    "record_actuals",
    "remove_kpi",
    "remove_kra",
    "set_actuals",
    "set_field",
    "set_kras",
    "set_role",
    "set_weights",
    "triage",
    "untitled",
    "update_kpi",
    "update_kra",
    "weight_total",
]

# One step of a checker path: ``kras[sales]`` or ``target``.
_PATH_PART = re.compile(r"(?P<name>[a-z_]+)(?:\[(?P<key>[^\]]+)\])?")


def _rebuild(old: Scorecard, data: Mapping[str, Any]) -> Scorecard:
    new = validate_scorecard(data)
    new._origin = old._origin
    return new


def _data(sc: Scorecard) -> dict[str, Any]:
    return sc.model_dump(mode="python", exclude_none=False)


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
    data = _data(sc)
    data["role"].update({"title": title, **fields})
    return _rebuild(sc, data)


def _unique_id(base: str, taken: Iterable[str]) -> str:
    taken = set(taken)
    if base not in taken:
        return base
    n = 2
    while f"{base}-{n}" in taken:
        n += 1
    return f"{base}-{n}"


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
    data = _data(sc)
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
    return _rebuild(sc, data)


def add_kra(sc: Scorecard, title: str, **fields: Any) -> Scorecard:
    """Add a KRA at the end (kind, weight, goals... as keyword arguments)."""
    data = _data(sc)
    kra_id = _unique_id(slugify(title, fallback="kra"), (k["id"] for k in data["kras"]))
    data["kras"].append({"id": kra_id, "title": title, **fields})
    return _rebuild(sc, data)


def remove_kra(sc: Scorecard, kra_id: str) -> Scorecard:
    """Remove a KRA; its KPIs move to ``unassigned_kpis``."""
    data = _data(sc)
    kra = _find(data["kras"], kra_id, "kras")
    data["kras"].remove(kra)
    data["unassigned_kpis"].extend(kra["kpis"])
    return _rebuild(sc, data)


def update_kra(sc: Scorecard, kra_id: str, **fields: Any) -> Scorecard:
    """Change fields of one KRA (``kind``, ``weight``, ``goals``, ``title``...)."""
    data = _data(sc)
    _find(data["kras"], kra_id, "kras").update(fields)
    return _rebuild(sc, data)


def add_goal(sc: Scorecard, title: str) -> Scorecard:
    """Add a business goal (KRAs can then be aligned to it by its id)."""
    title = title.strip()
    if not title:
        raise InputError("a goal needs a title", field="goals")
    data = _data(sc)
    goal_id = _unique_id(slugify(title, fallback="goal"), (g["id"] for g in data["goals"]))
    data["goals"].append({"id": goal_id, "title": title})
    return _rebuild(sc, data)


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
    data = _data(sc)
    items = data["kras"] if kra_id is None else _find(data["kras"], kra_id, "kras")["kpis"]
    if len(weights) != len(items):
        raise InputError(
            f"expected {len(items)} weights, got {len(weights)}", field="weight", value=weights
        )
    for item, weight in zip(items, weights, strict=True):
        item["weight"] = weight
    return _rebuild(sc, data)


def apply_fix(sc: Scorecard, finding: Any) -> Scorecard:
    """Apply the fix a checker finding carries (see :mod:`krakit.rules.fixes`).

    Raises
    ------
    InputError
        The finding's rule has no fix krakit can apply.
    """
    from krakit.rules.fixes import apply_fix as run

    return run(sc, finding)


def kpi_weight_total(sc: Scorecard, kra_id: str) -> float:
    """Sum of the KPI weights set so far within one KRA (as scoring.weights.weight_total)."""
    from krakit.scoring.weights import weight_total

    return weight_total([kpi.weight for kpi in sc.kra(kra_id).kpis], items="KPIs").total


def add_kpi(sc: Scorecard, kra_id: str | None, kpi: KPI | Mapping[str, Any]) -> Scorecard:
    """Add a KPI under a KRA (``None``: unassigned), giving it a fresh id if its id is taken."""
    data = _data(sc)
    item = kpi.model_dump(mode="python") if isinstance(kpi, KPI) else dict(kpi)
    if not item.get("id"):
        item["id"] = slugify(str(item.get("metric") or item.get("statement") or ""), fallback="kpi")
    item["id"] = _unique_id(item["id"], (k.id for k in sc.all_kpis()))
    if kra_id is None:
        data["unassigned_kpis"].append(item)
    else:
        _find(data["kras"], kra_id, "kras")["kpis"].append(item)
    return _rebuild(sc, data)


def _kpi_lists(data: dict[str, Any]) -> list[list[dict[str, Any]]]:
    return [kra["kpis"] for kra in data["kras"]] + [data["unassigned_kpis"]]


def update_kpi(sc: Scorecard, kpi_id: str, **fields: Any) -> Scorecard:
    """Change fields of one KPI (``target``, ``owner``, ``weight``...)."""
    data = _data(sc)
    for kpis in _kpi_lists(data):
        for kpi in kpis:
            if kpi["id"] == kpi_id:
                kpi.update(fields)
                return _rebuild(sc, data)
    raise InputError(f"there is no KPI '{kpi_id}'", field="kpis", value=kpi_id)


def remove_kpi(sc: Scorecard, kpi_id: str) -> Scorecard:
    """Remove a KPI and its actuals."""
    data = _data(sc)
    for kpis in _kpi_lists(data):
        for kpi in kpis:
            if kpi["id"] == kpi_id:
                kpis.remove(kpi)
                data["actuals"] = [a for a in data["actuals"] if a["kpi"] != kpi_id]
                return _rebuild(sc, data)
    raise InputError(f"there is no KPI '{kpi_id}'", field="kpis", value=kpi_id)


def move_to_kra(sc: Scorecard, kpi_id: str, kra_id: str | None) -> Scorecard:
    """Move a KPI under another KRA (``None``: unassigned)."""
    data = _data(sc)
    for kpis in _kpi_lists(data):
        for kpi in kpis:
            if kpi["id"] == kpi_id:
                kpis.remove(kpi)
                target = (
                    data["unassigned_kpis"]
                    if kra_id is None
                    else _find(data["kras"], kra_id, "kras")["kpis"]
                )
                target.append(kpi)
                return _rebuild(sc, data)
    raise InputError(f"there is no KPI '{kpi_id}'", field="kpis", value=kpi_id)


def _find(items: list[dict[str, Any]], item_id: str, what: str) -> dict[str, Any]:
    for item in items:
        if item["id"] == item_id:
            return item
    raise InputError(f"there is no {what[:-1].upper()} '{item_id}'", field=what, value=item_id)


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
                node = _find(node, match["key"], "kpis")
            elif isinstance(node, list):
                node = _find(node, match["key"], match["name"])
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
    data = _data(sc)
    where = _kpi_path(sc, where)
    node, name = _resolve(data, where)
    if name not in node and "[" not in name:
        raise InputError(f"'{name}' is not a field krakit knows at '{where}'", field=where)
    node[name] = value
    return _rebuild(sc, data)


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
    data = _data(sc)
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
                node = _find(node, match["key"], match["name"])
            except InputError:
                break
            owner = node
    owner["ignore"] = {**(owner.get("ignore") or {}), code: reason}
    return _rebuild(sc, data)


def periods(sc: Scorecard) -> list[str]:
    """The periods that have actuals, in order."""
    return sorted({a.period for a in sc.actuals})


def _period_label(period: str) -> str:
    """Return the label a period is stored under (``Apr-26`` is ``2026-04``), as typed if odd."""
    return Actual(kpi="x", period=period).period


def actuals_for(sc: Scorecard, period: str) -> dict[str, float | None]:
    """Each KPI's actual for one period (None where none was entered)."""
    values: dict[str, float | None] = {kpi.id: None for kpi in sc.all_kpis()}
    period = _period_label(period)
    for actual in sc.actuals:
        if actual.period == period and actual.kpi in values:
            values[actual.kpi] = actual.value
    return values


def set_actuals(
    sc: Scorecard,
    period: str,
    values: Mapping[str, float | None] | Iterable[Actual],
) -> Scorecard:
    """Set the actuals of one period (a None value removes that KPI's actual).

    ``values`` maps KPI ids to numbers, or is a list of :class:`Actual` (from an import), in
    which case their own periods are used.
    """
    new = (
        [Actual(kpi=k, period=period, value=v) for k, v in values.items()]
        if isinstance(values, Mapping)
        else list(values)
    )
    cleared = {(a.kpi, a.period) for a in new}  # one label per period: 'Apr-26' is '2026-04'
    known = {kpi.id for kpi in sc.all_kpis()}
    for actual in new:
        if actual.kpi not in known:
            raise ScorecardError(
                f"there is no KPI '{actual.kpi}' in this scorecard",
                field="actuals",
                value=actual.kpi,
            )
    data = _data(sc)
    kept = [a for a in data["actuals"] if (a["kpi"], a["period"]) not in cleared]
    kept += [a.model_dump(mode="python") for a in new if a.value is not None]
    data["actuals"] = kept
    return _rebuild(sc, data)


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
    >>> sc = set_kras(new_scorecard("Recruiter"), ["Recruitment"])
    >>> sc = add_statement(sc, "recruitment", "Reduce time to hire to 30 days by Q3 2026")
    >>> sc.kras[0].kpis[0].target
    30.0
    """
    from krakit.text.parse import parse_kpi

    kpi = parse_kpi(statement).to_kpi(**fields)
    return add_kpi(sc, kra_id, kpi)


@dataclass(frozen=True, slots=True)
class Line:
    """One responsibility line as the classifier read it.

    ``label`` is ``"KRA"`` or ``"KPI"``; for a KPI line, ``kra`` is the id of the KRA it
    probably belongs to (None if no KRA shares its words).
    """

    text: str
    label: str
    confidence: float
    reasons: tuple[str, ...]
    kra: str | None = None


def triage(sc: Scorecard, lines: Iterable[str]) -> list[Line]:
    """Classify each non-blank line as a KRA or a KPI, and guess the KRA of each KPI line.

    The guess looks at the scorecard's KRAs and at the lines read as KRAs in the same list.
    A line that is the title of a KRA already filled in (with KPIs, a weight or goals: a
    template's, a resumed card's) stays a KRA, whatever its words: editing the list never
    takes such a KRA, and its KPIs, away.

    Examples
    --------
    >>> from krakit.library import template
    >>> [ln.label for ln in triage(template("recruiter"), ["Quality of hire", "Quality of hire"])]
    ['KRA', 'KRA']
    >>> [ln.label for ln in triage(new_scorecard("Recruiter"), ["Hire 10 engineers by March"])]
    ['KPI']
    """
    from krakit.text.classify import classify

    texts = [line.strip() for line in lines if line.strip()]
    verdicts = [classify(text) for text in texts]
    settled = {k.title for k in sc.kras if k.kpis or k.weight is not None or k.goals}
    labels = ["KRA" if t in settled else str(v.label) for t, v in zip(texts, verdicts, strict=True)]
    kra_titles = [t for t, label in zip(texts, labels, strict=True) if label == "KRA"]
    known = set_kras(sc, [*[k.title for k in sc.kras], *kra_titles]) if kra_titles else sc
    out = []
    for text, verdict, label in zip(texts, verdicts, labels, strict=True):
        home = likely_kra(known, text) if label == "KPI" else None
        out.append(Line(text, label, float(verdict.confidence), tuple(verdict.reasons), home))
    return out


def record_actuals(sc: Scorecard, period: str, cells: Mapping[str, str]) -> Scorecard:
    """Set one period's actuals from cells as people type them (``1,200``, ``85%``, ``done``).

    A blank cell clears that KPI's actual for the period.

    Raises
    ------
    InputError
        The period is not one krakit reads (``2026-01``, ``2026-Q1``...), or a cell is not a
        number, naming the KPI.
    """
    import pandas as pd

    from krakit.actuals import coerce_values
    from krakit.periods import parse_period

    period = period.strip()
    try:
        parse_period(period)
    except Exception as exc:
        raise InputError(
            f"'{period}' is not a period krakit reads; write 2026-01, 2026-Q1, 2026-H1 or 2026",
            field="period",
            value=period,
        ) from exc
    ids = list(cells)
    cells_series = pd.Series([cells[k] for k in ids], index=ids, dtype="object")
    try:
        values = coerce_values(cells_series, column="value")
    except InputError as exc:  # 'value[<kpi id>]': say it as the KPI's actual for the period
        kpi = next((k for k in ids if exc.field == f"value[{k}]"), None)
        if kpi is None:
            raise
        raise InputError(
            f"{period}: {exc.reason}", field=f"kpis[{kpi}].actual", value=exc.value
        ) from exc
    return set_actuals(
        sc, period, {k: (None if pd.isna(v) else float(v)) for k, v in values.items()}
    )


def import_actuals(sc: Scorecard, source: Any) -> Scorecard:
    """Add actuals from a CSV/XLSX file (columns kpi, period, value) to the scorecard.

    Rows for a KPI and period already entered replace them.

    Raises
    ------
    InputError
        From :func:`krakit.actuals.read_actuals`: a bad file, column, cell or KPI id.
    """
    from krakit.actuals import read_actuals

    frame = read_actuals(source, scorecard=sc)
    rows = frame.to_dict("records")
    new = [
        Actual(
            kpi=row["kpi"],
            period=str(row["period"]),
            value=None if row["value"] != row["value"] else float(row["value"]),
            note=row.get("note") if isinstance(row.get("note"), str) else None,
        )
        for row in rows
    ]
    return set_actuals(sc, "", new)


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
