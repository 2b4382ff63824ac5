"""The room mode of ``bench_workshop_load.py``: participants join a room and publish, a
facilitator watches.

Used with ``--room``: Voilà serves the app as ``make app ROOM=...`` does (``KRAKIT_ROOM``
and ``KRAKIT_ROOMS`` pointing at a temporary rooms folder). Each simulated participant, once
the wizard's widget states have arrived, does over the kernel's websocket what a person does
in the page: types a name into the join bar and clicks *Join*, then types a role and two KRAs
(so the wizard publishes its progress and draft, debounced). The benchmark times until that
participant's ``progress.json`` in the room says they joined, and until it shows their KRAs.
Meanwhile a facilitator process reads the room as the facilitator's view does (a snapshot and
the tallies, once a second), so its load is part of the measurement.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import struct
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

ROOM_NAME = "bench-room"
ROLE = "Customer support lead"
KRA_LINES = "Customer satisfaction\nTicket resolution"
PUBLISH_TIMEOUT_S = 60.0

# The facilitator: what its view does on each refresh, once a second, until stopped.
FACILITATOR = """
import sys, time
from krakit.room import Room, tally
room = Room(path=sys.argv[1])
refreshes = 0
while True:
    state = room.snapshot()
    tally.participants(state)
    tally.mistakes(state)
    tally.quiz_tally(state)
    tally.quiz_scores(state)
    refreshes += 1
    print(refreshes, len(state.people()), flush=True)
    time.sleep(1.0)
"""


def room_env(rooms: Path) -> dict[str, str]:
    """The variables ``make app ROOM=bench-room`` gives Voilà (and so every kernel)."""
    return {"KRAKIT_ROOM": ROOM_NAME, "KRAKIT_ROOMS": str(rooms)}


@contextlib.contextmanager
def facilitator(rooms: Path, log: Path) -> Iterator[subprocess.Popen[bytes]]:
    """A facilitator reading the room once a second for as long as the block runs."""
    folder = rooms / ROOM_NAME
    folder.parent.mkdir(parents=True, exist_ok=True)
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [sys.executable, "-c", FACILITATOR, str(folder)], stdout=out, stderr=subprocess.STDOUT
        )
    try:
        yield proc
    finally:
        proc.terminate()
        with contextlib.suppress(subprocess.TimeoutExpired):
            proc.wait(timeout=10)
        if proc.poll() is None:
            proc.kill()


def _find(states: dict[str, dict], css: str) -> str:
    for model_id, model in states.items():
        if css in model.get("state", {}).get("_dom_classes", ()):
            return model_id
    raise LookupError(f"no widget with class {css} in the page")


def _progress(rooms: Path, name: str) -> dict | None:
    """The participant's latest progress in the room (None until they published one)."""
    for path in (rooms / ROOM_NAME / "participants").glob("*/progress.json"):
        with contextlib.suppress(OSError, ValueError):
            record = json.loads(path.read_text(encoding="utf-8"))
            if record["participant"]["name"] == name:
                return record["payload"]
    return None


async def join_and_publish(
    ws: object, send: object, states: dict[str, dict], rooms: Path, start: float
) -> tuple[float, float]:
    """Join as a fresh name and type two KRAs; seconds (from ``start``) until each is in the room.

    ``send(comm_id, data)`` sends a comm message on the page's websocket ``ws``.
    """
    name = f"Participant {uuid.uuid4().hex[:6]}"
    await send(_find(states, "krakit-join-name"), {"method": "update", "state": {"value": name}})
    await send(
        _find(states, "krakit-join-button"), {"method": "custom", "content": {"event": "click"}}
    )
    joined = await _wait(rooms, name, lambda p: True, start)
    title, lines = _find(states, "krakit-role-title"), _find(states, "krakit-kra-lines")
    await send(title, {"method": "update", "state": {"value": ROLE}})
    await send(lines, {"method": "update", "state": {"value": KRA_LINES}})
    published = await _wait(rooms, name, lambda p: p.get("kras", 0) >= 2, start)
    return joined, published


async def _wait(rooms: Path, name: str, done: object, start: float) -> float:
    deadline = time.perf_counter() + PUBLISH_TIMEOUT_S
    while time.perf_counter() < deadline:
        progress = await asyncio.to_thread(_progress, rooms, name)
        if progress is not None and done(progress):
            return time.perf_counter() - start
        await asyncio.sleep(0.05)
    raise TimeoutError(f"{name}'s progress never reached the room in {PUBLISH_TIMEOUT_S:.0f}s")


def states_of(raw: str | bytes) -> dict[str, dict] | None:
    """The widget states of an ``update_states`` message, or None for any other message."""
    if isinstance(raw, bytes):  # a binary frame (buffers): JSON after the offsets
        count = struct.unpack_from("!I", raw)[0]
        offsets = struct.unpack_from(f"!{count}I", raw, 4)
        raw = raw[offsets[0] : offsets[1] if count > 1 else len(raw)].decode("utf-8")
    message = json.loads(raw)
    data = message.get("content", {}).get("data", {})
    if message.get("msg_type") == "comm_msg" and data.get("method") == "update_states":
        return dict(data.get("states", {}))
    return None


def facilitator_refreshes(log: Path) -> int:
    """How many times the facilitator read the room (the last line of its log)."""
    lines = [ln for ln in log.read_text(errors="replace").splitlines() if ln.strip()]
    with contextlib.suppress(IndexError, ValueError):
        return int(lines[-1].split()[0])
    return 0


def env_for_voila(rooms: Path | None) -> dict[str, str]:
    """The room variables for Voilà in room mode, nothing otherwise."""
    return room_env(rooms) if rooms is not None else {}


__all__ = [
    "ROOM_NAME",
    "env_for_voila",
    "facilitator",
    "facilitator_refreshes",
    "join_and_publish",
    "room_env",
    "states_of",
]
