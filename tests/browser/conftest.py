"""Real-browser tests: JupyterLab and Voilà served from .venv, driven by Playwright in Debian's
Chromium (never a downloaded browser), with every request that leaves localhost blocked and
recorded, so a test fails if anything needs the internet.

Screenshots go to ``out/screenshots`` (or ``$KRAKIT_SCREENSHOTS``; ``make screenshots`` sets it
to ``docs/screenshots`` for the README).

Without Chromium the browser tests are skipped, loudly (a banner at the end of the run), unless
``KRAKIT_REQUIRE_BROWSER=1`` (set by ``.ci/run``): then a missing Chromium fails them, so CI
always runs them. :func:`chromium_gate` makes that decision.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import pytest

from tests.browser.local import CHROMIUM, CHROMIUM_ARGS, ROOT_FLAG, free_port, wait_http

ROOT = Path(__file__).resolve().parents[2]
SHOTS = Path(os.environ.get("KRAKIT_SCREENSHOTS", ROOT / "out" / "screenshots"))


@dataclass
class Server:
    url: str
    root: Path
    proc: subprocess.Popen[bytes]
    log: Path


def _serve(
    args: list[str], url_path: str, tmp: Path, root: Path, extra_env: Mapping[str, str] = {}
) -> Iterator[Server]:
    port = free_port()
    log = tmp / f"server-{port}.log"
    env = {
        **os.environ,
        **extra_env,
        "JUPYTERLAB_SETTINGS_DIR": str(tmp / "settings"),
        "JUPYTERLAB_WORKSPACES_DIR": str(tmp / "workspaces"),
        "JUPYTER_RUNTIME_DIR": str(tmp / "runtime"),
        "KRAKIT_WORKSPACE": str(tmp / "workspace"),
        # krakit's offline Voilà template lives in jupyter/voila/templates/krakit
        "JUPYTER_PATH": os.pathsep.join(
            filter(None, [str(ROOT / "jupyter"), os.environ.get("JUPYTER_PATH")])
        ),
    }
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [*args, f"--port={port}"],
            cwd=root,
            stdout=out,
            stderr=subprocess.STDOUT,
            env=env,
        )
    server = Server(f"http://127.0.0.1:{port}", root, proc, log)
    try:
        wait_http(server.url + url_path, proc, log)
        yield server
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


@pytest.fixture(scope="package")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the notebooks and templates, so browser runs never write into the repo."""
    site = tmp_path_factory.mktemp("site")
    shutil.copytree(ROOT / "notebooks", site / "notebooks")
    shutil.copytree(ROOT / "templates", site / "templates")
    return site


@pytest.fixture(scope="package")
def lab(site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    tmp = tmp_path_factory.mktemp("lab")
    args = [
        sys.executable,
        "-m",
        "jupyter",
        "lab",
        "--no-browser",
        "--ServerApp.ip=127.0.0.1",
        "--IdentityProvider.token=",
        "--ServerApp.password=",
        "--ServerApp.disable_check_xsrf=True",
        f"--ServerApp.root_dir={site}",
        "--LabApp.expose_app_in_browser=True",
        "--LabApp.extension_manager=readonly",
        *ROOT_FLAG,
    ]
    yield from _serve(args, "/api/status", tmp, site)


def _voila(
    notebook: str | None, site: Path, tmp: Path, extra_env: Mapping[str, str] = {}
) -> Iterator[Server]:
    """Voilà serving one notebook, or (``notebook=None``) every notebook under ``/voila/render``."""
    args = [
        sys.executable,
        "-m",
        "voila",
        "--no-browser",
        "--Voila.ip=127.0.0.1",
        "--template=krakit",
        *([f"notebooks/{notebook}"] if notebook else []),
    ]
    yield from _serve(args, "/", tmp, site, extra_env)


@pytest.fixture(scope="package")
def voila(site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """The workshop app: ``00_start_here.ipynb`` served by Voilà."""
    yield from _voila("00_start_here.ipynb", site, tmp_path_factory.mktemp("voila"))


@pytest.fixture(scope="package")
def voila_training(site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """The participants' training (quiz, fix-this-KPI) served by Voilà (make training)."""
    yield from _voila("training_participant.ipynb", site, tmp_path_factory.mktemp("training"))


@dataclass
class Offline:
    """Requests the page tried to send off this machine (all of them were refused)."""

    blocked: list[str] = field(default_factory=list)


Gate = Literal["run", "skip", "fail"]
REQUIRE_BROWSER = "KRAKIT_REQUIRE_BROWSER"


def chromium_gate(chromium: str | os.PathLike[str], env: Mapping[str, str]) -> tuple[Gate, str]:
    """Decide whether the browser tests run, are skipped, or fail for want of Chromium.

    Parameters
    ----------
    chromium
        Where Chromium should be (``$KRAKIT_CHROMIUM``, default ``/usr/bin/chromium``).
    env
        The environment; ``KRAKIT_REQUIRE_BROWSER=1`` turns a skip into a failure (CI).

    Returns
    -------
    tuple
        ``("run", "")`` when Chromium is there, else ``("skip" | "fail", why)``.
    """
    path = Path(chromium)
    if path.is_file() and os.access(path, os.X_OK):
        return "run", ""
    why = (
        f"Chromium is missing ({path} is not an executable file): the browser tests cannot "
        "run. Install Debian's chromium (`sudo apt-get install chromium`, or `make chromium` "
        "as root) or point KRAKIT_CHROMIUM at one."
    )
    if env.get(REQUIRE_BROWSER, "").strip() not in ("", "0"):
        return "fail", f"{why} {REQUIRE_BROWSER} is set, so this is a failure, not a skip."
    return "skip", f"{why} SKIPPED (set {REQUIRE_BROWSER}=1 to make this fail, as CI does)."


_SKIPPED: list[str] = []


@pytest.fixture(scope="package")
def browser() -> Iterator[object]:
    gate, why = chromium_gate(CHROMIUM, os.environ)
    if gate == "fail":
        pytest.fail(why, pytrace=False)
    if gate == "skip":
        _SKIPPED.append(why)
        pytest.skip(why)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Say it loudly when the browser tests were skipped for want of Chromium."""
    if _SKIPPED:
        terminalreporter.write_sep("!", "BROWSER TESTS SKIPPED", red=True, bold=True)
        terminalreporter.write_line(_SKIPPED[0], red=True, bold=True)
        terminalreporter.write_sep("!", red=True, bold=True)


def offline_context(browser, offline: Offline, height: int = 900) -> object:
    """A browser context that reaches 127.0.0.1 only: anything else is refused and recorded."""
    context = browser.new_context(viewport={"width": 1280, "height": height})

    def route(route_obj) -> None:
        url = route_obj.request.url
        host = url.split("/")[2].split(":")[0] if "://" in url else ""
        if url.startswith(("data:", "blob:")) or host in {"127.0.0.1", "localhost"}:
            route_obj.continue_()
        else:
            offline.blocked.append(url)
            route_obj.abort()

    context.route("**/*", route)
    return context


def new_page(context) -> object:
    """A page whose waits are hang guards, not speed limits (a busy machine renders slowly)."""
    page = context.new_page()
    page.set_default_timeout(180_000)
    return page


@pytest.fixture
def page(browser) -> Iterator[tuple[object, Offline]]:
    offline = Offline()
    context = offline_context(browser, offline)
    yield new_page(context), offline
    context.close()


def screenshot(page, name: str) -> Path:
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=False)
    return path


def settled_text(page, selector: str, ready, seconds: float = 60) -> str:
    """The first match's text once ``ready(text)`` holds.

    A view redraws its parts one message at a time, so waiting for one part and then reading
    another races; poll the part that is read instead.
    """
    deadline = time.monotonic() + seconds
    text = page.locator(selector).first.inner_text()
    while not ready(text) and time.monotonic() < deadline:
        page.wait_for_timeout(200)
        text = page.locator(selector).first.inner_text()
    assert ready(text), f"{selector} never got there; it shows:\n{text}"
    return text
