"""The workshop app's kernel manager: pre-heated kernels refilled at a pace, not in a storm.

With a pre-heated pool (``make app``, ``--preheat_kernel``), Voilà hands each arriving
participant a kernel that has already run the notebook, and starts a replacement one second
later. When a room of 20 arrives together, that is 20 replacements starting at once, each
costing about a CPU-second (start the kernel, ``import krakit``, build the wizard), right
when the 20 participants' kernels must answer their browsers with the wizard's widgets. On
2 cores the refill took the CPU from the people it was refilling for: measured with other
jobs running, 0 of 20 pages had the wizard (Voilà stopped waiting for the notebook's output
after 60 s). ``make app`` also waits 5 s before replacing (``VoilaKernelManager.fill_delay``
in ``jupyter/voila.json``), so the burst's first screens go out first.

:class:`PacedKernelManager` lets only ``refill_concurrency`` replacement kernels (default 1)
run their start-up at the same time, so refilling never takes more than that many cores and
the rest stay with the participants. A kernel counts as starting until it has run the
notebook and been quiet for ``settle_s`` seconds (or ``max_settle_s`` have passed). The first
fill of the pool, before anyone arrives, runs ``initial_concurrency`` at a time (default: the
number of cores). Arrivals beyond the pool get the replacements in the order they were asked
for; kernels started without a pool (``POOL=0``) are never held back.

Voilà uses it as the base of its pool (``VoilaConfiguration.multi_kernel_manager_class`` in
``jupyter/voila.json``); it needs ``jupyter_server`` (the ``lab`` extra), which krakit itself
never imports.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import os
import time
from typing import Any

from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager
from traitlets import Float, Int

__all__ = ["PacedKernelManager"]

PREHEAT_ENV = "VOILA_PREHEAT"  # Voilà sets it in the environment of every pool kernel


class PacedKernelManager(AsyncMappingKernelManager):
    """Start Voilà's pool kernels a few at a time; participants' own kernels at once.

    Examples
    --------
    >>> manager = PacedKernelManager()
    >>> manager.refill_concurrency, manager.settle_s
    (1, 1.0)
    """

    refill_concurrency = Int(
        1,
        config=True,
        help="How many pool kernels may start at the same time once the pool has been filled.",
    )
    initial_concurrency = Int(
        0,
        config=True,
        help="How many may start at the same time while the pool is first filled "
        "(0: the number of cores).",
    )
    settle_s = Float(
        1.0, config=True, help="Seconds of quiet after which a pool kernel has finished starting."
    )
    max_settle_s = Float(
        120.0, config=True, help="A pool kernel counts as started after this long, whatever."
    )

    poll_s = 0.25  # how often a starting pool kernel is looked at

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._pool_starts = 0  # pool kernels asked for so far (the first pool_size fill it)
        self._starting = 0
        self._turn: asyncio.Condition | None = None
        self._settling: set[asyncio.Task[None]] = set()
        self._closing = False

    def _limit(self, start_number: int) -> int:
        """How many pool kernels may be starting when the ``start_number``-th one asks."""
        pools = getattr(self, "kernel_pools_config", {}) or {}
        first_fill = int(pools.get("default", {}).get("pool_size", 0))
        if start_number <= first_fill:
            return max(1, self.initial_concurrency or os.cpu_count() or 1)
        return max(1, self.refill_concurrency)

    async def start_kernel(self, **kwargs: Any) -> str:
        """Start a kernel; a pool kernel first waits for its turn among the starting ones."""
        if (kwargs.get("env") or {}).get(PREHEAT_ENV) != "True":
            return await super().start_kernel(**kwargs)
        if self._turn is None:
            self._turn = asyncio.Condition()
        self._pool_starts += 1
        limit = self._limit(self._pool_starts)
        async with self._turn:
            await self._turn.wait_for(lambda: self._closing or self._starting < limit)
            if self._closing:  # Voilà awaits its pool's tasks while it shuts down
                raise RuntimeError("the app is shutting down: no new pool kernel")
            self._starting += 1
        try:
            kernel_id = await super().start_kernel(**kwargs)
        except BaseException:
            await self._done_starting()
            raise
        task = asyncio.get_running_loop().create_task(self._settle(kernel_id))
        self._settling.add(task)  # a reference until it ends (the loop keeps only weak ones)
        task.add_done_callback(self._settling.discard)
        return kernel_id

    async def shutdown_all(self, now: bool = False) -> None:
        """Shut every kernel down; pool kernels still waiting for their turn never start."""
        self._closing = True
        if self._turn is not None:
            async with self._turn:
                self._turn.notify_all()
        await super().shutdown_all(now=now)

    async def _settle(self, kernel_id: str) -> None:
        """Wait until the kernel has run the notebook and gone quiet, then free its turn.

        Running shows as ``busy`` or as activity after the start (jupyter_server records
        activity only for executed code, not for the start-up handshake); quiet is ``idle``
        with no activity for ``settle_s`` seconds.
        """
        started = time.monotonic()
        since = dt.datetime.now(dt.UTC)
        ran = False
        try:
            while time.monotonic() - started < self.max_settle_s:
                await asyncio.sleep(self.poll_s)
                if kernel_id not in self:
                    return  # shut down meanwhile
                kernel = self.get_kernel(kernel_id)
                state = getattr(kernel, "execution_state", "starting")
                if state == "dead":
                    return
                last = getattr(kernel, "last_activity", None) or since
                ran = ran or state == "busy" or last > since
                quiet = (dt.datetime.now(dt.UTC) - last).total_seconds() >= self.settle_s
                if ran and state == "idle" and quiet:
                    return
        finally:
            await self._done_starting()

    async def _done_starting(self) -> None:
        assert self._turn is not None
        async with self._turn:
            self._starting -= 1
            self._turn.notify_all()
