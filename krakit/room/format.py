"""The room's file format: one JSON record per participant and kind, versioned, validated.

A room is a folder::

    rooms/batch-7/
      room.json                        the room's settings (name, anonymous, closed)
      participants/<id>/<kind>.json    one record per participant and kind, latest wins

Every record carries ``schema_version`` (:data:`ROOM_SCHEMA_VERSION`), the participant it
belongs to and its ``kind``, so one file read alone says whose state it is. The JSON Schema
(``krakit/schema/room.schema.json``) is generated from :class:`Record` and :class:`RoomInfo`
(:func:`room_json_schema`), never written by hand. :func:`read_record` validates a file on
read: a half-written, foreign or newer-version file is an :class:`~krakit.errors.InputError`
naming the file, which the room lists instead of crashing on it.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from krakit.errors import InputError

__all__ = [
    "KINDS",
    "MAX_RECORD_BYTES",
    "ROOM_SCHEMA_PATH",
    "ROOM_SCHEMA_VERSION",
    "FixAttempt",
    "FixPayload",
    "Identity",
    "Kind",
    "ProgressPayload",
    "QuizPayload",
    "Record",
    "RoomInfo",
    "read_record",
    "read_room_info",
    "room_json_schema",
    "write_room_schema",
]

ROOM_SCHEMA_VERSION = 1
"""The version of the room format; a file with a higher one was written by a newer krakit."""

ROOM_SCHEMA_PATH = Path(__file__).resolve().parents[1] / "schema" / "room.schema.json"

MAX_RECORD_BYTES = 2_000_000
"""The largest record krakit reads (a scorecard of a few hundred KPIs is ~200 kB)."""

Kind = Literal["join", "progress", "scorecard", "quiz", "fix"]
KINDS: tuple[str, ...] = ("join", "progress", "scorecard", "quiz", "fix")
"""What a participant publishes: ``join`` is written once when they join."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Identity(_Strict):
    """Who wrote a record."""

    id: str = Field(description="The participant's id: the folder their files live in.")
    name: str = Field(
        description="The display name they typed; empty in an anonymous room, where only "
        "the alias is stored."
    )
    alias: str | None = Field(None, description="The alias the room gave them (anonymous rooms).")
    person: str = Field(
        description="A key equal for the same name typed in two tabs (the facilitator merges "
        "on it): the casefolded name, or its hash in an anonymous room."
    )
    session: str = Field(description="The tab (kernel session) that joined.")


class ProgressPayload(BaseModel):
    """Where a participant is in the wizard or the training."""

    model_config = ConfigDict(extra="allow", frozen=True)

    step: int | None = Field(None, description="The step number (1-4 in the wizard).")
    step_name: str | None = Field(None, description="The step's name, e.g. 'KPIs'.")
    activity: str | None = Field(None, description="What they are doing: 'wizard', 'quiz'...")


class QuizPayload(BaseModel):
    """A participant's quiz answers so far."""

    model_config = ConfigDict(extra="allow", frozen=True)

    answers: dict[str, str] = Field(
        default_factory=dict, description="Statement -> 'KRA' or 'KPI' for each answered item."
    )
    sent: bool = Field(False, description="Whether the participant pressed Send.")


class FixAttempt(BaseModel):
    """One try at a fix-this-KPI exercise."""

    model_config = ConfigDict(extra="allow", frozen=True)

    statement: str = Field(description="The weak KPI to fix.")
    rewrite: str = Field(description="What the participant wrote.")
    solved: bool | None = Field(None, description="Whether the checker found no error.")


class FixPayload(BaseModel):
    """A participant's fix-this-KPI attempts."""

    model_config = ConfigDict(extra="allow", frozen=True)

    attempts: list[FixAttempt] = Field(default_factory=list)


_PAYLOADS: dict[str, type[BaseModel] | None] = {
    "join": None,
    "progress": ProgressPayload,
    "scorecard": None,  # a scorecard's own model checks it when the room tallies it
    "quiz": QuizPayload,
    "fix": FixPayload,
}


class Record(_Strict):
    """One participant's latest state of one kind: the content of ``<id>/<kind>.json``."""

    schema_version: int = Field(
        ROOM_SCHEMA_VERSION, ge=1, le=ROOM_SCHEMA_VERSION, description="The room format version."
    )
    room: str = Field(description="The room's name.")
    participant: Identity
    kind: Kind = Field(description="Which state this is.")
    seq: int = Field(ge=0, description="Counts this participant's writes of this kind.")
    published: str = Field(description="When it was written (ISO 8601, UTC).")
    payload: dict[str, Any] = Field(
        default_factory=dict,
        description="The state: a scorecard as saved by krakit.store, progress, quiz or fix.",
    )

    def parsed(self) -> BaseModel | dict[str, Any]:
        """The payload as its typed model (progress, quiz, fix) or the plain dict."""
        model = _PAYLOADS[self.kind]
        return self.payload if model is None else model.model_validate(self.payload)


class RoomInfo(_Strict):
    """The room's settings: the content of ``room.json``."""

    schema_version: int = Field(ROOM_SCHEMA_VERSION, ge=1, le=ROOM_SCHEMA_VERSION)
    name: str = Field(description="The room's name.")
    anonymous: bool = Field(False, description="Participants are shown by alias only.")
    closed: bool = Field(False, description="A closed room refuses joins and publishes.")
    created: str = Field(description="When the room was created (ISO 8601, UTC).")
    resets: int = Field(0, ge=0, description="How many times the facilitator reset it.")


def room_json_schema() -> dict[str, Any]:
    """The JSON Schema of the room's files (a record, or ``room.json``).

    Examples
    --------
    >>> sorted(room_json_schema()["$defs"])[:3]
    ['FixAttempt', 'FixPayload', 'Identity']
    """
    record = Record.model_json_schema()
    info = RoomInfo.model_json_schema()
    defs = dict(record.pop("$defs", {}))
    defs["Record"] = record
    defs["RoomInfo"] = info
    for model in (ProgressPayload, QuizPayload, FixPayload):
        schema = model.model_json_schema()
        defs.update(schema.pop("$defs", {}))
        defs[model.__name__] = schema
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://krakit.dev/schema/room.schema.json",
        "title": "krakit room file",
        "description": "A file of a krakit workshop room: room.json (RoomInfo) or "
        "participants/<id>/<kind>.json (Record; its payload is a ProgressPayload, QuizPayload, "
        f"FixPayload or a scorecard). Format version {ROOM_SCHEMA_VERSION}.",
        "oneOf": [{"$ref": "#/$defs/Record"}, {"$ref": "#/$defs/RoomInfo"}],
        "$defs": dict(sorted(defs.items())),
    }


def write_room_schema() -> Path:
    """Write :func:`room_json_schema` to ``krakit/schema/room.schema.json`` (``make schema``)."""
    text = json.dumps(room_json_schema(), indent=2, ensure_ascii=False) + "\n"
    ROOM_SCHEMA_PATH.write_text(text, encoding="utf-8")
    return ROOM_SCHEMA_PATH


def _read_json(path: Path) -> Any:
    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_RECORD_BYTES + 1)
    except OSError as exc:
        raise InputError(f"cannot read the file: {exc.strerror or exc}", path=path) from exc
    if len(raw) > MAX_RECORD_BYTES:
        raise InputError(
            f"the file is larger than {MAX_RECORD_BYTES:,} bytes; it is not a room file",
            path=path,
        )
    if not raw.strip():
        raise InputError("the file is empty (a write that did not finish?)", path=path)
    try:
        return json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise InputError(
            "the file is not valid JSON (half-written, or not a room file)", path=path
        ) from exc


def _validation_error(exc: ValidationError, path: Path, data: Any) -> InputError:
    version = data.get("schema_version") if isinstance(data, dict) else None
    if isinstance(version, int) and version > ROOM_SCHEMA_VERSION:
        return InputError(
            f"the file is in room format {version}, newer than this krakit reads "
            f"({ROOM_SCHEMA_VERSION}); update krakit",
            path=path,
            field="schema_version",
            value=version,
        )
    first = exc.errors()[0]
    where = ".".join(str(p) for p in first["loc"]) or None
    return InputError(
        f"not a krakit room file: {first['msg']}", path=path, field=where, value=first.get("input")
    )


def read_record(path: Path) -> Record:
    """Read and validate one participant file.

    Raises
    ------
    InputError
        The file is unreadable, empty, not JSON, too big, of a newer format, or not a room
        record (its payload included); the message names the file and the field.
    """
    data = _read_json(path)
    try:
        record = Record.model_validate(data)
        record.parsed()
    except ValidationError as exc:
        raise _validation_error(exc, path, data) from exc
    return record


def read_room_info(path: Path) -> RoomInfo:
    """Read and validate ``room.json``.

    Raises
    ------
    InputError
        As :func:`read_record`.
    """
    data = _read_json(path)
    try:
        return RoomInfo.model_validate(data)
    except ValidationError as exc:
        raise _validation_error(exc, path, data) from exc
