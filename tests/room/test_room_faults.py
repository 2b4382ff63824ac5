"""Faults in a room: 30 participants publishing at once, some SIGKILLed mid-write.

Each participant is a forked process publishing its progress and scorecard round after round,
announcing every publish it completed through a pipe. A third of them also announce two
moments inside a write (half the bytes in the temporary file; the rename next) and wait
there for the parent, which SIGKILLs them at one of those moments: never by the clock, so the
test is the same on a fast machine and a busy one. Meanwhile and at the end the parent reads
the room: no snapshot ever holds a half-written state or an unreadable file, each participant
keeps its last complete state, and their own workspace files are untouched.
"""

from __future__ import annotations

import hashlib
import os
import random
import select
import signal
from pathlib import Path
from typing import Any

import krakit
from krakit.room import Room

PEOPLE = 30
ROUNDS = 6  # publishes of each kind by a participant that is not killed
KILLED = range(0, PEOPLE, 3)  # every third participant is killed mid-write
_TIMEOUT = 120  # seconds; only a hung child comes near it, never a slow machine


def _payload(person: int, n: int) -> dict[str, Any]:
    blob = f"{person}:{n}:" + "x" * (200 + 97 * n)
    return {"step": n, "step_name": blob, "digest": hashlib.sha256(blob.encode()).hexdigest()}


def _card(person: int, n: int) -> dict[str, Any]:
    return {
        "role": {"title": f"Person {person} version {n}", "note": "n" * (300 * n)},
        "kras": [{"title": "Hiring", "kpis": [{"statement": f"Time to hire under {30 + n} days"}]}],
    }


def _child(folder: Path, person: int, report: int, go: int, stops: bool) -> None:
    """In a forked child: publish rounds of progress and scorecard, announcing each."""
    code = 3
    try:
        if stops:
            real_fdopen, real_replace = os.fdopen, os.replace

            def step(name: str) -> None:
                os.write(report, f"at {name}\n".encode())
                if os.read(go, 1) != b"g":
                    os._exit(5)

            class Half:
                def __init__(self, handle: Any) -> None:
                    self._h = handle

                def __enter__(self) -> Half:
                    return self

                def __exit__(self, *exc: object) -> None:
                    self._h.close()

                def write(self, data: bytes) -> int:
                    self._h.write(data[: len(data) // 2])
                    self._h.flush()
                    step("mid-write")
                    self._h.write(data[len(data) // 2 :])
                    return len(data)

                def flush(self) -> None:
                    self._h.flush()

                def fileno(self) -> int:
                    return int(self._h.fileno())

            def replace(src: Any, dst: Any) -> None:
                step("before-rename")
                real_replace(src, dst)

            os.fdopen = lambda fd, *a, **k: Half(real_fdopen(fd, *a, **k))  # type: ignore[assignment]
            os.replace = replace  # type: ignore[assignment]
        me = Room(path=folder).join(f"Person {person}", session=f"{person:06x}")
        os.write(report, b"done join 0\n")
        for n in range(ROUNDS):
            me.publish("progress", _payload(person, n))
            os.write(report, f"done progress {n}\n".encode())
            me.publish("scorecard", _card(person, n))
            os.write(report, f"done scorecard {n}\n".encode())
        code = 0
    except BaseException as exc:
        os.write(report, f"error {exc!r}\n".encode())
        code = 4
    finally:
        os._exit(code)


def _check(room: Room, done: dict[int, dict[str, int]]) -> int:
    """The room as read now: every file whole and no older than what was announced."""
    state = room.snapshot()
    assert state.unreadable == (), [u.name + ": " + u.reason for u in state.unreadable]
    for tab in state.tabs:
        person = int(tab.identity.session, 16)
        progress = tab.entries.get("progress")
        if progress is not None:
            payload = progress.record.payload
            blob = payload["step_name"]
            assert hashlib.sha256(blob.encode()).hexdigest() == payload["digest"]
            assert blob.startswith(f"{person}:{payload['step']}:")
            assert progress.record.seq >= done[person].get("progress", -1)
        card = tab.entries.get("scorecard")
        if card is not None:
            sc = krakit.Scorecard.model_validate(card.record.payload)
            assert sc.role.title == f"Person {person} version {card.record.seq}"
            assert card.record.seq >= done[person].get("scorecard", -1)
    return len(state.tabs)


def test_thirty_publishers_some_killed_mid_write(tmp_path: Path) -> None:
    folder = tmp_path / "room"
    room = Room(path=folder)
    workspace = krakit.Workspace(tmp_path / "workspaces")
    own = {}
    for person in range(PEOPLE):
        path = workspace.save(krakit.Scorecard.model_validate(_card(person, 9)), f"p{person}")
        own[path] = path.read_bytes()
    rng = random.Random(20261203)
    # who is killed, at which of its writes (counted over both kinds) and at which moment
    plan = {
        p: (rng.randrange(2, 2 * ROUNDS), rng.choice(["mid-write", "before-rename"]))
        for p in KILLED
    }
    children: dict[int, tuple[int, Any, int]] = {}  # person -> pid, report file, go fd
    for person in range(PEOPLE):
        report_r, report_w = os.pipe()
        go_r, go_w = os.pipe()
        pid = os.fork()
        if pid == 0:  # pragma: no cover - the child
            os.close(report_r)
            os.close(go_w)
            _child(folder, person, report_w, go_r, person in plan)
        os.close(report_w)
        os.close(go_r)
        children[person] = (pid, os.fdopen(report_r, "rb", buffering=0), go_w)
    done: dict[int, dict[str, int]] = {p: {} for p in range(PEOPLE)}
    writes = dict.fromkeys(plan, 0)  # writes a stopping child has begun
    killed_at: dict[int, str] = {}
    live = {report: person for person, (_, report, _) in children.items()}
    lines = snapshots = 0
    while live:
        ready, _, _ = select.select(list(live), [], [], _TIMEOUT)
        assert ready, f"participants {sorted(live.values())} are stuck"
        for report in ready:
            person = live[report]
            pid, _, go = children[person]
            line = report.readline().decode().strip()
            if not line:  # the child ended
                del live[report]
                continue
            lines += 1
            verb, *rest = line.split()
            assert verb != "error", f"participant {person}: {line}"
            if verb == "done":
                done[person][rest[0]] = int(rest[1])
            elif verb == "at":
                if rest[0] == "mid-write":
                    writes[person] += 1
                when, moment = plan[person]
                if writes[person] >= when and rest[0] == moment:
                    os.kill(pid, signal.SIGKILL)  # half a file in the temporary, or unrenamed
                    killed_at[person] = moment
                    del live[report]
                else:
                    os.write(go, b"g")
        if lines // 25 > snapshots:  # read the room now and then while they write
            snapshots += 1
            _check(room, done)
    statuses = {}
    for person, (pid, report, go) in children.items():
        _, status = os.waitpid(pid, 0)
        statuses[person] = status
        report.close()
        os.close(go)
    for person, status in statuses.items():
        if person in killed_at:
            assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL
        else:
            assert os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0, person
    assert sorted(killed_at) == sorted(plan)  # every planned kill happened, mid-write
    assert snapshots >= 5
    assert _check(room, done) == PEOPLE
    for tab in room.snapshot().tabs:  # each keeps exactly its last complete state
        person = int(tab.identity.session, 16)
        for kind in ("progress", "scorecard"):
            entry = tab.entries.get(kind)
            seq = -1 if entry is None else entry.record.seq
            assert seq == done[person].get(kind, -1), (person, kind)
    hidden = [p.name for p in (folder / "participants").rglob(".*.tmp")]
    assert len(hidden) == len(plan)  # what each killed write left: hidden, never read
    for path, raw in own.items():
        assert path.read_bytes() == raw  # their own workspace is untouched
