"""Drawing charts in a second process, so vl-convert's start overlaps the rest of a command.

vl-convert's JavaScript engine costs about 0.7 s of CPU to start, once per process, and holds
Python's GIL while it starts, so a thread cannot overlap it with anything. A process can: the
``krakit chart`` and ``krakit report`` commands start :class:`ChartWorker` first thing; the
worker starts the engine on the second core while the command imports pandas, reads the
scorecard and scores it, and draws the specs it is sent. On one busy core nothing is lost but
the worker's Python start (about 50 ms).

The protocol is one request, one answer, each a 4-byte big-endian length and a body: the
request is JSON ``{"format": "svg" | "png", "spec": {...}, "scale": 2.0}``; the answer's first
byte says ``0`` (the drawing: SVG text in UTF-8, or PNG bytes follow) or ``1`` (vl-convert's
error message follows). Any failure of the worker itself (it could not start, died, answered
nonsense) makes :func:`draw` draw in this process instead, as it would without a worker.

>>> import krakit
>>> from krakit import score, vegalite
>>> card = krakit.load("templates/samples/recruiter.yaml")
>>> with drawing_elsewhere():
...     vegalite.svg(vegalite.bullet(score(card))).startswith("<svg")
True
"""

from __future__ import annotations

import contextlib
import json
import struct
import subprocess
import sys
from collections.abc import Iterator
from typing import Any, BinaryIO, Literal

__all__ = ["ChartWorker", "DrawingError", "draw", "draw_in_process", "drawing_elsewhere", "serve"]

Format = Literal["svg", "png"]
_LENGTH = struct.Struct(">I")


class DrawingError(ValueError):
    """vl-convert could not draw the spec (its own message)."""


def draw_in_process(spec: dict[str, Any], fmt: Format, scale: float = 2.0) -> str | bytes:
    """Draw ``spec`` with vl-convert in this process: SVG text or PNG bytes."""
    import vl_convert as vlc

    if fmt == "png":
        return bytes(vlc.vegalite_to_png(spec, scale=scale))
    return str(vlc.vegalite_to_svg(spec))


_active: list[ChartWorker] = []  # the worker of the innermost drawing_elsewhere() block


@contextlib.contextmanager
def drawing_elsewhere() -> Iterator[ChartWorker]:
    """Within the block, :func:`draw` draws in a worker process started now.

    Start it first thing in a command that will draw (``krakit chart -o c.png``): the engine
    starts on another core while the command imports, reads and scores.
    """
    with ChartWorker() as worker:
        _active.append(worker)
        try:
            yield worker
        finally:
            _active.remove(worker)


def draw(spec: dict[str, Any], fmt: Format, scale: float = 2.0) -> str | bytes:
    """Draw ``spec`` (SVG text or PNG bytes): in the active worker if there is one, else here."""
    if _active:
        return _active[-1].draw(spec, fmt, scale)
    return draw_in_process(spec, fmt, scale)


def _read(stream: BinaryIO) -> bytes | None:
    head = stream.read(_LENGTH.size)
    if len(head) < _LENGTH.size:
        return None
    (size,) = _LENGTH.unpack(head)
    body = stream.read(size)
    return body if len(body) == size else None


def _write(stream: BinaryIO, body: bytes) -> None:
    stream.write(_LENGTH.pack(len(body)) + body)
    stream.flush()


class ChartWorker:
    """A child process that draws Vega-Lite specs with vl-convert; started at once.

    Use it as a context manager, or call :meth:`close`. When the child cannot be used,
    :meth:`draw` draws in this process (the caller never sees the difference but the time).
    """

    def __init__(self) -> None:
        try:
            self._child: subprocess.Popen[bytes] | None = subprocess.Popen(
                [sys.executable, "-m", "krakit.chart_worker"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
            )
        except OSError:
            self._child = None

    def draw(self, spec: dict[str, Any], fmt: Format, scale: float = 2.0) -> str | bytes:
        """The drawing of ``spec`` (SVG text or PNG bytes).

        Raises
        ------
        DrawingError
            vl-convert refused the spec (in the child or, without one, here).
        """
        answer = self._ask({"format": fmt, "spec": spec, "scale": scale})
        if answer is None:  # no usable child: draw here
            self.close()
            try:
                return draw_in_process(spec, fmt, scale)
            except ValueError as exc:
                raise DrawingError(str(exc)) from exc
        status, body = answer[:1], answer[1:]
        if status == b"1":
            raise DrawingError(body.decode("utf-8", "replace"))
        return body.decode("utf-8") if fmt == "svg" else body

    def _ask(self, request: dict[str, Any]) -> bytes | None:
        child = self._child
        if child is None or child.stdin is None or child.stdout is None:
            return None
        try:
            _write(child.stdin, json.dumps(request).encode("utf-8"))
            answer = _read(child.stdout)
        except (OSError, ValueError):
            return None
        return answer if answer and answer[:1] in (b"0", b"1") else None

    def close(self) -> None:
        """Stop the child (it ends when its input closes)."""
        child, self._child = self._child, None
        if child is None:
            return
        try:
            if child.stdin:
                child.stdin.close()
            child.wait(timeout=10)
        except (OSError, subprocess.TimeoutExpired):
            child.kill()
        finally:
            if child.stdout:
                child.stdout.close()

    def __enter__(self) -> ChartWorker:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def serve(requests: BinaryIO, answers: BinaryIO) -> None:
    """The child's loop: start the engine, then draw each request until the input closes."""
    import vl_convert as vlc

    vlc.vegalite_to_vega({"mark": "point"})  # start the engine before the first request
    while (body := _read(requests)) is not None:
        try:
            request = json.loads(body)
            drawing = draw_in_process(request["spec"], request["format"], request["scale"])
        except Exception as exc:  # vl-convert's own message goes back
            _write(answers, b"1" + str(exc).encode("utf-8", "replace"))
            continue
        _write(answers, b"0" + (drawing.encode("utf-8") if isinstance(drawing, str) else drawing))


if __name__ == "__main__":
    serve(sys.stdin.buffer, sys.stdout.buffer)
