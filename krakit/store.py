"""Load and save scorecards as YAML or JSON files, atomically, and a workspace of them.

* YAML is the default: human-editable and diffable. It is read with PyYAML's safe loader
  (no Python tags), and a key written twice is an error rather than a silent overwrite.
  Where PyYAML was built with libyaml (``yaml.__with_libyaml__``) its C parser and emitter
  do the work, several times faster; the checks and the bytes written are the same as with
  the pure-Python classes, which are the fallback.
* A save writes a temporary file in the same folder, fsyncs it and renames it over the
  target, so a crash mid-write leaves the old file intact.
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
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import hashlib
import json
import os
import re
import tempfile
from collections.abc import Iterator
from os import PathLike
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import Any, ClassVar

import yaml

from krakit.errors import ConflictError, InputError
from krakit.limits import SCORECARD_MAX_BYTES, YAML_MAX_ALIAS_VALUES, check_size
from krakit.migration import migrate
from krakit.model import SCHEMA_VERSION, Scorecard, validate_scorecard

try:  # advisory locks: POSIX only; elsewhere the content-hash check alone guards saves
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

__all__ = ["Workspace", "dump", "load", "loads", "origin", "save", "save_elsewhere"]

YAML_SUFFIXES = (".yaml", ".yml")
SUFFIXES = (*YAML_SUFFIXES, ".json")
# Names Windows reserves for devices, with any extension (a workspace on a shared drive);
# and the longest workspace name, in UTF-8 bytes (file systems allow 255).
_DEVICES = {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"} | {
    f"{port}{n}" for port in ("COM", "LPT") for n in "0123456789¹²³"
}
NAME_MAX_BYTES = 200
# Where save_elsewhere writes when no folder is given: off the workspace, in the home folder.
RESCUE_FOLDER = "~/krakit-saved"


class _AliasBomb(yaml.YAMLError):
    """Aliases that repeat too many values (a "billion laughs" document)."""


class _Checked:
    """What a scorecard loader adds to PyYAML's safe one, libyaml's or the pure-Python one.

    A mapping key written twice is refused (the second would win silently). What aliases
    (``*name``) can repeat is bounded: a few anchors are fine, but nine nested aliases of
    nine items each expand to a billion values (see :mod:`krakit.limits`); the composed
    document is checked before a single value is built.
    """

    may_alias = True
    """False when the text has no ``*``, so no alias: the check is skipped."""

    def construct_document(self, node: yaml.Node) -> Any:
        if self.may_alias:
            _check_aliases(node)
        return super().construct_document(node)  # type: ignore[misc]

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        """Build one value; a value Python refuses (``2026-02-30``, a 5000-digit number)
        becomes a YAML error at its line instead of a bare ``ValueError``."""
        try:
            return super().construct_object(node, deep=deep)  # type: ignore[misc]
        except (ValueError, OverflowError) as exc:
            shown = str(node.value) if isinstance(node, yaml.ScalarNode) else node.tag
            shown = shown if len(shown) <= 40 else f"{shown[:20]}...({len(shown):,} characters)"
            raise yaml.constructor.ConstructorError(
                None, None, f"cannot read {shown!r}: {exc}", node.start_mark
            ) from exc


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


def _construct_mapping(loader: Any, node: yaml.MappingNode) -> dict[Any, Any]:
    loader.flatten_mapping(node)
    mapping: dict[Any, Any] = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node)
        try:
            hash(key)
        except TypeError:
            raise yaml.constructor.ConstructorError(
                "while reading a mapping",
                node.start_mark,
                "a list or mapping is used as a key; keys are plain names",
                key_node.start_mark,
            ) from None
        if key in mapping:
            raise yaml.constructor.ConstructorError(
                "while reading a mapping",
                node.start_mark,
                f"found the key '{key}' twice",
                key_node.start_mark,
            )
        mapping[key] = loader.construct_object(value_node)
    return mapping


class _Tidy:
    """Block-style YAML, multi-line text as literal blocks, no anchors."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _represent_str(dumper: yaml.SafeDumper, data: str) -> yaml.ScalarNode:
    style = "|" if "\n" in data else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", data, style=style)


class _UniqueKeyLoader(_Checked, yaml.SafeLoader):
    """The pure-Python scorecard loader."""


class _Dumper(_Tidy, yaml.SafeDumper):
    """The pure-Python scorecard writer."""


_UniqueKeyLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_Dumper.add_representer(str, _represent_str)
_LOADER: type = _UniqueKeyLoader
_FAST_DUMPER: type | None = None
_STR = "tag:yaml.org,2002:str"
_MAP = yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG
_SEQ = yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG


class _QuickResolve:
    """With libyaml parsing and emitting in C, the Python calls made per value are the cost.
    These shortcuts are on the libyaml classes only, so the tests that compare them with the
    pure-Python classes (same data read, same bytes written) check the shortcuts too.

    A scalar's implicit tag depends only on its text: it is resolved once per distinct short
    text (keys, units, enum values, numbers repeat) and remembered."""

    _tags: ClassVar[dict[tuple[str, Any], str]] = {}

    def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
        if kind is not yaml.ScalarNode or len(value) > 40:
            return super().resolve(kind, value, implicit)  # type: ignore[misc]
        key = (value, implicit)
        tag = self._tags.get(key)
        if tag is None:
            tag = super().resolve(kind, value, implicit)  # type: ignore[misc]
            if len(self._tags) < 20_000:
                self._tags[key] = tag
        return tag


class _QuickLoad(_QuickResolve):
    """Text is built without the constructor's dispatch (when no alias can share a node)."""

    may_alias: bool

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        if node.tag == _STR and type(node) is yaml.ScalarNode and not self.may_alias:
            return node.value
        return super().construct_object(node, deep=deep)  # type: ignore[misc]


class _NotPlain(Exception):
    """A mapping key libyaml writes its own way; the pure-Python emitter writes the data."""


_DOC_START = yaml.DocumentStartEvent(explicit=False)
_DOC_END = yaml.DocumentEndEvent(explicit=False)
_MAP_START = yaml.MappingStartEvent(None, _MAP, True, flow_style=False)
_MAP_END = yaml.MappingEndEvent()
_SEQ_START = yaml.SequenceStartEvent(None, _SEQ, True, flow_style=False)
_SEQ_END = yaml.SequenceEndEvent()
_CACHED = 20_000  # events remembered per cache: keys, short texts and numbers repeat


class _QuickDump(_QuickResolve):
    """Plain data (dict, list, text) goes to libyaml as events, the ones the serializer would
    send for the nodes :class:`_Dumper` makes (block style, text with a line break as ``|``),
    without building the nodes or resolving each text twice.

    libyaml copies an event as it is emitted, so an event is made once and sent again: one
    for every mapping or list start and end, one per key, short text and number. The walk
    also does what :func:`_plain` does for the other emitter (``40.0`` written ``40``) and
    stops at a key libyaml writes its own way (:func:`_plain_key`), raising
    :class:`_NotPlain`.
    """

    _texts: ClassVar[dict[str, yaml.ScalarEvent]] = {}
    _keys: ClassVar[dict[str, yaml.ScalarEvent]] = {}
    _scalars: ClassVar[dict[tuple[type, Any], yaml.ScalarEvent]] = {}

    def represent(self, data: Any) -> None:
        emit = self.emit  # type: ignore[attr-defined]
        emit(_DOC_START)
        self._emit(data, emit)
        emit(_DOC_END)

    def _emit(self, data: Any, emit: Any) -> None:
        kind = type(data)
        if kind is str:
            emit(self._texts.get(data) or self._text_event(data))
        elif kind is dict:
            emit(_MAP_START)
            keys, texts = self._keys, self._texts
            for key, value in data.items():
                emit(keys.get(key) or self._key_event(key))
                if type(value) is str:
                    emit(texts.get(value) or self._text_event(value))
                else:
                    self._emit(value, emit)
            emit(_MAP_END)
        elif kind is list:
            emit(_SEQ_START)
            for value in data:
                self._emit(value, emit)
            emit(_SEQ_END)
        else:
            if kind is float and data.is_integer() and abs(data) < 1e15:
                data, kind = int(data), int
            event = self._scalars.get((kind, data)) if kind in (int, bool) else None
            if event is None:
                event = self._scalar_event(data)
            emit(event)

    def _text_event(self, text: str) -> yaml.ScalarEvent:
        plain = self.resolve(yaml.ScalarNode, text, (True, False)) == _STR
        style = "|" if "\n" in text else None
        event = yaml.ScalarEvent(None, _STR, (plain, True), text, style=style)
        if len(text) <= 40 and len(self._texts) < _CACHED:
            self._texts[text] = event
        return event

    def _key_event(self, key: Any) -> yaml.ScalarEvent:
        if not _plain_key(key):
            raise _NotPlain(key)
        event = self._text_event(key)
        if len(self._keys) < _CACHED:
            self._keys[key] = event
        return event

    def _scalar_event(self, data: Any) -> yaml.Node:
        """The event of a value the representer writes (a number, true, null...)."""
        node = self.represent_data(data)  # type: ignore[attr-defined]
        if not isinstance(node, yaml.ScalarNode):
            raise _NotPlain(data)  # not plain data (a tuple, a set): the other emitter says so
        plain = self.resolve(yaml.ScalarNode, node.value, (True, False)) == node.tag
        quoted = self.resolve(yaml.ScalarNode, node.value, (False, True)) == node.tag
        event = yaml.ScalarEvent(None, node.tag, (plain, quoted), node.value, style=node.style)
        if type(data) in (int, bool) and len(self._scalars) < _CACHED:
            self._scalars[type(data), data] = event
        return event


if yaml.__with_libyaml__:

    class _CUniqueKeyLoader(_QuickLoad, _Checked, yaml.CSafeLoader):
        """The scorecard loader on libyaml's parser (the checks are the same Python code)."""

    class _CDumper(_QuickDump, _Tidy, yaml.CSafeDumper):
        """The scorecard writer on libyaml's emitter."""

    _CUniqueKeyLoader.add_constructor(
        yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping
    )
    _CDumper.add_representer(str, _represent_str)
    _LOADER, _FAST_DUMPER = _CUniqueKeyLoader, _CDumper

_YAML_STYLE: dict[str, Any] = {"sort_keys": False, "allow_unicode": True, "width": 100}
# What libyaml writes its own way: a double-quoted scalar (it can start at a key, a value or
# an item) and the document end marker it adds after a |+ block.
_LIBYAML_OWN = re.compile(r'(?m)(?:^ *|: |- |\? )"|^\.\.\.$')
_LINE_BREAK = re.compile("[\n\r\x85\u2028\u2029]")


def _yaml_text(data: Any) -> str:
    """``data`` as YAML, the same text whichever emitter writes it.

    libyaml writes a few things its own way: a double-quoted scalar (text with a tab, an
    emoji, a control character: it escapes characters beyond U+FFFF and folds long lines
    differently), keys that are empty, long or on two lines, and an end marker after text
    kept with its trailing blank lines. Those few scorecards are written again by the
    pure-Python emitter, so a file's bytes never depend on how PyYAML was built.
    """
    if _FAST_DUMPER is not None:
        try:
            text = str(yaml.dump(data, Dumper=_FAST_DUMPER, **_YAML_STYLE))
        except _NotPlain:
            pass
        else:  # the pattern only where it can match: a '"' or a '...' somewhere
            if ('"' not in text and "..." not in text) or not _LIBYAML_OWN.search(text):
                return text
    return str(yaml.dump(_plain(data), Dumper=_Dumper, **_YAML_STYLE))


def _plain_key(key: Any) -> bool:
    """Whether a mapping key is text both emitters write as a plain ``key:``: not empty, one
    line, well under 128 bytes (beyond it, or on two lines, a key is written ``? key``, and
    the two emitters count its length differently)."""
    return isinstance(key, str) and 0 < len(key.encode()) < 100 and not _LINE_BREAK.search(key)


_SYNTAX_ERRORS = (
    yaml.reader.ReaderError,
    yaml.scanner.ScannerError,
    yaml.parser.ParserError,
    yaml.composer.ComposerError,
)


def _yaml_data(text: str) -> Any:
    """The data of a YAML document, read with :data:`_LOADER` (libyaml's when present).

    Text libyaml cannot parse is parsed again in Python: PyYAML's messages say more (they
    name the character, ``found character '\\t'``) and are the ones krakit has always given.
    """
    try:
        return _read_yaml(_LOADER, text)
    except _SYNTAX_ERRORS:
        if _LOADER is _UniqueKeyLoader:
            raise
    return _read_yaml(_UniqueKeyLoader, text)


def _read_yaml(loader_class: type, text: str) -> Any:
    loader = loader_class(text)
    loader.may_alias = "*" in text  # an alias is written *name
    try:
        return loader.get_single_data()
    finally:
        loader.dispose()


def _plain(data: Any) -> Any:
    """Integral floats as ints (``40`` not ``40.0``) so hand-written files stay tidy."""
    if isinstance(data, dict):
        return {k: _plain(v) for k, v in data.items()}
    if isinstance(data, list):
        return [_plain(v) for v in data]
    if isinstance(data, float) and data.is_integer() and abs(data) < 1e15:
        return int(data)
    return data


def _model_data(scorecard: Scorecard) -> dict[str, Any]:
    """The scorecard as data, in field order, leaving out empty and default fields."""
    data = scorecard.model_dump(mode="json", exclude_none=True, exclude_defaults=True)
    data.pop("schema_version", None)
    return {"schema_version": SCHEMA_VERSION, **data}


def to_data(scorecard: Scorecard) -> dict[str, Any]:
    """The scorecard as plain data (``40`` not ``40.0``), as :func:`dump` writes it."""
    return _plain(_model_data(scorecard))


def dump(scorecard: Scorecard, fmt: str = "yaml") -> str:
    """Return the scorecard as YAML (default) or JSON text, in the current format.

    Examples
    --------
    >>> import krakit
    >>> sc = krakit.Scorecard(role={"title": "Recruiter"}, ignore={"w001": "relative weights"})
    >>> print(dump(sc))
    schema_version: 2
    role:
      title: Recruiter
    ignore:
      W001: relative weights
    <BLANKLINE>
    """
    if fmt == "json":
        return json.dumps(to_data(scorecard), indent=2, ensure_ascii=False) + "\n"
    if fmt == "yaml":
        return _yaml_text(_model_data(scorecard))  # made plain on the way
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


_TOO_DEEP = "lists or mappings are nested too deeply to read (hundreds of levels)"


def loads(text: str, fmt: str = "yaml", *, path: str | PathLike[str] | None = None) -> Scorecard:
    """Read a scorecard from YAML or JSON text, upgrading an older format.

    Raises
    ------
    InputError
        Not valid YAML/JSON (with line and column), or empty.
    ScorecardError
        The content breaks the model's rules, or was written by a newer krakit.
    """
    try:
        if fmt == "json":
            data = json.loads(text)
        else:
            data = _yaml_data(text)
    except _AliasBomb as exc:
        raise InputError(str(exc), path=path) from exc
    except RecursionError as exc:
        raise InputError(_TOO_DEEP, path=path) from exc
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
    except ValueError as exc:  # json: a number too long to convert (over 4,300 digits)
        raise InputError(f"this is not valid JSON: {exc}", path=path) from exc
    if data is None:
        raise InputError("the file is empty; a scorecard needs at least a 'role'", path=path)
    try:
        return validate_scorecard(migrate(data, path=path), path=path)
    except RecursionError as exc:  # JSON and libyaml read deeper than an upgrade can copy
        raise InputError(_TOO_DEEP, path=path) from exc


def _digest(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


def _remember(scorecard: Scorecard, path: Path, raw: bytes) -> None:
    scorecard._origin = (path.resolve(), _digest(raw))


def origin(scorecard: Scorecard) -> Path | None:
    """The file this scorecard was loaded from or last saved to (None: neither).

    Edits made with :mod:`krakit.edit` keep it, so an edited scorecard still saves back to
    its own file.

    Examples
    --------
    >>> import krakit, tempfile, pathlib
    >>> sc = krakit.Scorecard(role={"title": "Nurse manager"})
    >>> origin(sc) is None
    True
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "ward.yaml"
    >>> save(sc, path)
    >>> origin(sc) == path.resolve()
    True
    """
    return scorecard._origin[0] if scorecard._origin else None


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

    The file on disk is always either the old version or the new one, whole, even if the
    process is killed mid-save; a temporary file a killed save leaves (``.<name>.*.tmp``)
    is hidden from :meth:`Workspace.list` and removed by the next save of that file.

    Parameters
    ----------
    scorecard
        What to write. It is changed only once the file is written: ``created`` and
        ``updated`` are set, and it remembers the file for the next conflict check.
    path
        Target file; its folder is created if needed.
    force
        Overwrite even if the file changed on disk since this scorecard was loaded from it,
        or exists and was never loaded by it.
    touch
        Set ``updated`` (and ``created`` if unset) to now.

    Raises
    ------
    ConflictError
        The file on disk is not the one this scorecard was loaded from or last saved to
        (checked under a lock, so of two saves at once exactly one succeeds).
    InputError
        The folder cannot be written: the disk is full, the folder is read-only or not
        ours. The scorecard is unchanged and no temporary file is left;
        :func:`save_elsewhere` writes it to another folder.
    """
    path = Path(path)
    fmt = _format_of(path)
    stamps: dict[str, dt.datetime] = {}
    if touch:
        now = dt.datetime.now(dt.UTC).replace(microsecond=0)
        stamps = {"updated": now} if scorecard.created else {"created": now, "updated": now}
    # Written from a copy: a save that fails leaves the caller's scorecard as it was.
    raw = dump(scorecard.model_copy(update=stamps), fmt).encode("utf-8")
    with _locked(path):
        if not force:
            _check_conflict(scorecard, path)
        _atomic_write(path, raw)
    for name, value in stamps.items():
        setattr(scorecard, name, value)
    _remember(scorecard, path, raw)


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


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[None]:
    """Hold an exclusive advisory lock on ``.<name>.lock`` beside ``path``.

    Every save of one file takes it, across the conflict check and the rename, so no other
    save can slip in between. The lock dies with the process holding it (a killed save
    blocks no one); the lock file stays, empty and hidden from :meth:`Workspace.list`.
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
        raise _write_error(exc, path) from exc
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


# What a failed write means, and what to do about it.
_WRITE_ERRORS = {
    errno.ENOSPC: "the disk is full; free some space or save elsewhere",
    errno.EDQUOT: "your disk quota is used up; free some space or save elsewhere",
    errno.EROFS: "the folder is read-only; save to another folder",
    errno.EACCES: "krakit may not write in this folder (permission denied); save to another folder",
    errno.EPERM: "krakit may not write in this folder (operation not permitted); "
    "save to another folder",
}


def _write_error(exc: OSError, path: Path) -> InputError:
    """The :class:`InputError` for an ``OSError`` met while saving ``path``."""
    reason = _WRITE_ERRORS.get(exc.errno or 0)
    if reason is None:
        reason = f"cannot write the file: {exc.strerror or exc}; save to another folder"
    return InputError(reason, path=path)


def _atomic_write(path: Path, raw: bytes) -> None:
    folder = path.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise _write_error(exc, path) from exc
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
            raise _write_error(exc, path) from exc
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
        """Names of the scorecards in the folder, sorted.

        Hidden files are left out: the lock files saves take (``.<name>.lock``) and any
        temporary file a killed save left (``.<name>.*.tmp``).
        """
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
