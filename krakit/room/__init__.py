"""The workshop room: participants publish their state into a folder, the facilitator reads it.

=====================================  ==================================================
:mod:`krakit.room.format`              the files: records, room.json, the JSON Schema,
                                       validation on read
:mod:`krakit.room.names`               room folders, participant ids, aliases (contained)
:mod:`krakit.room.room`                Room: join, snapshot, reset, anonymity, goal tree
:mod:`krakit.room.participant`         Participant: publish one file per kind, atomically
:mod:`krakit.room.anonymity`           names rewritten as aliases when a room turns
                                       anonymous after people joined
:mod:`krakit.room.state`               RoomState: tabs, people (tabs merged), unreadable
:mod:`krakit.room.publisher`           debounced publishing (≤ 1 write per ~2 s)
:mod:`krakit.room.tally`               who is where, the room's mistakes, quiz tallies
:mod:`krakit.room.spotlight`           one anonymised draft at a time, with its verdict
:mod:`krakit.room.chart`               the mistakes and quiz-score charts (Vega-Lite specs)
:mod:`krakit.room.export`              the Excel workbook and the zip of scorecards
=====================================  ==================================================

Examples
--------
>>> import tempfile
>>> from krakit.room import Room, Publisher
>>> room = Room(path=tempfile.mkdtemp() + "/batch-7")
>>> me = room.join("Asha Rao")
>>> _ = me.publish("progress", {"step": 1, "step_name": "Role & KRAs"})
>>> [p.shown for p in room.snapshot().people()]
['Asha Rao']
"""

from __future__ import annotations

from krakit.room.format import KINDS, ROOM_SCHEMA_VERSION, Record, RoomInfo, room_json_schema
from krakit.room.names import ROOMS_ENV, room_folder, rooms_root
from krakit.room.publisher import Publisher
from krakit.room.room import Participant, Room
from krakit.room.state import Person, RoomState, TabState, Unreadable

__all__ = [
    "KINDS",
    "ROOMS_ENV",
    "ROOM_SCHEMA_VERSION",
    "Participant",
    "Person",
    "Publisher",
    "Record",
    "Room",
    "RoomInfo",
    "RoomState",
    "TabState",
    "Unreadable",
    "room_folder",
    "room_json_schema",
    "rooms_root",
]
