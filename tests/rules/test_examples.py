"""Every rule's own examples: each bad one draws the rule, no good one does."""

from __future__ import annotations

import pytest
from rule_examples import example_codes

from krakit.rules import Status, rules

LIVE = [r for r in rules() if r.status is not Status.REMOVED]
BAD = [pytest.param(r, ex, id=f"{r.code}-bad{i}") for r in LIVE for i, ex in enumerate(r.bad)]
GOOD = [pytest.param(r, ex, id=f"{r.code}-good{i}") for r in LIVE for i, ex in enumerate(r.good)]


def test_every_rule_has_examples() -> None:
    missing = [r.code for r in LIVE if not r.bad or not r.good]
    assert not missing, f"rules without a bad and a good example: {missing}"


@pytest.mark.parametrize(("rule", "example"), BAD)
def test_bad_example_flags(rule, example) -> None:  # type: ignore[no-untyped-def]
    assert rule.code in example_codes(rule, example)


@pytest.mark.parametrize(("rule", "example"), GOOD)
def test_good_example_is_silent(rule, example) -> None:  # type: ignore[no-untyped-def]
    assert rule.code not in example_codes(rule, example)
