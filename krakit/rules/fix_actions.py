"""The actions a rule's one-click fix may name, by name: each a pure edit of a scorecard.

========================  ==================================================================
action                    what it does
========================  ==================================================================
``set``                   set the field the finding names to ``Finding.fix``
``cadence``               give the KPI a frequency, dropping a vague time word ('regularly')
``move-deadline``         move a passed deadline to a future date, in the field and the text
``weights``               fill missing weights and scale a group so it adds to 100
``fill-weights``          give the items without a weight the rest (``Finding.fix``) of 100
``move-kpi``              move the KPI under the KRA ``Finding.fix`` names
``kra-from-kpi``          turn a KPI that names an area into a KRA, with suggested KPIs
``kpi-from-kra``          rename a KRA that carries a target, keeping the sentence as its KPI
``rename-kra``            name the KRA after its area, keeping the old name in its description
``link-goal``             align the KRA to the goal ``Finding.fix`` names
``remove-kra``            remove a catch-all KRA; its KPIs wait unassigned, weights rescaled
``merge-kpi``             fold a duplicate KPI into the first: its weight, the actuals it lacks
``merge-kra``             fold a KRA written twice into the first: its KPIs, weight and goals
========================  ==================================================================
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from krakit.errors import InputError
from krakit.model import Scorecard, WeightMode, slugify
from krakit.rules.base import Finding
from krakit.rules.deadlines import period_end
from krakit.rules.fix_values import largest_remainder, shares, without
from krakit.rules.words import load_words

__all__ = ["ACTIONS", "Action"]


@dataclass(frozen=True, slots=True)
class Action:
    """How one kind of fix is made: a pure edit, and whether it needs the finding's value."""

    name: str
    needs_value: bool
    run: Callable[[Scorecard, Finding], Scorecard]
    label: Callable[[Scorecard, str], str] | None = None
    """How the value reads to a manager (a KRA's title for its id), when not as written."""


def _kpi_id(finding: Finding) -> str:
    from krakit.edit import locate

    _kra, kpi, _field = locate(finding.where)
    if kpi is None:
        raise InputError(f"'{finding.where}' names no KPI", field=finding.where)
    return kpi


def _kra_id(finding: Finding) -> str:
    from krakit.edit import locate

    kra, _kpi, _field = locate(finding.where)
    if kra is None:
        raise InputError(f"'{finding.where}' names no KRA", field=finding.where)
    return kra


def _set(sc: Scorecard, finding: Finding) -> Scorecard:
    from krakit.edit import set_field

    return set_field(sc, finding.where, finding.fix)


def _cadence(sc: Scorecard, finding: Finding) -> Scorecard:
    from krakit.edit import update_kpi

    kpi = sc.kpi(_kpi_id(finding))
    fields: dict[str, object] = {"frequency": finding.fix}
    vague = load_words("vague_time").first(kpi.statement)
    if vague is not None:
        fields["statement"] = without(kpi.statement, vague.span())
    return update_kpi(sc, kpi.id, **fields)


_LEAD = re.compile(r"^(by|before|until|till|on)\s+", re.IGNORECASE)


def _move_deadline(sc: Scorecard, finding: Finding) -> Scorecard:
    from krakit.edit import update_kpi
    from krakit.rules.engine import parse

    kpi = sc.kpi(_kpi_id(finding))
    new = dt.date.fromisoformat(str(finding.fix))
    fields: dict[str, object] = {}
    draft = parse(kpi.statement) if kpi.statement.strip() else None
    span = draft.spans.get("deadline") if draft is not None else None
    said = period_end(draft.deadline) if draft is not None and draft.deadline else None
    if span is not None and (said is None or said < new):  # the sentence's date is the old one
        old = kpi.statement[span[0] : span[1]]
        lead = _LEAD.match(old)
        month_end = (new + dt.timedelta(days=1)).day == 1
        words = new.strftime("%B %Y") if month_end else f"{new.day} {new.strftime('%B %Y')}"
        if re.search(r"\d{4}-\d{2}-\d{2}", old):
            words = new.isoformat()
        text = kpi.statement[: span[0]] + (lead[0] if lead else "") + words
        fields["statement"] = text + kpi.statement[span[1] :]
    text = fields.get("statement")
    if kpi.deadline is not None or text is None or period_end(parse(str(text)).deadline) != new:
        fields["deadline"] = new  # the field says it when the sentence alone would not
    return update_kpi(sc, kpi.id, **fields)


def _weights(sc: Scorecard, finding: Finding) -> Scorecard:
    from krakit.edit import set_weights

    total = 100.0 if sc.weights is WeightMode.PERCENT else None
    kra_id = None if finding.where == "kras" else _kra_id(finding)
    items = sc.kras if kra_id is None else sc.kra(kra_id).kpis
    return set_weights(sc, kra_id, shares([i.weight for i in items], total=total))


def _fill_weights(sc: Scorecard, finding: Finding) -> Scorecard:
    """Share the rest (``Finding.fix``) among the items without a weight; typed ones stay."""
    from krakit.edit import set_weights

    kra_id = None if finding.where == "kras" else _kra_id(finding)
    weights = [i.weight for i in (sc.kras if kra_id is None else sc.kra(kra_id).kpis)]
    rest = float(str(finding.fix))
    empty = [i for i, w in enumerate(weights) if w is None]
    if not empty or rest <= 0:
        return sc
    whole = rest.is_integer() and all(float(w).is_integer() for w in weights if w is not None)
    parts = iter(largest_remainder([rest / len(empty)] * len(empty), rest, 1 if whole else 0.01))
    return set_weights(sc, kra_id, [next(parts) if w is None else float(w) for w in weights])


def _move_kpi(sc: Scorecard, finding: Finding) -> Scorecard:
    from krakit.edit import move_to_kra

    return move_to_kra(sc, _kpi_id(finding), str(finding.fix))


def _kra_from_kpi(sc: Scorecard, finding: Finding) -> Scorecard:
    from krakit.edit import add_kra, remove_kpi

    title = str(finding.fix)
    new = remove_kpi(sc, _kpi_id(finding))
    if slugify(title, fallback="kra") in {k.id for k in new.kras}:
        return new  # the area is a KRA already: the KPI only repeated it
    try:
        from krakit.library import suggest_kpis

        names = [m.name for m in suggest_kpis(title, n=3)]
    except ImportError:
        names = []
    note = f"Suggested KPIs: {', '.join(names)}." if names else None
    return add_kra(new, title, description=note)


def _kpi_from_kra(sc: Scorecard, finding: Finding) -> Scorecard:
    from krakit.edit import add_kpi, update_kra

    kra = sc.kra(_kra_id(finding))
    new = update_kra(sc, kra.id, title=str(finding.fix))
    if any(k.statement.strip() == kra.title.strip() for k in kra.kpis):
        return new
    return add_kpi(new, kra.id, {"statement": kra.title})


def _rename_kra(sc: Scorecard, finding: Finding) -> Scorecard:
    from krakit.edit import update_kra

    kra = sc.kra(_kra_id(finding))
    return update_kra(
        sc, kra.id, title=str(finding.fix), description=kra.description or f"Was: {kra.title}."
    )


def _link_goal(sc: Scorecard, finding: Finding) -> Scorecard:
    from krakit.edit import update_kra

    kra = sc.kra(_kra_id(finding))
    return update_kra(sc, kra.id, goals=[*kra.goals, str(finding.fix)])


def _remove_kra(sc: Scorecard, finding: Finding) -> Scorecard:
    from krakit.edit import remove_kra, set_weights

    kra = sc.kra(_kra_id(finding))
    new = remove_kra(sc, kra.id)
    weights = [k.weight for k in new.kras]
    if kra.weight is None or not weights or None in weights:
        return new
    if new.weights is not WeightMode.PERCENT:
        return new
    return set_weights(new, None, shares(weights))


def _merge_kra(sc: Scorecard, finding: Finding) -> Scorecard:
    from krakit.edit import merge_kras

    return merge_kras(sc, str(finding.fix), _kra_id(finding))


def _kra_title(sc: Scorecard, kra_id: str) -> str:
    return sc.kra(kra_id).title


def _kpi_name(sc: Scorecard, kpi_id: str) -> str:
    kpi = sc.kpi(kpi_id)
    return kpi.metric or kpi.statement or kpi.id


def _goal_title(sc: Scorecard, goal_id: str) -> str:
    for goal in sc.goals:
        if goal.id == goal_id:
            return goal.title
    raise KeyError(goal_id)


def _day(_sc: Scorecard, iso: str) -> str:
    day = dt.date.fromisoformat(iso)
    return f"{day.day} {day.strftime('%B %Y')}"


def _merge_kpi(sc: Scorecard, finding: Finding) -> Scorecard:
    from krakit.edit import remove_kpi, set_actuals, set_weights, update_kpi

    dup, keep = sc.kpi(_kpi_id(finding)), sc.kpi(str(finding.fix))
    home, kept_home = sc.kra_of(dup.id), sc.kra_of(keep.id)
    had = {a.period for a in sc.actuals if a.kpi == keep.id}
    moved = [
        a.model_copy(update={"kpi": keep.id})
        for a in sc.actuals
        if a.kpi == dup.id and a.period not in had
    ]
    new = set_actuals(sc, "", moved) if moved else sc
    if home is not None and home is kept_home and dup.weight is not None:
        new = update_kpi(new, keep.id, weight=min(100.0, (keep.weight or 0) + dup.weight))
    new = remove_kpi(new, dup.id)
    if home is not None and home is not kept_home and dup.weight is not None:
        weights = [k.weight for k in new.kra(home.id).kpis]
        if weights and None not in weights and new.weights is WeightMode.PERCENT:
            new = set_weights(new, home.id, shares(weights))
    return new


ACTIONS: dict[str, Action] = {
    a.name: a
    for a in (
        Action("set", True, _set),
        Action("cadence", True, _cadence),
        Action("move-deadline", True, _move_deadline, _day),
        Action("weights", False, _weights),
        Action("fill-weights", True, _fill_weights),
        Action("move-kpi", True, _move_kpi, _kra_title),
        Action("kra-from-kpi", True, _kra_from_kpi),
        Action("kpi-from-kra", True, _kpi_from_kra),
        Action("rename-kra", True, _rename_kra),
        Action("link-goal", True, _link_goal, _goal_title),
        Action("remove-kra", False, _remove_kra),
        Action("merge-kpi", True, _merge_kpi, _kpi_name),
        Action("merge-kra", True, _merge_kra, _kra_title),
    )
}
"""Every action a rule's fix may name, by name."""
