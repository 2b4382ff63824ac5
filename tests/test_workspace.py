"""A folder of scorecards opened and saved by name, never outside the folder."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import krakit


def test_save_list_open(tmp_path: Path) -> None:
    ws = krakit.Workspace(tmp_path / "ws")
    assert ws.list() == []
    path = ws.save(krakit.Scorecard(role={"title": "Office manager"}), "office-manager")
    assert path == (tmp_path / "ws" / "office-manager.yaml").resolve()
    ws.save(krakit.Scorecard(role={"title": "Owner"}), "owner.json")
    (tmp_path / "ws" / "notes.txt").write_text("not a scorecard")
    assert ws.list() == ["office-manager", "owner"]
    assert ws.open("office-manager").role.title == "Office manager"
    assert ws.open("owner.json").role.title == "Owner"
    assert ws.exists("owner.json") and not ws.exists("nobody")


def test_workspace_conflict(tmp_path: Path) -> None:
    ws = krakit.Workspace(tmp_path)
    ws.save(krakit.Scorecard(role={"title": "A"}), "card")
    with pytest.raises(krakit.ConflictError):
        ws.save(krakit.Scorecard(role={"title": "B"}), "card")
    ws.save(krakit.Scorecard(role={"title": "B"}), "card", force=True)
    assert ws.open("card").role.title == "B"


@pytest.mark.parametrize(
    "name",
    [
        "../x",
        "a/../../x",
        "..\\x",
        "/etc/passwd",
        "C:\\x",
        "c:x",
        "a/b",
        "..",
        ".",
        "",
        "  ",
        ".hidden",
        "x\x00y",
    ],
)
def test_names_that_escape_are_refused(tmp_path: Path, name: str) -> None:
    ws = krakit.Workspace(tmp_path / "ws")
    with pytest.raises(krakit.InputError) as info:
        ws.save(krakit.Scorecard(role={"title": "x"}), name)
    assert info.value.field == "name"
    assert not (tmp_path / "x").exists()
    assert list(tmp_path.rglob("*.yaml")) == []


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=30))
def test_no_name_reaches_outside(name: str) -> None:
    ws = krakit.Workspace("/tmp/krakit-ws-never-written")
    try:
        target = ws.path(name)
    except krakit.InputError:
        return
    assert target.parent == ws.folder.resolve()


def test_the_goal_tree_is_not_listed_as_a_scorecard(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import krakit

    ws = krakit.Workspace(tmp_path)
    ws.save(krakit.Scorecard(role={"title": "Recruiter"}), "recruiter")
    (tmp_path / "goals.yaml").write_text("organisation: Acme\n", encoding="utf-8")
    assert ws.list() == ["recruiter"]
