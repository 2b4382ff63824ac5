"""Anonymity turned on after people joined: their names leave the room's files.

A room made anonymous from the start never stores a name (:meth:`krakit.room.Room.join`).
When the facilitator switches an open room to anonymous, the people already in it have
files that carry their typed name (in each record's ``participant``) and a folder named
after it (``asha-rao-a1b2c3``). :func:`anonymise` rewrites them: each tab's records move,
atomically one file at a time, to ``participants/p-<session>/`` with the name emptied, the
person key hashed and the alias set, then the named folder is removed. The alias is the one
the same name gets on joining an anonymous room (:func:`~krakit.room.names.tab_person`), so
someone who joins again after the switch is the same person, under the same alias.

A participant's tab that joined before the switch notices it on its next publish
(:meth:`krakit.room.Participant.publish`) and from then on writes as its alias. A write
already under way when the files are rewritten may land in the old folder; the facilitator's
view rewrites such a straggler on its next refresh. Archives of earlier resets
(``archive/``) are left as they were, and so are folders this process may not rewrite (a
participant's own folder on a JupyterHub shared volume): there the names stay in those files,
but the view and the exports show only aliases, and each tab writes as its alias from then on.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import stat
from pathlib import Path
from typing import TYPE_CHECKING

from krakit.errors import InputError
from krakit.room.format import KINDS, Identity, Record, read_record
from krakit.room.names import alias_for, is_participant_id, tab_person
from krakit.room.state import PARTICIPANTS
from krakit.store.atomic import atomic_write, locked

if TYPE_CHECKING:
    from krakit.room.room import Room

__all__ = ["anonymise", "anonymous_identity", "may_rewrite", "named_folders"]


def anonymous_identity(identity: Identity, room: str) -> Identity:
    """The identity a tab has in an anonymous room: no name, an alias, id ``p-<session>``.

    Examples
    --------
    >>> who = Identity(id="asha-a1b2c3", name="Asha", person="asha", session="a1b2c3")
    >>> new = anonymous_identity(who, "batch-7")
    >>> new.id, new.name, new.alias == alias_for(new.person, "batch-7")
    ('p-a1b2c3', '', True)
    """
    person = tab_person(identity.name, identity.person, anonymous=True)
    return Identity(
        id=f"p-{identity.session}",
        name="",
        alias=alias_for(person, room),
        person=person,
        session=identity.session,
    )


def named_folders(room: Room) -> list[Path]:
    """The participant folders that still carry a typed name.

    A folder named after its participant (``asha-rao-a1b2c3``), and any folder whose records
    carry a name: a name that makes no slug (``:``) joins as ``p-<session>`` too.
    """
    root = room.folder / PARTICIPANTS
    try:
        entries = list(os.scandir(root))
    except OSError:
        return []
    named = {
        Path(e.path)
        for e in entries
        if is_participant_id(e.name)
        and not e.name.startswith("p-")
        and e.is_dir(follow_symlinks=False)
    }
    for tab in room.snapshot().tabs:  # read through the room's cache: stats only when unchanged
        if tab.identity.name:
            named |= {entry.path.parent for entry in tab.entries.values()}
    return sorted(named)


def may_rewrite(folder: Path) -> bool:
    """Whether this process may rewrite and remove a participant's folder.

    On a shared volume set up as ``docs/workshop-hosting.md`` says (JupyterHub), each
    participant's folder belongs to them and the facilitator may only read it: it is left as
    it is (the view and the exports still show the alias; the tab writes as its alias next).
    """
    parent = folder.parent
    try:
        if (parent.stat().st_mode & stat.S_ISVTX) and folder.stat().st_uid != os.getuid():
            return False  # sticky: only its owner may remove it
    except OSError:
        return False
    both = os.W_OK | os.X_OK
    return os.access(folder, both | os.R_OK) and os.access(parent, both)


def anonymise(room: Room) -> int:
    """Rewrite every tab written with a name as its alias; returns how many tabs moved.

    Each record goes to ``participants/p-<session>/<kind>.json`` (atomic write, under the
    file's lock) unless a later record of that kind is already there; a file that cannot be
    read moves as it is (the room lists it, now without the name in its path). The named
    folder is removed last. A folder this process may not rewrite (:func:`may_rewrite`) is
    skipped: :func:`named_folders` still lists it.

    Raises
    ------
    InputError
        A file cannot be written (the disk is full, the folder read-only), naming it.
    """
    moved = 0
    for folder in named_folders(room):
        if not may_rewrite(folder):  # another user's folder on a shared volume: left as it is
            continue
        session = folder.name.rsplit("-", 1)[1]
        target = room.folder / PARTICIPANTS / f"p-{session}"
        for kind in KINDS:
            _move(room, folder / f"{kind}.json", target / f"{kind}.json")
        if folder != target:  # else rewritten in place: a name that made no slug
            for leftover in sorted(folder.iterdir()) if folder.is_dir() else []:
                if not leftover.name.startswith(".") and leftover.is_file():
                    _move_raw(leftover, target / leftover.name)
            shutil.rmtree(folder, ignore_errors=True)
        moved += 1
    return moved


def _move(room: Room, source: Path, target: Path) -> None:
    if not source.is_file():
        return
    with locked(source):
        try:
            record = read_record(source)
        except InputError:
            if source != target:
                _move_raw(source, target)
            return
        identity = anonymous_identity(record.participant, room.name)
        new = record.model_copy(update={"participant": identity})
        if source == target:
            if record.participant.name:
                atomic_write(target, _dumps(new))
            return
        with locked(target):
            kept = _record_or_none(target)
            if kept is None or kept.published < new.published:
                atomic_write(target, _dumps(new))
        with contextlib.suppress(OSError):
            source.unlink()


def _move_raw(source: Path, target: Path) -> None:
    with locked(target):
        if not target.exists():
            atomic_write(target, source.read_bytes())
    with contextlib.suppress(OSError):
        source.unlink()


def _record_or_none(path: Path) -> Record | None:
    if not path.is_file():
        return None
    try:
        return read_record(path)
    except InputError:
        return None


def _dumps(record: Record) -> bytes:
    from krakit.room.participant import dumps

    return dumps(record)
