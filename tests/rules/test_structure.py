"""The catalogue's shape: unique codes, letters match modules, sources, word lists."""

from __future__ import annotations

import importlib
import re
from pathlib import Path

import pytest
import yaml

from krakit.rules import FAMILIES, rules
from krakit.rules.words import DATA, load_words

LETTERS = {
    "measurable": "M",
    "specific": "S",
    "timebound": "T",
    "achievable": "A",
    "relevant": "R",
    "confusion": "C",
    "ownership": "O",
    "weights": "W",
    "scorecard": "W",
    "duplicate_kras": "W",
    "alignment": "G",
    "meta": "X",
    "definitions": "D",
}


def test_codes_and_names_are_unique() -> None:
    codes = [r.code for r in rules()]
    names = [r.name for r in rules()]
    assert len(codes) == len(set(codes))
    assert len(names) == len(set(names))


@pytest.mark.parametrize("module", FAMILIES)
def test_code_letter_matches_family_module(module: str) -> None:
    family = importlib.import_module(f"krakit.rules.{module}")
    assert family.__rules__, module
    assert {r.code[0] for r in family.__rules__} == {LETTERS[module]}


def test_every_family_module_is_listed() -> None:
    folder = Path(importlib.import_module("krakit.rules").__file__).parent
    helpers = {
        "__init__",
        "base",
        "config",
        "context",
        "deadlines",
        "rewrite",
        "words",
        "engine",
        "assessment",
        "filecheck",
        "fixes",
        "fix_actions",
        "fix_values",
        "alignment_check",
    }
    modules = {p.stem for p in folder.glob("*.py")} - helpers
    assert modules == set(FAMILIES)


@pytest.mark.parametrize("rule", rules(), ids=lambda r: r.code)
def test_rule_is_documented(rule) -> None:  # type: ignore[no-untyped-def]
    assert rule.source and rule.why.endswith((".", "?"))
    assert not rule.message.endswith(".")
    assert rule.fix is None or rule.fix.endswith((".", "'"))
    assert rule.code in rule.doc()


def test_word_lists_have_sources() -> None:
    for path in DATA.glob("*.yaml"):
        data = yaml.safe_load(path.read_text())
        assert data.get("source"), path.name
        words = load_words(path.stem)
        assert words.terms, path.name


def test_prefix_selects_family() -> None:
    assert all(re.fullmatch(r"W\d{3}", r.code) for r in rules("W"))
    assert [r.code for r in rules("T00")] == ["T001", "T002", "T003", "T004", "T005"]
