"""Where the details of a bug go: a file with the traceback, never the traceback on screen.

A :class:`~krakit.errors.KrakitError` is something the user can fix and is shown as a
message. Anything else is a bug in krakit: the screen says so in one sentence and names the
file :func:`record` wrote (the traceback, krakit and Python versions), so the person running
the workshop can send it on. The folder is ``$KRAKIT_CRASH_DIR`` or ``krakit-crashes`` in
the system's temporary folder; one line naming the file also goes to the process's own
stderr (the Jupyter or Voilà server log), not to the notebook.
"""

from __future__ import annotations

import datetime as dt
import os
import platform
import sys
import tempfile
import traceback
import uuid
from pathlib import Path

__all__ = ["CRASH_DIR_ENV", "crash_folder", "record"]

CRASH_DIR_ENV = "KRAKIT_CRASH_DIR"


def crash_folder() -> Path:
    """The folder bug reports are written to (``$KRAKIT_CRASH_DIR`` or a temporary one)."""
    chosen = os.environ.get(CRASH_DIR_ENV, "").strip()
    return Path(chosen).expanduser() if chosen else Path(tempfile.gettempdir()) / "krakit-crashes"


def record(exc: BaseException, context: str = "") -> Path | None:
    """Write the traceback of an unexpected exception to a new file; return its path.

    Parameters
    ----------
    exc
        The exception caught (it is not raised again).
    context
        What was being done, e.g. ``"step 4: Save"``; written at the top of the file.

    Returns
    -------
    Path or None
        The file written, or None when no file could be written (the server log line
        still names the exception).

    Examples
    --------
    >>> import os, tempfile
    >>> os.environ["KRAKIT_CRASH_DIR"] = tempfile.mkdtemp()
    >>> try:
    ...     1 / 0
    ... except ZeroDivisionError as exc:
    ...     path = record(exc, "dividing")
    >>> "ZeroDivisionError" in path.read_text()
    True
    >>> del os.environ["KRAKIT_CRASH_DIR"]
    """
    from krakit import __version__

    now = dt.datetime.now(dt.UTC)
    text = (
        f"krakit {__version__}, Python {platform.python_version()}, {platform.platform()}\n"
        f"when: {now.isoformat(timespec='seconds')}\n"
        f"doing: {context or '(not said)'}\n\n" + "".join(traceback.format_exception(exc))
    )
    folder = crash_folder()
    path: Path | None = folder / f"krakit-bug-{now:%Y%m%d-%H%M%S}-{uuid.uuid4().hex[:8]}.txt"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")  # type: ignore[union-attr]
    except OSError:
        path = None
    log = sys.__stderr__
    if log is not None:
        try:
            print(
                f"krakit: a bug ({type(exc).__name__}) while {context or 'working'}; "
                f"details in {path or '(no file could be written)'}",
                file=log,
                flush=True,
            )
        except (OSError, ValueError):  # a closed stderr must not turn one bug into two
            pass
    return path
