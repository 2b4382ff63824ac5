"""One exception tree; every message names where the problem is."""

from __future__ import annotations

import pytest

import krakit


def test_every_error_is_a_krakit_error() -> None:
    for cls in (
        krakit.InputError,
        krakit.ConflictError,
        krakit.ParseError,
        krakit.ScorecardError,
        krakit.ConfigError,
    ):
        assert issubclass(cls, krakit.KrakitError)
    assert issubclass(krakit.ConflictError, krakit.InputError)


@pytest.mark.parametrize(
    ("kwargs", "text"),
    [
        (
            {"path": "team.xlsx", "row": 7, "field": "target", "value": "ten lakh"},
            "team.xlsx, row 7, field 'target': expected an amount",
        ),
        (
            {"path": "a.yaml", "line": 3, "column": 5},
            "a.yaml, line 3, column 5: expected an amount",
        ),
        ({}, "expected an amount"),
    ],
)
def test_message_names_file_row_and_field(kwargs: dict[str, object], text: str) -> None:
    err = krakit.InputError("expected an amount", **kwargs)
    assert str(err) == text
    assert err.reason == "expected an amount"
    assert err.value == kwargs.get("value")
