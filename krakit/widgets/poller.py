"""Call a function every few seconds in a kernel, in JupyterLab and in Voilà alike.

Where an event loop runs in this thread (an ipykernel: JupyterLab and Voilà both run one,
and a notebook cell runs inside it) the calls are an asyncio task on that loop, so they run
between messages, never at the same time as a cell or a widget callback. Elsewhere (a
script, a test) they run on a daemon thread. :meth:`Poller.stop` ends either.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable

__all__ = ["Poller"]


class Poller:
    """Call ``tick`` every ``every`` seconds until :meth:`stop`.

    Examples
    --------
    >>> seen = threading.Event()
    >>> poller = Poller(seen.set, every=0.01)  # no loop here: a thread
    >>> seen.wait(60), poller.running
    (True, True)
    >>> poller.stop(); poller.join(); poller.running
    False
    """

    def __init__(self, tick: Callable[[], None], every: float) -> None:
        self._tick = tick
        self.every = every
        self._stop = threading.Event()
        self.task: asyncio.Task[None] | None = None
        self.thread: threading.Thread | None = None
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            loop = None
        if loop is not None:
            self.task = loop.create_task(self._run_async())
        else:
            self.thread = threading.Thread(target=self._run_thread, daemon=True)
            self.thread.start()

    async def _run_async(self) -> None:
        while not self._stop.is_set():
            await asyncio.sleep(self.every)
            if not self._stop.is_set():
                self._tick()

    def _run_thread(self) -> None:
        while not self._stop.wait(self.every):
            self._tick()

    @property
    def running(self) -> bool:
        """Whether the calls still happen."""
        alive_task = self.task is not None and not self.task.done()
        alive_thread = self.thread is not None and self.thread.is_alive()
        return not self._stop.is_set() and (alive_task or alive_thread)

    def stop(self) -> None:
        """Stop calling (a call under way finishes)."""
        self._stop.set()
        if self.task is not None:
            self.task.cancel()

    def join(self, timeout: float | None = 60) -> None:
        """Wait for the thread to end (nothing to wait for on a loop)."""
        if self.thread is not None and self.thread is not threading.current_thread():
            self.thread.join(timeout)
