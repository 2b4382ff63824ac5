"""Alignment: which KRAs and KPIs serve each goal of the tree, how much, and what is left out.

Weights: each scorecard counts the same in the organisation (its KRAs share 100% of it, by
their weights, normalised; KRAs without a weight share what the others leave). A KRA that
serves two goals gives each half its share. A goal's **coverage** is the share of the
organisation's weight serving it or a goal under it (so a parent is covered through its
children), in percent. With actuals, a goal's **score** is the mean of the serving KRAs'
scores (:func:`krakit.score`), weighted by those shares, rolled up the same way.

One pass over the scorecards and their KRAs, one over the goals: linear in the number of
scorecards (``benchmarks/bench_alignment.py``).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from os import PathLike
from typing import TYPE_CHECKING, Any

from krakit.goals.cards import Cards, Placement, Source, gather, place, tree_of
from krakit.goals.tree import ORGANISATION, GoalTree
from krakit.model import KRA, Scorecard

if TYPE_CHECKING:  # pandas loads when an alignment is made: step 1 reads the tree without it
    import pandas as pd

__all__ = ["Alignment", "alignment", "kra_shares"]

LINK_COLUMNS = [
    "goal",
    "card",
    "file",
    "holder",
    "role",
    "unit",
    "kra",
    "kra_title",
    "weight",
    "kpis",
    "score",
]
KPI_COLUMNS = ["goal", "card", "holder", "kra", "kpi", "kpi_weight", "weight"]
ORPHAN_COLUMNS = ["card", "file", "holder", "role", "unit", "kra", "kra_title", "goals", "weight"]
UNKNOWN_COLUMNS = ["card", "file", "kra", "kra_title", "goal"]
GOAL_COLUMNS = [
    "goal",
    "title",
    "owner",
    "unit",
    "unit_name",
    "parent",
    "depth",
    "kras",
    "cards",
    "kpis",
    "direct",
    "coverage",
    "served",
    "measured",
    "score",
]


def kra_shares(card: Scorecard) -> list[float]:
    """Each KRA's share of the card (fractions adding to 1; an empty card has none).

    Weights are normalised; KRAs without a weight share equally what the weighted ones leave
    (an equal share of the whole when no KRA has a weight).

    Examples
    --------
    >>> import krakit
    >>> card = krakit.Scorecard(role={"title": "x"}, kras=[{"title": "A", "weight": 60},
    ...     {"title": "B"}, {"title": "C"}])
    >>> kra_shares(card)
    [0.6, 0.2, 0.2]
    """
    kras = card.kras
    if not kras:
        return []
    typed = [k.weight for k in kras]
    given = sum(w for w in typed if w is not None)
    unset = sum(1 for w in typed if w is None)
    fill = max(100.0 - given, 0.0) / unset if unset else 0.0
    raw = [fill if w is None else w for w in typed]
    total = sum(raw)
    if total <= 0:
        return [1.0 / len(kras)] * len(kras)
    return [w / total for w in raw]


@dataclass
class Alignment:
    """What :func:`alignment` returns: tables, the gaps, and :meth:`explain` in words.

    Attributes
    ----------
    goals
        Per goal of the tree, parents before children: owner, unit, depth, the KRAs, cards
        and KPIs serving it (itself or through goals under it), ``direct`` and ``coverage``
        (% of the organisation's weight), ``served``, ``measured`` and ``score``.
    links
        Per card, KRA and tree goal it serves: whose, which unit, the weight (% of the
        organisation), how many KPIs, and the KRA's score when there are actuals.
    kpis
        Per tree goal and KPI measuring a KRA that serves it, with the KPI's weight in its KRA.
    orphans
        KRAs serving no goal of the tree (none at all, or only the card's own goals).
    unknown
        Goal ids a KRA names that are neither the card's own goals nor in the tree.
    """

    tree: GoalTree
    goals: pd.DataFrame
    links: pd.DataFrame
    kpis: pd.DataFrame
    orphans: pd.DataFrame
    unknown: pd.DataFrame
    files: dict[str, str]
    placement: Placement
    cards: int
    scored: bool = False
    tree_file: str | None = None
    scorecards: dict[str, Scorecard] = field(default_factory=dict, repr=False)

    @property
    def unserved(self) -> list[str]:
        """Ids of the goals no KRA serves, directly or through a goal under them."""
        return self.goals.loc[~self.goals["served"], "goal"].tolist()

    @property
    def unmeasured(self) -> list[str]:
        """Ids of the goals served only by KRAs that have no KPI measuring them."""
        frame = self.goals
        return frame.loc[frame["served"] & ~frame["measured"], "goal"].tolist()

    def heatmap(self) -> pd.DataFrame:
        """Coverage of each goal by each unit's cards (long: goal, title, unit, coverage %).

        A unit's coverage of a goal is the share of the organisation's weight that the unit's
        cards put on the goal directly; every goal × unit pair is listed (0 when none).
        """
        import pandas as pd

        units = [ORGANISATION] + [u.id for u, _ in self.tree.walk()]
        names = {u: self.tree.unit_name(u) for u in units}
        sums = self.links.groupby(["goal", "unit"], sort=False)["weight"].sum()
        rows = []
        for goal in self.goals.itertuples(index=False):
            for unit in units:
                value = float(sums.get((goal.goal, unit), 0.0))
                rows.append((goal.goal, goal.title, unit, names[unit], value))
        return pd.DataFrame(rows, columns=["goal", "title", "unit", "unit_name", "coverage"])

    def explain(self) -> str:
        """The alignment in words: each goal, who serves it and how much, then the gaps."""
        lines = [
            f"Alignment of {self.cards} scorecard{'s' if self.cards != 1 else ''} to the goals "
            f"of {self.tree.organisation}"
            + (f" ({self.tree.period})" if self.tree.period else "")
            + f": {len(self.goals)} goal{'s' if len(self.goals) != 1 else ''}.",
        ]
        for goal in self.goals.itertuples(index=False):
            pad = "  " * (int(goal.depth) + 1)
            where = goal.unit_name
            if not goal.served:
                said = "served by no KRA"
            else:
                said = (
                    f"{_pct(goal.coverage)} of the organisation's weight, from {goal.kras} "
                    f"KRA{'s' if goal.kras != 1 else ''} in {goal.cards} scorecard"
                    f"{'s' if goal.cards != 1 else ''} ({goal.kpis} KPI"
                    f"{'s' if goal.kpis != 1 else ''})"
                )
                if not math.isnan(goal.score):
                    said += f"; scores {goal.score:.1f}"
            lines.append(f"{pad}{goal.title} [{goal.goal}] — {where}, owner {goal.owner}: {said}")
        gaps = self.gaps()
        lines.append("")
        if not gaps:
            lines.append("No gaps: every goal is served and measured, every KRA serves a goal.")
        else:
            lines.append(f"Gaps ({len(gaps)}):")
            lines += [f"  - {gap}" for gap in gaps]
        return "\n".join(lines)

    def gaps(self) -> list[str]:
        """Each gap in one sentence: goals nobody serves, unmeasured goals, orphan KRAs."""
        out = []
        for goal_id in self.unserved:
            goal = self.tree.goal(goal_id)
            unit = self.tree.unit_name(self.tree.index()[goal_id][1])
            out.append(f"The goal '{goal.title}' ({unit}, owner {goal.owner}) is served by no KRA")
        for goal_id in self.unmeasured:
            out.append(
                f"The goal '{self.tree.goal(goal_id).title}' is served only by KRAs that no "
                "KPI measures"
            )
        for (role, _kra, title), group in self.orphans.groupby(
            ["role", "kra", "kra_title"], sort=False
        ):
            whose = ", ".join(group["file"])
            out.append(f"The KRA '{title}' ({role}: {whose}) serves no goal of the tree")
        for row in self.unknown.itertuples(index=False):
            out.append(
                f"{row.file}: the KRA '{row.kra_title}' names the goal '{row.goal}', "
                "which is in neither the scorecard nor the tree"
            )
        return out

    def __str__(self) -> str:
        return self.explain()

    def as_dict(self) -> dict[str, Any]:
        """Plain data (JSON-ready): goals, gaps and the tables' rows."""

        def rows(frame: pd.DataFrame) -> list[dict[str, Any]]:
            clean = frame.astype(object).where(frame.notna(), None)
            return clean.to_dict(orient="records")

        orphans = self.orphans.copy()
        return {
            "organisation": self.tree.organisation,
            "period": self.tree.period,
            "tree_file": self.tree_file,
            "scorecards": self.cards,
            "goals": rows(self.goals),
            "unserved": self.unserved,
            "unmeasured": self.unmeasured,
            "orphans": rows(orphans),
            "unknown": rows(self.unknown),
            "links": rows(self.links),
            "gaps": self.gaps(),
        }


def _pct(value: float) -> str:
    return f"{value:.1f}%"


def alignment(
    source: Source,
    tree: GoalTree | str | PathLike[str] | None = None,
    *,
    actuals: bool = True,
) -> Alignment:
    """Align scorecards to a goal tree: who serves each goal, how much, and the gaps.

    Parameters
    ----------
    source
        A workspace (or its folder), a room folder, a mapping name → scorecard, or a list of
        scorecards.
    tree
        The goal tree, or the path of its file; None: the ``goals.yaml`` beside the cards.
    actuals
        Score the cards' own actuals (:func:`krakit.score`) and roll the KRA scores up to
        the goals; False skips scoring.

    Returns
    -------
    Alignment

    Raises
    ------
    InputError
        No tree was given or found, a file is not a scorecard or a tree (naming it), or the
        actuals cannot be scored (naming the card).

    Examples
    --------
    >>> import krakit
    >>> from krakit.goals import validate_tree
    >>> tree = validate_tree({"organisation": "Acme", "goals": [
    ...     {"title": "Grow revenue", "owner": "CEO"}, {"title": "Cut costs", "owner": "CFO"}]})
    >>> card = krakit.Scorecard(role={"title": "Sales"}, kras=[
    ...     {"title": "Sales", "weight": 100, "goals": ["grow-revenue"]}])
    >>> result = alignment([card], tree)
    >>> result.unserved
    ['cut-costs']
    >>> float(result.goals.set_index("goal").at["grow-revenue", "coverage"])
    100.0
    """
    gathered = gather(source)
    return _align(gathered, tree_of(gathered, tree), score_actuals=actuals)


def _align(gathered: Cards, tree: GoalTree, *, score_actuals: bool) -> Alignment:
    import pandas as pd

    cards = gathered.cards
    index = tree.index()
    placement = place(tree, cards)
    kra_scores = _kra_scores(cards) if score_actuals else {}
    organisation = sum(1 for card in cards.values() if card.kras) or 1
    links: list[tuple[Any, ...]] = []
    kpi_rows: list[tuple[Any, ...]] = []
    orphans: list[tuple[Any, ...]] = []
    unknown: list[tuple[Any, ...]] = []
    for name, card in cards.items():
        file = gathered.files.get(name, name)
        local = {g.id for g in card.goals}
        unit = placement.unit[name]
        for kra, share in zip(card.kras, kra_shares(card), strict=True):
            served = [g for g in dict.fromkeys(kra.goals) if g in index]
            unknown += [
                (name, file, kra.id, kra.title, g)
                for g in kra.goals
                if g not in index and g not in local
            ]
            weight = 100.0 * share / organisation
            if not served:
                goals = ", ".join(kra.goals)
                orphans.append(
                    (
                        name,
                        file,
                        card.holder,
                        card.role.title,
                        unit,
                        kra.id,
                        kra.title,
                        goals,
                        weight,
                    )
                )
                continue
            part = weight / len(served)
            score = kra_scores.get((name, kra.id), math.nan)
            for goal in served:
                links.append(
                    (goal, name, file, card.holder, card.role.title, unit, kra.id, kra.title,
                     part, len(kra.kpis), score)
                )  # fmt: skip
                kpi_rows += _kpi_rows(goal, name, card.holder, kra, part)
    link_frame = pd.DataFrame(links, columns=LINK_COLUMNS)
    return Alignment(
        tree=tree,
        goals=_goal_table(tree, links),
        links=link_frame,
        kpis=pd.DataFrame(kpi_rows, columns=KPI_COLUMNS),
        orphans=pd.DataFrame(orphans, columns=ORPHAN_COLUMNS),
        unknown=pd.DataFrame(unknown, columns=UNKNOWN_COLUMNS),
        files=dict(gathered.files),
        placement=placement,
        cards=len(cards),
        scored=bool(kra_scores),
        tree_file=str(gathered.tree_path) if gathered.tree_path else None,
        scorecards=cards,
    )


def _kpi_rows(goal: str, name: str, holder: str | None, kra: KRA, part: float) -> list[tuple]:
    kpis = kra.kpis
    if not kpis:
        return []
    given = sum(k.weight for k in kpis if k.weight is not None)
    unset = sum(1 for k in kpis if k.weight is None)
    fill = max(100.0 - given, 0.0) / unset if unset else 0.0
    return [
        (goal, name, holder, kra.id, k.id, fill if k.weight is None else k.weight, part)
        for k in kpis
    ]


def _kra_scores(cards: Mapping[str, Scorecard]) -> dict[tuple[str, str], float]:
    """Each (card, KRA)'s score from the cards' own actuals, in one team scoring run."""
    import pandas as pd

    with_actuals = {name: card for name, card in cards.items() if card.actuals and card.kras}
    if not with_actuals:
        return {}
    from krakit.score import score

    frame = pd.DataFrame(
        [
            (name, a.kpi, a.period, a.value)
            for name, card in with_actuals.items()
            for a in card.actuals
        ],
        columns=["person", "kpi", "period", "value"],
    )
    result = score(with_actuals, frame)
    kras = result.kras.dropna(subset=["score"])
    return {
        (str(p), str(k)): float(s)
        for p, k, s in zip(kras["person"], kras["kra"], kras["score"], strict=True)
    }


def _goal_table(tree: GoalTree, links: Sequence[tuple[Any, ...]]) -> pd.DataFrame:
    """Per goal: direct and rolled-up coverage, counts and score (children into parents)."""
    import pandas as pd

    order = tree.goals_in_order()
    index = tree.index()
    direct = {g.id: 0.0 for g in order}
    kras: dict[str, set[tuple[str, str]]] = {g.id: set() for g in order}
    measured: dict[str, set[tuple[str, str]]] = {g.id: set() for g in order}
    kpis = {g.id: 0 for g in order}
    num = {g.id: 0.0 for g in order}
    den = {g.id: 0.0 for g in order}
    for goal, name, _f, _h, _r, _u, kra, _t, part, n_kpis, score in links:
        direct[goal] += part
        kras[goal].add((name, kra))
        kpis[goal] += n_kpis
        if n_kpis:
            measured[goal].add((name, kra))
        if not math.isnan(score):
            num[goal] += score * part
            den[goal] += part
    coverage = dict(direct)
    for goal in reversed(order):  # children come after their parents: roll them up
        parent = goal.parent
        if parent is not None:
            coverage[parent] += coverage[goal.id]
            kras[parent] |= kras[goal.id]
            measured[parent] |= measured[goal.id]
            kpis[parent] += kpis[goal.id]
            num[parent] += num[goal.id]
            den[parent] += den[goal.id]
    rows = []
    for goal in order:
        unit = index[goal.id][1]
        rows.append(
            (
                goal.id,
                goal.title,
                goal.owner,
                unit,
                tree.unit_name(unit),
                goal.parent,
                tree.depth(goal.id),
                len(kras[goal.id]),
                len({name for name, _ in kras[goal.id]}),
                kpis[goal.id],
                direct[goal.id],
                coverage[goal.id],
                bool(kras[goal.id]),
                bool(measured[goal.id]),
                num[goal.id] / den[goal.id] if den[goal.id] else math.nan,
            )
        )
    return pd.DataFrame(rows, columns=GOAL_COLUMNS)
