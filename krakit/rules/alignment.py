"""Alignment rules (G): across the scorecards of a workspace and its goal tree.

These rules read a whole workspace at once (scope ``workspace``): the goal tree
(``goals.yaml``, :mod:`krakit.goals`) and every scorecard beside it.
:func:`krakit.rules.alignment_check.check_alignment` and ``krakit align`` run them all, and
each finding names the file and the KRA. ``krakit check FILE`` runs G001 on the one file,
against the ``goals.yaml`` beside it; ``krakit.check`` of a scorecard in memory runs none.

Examples are YAML documents with a ``tree`` (a goal tree) and ``cards`` (name → scorecard).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from krakit.goals.alignment import Alignment
from krakit.goals.tree import ORGANISATION
from krakit.rules.base import Hit, Rule, Severity

__all__ = [
    "GOAL_OUTSIDE_BRANCH",
    "KRA_OFF_TREE",
    "ONE_GOAL_TEAM",
    "UNKNOWN_GOAL",
    "UNSERVED_GOAL",
    "AlignmentContext",
]

_SOURCE = "Goal cascading and alignment (Kaplan & Norton, 'Alignment', 2006)"

_TREE = (
    "tree:\n  organisation: Acme\n  goals:\n  - {id: grow, title: Grow revenue, owner: CEO}\n"
    "  - {id: cash, title: Collect faster, owner: CFO}\n"
)


@dataclass(frozen=True)
class AlignmentContext:
    """What an alignment rule reads: the alignment of the workspace's cards to its tree."""

    result: Alignment
    tree_file: str

    def values(self) -> dict[str, Any]:
        return {"organisation": self.result.tree.organisation}


def _card_hit(ctx: AlignmentContext, card: str, kra_id: str, **values: Any) -> Hit:
    return Hit(values={"file": ctx.result.files.get(card, card), "card": card, **values},
               where=f"kras[{kra_id}].goals")  # fmt: skip


def _unknown_goal(ctx: AlignmentContext) -> Iterator[Hit]:
    for row in ctx.result.unknown.itertuples(index=False):
        yield _card_hit(ctx, row.card, row.kra, kra=row.kra_title, goal=row.goal)


UNKNOWN_GOAL = Rule(
    code="G001",
    name="unknown-goal",
    severity=Severity.ERROR,
    message="The KRA '{kra}' serves the goal '{goal}', which is neither in this scorecard's "
    "goals nor in the goal tree",
    why="A mistyped goal id links the KRA to nothing, so it silently counts for no goal.",
    bad=(_TREE + "cards:\n  rep: {role: {title: Rep}, kras: [{title: Sales, goals: [grwo]}]}",),
    good=(_TREE + "cards:\n  rep: {role: {title: Rep}, kras: [{title: Sales, goals: [grow]}]}",),
    source=_SOURCE,
    fix="Use an id of goals.yaml (see 'krakit align') or add the goal to the scorecard.",
    scope="workspace",
    examples="workspace",
    test=_unknown_goal,
)


def _unserved_goal(ctx: AlignmentContext) -> Iterator[Hit]:
    tree = ctx.result.tree
    index = tree.index()
    for goal_id in ctx.result.unserved:
        goal, unit = index[goal_id]
        yield Hit(
            values={
                "file": ctx.tree_file,
                "goal": goal.title,
                "unit": tree.unit_name(unit),
                "owner": goal.owner,
            },
            where=f"goals[{goal_id}]",
        )


UNSERVED_GOAL = Rule(
    code="G002",
    name="unserved-goal",
    severity=Severity.WARNING,
    message="No KRA serves the goal '{goal}' ({unit}, owner {owner})",
    why="A goal nobody's KRAs serve is a goal nobody is working on.",
    bad=(_TREE + "cards:\n  rep: {role: {title: Rep}, kras: [{title: Sales, goals: [grow]}]}",),
    good=(
        _TREE + "cards:\n  rep: {role: {title: Rep}, kras: [{title: Sales, goals: [grow]}, "
        "{title: Collections, goals: [cash]}]}",
    ),
    source=_SOURCE,
    fix="Give the goal to a KRA (kras[].goals: [<id>]) or drop it from goals.yaml.",
    scope="workspace",
    examples="workspace",
    test=_unserved_goal,
)


def _outside_branch(ctx: AlignmentContext) -> Iterator[Hit]:
    result = ctx.result
    if not result.placement.manages:
        return
    tree = result.tree
    units = tree.units_by_id()
    below: dict[str, set[str]] = {}
    for unit_id, (_, above) in units.items():
        for parent in above:
            below.setdefault(parent, set()).add(unit_id)
    index = tree.index()
    links = result.links[result.links["card"].isin(result.placement.manages)]
    for row in links.itertuples(index=False):
        managed = result.placement.manages[row.card]
        part = {ORGANISATION, managed, *units[managed][1], *below.get(managed, ())}
        unit = index[row.goal][1]
        if unit not in part:
            yield _card_hit(
                ctx,
                row.card,
                row.kra,
                kra=row.kra_title,
                holder=row.holder or row.card,
                goal=index[row.goal][0].title,
                unit=tree.unit_name(unit),
                own=tree.unit_name(managed),
            )


GOAL_OUTSIDE_BRANCH = Rule(
    code="G003",
    name="goal-outside-branch",
    severity=Severity.WARNING,
    message="{holder} manages {own}, but the KRA '{kra}' serves '{goal}', a goal of {unit}",
    why="A manager's KRAs should carry their own part of the tree; serving another unit's "
    "goal hides whose goal it is.",
    bad=(
        "tree:\n  organisation: Acme\n  units:\n  - {id: sales, name: Sales, owner: Ravi, "
        "goals: [{id: grow, title: Grow, owner: Ravi}]}\n  - {id: hr, name: HR, owner: Asha, "
        "goals: [{id: hire, title: Hire, owner: Asha}]}\n"
        "cards:\n  ravi: {role: {title: Head of sales}, holder: Ravi, kras: [{title: Hiring, "
        "goals: [hire]}, {title: Sales, goals: [grow]}]}",
    ),
    good=(
        "tree:\n  organisation: Acme\n  units:\n  - {id: sales, name: Sales, owner: Ravi, "
        "goals: [{id: grow, title: Grow, owner: Ravi}]}\n  - {id: hr, name: HR, owner: Asha, "
        "goals: [{id: hire, title: Hire, owner: Asha}]}\n"
        "cards:\n  ravi: {role: {title: Head of sales}, holder: Ravi, kras: [{title: Sales, "
        "goals: [grow]}]}",
    ),
    source=_SOURCE + "; goal cascading down one line of management",
    fix="Link the KRA to a goal of {own} (or above it), or move it to the card of {unit}'s "
    "manager.",
    scope="workspace",
    examples="workspace",
    test=_outside_branch,
)


def _one_goal_team(ctx: AlignmentContext) -> Iterator[Hit]:
    result = ctx.result
    tree = result.tree
    index = tree.index()
    root_of: dict[str, str] = {}  # goal -> the goal of its unit it rolls up to
    for goal in tree.goals_in_order():
        parent = goal.parent
        if parent is not None and index[parent][1] == index[goal.id][1]:
            root_of[goal.id] = root_of.get(parent, parent)
    units = tree.units_by_id()
    card_units = result.placement.unit
    for unit_id, (unit, _) in units.items():
        if len(unit.goals) < 2:
            continue
        inside = {u for u, (_, above) in units.items() if u == unit_id or unit_id in above}
        cards = {c for c, u in card_units.items() if u in inside}
        mine = result.links[result.links["card"].isin(cards)]
        if mine.empty:
            continue
        own = {g.id for g in unit.goals}
        served = {root_of.get(g, g) for g in mine["goal"]} & own
        if len(served) == 1:
            (goal,) = served
            yield Hit(
                values={
                    "file": ctx.tree_file,
                    "unit": unit.name,
                    "goal": index[goal][0].title,
                    "n": len(unit.goals),
                },
                where=f"units[{unit_id}]",
            )


ONE_GOAL_TEAM = Rule(
    code="G004",
    name="one-goal-team",
    severity=Severity.WARNING,
    message="Every KRA of {unit} that serves one of its goals serves '{goal}', while the tree "
    "gives {unit} {n} goals",
    why="A team whose KRAs all pull one way leaves its other goals to chance.",
    bad=(
        "tree:\n  organisation: Acme\n  units:\n  - name: Sales\n    members: [rep]\n"
        "    goals: [{id: grow, title: Grow, owner: Ravi}, {id: cash, title: Cash, owner: Ravi},"
        " {id: keep, title: Keep customers, owner: Ravi}]\n"
        "cards:\n  rep: {role: {title: Rep}, kras: [{title: Sales, goals: [grow]}, "
        "{title: Leads, goals: [grow]}]}",
    ),
    good=(
        "tree:\n  organisation: Acme\n  units:\n  - name: Sales\n    members: [rep]\n"
        "    goals: [{id: grow, title: Grow, owner: Ravi}, {id: cash, title: Cash, owner: Ravi},"
        " {id: keep, title: Keep customers, owner: Ravi}]\n"
        "cards:\n  rep: {role: {title: Rep}, kras: [{title: Sales, goals: [grow]}, "
        "{title: Collections, goals: [cash]}]}",
    ),
    source=_SOURCE,
    fix="Give {unit}'s other goals a KRA, or take them out of the tree if they are not its job.",
    scope="workspace",
    examples="workspace",
    test=_one_goal_team,
)


def _kra_off_tree(ctx: AlignmentContext) -> Iterator[Hit]:
    for row in ctx.result.orphans.itertuples(index=False):
        yield _card_hit(ctx, row.card, row.kra, kra=row.kra_title)


KRA_OFF_TREE = Rule(
    code="G005",
    name="kra-off-tree",
    severity=Severity.SUGGESTION,
    message="The KRA '{kra}' serves no goal of the organisation's goal tree",
    why="Work linked to no shared goal does not show in anyone's alignment, however useful.",
    bad=(_TREE + "cards:\n  rep: {role: {title: Rep}, kras: [{title: Sales}]}",),
    good=(_TREE + "cards:\n  rep: {role: {title: Rep}, kras: [{title: Sales, goals: [grow]}]}",),
    source=_SOURCE,
    fix="Link it to a goal of goals.yaml (kras[].goals: [<id>]).",
    scope="workspace",
    examples="workspace",
    test=_kra_off_tree,
)

__rules__ = (UNKNOWN_GOAL, UNSERVED_GOAL, GOAL_OUTSIDE_BRANCH, ONE_GOAL_TEAM, KRA_OFF_TREE)
