"""A workspace: a folder of scorecard files, opened and saved by name.

Names are plain file names; a name that would reach outside the folder, or that Windows
reserves for a device, is refused. :func:`save_elsewhere` writes a scorecard to another
folder after a failed save, never over someone else's file.
"""

from __future__ import annotations

from os import PathLike
from pathlib import Path, PurePosixPath, PureWindowsPath

from krakit.errors import ConflictError, InputError
from krakit.model import Scorecard, slugify
from krakit.store.file import SUFFIXES, load, save

__all__ = ["NAME_MAX_BYTES", "NOT_SCORECARDS", "RESCUE_FOLDER", "Workspace", "save_elsewhere"]

# Names Windows reserves for devices, with any extension (a workspace on a shared drive);
# and the longest workspace name, in UTF-8 bytes (file systems allow 255).
_DEVICES = {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"} | {
    f"{port}{n}" for port in ("COM", "LPT") for n in "0123456789¹²³"
}
NAME_MAX_BYTES = 200
# Where save_elsewhere writes when no folder is given: off the workspace, in the home folder.
RESCUE_FOLDER = "~/krakit-saved"
NOT_SCORECARDS = frozenset({"goals"})
"""Names of files a workspace holds beside its scorecards (the goal tree, krakit.goals)."""


class Workspace:
    """A folder of scorecards, opened and saved by name.

    Names are plain file names (``sales-executive`` or ``sales-executive.yaml``); a name that
    would reach outside the folder (``../x``, ``a/b``, ``..\\x``, an absolute path) is refused.

    Examples
    --------
    >>> import krakit, tempfile
    >>> ws = krakit.Workspace(tempfile.mkdtemp())
    >>> ws.save(krakit.Scorecard(role={"title": "Office manager"}), "office-manager")
    PosixPath('...office-manager.yaml')
    >>> ws.list()
    ['office-manager']
    """

    def __init__(self, folder: str | PathLike[str] = "workspace") -> None:
        self.folder = Path(folder)

    def __repr__(self) -> str:
        return f"Workspace({str(self.folder)!r})"

    def path(self, name: str) -> Path:
        """The file a name refers to, refusing names that escape the folder."""
        if not isinstance(name, str) or not name.strip():
            raise InputError("a scorecard name cannot be empty", field="name", value=name)
        clean = name.strip()
        bad = (
            "/" in clean
            or "\\" in clean
            or clean in {".", ".."}
            or clean.startswith(".")
            or PurePosixPath(clean).is_absolute()
            or PureWindowsPath(clean).is_absolute()
            or PureWindowsPath(clean).drive
            or any(c in '<>:"|?*' or ord(c) < 32 for c in clean)  # NUL, Windows-reserved
        )
        if bad:
            raise InputError(
                f"'{name}' is not a plain file name; use letters, digits, '-' or '_' "
                "(no folders, no '..')",
                path=self.folder,
                field="name",
                value=name,
            )
        if clean.split(".")[0].rstrip(" ").upper() in _DEVICES:
            raise InputError(
                f"'{name}' is a device name on Windows (like CON, NUL or COM1), not a file; "
                "pick another name",
                path=self.folder,
                field="name",
                value=name,
            )
        if len(clean.encode("utf-8")) > NAME_MAX_BYTES:
            raise InputError(
                f"the name is {len(clean.encode('utf-8'))} bytes long; use a name of at most "
                f"{NAME_MAX_BYTES} bytes",
                path=self.folder,
                field="name",
                value=name,
            )
        if not clean.lower().endswith(SUFFIXES):
            clean += ".yaml"
        target = (self.folder / clean).resolve()
        if target.parent != self.folder.resolve():
            raise InputError(
                f"'{name}' would be saved outside the workspace", path=self.folder, field="name"
            )
        return target

    def list(self) -> list[str]:
        """Names of the scorecards in the folder, sorted.

        Hidden files are left out: the lock files saves take (``.<name>.lock``) and any
        temporary file a killed save left (``.<name>.*.tmp``); so is the workspace's goal
        tree (``goals.yaml``, :data:`NOT_SCORECARDS`).
        """
        if not self.folder.is_dir():
            return []
        return sorted(
            p.stem
            for p in self.folder.iterdir()
            if p.is_file()
            and p.suffix.lower() in SUFFIXES
            and not p.name.startswith(".")
            and p.stem.lower() not in NOT_SCORECARDS
        )

    def exists(self, name: str) -> bool:
        return self.path(name).exists()

    def find(self, name: str) -> str | None:
        """Return the saved name meant by ``name``: itself, or the one spelled the same way
        but for case, spaces and punctuation (``hr-bp-pune`` finds ``HR BP (Pune)``).

        Examples
        --------
        >>> import tempfile, krakit
        >>> ws = Workspace(tempfile.mkdtemp())
        >>> _ = ws.save(krakit.edit.new_scorecard("HR BP"), "HR BP (Pune)")
        >>> ws.find("hr-bp-pune"), ws.find("HR BP (Pune)"), ws.find("hr-bp")
        ('HR BP (Pune)', 'HR BP (Pune)', None)
        """
        if self.exists(name):
            return name
        key = slugify(name, fallback="")
        same = [saved for saved in self.list() if key and slugify(saved, fallback="") == key]
        return same[0] if len(same) == 1 else None

    def open(self, name: str) -> Scorecard:
        """Load the scorecard saved under this name."""
        return load(self.path(name))

    def save(self, scorecard: Scorecard, name: str, *, force: bool = False) -> Path:
        """Save under this name (atomic, with conflict detection); return the file's path."""
        target = self.path(name)
        save(scorecard, target, force=force)
        return target


def save_elsewhere(
    scorecard: Scorecard,
    folder: str | PathLike[str] | None,
    name: str,
    *,
    touch: bool = True,
) -> Path:
    """Save to another folder after a failed save, never overwriting someone else's file.

    The file is ``<folder>/<name>.yaml``, or ``<name>-2.yaml``, ``<name>-3.yaml``... if
    that is taken by another file, so a rescue copy never replaces someone's work (saving
    the same scorecard there again updates its own copy). Use it when
    :func:`save` says the disk is full or the folder is read-only, or to keep your version
    after a :class:`~krakit.errors.ConflictError`.

    Parameters
    ----------
    scorecard
        What to write; afterwards it remembers the new file.
    folder
        Where to write (``~`` is expanded; created if needed); None: :data:`RESCUE_FOLDER`
        (``~/krakit-saved``).
    name
        The scorecard's name, a plain file name as in :class:`Workspace`.

    Returns
    -------
    Path
        The file written.

    Raises
    ------
    InputError
        The folder is empty text or an existing file, the name is not a plain file name,
        or the folder cannot be written either (saying why).

    Examples
    --------
    >>> import krakit, tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> mine = krakit.Scorecard(role={"title": "Recruiter"})
    >>> theirs = krakit.Scorecard(role={"title": "Recruiter"})
    >>> save_elsewhere(mine, folder, "priya").name, save_elsewhere(theirs, folder, "priya").name
    ('priya.yaml', 'priya-2.yaml')
    >>> save_elsewhere(mine, folder, "priya").name
    'priya.yaml'
    """
    text = str(RESCUE_FOLDER if folder is None else folder).strip()
    if not text:
        raise InputError("say which folder to save to", field="folder", value=folder)
    place = Path(text).expanduser()
    if place.exists() and not place.is_dir():
        raise InputError(
            "this is a file, not a folder; give a folder to save into", path=place, field="folder"
        )
    first = Workspace(place).path(name)
    target, n = first, 2
    while True:
        try:
            save(scorecard, target, touch=touch)
        except ConflictError:  # a file of that name is there: try the next name
            target = first.with_name(f"{first.stem}-{n}{first.suffix}")
            n += 1
            continue
        return target
