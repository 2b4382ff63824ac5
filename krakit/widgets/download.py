"""A button that saves a file made by the kernel onto the visitor's own computer.

In the app (Voilà) or on a shared JupyterHub the kernel runs on a server, so a path such as
``/srv/workspace/exports/report.html`` is of no use to a participant on a laptop. A
:class:`DownloadButton` asks the kernel for the file when clicked and hands the bytes to the
browser as a download (a ``Blob`` saved through an ``<a download>`` link), in JupyterLab and
in Voilà alike. It is an anywidget: its JavaScript ships inline, so nothing is fetched from the
internet, and the bytes travel as a binary buffer (no base64, no size limit of a data URL).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import anywidget
import traitlets

__all__ = ["DownloadButton", "Payload"]


@dataclass(frozen=True, slots=True)
class Payload:
    """One file to hand to the browser."""

    filename: str
    """The name the browser saves it under (no folder)."""
    data: bytes
    mime: str = "application/octet-stream"


_ESM = """
function render({ model, el }) {
  const button = document.createElement("button");
  button.className = "jupyter-button widget-button krakit-download-button";
  button.type = "button";
  const label = () => {
    button.textContent = (model.get("busy") ? "Preparing… " : "⤓ ") + model.get("description");
    button.disabled = model.get("busy");
  };
  label();
  model.on("change:description", label);
  model.on("change:busy", label);
  button.addEventListener("click", () => model.send({ type: "request" }));
  model.on("msg:custom", (msg, buffers) => {
    if (!msg || msg.type !== "file" || !buffers || !buffers.length) return;
    const blob = new Blob([buffers[0]], { type: msg.mime || "application/octet-stream" });
    const url = URL.createObjectURL(blob);
    const link = document.createElement("a");
    link.href = url;
    link.download = msg.filename;
    link.style.display = "none";
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60000);
  });
  el.appendChild(button);
}
export default { render };
"""


class DownloadButton(anywidget.AnyWidget):  # type: ignore[misc]
    """A button; a click runs ``make`` in the kernel and the browser saves what it returns.

    Parameters
    ----------
    description
        The button's text, e.g. ``"Chart PNG"``.
    make
        Builds the file. It returns a :class:`Payload`, or ``None`` when there is nothing to
        download (it has then said why on screen). It runs inside the caller's guard, so an
        error it raises is the caller's to show.
    """

    _esm = _ESM
    description = traitlets.Unicode("Download").tag(sync=True)
    busy = traitlets.Bool(False).tag(sync=True)

    def __init__(self, description: str, make: Callable[[], Payload | None], **kwargs: Any):
        super().__init__(description=description, **kwargs)
        self._make = make
        self.last: Payload | None = None
        """The file last handed to the browser (what tests and notebooks inspect)."""
        self.on_msg(self._on_msg)

    def click(self) -> Payload | None:
        """Do what a click does: make the file and send it to the browser."""
        self.busy = True
        try:
            payload = self._make()
        finally:
            self.busy = False
        if payload is not None:
            self.last = payload
            self.send(
                {"type": "file", "filename": payload.filename, "mime": payload.mime},
                buffers=[payload.data],
            )
        return payload

    def _on_msg(self, _widget: object, content: Any, _buffers: object) -> None:
        if isinstance(content, dict) and content.get("type") == "request":
            self.click()
