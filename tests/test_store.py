"""Loading and saving: round trips, atomic writes, conflicts, and readable errors."""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import krakit

# ---------------------------------------------------------------- hypothesis scorecards

text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=40
).filter(lambda s: s.strip() == s and s)
slug = st.from_regex(r"[a-z0-9]{1,8}(-[a-z0-9]{1,8}){0,2}", fullmatch=True)
number = st.floats(allow_nan=False, allow_infinity=False, width=64, min_value=-1e12, max_value=1e12)
deadline = st.one_of(
    st.none(),
    st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2100, 1, 1)),
    st.sampled_from(["Q2 2026", "FY2025-26", "H1 2027", "end of March"]),
)


@st.composite
def kpis(draw: st.DrawFn, kpi_id: str) -> dict[str, object]:
    low = draw(st.one_of(st.none(), number))
    target_type = draw(st.sampled_from(list(krakit.TargetType)))
    starts = draw(st.lists(st.floats(0, 500), min_size=1, max_size=5, unique=True))
    slabs = [{"at": at, "points": draw(st.floats(0, 200))} for at in sorted(starts)]
    return {
        "id": kpi_id,
        "statement": draw(text),
        "metric": draw(st.one_of(st.none(), text)),
        "unit": draw(st.sampled_from([None, "%", "INR", "USD", "days", "count", "calls"])),
        "polarity": draw(st.sampled_from(list(krakit.Polarity))),
        "target_type": target_type,
        "slabs": slabs if target_type is krakit.TargetType.SLAB or draw(st.booleans()) else None,
        "baseline": draw(st.one_of(st.none(), number)),
        "target": draw(st.one_of(st.none(), number)),
        "target_low": low,
        "target_high": None if low is None else low + draw(st.floats(0, 1e6)),
        "frequency": draw(st.sampled_from([None, *krakit.Frequency])),
        "deadline": draw(deadline),
        "owner": draw(st.one_of(st.none(), text)),
        "indicator": draw(st.sampled_from([None, *krakit.Indicator])),
        "weight": draw(st.one_of(st.none(), st.floats(0, 100))),
        "ignore": draw(st.lists(st.sampled_from(["T001", "M", "W010"]), max_size=2)),
        "last_reviewed": draw(st.one_of(st.none(), st.dates())),
    }


@st.composite
def scorecards(draw: st.DrawFn) -> krakit.Scorecard:
    kpi_ids = draw(st.lists(slug, unique=True, max_size=6))
    kra_ids = draw(st.lists(slug, unique=True, min_size=1, max_size=3))
    goal_ids = draw(st.lists(slug, unique=True, max_size=2))
    kras = [
        {
            "id": kra_id,
            "title": draw(text),
            "kind": draw(st.sampled_from(list(krakit.Kind))),
            "weight": draw(st.one_of(st.none(), st.floats(0, 100))),
            "goals": draw(st.lists(st.sampled_from(goal_ids), unique=True)) if goal_ids else [],
            "kpis": [draw(kpis(k)) for k in kpi_ids[i :: len(kra_ids)]],
        }
        for i, kra_id in enumerate(kra_ids)
    ]
    actuals = [
        {
            "kpi": k,
            "period": draw(st.sampled_from(["2026-01", "2026-Q1", "2026"])),
            "value": draw(st.one_of(st.none(), number)),
            "note": draw(st.one_of(st.none(), text)),
        }
        for k in kpi_ids[:3]
    ]
    return krakit.Scorecard.model_validate(
        {
            "role": {"title": draw(text), "function": draw(st.one_of(st.none(), text))},
            "holder": draw(st.one_of(st.none(), text)),
            "goals": [{"id": g, "title": draw(text)} for g in goal_ids],
            "kras": kras,
            "actuals": actuals,
        }
    )


@pytest.mark.parametrize("fmt", ["yaml", "json"])
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sc=scorecards())
def test_round_trip_is_lossless(sc: krakit.Scorecard, fmt: str) -> None:
    again = krakit.loads(krakit.dump(sc, fmt), fmt)
    assert again.model_dump() == sc.model_dump()


def test_file_round_trip_and_tidy_yaml(tmp_path: Path, sample_path: Path) -> None:
    sc = krakit.load(sample_path)
    for name in ("a.yaml", "a.yml", "a.json"):
        krakit.save(sc, tmp_path / name)
        assert krakit.load(tmp_path / name).model_dump() == sc.model_dump()
    written = (tmp_path / "a.yaml").read_text()
    assert written.startswith("schema_version: 2\nrole:\n")
    assert "weight: 60\n" in written  # integral floats stay integers
    assert "null" not in written  # unset fields are left out
    assert sc.updated is not None and sc.created is not None


def test_save_touches_timestamps_unless_asked(tmp_path: Path) -> None:
    sc = krakit.Scorecard(role={"title": "x"})
    krakit.save(sc, tmp_path / "x.yaml", touch=False)
    assert sc.updated is None


# ---------------------------------------------------------------- atomic writes


def test_failure_mid_write_leaves_the_old_file(
    tmp_path: Path, sample_path: Path, monkeypatch
) -> None:
    target = tmp_path / "card.yaml"
    sc = krakit.load(sample_path)
    krakit.save(sc, target)
    before = target.read_bytes()

    def explode(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", explode)
    sc.holder = "Someone else"
    with pytest.raises(krakit.InputError, match="the disk is full"):
        krakit.save(sc, target)
    assert target.read_bytes() == before
    left = sorted(p.name for p in tmp_path.iterdir())
    assert left == [".card.yaml.lock", "card.yaml"], "temp file left behind"


def test_interrupt_mid_write_leaves_the_old_file(tmp_path: Path, monkeypatch) -> None:
    target = tmp_path / "card.yaml"
    sc = krakit.Scorecard(role={"title": "x"})
    krakit.save(sc, target)
    before = target.read_bytes()
    monkeypatch.setattr(os, "replace", lambda *a: (_ for _ in ()).throw(KeyboardInterrupt))
    with pytest.raises(KeyboardInterrupt):
        krakit.save(sc, target)
    assert target.read_bytes() == before
    assert not list(tmp_path.glob("*.tmp"))


def test_save_keeps_file_permissions(tmp_path: Path) -> None:
    target = tmp_path / "card.yaml"
    sc = krakit.Scorecard(role={"title": "x"})
    krakit.save(sc, target)
    os.chmod(target, 0o600)
    krakit.save(sc, target)
    assert target.stat().st_mode & 0o777 == 0o600


# ---------------------------------------------------------------- conflicts


def test_two_writers_second_is_refused(tmp_path: Path, sample_path: Path) -> None:
    target = tmp_path / "card.yaml"
    krakit.save(krakit.load(sample_path), target)
    alice, bob = krakit.load(target), krakit.load(target)
    alice.holder = "Alice"
    krakit.save(alice, target)
    bob.holder = "Bob"
    with pytest.raises(krakit.ConflictError) as info:
        krakit.save(bob, target)
    assert info.value.path == str(target)
    assert "changed on disk" in str(info.value)
    assert krakit.load(target).holder == "Alice"
    krakit.save(bob, target, force=True)
    assert krakit.load(target).holder == "Bob"


def test_same_writer_saves_again(tmp_path: Path) -> None:
    target = tmp_path / "card.yaml"
    sc = krakit.Scorecard(role={"title": "x"})
    krakit.save(sc, target)
    sc.holder = "A"
    krakit.save(sc, target)
    sc.holder = "B"
    krakit.save(sc, target)
    assert krakit.load(target).holder == "B"


def test_new_scorecard_does_not_overwrite_an_existing_file(tmp_path: Path) -> None:
    target = tmp_path / "card.yaml"
    target.write_text("role: {title: Precious}\n")
    with pytest.raises(krakit.ConflictError, match="already exists"):
        krakit.save(krakit.Scorecard(role={"title": "New"}), target)
    assert "Precious" in target.read_text()


def test_edit_by_hand_is_detected(tmp_path: Path) -> None:
    target = tmp_path / "card.yaml"
    sc = krakit.Scorecard(role={"title": "x"})
    krakit.save(sc, target)
    target.write_text(target.read_text().replace("title: x", "title: y"))
    with pytest.raises(krakit.ConflictError):
        krakit.save(sc, target)


# ---------------------------------------------------------------- bad input


@pytest.mark.parametrize(
    ("content", "words", "line"),
    [
        ("role:\n  title: x\nkras: [\n", "not valid YAML", 4),
        ("role: !!python/object/apply:os.system ['echo hi']\n", "constructor", 1),
        ("role:\n  title: a\n  title: b\n", "found the key 'title' twice", 3),
        ("role:\n\ttitle: x\n", "not valid YAML", 2),
    ],
)
def test_broken_yaml_names_file_and_line(
    tmp_path: Path, content: str, words: str, line: int
) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text(content)
    with pytest.raises(krakit.InputError) as info:
        krakit.load(path)
    assert words in str(info.value)
    assert info.value.line == line
    assert str(path) in str(info.value)


def test_broken_json_names_line(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text('{"role": {"title": "x"},\n "kras": [}\n')
    with pytest.raises(krakit.InputError, match="not valid JSON") as info:
        krakit.load(path)
    assert info.value.line == 2


@pytest.mark.parametrize(
    ("name", "content", "error", "words"),
    [
        ("empty.yaml", b"", krakit.InputError, "empty"),
        ("list.yaml", b"- 1\n- 2\n", krakit.ScorecardError, "expected a scorecard"),
        ("latin.yaml", "role: {title: Jos\xe9}".encode("latin-1"), krakit.InputError, "UTF-8"),
        ("card.txt", b"role: {title: x}", krakit.InputError, ".yaml, .yml or .json"),
        (
            "bad.yaml",
            b"role: {title: x}\nkras: [{title: S, weight: ten}]\n",
            krakit.ScorecardError,
            "kras[s].weight",
        ),
    ],
)
def test_bad_files(tmp_path: Path, name: str, content: bytes, error: type, words: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(error) as info:
        krakit.load(path)
    assert words in str(info.value)
    assert str(path) in str(info.value)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(krakit.InputError, match="no such file"):
        krakit.load(tmp_path / "nope.yaml")


def test_utf8_bom_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.yaml"
    path.write_bytes("\ufeffrole: {title: Excel export}\n".encode())
    assert krakit.load(path).role.title == "Excel export"


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_any_text_gives_a_scorecard_or_a_krakit_error(content: str) -> None:
    for fmt in ("yaml", "json"):
        try:
            krakit.loads(content, fmt)
        except krakit.KrakitError:
            pass


def test_unsafe_user_text_survives_round_trip(tmp_path: Path) -> None:
    nasty = "<script>alert(1)</script> =cmd|' /C calc'!A0 \"quoted\" \n second line: yes"
    sc = krakit.Scorecard(role={"title": nasty}, kras=[{"title": "A", "description": nasty}])
    krakit.save(sc, tmp_path / "n.yaml")
    krakit.save(sc, tmp_path / "n.json")
    assert krakit.load(tmp_path / "n.yaml").kras[0].description == nasty.strip()
    assert json.loads((tmp_path / "n.json").read_text())["role"]["title"] == nasty.strip()
