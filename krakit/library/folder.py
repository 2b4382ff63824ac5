"""Where krakit's content folder (``templates/``) is, found once per ``KRAKIT_TEMPLATES`` value.

Where the folder is found, first match wins:

1. the ``KRAKIT_TEMPLATES`` environment variable (a folder laid out like ``templates/``);
2. ``templates/`` next to the ``krakit`` package, i.e. the repository root. This is where it
   is in a checkout and in an editable install (``pip install -e .``, what ``make`` does);
3. ``<sys.prefix>/share/krakit/templates`` for an install that copied it there.

Examples
--------
>>> (templates_dir() / "roles").is_dir()
True
"""

from __future__ import annotations

import functools
import os
import sys
from pathlib import Path
from typing import Any

import yaml

from krakit.errors import ConfigError

__all__ = ["ENV_VAR", "FastLoader", "templates_dir", "vocabulary_file"]

ENV_VAR = "KRAKIT_TEMPLATES"
# The library is krakit's own content, read often: libyaml's loader where it is installed.
FastLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# krakit/library/folder.py: the repository root is three folders up.
_SOURCE_TREE = Path(__file__).resolve().parent.parent.parent  # resolved once: check() asks often
_FOUND: dict[str | None, Path] = {}
"""The folder found for each value of the environment variable (a found folder is not looked
for again: the checker asks for it on every new statement, and a disk check costs more than
the rest of the lookup)."""


def templates_dir() -> Path:
    """Return the folder holding krakit's content (``roles/``, ``vocabulary.yaml``...).

    Raises
    ------
    ConfigError
        If no such folder exists (see the module docstring for where krakit looks).
    """
    override = os.environ.get(ENV_VAR) or None
    found = _FOUND.get(override)
    if found is None:
        found = _FOUND[override] = _find_templates(override)
    return found


def vocabulary_file() -> Path:
    """``vocabulary.yaml`` in :func:`templates_dir` (the path joined once per folder)."""
    return _in_folder(templates_dir(), "vocabulary.yaml")


@functools.cache
def _in_folder(folder: Path, name: str) -> Path:
    return folder / name


def _find_templates(override: str | None) -> Path:
    if override:
        folder = Path(override).expanduser()
        if not (folder / "roles").is_dir():
            raise ConfigError(
                "this folder has no 'roles' sub-folder of role templates",
                path=folder,
                field=ENV_VAR,
            )
        return folder
    candidates = (
        _SOURCE_TREE / "templates",
        Path(sys.prefix) / "share" / "krakit" / "templates",
    )
    for folder in candidates:
        if (folder / "roles").is_dir():
            return folder
    raise ConfigError(
        "krakit's templates folder was not found; looked in "
        + ", ".join(str(c) for c in candidates)
        + f". Set {ENV_VAR} to the folder, or install krakit from a checkout (pip install -e .)"
    )
