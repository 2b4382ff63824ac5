"""Fuzz the scorecard readers: load / loads on valid, mutated and hostile files."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from fuzzcheck import accepted_or_refused
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from strategies import scorecard_data, scorecard_files, scorecard_texts

import krakit
from krakit.model import validate_scorecard


@settings(max_examples=60, deadline=None)
@given(scorecard_data())
def test_a_valid_scorecard_round_trips(data: dict) -> None:
    card = validate_scorecard(data)
    for fmt in ("yaml", "json"):
        again = krakit.loads(krakit.dump(card, fmt), fmt)
        assert again.model_dump() == card.model_dump()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scorecard_texts())
def test_loads_accepts_or_refuses_with_a_krakit_error(case: tuple[str, str]) -> None:
    text, fmt = case
    out = accepted_or_refused(krakit.loads, text, fmt, path="team.yaml", names=["team.yaml"])
    event(type(out).__name__)
    if isinstance(out, krakit.KrakitError):
        assert isinstance(out, krakit.InputError | krakit.ScorecardError)
    else:
        assert isinstance(out, krakit.Scorecard)


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scorecard_files())
def test_load_names_the_file(case: tuple[bytes, str]) -> None:
    raw, suffix = case
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"card{suffix}"
        path.write_bytes(raw)
        out = accepted_or_refused(krakit.load, path, names=[str(path)])
        if not isinstance(out, krakit.KrakitError):
            assert isinstance(out, krakit.Scorecard)


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(["", ".txt", ".yaml.bak", ".csv", ".XLSX"]), st.binary(max_size=64))
def test_load_refuses_other_suffixes_by_name(suffix: str, raw: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"card{suffix}"
        path.write_bytes(raw)
        out = accepted_or_refused(krakit.load, path, names=[str(path)])
        assert isinstance(out, krakit.InputError)


def test_load_a_folder_or_a_missing_file_names_it(tmp_path: Path) -> None:
    folder = tmp_path / "cards.yaml"
    folder.mkdir()
    for path in (folder, tmp_path / "missing.yaml"):
        out = accepted_or_refused(krakit.load, path, names=[str(path)])
        assert isinstance(out, krakit.InputError)


# What the property tests above found; each once raised a bare Python error from load/loads.
ESCAPES = {
    "a date that does not exist": ("role: {title: x}\ncreated: 2026-02-30\n", "yaml", 2),
    "a list as a key": ("role: {title: x}\nkras: [{title: S, kpis: [{? [a] : 1}]}]\n", "yaml", 2),
    "a 5000-digit number": (
        "role: {title: x}\nkras: [{title: S, weight: " + "9" * 5000 + "}]\n",
        "yaml",
        2,
    ),
    "a 5000-digit JSON number": ('{"role": {"title": "x"}, "w": ' + "9" * 5000 + "}", "json", None),
    "JSON nested 5000 deep": ("[" * 5000 + "]" * 5000, "json", None),
    "YAML nested 3000 deep": ("kras: " + "[" * 3000 + "]" * 3000, "yaml", None),
}


@pytest.mark.parametrize("case", sorted(ESCAPES))
def test_known_escapes_are_input_errors(case: str) -> None:
    text, fmt, line = ESCAPES[case]
    with pytest.raises(krakit.InputError) as info:
        krakit.loads(text, fmt, path="team.yaml")
    assert str(info.value).startswith("team.yaml")
    assert info.value.reason.strip()
    if line is not None:
        assert info.value.line == line


# A format-1 file is migrated before it is validated: wrong types must still be model errors.
V1 = "schema_version: 1\nrole: {title: x}\n"
WRONG_TYPES_V1 = {
    "kras is true": (V1 + "kras: true\n", "kras"),
    "kpis is true": (
        V1 + "kras: [{title: S, kpis: true}]\n",
        "kras",
    ),
    "a KRA is a number": (V1 + "kras: [5]\n", "kras"),
    "unassigned_kpis is a number": (V1 + "unassigned_kpis: 7\n", "unassigned_kpis"),
    "a list in an ignore list": (V1 + "ignore: [[T001]]\n", "ignore"),
    "a KPI is text": (
        V1 + "kras: [{title: S, kpis: [x]}]\n",
        "kras",
    ),
}


@pytest.mark.parametrize("case", sorted(WRONG_TYPES_V1))
def test_wrong_types_in_an_old_file_are_scorecard_errors(case: str) -> None:
    text, field = WRONG_TYPES_V1[case]
    out = accepted_or_refused(krakit.loads, text, path="old.yaml", names=["old.yaml"])
    assert isinstance(out, krakit.ScorecardError), out
    assert out.field is not None and out.field.startswith(field)
