"""A participant's side of a workshop room: which room, joining once, what the wizard publishes.

``krakit.workshop(room="batch-7")`` and the training notebook's quiz and exercises publish to
a room (:mod:`krakit.room`) through this module, and so can any script:

* :func:`resolve_room` turns ``room=`` (a name, a folder or a :class:`~krakit.room.Room`) into
  the room, or reads ``$KRAKIT_ROOM`` when none is given (``make app ROOM=batch-7`` sets it,
  so every visitor of the app joins that room); no room and no variable means no room;
* :func:`join_once` joins with the name typed and remembers it for this Python session
  (the kernel), so the wizard and the quiz on one page ask for the name once;
* :func:`publisher_for` gives that participant's one debounced
  :class:`~krakit.room.Publisher` (at most one write every 2 s, flushed on step change and
  save), shared by every widget of the session;
* :func:`progress_payload` is what the wizard says about where the participant is.

Publishing writes only inside the room's folder; the participant's own scorecard in their
workspace is never touched by it.
"""

from __future__ import annotations

import os
import threading
from os import PathLike
from pathlib import Path
from typing import TYPE_CHECKING, Any

from krakit.errors import InputError

if TYPE_CHECKING:
    from krakit.model import Scorecard
    from krakit.room import Participant, Publisher, Room

__all__ = [
    "PUBLISH_EVERY_S",
    "ROOM_ENV",
    "forget",
    "join_once",
    "joined",
    "progress_payload",
    "publisher_for",
    "resolve_room",
]

ROOM_ENV = "KRAKIT_ROOM"
"""The environment variable naming the room every visitor joins (``make app ROOM=...``)."""

PUBLISH_EVERY_S = 2.0
"""The least time between two writes of one participant (issue 18: ~2 s)."""

_lock = threading.Lock()
_joined: dict[Path, Participant] = {}  # room folder (resolved) -> this session's participant
_publishers: dict[int, Publisher] = {}  # id(participant) -> its publisher


def resolve_room(room: Room | str | PathLike[str] | None = None) -> Room | None:
    """The room to join: ``room`` itself, or ``$KRAKIT_ROOM`` when ``room`` is None.

    A string is a room name (its folder is ``$KRAKIT_ROOMS/<name>``, else ``./rooms/<name>``);
    a path (:class:`~pathlib.Path`) is the room's folder itself, e.g. on a shared volume.

    Returns
    -------
    Room or None
        None when no room is given and ``$KRAKIT_ROOM`` is unset or blank.

    Raises
    ------
    InputError
        The name is not a plain file name (``../x``), or the room is unreadable.

    Examples
    --------
    >>> import os
    >>> os.environ.pop("KRAKIT_ROOM", None) and None
    >>> resolve_room() is None
    True
    """
    if room is None:
        name = os.environ.get(ROOM_ENV, "").strip()
        if not name:
            return None
        room = name
    from krakit.room import Room

    if isinstance(room, Room):
        return room
    if isinstance(room, str):
        if not room.strip():
            raise InputError("give the room a name, e.g. 'batch-7'", field="room", value=room)
        return Room(room.strip())
    return Room(path=room)


def _key(room: Room) -> Path:
    return Path(room.folder).resolve()


def joined(room: Room) -> Participant | None:
    """This session's participant in ``room``, if the name was already given."""
    with _lock:
        return _joined.get(_key(room))


def join_once(room: Room, name: str) -> Participant:
    """Join ``room`` as ``name``, once per session: a second call returns the same participant.

    Raises
    ------
    InputError
        The name is blank ("type your name (or a nickname) to join the room"), or the room
        is closed.

    Examples
    --------
    >>> import tempfile
    >>> from krakit.room import Room
    >>> room = Room(path=tempfile.mkdtemp() + "/batch-7")
    >>> me = join_once(room, "Asha Rao")
    >>> join_once(room, "someone else") is me
    True
    """
    with _lock:
        known = _joined.get(_key(room))
        if known is not None:
            return known
        participant = room.join(name)
        _joined[_key(room)] = participant
        return participant


def forget(room: Room | None = None) -> None:
    """Forget the names given in this session (one room, or all): the next join asks again."""
    with _lock:
        for key in [k for k in _joined if room is None or k == _key(room)]:
            participant = _joined.pop(key)
            publisher = _publishers.pop(id(participant), None)
            if publisher is not None:
                publisher.close()


def publisher_for(participant: Participant) -> Publisher:
    """The one debounced publisher of ``participant`` in this session."""
    from krakit.room import Publisher

    with _lock:
        publisher = _publishers.get(id(participant))
        if publisher is None or publisher.participant is not participant:
            publisher = Publisher(participant, every=PUBLISH_EVERY_S)
            _publishers[id(participant)] = publisher
        return publisher


def progress_payload(
    scorecard: Scorecard | None, step: int, step_name: str, *, activity: str = "wizard"
) -> dict[str, Any]:
    """Where a participant is: the step (1-based), its name, how many KRAs and KPIs so far.

    Examples
    --------
    >>> progress_payload(None, 1, "Role & KRAs")
    {'step': 1, 'step_name': 'Role & KRAs', 'activity': 'wizard', 'kras': 0, 'kpis': 0}
    """
    kras = len(scorecard.kras) if scorecard is not None else 0
    kpis = len(scorecard.all_kpis()) if scorecard is not None else 0
    return {
        "step": step,
        "step_name": step_name,
        "activity": activity,
        "kras": kras,
        "kpis": kpis,
    }


def main(argv: list[str] | None = None) -> int:
    """``python -m krakit.publishing --check NAME [--rooms DIR]``: what ``make app ROOM=`` runs.

    Checks the room's name, creates its folder if needed and says where it is; a name that is
    not a plain file name is refused in words (exit status 2).
    """
    import argparse

    from krakit.errors import KrakitError
    from krakit.room import Room
    from krakit.room.names import ROOMS_ENV, room_folder

    parser = argparse.ArgumentParser(prog="python -m krakit.publishing")
    parser.add_argument("--check", required=True, metavar="NAME", help="the room's name")
    parser.add_argument("--rooms", help=f"the folder rooms live in (default ${ROOMS_ENV})")
    args = parser.parse_args(argv)
    if not args.check.strip():
        print("Give the room a name: ROOM=batch-7 (letters, digits, '-' or '_').")
        return 2
    try:
        room = Room(path=room_folder(args.check.strip(), args.rooms or None))
    except KrakitError as exc:
        print(f"Room '{args.check}': {exc}")
        return 2
    print(f"Room '{room.name}': {Path(room.folder).resolve()} (participants join it by name)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
