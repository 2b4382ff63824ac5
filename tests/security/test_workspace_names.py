"""Workspace names: whatever a participant types as "Save as", the file stays in the folder.

Names come from a text box in a shared app, so they are hostile input: ``..``, URL-encoded
dots, look-alike slashes, NUL, names longer than a file system allows, and Windows device
names (a workspace on a shared drive may be opened from Windows, where ``CON.yaml`` is the
console, not a file).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import krakit
from krakit.errors import InputError

HOSTILE = [
    "..",
    "../x",
    "..\\x",
    "%2e%2e",
    "%2e%2e%2fx",
    "..%2fx",
    "%2e%2e/x",
    "..／x",  # full-width solidus
    "..∕x",  # division slash
    "..⁄x",  # fraction slash
    "..\u2215..\u2215etc",
    "x\x00.yaml",
    "\x00",
    "a" * 300,
    "é" * 200,  # 400 bytes in UTF-8
    "CON",
    "con.yaml",
    "NUL",
    "PRN.json",
    "AUX",
    "COM1",
    "lpt9.yaml",
    "CONIN$",
    "name.",
    "name ",
    "a:b",  # an NTFS alternate data stream
    "a|b",
    "a*b",
    "a?b",
    'a"b',
    "a<b>",
    "~",
    "~root",
    "$HOME",
    "/",
    "//server/share/x",
    "\\\\server\\share\\x",
    "C:",
    "file:///etc/passwd",
]

_parts = st.sampled_from(
    ["..", ".", "/", "\\", "%2e", "%2f", "／", "∕", "⁄", "\x00", ":", "CON", "nul", "~", "a", "-"]
)
_names = st.one_of(
    st.sampled_from(HOSTILE),
    st.lists(_parts, min_size=1, max_size=8).map("".join),
    st.text(max_size=40),
    st.text(min_size=250, max_size=300),
)


def _stays_inside(ws: krakit.Workspace, name: str) -> Path | None:
    """The file a name maps to (None if refused), after checking it cannot escape."""
    try:
        target = ws.path(name)
    except InputError as exc:
        assert exc.field == "name"
        return None
    assert target.parent == ws.folder.resolve()
    assert target.name not in (".", "..") and not target.name.startswith(".")
    assert len(target.name.encode("utf-8")) <= 255
    stem = target.name.split(".")[0].upper()
    assert stem not in {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"}
    assert not (stem[:3] in ("COM", "LPT") and stem[3:] in set("0123456789¹²³"))
    assert not set(target.name) & set('<>:"|?*\x00')
    return target


@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_names_never_escape(name: str, tmp_path: Path) -> None:
    ws = krakit.Workspace(tmp_path / "ws")
    target = _stays_inside(ws, name)
    if target is not None:
        ws.save(krakit.Scorecard(role={"title": "x"}), name)
        assert target.exists()
    assert {p.parent for p in tmp_path.rglob("*") if p.is_file()} <= {ws.folder.resolve()}


@settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(_names)
def test_any_name_maps_inside_the_folder_or_is_refused(tmp_path: Path, name: str) -> None:
    ws = krakit.Workspace(tmp_path / "ws")
    target = _stays_inside(ws, name)
    # exists/open never fail with anything but an InputError either
    try:
        ws.exists(name)
    except InputError:
        assert target is None


def test_saving_any_accepted_name_writes_inside(tmp_path: Path) -> None:
    """A save under every accepted hostile name lands in the folder, nowhere else."""
    ws = krakit.Workspace(tmp_path / "ws")
    written = 0
    for name in HOSTILE:
        if _stays_inside(ws, name) is not None:
            ws.save(krakit.Scorecard(role={"title": "x"}), name, force=True)
            written += 1
    assert written  # some hostile-looking names ("%2e%2e", "~") are plain file names
    assert all(p.parent == ws.folder.resolve() for p in tmp_path.rglob("*") if p.is_file())
