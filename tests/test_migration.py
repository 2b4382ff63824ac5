"""File format versions: format 1 files are upgraded, format 2 round-trips, newer is refused."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import krakit
from krakit import edit, migration
from krakit.diff import diff
from krakit.errors import ScorecardError

DATA = Path(__file__).parent / "data"
V1 = DATA / "scorecard_v1.yaml"
ROOT = Path(__file__).resolve().parents[1]

NEWER = (
    "this file was written by a newer krakit (format 3); this krakit reads formats 1–2; "
    "upgrade krakit: pip install -U krakit"
)


# ---------------------------------------------------------------- the registry


def test_registry_steps_cover_every_older_format() -> None:
    assert migration.CURRENT == krakit.SCHEMA_VERSION == 2
    assert sorted(migration.STEPS) == list(range(1, migration.CURRENT))


# ---------------------------------------------------------------- a format 1 file


def test_v1_file_loads_with_reasons_moved_out_of_the_notes() -> None:
    before = V1.read_bytes()
    sc = krakit.load(V1)
    assert V1.read_bytes() == before  # reading never rewrites the file
    assert sc.schema_version == 2
    calls = sc.kpi("qualified-calls")
    assert calls.ignore == {
        "R002": "calls are the lever we control this year",
        "O002": "agreed with the sales head on 2026-04-02",
    }
    assert calls.note == "Counted from the dialler export."  # other text stays
    meetings = sc.kpi("meetings-booked")
    assert meetings.ignore == {"T001": "monthly, no deadline; reviewed again in June"}
    # a line about a code no longer ignored is history, and stays in the note
    assert meetings.note == "Ignored M002: dropped later, this code is no longer ignored"
    assert sc.kra("pipeline").ignore == {"W002": "one KPI is enough for this area"}
    assert sc.kra("pipeline").description == "New conversations every week."
    assert sc.kra("revenue").ignore == {"W00": ""}
    hygiene = sc.kpi("crm-hygiene")
    assert hygiene.ignore == {"M002": "a standard, not a number"}
    assert hygiene.note is None  # a note that held only the reason is gone
    assert sc.ignore == {"X002": ""}


def test_v1_file_saves_as_v2_and_the_reasons_round_trip(tmp_path: Path) -> None:
    sc = krakit.load(V1)
    target = tmp_path / "ravi.yaml"
    krakit.save(sc, target)
    text = target.read_text()
    assert text.startswith("schema_version: 2\n")
    assert "Ignored R002" not in text and "Ignored O002" not in text
    raw = yaml.safe_load(text)
    assert raw["kras"][0]["kpis"][0]["ignore"] == {
        "R002": "calls are the lever we control this year",
        "O002": "agreed with the sales head on 2026-04-02",
    }
    assert raw["unassigned_kpis"][0]["ignore"] == {"M002": "a standard, not a number"}
    again = krakit.load(target)
    assert again.model_dump() == sc.model_dump()
    krakit.save(again, tmp_path / "ravi.json")  # stamps `updated` anew: a second may have passed
    assert krakit.load(tmp_path / "ravi.json").model_dump() == again.model_dump()


def test_migrated_ignores_still_silence_the_checker() -> None:
    sc = krakit.load(V1)
    found = krakit.check(sc)
    assert "X001" not in {f.code for f in found}  # every migrated code is a known one

    def codes_under(prefix: str, findings: list[krakit.Finding]) -> set[str]:
        return {f.code for f in findings if f.where.startswith(prefix)}

    # the same scorecard with the ignores removed draws exactly the silenced codes
    bare = krakit.Scorecard.model_validate(
        {
            **sc.model_dump(),
            "ignore": {},
            "kras": [
                {
                    **k.model_dump(),
                    "ignore": {},
                    "kpis": [{**p.model_dump(), "ignore": {}} for p in k.kpis],
                }
                for k in sc.kras
            ],
            "unassigned_kpis": [{**p.model_dump(), "ignore": {}} for p in sc.unassigned_kpis],
        }
    )
    loud = krakit.check(bare)
    calls = "kras[pipeline].kpis[qualified-calls]"
    assert {"R002", "O002"} <= codes_under(calls, loud)
    assert not {"R002", "O002"} & codes_under(calls, found)
    assert "M002" in codes_under("unassigned_kpis[crm-hygiene]", loud)
    assert "M002" not in codes_under("unassigned_kpis[crm-hygiene]", found)


def test_unknown_code_in_a_mapping_is_reported() -> None:
    sc = krakit.load(V1)
    sc = edit.ignore(sc, "kras[pipeline].kpis[qualified-calls]", "Z999", "typo")
    assert ("X001", "kras[pipeline].kpis[qualified-calls].ignore") in {
        (f.code, f.where) for f in krakit.check(sc)
    }


def test_ignore_writes_the_reason_into_the_mapping_not_the_note() -> None:
    sc = krakit.load(V1)
    new = edit.ignore(sc, "kras[revenue].kpis[closed-revenue].owner", "o001", " set by HR ")
    kpi = new.kpi("closed-revenue")
    assert kpi.ignore == {"O001": "set by HR"} and kpi.note is None
    assert "O001: set by HR" in krakit.dump(new)


def test_diff_shows_a_changed_reason() -> None:
    sc = krakit.load(V1)
    new = edit.ignore(sc, "unassigned_kpis[crm-hygiene]", "M002", "measured by audit")
    changes = {(c.kind, c.where): c for c in diff(sc, new)}
    change = changes["changed", "unassigned_kpis[crm-hygiene].ignore"]
    assert change.old == {"M002": "a standard, not a number"}
    assert change.new == {"M002": "measured by audit"}


def test_migrate_never_changes_its_input() -> None:
    data = yaml.safe_load(V1.read_text())
    kept = copy.deepcopy(data)
    out = migration.migrate(data)
    assert data == kept
    assert out["schema_version"] == 2
    current = migration.migrate(out)
    assert current is out  # already current: returned as it is


def test_v1_json_and_dict_inputs_are_upgraded_too() -> None:
    data = yaml.safe_load(V1.read_text())
    from_json = krakit.loads(json.dumps(data), "json")
    from_dict = krakit.Scorecard.model_validate(data)
    assert from_json.model_dump() == from_dict.model_dump() == krakit.load(V1).model_dump()


# ---------------------------------------------------------------- which versions are read


def test_no_version_means_the_current_format() -> None:
    sc = krakit.loads("role: {title: Recruiter}\nignore: {W001: relative weights}\n")
    assert sc.schema_version == 2 and sc.ignore == {"W001": "relative weights"}
    # a format 2 file with a note that looks like a format 1 line keeps it
    text = (
        "role: {title: R}\nunassigned_kpis:\n- id: a\n  ignore: [T001]\n  note: 'Ignored T001: x'\n"
    )
    kpi = krakit.loads(text).kpi("a")
    assert kpi.ignore == {"T001": ""} and kpi.note == "Ignored T001: x"


def test_newer_format_is_refused_with_the_exact_message(tmp_path: Path) -> None:
    path = tmp_path / "future.yaml"
    path.write_text("schema_version: 3\nrole: {title: Recruiter}\nsomething_new: true\n")
    with pytest.raises(ScorecardError) as info:
        krakit.load(path)
    assert str(info.value) == f"{path}, field 'schema_version': {NEWER}"
    assert info.value.path == str(path) and info.value.value == 3
    with pytest.raises(ScorecardError) as info:
        krakit.loads('{"schema_version": 3, "role": {"title": "x"}}', "json")
    assert str(info.value) == f"field 'schema_version': {NEWER}"


@pytest.mark.parametrize(
    ("version", "words"),
    [
        ("two", "expected the file format as a whole number (such as 2), got 'two'"),
        ("'2'", "expected the file format as a whole number (such as 2), got '2'"),
        ("1.5", "expected the file format as a whole number (such as 2), got 1.5"),
        ("true", "expected the file format as a whole number (such as 2), got True"),
        ("[2]", "expected the file format as a whole number (such as 2), got [2]"),
        ("0", "file formats start at 1, got 0"),
        ("-4", "file formats start at 1, got -4"),
    ],
)
def test_bad_versions_are_clear_errors(tmp_path: Path, version: str, words: str) -> None:
    path = tmp_path / "odd.yaml"
    path.write_text(f"schema_version: {version}\nrole: {{title: Recruiter}}\n")
    with pytest.raises(ScorecardError) as info:
        krakit.load(path)
    message = str(info.value)
    assert message.startswith(f"{path}, field 'schema_version': {words}")
    assert "schema_version: 2" in message  # says what to write


def test_integral_float_version_is_read() -> None:
    assert krakit.loads('{"schema_version": 1.0, "role": {"title": "x"}}', "json").ignore == {}


def test_in_memory_scorecard_is_always_current() -> None:
    sc = krakit.Scorecard(role={"title": "x"})
    with pytest.raises(krakit.ScorecardError):
        krakit.model.validate_scorecard({"schema_version": 9, "role": {"title": "x"}})
    with pytest.raises(ValueError, match="always format 2"):
        sc.schema_version = 1


# ---------------------------------------------------------------- dump writes format 2


def test_dump_writes_format_2() -> None:
    sc = krakit.Scorecard.model_validate(
        {
            "schema_version": 1,
            "role": {"title": "Recruiter"},
            "unassigned_kpis": [
                {"id": "calls", "ignore": ["t001"], "note": "Ignored T001: weekly habit"}
            ],
        }
    )
    text = krakit.dump(sc)
    assert text.startswith("schema_version: 2\n")
    assert "ignore:\n    T001: weekly habit\n" in text
    assert "note" not in text
    assert json.loads(krakit.dump(sc, "json"))["schema_version"] == 2


def test_templates_are_format_2() -> None:
    # scorecards only: metrics.yaml and goals.yaml have formats (and versions) of their own
    own_formats = {"metrics.yaml", "goals.yaml"}
    files = sorted(f for f in (ROOT / "templates").rglob("*.yaml") if f.name not in own_formats)
    versions = {
        f.relative_to(ROOT).as_posix(): yaml.safe_load(f.read_text()).get("schema_version")
        for f in files
        if "schema_version" in f.read_text()
    }
    assert len(versions) >= 30
    assert set(versions.values()) == {2}, versions
    sample = krakit.load(ROOT / "templates" / "samples" / "recruiter.yaml")
    assert sample.schema_version == 2


# ---------------------------------------------------------------- hypothesis

_CODES = st.sampled_from(["T001", "M002", "O001", "W00", "W", "Q001", "X002"])
_REASON = (
    st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=60)
    .map(str.strip)
    .filter(bool)
)
_NOTE_LINE = (
    st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=40)
    .map(str.strip)
    .filter(lambda s: s and not s.startswith("Ignored"))
)
_IGNORES = st.dictionaries(_CODES, st.one_of(st.just(""), _REASON), max_size=4)


@st.composite
def v2_scorecards(draw: st.DrawFn) -> krakit.Scorecard:
    kras = []
    for k in range(draw(st.integers(0, 3))):
        kpis = [
            {
                "id": f"kpi-{k}-{i}",
                "statement": draw(_NOTE_LINE),
                "ignore": draw(_IGNORES),
                "note": draw(st.one_of(st.none(), _NOTE_LINE)),
            }
            for i in range(draw(st.integers(0, 3)))
        ]
        kras.append(
            {"id": f"kra-{k}", "title": draw(_NOTE_LINE), "kpis": kpis, "ignore": draw(_IGNORES)}
        )
    return krakit.Scorecard.model_validate(
        {"role": {"title": draw(_NOTE_LINE)}, "kras": kras, "ignore": draw(_IGNORES)}
    )


@pytest.mark.parametrize("fmt", ["yaml", "json"])
@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sc=v2_scorecards())
def test_v2_round_trip_is_lossless(sc: krakit.Scorecard, fmt: str) -> None:
    text = krakit.dump(sc, fmt)
    again = krakit.loads(text, fmt)
    assert again.model_dump() == sc.model_dump()
    assert krakit.dump(again, fmt) == text


@settings(max_examples=80, deadline=None)
@given(
    reasons=st.dictionaries(_CODES, _REASON, min_size=1, max_size=4),
    before=st.lists(_NOTE_LINE, max_size=3),
    after=st.lists(_NOTE_LINE, max_size=3),
    as_kra=st.booleans(),
)
def test_v1_reasons_are_recovered_exactly(
    reasons: dict[str, str], before: list[str], after: list[str], as_kra: bool
) -> None:
    """What format 1's ignore() wrote into a note comes back as the mapping, the rest of the
    note unchanged."""
    lines = [*before, *(f"Ignored {code}: {why}" for code, why in reasons.items()), *after]
    owner: dict[str, Any] = {"ignore": list(reasons)}
    field = "description" if as_kra else "note"
    owner[field] = "\n".join(lines)
    if as_kra:
        data = {
            "schema_version": 1,
            "role": {"title": "r"},
            "kras": [{"id": "a", "title": "A", **owner}],
        }
    else:
        data = {
            "schema_version": 1,
            "role": {"title": "r"},
            "unassigned_kpis": [{"id": "a", **owner}],
        }
    sc = krakit.loads(yaml.safe_dump(data, allow_unicode=True))
    item = sc.kra("a") if as_kra else sc.kpi("a")
    assert item.ignore == reasons
    rest = "\n".join([*before, *after]).strip()
    assert getattr(item, field) == (rest or None)
