"""The goal tree file: validation in words, round-trips, the JSON Schema, the migration hook."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from krakit.errors import InputError
from krakit.goals import (
    GOALS_SCHEMA_VERSION,
    dump_tree,
    find_tree,
    goals_json_schema,
    load_tree,
    loads_tree,
    save_tree,
    validate_tree,
)
from krakit.goals.tree import GOALS_SCHEMA_PATH


def tree(**extra: object) -> dict[str, object]:
    return {"organisation": "Acme Traders", **extra}


def goal(gid: str, parent: str | None = None) -> dict[str, object]:
    return {"id": gid, "title": gid.replace("-", " ").title(), "owner": "CEO", "parent": parent}


@pytest.mark.parametrize(
    ("data", "field", "words"),
    [
        (tree(goals=[goal("grow"), goal("grow")]), None, "two goals share the id 'grow'"),
        (
            tree(goals=[goal("grow")], units=[{"name": "Sales", "goals": [goal("grow")]}]),
            None,
            "two goals share the id 'grow'",
        ),
        (tree(goals=[goal("grow", "nowhere")]), None, "parent 'nowhere', which is not a goal"),
        (
            tree(goals=[goal("a", "c"), goal("b", "a"), goal("c", "b")]),
            None,
            "goal 'a' is its own ancestor (a → c → b → a)",
        ),
        (tree(goals=[goal("a", "a")]), None, "goal 'a' is its own ancestor (a → a)"),
        (
            tree(units=[{"name": "Sales"}, {"name": "Sales"}]),
            None,
            "two units share the id 'sales'",
        ),
        (tree(goals=[{"title": "Grow"}]), "goals[grow].owner", "this field is required"),
        (
            tree(goals=[{"title": "Grow", "owner": "x", "colour": 1}]),
            "goals[grow].colour",
            "spelling",
        ),
        ({"goals": []}, "organisation", "this field is required"),
        (tree(schema_version=7), "schema_version", "newer krakit (format 7)"),
        (tree(schema_version="one"), "schema_version", "whole number"),
    ],
)
def test_a_broken_tree_is_refused_naming_the_file_and_id(data, field, words) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(InputError) as info:
        validate_tree(data, path="team/goals.yaml")
    assert info.value.path == "team/goals.yaml"
    assert info.value.field == field
    assert words in str(info.value)
    assert str(info.value).startswith("team/goals.yaml")


def test_ids_are_made_from_titles_and_names_and_messy_text_is_read() -> None:
    text = """
    organisation:   Acme Traders
    goals:
      - {title: "  Grow B2B revenue  ", owner: CEO}
    units:
      - name: Customer Success (South)
        members: [CSM]
        goals:
          - {title: Cut churn, owner: Head of CS, parent: grow-b2b-revenue}
    """
    loaded = loads_tree(text)
    assert loaded.goal("grow-b2b-revenue").title == "Grow B2B revenue"
    assert loaded.units[0].id == "customer-success-south"
    assert [g.id for g in loaded.goals_in_order()] == ["grow-b2b-revenue", "cut-churn"]
    assert loaded.depth("cut-churn") == 1


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("", "the goal tree is empty"),
        ("organisation: [unclosed", "not valid YAML"),
        ("- a list", "expected a goal tree"),
        ("organisation: A\norganisation: B", "not valid YAML"),
    ],
)
def test_unreadable_text_says_so(text: str, words: str) -> None:
    with pytest.raises(InputError, match=r"goals\.yaml") as info:
        loads_tree(text, path="goals.yaml")
    assert words in str(info.value)


def test_load_refuses_a_missing_file_and_a_wrong_suffix(tmp_path) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(InputError, match="no such file"):
        load_tree(tmp_path / "goals.yaml")
    with pytest.raises(InputError, match=r"name it goals\.yaml"):
        load_tree(tmp_path / "goals.txt")


def test_save_is_atomic_and_found_in_its_folder(tmp_path) -> None:  # type: ignore[no-untyped-def]
    assert find_tree(tmp_path) is None
    made = validate_tree(tree(goals=[goal("grow")], units=[{"name": "Sales"}]))
    path = save_tree(made, tmp_path / "goals.yaml")
    assert find_tree(tmp_path) == path
    assert load_tree(path) == made
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []
    text = path.read_text(encoding="utf-8")
    assert text.startswith(f"schema_version: {GOALS_SCHEMA_VERSION}\n")
    save_tree(made, tmp_path / "goals.json")
    assert load_tree(tmp_path / "goals.json") == made


def test_shipped_schema_matches_the_model() -> None:
    shipped = json.loads(GOALS_SCHEMA_PATH.read_text(encoding="utf-8"))
    assert shipped == goals_json_schema(), "run `make schema` after changing krakit/goals/tree.py"


_IDS = st.from_regex(r"[a-z][a-z0-9]{0,6}(-[a-z0-9]{1,4})?", fullmatch=True)
_TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")), min_size=1, max_size=30
).filter(lambda s: s.strip() == s and s.strip())


@st.composite
def trees(draw: st.DrawFn) -> dict[str, object]:
    ids = draw(st.lists(_IDS, min_size=0, max_size=10, unique=True))
    goals = []
    for i, gid in enumerate(ids):
        parent = draw(st.sampled_from([None, *ids[:i]])) if i else None
        item: dict[str, object] = {"id": gid, "title": draw(_TEXT), "owner": draw(_TEXT)}
        if parent:
            item["parent"] = parent
        if draw(st.booleans()):
            item["measure"] = draw(_TEXT)
        goals.append(item)
    cut = draw(st.integers(0, len(goals)))
    units = [
        {"id": "dept", "name": draw(_TEXT), "kind": "department", "members": [draw(_TEXT)],
         "goals": goals[cut:], "units": [{"id": "team", "name": draw(_TEXT)}]}
    ]  # fmt: skip
    return {
        "organisation": draw(_TEXT),
        "period": "FY2026-27",
        "goals": goals[:cut],
        "units": units,
    }


@settings(max_examples=60, deadline=None)
@given(trees(), st.sampled_from(["yaml", "json"]))
def test_trees_round_trip(data: dict[str, object], fmt: str) -> None:
    made = validate_tree(data)
    again = loads_tree(dump_tree(made, fmt), fmt)
    assert again == made
    assert dump_tree(again, fmt) == dump_tree(made, fmt)
