"""The room's goal coverage: the participants' published scorecards aligned to the room's tree.

A room may hold a goal tree (``goals.yaml`` in its folder, set by
:meth:`krakit.room.Room.set_goals` or ``krakit room goals ROOM FILE``). :func:`room_alignment`
aligns each person's latest scorecard to it with :func:`krakit.goals.alignment` (nothing is
recomputed here: coverage, gaps and the tree's order are the alignment's);
:func:`coverage_by_person` turns its links into one column per participant for the heat map.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from krakit.room.state import RoomState
from krakit.room.tally import card_of

if TYPE_CHECKING:
    import pandas as pd

    from krakit.goals import Alignment, GoalTree
    from krakit.model import Scorecard

__all__ = ["coverage_by_person", "room_alignment", "room_cards"]


def room_cards(state: RoomState, *, names: bool = True) -> dict[str, Scorecard]:
    """Each person's latest scorecard the model reads, by the name shown (or ``#1``, ``#2``…).

    Parameters
    ----------
    names
        False numbers the people as the facilitator's People table does when projecting.
    """
    cards: dict[str, Scorecard] = {}
    for number, person in enumerate(state.people(), start=1):
        card = card_of(person)
        if card is not None and card.scorecard is not None:
            cards[person.shown if names else f"#{number}"] = card.scorecard
    return cards


def room_alignment(state: RoomState, tree: GoalTree, *, names: bool = True) -> Alignment:
    """The room's scorecards aligned to ``tree`` (no scoring: a draft has no actuals).

    Examples
    --------
    >>> import tempfile
    >>> from krakit.goals import validate_tree
    >>> from krakit.room import Room
    >>> tree = validate_tree({"organisation": "Acme", "goals": [
    ...     {"title": "Grow revenue", "owner": "CEO"}, {"title": "Cut costs", "owner": "CFO"}]})
    >>> room = Room(path=tempfile.mkdtemp() + "/batch-7")
    >>> room.join("Asha").publish("scorecard", {"role": {"title": "Sales"}, "kras": [
    ...     {"title": "Sales", "goals": ["grow-revenue"]}]}).name
    'scorecard.json'
    >>> room_alignment(room.snapshot(), tree).unserved
    ['cut-costs']
    """
    from krakit.goals import alignment

    return alignment(room_cards(state, names=names), tree, actuals=False)


def coverage_by_person(result: Alignment) -> pd.DataFrame:
    """Goals × people: the share of each person's scorecard that serves each goal directly.

    Long, like :meth:`~krakit.goals.Alignment.heatmap` (goal, title, unit = the card's key,
    unit_name = the name shown, coverage in % of that person's weight, 0 when none), every
    goal × person pair listed, people in the alignment's order.
    """
    import pandas as pd

    people = [name for name, card in result.scorecards.items() if card.kras]
    # each card is 100 / len(people) % of the room's weight: scale back to % of the person's
    sums = result.links.groupby(["goal", "card"], sort=False)["weight"].sum() * len(people)
    rows = [
        (goal, title, person, person, round(float(sums.get((goal, person), 0.0)), 6))
        for goal, title in zip(result.goals["goal"], result.goals["title"], strict=True)
        for person in people
    ]
    return pd.DataFrame(rows, columns=["goal", "title", "unit", "unit_name", "coverage"])
