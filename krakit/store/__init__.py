"""Load and save scorecards as YAML or JSON files, atomically, and a workspace of them.

* YAML is the default: human-editable and diffable. It is read with PyYAML's safe loader
  (no Python tags), and a key written twice is an error rather than a silent overwrite.
  Where PyYAML was built with libyaml (``yaml.__with_libyaml__``) its C parser and emitter
  do the work, several times faster; the checks and the bytes written are the same as with
  the pure-Python classes, which are the fallback.
* A save writes a temporary file in the same folder, fsyncs it, renames it over the target
  and fsyncs the folder, so a crash mid-write leaves the old file intact and a save that
  returned survives a power cut.
* A save refuses to overwrite a file that changed on disk since this scorecard was loaded
  from it (or last saved to it): :class:`~krakit.errors.ConflictError`, unless ``force=True``.
  The check and the write happen under an advisory lock (``fcntl.flock`` on a hidden
  ``.<name>.lock`` beside the file), so two processes saving at once cannot both pass the
  check: one wins, the other gets the ``ConflictError`` and keeps its scorecard in memory.
* A save that fails (disk full, read-only folder, no permission) raises an
  :class:`~krakit.errors.InputError` naming the file and what to do, leaves no temporary
  file behind and leaves the scorecard in memory exactly as it was;
  :func:`save_elsewhere` then writes it to another folder.
* Files in an older format are upgraded as they are read (:mod:`krakit.migration`).

One module does each thing:

=====================================  ==================================================
:mod:`krakit.store.file`               one scorecard, one file: load, loads, dump, save,
                                       origin, the conflict check
:mod:`krakit.store.workspace`          a folder of scorecards by name; save_elsewhere
:mod:`krakit.store.safe_yaml`          YAML read safely, written the same by libyaml or
                                       pure Python
:mod:`krakit.store.atomic`             a file replaced atomically under a lock
=====================================  ==================================================
"""

from __future__ import annotations

from krakit.store.file import SUFFIXES, YAML_SUFFIXES, dump, load, loads, origin, save, to_data
from krakit.store.workspace import NAME_MAX_BYTES, RESCUE_FOLDER, Workspace, save_elsewhere

__all__ = [
    "NAME_MAX_BYTES",
    "RESCUE_FOLDER",
    "SUFFIXES",
    "YAML_SUFFIXES",
    "Workspace",
    "dump",
    "load",
    "loads",
    "origin",
    "save",
    "save_elsewhere",
    "to_data",
]
