"""Read and write a goal tree (``goals.yaml``), atomically, and find the one a folder holds."""

from __future__ import annotations

import json
from os import PathLike
from pathlib import Path

from krakit.errors import InputError
from krakit.goals.tree import GoalTree, validate_tree
from krakit.model import Scorecard
from krakit.store.atomic import atomic_write, locked
from krakit.store.file import read_data, read_text
from krakit.store.safe_yaml import plain_numbers, write_yaml

__all__ = [
    "TREE_NAMES",
    "card_tree",
    "dump_tree",
    "find_tree",
    "load_tree",
    "loads_tree",
    "save_tree",
]

TREE_NAMES = ("goals.yaml", "goals.yml", "goals.json")
"""The file names a folder's goal tree may have, in the order they are looked for."""


def _fmt(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix not in {".yaml", ".yml", ".json"}:
        raise InputError(
            f"a goal tree is a .yaml or .json file, not '{suffix or 'no suffix'}'; "
            "name it goals.yaml",
            path=path,
        )
    return "json" if suffix == ".json" else "yaml"


def loads_tree(
    text: str, fmt: str = "yaml", *, path: str | PathLike[str] | None = None
) -> GoalTree:
    """Read a goal tree from YAML or JSON text.

    Raises
    ------
    InputError
        Not valid YAML/JSON, empty, or breaking the tree's rules (naming the field and id).

    Examples
    --------
    >>> loads_tree("organisation: Acme\\ngoals: [{title: Grow, owner: CEO}]").goal("grow").title
    'Grow'
    """
    data = read_data(text, fmt, path=path)
    if data is None:
        raise InputError(
            "the goal tree is empty; it needs at least 'organisation: <name>'", path=path
        )
    return validate_tree(data, path=path)


def load_tree(path: str | PathLike[str]) -> GoalTree:
    """Read a goal-tree file (``goals.yaml``).

    Raises
    ------
    InputError
        Missing, unreadable, too large, not UTF-8, or not a valid tree (naming the id).
    """
    path = Path(path)
    fmt = _fmt(path)
    _, text = read_text(path)
    return loads_tree(text, fmt, path=path)


def dump_tree(tree: GoalTree, fmt: str = "yaml") -> str:
    """The tree as YAML (default) or JSON text, without the fields left at their defaults."""
    data = plain_numbers(tree.model_dump(mode="json", exclude_defaults=True))
    data = {"schema_version": tree.schema_version, **data}
    if fmt == "json":
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    return write_yaml(data)


def save_tree(tree: GoalTree, path: str | PathLike[str]) -> Path:
    """Write the tree atomically (the file is always one whole version) and return its path.

    Raises
    ------
    InputError
        The folder cannot be written (disk full, read-only), naming the file.
    """
    path = Path(path)
    raw = dump_tree(tree, _fmt(path)).encode("utf-8")
    with locked(path):
        atomic_write(path, raw)
    return path


def find_tree(folder: str | PathLike[str]) -> Path | None:
    """The goal tree in a workspace or room folder (``goals.yaml``), or None if it has none."""
    base = Path(folder)
    for name in TREE_NAMES:
        if (base / name).is_file():
            return base / name
    return None


def card_tree(scorecard: Scorecard) -> GoalTree | None:
    """The goal tree beside the file this scorecard was loaded from, or None.

    Raises
    ------
    InputError
        A ``goals.yaml`` is there but cannot be read (naming it and the id).
    """
    from krakit.store import origin

    path = origin(scorecard)
    tree_path = find_tree(path.parent) if path is not None else None
    return load_tree(tree_path) if tree_path is not None else None
