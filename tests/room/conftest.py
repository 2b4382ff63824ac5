"""A small room of people who typed what workshop participants type."""

from __future__ import annotations

from pathlib import Path

import pytest

from krakit.room import Room
from krakit.training import QuizItem

QUIZ = (
    QuizItem("Vendor management", "KRA", ""),
    QuizItem("Average handle time", "KPI", ""),
    QuizItem("Stakeholder communication", "KRA", ""),
)


def card(title: str, kras: dict[str, list[str]]) -> dict:
    return {
        "role": {"title": title},
        "kras": [{"title": k, "kpis": [{"statement": s} for s in v]} for k, v in kras.items()],
    }


@pytest.fixture
def room(tmp_path: Path) -> Room:
    """Three people: two offer a KRA as a KPI, one is clean-ish, one only took the quiz."""
    room = Room(path=tmp_path / "batch-7")
    meera = room.join("Meera")
    meera.publish("progress", {"step": 2, "step_name": "KPIs"})
    meera.publish(
        "scorecard",
        card(
            "Store manager",
            {"Inventory": ["Vendor relations", "Keep shrinkage below 1.5% every month"]},
        ),
    )
    meera.publish("quiz", {"answers": {"Vendor management": "KRA", "Average handle time": "KRA"}})
    tom = room.join("Tom O'Neil")
    tom.publish("progress", {"step": 3, "step_name": "Check"})
    tom.publish("scorecard", card("Store manager", {" inventory ": ["Inventory management"]}))
    tom.publish(
        "quiz",
        {
            "answers": {
                "Vendor management": "kpi",
                "Average handle time": "KPI",
                "Stakeholder communication": "KRA",
            }
        },
    )
    quiz_only = room.join("Zed")
    quiz_only.publish("quiz", {"answers": {"Vendor management": "KPI"}, "sent": True})
    return room
