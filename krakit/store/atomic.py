"""Write a file atomically, under an advisory lock: the file is always one whole version.

* :func:`locked` holds an exclusive ``fcntl.flock`` on a hidden ``.<name>.lock`` beside the
  file, so a check and a write made under it cannot interleave with another process's.
* :func:`atomic_write` writes a temporary file in the same folder, fsyncs it, renames it over
  the target and fsyncs the folder. The fsync before the rename is what makes the rename
  atomic after a power cut (the new name never points at data not yet on disk); the fsync
  of the folder makes the rename itself durable, so a save that returned is not undone by
  a power cut.
* :func:`write_error` turns an ``OSError`` into an :class:`~krakit.errors.InputError` that
  names the file and says what to do (disk full, read-only folder, no permission).
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import tempfile
from collections.abc import Iterator
from pathlib import Path

from krakit.errors import InputError

try:  # advisory locks: POSIX only; elsewhere the content-hash check alone guards saves
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

__all__ = ["atomic_write", "locked", "write_error"]


@contextlib.contextmanager
def locked(path: Path) -> Iterator[None]:
    """Hold an exclusive advisory lock on ``.<name>.lock`` beside ``path``.

    Every save of one file takes it, across the conflict check and the rename, so no other
    save can slip in between. The lock dies with the process holding it (a killed save
    blocks no one); the lock file stays, empty and hidden from
    :meth:`krakit.store.Workspace.list`.
    """
    if fcntl is None:  # pragma: no cover - Windows
        yield
        return
    folder = path.parent
    lock = folder / f".{path.name}.lock"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        try:
            fd = os.open(lock, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o666)
        except PermissionError:  # a colleague's lock file in a shared folder: read is enough
            fd = os.open(lock, os.O_RDONLY | os.O_CLOEXEC)
    except OSError as exc:
        raise write_error(exc, path) from exc
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        _remove_leftovers(path)
        yield
    finally:
        os.close(fd)  # releases the lock


def _remove_leftovers(path: Path) -> None:
    """Delete temporary files killed saves of this file left (call with the lock held)."""
    leftover = re.compile(rf"\.{re.escape(path.name)}\.[A-Za-z0-9_]{{8}}\.tmp")
    with contextlib.suppress(OSError):
        for entry in os.scandir(path.parent):
            if leftover.fullmatch(entry.name):
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)


# What a failed write means, and what to do about it.
_WRITE_ERRORS = {
    errno.ENOSPC: "the disk is full; free some space or save elsewhere",
    errno.EDQUOT: "your disk quota is used up; free some space or save elsewhere",
    errno.EROFS: "the folder is read-only; save to another folder",
    errno.EACCES: "krakit may not write in this folder (permission denied); save to another folder",
    errno.EPERM: "krakit may not write in this folder (operation not permitted); "
    "save to another folder",
}


def write_error(exc: OSError, path: Path) -> InputError:
    """The :class:`InputError` for an ``OSError`` met while saving ``path``."""
    reason = _WRITE_ERRORS.get(exc.errno or 0)
    if reason is None:
        reason = f"cannot write the file: {exc.strerror or exc}; save to another folder"
    return InputError(reason, path=path)


def atomic_write(path: Path, raw: bytes) -> None:
    """Replace ``path`` with ``raw``, so that it is always the old version or the new, whole.

    The bytes go to a temporary file beside ``path`` (``.<name>.XXXXXXXX.tmp``), which is
    fsynced, given the old file's permissions and renamed over ``path``; then the folder is
    fsynced, so the rename survives a power cut once this returns. A temporary file a
    killed process leaves is removed by the next :func:`locked` of that file.

    Raises
    ------
    InputError
        The file cannot be written (:func:`write_error` says why); no temporary file is
        left and ``path`` is as it was.
    """
    folder = path.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise write_error(exc, path) from exc
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(raw)
            handle.flush()
            os.fsync(handle.fileno())
        if path.exists():
            os.chmod(tmp, path.stat().st_mode & 0o777)
        else:
            os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise write_error(exc, path) from exc
        raise
    _fsync_folder(folder)


def _fsync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` durable. The new file is already whole on disk: where a
    file system cannot fsync a folder (some network ones refuse with ``EINVAL``), the
    rename is durable at its next flush, and the save has not failed."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
