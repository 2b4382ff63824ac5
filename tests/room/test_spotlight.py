"""Spotlight: anonymised drafts with the checker's verdict, stepped through per KRA."""

from __future__ import annotations

from krakit.room import Room
from krakit.room.spotlight import drafts, kra_titles


def test_every_draft_is_labelled_not_named(room: Room) -> None:
    every = drafts(room.snapshot())
    assert [d.label for d in every] == [f"Draft {i} of 3" for i in (1, 2, 3)]
    assert sorted(d.statement for d in every) == [
        "Inventory management",
        "Keep shrinkage below 1.5% every month",
        "Vendor relations",
    ]
    for draft in every:
        assert "Meera" not in draft.label + draft.verdict and "Tom" not in draft.label
    bad = next(d for d in every if d.statement == "Vendor relations")
    assert "C001" in bad.verdict and bad.verdict.startswith("2 errors")
    assert bad.author == "Meera"  # kept for the facilitator's own screen


def test_drafts_for_one_kra_match_its_title_in_any_case(room: Room) -> None:
    state = room.snapshot()
    assert kra_titles(state) == [("Inventory", 3)]
    for_kra = drafts(state, "INVENTORY ")
    assert len(for_kra) == 3 and for_kra[0].label == "Draft 1 of 3 for 'INVENTORY'"
    assert drafts(state, "Sales") == []


def test_the_order_is_stable_across_refreshes(room: Room) -> None:
    first = [d.statement for d in drafts(room.snapshot())]
    room.join("Late joiner").publish("progress", {"step": 1})
    assert [d.statement for d in drafts(room.snapshot())] == first
