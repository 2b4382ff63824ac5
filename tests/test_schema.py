"""The JSON Schema shipped in the package is the one the model generates."""

from __future__ import annotations

import json

import krakit
from krakit.model import SCHEMA_PATH


def test_shipped_schema_matches_the_model() -> None:
    shipped = json.loads(SCHEMA_PATH.read_text())
    assert shipped == krakit.json_schema(), "run `make schema` after changing krakit/model.py"


def test_schema_documents_every_kpi_field() -> None:
    kpi = krakit.json_schema()["$defs"]["KPI"]["properties"]
    for name in (
        "statement",
        "metric",
        "unit",
        "polarity",
        "baseline",
        "target",
        "frequency",
        "deadline",
        "data_source",
        "owner",
        "indicator",
        "weight",
        "ignore",
    ):
        assert name in kpi
        assert kpi[name].get("description"), f"KPI.{name} has no description"
