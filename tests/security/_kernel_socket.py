"""A message for a kernel's websocket, as a page of the app sends it (tests and benchmarks)."""

from __future__ import annotations

import json
import uuid


def shell_message(
    session: str,
    msg_type: str,
    content: dict[str, object],
    metadata: dict[str, object] | None = None,
) -> tuple[str, str]:
    """Return ``(msg_id, text)``: a shell-channel message for ``/api/kernels/<id>/channels``."""
    header = {
        "msg_id": uuid.uuid4().hex,
        "username": "participant",
        "session": session,
        "msg_type": msg_type,
        "version": "5.3",
        "date": "2026-01-01T00:00:00Z",
    }
    message = {"header": header, "parent_header": {}, "metadata": metadata or {}}
    text = json.dumps({**message, "content": content, "channel": "shell", "buffers": []})
    return header["msg_id"], text
