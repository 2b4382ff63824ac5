"""The sample team (:mod:`krakit.sample`) as a workspace aligned to its goal tree.

``templates/sample/goals.yaml`` is the organisation's tree. The sample people's cards are
their role templates, whose KRAs already name goal ids (``grow-revenue``...); the tree uses
the same ids, so a card's own goal of that id is the tree's goal and the KRAs serve the tree
unchanged. The tree leaves out ``employer-brand`` and adds ``build-leadership-bench``, so
the sample has exactly one goal served by nobody and one KRA serving no goal of the tree.
"""

from __future__ import annotations

from pathlib import Path

from krakit.goals.store import load_tree
from krakit.goals.tree import GoalTree
from krakit.library import templates_dir
from krakit.model import Scorecard, slugify

__all__ = ["SAMPLE_TREE", "sample_cards", "sample_tree", "write_sample_workspace"]

SAMPLE_TREE = "goals.yaml"
"""The tree's file name in ``templates/sample/``."""


def sample_tree() -> GoalTree:
    """The sample organisation's goal tree (``templates/sample/goals.yaml``)."""
    return load_tree(templates_dir() / "sample" / SAMPLE_TREE)


def sample_cards(*, actuals: bool = True) -> dict[str, Scorecard]:
    """The sample team's 12 scorecards by file name (``aarav-mehta``...), with their actuals.

    Examples
    --------
    >>> cards = sample_cards(actuals=False)
    >>> len(cards), cards["ishaan-rao"].role.title
    (12, 'Recruiter')
    """
    from krakit.sample import sample_scorecard, sample_team

    team = sample_team()
    cards: dict[str, Scorecard] = {}
    for person, name in zip(team.people["person"], team.people["name"], strict=True):
        card = sample_scorecard(person, team)
        if not actuals:
            card.actuals = []
        cards[slugify(name)] = card
    return cards


def write_sample_workspace(folder: str | Path, *, actuals: bool = True) -> Path:
    """Write the sample team's cards and its ``goals.yaml`` into ``folder``; return it."""
    from krakit.goals.store import save_tree
    from krakit.store import Workspace

    ws = Workspace(folder)
    for name, card in sample_cards(actuals=actuals).items():
        ws.save(card, name, force=True)
    save_tree(sample_tree(), ws.folder / SAMPLE_TREE)
    return ws.folder
