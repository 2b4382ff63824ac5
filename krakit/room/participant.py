"""One participant's tab in a room: publishes its state, one file per kind, atomically.

Made by :meth:`krakit.room.Room.join`. When the facilitator makes the room anonymous after
this tab joined, its next publish (and every one after) is written as its alias, in
``participants/p-<session>/`` (:mod:`krakit.room.anonymity`).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from krakit.errors import InputError
from krakit.room.anonymity import anonymous_identity
from krakit.room.format import KINDS, Identity, Record
from krakit.room.state import PARTICIPANTS
from krakit.store.atomic import atomic_write, locked

if TYPE_CHECKING:
    from krakit.room.room import Room

__all__ = ["Participant", "dumps"]


def dumps(model: Any) -> bytes:
    """A room file's bytes: the model as indented UTF-8 JSON."""
    return json.dumps(model.model_dump(mode="json"), ensure_ascii=False, indent=1).encode()


class Participant:
    """One tab in a room: publishes its state, one file per kind, atomically, latest wins.

    Made by :meth:`Room.join`, not directly.
    """

    def __init__(self, room: Room, identity: Identity, name: str) -> None:
        self.room = room
        self.identity = identity
        self._name = name
        self._seq: dict[str, int] = {}

    def __repr__(self) -> str:
        return f"Participant({self.shown!r}, room={self.room.name!r})"

    @property
    def id(self) -> str:
        """The id: the folder this tab's files live in."""
        return self.identity.id

    @property
    def name(self) -> str:
        """The name as typed (kept in memory; not written in an anonymous room, nor after
        the room is made anonymous)."""
        return self._name

    @property
    def alias(self) -> str | None:
        """The alias the room gave (anonymous rooms), else None."""
        return self.identity.alias

    @property
    def shown(self) -> str:
        """What the facilitator sees: the alias in an anonymous room, else the name."""
        return self.identity.alias or self.identity.name

    @property
    def folder(self) -> Path:
        """This tab's folder in the room."""
        return self.room.folder / PARTICIPANTS / self.id

    def publish(self, kind: str, payload: Mapping[str, Any] | Any) -> Path:
        """Replace this tab's file of ``kind`` with ``payload``, atomically.

        Parameters
        ----------
        kind
            ``"progress"``, ``"scorecard"``, ``"quiz"`` or ``"fix"``.
        payload
            A dict (see the room schema), or a :class:`~krakit.model.Scorecard` for
            ``"scorecard"``.

        Returns
        -------
        Path
            The file written.

        Raises
        ------
        InputError
            The room is closed, the kind is unknown, the payload does not fit the kind, or
            the file cannot be written (the message says why).
        """
        if kind not in KINDS:
            raise InputError(
                f"'{kind}' is not something a participant publishes; use one of "
                + ", ".join(k for k in KINDS if k != "join"),
                field="kind",
                value=kind,
            )
        self.room.refuse_if_closed("publish")
        if self.identity.name and self.room.anonymous:  # made anonymous since this tab joined
            self.identity = anonymous_identity(self.identity, self.room.name)
        if kind == "scorecard" and not isinstance(payload, Mapping):
            from krakit.store import to_data

            payload = to_data(payload)
        if not isinstance(payload, Mapping):
            raise InputError(
                f"a {kind} payload is a dict, not {type(payload).__name__}", field="payload"
            )
        self._seq[kind] = self._seq.get(kind, -1) + 1
        try:
            record = Record(
                room=self.room.name,
                participant=self.identity,
                kind=kind,  # type: ignore[arg-type]
                seq=self._seq[kind],
                published=self.room.now(),
                payload=dict(payload),
            )
            record.parsed()
            raw = dumps(record)
        except (ValueError, TypeError) as exc:  # pydantic's ValidationError is a ValueError
            raise InputError(
                f"the {kind} payload does not fit the room format: {exc}".splitlines()[0],
                field="payload",
            ) from exc
        target = self.folder / f"{kind}.json"
        if target.resolve().parent != (self.room.folder / PARTICIPANTS).resolve() / self.id:
            raise InputError("would write outside the room", path=target)  # pragma: no cover
        with locked(target):
            atomic_write(target, raw)
        return target
