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
import os
import shutil
from collections.abc import Callable
from os import PathLike
from pathlib import Path
from typing import TYPE_CHECKING

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
from krakit.room.participant import Participant, dumps
from krakit.room.state import (
    PARTICIPANTS,
    Entry,
    RoomState,
    TabState,
    Unreadable,
    _now,
)
from krakit.store.atomic import atomic_write, locked

if TYPE_CHECKING:
    from krakit.goals import GoalTree

__all__ = ["Participant", "Room"]

ARCHIVE = "archive"
ROOM_FILE = "room.json"


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
        name: str | PathLike[str] | None = None,
        *,
        path: str | PathLike[str] | None = None,
        anonymous: bool | None = None,
        create: bool = True,
        clock: Callable[[], str] = _now,
    ) -> None:
        if isinstance(name, PathLike) and path is None:  # Room(Path(...)): a folder
            name, path = None, name
        if (name is None) == (path is None):
            raise InputError(
                "give a room name (Room('batch-7')) or a folder (Room(path=...)), not both",
                field="name",
                value=name,
            )
        self.folder = room_folder(str(name)) if name is not None else Path(path)  # type: ignore[arg-type]
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
            self.set_anonymous(anonymous)

    def __repr__(self) -> str:
        return f"Room({self.name!r}, path={str(self.folder)!r})"

    # ------------------------------------------------------------------ settings

    def _info_or_none(self) -> RoomInfo | None:
        path = self.folder / ROOM_FILE
        return read_room_info(path) if path.exists() else None

    def _write_info(self, info: RoomInfo) -> None:
        target = self.folder / ROOM_FILE
        with locked(target):
            atomic_write(target, dumps(info))

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

    def set_anonymous(self, anonymous: bool = True) -> int:
        """Show participants by alias only (or by name again); returns how many tabs moved.

        Turned on after people joined, the names already written leave the room's files:
        each tab is rewritten as its alias (:func:`krakit.room.anonymity.anonymise`), and a
        tab still open writes as its alias from its next publish. Turned off, people who
        join from then on are shown by name; those already anonymous keep their alias.

        Raises
        ------
        InputError
            A file cannot be written (naming it).
        """
        info = self.info
        if info.anonymous != anonymous:
            self._write_info(info.model_copy(update={"anonymous": anonymous}))
        if not anonymous:
            return 0
        from krakit.room.anonymity import anonymise

        moved = anonymise(self)
        if moved:
            self._cache.clear()
        return moved

    @property
    def goals_file(self) -> Path | None:
        """The room's goal tree file (``goals.yaml`` in its folder), or None."""
        from krakit.goals import find_tree

        return find_tree(self.folder)

    def goals(self) -> GoalTree | None:
        """The room's goal tree (set by :meth:`set_goals`), or None when it has none.

        Raises
        ------
        InputError
            The room's ``goals.yaml`` cannot be read (naming the file and the goal id).
        """
        from krakit.goals import load_tree

        path = self.goals_file
        return None if path is None else load_tree(path)

    def set_goals(self, tree: GoalTree | str | PathLike[str] | None) -> Path | None:
        """Give the room a goal tree (a :class:`~krakit.goals.GoalTree` or its file).

        It is checked, then written atomically as ``goals.yaml`` in the room's folder:
        participants' step 1 offers its goals and the facilitator's view shows the room's
        coverage of them. None removes it. Returns the file written.

        Raises
        ------
        InputError
            The file is missing or not a valid goal tree (naming it and the goal id).
        """
        from krakit.goals import GoalTree, load_tree, save_tree
        from krakit.goals.store import TREE_NAMES

        loaded = tree if isinstance(tree, GoalTree) or tree is None else load_tree(tree)
        for name in TREE_NAMES:  # one tree per room: an older goals.json would shadow it
            old = self.folder / name
            if old.is_file() and (loaded is None or name != TREE_NAMES[0]):
                old.unlink()
        return None if loaded is None else save_tree(loaded, self.folder / TREE_NAMES[0])

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
