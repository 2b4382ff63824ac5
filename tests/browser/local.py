"""How krakit's browser tests and the workshop benchmark start things on this machine.

Debian's Chromium (never a downloaded browser) with the flags a headless, offline run needs,
free loopback ports, and waiting for a local server to answer. Plain Python, no pytest, so
``benchmarks/bench_workshop_load.py`` uses the same launch as the tests.
"""

from __future__ import annotations

import os
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

CHROMIUM = os.environ.get("KRAKIT_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
# CI runs as root; Jupyter refuses to unless told.
ROOT_FLAG = ["--allow-root"] if os.geteuid() == 0 else []


def free_port() -> int:
    """A free TCP port on 127.0.0.1."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_http(
    url: str,
    proc: subprocess.Popen[bytes],
    log: Path,
    seconds: float = 300,
    *,
    any_status: bool = False,
) -> None:
    """Wait until the server ``proc`` answers ``url`` (any HTTP status if ``any_status``).

    Raises ``RuntimeError`` with the end of the server's log if it exits or stays silent.
    """
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited early:\n{log.read_text()[-3000:]}")
        try:
            # Wait for the answer as long as the deadline allows: Voila answers '/' only once
            # the notebook has run, and a request given up after a few seconds on a busy
            # machine makes it start the notebook again in yet another kernel.
            with urllib.request.urlopen(url, timeout=max(1.0, deadline - time.monotonic())):
                return
        except urllib.error.HTTPError:
            if any_status:
                return  # it answered
            time.sleep(0.3)
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"server did not answer {url} in {seconds}s:\n{log.read_text()[-3000:]}")
