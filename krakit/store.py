"""Load and save scorecards as YAML or JSON files, atomically, and a workspace of them.

* YAML is the default: human-editable and diffable. It is read with PyYAML's safe loader
  (no Python tags), and a key written twice is an error rather than a silent overwrite.
* A save writes a temporary file in the same folder, fsyncs it and renames it over the
  target, so a crash mid-write leaves the old file intact.
* A save refuses to overwrite a file that changed on disk since this scorecard was loaded
  from it (or last saved to it): :class:`~krakit.errors.ConflictError`, unless ``force=True``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
import tempfile
from os import PathLike
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import Any

import yaml

from krakit.errors import ConflictError, InputError
from krakit.limits import SCORECARD_MAX_BYTES, YAML_MAX_ALIAS_VALUES, check_size
from krakit.model import SCHEMA_VERSION, Scorecard, validate_scorecard

__all__ = ["Workspace", "dump", "load", "loads", "save"]

YAML_SUFFIXES = (".yaml", ".yml")
SUFFIXES = (*YAML_SUFFIXES, ".json")
# Names Windows reserves for devices, with any extension (a workspace on a shared drive);
# and the longest workspace name, in UTF-8 bytes (file systems allow 255).
_DEVICES = {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"} | {
    f"{port}{n}" for port in ("COM", "LPT") for n in "0123456789¹²³"
}
NAME_MAX_BYTES = 200


class _AliasBomb(yaml.YAMLError):
    """Aliases that repeat too many values (a "billion laughs" document)."""


class _UniqueKeyLoader(yaml.SafeLoader):
    """Safe loader that refuses a mapping key written twice (the second would win silently).

    It also bounds what aliases (``*name``) can repeat: a few anchors are fine, but nine
    nested aliases of nine items each expand to a billion values (see :mod:`krakit.limits`).
    """

    _aliases = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):  # type: ignore[no-untyped-call]
            self._aliases += 1
        return super().compose_node(parent, index)  # type: ignore[no-untyped-call]

    def compose_document(self) -> Any:
        node = super().compose_document()  # type: ignore[no-untyped-call]
        if self._aliases:
            _check_aliases(node)
        return node


def _check_aliases(root: yaml.Node) -> None:
    """Refuse a document whose aliases repeat more than ``YAML_MAX_ALIAS_VALUES`` values,
    or that contains itself (``&a [*a]``)."""
    size: dict[int, int] = {}  # node -> values under it once aliases are expanded
    inside: set[int] = set()  # nodes whose children are being counted
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        if id(node) in size:
            continue
        children: list[yaml.Node] = []
        if isinstance(node, yaml.SequenceNode):
            children = list(node.value)
        elif isinstance(node, yaml.MappingNode):
            children = [part for pair in node.value for part in pair]
        if done:
            size[id(node)] = 1 + sum(size[id(c)] for c in children)
            inside.discard(id(node))
            continue
        if id(node) in inside:
            raise _AliasBomb("an alias (*name) refers to a list or mapping that contains it")
        inside.add(id(node))
        stack.append((node, True))
        stack.extend((c, False) for c in children if id(c) not in size)
    repeated = size[id(root)] - len(size)
    if repeated > YAML_MAX_ALIAS_VALUES:
        raise _AliasBomb(
            f"its aliases (*name) repeat {repeated:,} values, as a 'billion laughs' attack "
            f"does; krakit reads scorecards whose aliases repeat up to "
            f"{YAML_MAX_ALIAS_VALUES:,} values: write the values out instead"
        )


def _construct_mapping(loader: _UniqueKeyLoader, node: yaml.MappingNode) -> dict[Any, Any]:
    loader.flatten_mapping(node)
    mapping: dict[Any, Any] = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node)  # type: ignore[no-untyped-call]
        if key in mapping:
            raise yaml.constructor.ConstructorError(
                "while reading a mapping",
                node.start_mark,
                f"found the key '{key}' twice",
                key_node.start_mark,
            )
        mapping[key] = loader.construct_object(value_node)  # type: ignore[no-untyped-call]
    return mapping


_UniqueKeyLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


class _Dumper(yaml.SafeDumper):
    """Block-style YAML, multi-line text as literal blocks, no anchors."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _represent_str(dumper: yaml.SafeDumper, data: str) -> yaml.ScalarNode:
    style = "|" if "\n" in data else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", data, style=style)


_Dumper.add_representer(str, _represent_str)


def _plain(data: Any) -> Any:
    """Integral floats as ints (``40`` not ``40.0``) so hand-written files stay tidy."""
    if isinstance(data, dict):
        return {k: _plain(v) for k, v in data.items()}
    if isinstance(data, list):
        return [_plain(v) for v in data]
    if isinstance(data, float) and data.is_integer() and abs(data) < 1e15:
        return int(data)
    return data


def to_data(scorecard: Scorecard) -> dict[str, Any]:
    """The scorecard as plain data, in field order, leaving out empty and default fields."""
    data = scorecard.model_dump(mode="json", exclude_none=True, exclude_defaults=True)
    return _plain({"schema_version": SCHEMA_VERSION, **data})


def dump(scorecard: Scorecard, fmt: str = "yaml") -> str:
    """Return the scorecard as YAML (default) or JSON text."""
    data = to_data(scorecard)
    if fmt == "json":
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    if fmt == "yaml":
        return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)
    raise InputError(f"unknown format {fmt!r}; use 'yaml' or 'json'", field="format")


def _format_of(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix in YAML_SUFFIXES:
        return "yaml"
    if suffix == ".json":
        return "json"
    raise InputError(
        f"cannot tell the format from the suffix {suffix or '(none)'!r}; use .yaml, .yml or .json",
        path=path,
    )


def loads(text: str, fmt: str = "yaml", *, path: str | PathLike[str] | None = None) -> Scorecard:
    """Read a scorecard from YAML or JSON text."""
    try:
        if fmt == "json":
            data = json.loads(text)
        else:
            data = yaml.load(text, Loader=_UniqueKeyLoader)
    except _AliasBomb as exc:
        raise InputError(str(exc), path=path) from exc
    except RecursionError as exc:
        raise InputError(
            "lists or mappings are nested too deeply to read (thousands of levels)", path=path
        ) from exc
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or "broken YAML"
        raise InputError(
            f"this is not valid YAML: {problem}"
            + (f" ({exc.context})" if exc.context and exc.context != problem else ""),
            path=path,
            line=mark.line + 1 if mark else None,
            column=mark.column + 1 if mark else None,
        ) from exc
    except yaml.YAMLError as exc:
        raise InputError(f"this is not valid YAML: {exc}", path=path) from exc
    except json.JSONDecodeError as exc:
        raise InputError(
            f"this is not valid JSON: {exc.msg}", path=path, line=exc.lineno, column=exc.colno
        ) from exc
    if data is None:
        raise InputError("the file is empty; a scorecard needs at least a 'role'", path=path)
    return validate_scorecard(data, path=path)


def _digest(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


def _remember(scorecard: Scorecard, path: Path, raw: bytes) -> None:
    scorecard._origin = (path.resolve(), _digest(raw))


def load(path: str | PathLike[str]) -> Scorecard:
    """Read a scorecard file (``.yaml``, ``.yml`` or ``.json``).

    Raises
    ------
    InputError
        The file is missing, unreadable, or not valid YAML/JSON (with line and column).
    ScorecardError
        The content breaks the model's rules (with the field's path).

    Examples
    --------
    >>> import krakit, tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> sc = krakit.Scorecard(role={"title": "Recruiter"}, kras=[{"title": "Recruitment"}])
    >>> krakit.save(sc, folder / "recruiter.yaml")
    >>> krakit.load(folder / "recruiter.yaml").kras[0].id
    'recruitment'
    """
    path = Path(path)
    fmt = _format_of(path)
    check_size(path, SCORECARD_MAX_BYTES)  # before reading: a 5 GB file is refused, not read
    try:
        raw = path.read_bytes()
    except FileNotFoundError as exc:
        raise InputError("no such file", path=path) from exc
    except OSError as exc:
        raise InputError(f"cannot read the file: {exc.strerror}", path=path) from exc
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"the file is not UTF-8 text (byte {exc.start} cannot be read)", path=path
        ) from exc
    scorecard = loads(text, fmt, path=path)
    _remember(scorecard, path, raw)
    return scorecard


def save(
    scorecard: Scorecard,
    path: str | PathLike[str],
    *,
    force: bool = False,
    touch: bool = True,
) -> None:
    """Write a scorecard atomically (format from the suffix: ``.yaml`` by default style).

    Parameters
    ----------
    scorecard
        What to write.
    path
        Target file; its folder is created if needed.
    force
        Overwrite even if the file changed on disk since this scorecard was loaded from it,
        or exists and was never loaded by it.
    touch
        Set ``updated`` (and ``created`` if unset) to now before writing.

    Raises
    ------
    ConflictError
        The file on disk is not the one this scorecard was loaded from or last saved to.
    InputError
        The folder cannot be written.
    """
    path = Path(path)
    fmt = _format_of(path)
    if not force:
        _check_conflict(scorecard, path)
    if touch:
        now = dt.datetime.now(dt.UTC).replace(microsecond=0)
        if scorecard.created is None:
            scorecard.created = now
        scorecard.updated = now
    raw = dump(scorecard, fmt).encode("utf-8")
    _atomic_write(path, raw)
    _remember(scorecard, path, raw)


def _check_conflict(scorecard: Scorecard, path: Path) -> None:
    try:
        current = path.read_bytes()
    except FileNotFoundError:
        return
    except OSError as exc:
        raise InputError(f"cannot read the file: {exc.strerror}", path=path) from exc
    origin = scorecard._origin
    if origin is None or origin[0] != path.resolve():
        raise ConflictError(
            "the file already exists and this scorecard was not loaded from it; "
            "load it first, save under another name, or pass force=True to replace it",
            path=path,
        )
    if origin[1] != _digest(current):
        raise ConflictError(
            "the file was changed on disk since this scorecard was loaded; "
            "reload it to see those changes, or pass force=True to overwrite them",
            path=path,
        )


def _atomic_write(path: Path, raw: bytes) -> None:
    folder = path.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise InputError(f"cannot write in this folder: {exc.strerror}", path=path) from exc
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
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise InputError(f"cannot write the file: {exc.strerror}", path=path) from exc
        raise
    _fsync_folder(folder)


def _fsync_folder(folder: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


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
        """Names of the scorecards in the folder, sorted."""
        if not self.folder.is_dir():
            return []
        return sorted(
            p.stem
            for p in self.folder.iterdir()
            if p.is_file() and p.suffix.lower() in SUFFIXES and not p.name.startswith(".")
        )

    def exists(self, name: str) -> bool:
        return self.path(name).exists()

    def open(self, name: str) -> Scorecard:
        """Load the scorecard saved under this name."""
        return load(self.path(name))

    def save(self, scorecard: Scorecard, name: str, *, force: bool = False) -> Path:
        """Save under this name (atomic, with conflict detection); return the file's path."""
        target = self.path(name)
        save(scorecard, target, force=force)
        return target
