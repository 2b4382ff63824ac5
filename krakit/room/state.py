"""What a room holds at one moment: each tab's latest records, merged per person.

:meth:`krakit.room.Room.snapshot` builds a :class:`RoomState`; :meth:`RoomState.people`
merges the tabs of one person (the same name typed in two tabs) into one :class:`Person`
whose every kind is the latest over the tabs.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from krakit.room.format import Identity, Record, RoomInfo
from krakit.room.names import alias_for, tab_person

__all__ = ["PARTICIPANTS", "Entry", "Person", "RoomState", "TabState", "Unreadable"]

PARTICIPANTS = "participants"
"""The folder, inside a room, of the participants' folders."""


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds")


@dataclass(frozen=True, slots=True)
class Unreadable:
    """A file in the room that could not be read, and why (shown by name, never fatal)."""

    path: Path
    reason: str

    @property
    def name(self) -> str:
        """The file's path inside the room (``participants/asha-rao-a1b2c3/quiz.json``)."""
        parts = self.path.parts
        return (
            "/".join(parts[parts.index(PARTICIPANTS) :])
            if PARTICIPANTS in parts
            else str(self.path.name)
        )


@dataclass(frozen=True, slots=True)
class Entry:
    """One record as read, with the file version it was read from (for caches)."""

    record: Record
    path: Path
    version: tuple[int, int, int]
    """The file's inode, size and modification time: a new write changes it."""


@dataclass(frozen=True, slots=True)
class TabState:
    """One participant tab's latest records, by kind."""

    identity: Identity
    entries: Mapping[str, Entry]

    @property
    def last_activity(self) -> str:
        """When this tab last published anything (ISO 8601, UTC)."""
        return max(e.record.published for e in self.entries.values())

    @property
    def joined(self) -> str:
        """When this tab joined (its ``join`` record; else its first write), ISO 8601 UTC."""
        join = self.entries.get("join")
        if join is not None:
            return join.record.published
        return min(e.record.published for e in self.entries.values())


@dataclass(frozen=True, slots=True)
class Person:
    """One person in the room: their tabs merged, each kind's latest state over them."""

    key: str
    shown: str
    """The name shown: the alias in an anonymous room, else the latest tab's name."""
    tabs: tuple[TabState, ...]
    """Every tab of this person, least recently active first."""
    entries: Mapping[str, Entry]

    @property
    def last_activity(self) -> str:
        """When this person last published anything (ISO 8601, UTC)."""
        return max(t.last_activity for t in self.tabs)

    def payload(self, kind: str) -> dict[str, Any] | None:
        """The latest payload of a kind, or None if never published."""
        entry = self.entries.get(kind)
        return None if entry is None else entry.record.payload

    def numbered(self, kind: str) -> list[tuple[int, Entry]]:
        """Each tab's latest record of a kind, with the tab's number (1 = joined first).

        Where :meth:`payload` gives the latest over the tabs, this keeps every tab's: two
        people who typed the same name, or one person in two tabs, each keep their work.
        """
        order = sorted(self.tabs, key=lambda t: (t.joined, t.identity.session))
        return [(n, t.entries[kind]) for n, t in enumerate(order, start=1) if kind in t.entries]


@dataclass(frozen=True, slots=True)
class RoomState:
    """Everything in a room at one moment: its settings, each tab's state, unreadable files."""

    info: RoomInfo
    folder: Path
    tabs: tuple[TabState, ...]
    unreadable: tuple[Unreadable, ...] = ()
    taken: str = field(default_factory=_now)

    def people(self) -> list[Person]:
        """The tabs merged per person (the same name, folded), most recently active first.

        Names are folded as :func:`~krakit.room.names.person_key` does: "Priya", "priya "
        and "PRIYA" are one person, and so are "Zoë" and "zoe".

        Each kind's state is the latest over the person's tabs; ``tabs`` keeps them all.
        """
        groups: dict[str, list[TabState]] = {}
        anonymous = self.info.anonymous
        for tab in self.tabs:  # a tab written before the room turned anonymous joins its alias
            key = tab_person(tab.identity.name, tab.identity.person, anonymous=anonymous)
            groups.setdefault(key, []).append(tab)
        people = []
        for key, tabs in groups.items():
            tabs.sort(key=lambda t: t.last_activity)
            merged: dict[str, Entry] = {}
            for tab in tabs:  # oldest first: a later tab's state wins where it is later
                for kind, entry in tab.entries.items():
                    kept = merged.get(kind)
                    if kept is None or entry.record.published >= kept.record.published:
                        merged[kind] = entry
            latest = tabs[-1].identity
            if anonymous or not latest.name:  # joined before anonymity: an alias now
                shown = latest.alias or alias_for(key, self.info.name)
            else:
                shown = latest.name
            people.append(Person(key, shown, tuple(tabs), merged))
        people.sort(key=lambda p: p.last_activity, reverse=True)
        return _distinct(people)


def _distinct(people: list[Person]) -> list[Person]:
    """Two people shown alike (two aliases that happen to match, or names differing only in
    spaces the key ignores) get " (2)", " (3)"... in the order they joined the room."""
    groups: dict[str, list[Person]] = {}
    for person in people:
        groups.setdefault(person.shown, []).append(person)
    renamed: dict[str, str] = {}
    for shown, same in groups.items():
        if len(same) > 1:
            same = sorted(
                same,
                key=lambda p: min(t.joined for t in p.tabs),
            )
            for n, person in enumerate(same[1:], start=2):
                renamed[person.key] = f"{shown} ({n})"
    if not renamed:
        return people
    return [replace(p, shown=renamed[p.key]) if p.key in renamed else p for p in people]
