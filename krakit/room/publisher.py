"""Publishing without thinking about it: debounced writes, at most one per ``every`` seconds.

A widget calls :meth:`Publisher.update` on every change; the publisher keeps the latest
payload of each kind and writes them all at most once every ``every`` seconds (a timer writes
what is still pending when the interval ends). :meth:`Publisher.flush` writes at once: the
wizard calls it on a step change and on save.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Mapping
from typing import Any

from krakit.errors import KrakitError
from krakit.room.room import Participant

__all__ = ["Publisher"]


class Publisher:
    """Write a participant's state at most once every ``every`` seconds, always the latest.

    Parameters
    ----------
    participant
        The tab to publish as (:meth:`krakit.room.Room.join`).
    every
        The least time between two writes, in seconds.
    clock
        Monotonic seconds (tests inject a fake one).
    timer
        Start a timer thread to write what is pending when the interval ends. With False,
        pending state is written by the next :meth:`update` after the interval, by
        :meth:`tick` or by :meth:`flush` (tests drive it that way).

    Examples
    --------
    >>> import tempfile
    >>> from krakit.room import Room
    >>> now = [0.0]
    >>> pub = Publisher(Room(path=tempfile.mkdtemp() + "/r").join("Asha"), clock=lambda: now[0],
    ...                 timer=False)
    >>> pub.update("progress", {"step": 1}); pub.update("progress", {"step": 2})
    >>> pub.writes, pub.pending
    (1, ['progress'])
    >>> now[0] = 2.0; pub.tick(); pub.writes
    2
    """

    def __init__(
        self,
        participant: Participant,
        every: float = 2.0,
        *,
        clock: Callable[[], float] = time.monotonic,
        timer: bool = True,
    ) -> None:
        self.participant = participant
        self.every = every
        self._clock = clock
        self._use_timer = timer
        self._pending: dict[str, Mapping[str, Any] | Any] = {}
        self._last: float | None = None
        self._lock = threading.RLock()
        self._timer: threading.Timer | None = None
        self.writes = 0
        """How many write rounds happened (each writes every pending kind)."""
        self.error: Exception | None = None
        """The last error a timed write met (the room closed, disk full); :meth:`flush`
        raises it, so it is never lost silently."""

    @property
    def pending(self) -> list[str]:
        """The kinds waiting to be written."""
        with self._lock:
            return sorted(self._pending)

    def update(self, kind: str, payload: Mapping[str, Any] | Any) -> None:
        """Note the latest state of ``kind``; write now if the interval has passed.

        Raises
        ------
        KrakitError
            A write made now failed (see :meth:`Participant.publish`).
        """
        with self._lock:
            self._pending[kind] = payload
            if self._due():
                self._write()
            elif self._use_timer and self._timer is None:
                wait = self.every - (self._clock() - (self._last or 0.0))
                self._timer = threading.Timer(max(wait, 0.0), self._on_timer)
                self._timer.daemon = True
                self._timer.start()

    def tick(self) -> None:
        """Write what is pending if the interval has passed (what the timer does)."""
        with self._lock:
            if self._pending and self._due():
                self._write()

    def flush(self) -> None:
        """Write everything pending now (a step change, a save), and raise a timed error.

        Raises
        ------
        KrakitError
            This write, or an earlier timed one, failed.
        """
        with self._lock:
            self._cancel()
            error, self.error = self.error, None
            if self._pending:
                self._write()
            if error is not None:
                raise error

    def close(self) -> None:
        """Stop the timer without writing (the tab is going away; call flush first)."""
        with self._lock:
            self._cancel()

    def _due(self) -> bool:
        return self._last is None or self._clock() - self._last >= self.every

    def _cancel(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None

    def _on_timer(self) -> None:
        with self._lock:
            self._timer = None
            try:
                if self._pending:
                    self._write()
            except Exception as exc:  # kept for flush() to raise: never lost silently
                self.error = exc

    def _write(self) -> None:
        pending, self._pending = self._pending, {}
        self._last = self._clock()
        self.writes += 1
        for kind, payload in pending.items():
            try:
                self.participant.publish(kind, payload)
            except KrakitError:
                for rest, value in pending.items():  # keep what is not written for next time
                    self._pending.setdefault(rest, value)
                raise
