"""Apply the fix a finding carries: one engine for every rule that declares one.

A rule says *what* its one-click fix is (``Rule.autofix``: a title and the name of an
action); this module says *how*: it finds the rule's action in
:data:`krakit.rules.fix_actions.ACTIONS` (the table of actions is there), applies it, says what
it will do, and applies every fix it can in turn. Each action is a pure function from a
scorecard and a finding to a new, validated scorecard (the input is never changed), like every
operation in :mod:`krakit.edit`. Values that depend on the scorecard (the KRA a KPI belongs to,
the next period end) are worked out by the rule when it checks (helpers in
:mod:`krakit.rules.fix_values`), and travel in ``Finding.fix``.

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
from collections.abc import Iterable

from krakit.errors import InputError
from krakit.model import Scorecard
from krakit.rules.base import Finding, Fix
from krakit.rules.fix_actions import ACTIONS, Action
from krakit.rules.fix_values import next_deadline, shares, without

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
