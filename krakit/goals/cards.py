"""Gather the scorecards to align, and place each one in the goal tree (its unit, its manager).

A card belongs to the deepest unit whose ``members`` name it: its file name (without
``.yaml``), its holder or its role title, compared as ids (``Sales executive`` is
``sales-executive``). A card no unit names belongs to the organisation. A card whose holder
is a unit's ``owner`` is that unit's manager's card.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from os import PathLike
from pathlib import Path

from krakit.errors import InputError
from krakit.goals.store import find_tree, load_tree
from krakit.goals.tree import ORGANISATION, GoalTree
from krakit.model import Scorecard, slugify
from krakit.store import Workspace, origin

__all__ = ["Cards", "Placement", "gather", "place"]

_SUFFIXES = (".yaml", ".yml", ".json")

Source = Workspace | str | PathLike[str] | Mapping[str, Scorecard] | Sequence[Scorecard]


@dataclass(frozen=True)
class Cards:
    """Scorecards by name, the file each came from (when one did), and the folder's tree."""

    cards: dict[str, Scorecard]
    files: dict[str, str]
    tree_path: Path | None


def gather(source: Source) -> Cards:
    """The scorecards of a workspace, a room, a folder, a mapping name → card or a list of cards.

    A room folder (one holding ``room.json``, :mod:`krakit.room`) gives the latest scorecard
    each participant published, named after the name the room shows.

    Raises
    ------
    InputError
        The folder does not exist, or a file in it is not a scorecard (naming the file).
    """
    if isinstance(source, Workspace | str | PathLike):
        ws = source if isinstance(source, Workspace) else Workspace(source)
        if (ws.folder / "room.json").is_file():
            return _room_cards(ws.folder)
        if not ws.folder.is_dir():
            raise InputError(
                "no such folder; give the workspace folder that holds the scorecards",
                path=ws.folder,
            )
        cards: dict[str, Scorecard] = {}
        files: dict[str, str] = {}
        for name in ws.list():
            path = ws.path(name)
            cards[name] = ws.open(name)
            files[name] = path.name
        return Cards(cards, files, find_tree(ws.folder))
    if isinstance(source, Mapping):
        cards = {str(k): _card(v, str(k)) for k, v in source.items()}
        files = {k: _file_of(v) or k for k, v in cards.items()}
        return Cards(cards, files, None)
    if isinstance(source, Scorecard):
        source = [source]
    cards, files = {}, {}
    for i, card in enumerate(source):
        card = _card(card, f"item {i + 1}")
        file = _file_of(card)
        base = Path(file).stem if file else slugify(card.holder or card.role.title, fallback="card")
        name, n = base, 2
        while name in cards:
            name, n = f"{base}-{n}", n + 1
        cards[name], files[name] = card, file or name
    return Cards(cards, files, None)


def _room_cards(folder: Path) -> Cards:
    """The latest scorecard each person of a workshop room published (krakit.room)."""
    from krakit.model import validate_scorecard
    from krakit.room import Room

    cards: dict[str, Scorecard] = {}
    files: dict[str, str] = {}
    for person in Room(path=folder).snapshot().people():
        entry = person.entries.get("scorecard")
        if entry is None:
            continue
        name = slugify(person.shown, fallback="participant")
        base, n = name, 2
        while name in cards:
            name, n = f"{base}-{n}", n + 1
        cards[name] = validate_scorecard(entry.record.payload, path=entry.path)
        files[name] = str(entry.path.relative_to(folder))
    return Cards(cards, files, find_tree(folder))


def _card(value: object, name: str) -> Scorecard:
    if not isinstance(value, Scorecard):
        raise InputError(
            f"{name} is a {type(value).__name__}, not a Scorecard; give krakit.load(...) results",
            field=name,
        )
    return value


def _file_of(card: Scorecard) -> str | None:
    path = origin(card)
    return path.name if path else None


def tree_of(gathered: Cards, tree: GoalTree | str | PathLike[str] | None) -> GoalTree:
    """The tree given, or the one beside the cards (``goals.yaml``), loaded."""
    if isinstance(tree, GoalTree):
        return tree
    if tree is not None:
        return load_tree(tree)
    if gathered.tree_path is None:
        raise InputError(
            "there is no goal tree: put a goals.yaml beside the scorecards "
            "(templates/sample/goals.yaml shows one) or pass tree=",
            field="tree",
        )
    return load_tree(gathered.tree_path)


@dataclass(frozen=True)
class Placement:
    """Where each card sits: its unit, and the unit it manages (if its holder owns one)."""

    unit: dict[str, str]
    manages: dict[str, str]


def place(tree: GoalTree, cards: Mapping[str, Scorecard]) -> Placement:
    """Place every card in the tree (one pass over the cards)."""
    members: dict[str, str] = {}
    owners: dict[str, str] = {}
    for unit, _ in tree.walk():  # parents first: a deeper unit's claim wins
        for member in unit.members:
            members[slugify(member)] = unit.id
        if unit.owner:
            owners[slugify(unit.owner)] = unit.id
    units: dict[str, str] = {}
    manages: dict[str, str] = {}
    for name, card in cards.items():
        stem = name.rsplit(".", 1)[0] if name.lower().endswith(_SUFFIXES) else name
        keys = [slugify(stem), slugify(card.holder or ""), slugify(card.role.title)]
        units[name] = next((members[k] for k in keys if k in members), ORGANISATION)
        owner = next((owners[k] for k in keys[:2] if k in owners), None)
        if owner is not None:
            manages[name] = owner
            units[name] = owner if units[name] == ORGANISATION else units[name]
    return Placement(units, manages)
