"""Apply the fix a finding carries: one engine for every rule that declares one.

A rule says *what* its one-click fix is (``Rule.autofix``: a title and the name of an
action); this module says *how*. Each action is a pure function from a scorecard and a
finding to a new, validated scorecard (the input is never changed), like every operation in
:mod:`krakit.edit`. Values that depend on the scorecard (the KRA a KPI belongs to, the next
period end) are worked out by the rule when it checks, and travel in ``Finding.fix``.

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
========================  ==================================================================

Examples
--------
>>> import krakit
>>> from krakit import edit
>>> from krakit.rules.fixes import apply_fix, can_fix, describe
>>> sc = edit.set_kras(edit.new_scorecard("Recruiter"), ["Recruitment", "Onboarding"])
>>> sc = edit.update_kra(sc, "recruitment", weight=60)
>>> (found,) = krakit.check(sc, select="W003")
>>> can_fix(found), describe(found)
(True, 'Give the items without a weight the rest of 100 (40), keeping the typed weights')
>>> [k.weight for k in apply_fix(sc, found).kras]
[60.0, 40.0]
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from krakit.errors import InputError
from krakit.model import Scorecard, WeightMode, slugify
from krakit.rules.base import Finding, Fix
from krakit.rules.deadlines import period_end
from krakit.rules.words import load_words

__all__ = [
    "ACTIONS",
    "Action",
    "apply_fix",
    "can_fix",
    "describe",
    "fix_all",
    "next_deadline",
    "shares",
    "without",
]


@dataclass(frozen=True, slots=True)
class Action:
    """How one kind of fix is made: a pure edit, and whether it needs the finding's value."""

    name: str
    needs_value: bool
    run: Callable[[Scorecard, Finding], Scorecard]
    label: Callable[[Scorecard, str], str] | None = None
    """How the value reads to a manager (a KRA's title for its id), when not as written."""


def _autofix(finding: Finding) -> Fix | None:
    from krakit.rules import rule

    try:
        return rule(finding.code).autofix
    except KeyError:
        return None


def can_fix(finding: Finding) -> bool:
    """Whether krakit can apply this finding's fix itself (the *Apply fix* button).

    True when the finding's rule declares a fix, the finding names a place in a scorecard,
    and the value the fix needs (if any) was worked out when checking.
    """
    fix = _autofix(finding)
    if fix is None or not finding.where.startswith(_SCORECARD_PATHS) or fix.action not in ACTIONS:
        return False
    return not ACTIONS[fix.action].needs_value or finding.fix is not None


# A finding on a lone KPI or KRA says "statement" or "title": no scorecard to apply it to.
_SCORECARD_PATHS = ("kras", "unassigned_kpis[", "kpis[", "goals")


def describe(finding: Finding, sc: Scorecard | None = None) -> str | None:
    """What applying the fix will do, in words (None when there is no fix to apply).

    With the scorecard, ids in the value read as titles ("Recruitment", not "recruitment").
    """
    fix = _autofix(finding)
    if fix is None or not can_fix(finding):
        return None
    value = "" if finding.fix is None else str(finding.fix)
    label = ACTIONS[fix.action].label
    if label is not None and sc is not None and value:
        try:
            value = label(sc, value)
        except (KeyError, InputError, ValueError):
            pass  # the finding is older than the scorecard: show the value as it is
    return fix.title.replace("{value}", value)


def apply_fix(sc: Scorecard, finding: Finding) -> Scorecard:
    """Apply a finding's fix to a scorecard and return the new scorecard.

    Parameters
    ----------
    sc
        The scorecard the finding was found in.
    finding
        A finding from :func:`krakit.check` on ``sc``.

    Returns
    -------
    Scorecard
        A new scorecard (``sc`` is unchanged); check it again to see what is left.

    Raises
    ------
    InputError
        The finding has no fix krakit can apply, or names something no longer there.
    ScorecardError
        The fixed scorecard would not be valid.
    """
    fix = _autofix(finding)
    if fix is None or not can_fix(finding):
        raise InputError(
            f"krakit has no fix it can apply for {finding.code}: {finding.message}",
            field=finding.where or None,
        )
    from krakit.edit import locate

    kra, kpi, _field = locate(finding.where)
    gone = (kra is not None and kra not in {k.id for k in sc.kras}) or (
        kpi is not None and kpi not in {k.id for k in sc.all_kpis()}
    )
    try:
        if gone:
            raise KeyError(kpi or kra)
        return ACTIONS[fix.action].run(sc, finding)
    except KeyError as exc:  # the KPI, KRA or goal was removed since the check
        raise InputError(
            f"cannot apply the fix for {finding.code}: '{exc.args[0]}' is no longer in the "
            "scorecard; check again",
            field=finding.where,
        ) from exc


def fix_all(
    sc: Scorecard,
    *,
    select: Iterable[str] | str | None = None,
    ignore: Iterable[str] | str | None = None,
    today: dt.date | None = None,
) -> tuple[Scorecard, list[Finding]]:
    """Apply every fix krakit can, one at a time, checking again after each.

    Returns the new scorecard and the findings that were fixed, in the order applied. A fix
    that does not make its finding go away is not tried twice.

    Examples
    --------
    >>> from krakit import edit
    >>> sc = edit.set_kras(edit.new_scorecard("Recruiter"), ["Recruitment", "Onboarding"])
    >>> sc = edit.update_kra(edit.update_kra(sc, "recruitment", weight=60), "onboarding", weight=60)
    >>> new, done = fix_all(sc)
    >>> [f.code for f in done], [k.weight for k in new.kras]
    (['W001'], [50.0, 50.0])
    """
    from krakit.rules.engine import check

    tried: set[tuple[str, str, str]] = set()
    done: list[Finding] = []
    for _ in range(500):
        found = check(sc, select=select, ignore=ignore, today=today)
        todo = [f for f in found if can_fix(f) and (f.code, f.where, str(f.fix)) not in tried]
        if not todo:
            break
        finding = todo[0]
        tried.add((finding.code, finding.where, str(finding.fix)))
        sc = apply_fix(sc, finding)
        done.append(finding)
    return sc, done


# --- helpers the rules use to work out a fix's value -----------------------------------------


def without(text: str, span: tuple[int, int]) -> str:
    """The statement with one phrase taken out, spacing, punctuation and capitals tidied.

    Examples
    --------
    >>> without("Significantly reduce complaints by Q3 2027", (0, 13))
    'Reduce complaints by Q3 2027'
    >>> without("Close tickets within 2 days, where possible", (29, 43))
    'Close tickets within 2 days'
    """
    out = text[: span[0]].rstrip(" ,;") + " " + text[span[1] :].lstrip(" ,;")
    out = re.sub(r"\s+", " ", out).strip(" ,;")
    if text[:1].isupper() and out[:1].islower():
        out = out[0].upper() + out[1:]
    return out


def next_deadline(old: dt.date, today: dt.date, period: str | None = None) -> dt.date:
    """The period end a passed deadline moves to: the scorecard's period end if it is still
    ahead, else the same day of the year (a month end stays a month end) next to come.

    Examples
    --------
    >>> next_deadline(dt.date(2020, 3, 31), dt.date(2026, 11, 23))
    datetime.date(2027, 3, 31)
    >>> next_deadline(dt.date(2020, 3, 31), dt.date(2026, 11, 23), "FY2027-28")
    datetime.date(2028, 3, 31)
    """
    end = period_end(period) if period else None
    if end is not None and end >= today:
        return end
    month_end = (old + dt.timedelta(days=1)).day == 1
    for year in (today.year, today.year + 1):
        if month_end:
            candidate = dt.date(year + (old.month == 12), old.month % 12 + 1, 1)
            candidate -= dt.timedelta(days=1)
        else:
            candidate = dt.date(year, old.month, min(old.day, 28 if old.month == 2 else old.day))
        if candidate >= today:
            return candidate
    return today  # unreachable: one of the two years is ahead


def shares(weights: Sequence[float | None], *, total: float | None = 100.0) -> list[float]:
    """Weights with the missing ones filled and the whole scaled to ``total``.

    Missing weights share what is left of ``total`` (or, when nothing is left, get the mean
    of the others); then every weight is scaled so they add to ``total`` exactly, in whole
    numbers when the given weights were whole. ``total=None`` only fills (relative weights).

    Examples
    --------
    >>> shares([60, None, None, None])
    [60.0, 14.0, 13.0, 13.0]
    >>> shares([60, 30])
    [67.0, 33.0]
    >>> shares([2, None], total=None)
    [2.0, 2.0]
    """
    given = [w for w in weights if w is not None]
    missing = len(weights) - len(given)
    whole = all(float(w).is_integer() for w in given)
    mean = sum(given) / len(given) if given else 1.0
    if total is None:
        fill = round(mean) if whole else round(mean, 2)
        return [float(fill if w is None else w) for w in weights]
    left = total - sum(given)
    fill = left / missing if missing and left > 0 else mean
    raw = [fill if w is None else float(w) for w in weights]
    if sum(raw) <= 0:
        raw = [1.0] * len(raw)
    return _largest_remainder([w * total / sum(raw) for w in raw], total, 1 if whole else 0.01)


def _largest_remainder(values: list[float], total: float, step: float) -> list[float]:
    units = [v / step for v in values]
    floors = [math.floor(u + 1e-9) for u in units]
    left = round(total / step) - sum(floors)
    order = sorted(range(len(units)), key=lambda i: floors[i] - units[i])
    for i in order[: max(left, 0)]:
        floors[i] += 1
    return [float(round(f * step, 2)) for f in floors]


# --- the actions --------------------------------------------------------------------------------


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
    parts = iter(_largest_remainder([rest / len(empty)] * len(empty), rest, 1 if whole else 0.01))
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
    )
}
"""Every action a rule's fix may name, by name."""
