"""Debounced publishing, driven by an injected clock (no test waits on a real timer)."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest

from krakit.errors import InputError
from krakit.room import Publisher, Room


class _Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def _progress(room: Room) -> dict:
    (person,) = room.snapshot().people()
    return person.payload("progress") or {}


@pytest.fixture
def setup(tmp_path: Path) -> tuple[Room, Publisher, _Clock]:
    room = Room(path=tmp_path / "r")
    clock = _Clock()
    return room, Publisher(room.join("Asha"), every=2.0, clock=clock, timer=False), clock


def test_first_update_writes_then_at_most_one_write_per_interval(setup) -> None:
    room, pub, clock = setup
    pub.update("progress", {"step": 1})
    assert pub.writes == 1 and _progress(room)["step"] == 1
    for step in range(2, 30):  # a burst of typing inside the interval
        clock.now += 0.05
        pub.update("progress", {"step": step})
    assert pub.writes == 1 and pub.pending == ["progress"]
    assert _progress(room)["step"] == 1
    clock.now = 102.0
    pub.tick()
    assert pub.writes == 2 and pub.pending == []
    assert _progress(room)["step"] == 29  # the latest, not any in between


def test_one_write_round_carries_every_pending_kind(setup) -> None:
    room, pub, clock = setup
    pub.update("progress", {"step": 1})
    pub.update("quiz", {"answers": {"Recruitment": "KRA"}})
    pub.update("progress", {"step": 2})
    clock.now += 2.5
    pub.update("fix", {"attempts": []})
    assert pub.writes == 2
    (person,) = room.snapshot().people()
    assert person.payload("quiz")["answers"] == {"Recruitment": "KRA"}
    assert person.payload("progress")["step"] == 2 and person.payload("fix") == {"attempts": []}


def test_flush_writes_at_once(setup) -> None:
    room, pub, _clock = setup
    pub.update("progress", {"step": 1})
    pub.update("progress", {"step": 2})
    pub.flush()  # a step change: no waiting for the interval
    assert _progress(room)["step"] == 2 and pub.writes == 2
    pub.flush()  # nothing pending: no write
    assert pub.writes == 2


def test_a_failed_timed_write_is_raised_by_flush(setup) -> None:
    room, pub, clock = setup
    pub.update("progress", {"step": 1})
    room.close()
    pub.update("progress", {"step": 2})
    clock.now += 3
    pub._on_timer()  # what the timer thread runs
    assert isinstance(pub.error, InputError)
    with pytest.raises(InputError, match="closed"):
        pub.flush()
    assert pub.pending == ["progress"]  # kept for when the room reopens
    room.reopen()
    pub.flush()
    assert _progress(room)["step"] == 2


def test_the_timer_writes_what_is_pending(tmp_path: Path) -> None:
    room = Room(path=tmp_path / "r")
    clock = _Clock()
    pub = Publisher(room.join("Asha"), every=2.0, clock=clock)
    written = threading.Event()
    real = pub._write

    def write() -> None:
        real()
        written.set()

    pub._write = write  # type: ignore[method-assign]
    pub.update("progress", {"step": 1})
    written.clear()
    pub.update("progress", {"step": 2})  # inside the interval: the timer takes it
    assert pub._timer is not None
    clock.now += 2
    assert written.wait(60)
    pub.close()
    files = room.folder.rglob("progress.json")
    assert json.loads(next(files).read_text())["payload"]["step"] == 2
