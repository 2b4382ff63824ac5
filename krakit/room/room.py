"""A workshop room: a folder participants publish their state into and a facilitator reads.

:class:`Room` opens (or creates) the folder; :meth:`Room.join` gives a :class:`Participant`,
whose :meth:`~Participant.publish` replaces one file atomically (latest wins);
:meth:`Room.snapshot` reads every file into a :class:`RoomState`, listing by name the files it
could not read instead of failing on them.

Joining twice with one name (two tabs, or a kernel restarted) makes two participants with
separate files: one per (name, tab session), so neither tab's work is lost. The facilitator's
view merges them per person (:meth:`RoomState.people`): each kind's latest state over the
person's tabs, with the number of tabs shown.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
from collections.abc import Callable, Mapping
from os import PathLike
from pathlib import Path
from typing import Any

from krakit.errors import InputError, KrakitError
from krakit.room.format import (
    KINDS,
    Identity,
    Record,
    RoomInfo,
    read_record,
    read_room_info,
)
from krakit.room.names import (
    alias_for,
    display_name,
    is_participant_id,
    new_session,
    participant_id,
    person_key,
    room_folder,
)
from krakit.room.state import (
    PARTICIPANTS,
    Entry,
    RoomState,
    TabState,
    Unreadable,
    _now,
)
from krakit.store.atomic import atomic_write, locked

__all__ = ["Participant", "Room"]

ARCHIVE = "archive"
ROOM_FILE = "room.json"


def _dumps(model: Any) -> bytes:
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
        """The name as typed (kept in memory; not written in an anonymous room)."""
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
            raw = _dumps(record)
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


class Room:
    """A workshop room: a folder participants publish into and the facilitator reads.

    Parameters
    ----------
    name
        The room's name, a plain file name (``"batch-7"``); its folder is
        ``$KRAKIT_ROOMS/<name>``, else ``./rooms/<name>``.
    path
        Instead of a name: the room's folder itself (a shared volume on JupyterHub).
    anonymous
        Facilitator's choice: show participants by alias only. None keeps the room's setting
        (False for a new room).
    create
        Create the room if it does not exist (the facilitator). A participant's side passes
        False, so a mistyped name is an error rather than a new, empty room.
    clock
        Returns the ISO time written into records (tests inject one).

    Examples
    --------
    >>> import tempfile
    >>> room = Room(path=tempfile.mkdtemp() + "/batch-7")
    >>> me = room.join("Asha Rao")
    >>> _ = me.publish("progress", {"step": 2, "step_name": "KPIs"})
    >>> [(p.shown, p.payload("progress")["step"]) for p in room.snapshot().people()]
    [('Asha Rao', 2)]
    """

    def __init__(
        self,
        name: str | None = None,
        *,
        path: str | PathLike[str] | None = None,
        anonymous: bool | None = None,
        create: bool = True,
        clock: Callable[[], str] = _now,
    ) -> None:
        if (name is None) == (path is None):
            raise InputError(
                "give a room name (Room('batch-7')) or a folder (Room(path=...)), not both",
                field="name",
                value=name,
            )
        self.folder = room_folder(name) if name is not None else Path(path)  # type: ignore[arg-type]
        if path is not None and not self.folder.name.strip():
            raise InputError("a room folder needs a name", path=self.folder)
        self.name = self.folder.name
        self.now = clock
        self._cache: dict[Path, tuple[tuple[int, int, int], Record | InputError]] = {}
        info = self._info_or_none()
        if info is None and not create:
            raise InputError(
                f"there is no room '{self.name}' in {self.folder.parent}; check the room's "
                "name with the facilitator (they open it first)",
                path=self.folder,
                field="name",
                value=self.name,
            )
        if info is None:
            self._write_info(
                RoomInfo(name=self.name, anonymous=bool(anonymous), created=self.now())
            )
        elif anonymous is not None and info.anonymous != anonymous:
            self._write_info(info.model_copy(update={"anonymous": anonymous}))

    def __repr__(self) -> str:
        return f"Room({self.name!r}, path={str(self.folder)!r})"

    # ------------------------------------------------------------------ settings

    def _info_or_none(self) -> RoomInfo | None:
        path = self.folder / ROOM_FILE
        return read_room_info(path) if path.exists() else None

    def _write_info(self, info: RoomInfo) -> None:
        target = self.folder / ROOM_FILE
        with locked(target):
            atomic_write(target, _dumps(info))

    @property
    def info(self) -> RoomInfo:
        """The room's settings as on disk now."""
        info = self._info_or_none()
        if info is None:
            raise InputError(
                "the room's room.json is gone (deleted?); open the room again to recreate it",
                path=self.folder / ROOM_FILE,
            )
        return info

    @property
    def anonymous(self) -> bool:
        """Whether participants are shown by alias only."""
        return self.info.anonymous

    @property
    def closed(self) -> bool:
        """Whether the facilitator closed the room."""
        return self.info.closed

    def refuse_if_closed(self, action: str) -> None:
        """Raise the plain message a closed room gives to ``action`` ("join", "publish")."""
        if self.closed:
            raise InputError(
                f"the room '{self.name}' is closed, so you cannot {action} any more; your own "
                "work is still in your workspace",
                path=self.folder,
            )

    # ------------------------------------------------------------------ participants

    def join(self, name: str, *, session: str | None = None) -> Participant:
        """Join the room as ``name``; returns this tab's :class:`Participant`.

        Each call is a new tab (a new session) unless ``session`` names an earlier one (the
        same tab after a kernel restart): two tabs with one name each keep their own files,
        and the facilitator sees one person with two tabs.

        Raises
        ------
        InputError
            The room is closed, or the name is empty once control characters are dropped.
        """
        self.refuse_if_closed("join")
        shown = display_name(name)
        info = self.info
        key = person_key(shown, anonymous=info.anonymous)
        session = session or new_session()
        identity = Identity(
            id=participant_id(shown, session, anonymous=info.anonymous),
            name="" if info.anonymous else shown,
            alias=alias_for(key, self.name) if info.anonymous else None,
            person=key,
            session=session,
        )
        participant = Participant(self, identity, shown)
        participant.publish("join", {})
        return participant

    def snapshot(self) -> RoomState:
        """Read every participant file now; unreadable ones are listed, never fatal.

        A file unchanged since the last snapshot (same inode, size and time) is not read
        again. Hidden files (locks, temporary files of writes in progress) are skipped, so a
        write half done is never seen: the previous whole file is.
        """
        info = self.info
        root = self.folder / PARTICIPANTS
        tabs: list[TabState] = []
        bad: list[Unreadable] = []
        seen: set[Path] = set()
        try:
            folders = sorted(os.scandir(root), key=lambda e: e.name) if root.is_dir() else []
        except OSError as exc:
            return RoomState(info, self.folder, (), (Unreadable(root, str(exc)),))
        for folder in folders:
            if folder.name.startswith("."):
                continue
            if not folder.is_dir(follow_symlinks=False) or not is_participant_id(folder.name):
                bad.append(Unreadable(Path(folder.path), "not a participant folder krakit made"))
                continue
            entries: dict[str, Entry] = {}
            identity: Identity | None = None
            try:
                files = sorted(os.scandir(folder.path), key=lambda e: e.name)
            except OSError as exc:  # removed while reading (a reset), or not readable
                if Path(folder.path).exists():
                    bad.append(Unreadable(Path(folder.path), f"cannot list it: {exc.strerror}"))
                continue
            for file in files:
                if file.name.startswith("."):
                    continue
                path = Path(file.path)
                kind = file.name.removesuffix(".json")
                if not file.name.endswith(".json") or kind not in KINDS:
                    bad.append(Unreadable(path, "not a file krakit writes in a room"))
                    continue
                if not file.is_file(follow_symlinks=False):
                    bad.append(Unreadable(path, "not a plain file"))
                    continue
                seen.add(path)
                record = self._read(path, file)
                if isinstance(record, KrakitError):
                    bad.append(Unreadable(path, record.reason))
                    continue
                if record.participant.id != folder.name or record.kind != kind:
                    bad.append(
                        Unreadable(path, "its content belongs to another participant or kind")
                    )
                    continue
                stat = file.stat(follow_symlinks=False)
                entries[kind] = Entry(record, path, (stat.st_ino, stat.st_size, stat.st_mtime_ns))
                identity = identity or record.participant
            if identity is not None:
                tabs.append(TabState(identity, entries))
        for gone in set(self._cache) - seen:
            del self._cache[gone]
        return RoomState(info, self.folder, tuple(tabs), tuple(bad))

    def _read(self, path: Path, file: os.DirEntry[str]) -> Record | InputError:
        try:
            stat = file.stat(follow_symlinks=False)
        except OSError as exc:
            return InputError(f"cannot read the file: {exc.strerror or exc}", path=path)
        version = (stat.st_ino, stat.st_size, stat.st_mtime_ns)
        cached = self._cache.get(path)
        if cached is not None and cached[0] == version:
            return cached[1]
        try:
            result: Record | InputError = read_record(path)
        except InputError as exc:
            result = exc
        self._cache[path] = (version, result)
        return result

    def signature(self) -> int:
        """A number that changes when any file of the room changes (cheap: stats only).

        The facilitator's view polls it and takes a :meth:`snapshot` only when it changed.
        """
        parts: list[tuple[str, int, int]] = []
        for folder in (self.folder, self.folder / PARTICIPANTS):
            try:
                entries = list(os.scandir(folder))
            except OSError:
                continue
            for entry in entries:
                try:
                    stat = entry.stat(follow_symlinks=False)
                except OSError:
                    continue
                parts.append((entry.path, stat.st_mtime_ns, stat.st_ino))
                if folder != self.folder and entry.is_dir(follow_symlinks=False):
                    with contextlib.suppress(OSError):  # removed while reading (a reset)
                        for file in os.scandir(entry.path):
                            with contextlib.suppress(OSError):
                                st = file.stat(follow_symlinks=False)
                                parts.append((file.path, st.st_mtime_ns, st.st_ino))
        return hash(tuple(sorted(parts)))

    # ------------------------------------------------------------------ facilitator

    def reset(self) -> Path | None:
        """Empty the room for a new session; the old files move to ``archive/`` (returned).

        Participants still connected reappear when they next publish.
        """
        info = self.info
        source = self.folder / PARTICIPANTS
        moved = None
        if source.is_dir():
            stamp = self.now().replace(":", "").replace("-", "").replace(".", "")[:15]
            moved = self.folder / ARCHIVE / f"{info.resets + 1:03d}-{stamp}"
            moved.parent.mkdir(parents=True, exist_ok=True)
            try:
                shutil.move(str(source), str(moved))
            except OSError as exc:
                raise InputError(
                    f"cannot move the room's files to the archive: {exc.strerror or exc}",
                    path=source,
                ) from exc
        self._cache.clear()
        self._write_info(info.model_copy(update={"resets": info.resets + 1}))
        return moved

    def close(self) -> None:
        """Close the room: joins and publishes are refused with a plain message."""
        self._write_info(self.info.model_copy(update={"closed": True}))

    def reopen(self) -> None:
        """Open a closed room again."""
        self._write_info(self.info.model_copy(update={"closed": False}))
