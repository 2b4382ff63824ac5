"""YAML through libyaml and through pure Python: the same promises, the same bytes.

Scorecards are read with libyaml's parser and written with its emitter where PyYAML has it
(``yaml.__with_libyaml__``), else with the pure-Python classes. Every promise the loader makes
holds on both (duplicate keys, line and column, no Python tags, alias bombs, deep nesting,
the size cap, lossless round trips), and both write the same bytes, so a file never depends
on how PyYAML was built (issue 14).
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import scorecard_data

import krakit
from krakit import limits
from krakit.store import safe_yaml
from tests.security.test_files import _billion_laughs

ROOT = Path(__file__).resolve().parents[1]
TEMPLATES = sorted((ROOT / "templates").glob("*/*.yaml"))
SCORECARD_FILES = [p for p in TEMPLATES if p.parent.name in ("samples", "roles")]
ENGINES = ["libyaml", "python"]


def use(engine: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Make krakit.store read and write YAML with ``engine`` for this test."""
    if engine == "python":
        monkeypatch.setattr(safe_yaml, "_LOADER", safe_yaml._UniqueKeyLoader)
        monkeypatch.setattr(safe_yaml, "_FAST_DUMPER", None)
    elif not yaml.__with_libyaml__:
        pytest.skip("PyYAML was built without libyaml here")


@pytest.fixture(params=ENGINES)
def engine(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    use(request.param, monkeypatch)
    return str(request.param)


def dump_with(engine: str, sc: krakit.Scorecard) -> str:
    with pytest.MonkeyPatch.context() as patch:
        use(engine, patch)
        return krakit.dump(sc)


def test_libyaml_is_used_where_pyyaml_has_it() -> None:
    if not yaml.__with_libyaml__:
        pytest.skip("PyYAML was built without libyaml here")
    assert issubclass(safe_yaml._LOADER, yaml.CSafeLoader)
    assert safe_yaml._FAST_DUMPER is not None
    assert issubclass(safe_yaml._FAST_DUMPER, yaml.CSafeDumper)


# --------------------------------------------------------------------------- the promises


@pytest.mark.parametrize(
    ("text", "words", "line", "column"),
    [
        ("role:\n  title: a\n  title: b\n", "found the key 'title' twice", 3, 3),
        ("role: {title: x}\nkras: []\nrole: {title: y}\n", "found the key 'role' twice", 3, 1),
        ("role:\n\ttitle: x\n", "not valid YAML", 2, 1),
        ("role: {title: x\nkras: []\n", "not valid YAML", 2, 5),
        ("role: {title: x}\nkras: [{title: A, weight: 2026-02-30}]\n", "2026-02-30", 2, 27),
        ("role: {title: x}\nkras: [{title: A, weight: !!bool maybe}]\n", "'maybe'", 2, 27),
        ("role: {title: !!timestamp soon}\n", "'soon'", 1, 15),
        ("role: {title: !!int 12abc}\n", "'12abc'", 1, 15),
    ],
)
def test_errors_name_line_and_column(
    engine: str, tmp_path: Path, text: str, words: str, line: int, column: int
) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(krakit.InputError) as info:
        krakit.load(path)
    assert words in str(info.value)
    assert (info.value.line, info.value.column) == (line, column)
    assert f"line {line}, column {column}" in str(info.value)


@pytest.mark.parametrize(
    "text",
    [
        "role:\n\ttitle: x\n",
        "role: {title: x\nkras: []\n",
        "role: *nowhere\n",
        "role:\n  title: a\n b: c\n",
        "role: {title: x}\nnote: \x07bell\n",
        "- a\nb: c\n",
        "role: " + "[" * 1_200 + "]" * 1_200 + "\n",
    ],
)
def test_a_syntax_error_reads_the_same_on_both_engines(text: str) -> None:
    said = []
    for name in ENGINES:
        with pytest.MonkeyPatch.context() as patch:
            use(name, patch)
            with pytest.raises(krakit.InputError) as info:
                krakit.loads(text, path="broken.yaml")
            said.append(str(info.value))
    assert said[0] == said[1]


@pytest.mark.parametrize(
    "text",
    [
        'role: !!python/object/apply:os.system ["true"]\n',
        "role: {title: !!python/name:os.system }\n",
        "kras:\n- !!python/object/new:builtins.dict {}\n",
        "role: !!python/tuple [a, b]\n",
    ],
)
def test_python_tags_are_refused(engine: str, text: str) -> None:
    with pytest.raises(krakit.InputError, match="python/") as info:
        krakit.loads(text, path="evil.yaml")
    assert info.value.line is not None


@pytest.mark.parametrize(
    ("text", "words"),
    [
        (_billion_laughs(), f"{limits.YAML_MAX_ALIAS_VALUES:,} values"),
        (
            "a: &a [" + ", ".join(["x"] * 400) + "]\nrole: {title: W}\n"
            "ignore: [" + ", ".join(["*a"] * 400) + "]\n",
            "aliases",
        ),
        ("role: {title: Loop}\nkras: &k [*k]\n", "contains it"),
    ],
)
def test_alias_bombs_are_refused(engine: str, text: str, words: str) -> None:
    with pytest.raises(krakit.InputError, match=words):
        krakit.loads(text)


def test_a_few_anchors_still_load(engine: str) -> None:
    text = (
        "role: {title: Sales}\nkras:\n- title: Revenue\n  kpis:\n"
        "  - {statement: Grow revenue, thresholds: &t {green: 100, amber: 85}}\n"
        "  - {statement: Grow margin, thresholds: *t}\n"
    )
    assert krakit.loads(text).kras[0].kpis[1].thresholds.amber == 85


@pytest.mark.parametrize("depth", [1_001, 50_000])
@pytest.mark.parametrize("where", ["role: {}", "kras: {}", "schema_version: 1\nrole: x\nkras: {}"])
def test_deep_nesting_is_an_input_error(engine: str, depth: int, where: str) -> None:
    text = where.format("[" * depth + "]" * depth) + "\n"
    with pytest.raises(krakit.InputError, match="nested too deeply"):
        krakit.loads(text, path="deep.yaml")


def test_an_upgrade_of_a_deep_format_1_file_is_an_input_error(engine: str) -> None:
    # deep enough for libyaml (and JSON) to read, too deep for the upgrade to copy
    deep = "[" * 600 + "]" * 600
    for text, fmt in (
        (f"schema_version: 1\nrole: x\nkras: {deep}\n", "yaml"),
        (f'{{"schema_version": 1, "role": "x", "kras": {deep}}}', "json"),
    ):
        with pytest.raises(krakit.InputError, match="nested too deeply"):
            krakit.loads(text, fmt)


def test_the_size_cap_holds(engine: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("krakit.store.file.SCORECARD_MAX_BYTES", 1024)
    body = "role: {title: Padded}\n"
    path = tmp_path / "padded.yaml"
    path.write_text(body + "#" * (1024 - len(body) - 1) + "\n")
    assert krakit.load(path).role.title == "Padded"
    path.write_text(body + "#" * (1024 - len(body)) + "\n")
    with pytest.raises(krakit.InputError, match="up to 1 KB"):
        krakit.load(path)


@pytest.mark.parametrize("path", SCORECARD_FILES, ids=lambda p: p.stem)
def test_shipped_scorecards_round_trip(engine: str, path: Path) -> None:
    sc = krakit.load(path)
    assert krakit.loads(krakit.dump(sc)).model_dump() == sc.model_dump()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=scorecard_data(), engine_name=st.sampled_from(ENGINES))
def test_generated_scorecards_round_trip(data: dict[str, object], engine_name: str) -> None:
    with pytest.MonkeyPatch.context() as patch:
        use(engine_name, patch)
        try:
            sc = krakit.Scorecard.model_validate(data)
        except krakit.KrakitError:
            return
        assert krakit.loads(krakit.dump(sc)).model_dump() == sc.model_dump()


# --------------------------------------------------------------------------- the same bytes

NASTY = [
    "Launch the 🚀 campaign by Q3",  # beyond U+FFFF: libyaml would escape it
    "tab\tinside",  # a control character: double quotes
    "first line \nsecond line " + "with more words " * 8,  # a space before a break, folded
    "kept trailing lines\n\n",  # |+ : libyaml adds an end marker
    "line\u2028separator",
    "says \"hello\" and 'bye'",
    '"Quoted" at the start',
    "multi\nline\n  indented\n",
    "नमस्ते टीम, ₹10 लाख by March",
    "# not a comment: - [x] {y} & *z ! | >",
    "word " * 40,
    "✅ done 👍🏽 and 👨‍👩‍👧 family 𝔘𝔫𝔦𝔠𝔬𝔡𝔢",  # emoji, skin tone, ZWJ sequence: libyaml stand-ins
    "launch 🚀 " * 22,  # a long line with emoji, folded at the same places
    "🚀" * 120,  # a long word of emoji, never folded
    "multi 🚀\nline 👍\n",  # emoji in a literal block
    "🚀: not a key - [x] # 👍",
    "\ue000 private use beside 🚀",  # a stand-in's own character: written in Python
    "last \U0010ffff character",  # not printable to either emitter: double quotes
]


def nasty_scorecard(text: str) -> krakit.Scorecard:
    return krakit.Scorecard.model_validate(
        {
            "role": {"title": "Analyst", "note": text},
            "holder": text,
            "kras": [{"title": "Area", "description": text, "kpis": [{"statement": text}]}],
            "ignore": {"W001": text},
        }
    )


@pytest.mark.parametrize(
    "code", ["T001 " + "and a reason written as the code " * 4, "M002 ₹ लाख " * 9]
)
def test_both_engines_write_the_same_bytes_for_a_long_key(code: str) -> None:
    sc = krakit.Scorecard.model_validate({"role": {"title": "R"}, "ignore": {code: "why"}})
    written = dump_with("libyaml", sc)
    assert written == dump_with("python", sc)
    assert list(krakit.loads(written).ignore) == list(sc.ignore)


@pytest.mark.parametrize("path", SCORECARD_FILES, ids=lambda p: p.stem)
def test_both_engines_write_the_same_bytes_for_shipped_scorecards(path: Path) -> None:
    sc = krakit.load(path)
    assert dump_with("libyaml", sc) == dump_with("python", sc)


@pytest.mark.parametrize("text", NASTY)
def test_both_engines_write_the_same_bytes_for_awkward_text(text: str) -> None:
    sc = nasty_scorecard(text)
    written = dump_with("libyaml", sc)
    assert written == dump_with("python", sc)
    assert krakit.loads(written).kras[0].description == sc.kras[0].description


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=scorecard_data())
def test_both_engines_write_the_same_bytes_for_generated_scorecards(
    data: dict[str, object],
) -> None:
    try:
        sc = krakit.Scorecard.model_validate(data)
    except krakit.KrakitError:
        return
    assert dump_with("libyaml", sc) == dump_with("python", sc)


# Text with emoji and the characters their stand-ins use (see krakit.store.safe_yaml).
EMOJI_TEXT = (
    st.lists(
        st.sampled_from(
            ["🚀", "👍🏽", "👨‍👩‍👧", "\U0010fffe", "\ue000", "a", "Bb", " ", "\n", "-", ": ", "#"]
        ),
        max_size=60,
    )
    .map("".join)
    .filter(lambda text: len(text) <= 200)  # a holder's longest
)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    text=st.one_of(
        st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=300),
        EMOJI_TEXT,
    )
)
def test_both_engines_write_the_same_bytes_for_any_text(text: str) -> None:
    try:
        sc = nasty_scorecard(text)
    except krakit.KrakitError:
        return
    assert dump_with("libyaml", sc) == dump_with("python", sc)


def test_emoji_are_written_by_libyaml_not_again_in_python(monkeypatch: pytest.MonkeyPatch) -> None:
    if not yaml.__with_libyaml__:
        pytest.skip("PyYAML was built without libyaml here")
    sc = nasty_scorecard("Launch the 🚀 campaign by Q3 👍🏽")
    expected = dump_with("python", sc)

    class Refused(yaml.SafeDumper):
        def __init__(self, *args: object, **kwargs: object) -> None:
            raise AssertionError("the scorecard was written again by the pure-Python emitter")

    monkeypatch.setattr(safe_yaml, "_Dumper", Refused)
    assert krakit.dump(sc) == expected
    assert krakit.loads(expected).role.note == "Launch the 🚀 campaign by Q3 👍🏽"


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=scorecard_data())
def test_both_engines_read_the_same_scorecard(data: dict[str, object]) -> None:
    try:
        text = dump_with("python", krakit.Scorecard.model_validate(data))
    except krakit.KrakitError:
        return
    read = []
    for name in ENGINES:
        with pytest.MonkeyPatch.context() as patch:
            use(name, patch)
            read.append(krakit.loads(text).model_dump())
    assert read[0] == read[1]
