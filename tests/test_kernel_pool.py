"""The workshop app's kernel manager: pool kernels start a few at a time, participants' at once.

Kernels are faked (no process starts): the test moves each through the states jupyter_server
records (starting, then busy running the notebook, then idle) and checks who may start when.
Every wait is on a condition, with a hang guard only; nothing depends on the machine's speed.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import datetime as dt
import itertools
import json
from collections.abc import Coroutine
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager

from krakit.app.kernel_pool import PREHEAT_ENV, PacedKernelManager

ROOT = Path(__file__).resolve().parents[1]
POOL = {PREHEAT_ENV: "True"}
HANG_GUARD_S = 60  # only a broken manager comes near it


@pytest.fixture
def manager(monkeypatch: pytest.MonkeyPatch) -> PacedKernelManager:
    """A paced manager over fake kernels; ``manager.started`` lists ids in start order."""
    ids = itertools.count(1)

    async def fake_start(self: AsyncMappingKernelManager, **kwargs: Any) -> str:
        kernel_id = f"k{next(ids)}"
        now = dt.datetime.now(dt.UTC)
        self._kernels[kernel_id] = SimpleNamespace(execution_state="starting", last_activity=now)
        self.started.append(kernel_id)
        return kernel_id

    monkeypatch.setattr(AsyncMappingKernelManager, "start_kernel", fake_start)
    monkeypatch.setattr(PacedKernelManager, "poll_s", 0.01)
    paced = PacedKernelManager(settle_s=0.0, initial_concurrency=2, refill_concurrency=1)
    paced.kernel_pools_config = {"default": {"pool_size": 2}}  # as Voilà's pool sets it
    paced.started = []
    return paced


def _finish(manager: PacedKernelManager, kernel_id: str) -> None:
    """The kernel has run the notebook and is idle (as jupyter_server records it)."""
    kernel = manager.get_kernel(kernel_id)
    kernel.last_activity = dt.datetime.now(dt.UTC)
    kernel.execution_state = "idle"


def _run(scenario: Coroutine[Any, Any, None]) -> None:
    """Run a scenario in its own event loop, on its own thread.

    Earlier tests in the same process (the browser and notebook tests) may leave an event loop
    running on the main thread, where ``asyncio.run`` refuses to start another.
    """
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        pool.submit(asyncio.run, scenario).result()


async def _until(condition: Any) -> None:
    async with asyncio.timeout(HANG_GUARD_S):
        while not condition():
            await asyncio.sleep(0.01)


def test_refills_start_one_at_a_time_and_participants_never_wait(
    manager: PacedKernelManager,
) -> None:
    async def scenario() -> None:
        # the first fill (2, the pool's size) may run 2 at once
        first = [asyncio.create_task(manager.start_kernel(env=POOL)) for _ in range(2)]
        await _until(lambda: len(manager.started) == 2)
        # a room takes them: three refills asked for, none may start beside the first fill
        refills = [asyncio.create_task(manager.start_kernel(env=POOL)) for _ in range(3)]
        await asyncio.sleep(0.1)
        assert manager.started == ["k1", "k2"]
        # a participant beyond the pool gets a kernel at once, paced or not
        assert await manager.start_kernel(env={"OTHER": "1"}) == "k3"
        await asyncio.gather(*first)
        _finish(manager, "k1")
        await asyncio.sleep(0.1)
        assert manager.started == ["k1", "k2", "k3"]  # k2 still starting: no refill yet
        _finish(manager, "k2")
        await _until(lambda: len(manager.started) == 4)
        await asyncio.sleep(0.1)
        assert manager.started == ["k1", "k2", "k3", "k4"]  # one refill at a time
        _finish(manager, "k4")
        await _until(lambda: len(manager.started) == 5)
        _finish(manager, "k5")
        await _until(lambda: len(manager.started) == 6)
        _finish(manager, "k6")
        assert await asyncio.gather(*refills) == ["k4", "k5", "k6"]
        await _until(lambda: manager._starting == 0)

    _run(scenario())


def test_a_kernel_that_never_runs_the_notebook_frees_its_turn_after_max_settle(
    manager: PacedKernelManager,
) -> None:
    manager.max_settle_s = 0.2
    manager.kernel_pools_config = {"default": {"pool_size": 0}}  # every start is a refill

    async def scenario() -> None:
        await manager.start_kernel(env=POOL)  # k1 stays "starting" for ever
        second = asyncio.create_task(manager.start_kernel(env=POOL))
        assert await second == "k2"  # after max_settle_s, not never
        assert manager.get_kernel("k1").execution_state == "starting"

    _run(scenario())


def test_a_kernel_shut_down_while_starting_frees_its_turn(manager: PacedKernelManager) -> None:
    manager.kernel_pools_config = {"default": {"pool_size": 0}}

    async def scenario() -> None:
        await manager.start_kernel(env=POOL)
        second = asyncio.create_task(manager.start_kernel(env=POOL))
        await asyncio.sleep(0.1)
        assert manager.started == ["k1"]
        del manager._kernels["k1"]  # shut down (a culled or closed kernel)
        assert await second == "k2"

    _run(scenario())


def test_the_app_uses_the_paced_manager() -> None:
    config = json.loads((ROOT / "jupyter" / "voila.json").read_text(encoding="utf-8"))
    name = config["VoilaConfiguration"]["multi_kernel_manager_class"]
    assert name == "krakit.app.kernel_pool.PacedKernelManager"


def test_pool_kernels_waiting_for_their_turn_never_start_once_the_app_shuts_down(
    manager: PacedKernelManager, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def fake_shutdown_all(self: AsyncMappingKernelManager, now: bool = False) -> None:
        self._kernels.clear()

    monkeypatch.setattr(AsyncMappingKernelManager, "shutdown_all", fake_shutdown_all)
    manager.kernel_pools_config = {"default": {"pool_size": 0}}

    async def scenario() -> None:
        await manager.start_kernel(env=POOL)
        waiting = [asyncio.create_task(manager.start_kernel(env=POOL)) for _ in range(3)]
        await asyncio.sleep(0.1)
        await manager.shutdown_all()
        results = await asyncio.gather(*waiting, return_exceptions=True)
        assert all(isinstance(r, RuntimeError) for r in results), results
        assert manager.started == ["k1"]  # Voilà's shutdown then has nothing left to wait for

    _run(scenario())
