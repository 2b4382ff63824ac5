"""One scorecard, one file: load and save YAML or JSON, refusing to overwrite others' work.

* YAML is the default: human-editable and diffable (:mod:`krakit.store.safe_yaml`).
* A save is atomic (:mod:`krakit.store.atomic`): the file is always one whole version.
* A save refuses to overwrite a file that changed on disk since this scorecard was loaded
  from it (or last saved to it): :class:`~krakit.errors.ConflictError`, unless ``force=True``.
  The check and the write happen under the file's lock, so two processes saving at once
  cannot both pass the check: one wins, the other gets the ``ConflictError`` and keeps its
  scorecard in memory.
* A save that fails leaves the scorecard in memory exactly as it was.
* Files in an older format are upgraded as they are read (:mod:`krakit.migration`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from os import PathLike
from pathlib import Path
from typing import Any

import yaml

from krakit.errors import ConflictError, InputError
from krakit.limits import SCORECARD_MAX_BYTES, check_size
from krakit.migration import migrate
from krakit.model import SCHEMA_VERSION, Scorecard, validate_scorecard
from krakit.store.atomic import atomic_write, locked
from krakit.store.safe_yaml import AliasBomb, plain_numbers, read_yaml, write_yaml

__all__ = ["SUFFIXES", "YAML_SUFFIXES", "dump", "load", "loads", "origin", "save", "to_data"]

YAML_SUFFIXES = (".yaml", ".yml")
SUFFIXES = (*YAML_SUFFIXES, ".json")


def _model_data(scorecard: Scorecard) -> dict[str, Any]:
    """The scorecard as data, in field order, leaving out empty and default fields."""
    data = scorecard.model_dump(mode="json", exclude_none=True, exclude_defaults=True)
    data.pop("schema_version", None)
    return {"schema_version": SCHEMA_VERSION, **data}


def to_data(scorecard: Scorecard) -> dict[str, Any]:
    """The scorecard as plain data (``40`` not ``40.0``), as :func:`dump` writes it."""
    return plain_numbers(_model_data(scorecard))


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
        return write_yaml(_model_data(scorecard))  # made plain on the way
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
    data = read_data(text, fmt, path=path)
    if data is None:
        raise InputError("the file is empty; a scorecard needs at least a 'role'", path=path)
    try:
        return validate_scorecard(migrate(data, path=path), path=path)
    except RecursionError as exc:  # JSON and libyaml read deeper than an upgrade can copy
        raise InputError(_TOO_DEEP, path=path) from exc


def read_data(text: str, fmt: str = "yaml", *, path: str | PathLike[str] | None = None) -> Any:
    """Read YAML or JSON text into plain data, safely (any krakit file: scorecards, goal trees).

    Raises
    ------
    InputError
        Not valid YAML/JSON (with line and column), an alias bomb, or nested too deeply.
    """
    try:
        if fmt == "json":
            data = json.loads(text)
        else:
            data = read_yaml(text)
    except AliasBomb as exc:
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
    return data


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
    raw, text = read_text(path)
    scorecard = loads(text, fmt, path=path)
    _remember(scorecard, path, raw)
    return scorecard


def read_text(path: Path, limit: int | None = None) -> tuple[bytes, str]:
    """A krakit file's bytes and its UTF-8 text (a byte-order mark dropped).

    Raises
    ------
    InputError
        The file is missing, unreadable, larger than ``limit`` (default: the scorecard
        limit) or not UTF-8, naming it.
    """
    # before reading: a 5 GB file is refused, not read (the limit is read at call time)
    check_size(path, SCORECARD_MAX_BYTES if limit is None else limit)
    try:
        raw = path.read_bytes()
    except FileNotFoundError as exc:
        raise InputError("no such file", path=path) from exc
    except OSError as exc:
        raise InputError(f"cannot read the file: {exc.strerror}", path=path) from exc
    try:
        return raw, raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"the file is not UTF-8 text (byte {exc.start} cannot be read)", path=path
        ) from exc


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
    is hidden from :meth:`~krakit.store.Workspace.list` and removed by the next save of that file.

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
        :func:`~krakit.store.save_elsewhere` writes it to another folder.
    """
    path = Path(path)
    fmt = _format_of(path)
    stamps: dict[str, dt.datetime] = {}
    if touch:
        now = dt.datetime.now(dt.UTC).replace(microsecond=0)
        stamps = {"updated": now} if scorecard.created else {"created": now, "updated": now}
    # Written from a copy: a save that fails leaves the caller's scorecard as it was.
    raw = dump(scorecard.model_copy(update=stamps), fmt).encode("utf-8")
    with locked(path):
        if not force:
            _check_conflict(scorecard, path)
        atomic_write(path, raw)
    for name, value in stamps.items():
        setattr(scorecard, name, value)
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
