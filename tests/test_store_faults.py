"""Faults while saving: no saved work is ever lost.

* A save killed (SIGKILL) at each step it takes, in random order (the saving child says
  what it is doing, the parent kills it at a step it has seen, never by the clock): the file
  is always one whole version, never truncated; leftover temporary files are hidden and
  cleaned up.
* Two processes saving one file at once: exactly one wins, the other gets a ConflictError
  and keeps its scorecard, which it can still save elsewhere.
* Disk full, read-only or forbidden folder: a clear InputError naming the file and what to
  do, the scorecard in memory untouched, no temporary file left.
"""

from __future__ import annotations

import contextlib
import errno
import json
import multiprocessing
import os
import random
import select
import shutil
import signal
import subprocess
import tempfile
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

import krakit
from krakit import edit, store
from krakit.errors import ConflictError, InputError
from krakit.store import atomic
from krakit.store import file as store_file


def _big(kpis_per_kra: int, tag: str) -> krakit.Scorecard:
    """A scorecard of a few tens of kilobytes, different for each tag."""
    return krakit.Scorecard.model_validate(
        {
            "role": {"title": f"Recruiter {tag}", "note": f"version {tag}"},
            "kras": [
                {
                    "title": f"Area {k} {tag}",
                    "kpis": [
                        {
                            "id": f"k{k}-{i}",
                            "statement": f"Reduce time to hire from 45 to {30 + i} days by "
                            f"March 2027 ({tag})",
                            "metric": "Time to hire",
                            "unit": "days",
                            "baseline": 45,
                            "target": 30 + i,
                            "owner": "Priya",
                            "note": f"{tag} " * 20,
                            "ignore": {"T001": f"reviewed yearly ({tag})"},
                        }
                        for i in range(kpis_per_kra)
                    ],
                }
                for k in range(5)
            ],
        }
    )


def _temp_files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


# ---------------------------------------------------------------- SIGKILL while saving

# What a saving child announces, in order, for each save. It waits after each announcement
# until the parent says "go", so the parent kills it at a step it has seen, never at a moment
# picked from the clock: the test is the same on a fast machine and on a busy one.
_SAVE_STEPS = (
    "lock",  # the lock is held; leftovers of killed saves are not yet removed
    "tmp-open",  # the temporary file exists, empty
    "mid-write",  # half the bytes are in the temporary file
    "written",  # all the bytes are in the temporary file, not yet synced
    "tmp-synced",  # the temporary file is on disk: between write and rename
    "before-rename",  # permissions set; the rename is next
    "after-rename",  # the target is the new version
    "folder-synced",  # the rename is on disk
    "saved",  # save() returned; the next save starts
)
# How much of the new version the temporary file holds at each step that has one.
_TMP_HOLDS = {
    "tmp-open": 0.0,
    "mid-write": 0.5,
    "written": 1.0,
    "tmp-synced": 1.0,
    "before-rename": 1.0,
}
# Seconds; only a hung child (a lock never released) comes near it, never a slow machine.
_STEP_TIMEOUT = 120


class _SlowHandle:
    """The temporary file, written in two halves with a step announced after each."""

    def __init__(self, handle: Any, step: Callable[[str], None]) -> None:
        self._handle, self._step = handle, step

    def __enter__(self) -> _SlowHandle:
        return self

    def __exit__(self, *exc: object) -> None:
        self._handle.close()

    def write(self, data: bytes) -> int:
        half = len(data) // 2
        self._handle.write(data[:half])
        self._handle.flush()
        self._step("mid-write")
        self._handle.write(data[half:])
        self._handle.flush()
        self._step("written")
        return len(data)

    def flush(self) -> None:
        self._handle.flush()

    def fileno(self) -> int:
        return int(self._handle.fileno())


def _save_step_by_step(
    target: Path, versions: tuple[krakit.Scorecard, ...], report: int, go: int
) -> None:  # pragma: no cover - runs in a forked child
    """In a forked child: save the versions in turn until killed, announcing each step.

    Each step is written to ``report`` as a line; the child then waits for one byte on
    ``go``. The real calls of a save still do all the work: each is wrapped (in this child
    only) to announce what it has just done.
    """
    renamed = False

    def step(name: str) -> None:
        os.write(report, name.encode() + b"\n")
        if os.read(go, 1) != b"g":  # the parent is gone
            os._exit(5)

    real_flock, real_mkstemp, real_fdopen = atomic.fcntl.flock, tempfile.mkstemp, os.fdopen
    real_fsync, real_replace = os.fsync, os.replace

    def flock(fd: int, operation: int) -> None:
        real_flock(fd, operation)
        step("lock")

    def mkstemp(*args: Any, **kwargs: Any) -> tuple[int, str]:
        made = real_mkstemp(*args, **kwargs)
        step("tmp-open")
        return made

    def fdopen(fd: int, *args: Any, **kwargs: Any) -> _SlowHandle:
        return _SlowHandle(real_fdopen(fd, *args, **kwargs), step)

    def fsync(fd: int) -> None:
        real_fsync(fd)
        step("folder-synced" if renamed else "tmp-synced")

    def replace(src: Any, dst: Any) -> None:
        nonlocal renamed
        step("before-rename")
        real_replace(src, dst)
        renamed = True
        step("after-rename")

    atomic.fcntl.flock = flock  # type: ignore[assignment]
    tempfile.mkstemp = mkstemp  # type: ignore[assignment]
    os.fdopen, os.fsync, os.replace = fdopen, fsync, replace  # type: ignore[assignment]
    code = 3
    try:
        i = 0
        while True:
            renamed = False
            store.save(versions[i % 2], target, force=True, touch=False)
            step("saved")
            i += 1
    except BaseException as exc:
        os.write(report, f"error {exc!r}\n".encode())
        code = 4
    finally:
        os._exit(code)


def _kill_plan(rng: random.Random) -> list[tuple[int, str, bool]]:
    """Every (save, step, exactly-at) once, in random order.

    ``save`` is how many saves the child completes before the one that is killed;
    exactly-at kills the child while it waits at the step, otherwise it is told to go on and
    killed at once, somewhere on its way to the next step.
    """
    plan = [(n, name, at) for n in range(3) for name in _SAVE_STEPS for at in (True, False)]
    rng.shuffle(plan)
    return plan


def test_sigkill_at_random_moments_never_leaves_a_broken_file(tmp_path: Path) -> None:
    folder = tmp_path / "workspace"
    target = folder / "card.yaml"
    a, b = _big(2, "A"), _big(4, "B")
    text = {id(a): store.dump(a).encode(), id(b): store.dump(b).encode()}
    raw = {text[id(a)]: a.model_dump(), text[id(b)]: b.model_dump()}
    assert len(set(map(len, raw))) == 2  # a truncated B could not pass for A
    store.save(a, target, touch=False)
    on_disk_now, leftover_now = text[id(a)], False  # what the steps seen so far imply
    rng = random.Random(20261129)
    seen: set[bytes] = set()
    kills = mid_write = 0
    for n, kill_at, exactly in _kill_plan(rng):
        kills += 1
        versions = (a, b) if kills % 2 else (b, a)
        report_r, report_w = os.pipe()
        go_r, go_w = os.pipe()
        pid = os.fork()
        if pid == 0:  # pragma: no cover - the child
            os.close(report_r)
            os.close(go_w)
            _save_step_by_step(target, versions, report_w, go_r)
        os.close(report_w)
        os.close(go_r)
        steps = 0  # steps seen so far; save number steps // len(_SAVE_STEPS) is under way
        with os.fdopen(report_r, "rb", buffering=0) as reports:
            while True:
                ready, _, _ = select.select([reports], [], [], _STEP_TIMEOUT)
                assert ready, f"the saving child is stuck after step {steps}"
                line = reports.readline().decode().strip()
                save_no, at = divmod(steps, len(_SAVE_STEPS))
                assert line == _SAVE_STEPS[at], (
                    f"the saving child said {line!r} where a save does {_SAVE_STEPS[at]!r}"
                )
                saving = versions[save_no % 2]
                steps += 1
                if line == "tmp-open":  # the save removed older leftovers, then made its own
                    leftover_now = True
                elif line == "after-rename":
                    on_disk_now, leftover_now = text[id(saving)], False
                if line == kill_at and save_no == n:
                    break
                os.write(go_w, b"g")
            if not exactly:  # let it go on, and kill it at once on its way to the next step
                os.write(go_w, b"g")
            os.kill(pid, signal.SIGKILL)
            _, status = os.waitpid(pid, 0)
        os.close(go_w)
        assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL, (
            "the saving child stopped by itself (an exception while saving)"
        )
        on_disk = target.read_bytes()
        assert on_disk in raw, f"after a kill the file is neither version ({len(on_disk)} bytes)"
        assert krakit.load(target).model_dump() == raw[on_disk]
        seen.add(on_disk)
        leftovers = _temp_files(folder)
        assert len(leftovers) <= 1  # the next save removes what a killed one left
        mid_write += bool(leftovers)
        if exactly:  # killed while waiting at a step: what is on disk is known exactly
            assert on_disk == on_disk_now, (n, kill_at)
            assert bool(leftovers) == leftover_now, (n, kill_at, leftovers)
            if kill_at in _TMP_HOLDS:  # the temporary file is this save's, cut where it was
                half_done = (folder / leftovers[0]).read_bytes()
                whole = text[id(saving)]
                assert half_done == whole[: int(len(whole) * _TMP_HOLDS[kill_at])], kill_at
        else:  # killed on its way to the next step: the file is this version or the next
            in_progress = text[id(versions[steps // len(_SAVE_STEPS) % 2])]
            assert on_disk in (on_disk_now, in_progress), (n, kill_at)
            on_disk_now, leftover_now = on_disk, bool(leftovers)
        assert krakit.Workspace(folder).list() == ["card"]
    assert len(seen) == 2, "the kills never caught both versions on disk"
    assert mid_write >= 1, "no kill landed while a temporary file existed"
    # the next save cleans up whatever the last kill left
    store.save(b, target, force=True, touch=False)
    assert _temp_files(folder) == []
    assert krakit.load(target).model_dump() == b.model_dump()


def test_leftover_temp_files_are_hidden_and_cleaned(tmp_path: Path) -> None:
    ws = krakit.Workspace(tmp_path)
    sc = krakit.Scorecard(role={"title": "Recruiter"})
    ws.save(sc, "priya")
    (tmp_path / ".priya.yaml.abcd_123.tmp").write_text("role: {title: half a sav")
    (tmp_path / ".other.yaml.abcd_123.tmp").write_text("someone else's")
    assert ws.list() == ["priya"]
    ws.save(sc, "priya")
    names = sorted(p.name for p in tmp_path.iterdir())
    # only this file's leftovers go; the lock file stays, empty and hidden
    assert names == [".other.yaml.abcd_123.tmp", ".priya.yaml.lock", "priya.yaml"]
    assert (tmp_path / ".priya.yaml.lock").read_bytes() == b""
    assert ws.list() == ["priya"]


# ---------------------------------------------------------------- two saves at once


def _race(
    path: str, holder: str, barrier: Any, results: Any, elsewhere: str
) -> None:  # pragma: no cover - runs in a child process
    sc = krakit.load(path)
    sc = edit.update_kpi(sc, "time-to-hire", owner=holder)
    sc.holder = holder
    before, origin = sc.model_dump(), sc._origin
    barrier.wait()
    try:
        store.save(sc, path)
    except ConflictError as exc:
        unchanged = sc.model_dump() == before and sc._origin == origin
        copy = store.save_elsewhere(sc, elsewhere, f"{holder}-version")
        kept = krakit.load(copy).kpi("time-to-hire").owner == holder
        results.put((holder, "conflict", str(exc), unchanged, kept))
        return
    except BaseException as exc:
        results.put((holder, "error", repr(exc), False, False))
        return
    results.put((holder, "saved", "", True, True))


def test_two_processes_saving_at_once_exactly_one_wins(tmp_path: Path, sample_path: Path) -> None:
    ctx = multiprocessing.get_context("fork")
    target = tmp_path / "card.yaml"
    elsewhere = tmp_path / "elsewhere"
    for round_ in range(30):
        store.save(krakit.load(sample_path), target, force=True)
        barrier, results = ctx.Barrier(2), ctx.Queue()
        racers = [
            ctx.Process(target=_race, args=(str(target), who, barrier, results, str(elsewhere)))
            for who in (f"alice{round_}", f"bob{round_}")
        ]
        for racer in racers:
            racer.start()
        outcome = sorted(results.get(timeout=_STEP_TIMEOUT) for _ in racers)
        for racer in racers:
            racer.join(timeout=_STEP_TIMEOUT)
            assert racer.exitcode == 0
        kinds = sorted(kind for _, kind, *_ in outcome)
        assert kinds == ["conflict", "saved"], outcome
        winner = next(who for who, kind, *_ in outcome if kind == "saved")
        loser, _, message, unchanged, kept = next(o for o in outcome if o[1] == "conflict")
        assert "changed on disk since this scorecard was loaded" in message
        assert str(target) in message
        assert unchanged, "the losing save changed the scorecard in memory"
        assert kept, "the losing version could not be saved elsewhere"
        on_disk = krakit.load(target)
        assert on_disk.holder == winner
        assert on_disk.kpi("time-to-hire").owner == winner
        assert krakit.load(elsewhere / f"{loser}-version.yaml").holder == loser
    assert krakit.Workspace(tmp_path).list() == ["card"]  # the lock file is hidden


@pytest.mark.parametrize("locked", [True, False])
def test_the_lock_closes_the_gap_between_check_and_write(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, locked: bool
) -> None:
    """Hold both saves in the gap between the conflict check and the write: without the
    lock both pass the check and one silently overwrites the other; with it, one is refused.

    Barriers, not sleeps, line the two saves up: without the lock both wait after their
    check until the other has checked too; with it, both wait until the other has asked for
    the lock (the one that gets it checks and writes while the other waits for it).
    """
    target = tmp_path / "card.yaml"
    store.save(krakit.Scorecard(role={"title": "Recruiter"}), target)
    both = threading.Barrier(2, timeout=120)  # the timeout only ends a hang: it is never met
    if locked:
        lock = store_file.locked

        def lock_together(path: Path) -> contextlib.AbstractContextManager[None]:
            both.wait()
            return lock(path)

        monkeypatch.setattr(store_file, "locked", lock_together)
    else:
        check = store_file._check_conflict

        def check_together(sc: krakit.Scorecard, path: Path) -> None:
            check(sc, path)
            both.wait()

        monkeypatch.setattr(store_file, "_check_conflict", check_together)
        monkeypatch.setattr(store_file, "locked", lambda path: contextlib.nullcontext())
    outcomes: dict[str, str] = {}

    def saver(who: str) -> None:
        sc = krakit.load(target)
        sc.holder = who
        try:
            store.save(sc, target)
            outcomes[who] = "saved"
        except ConflictError:
            outcomes[who] = "conflict"

    threads = [threading.Thread(target=saver, args=(who,)) for who in ("alice", "bob")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if locked:
        assert sorted(outcomes.values()) == ["conflict", "saved"]
    else:
        assert sorted(outcomes.values()) == ["saved", "saved"]  # the race the lock prevents


# ---------------------------------------------------------------- disk full, read-only


_ADVICE = {
    errno.ENOSPC: "the disk is full; free some space or save elsewhere",
    errno.EDQUOT: "your disk quota is used up; free some space or save elsewhere",
    errno.EROFS: "the folder is read-only; save to another folder",
    errno.EACCES: "krakit may not write in this folder (permission denied); save to another folder",
}


def _fail_at(where: str, code: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """Make one step of a save raise ``OSError(code)``."""
    error = OSError(code, os.strerror(code))

    def boom(*args: Any, **kwargs: Any) -> Any:
        raise error

    if where == "lock":
        real_open = os.open

        def open_(path: Any, *args: Any, **kwargs: Any) -> int:
            if str(path).endswith(".lock"):
                raise error
            return real_open(path, *args, **kwargs)

        monkeypatch.setattr(os, "open", open_)
    elif where == "mkstemp":
        monkeypatch.setattr(tempfile, "mkstemp", boom)
    elif where == "write":
        real_fdopen = os.fdopen

        class Full:
            """A file whose writes fail, closing the real one on exit."""

            def __init__(self, fd: int, *args: Any, **kwargs: Any) -> None:
                self._handle = real_fdopen(fd, *args, **kwargs)
                self.write = boom

            def __enter__(self) -> Full:
                return self

            def __exit__(self, *exc: object) -> None:
                self._handle.close()

        fdopen = Full

        monkeypatch.setattr(os, "fdopen", fdopen)
    elif where == "fsync":
        monkeypatch.setattr(os, "fsync", boom)
    elif where == "replace":
        monkeypatch.setattr(os, "replace", boom)
    else:  # pragma: no cover
        raise AssertionError(where)


@pytest.mark.parametrize("code", list(_ADVICE))
@pytest.mark.parametrize("where", ["lock", "mkstemp", "write", "fsync", "replace"])
def test_failed_save_says_what_to_do_and_changes_nothing(
    tmp_path: Path, sample_path: Path, monkeypatch: pytest.MonkeyPatch, where: str, code: int
) -> None:
    target = tmp_path / "card.yaml"
    sc = krakit.load(sample_path)
    store.save(sc, target)
    before_file = target.read_bytes()
    sc.holder = "Edited since"
    before, origin = sc.model_dump(), sc._origin
    _fail_at(where, code, monkeypatch)
    with pytest.raises(InputError) as info:
        store.save(sc, target)
    assert not isinstance(info.value, ConflictError)
    assert info.value.path == str(target)
    assert str(info.value) == f"{target}: {_ADVICE[code]}"
    assert target.read_bytes() == before_file
    assert sc.model_dump() == before, "a failed save changed the scorecard in memory"
    assert sc._origin == origin
    assert _temp_files(tmp_path) == []
    monkeypatch.undo()
    # the work is still there to save elsewhere
    copy = store.save_elsewhere(sc, tmp_path / "rescue", "card")
    assert copy == tmp_path / "rescue" / "card.yaml"
    assert krakit.load(copy).holder == "Edited since"


def test_failed_first_save_leaves_timestamps_unset(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sc = krakit.Scorecard(role={"title": "Recruiter"})
    _fail_at("fsync", errno.ENOSPC, monkeypatch)
    with pytest.raises(InputError, match="the disk is full"):
        store.save(sc, tmp_path / "new.yaml")
    assert sc.created is None and sc.updated is None and sc._origin is None
    assert not (tmp_path / "new.yaml").exists()
    monkeypatch.undo()
    store.save(sc, tmp_path / "new.yaml")
    assert sc.created is not None and sc.updated == sc.created


def test_other_write_errors_still_name_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _fail_at("replace", errno.EIO, monkeypatch)
    with pytest.raises(InputError) as info:
        store.save(krakit.Scorecard(role={"title": "x"}), tmp_path / "x.yaml")
    assert str(info.value) == (
        f"{tmp_path / 'x.yaml'}: cannot write the file: {os.strerror(errno.EIO)}; "
        "save to another folder"
    )


def _as_nobody(action: Callable[[], dict[str, Any]]) -> dict[str, Any]:
    """Run ``action`` in a forked child that dropped root (uid/gid 65534); return its dict."""
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        os.close(read)
        try:
            os.setgroups([])
            os.setgid(65534)
            os.setuid(65534)
            out = action()
        except BaseException as exc:
            out = {"crash": repr(exc)}
        os.write(write, json.dumps(out).encode())
        os._exit(0)
    os.close(write)
    with os.fdopen(read, "rb") as pipe:
        data = pipe.read()
    os.waitpid(pid, 0)
    return json.loads(data)


@pytest.fixture
def shared_folder() -> Iterator[Path]:
    """A folder anyone may read (so a dropped-privilege child can reach it)."""
    top = Path(tempfile.mkdtemp(prefix="krakit-ro-"))
    top.chmod(0o755)
    try:
        yield top
    finally:
        for path in (top, *top.rglob("*")):
            with contextlib.suppress(OSError):
                path.chmod(0o755)
        shutil.rmtree(top)


def test_read_only_folder_refuses_with_a_clear_error(shared_folder: Path) -> None:
    """A real chmod'ed folder. Root ignores permissions, so as root the save runs in a
    child that dropped to the 'nobody' user; otherwise in this process."""
    folder = shared_folder / "workspace"
    target = folder / "card.yaml"
    store.save(krakit.Scorecard(role={"title": "Recruiter"}), target)
    before_file = target.read_bytes()
    folder.chmod(0o555)
    target.chmod(0o644)

    def attempt() -> dict[str, Any]:
        sc = krakit.load(target)
        sc.holder = "Priya"
        before = sc.model_dump(mode="json")
        try:
            store.save(sc, target)
        except InputError as exc:
            return {
                "error": str(exc),
                "conflict": isinstance(exc, ConflictError),
                "unchanged": sc.model_dump(mode="json") == before,
            }
        return {"error": None}

    result = _as_nobody(attempt) if os.geteuid() == 0 else attempt()
    assert result.get("error"), result
    assert not result["conflict"]
    assert result["error"] == f"{target}: {_ADVICE[errno.EACCES]}"
    assert result["unchanged"]
    assert target.read_bytes() == before_file
    assert _temp_files(folder) == []


def test_lock_file_of_another_user_does_not_block_saves(shared_folder: Path) -> None:
    """In a shared folder the lock file may belong to a colleague: reading it is enough."""
    folder = shared_folder / "team"
    folder.mkdir()
    folder.chmod(0o777)
    target = folder / "card.yaml"
    store.save(krakit.Scorecard(role={"title": "Recruiter"}), target)
    target.chmod(0o666)
    (folder / ".card.yaml.lock").chmod(0o644)  # the colleague's, read-only for others

    def attempt() -> dict[str, Any]:
        sc = krakit.load(target)
        sc.holder = "Priya"
        store.save(sc, target)
        return {"holder": krakit.load(target).holder}

    result = _as_nobody(attempt) if os.geteuid() == 0 else attempt()
    assert result == {"holder": "Priya"}


def _cannot_mount(why: str) -> None:
    """Skip on a developer's machine without root; in CI (which runs as root) fail instead,
    so the real-disk test can never be silently skipped where it is meant to run."""
    if os.environ.get("CI"):
        pytest.fail(f"CI must run the real-disk test, but {why}")
    pytest.skip(why)


def test_real_full_and_read_only_disk(tmp_path: Path) -> None:
    """A 64 KiB tmpfs: a big save really fails with ENOSPC, then the mount is made
    read-only and a save really fails with EROFS. Skipped where mounting is not allowed;
    the monkeypatched tests above cover the same paths everywhere."""
    if os.geteuid() != 0 or shutil.which("mount") is None:
        _cannot_mount("mounting a small tmpfs needs root and mount(8)")
    mount = tmp_path / "disk"
    mount.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(mount)],
        capture_output=True,
        check=False,
    )
    if done.returncode != 0:
        _cannot_mount(f"cannot mount a tmpfs here: {done.stderr.decode().strip()}")
    try:
        target = mount / "card.yaml"
        small = krakit.Scorecard(role={"title": "Recruiter"})
        store.save(small, target)
        before_file = target.read_bytes()
        big = _big(60, "B")
        assert len(store.dump(big)) > 64 * 1024
        big._origin = small._origin
        before = big.model_dump()
        with pytest.raises(InputError, match="the disk is full; free some space"):
            store.save(big, target)
        assert target.read_bytes() == before_file
        assert big.model_dump() == before and big._origin == small._origin
        assert _temp_files(mount) == []
        subprocess.run(["mount", "-o", "remount,ro", str(mount)], check=True)
        small.holder = "Priya"
        with pytest.raises(InputError, match="the folder is read-only; save to another"):
            store.save(small, target)
        assert target.read_bytes() == before_file
        copy = store.save_elsewhere(big, tmp_path / "rescue", "card")
        assert krakit.load(copy).model_dump() == {
            **before,
            "created": big.created,
            "updated": big.updated,
        }
    finally:
        subprocess.run(["umount", str(mount)], check=False)


# ---------------------------------------------------------------- saving elsewhere


def test_save_elsewhere_never_overwrites_another_file(tmp_path: Path) -> None:
    theirs = krakit.Scorecard(role={"title": "Theirs"})
    store.save(theirs, tmp_path / "priya.yaml")
    mine = krakit.Scorecard(role={"title": "Mine"})
    first = store.save_elsewhere(mine, str(tmp_path), "priya")
    assert first == tmp_path / "priya-2.yaml"
    assert krakit.load(tmp_path / "priya.yaml").role.title == "Theirs"
    mine.holder = "Priya"
    assert store.save_elsewhere(mine, tmp_path, "priya") == first  # its own copy, updated
    assert krakit.load(first).holder == "Priya"
    other = krakit.Scorecard(role={"title": "Third"})
    assert store.save_elsewhere(other, tmp_path, "priya.yaml") == tmp_path / "priya-3.yaml"


@pytest.mark.parametrize(
    ("folder", "name", "words"),
    [
        ("   ", "priya", "say which folder"),
        ("FILE", "priya", "this is a file, not a folder"),
        ("DIR", "../priya", "not a plain file name"),
    ],
)
def test_save_elsewhere_refuses_bad_places(
    tmp_path: Path, folder: str, name: str, words: str
) -> None:
    (tmp_path / "a-file").write_text("x")
    place = {"FILE": str(tmp_path / "a-file"), "DIR": str(tmp_path)}.get(folder, folder)
    sc = krakit.Scorecard(role={"title": "x"})
    with pytest.raises(InputError, match=words):
        store.save_elsewhere(sc, place, name)
    assert sc._origin is None


def test_save_elsewhere_expands_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    path = store.save_elsewhere(krakit.Scorecard(role={"title": "x"}), "~/rescue", "x")
    assert path == tmp_path / "rescue" / "x.yaml" and path.exists()
