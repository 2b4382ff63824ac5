"""The goals a scorecard's KRAs can serve, searchable, and the goals it serves (for step 1).

With a goal tree, the choices are the card's own goals and the tree's, each labelled with its
owner and unit; a search keeps the goals whose title, owner, unit or id holds every word
typed. Ids a KRA already names always stay among the choices (an id found nowhere is labelled
as unknown), so a picker never loses what the card says.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from krakit.goals.tree import GoalTree
from krakit.model import Scorecard

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["Served", "goal_choices", "served_goals", "served_table"]


def goal_choices(
    scorecard: Scorecard, tree: GoalTree | None = None, query: str = ""
) -> list[tuple[str, str]]:
    """(label, id) of the goals a KRA of this card can serve, those matching ``query``.

    Parameters
    ----------
    scorecard
        The card: its own goals come first, and every id its KRAs name is kept.
    tree
        The workspace's goal tree (None: the card's own goals only, as without a tree).
    query
        Words to search titles, owners, units and ids for (case-insensitive, any order).

    Examples
    --------
    >>> import krakit
    >>> from krakit.goals import validate_tree
    >>> tree = validate_tree({"organisation": "Acme", "units": [{"name": "Sales", "goals": [
    ...     {"title": "Grow revenue", "owner": "Ravi"},
    ...     {"title": "Cut churn", "owner": "Meena"}]}]})
    >>> card = krakit.Scorecard(role={"title": "Rep"}, kras=[{"title": "A", "goals": ["gone"]}])
    >>> goal_choices(card, tree, "meena")
    [('Cut churn — Meena, Sales', 'cut-churn'), ('gone (unknown goal id)', 'gone')]
    """
    words = query.casefold().split()
    local = [(g.title, g.id) for g in scorecard.goals]
    seen = {gid for _, gid in local}
    out = [(label, gid) for label, gid in local if _matches(words, label, gid)]
    if tree is not None:
        index = tree.index()
        for goal in tree.goals_in_order():
            if goal.id in seen:
                continue
            seen.add(goal.id)
            label = f"{goal.title} — {goal.owner}, {tree.unit_name(index[goal.id][1])}"
            if _matches(words, label, goal.id):
                out.append((label, goal.id))
    named = [gid for kra in scorecard.kras for gid in kra.goals]
    shown = {gid for _, gid in out}
    for gid in dict.fromkeys(named):
        if gid in shown:
            continue
        if gid in seen:  # chosen but filtered out by the search: kept, so it stays chosen
            out.append((_label(scorecard, tree, gid), gid))
        else:
            out.append((f"{gid} (unknown goal id)", gid))
        shown.add(gid)
    return out


def _matches(words: list[str], label: str, gid: str) -> bool:
    text = f"{label} {gid}".casefold()
    return all(word in text for word in words)


def _label(scorecard: Scorecard, tree: GoalTree | None, gid: str) -> str:
    for goal in scorecard.goals:
        if goal.id == gid:
            return goal.title
    assert tree is not None
    goal = tree.goal(gid)
    return f"{goal.title} — {goal.owner}, {tree.unit_name(tree.index()[gid][1])}"


@dataclass(frozen=True)
class Served:
    """A goal this card serves: its title, owner, where it sits, and the KRAs serving it."""

    id: str
    title: str
    owner: str | None
    unit: str | None
    kras: tuple[str, ...]
    known: bool


def served_goals(scorecard: Scorecard, tree: GoalTree | None = None) -> list[Served]:
    """The goals this card's KRAs serve, in the order they are first named.

    Examples
    --------
    >>> import krakit
    >>> card = krakit.Scorecard(role={"title": "Rep"}, goals=[{"title": "Grow"}],
    ...     kras=[{"title": "Sales", "goals": ["grow"]}, {"title": "Leads", "goals": ["grow"]}])
    >>> [(s.title, s.kras) for s in served_goals(card)]
    [('Grow', ('Sales', 'Leads'))]
    """
    by_goal: dict[str, list[str]] = {}
    for kra in scorecard.kras:
        for gid in dict.fromkeys(kra.goals):
            by_goal.setdefault(gid, []).append(kra.title)
    local = {g.id: g for g in scorecard.goals}
    index = tree.index() if tree is not None else {}
    out = []
    for gid, kras in by_goal.items():
        if gid in local:
            out.append(Served(gid, local[gid].title, None, None, tuple(kras), True))
        elif gid in index and tree is not None:
            goal, unit = index[gid]
            out.append(Served(gid, goal.title, goal.owner, tree.unit_name(unit), tuple(kras), True))
        else:
            out.append(Served(gid, gid, None, None, tuple(kras), False))
    return out


def served_table(scorecard: Scorecard, tree: GoalTree | None = None) -> pd.DataFrame:
    """The goals this card serves, one row each: title, owner, unit, KRAs, share of the card.

    ``share`` is the part of the card's weight (%) its KRAs give the goal (a KRA serving two
    goals gives each half), as in :func:`krakit.alignment`. For the report's goals section.

    Examples
    --------
    >>> import krakit
    >>> card = krakit.Scorecard(role={"title": "Rep"}, goals=[{"title": "Grow"}],
    ...     kras=[{"title": "Sales", "weight": 70, "goals": ["grow"]}, {"title": "Admin"}])
    >>> served_table(card)[["title", "kras", "share"]].values.tolist()
    [['Grow', 'Sales', 70.0]]
    """
    import pandas as pd

    from krakit.goals.alignment import kra_shares

    shares = dict(zip([k.id for k in scorecard.kras], kra_shares(scorecard), strict=True))
    part: dict[str, float] = {}
    for kra in scorecard.kras:
        named = list(dict.fromkeys(kra.goals))
        for gid in named:
            part[gid] = part.get(gid, 0.0) + 100.0 * shares[kra.id] / len(named)
    rows = [
        (s.id, s.title, s.owner or "", s.unit or "", ", ".join(s.kras), round(part[s.id], 2),
         "" if s.known else "unknown goal id")
        for s in served_goals(scorecard, tree)
    ]  # fmt: skip
    columns = ["goal", "title", "owner", "unit", "kras", "share", "note"]
    return pd.DataFrame(rows, columns=columns)
