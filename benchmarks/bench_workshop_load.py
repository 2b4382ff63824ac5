"""Workshop load: how many participants one machine serves with the Voilà app (``make app``).

Every visitor of the Voilà app gets their own Python kernel, which imports krakit and builds
the workshop wizard before the page shows it. For each N of a ladder, with a fresh Voilà
server per rung, this benchmark opens N participants at once and measures:

* **time to first widget**, per participant (p50 / p95 / max), two ways:
  ``chromium`` — N browser contexts in one headless Chromium, launched together, timed from
  navigation start to ``.krakit-workshop`` visible (Chromium shares this machine's CPU, so
  this is pessimistic for a room where browsers run on laptops); ``http`` — N concurrent
  plain GETs, then each asks its kernel for the widgets' states over the websocket as the
  page does, timed until they arrived (the page alone is sent once the notebook has run in the
  visitor's kernel (the server's share of the wait);
* **memory** — RSS of the kernels Voilà started (total and each), the Voilà server's RSS,
  and Chromium's RSS reported apart (Chromium runs on the participants' laptops);
* **CPU** — CPU seconds per visitor in the kernels, in Voilà and in Chromium, machine
  utilisation during the rung and the load average (saturation hints).

A ladder stops when p95 passes 10 s, a participant fails, or the hard cap is reached. Before
the ladders, one kernel is timed step by step (kernel start, ``import krakit``, building the
wizard) to explain the limit. ``--preheat`` adds the same ladders with Voilà's pre-heated
kernel pool (``--preheat_kernel=True --pool_size=N``, or ``--pool-size``), warm before the
burst, refilled as ``make app`` does (``krakit.app.kernel_pool``; ``--unpaced``: Voilà's own).

Everything stays on 127.0.0.1: Voilà listens there without a token, Chromium resolves no
other host (``--host-resolver-rules``) and any request that tries is counted. Every wait is
bounded; servers, kernels and the browser are shut down even on error or Ctrl-C.

Run: ``.venv/bin/python benchmarks/bench_workshop_load.py`` (~3–5 min).
``make bench`` runs it with ``--bench`` (~2–4 min, in room mode): one kernel step by step, 1
then 4 cold participants over plain HTTP and 1 in Chromium, then 20 at once over HTTP on a warm
pool of 20 as ``make app ROOM=...`` serves it, each figure beside its target (1 participant
≤ 5 s, p95 ≤ 10 s; the room of 20 ≤ 5 s), results in ``out/workshop_load_bench.json``.
``--room`` (issue 18): the app serves a workshop room as ``make app ROOM=...`` does; each
participant also joins the room by name and types two KRAs over the kernel's websocket, and a
facilitator reads the room once a second meanwhile (``benchmarks/_room_load.py``); the room's
figures are the time until each participant's join, then their KRAs, are in the room.
``--room --runs http_preheat --participants 20 --pool-size 20`` is a room of 20 on ``make app``.
Options: ``--participants 1,2,4,8`` (the ladder), ``--quick`` (1 and 2 participants),
``--preheat`` (also the pre-heated pool, ~10 min), ``--runs http_cold,chromium_preheat``
(pick ladders), ``--out FILE`` (JSON results; default
``benchmarks/results/workshop_load.json``). Measure on a quiet machine: CPU is the limit.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import datetime as dt
import json
import os
import platform
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from importlib import metadata
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import _room_load  # noqa: E402
from _target import done, report  # noqa: E402

from tests.browser.local import (  # noqa: E402  (the browser tests' own Chromium and ports)
    CHROMIUM,
    CHROMIUM_ARGS,
    free_port,
    wait_http,
)
from tests.security._kernel_socket import shell_message  # noqa: E402

# --unpaced: Voilà's own pool refill (its kernel manager, every used kernel replaced 1 s after)
# instead of krakit's paced one (jupyter/voila.json), to compare
UNPACED = (
    "--VoilaConfiguration.multi_kernel_manager_class="
    "jupyter_server.services.kernels.kernelmanager.AsyncMappingKernelManager",
    "--VoilaKernelManager.fill_delay=1",
)
RESULTS = ROOT / "benchmarks" / "results" / "workshop_load.json"
NOTEBOOK = "notebooks/00_start_here.ipynb"
SELECTOR = ".krakit-workshop"
P95_LIMIT_S = 10.0
HARD_CAP = 64  # never more participants than this, whatever the ladder says
DEFAULT_LADDER = (1, 2, 4, 8, 12, 16, 24, 32)
QUICK_LADDER = (1, 2)
# make bench: about two minutes; the last is `make app` as a room of 20 meets it (pool of 20)
BENCH_LADDERS = {"http_cold": [1, 4], "chromium_cold": [1], "http_preheat": [20]}
BENCH_OUT = ROOT / "out" / "workshop_load_bench.json"
ONE_PAGE_TARGET_S = 5.0
ROOM_TARGET_S = 5.0  # issue 15: a room of 20 arriving together gets the wizard at p95 ≤ 5 s
PAGE_TIMEOUT_S = 120.0  # a participant whose wizard is not shown by then counts as failed
SERVER_START_S = 60.0
POOL_WARM_S = 300.0
BUDGET_S = 15 * 60  # the ladder stops starting new rungs after this long
# nothing but 127.0.0.1 resolves: the app must work offline, and no traffic leaves
BENCH_CHROMIUM_ARGS = [*CHROMIUM_ARGS, "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"]
# time from navigation start until the wizard has a box on screen (polled in the page)
VISIBLE_JS = f"""() => {{
    const el = document.querySelector({SELECTOR!r});
    if (!el) return false;
    const box = el.getBoundingClientRect();
    return box.width > 0 && box.height > 0 ? performance.now() : false;
}}"""
RUNS = ("chromium_cold", "http_cold", "chromium_preheat", "http_preheat")
CLIENT_TITLE = {
    "chromium": "Participants in Chromium (time to the visible wizard)",
    "http": "Server only, plain HTTP (page, then the widgets' states over the websocket)",
}
POOL_TITLE = {False: "cold kernels (`make app POOL=0`)", True: "pre-heated pool"}
NOTES = (
    "Each rung starts a fresh Voilà server and opens N participants at once. 'chromium': N "
    "browser contexts in one headless Chromium on this machine, timed from navigation start to "
    "the .krakit-workshop element being visible; Chromium's own CPU competes with the server "
    "here, so these are pessimistic for a room where browsers run on laptops. 'http': N "
    "concurrent GETs of the page (sent once the notebook has run in each kernel), then each "
    "asks its kernel for every widget's state over the websocket, as the page does; timed "
    "until the states arrived (page_p95_s: the page alone). The browser's drawing (~1 s on a "
    "laptop) comes on top. Kernel RSS counts every "
    "kernel Voilà started (with a pool: the participants' kernels plus the refilled pool). "
    "Other engineers' jobs shared this 2-core machine during the run: see load averages."
)
MB = 1024 * 1024


# --------------------------------------------------------------------------- processes


def _tree(pid: int) -> list[psutil.Process]:
    try:
        proc = psutil.Process(pid)
        return [proc, *proc.children(recursive=True)]
    except psutil.NoSuchProcess:
        return []


def _rss(procs: list[psutil.Process]) -> int:
    total = 0
    for proc in procs:
        with contextlib.suppress(psutil.NoSuchProcess, psutil.AccessDenied):
            total += proc.memory_info().rss
    return total


def _cpu_seconds(procs: list[psutil.Process]) -> float:
    total = 0.0
    for proc in procs:
        with contextlib.suppress(psutil.NoSuchProcess, psutil.AccessDenied):
            times = proc.cpu_times()
            total += times.user + times.system
    return total


def _is_kernel(proc: psutil.Process) -> bool:
    with contextlib.suppress(psutil.NoSuchProcess, psutil.AccessDenied):
        return "ipykernel_launcher" in " ".join(proc.cmdline())
    return False


@dataclass
class Voila:
    """A Voilà server on 127.0.0.1 serving a temp copy of the notebooks and templates."""

    url: str
    proc: subprocess.Popen[bytes]
    log: Path

    def kernels(self) -> list[psutil.Process]:
        return [p for p in _tree(self.proc.pid)[1:] if _is_kernel(p)]

    def server_rss(self) -> int:
        return _rss(_tree(self.proc.pid)[:1])


@contextlib.contextmanager
def voila(site: Path, tmp: Path, extra: list[str]) -> Iterator[Voila]:
    """Start Voilà in its own process group; stop it and every kernel it started on exit."""
    port = free_port()
    log = tmp / f"voila-{port}.log"
    env = {
        **os.environ,
        "JUPYTER_RUNTIME_DIR": str(tmp / "runtime"),
        "KRAKIT_WORKSPACE": str(tmp / "workspace"),
        **_room_load.env_for_voila(ROOMS[0]),
        "JUPYTER_PATH": os.pathsep.join(
            filter(None, [str(ROOT / "jupyter"), os.environ.get("JUPYTER_PATH")])
        ),
    }
    args = [
        sys.executable,
        "-m",
        "voila",
        "--no-browser",
        # the app's own settings, as `make app` serves it (jupyter/voila.json: among them how
        # long Voilà waits for a busy kernel's output before sending the page without it)
        f"--Voila.config_file_paths={ROOT / 'jupyter'}",
        "--Voila.ip=127.0.0.1",
        f"--port={port}",
        "--template=krakit",
        *extra,
        NOTEBOOK,
    ]
    with log.open("wb") as out:
        proc = subprocess.Popen(
            args, cwd=site, stdout=out, stderr=subprocess.STDOUT, env=env, start_new_session=True
        )
    server = Voila(f"http://127.0.0.1:{port}/", proc, log)
    try:
        wait_http(f"http://127.0.0.1:{port}/static/", proc, log, SERVER_START_S, any_status=True)
        yield server
    finally:
        _stop(proc)


def _stop(proc: subprocess.Popen[bytes]) -> None:
    """SIGTERM the server's process group (it shuts its kernels down), then SIGKILL what is left."""
    members = _tree(proc.pid)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        pass
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGKILL)
    with contextlib.suppress(subprocess.TimeoutExpired):
        proc.wait(timeout=5)
    for member in members:  # kernels that left the group, if any
        with contextlib.suppress(psutil.NoSuchProcess):
            member.kill()


class PoolNotWarmError(RuntimeError):
    """Voilà's pre-heated pool never settled: the rung cannot be measured fairly."""


def _wait_pool(server: Voila, size: int, kernel_cpu_s: float) -> float:
    """Wait until ``size`` pre-heated kernels have run the notebook; return the seconds.

    A kernel counts as warm once it has spent most of the CPU one kernel needs to import krakit
    and build the wizard (``kernel_cpu_s``, measured on its own); the pool is warm when
    ``size`` kernels are, and all of them together have been (almost) idle for 1.5 s.
    """
    start = time.monotonic()
    quiet = 0
    last = None
    while time.monotonic() - start < POOL_WARM_S:
        if server.proc.poll() is not None:
            raise RuntimeError(f"Voilà exited early:\n{server.log.read_text()[-3000:]}")
        kernels = server.kernels()
        each = [_cpu_seconds([k]) for k in kernels]
        cpu = sum(each)
        warm = sum(1 for spent in each if spent >= 0.6 * kernel_cpu_s)
        if warm >= size and last is not None and cpu - last < 0.05:
            quiet += 1
            if quiet >= 3:
                return time.monotonic() - start
        else:
            quiet = 0
        last = cpu
        time.sleep(0.5)
    raise PoolNotWarmError(f"the pool of {size} kernels was not warm after {POOL_WARM_S:.0f}s")


# --------------------------------------------------------------------------- browser


async def _participant(browser: object, url: str, blocked: list[str]) -> Participant:
    """One participant: a fresh browser context, open the app, seconds until the wizard shows.

    The context stays open (its kernel alive) until the rung has read the memory figures.
    """
    context = await browser.new_context(viewport={"width": 1280, "height": 900})
    page = await context.new_page()

    def failed(request: object) -> None:
        host = request.url.split("/")[2].split(":")[0] if "://" in request.url else ""
        if host not in {"127.0.0.1", ""}:
            blocked.append(request.url)

    page.on("requestfailed", failed)
    try:
        await page.goto(url, wait_until="commit", timeout=PAGE_TIMEOUT_S * 1000)
        handle = await page.wait_for_function(
            VISIBLE_JS, polling=100, timeout=PAGE_TIMEOUT_S * 1000
        )
        return Participant(context, float(await handle.json_value()) / 1000)
    except Exception as exc:  # a timed-out or broken page is a failed participant
        print(f"    participant failed: {type(exc).__name__}: {str(exc).splitlines()[0]}")
        return Participant(context, None)


@dataclass
class Participant:
    context: object | None
    seconds: float | None
    page_s: float | None = None  # HTTP only: the page alone, before the widgets' states
    joined_s: float | None = None  # --room: until their join was in the room
    published_s: float | None = None  # --room: until their typed KRAs were in the room


# --room: the rooms folder the app's kernels publish into (None: no room)
ROOMS: list[Path | None] = [None]


WIDGET_MIME = "application/vnd.jupyter.widget-view+json"


def _http_participant(url: str) -> Participant:
    """A participant without a browser: seconds until the wizard's widgets could be drawn.

    What a browser does before it can draw anything, minus the drawing: GET the page (Voilà
    without progressive rendering ends the response once the notebook has run in the
    visitor's kernel: kernel start, ``import krakit``, building the wizard, rendering), then
    open the kernel's websocket and ask for every widget's state, as ipywidgets' page manager
    does (``jupyter.widget.control``, ``request_states``), until the kernel has sent them.
    The browser's drawing (~1 s on a laptop) comes on top.
    """
    start = time.perf_counter()
    try:
        with urllib.request.urlopen(url, timeout=PAGE_TIMEOUT_S) as response:
            html = response.read().decode("utf-8", "replace")
    except OSError as exc:
        print(f"    participant failed: {type(exc).__name__}: {exc}")
        return Participant(None, None)
    page_s = time.perf_counter() - start
    if WIDGET_MIME not in html:
        print("    participant failed: the page came back without the wizard's widget view")
        return Participant(None, None)
    kernel = re.search(r'"kernelId":\s*"([^"]+)"', html)
    if not kernel:
        print("    participant failed: no kernel id in the page")
        return Participant(None, None)
    try:
        count, ready, room = asyncio.run(_widget_states(url, kernel.group(1), start))
    except Exception as exc:  # a closed socket or a kernel that never answers: failed
        print(f"    participant failed: widget states: {type(exc).__name__}: {exc}")
        return Participant(None, None)
    if count == 0:
        print("    participant failed: the kernel sent no widget state")
        return Participant(None, None)
    if isinstance(room, Exception):
        print(f"    participant failed: in the room: {type(room).__name__}: {room}")
        return Participant(None, None)
    joined, published = room or (None, None)
    return Participant(None, ready, page_s, joined, published)


async def _widget_states(
    url: str, kernel_id: str, start: float
) -> tuple[int, float, tuple[float, float] | Exception | None]:
    """Ask the kernel for its widgets' states over the page's websocket.

    Returns how many states, the seconds (from ``start``) until they arrived and, with
    ``--room``, the seconds until the participant's join and then typed KRAs were in the room
    (or the error that stopped them).
    """
    from tornado.websocket import websocket_connect

    session = uuid.uuid4().hex
    ws_url = url.replace("http://", "ws://").rstrip("/")
    ws = await websocket_connect(
        f"{ws_url}/api/kernels/{kernel_id}/channels?session_id={session}",
        max_message_size=256 * MB,
    )
    comm_id = uuid.uuid4().hex

    async def send(msg_type: str, content: dict[str, object]) -> None:
        # the control comm's protocol (ipywidgets 8: 1.x), as the page's widget manager sends
        await ws.write_message(shell_message(session, msg_type, content, {"version": "1.0.0"})[1])

    async def to_widget(model_id: str, data: dict[str, object]) -> None:
        await send("comm_msg", {"comm_id": model_id, "data": {"buffer_paths": [], **data}})

    try:
        await send("comm_open", {"comm_id": comm_id, "target_name": CONTROL, "data": {}})
        await send("comm_msg", {"comm_id": comm_id, "data": {"method": "request_states"}})
        while True:
            raw = await asyncio.wait_for(ws.read_message(), PAGE_TIMEOUT_S)
            if raw is None:
                raise ConnectionError("the server closed the kernel's websocket")
            states = _room_load.states_of(raw)
            if states is None:
                continue
            ready = time.perf_counter() - start
            if ROOMS[0] is None or not states:
                return len(states), ready, None
            try:
                room = await _room_load.join_and_publish(ws, to_widget, states, ROOMS[0], start)
            except Exception as exc:  # reported as this participant's failure
                return len(states), ready, exc
            return len(states), ready, room
    finally:
        ws.close()


CONTROL = "jupyter.widget.control"


def _chromium() -> list[psutil.Process]:
    """The Chromium processes this benchmark started (children of Playwright's driver)."""
    procs = []
    for proc in psutil.Process().children(recursive=True):
        with contextlib.suppress(psutil.NoSuchProcess):
            if "chrom" in proc.name().lower():
                procs.append(proc)
    return procs


@dataclass
class Rung:
    participants: int
    client: str
    preheat: bool
    ok: int
    failed: int
    p50_s: float | None
    p95_s: float | None
    max_s: float | None
    times_s: list[float]
    kernels: int
    kernel_rss_mb: float
    kernel_rss_each_mb: float | None
    voila_rss_mb: float
    server_rss_per_participant_mb: float
    chromium_rss_mb: float
    kernel_cpu_s_per_participant: float
    voila_cpu_s_per_participant: float
    chromium_cpu_s_per_participant: float
    cpu_percent: float
    load_avg_1m_before: float
    load_avg_1m_after: float
    wall_s: float
    pool_warm_s: float | None = None
    page_p95_s: float | None = None  # HTTP: the page alone, before the widgets' states
    pool_size: int | None = None
    blocked_requests: list[str] = field(default_factory=list)
    # --room: until each participant's join, then their typed KRAs, were in the room
    joined_p95_s: float | None = None
    published_p95_s: float | None = None
    facilitator_refreshes: int | None = None


def _pct(values: list[float], q: float) -> float:
    """Nearest-rank percentile (p95 of 4 values is the max: small rungs are judged strictly)."""
    ranked = sorted(values)
    return ranked[min(len(ranked) - 1, max(0, int(-(-q * len(ranked) // 1)) - 1))]


async def _rung(
    browser: object | None, server: Voila, n: int, preheat: bool, warm: float | None
) -> Rung:
    """Open ``n`` participants at once (in Chromium, or plain HTTP when ``browser`` is None)."""
    blocked: list[str] = []
    load_before = os.getloadavg()[0]
    cpu_before = _cpu_seconds(server.kernels())
    voila_cpu_before = _cpu_seconds(_tree(server.proc.pid)[:1])
    chromium_cpu_before = _cpu_seconds(_chromium())
    psutil.cpu_percent(interval=None)
    start = time.monotonic()
    people: list[Participant] = []
    try:
        if browser is None:
            loop = asyncio.get_running_loop()
            with ThreadPoolExecutor(max_workers=n) as pool:
                tasks = [
                    loop.run_in_executor(pool, _http_participant, server.url) for _ in range(n)
                ]
                people = list(await asyncio.gather(*tasks))
        else:
            tasks = [_participant(browser, server.url, blocked) for _ in range(n)]
            people = list(await asyncio.gather(*tasks))
        wall = time.monotonic() - start
        cpu_percent = psutil.cpu_percent(interval=None)
        await asyncio.sleep(1.0)  # let the kernels settle before reading their memory
        # every participant's page is still open, so every kernel they got is still running
        kernels = server.kernels()
        kernel_rss = _rss(kernels)
        cpu_spent = _cpu_seconds(kernels) - cpu_before
        voila_cpu = _cpu_seconds(_tree(server.proc.pid)[:1]) - voila_cpu_before
        chromium_rss = _rss(_chromium())
        chromium_cpu = _cpu_seconds(_chromium()) - chromium_cpu_before
        voila_rss = server.server_rss()
    finally:
        for person in people:
            if person.context is None:
                continue
            with contextlib.suppress(Exception):
                await person.context.close()
    times = sorted(p.seconds for p in people if p.seconds is not None)
    pages = [p.page_s for p in people if p.page_s is not None]
    joined = [p.joined_s for p in people if p.joined_s is not None]
    published = [p.published_s for p in people if p.published_s is not None]
    failed = n - len(times)
    served = max(1, len(times))
    return Rung(
        participants=n,
        client="http" if browser is None else "chromium",
        preheat=preheat,
        ok=len(times),
        failed=failed,
        p50_s=round(statistics.median(times), 2) if times else None,
        p95_s=round(_pct(times, 0.95), 2) if times and not failed else None,
        max_s=round(max(times), 2) if times and not failed else None,
        times_s=[round(t, 3) for t in times],
        kernels=len(kernels),
        kernel_rss_mb=round(kernel_rss / MB, 1),
        kernel_rss_each_mb=round(kernel_rss / MB / len(kernels), 1) if kernels else None,
        voila_rss_mb=round(voila_rss / MB, 1),
        server_rss_per_participant_mb=round((kernel_rss + voila_rss) / MB / n, 1),
        chromium_rss_mb=round(chromium_rss / MB, 1),
        kernel_cpu_s_per_participant=round(cpu_spent / served, 2),
        voila_cpu_s_per_participant=round(voila_cpu / served, 2),
        chromium_cpu_s_per_participant=round(chromium_cpu / served, 2),
        cpu_percent=round(cpu_percent, 1),
        load_avg_1m_before=round(load_before, 2),
        load_avg_1m_after=round(os.getloadavg()[0], 2),
        wall_s=round(wall, 2),
        pool_warm_s=round(warm, 1) if warm is not None else None,
        page_p95_s=round(_pct(pages, 0.95), 2) if pages and not failed else None,
        blocked_requests=sorted(set(blocked)),
        joined_p95_s=round(_pct(joined, 0.95), 2) if joined and not failed else None,
        published_p95_s=round(_pct(published, 0.95), 2) if published and not failed else None,
    )


async def ladder(
    site: Path,
    tmp: Path,
    sizes: list[int],
    *,
    preheat: bool,
    client: str,
    kernel_cpu_s: float,
    server_args: tuple[str, ...] = (),
    pool_size: int | None = None,
) -> list[Rung]:
    """Run the ladder, one fresh Voilà server per rung; stop once p95 passes the limit.

    ``client`` is ``"chromium"`` (participants in browser contexts, time to the visible
    wizard) or ``"http"`` (time until Voilà has sent the page: the server's share alone).
    """
    rungs: list[Rung] = []
    started = time.monotonic()
    async with contextlib.AsyncExitStack() as stack:
        browser = None
        if client == "chromium":
            from playwright.async_api import async_playwright

            pw = await stack.enter_async_context(async_playwright())
            browser = await pw.chromium.launch(
                executable_path=CHROMIUM, headless=True, args=BENCH_CHROMIUM_ARGS
            )
            stack.push_async_callback(browser.close)
        for n in sizes:
            if time.monotonic() - started > BUDGET_S:
                print(f"  time budget ({BUDGET_S // 60} min) spent: ladder stops before {n}")
                break
            pool = pool_size or n
            extra = ["--preheat_kernel=True", f"--pool_size={pool}"] if preheat else []
            extra += server_args
            with contextlib.ExitStack() as room, voila(site, tmp, extra) as server:
                if ROOMS[0] is not None:
                    log = tmp / f"facilitator-{n}.log"
                    room.enter_context(_room_load.facilitator(ROOMS[0], log))
                try:
                    warm = (
                        await asyncio.to_thread(_wait_pool, server, pool, kernel_cpu_s)
                        if preheat
                        else None
                    )
                except PoolNotWarmError as exc:
                    print(f"  {exc}: ladder stops before {n}")
                    break
                rung = await _rung(browser, server, n, preheat, warm)
                rung.pool_size = pool if preheat else None
                if ROOMS[0] is not None:
                    rung.facilitator_refreshes = _room_load.facilitator_refreshes(log)
            rungs.append(rung)
            _print_rung(rung)
            if rung.failed or (rung.p95_s is not None and rung.p95_s > P95_LIMIT_S):
                print(f"  p95 over {P95_LIMIT_S:.0f} s (or a participant failed): ladder stops")
                break
    return rungs


# --------------------------------------------------------------------------- one kernel


def single_kernel(site: Path, tmp: Path, repeat: int = 3) -> dict[str, float]:
    """Time one kernel step by step: start to ready, ``import krakit``, build the wizard.

    The median of ``repeat`` fresh kernels; this is what every participant pays before their
    wizard can be drawn (plus rendering the notebook and shipping the widget state).
    """
    from jupyter_client.manager import KernelManager

    steps: dict[str, list[float]] = {"kernel_start_s": [], "import_krakit_s": [], "build_s": []}
    cpu: list[float] = []
    env = {**os.environ, "KRAKIT_WORKSPACE": str(tmp / "single-workspace")}
    for _ in range(repeat):
        km = KernelManager(kernel_name="python3")
        start = time.perf_counter()
        km.start_kernel(
            cwd=str(site), env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        kc = km.client()
        try:
            kc.start_channels()
            kc.wait_for_ready(timeout=60)
            steps["kernel_start_s"].append(time.perf_counter() - start)
            for key, code in (
                ("import_krakit_s", "import krakit"),
                ("build_s", "w = krakit.workshop(__import__('os').environ['KRAKIT_WORKSPACE'])"),
            ):
                t0 = time.perf_counter()
                reply = kc.execute_interactive(code, timeout=60, output_hook=lambda _m: None)
                if reply["content"]["status"] != "ok":
                    raise RuntimeError(f"{code!r} failed in the kernel: {reply['content']}")
                steps[key].append(time.perf_counter() - t0)
            pid = km.provisioner.process.pid if km.provisioner else None
            if pid:
                cpu.append(_cpu_seconds([psutil.Process(pid)]))
                steps.setdefault("kernel_rss_mb", []).append(_rss([psutil.Process(pid)]) / MB)
        finally:
            kc.stop_channels()
            km.shutdown_kernel(now=True)
    out = {key: round(statistics.median(vals), 2) for key, vals in steps.items()}
    out["total_s"] = round(out["kernel_start_s"] + out["import_krakit_s"] + out["build_s"], 2)
    if cpu:
        out["kernel_cpu_s"] = round(statistics.median(cpu), 2)
    return out


# --------------------------------------------------------------------------- report


def _fmt(value: float | None, spec: str = ".1f") -> str:
    return "—" if value is None else format(value, spec)


def _print_rung(r: Rung) -> None:
    print(
        f"  {r.participants:>3} {'pool' if r.preheat else 'cold':>4}"
        f"  ok {r.ok:>3}/{r.participants:<3}"
        f" p50 {_fmt(r.p50_s):>5} s  p95 {_fmt(r.p95_s):>5} s  max {_fmt(r.max_s):>5} s"
        + (f" (page alone p95 {r.page_p95_s:.1f} s)" if r.page_p95_s is not None else "")
        + f"  kernels {r.kernels:>3} × {_fmt(r.kernel_rss_each_mb, '.0f'):>4} MB"
        f"  voilà {r.voila_rss_mb:>4.0f} MB  server/participant"
        f" {r.server_rss_per_participant_mb:>4.0f} MB  chromium {r.chromium_rss_mb:>5.0f} MB"
        f"  CPU s/visitor: kernel {r.kernel_cpu_s_per_participant:.1f}"
        f" voilà {r.voila_cpu_s_per_participant:.1f}"
        f" chromium {r.chromium_cpu_s_per_participant:.1f}"
        f"  CPU {r.cpu_percent:>3.0f}%  load {r.load_avg_1m_before:.1f}→{r.load_avg_1m_after:.1f}"
        + (
            f"  (pool of {r.pool_size} warm in {r.pool_warm_s:.0f} s)"
            if r.pool_warm_s is not None
            else ""
        )
    )
    if r.facilitator_refreshes is not None:
        print(
            f"      room: joined p95 {_fmt(r.joined_p95_s)} s, typed KRAs in the room p95"
            f" {_fmt(r.published_p95_s)} s, facilitator read the room {r.facilitator_refreshes}"
            " times meanwhile"
        )


def _largest_ok(rungs: list[Rung]) -> int:
    ok = [r.participants for r in rungs if not r.failed and r.p95_s is not None]
    ok = [r.participants for r in rungs if r.participants in ok and r.p95_s < P95_LIMIT_S]
    return max(ok, default=0)


def _limit(single: dict[str, float], server_rungs: list[Rung], browser_rungs: list[Rung]) -> str:
    """What limits N, in words, from the single-kernel steps and the CPU each visitor cost."""
    if not server_rungs:
        return "no rung ran"
    cores = os.cpu_count() or 1
    kernel = statistics.median(r.kernel_cpu_s_per_participant for r in server_rungs)
    server = statistics.median(
        r.kernel_cpu_s_per_participant + r.voila_cpu_s_per_participant for r in server_rungs
    )
    text = (
        f"Limit: CPU at startup. Each visitor's kernel starts "
        f"({single['kernel_start_s']:.2f} s), imports krakit ({single['import_krakit_s']:.2f} s)"
        f" and builds the wizard ({single['build_s']:.2f} s): ~{kernel:.1f} CPU-s in the kernel,"
        f" ~{server:.1f} CPU-s with Voilà's share. {cores} cores start at most "
        f"~{cores / server:.1f} visitors a second, so a burst of N arriving together waits about "
        f"N × {server / cores:.2f} s."
    )
    if browser_rungs:
        browser = statistics.median(r.chromium_cpu_s_per_participant for r in browser_rungs)
        text += (
            f" With Chromium on the same machine each visitor also cost ~{browser:.1f} CPU-s of "
            "browser work, which slows the Chromium figures; in a room it runs on the laptops."
        )
    return text


def _versions() -> dict[str, str]:
    out = {"python": platform.python_version()}
    for dist in ("krakit", "voila", "jupyter_server", "ipykernel", "ipywidgets", "playwright"):
        with contextlib.suppress(metadata.PackageNotFoundError):
            out[dist] = metadata.version(dist)
    with contextlib.suppress(OSError, subprocess.SubprocessError):
        out["chromium"] = subprocess.run(
            [CHROMIUM, "--version"], capture_output=True, text=True, timeout=20
        ).stdout.strip()
    return out


def _machine() -> dict[str, object]:
    return {
        "nproc": os.cpu_count(),
        "memory_gb": round(psutil.virtual_memory().total / 1024**3, 1),
        "platform": platform.platform(),
        "load_avg_at_start": [round(x, 2) for x in os.getloadavg()],
    }


def _parse_ladder(text: str) -> list[int]:
    try:
        sizes = sorted({int(part) for part in text.split(",") if part.strip()})
    except ValueError:
        raise SystemExit(f"--participants takes numbers like 1,2,4,8 (got {text!r})") from None
    if not sizes or sizes[0] < 1:
        raise SystemExit(f"--participants takes numbers ≥ 1 (got {text!r})")
    too_many = [n for n in sizes if n > HARD_CAP]
    if too_many:
        print(f"(ignoring {too_many}: the hard cap is {HARD_CAP} participants)")
    return [n for n in sizes if n <= HARD_CAP]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--participants", help="the ladder, e.g. 1,2,4,8,12,16,24")
    parser.add_argument("--quick", action="store_true", help="1 and 2 participants only")
    parser.add_argument(
        "--bench", action="store_true", help="make bench: 1 and 4 over HTTP, 1 in Chromium"
    )
    parser.add_argument("--preheat", action="store_true", help="also run with a kernel pool")
    parser.add_argument(
        "--runs",
        type=lambda text: [part for part in text.split(",") if part],
        help=f"which ladders, comma-separated, from {','.join(RUNS)}",
    )
    parser.add_argument(
        "--pool-size",
        type=int,
        help="pre-heated ladders: this many kernels in the pool (default: N, the rung's size)",
    )
    parser.add_argument(
        "--unpaced",
        action="store_true",
        help="Voilà's own pool refill (every used kernel replaced at once), for comparison",
    )
    parser.add_argument(
        "--room",
        action="store_true",
        help="serve a room (make app ROOM=...): each participant joins and publishes, a "
        "facilitator reads the room (HTTP ladders only)",
    )
    parser.add_argument("--out", type=Path, default=None, help="JSON results file")
    args = parser.parse_args(argv)
    args.out = args.out or (BENCH_OUT if args.bench else RESULTS)
    if args.bench:
        args.runs = list(BENCH_LADDERS)
        args.room = True  # the room of 20 as a workshop meets it: joining, publishing, watched
    unknown = set(args.runs or ()) - set(RUNS)
    if unknown:
        parser.error(f"--runs takes {','.join(RUNS)} (not {','.join(sorted(unknown))})")
    if args.participants:
        sizes = _parse_ladder(args.participants)
    else:
        sizes = list(QUICK_LADDER if args.quick else DEFAULT_LADDER)
    if not Path(CHROMIUM).exists():
        print(f"{CHROMIUM} is missing: `make chromium` installs Debian's chromium")
        return 1

    # Ctrl-C / SIGTERM unwind through every `finally`, so servers and kernels are stopped.
    signal.signal(signal.SIGTERM, lambda *_: (_ for _ in ()).throw(KeyboardInterrupt()))
    started = dt.datetime.now(dt.UTC).replace(microsecond=0)
    with tempfile.TemporaryDirectory(prefix="krakit-load-") as name:
        tmp = Path(name)
        site = tmp / "site"
        ROOMS[0] = tmp / "rooms" if args.room else None
        shutil.copytree(ROOT / "notebooks", site / "notebooks")
        shutil.copytree(ROOT / "templates", site / "templates")

        print("One kernel, step by step (median of 3):")
        single = single_kernel(site, tmp)
        print(
            f"  kernel start {single['kernel_start_s']:.2f} s + import krakit "
            f"{single['import_krakit_s']:.2f} s + build the wizard {single['build_s']:.2f} s"
            f" = {single['total_s']:.2f} s; {single.get('kernel_rss_mb', 0):.0f} MB RSS"
        )
        runs: dict[str, list[Rung]] = {}
        for key in args.runs or (RUNS if args.preheat else RUNS[:2]):
            client, pool = key.split("_")
            preheat = pool == "preheat"
            rungs = BENCH_LADDERS[key] if args.bench else sizes
            print(f"{CLIENT_TITLE[client]}, {POOL_TITLE[preheat]}, ladder {rungs}:")
            runs[f"{client}_{'preheat' if preheat else 'cold'}"] = asyncio.run(
                ladder(
                    site,
                    tmp,
                    rungs,
                    preheat=preheat,
                    client=client,
                    kernel_cpu_s=single.get("kernel_cpu_s", 0.5),
                    server_args=UNPACED if args.unpaced else (),
                    pool_size=args.pool_size,
                )
            )

    best = {key: _largest_ok(rungs) for key, rungs in runs.items()}
    print(f"\nLargest N with p95 < {P95_LIMIT_S:.0f} s:")
    for key, n in best.items():
        client, pool = key.split("_")
        print(f"  {n:>3}  {CLIENT_TITLE[client]}, {POOL_TITLE[pool == 'preheat']}")
    limit = _limit(single, runs.get("http_cold", []), runs.get("chromium_cold", []))
    print(limit)
    results = {
        "benchmark": "workshop_load",
        "started": started.isoformat(),
        "command": "python benchmarks/bench_workshop_load.py " + " ".join(argv or sys.argv[1:]),
        "p95_limit_s": P95_LIMIT_S,
        "machine": _machine(),
        "versions": _versions(),
        "single_kernel": single,
        "runs": {key: [asdict(r) for r in rungs] for key, rungs in runs.items()},
        "largest_n_p95_under_limit": best,
        "limit": limit,
        "notes": NOTES,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"Results written to {args.out}")
    if args.bench or args.room:
        return _report_bench(runs)
    return 0 if all(rungs and not rungs[0].failed for rungs in runs.values()) else 1


def _report_bench(runs: dict[str, list[Rung]]) -> int:
    """The ``--bench`` figures beside their targets (a failed participant is a miss)."""
    for key, rungs in runs.items():
        client = "in Chromium, wizard visible" if key.startswith("chromium") else "over HTTP"
        for rung in rungs:
            n = rung.participants
            if rung.failed or rung.p95_s is None:
                report(f"workshop: {n} {key} {client}, failed", rung.failed, 0, "people")
            elif rung.preheat:
                report(
                    f"workshop: {n} at once, pre-heated pool of {n} (make app), page + widget"
                    " states over HTTP, p95",
                    rung.p95_s,
                    ROOM_TARGET_S,
                    "s",
                )
                if rung.joined_p95_s is not None:
                    report(f"room: {n} at once, failed", rung.failed, 0, "people")
                    report(
                        f"room: {n} at once, wizard then name typed, join in the room, p95",
                        rung.joined_p95_s,
                        ROOM_TARGET_S,
                        "s",
                    )
            elif n == 1:
                target = ONE_PAGE_TARGET_S if key.startswith("http") else P95_LIMIT_S
                report(f"workshop: 1 participant, cold kernel, {client}", rung.p95_s, target, "s")
            else:
                report(f"workshop: {n} at once, cold, {client}, p95", rung.p95_s, P95_LIMIT_S, "s")
    return done()


if __name__ == "__main__":
    raise SystemExit(main())
