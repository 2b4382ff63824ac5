"""Names in a room: the room's folder, participant ids, aliases and the key that merges tabs.

A room name is contained like a workspace name (:meth:`krakit.store.Workspace.path` decides:
no folders, no ``..``, no device names, at most 200 bytes). A participant never chooses a
path: their id is made here from their name (ASCII letters, digits and ``-`` only, at most
40 characters) plus the tab's session, so no typed name can reach outside the room.
"""

from __future__ import annotations

import hashlib
import os
import re
import secrets
import unicodedata
from os import PathLike
from pathlib import Path

from krakit.errors import InputError
from krakit.model import slugify

__all__ = [
    "ROOMS_ENV",
    "alias_for",
    "anonymous_person",
    "display_name",
    "new_session",
    "participant_id",
    "person_key",
    "room_folder",
    "rooms_root",
    "tab_person",
]

ROOMS_ENV = "KRAKIT_ROOMS"
"""The environment variable naming the folder rooms live in (default ``./rooms``)."""

NAME_MAX_CHARS = 80
"""The longest display name kept; longer ones are cut (and said so by the widget)."""

_ID = re.compile(r"[a-z0-9][a-z0-9-]{0,40}-[0-9a-f]{6}")
_COLOURS = (
    "Amber", "Blue", "Coral", "Crimson", "Gold", "Green", "Indigo", "Ivory", "Jade", "Lilac",
    "Lime", "Olive", "Orange", "Pearl", "Plum", "Red", "Ruby", "Saffron", "Silver", "Teal",
)  # fmt: skip
_ANIMALS = (
    "Bison", "Crane", "Dolphin", "Eagle", "Falcon", "Gecko", "Heron", "Ibis", "Jaguar", "Koala",
    "Lynx", "Mongoose", "Narwhal", "Otter", "Panda", "Quail", "Robin", "Swan", "Tiger", "Yak",
)  # fmt: skip


def rooms_root() -> Path:
    """The folder rooms live in: ``$KRAKIT_ROOMS``, else ``./rooms``."""
    return Path(os.environ.get(ROOMS_ENV) or "rooms")


def room_folder(name: str, root: str | PathLike[str] | None = None) -> Path:
    """The folder of the room called ``name`` under ``root``, refusing names that escape it.

    Raises
    ------
    InputError
        The name is empty, holds a folder separator, ``..``, a control character or a
        Windows device name, or is longer than 200 bytes.

    Examples
    --------
    >>> room_folder("batch-7", "/srv/rooms")
    PosixPath('/srv/rooms/batch-7')
    >>> room_folder("../x", "/srv/rooms")
    Traceback (most recent call last):
    krakit.errors.InputError: /srv/rooms, field 'name': '../x' is not a plain file name; ...
    """
    from krakit.store import Workspace

    base = Path(root) if root is not None else rooms_root()
    checked = Workspace(base).path(name if isinstance(name, str) else "")  # raises if unsafe
    folder = checked.parent / name.strip()
    if folder.resolve().parent != base.resolve():
        raise InputError(f"'{name}' would be outside the rooms folder", path=base, field="name")
    return folder


def display_name(name: object) -> str:
    """A typed name made fit to show: control characters dropped, spaces collapsed, cut to 80.

    Raises
    ------
    InputError
        Nothing printable is left.

    Examples
    --------
    >>> display_name("  Asha\\x00  Rao ")
    'Asha Rao'
    """
    text = "" if name is None else str(name)
    text = "".join(
        " " if c.isspace() else c for c in text if unicodedata.category(c)[0] != "C" or c == " "
    )
    text = " ".join(text.split())[:NAME_MAX_CHARS].strip()
    if not text:
        raise InputError(
            "type your name (or a nickname) to join the room", field="name", value=name
        )
    return text


def person_key(name: str, *, anonymous: bool = False) -> str:
    """The key two tabs of one person share: the name folded (hashed when anonymous).

    Folding is the one the participant's id uses (:func:`participant_id`): case, spacing
    and the accents of Latin letters are ignored, so "Zoë" and "zoe" are one person as
    "Priya" and "priya " are. Marks of other scripts (a Devanagari vowel sign, a Cyrillic
    breve) are letters there and are kept.

    Examples
    --------
    >>> person_key("Asha  RAO") == person_key("asha rao")
    True
    >>> person_key("Zoë") == person_key("zoe") == person_key("ZOE ")
    True
    >>> person_key("प्रिया") == person_key("प्रया")
    False
    """
    kept: list[str] = []
    latin = False
    for ch in unicodedata.normalize("NFKD", name):
        if unicodedata.category(ch).startswith("M"):
            if not latin:
                kept.append(ch)
            continue
        latin = "LATIN" in unicodedata.name(ch, "")
        kept.append(ch)
    key = unicodedata.normalize("NFC", " ".join("".join(kept).casefold().split()))
    if anonymous:
        return "h-" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]
    return key


def tab_person(name: str, key: str, *, anonymous: bool) -> str:
    """The person a tab belongs to, from the name and key its files carry.

    A named tab is keyed from its name again, so files written by an older krakit (which
    folded names differently) join the same person as new ones; a tab with no name keeps
    its key (hashed when the room is anonymous).

    Examples
    --------
    >>> tab_person("Zoë", "zoë", anonymous=False) == person_key("zoe")
    True
    >>> tab_person("", "h-0123", anonymous=True)
    'h-0123'
    """
    if name:
        return person_key(name, anonymous=anonymous)
    return anonymous_person(key) if anonymous else key


def anonymous_person(key: str) -> str:
    """The person key of an anonymous room for a key written before or after the switch.

    Examples
    --------
    >>> anonymous_person("asha rao") == person_key("Asha  Rao", anonymous=True)
    True
    >>> anonymous_person(anonymous_person("asha rao")) == anonymous_person("asha rao")
    True
    """
    return key if key.startswith("h-") else person_key(key, anonymous=True)


def new_session() -> str:
    """A fresh tab session: 6 hex digits."""
    return secrets.token_hex(3)


def participant_id(name: str, session: str, *, anonymous: bool = False) -> str:
    """The id (and folder name) of one participant's tab: a slug of the name plus the session.

    In an anonymous room the name is left out of the id (it would show it on disk).

    Examples
    --------
    >>> participant_id("Asha Rao", "a1b2c3")
    'asha-rao-a1b2c3'
    >>> participant_id("../../etc", "a1b2c3")
    'etc-a1b2c3'
    >>> participant_id("😀", "a1b2c3")
    'p-a1b2c3'
    """
    if not re.fullmatch(r"[0-9a-f]{6}", session or ""):
        raise InputError(
            "a session is 6 hex digits (krakit.room.names.new_session)",
            field="session",
            value=session,
        )
    stem = "p" if anonymous else slugify(name, fallback="p", max_length=40)
    return f"{stem}-{session}"


def is_participant_id(text: str) -> bool:
    """Whether a folder name is one :func:`participant_id` can make."""
    return bool(_ID.fullmatch(text))


def alias_for(person: str, room: str) -> str:
    """The alias a person gets in an anonymous room: the same in every tab, e.g. 'Teal Otter 42'.

    Examples
    --------
    >>> alias_for("h-0123", "batch-7") == alias_for("h-0123", "batch-7")
    True
    """
    digest = hashlib.sha256(f"{room}\0{person}".encode()).digest()
    colour, animal = _COLOURS[digest[0] % len(_COLOURS)], _ANIMALS[digest[1] % len(_ANIMALS)]
    return f"{colour} {animal} {digest[2] % 90 + 10}"
