"""The Voilà app (``make app``): no code shown, no tracebacks, loopback only unless a token.

The effective configuration is read the way Voilà reads it: the ``voila`` command that
``make -n app`` prints is parsed by Voilà's own application class, with a hostile personal
config in ``~/.jupyter`` that would turn tracebacks and sources on (it must be ignored).
One test starts the app for a few seconds on 127.0.0.1 with a notebook that raises, reads
the page a participant would get, and sends code down the kernel's websocket as a hostile
page could (Voilà lets through widget messages only, so it must not run).
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import json
import os
import re
import shlex
import signal
import socket
import subprocess
import time
import urllib.request
import uuid
from pathlib import Path
from typing import Any

import pytest

from tests.security._kernel_socket import shell_message

ROOT = Path(__file__).resolve().parents[2]
VOILA_JSON = ROOT / "jupyter" / "voila.json"
# make -o: treat the venv stamps as up to date, so make only runs the app recipe itself
_UP_TO_DATE = ["-o", ".venv/.lab", "-o", ".venv/share/jupyter/lab/settings/overrides.json"]


def _app_command(**variables: str) -> tuple[dict[str, str], list[str]]:
    """The environment and argv of the voila command ``make app`` runs (not running it)."""
    assignments = [f"{k}={v}" for k, v in variables.items()]
    printed = subprocess.run(
        ["make", "-n", *_UP_TO_DATE, "app", *assignments],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.replace("\\\n", " ")
    line = next(ln for ln in printed.splitlines() if "bin/voila " in ln)
    words = shlex.split(line)
    env = {}
    while "=" in words[0] and not words[0].startswith("-"):
        key, value = words.pop(0).split("=", 1)
        env[key] = value
    assert words[0].endswith("bin/voila")
    return env, words[1:]


@pytest.fixture
def hostile_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A personal Jupyter config that would make the app unsafe if it were read."""
    config = tmp_path / "dot-jupyter"
    config.mkdir()
    (config / "voila.json").write_text(
        json.dumps(
            {
                "Voila": {"ip": "0.0.0.0"},
                "VoilaConfiguration": {"show_tracebacks": True, "strip_sources": False},
            }
        )
    )
    monkeypatch.setenv("JUPYTER_CONFIG_DIR", str(config))
    monkeypatch.chdir(ROOT)
    return config


def _voila(env: dict[str, str], args: list[str], monkeypatch: pytest.MonkeyPatch) -> Any:
    from voila.app import Voila

    for key, value in env.items():
        monkeypatch.setenv(key, value)
    previous = signal.getsignal(signal.SIGTERM)
    app = Voila()
    try:
        app.initialize(args)
    finally:
        signal.signal(signal.SIGTERM, previous)  # Voilà installs its own handler
    return app


def test_voila_json_holds_the_safe_defaults() -> None:
    config = json.loads(VOILA_JSON.read_text(encoding="utf-8"))
    assert config["Voila"]["ip"] == "127.0.0.1"
    assert config["VoilaConfiguration"]["show_tracebacks"] is False
    assert config["VoilaConfiguration"]["strip_sources"] is True
    assert config["MappingKernelManager"]["cull_idle_timeout"] > 0


def test_make_app_serves_loopback_without_code_or_tracebacks(
    hostile_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    env, args = _app_command(PORT="18999")
    app = _voila(env, args, monkeypatch)
    settings = app.voila_configuration
    assert app.ip == "127.0.0.1"
    assert settings.show_tracebacks is False
    assert settings.strip_sources is True
    assert settings.template == "krakit"
    assert str(hostile_home) not in app.config_file_paths  # ~/.jupyter is not read
    assert app.config["MappingKernelManager"]["cull_idle_timeout"] == 900


def test_the_hostile_home_would_have_mattered(
    hostile_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Control: plain ``voila`` reads ~/.jupyter, so the isolation above is doing the work."""
    app = _voila({}, ["notebooks/00_start_here.ipynb"], monkeypatch)
    assert app.voila_configuration.show_tracebacks is True


def test_make_app_on_a_lan_needs_a_token(monkeypatch: pytest.MonkeyPatch) -> None:
    refused = subprocess.run(
        ["make", "--no-print-directory", *_UP_TO_DATE, "app", "HOST=0.0.0.0", "PORT=18998"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        start_new_session=True,
    )
    assert refused.returncode != 0
    assert "TOKEN=" in refused.stdout + refused.stderr
    env, args = _app_command(HOST="0.0.0.0", TOKEN="s3cret-workshop-token")
    monkeypatch.chdir(ROOT)
    app = _voila(env, args, monkeypatch)
    assert app.ip == "0.0.0.0" and app.token == "s3cret-workshop-token"


def test_make_app_pool_preheats_kernels(monkeypatch: pytest.MonkeyPatch) -> None:
    env, args = _app_command(POOL="8")
    monkeypatch.chdir(ROOT)
    app = _voila(env, args, monkeypatch)
    assert app.voila_configuration.preheat_kernel is True
    assert app.voila_configuration.default_pool_size == 8
    # without POOL, a pool for a room of 20; POOL=0: kernels start when a participant arrives
    env, args = _app_command()
    assert {"--preheat_kernel=True", "--pool_size=20"} <= set(args)
    # used pool kernels are replaced one at a time by krakit's manager, not all at once
    assert app.voila_configuration.multi_kernel_manager_class.__name__ == "PacedKernelManager"
    assert app.config["VoilaKernelManager"]["fill_delay"] >= 1
    env, args = _app_command(POOL="0")
    assert not any(a.startswith(("--preheat_kernel", "--pool_size")) for a in args)


_BOOM = {
    "cells": [
        {
            "cell_type": "code",
            "execution_count": None,
            "metadata": {},
            "outputs": [],
            "source": ["hidden_source_marker = 'cell source shown'\n", "print('output-marker')"],
        },
        {
            "cell_type": "code",
            "execution_count": None,
            "metadata": {},
            "outputs": [],
            "source": ["raise ZeroDivisionError('traceback-marker')"],
        },
    ],
    "metadata": {
        "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"}
    },
    "nbformat": 4,
    "nbformat_minor": 5,
}


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


async def _send_code(port: int, page: str, code: str) -> list[str]:
    """Send an ``execute_request`` down the page's kernel websocket, then a
    ``kernel_info_request`` (which the app lets through); return the reply types seen up to
    the answer to the second.

    The kernel answers its shell messages in order, so once the second is answered an
    ``execute_reply`` would already have come had the code reached the kernel: no waiting
    for a number of seconds that a slow machine could overrun.
    """
    from tornado.websocket import websocket_connect

    kernel = re.search(r'"kernelId":\s*"([^"]+)"', page)
    assert kernel, "no kernel id in the page"
    session = uuid.uuid4().hex
    ws = await websocket_connect(
        f"ws://127.0.0.1:{port}/api/kernels/{kernel.group(1)}/channels?session_id={session}"
    )

    async def send(msg_type: str, content: dict[str, object]) -> str:
        msg_id, text = shell_message(session, msg_type, content)
        await ws.write_message(text)
        return msg_id

    content = {"code": code, "silent": False, "store_history": False}
    content |= {"user_expressions": {}, "allow_stdin": False, "stop_on_error": True}
    await send("execute_request", content)
    info = await send("kernel_info_request", {})
    seen: list[str] = []
    try:
        while True:
            # the timeout only ends a hang (the app never answering): it is never met
            reply = await asyncio.wait_for(ws.read_message(), 120)
            assert reply is not None, f"the app closed the websocket after {seen}"
            if isinstance(reply, str):
                message = json.loads(reply)
                seen.append(message.get("msg_type", ""))
                if message.get("parent_header", {}).get("msg_id") == info:
                    if message.get("msg_type") == "kernel_info_reply":
                        return seen
    finally:
        ws.close()


def test_the_running_app_shows_no_code_and_no_traceback(tmp_path: Path) -> None:
    notebook = tmp_path / "boom.ipynb"
    notebook.write_text(json.dumps(_BOOM), encoding="utf-8")
    port = _free_port()
    env, args = _app_command(PORT=str(port), POOL="1")  # the pooled path, one kernel
    args = [a for a in args if not a.endswith(".ipynb")] + ["--no-browser", str(notebook)]
    server = subprocess.Popen(
        [str(ROOT / ".venv" / "bin" / "voila"), *args],
        cwd=ROOT,
        env={**os.environ, **env},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        # generous: only an app that never starts comes near it, not a busy machine
        page, deadline = "", time.monotonic() + 300
        while time.monotonic() < deadline and not page:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=120) as reply:
                    page = reply.read().decode("utf-8")
            except OSError:
                time.sleep(0.25)
        assert page, "the app did not answer within 300 s"
        assert "output-marker" in page  # the notebook ran and its output is shown
        assert "There was an error when executing cell" in page  # and it did raise
        assert "traceback-marker" not in page and "Traceback" not in page
        assert "ZeroDivisionError" not in page
        assert "hidden_source_marker" not in page  # no code
        import psutil

        listening = {
            c.laddr.ip
            for c in psutil.Process(server.pid).net_connections(kind="inet")
            if c.status == psutil.CONN_LISTEN
        }
        assert listening == {"127.0.0.1"}
        # a visitor's browser can send widget (comm) messages, but not code to run
        marker = tmp_path / "pwned"
        # in a thread of its own: the browser tests' Playwright keeps an event loop running in
        # this one for the whole session, and asyncio.run refuses to nest
        code = f"open({str(marker)!r}, 'w').close()"
        with concurrent.futures.ThreadPoolExecutor(1) as pool:
            replies = pool.submit(asyncio.run, _send_code(port, page, code)).result(timeout=300)
        assert "kernel_info_reply" in replies  # the app forwards what it allows
        assert "execute_reply" not in replies and not marker.exists()
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
