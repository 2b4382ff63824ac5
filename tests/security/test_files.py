"""Files: YAML never runs code, bombs and huge files are refused before they cost anything.

* Python tags (``!!python/object/apply:os.system``) are refused with an InputError naming the
  file, and the command never runs.
* A "billion laughs" document (nested aliases) and a self-containing alias fail fast.
* Scorecards over 10 MB, CSV over 100 MB and workbooks over 50 MB are refused from ``stat()``,
  before a byte is read (tested with sparse files, so nothing big is written).
* A zip-bomb ``.xlsx`` is refused from its zip directory, before openpyxl opens it.
"""

from __future__ import annotations

import contextlib
import io
import itertools
import pathlib
import struct
import tracemalloc
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

import krakit
from krakit import limits
from krakit.actuals import read_actuals
from krakit.errors import InputError
from krakit.sheets import read_sheet
from krakit.store import loads

MB = 1024 * 1024


@contextlib.contextmanager
def _peak_memory() -> Iterator[Callable[[], int]]:
    """Trace Python's allocations inside the block; yield a function giving the peak in bytes.

    A bomb refused in time allocates next to nothing, on any machine at any speed; one that
    is expanded needs gigabytes (the test would then run out of memory rather than pass).
    """
    tracemalloc.start()
    peak = 0
    try:
        yield lambda: peak
    finally:
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()


# --------------------------------------------------------------------------- YAML tags


def _python_tags(marker: Path) -> list[str]:
    command = f"touch {marker}"
    return [
        f'!!python/object/apply:os.system ["{command}"]',
        f'role: !!python/object/apply:os.system ["{command}"]\n',
        f"role:\n  title: !!python/object/apply:subprocess.check_output [[touch, '{marker}']]\n",
        f'!!python/object/new:os.system ["{command}"]',
        "role: !!python/name:os.system\n",
        "role: !!python/module:os\n",
        f"kras:\n- !!python/object/apply:builtins.exec [\"open('{marker}', 'w')\"]\n",
    ]


def test_python_tags_raise_an_input_error_naming_the_file_and_run_nothing(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    for i, document in enumerate(_python_tags(marker)):
        path = tmp_path / f"evil{i}.yaml"
        path.write_text(document, encoding="utf-8")
        with pytest.raises(InputError) as info:
            krakit.load(path)
        assert info.value.path == str(path)
        assert str(path) in str(info.value)
        assert "python/" in str(info.value)  # says which tag it refused
        assert not marker.exists(), document
    ws = krakit.Workspace(tmp_path)
    with pytest.raises(InputError):
        ws.open("evil0")
    assert not marker.exists()


@given(
    st.sampled_from(
        [
            "python/object/apply",
            "python/object/new",
            "python/object",
            "python/name",
            "python/module",
            "python/tuple",
            "python/bytes",
            "python/complex",
        ]
    ),
    st.sampled_from(["os.system", "subprocess.Popen", "builtins.eval", "posix.system", "x"]),
    st.text(alphabet="abc ;|&$()", max_size=10),
)
@settings(max_examples=60, deadline=None)
def test_any_python_tag_is_refused(tag: str, target: str, argument: str) -> None:
    document = f'role: !!{tag}:{target} ["{argument}"]\n'
    with pytest.raises(InputError, match="python/"):
        loads(document, path="evil.yaml")


# --------------------------------------------------------------------------- alias bombs


def _billion_laughs(levels: int = 9, width: int = 9) -> str:
    lines = ["a: &a [" + ", ".join(['"lol"'] * width) + "]"]
    names = "abcdefghijklmnop"
    for previous, name in itertools.pairwise(names[:levels]):
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{previous}"] * width) + "]")
    last = names[levels - 1]
    lines += ["role: {title: Laughs}", f"ignore: *{last}", f"holder: *{last}"]
    return "\n".join(lines) + "\n"


def test_billion_laughs_fails_fast_with_an_input_error(tmp_path: Path) -> None:
    path = tmp_path / "laughs.yaml"
    path.write_text(_billion_laughs(), encoding="utf-8")
    with _peak_memory() as peak, pytest.raises(InputError) as info:
        krakit.load(path)
    # refused before expanding: a billion values would take tens of gigabytes
    assert peak() < 16 * MB
    message = str(info.value)
    assert str(path) in message and "aliases" in message
    assert f"{limits.YAML_MAX_ALIAS_VALUES:,}" in message


def test_a_wide_shallow_bomb_is_refused_too() -> None:
    # 2 levels only, but 400 aliases of 400 items each: 160,000 repeated values
    document = (
        "a: &a [" + ", ".join(["x"] * 400) + "]\n"
        "role: {title: Wide}\nignore: [" + ", ".join(["*a"] * 400) + "]\n"
    )
    with pytest.raises(InputError, match="aliases"):
        loads(document)


def test_an_alias_inside_itself_is_refused() -> None:
    with pytest.raises(InputError, match="contains it"):
        loads("role: {title: Loop}\nkras: &k [*k]\n")


def test_a_few_anchors_still_load() -> None:
    document = """
role: {title: Sales}
kras:
- title: Revenue
  kpis:
  - {statement: Grow revenue, thresholds: &bands {green: 100, amber: 85}}
  - {statement: Grow margin, thresholds: *bands}
"""
    sc = loads(document)
    assert sc.kras[0].kpis[1].thresholds.amber == 85


def test_deep_nesting_is_an_input_error_not_a_crash() -> None:
    deep = "[" * 50_000 + "]" * 50_000
    for fmt in ("yaml", "json"):
        with pytest.raises(InputError, match="nested too deeply"):
            loads(f"role: {deep}" if fmt == "yaml" else deep, fmt, path=f"deep.{fmt}")


# --------------------------------------------------------------------------- size caps


def _sparse(path: Path, size: int) -> Path:
    """A file that reports ``size`` bytes but takes no disk space."""
    with path.open("wb") as handle:
        handle.truncate(size)
    return path


@pytest.fixture
def no_reading(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail the test if anything reads a file's bytes (the cap must come first)."""

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("the file was read before its size was checked")

    monkeypatch.setattr(pathlib.Path, "read_bytes", refuse)
    monkeypatch.setattr(pathlib.Path, "read_text", refuse)


@pytest.mark.usefixtures("no_reading")
def test_huge_scorecard_is_refused_before_reading(tmp_path: Path) -> None:
    for suffix in (".yaml", ".json"):
        path = _sparse(tmp_path / f"big{suffix}", 240 * MB)
        with pytest.raises(InputError) as info:
            krakit.load(path)
        assert info.value.reason.startswith(
            "the file is 240 MB; krakit reads scorecards up to 10 MB"
        )
        assert str(path) in str(info.value)
    with pytest.raises(InputError, match="240 MB"):
        krakit.Workspace(tmp_path).open("big")


def test_scorecard_at_the_limit_is_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("krakit.store.file.SCORECARD_MAX_BYTES", 1024)  # the boundary, quickly
    body = "role: {title: Padded}\n"
    path = tmp_path / "padded.yaml"
    path.write_text(body + "#" * (1024 - len(body) - 1) + "\n")
    assert path.stat().st_size == 1024
    assert krakit.load(path).role.title == "Padded"
    path.write_text(body + "#" * (1024 - len(body)) + "\n")
    with pytest.raises(InputError, match="up to 1 KB"):
        krakit.load(path)


@pytest.mark.usefixtures("no_reading")
def test_huge_csv_is_refused_before_reading(tmp_path: Path) -> None:
    path = _sparse(tmp_path / "org.csv", limits.CSV_MAX_BYTES + 1)
    for read in (read_sheet, read_actuals):
        with pytest.raises(InputError, match="krakit reads CSV files up to 100 MB") as info:
            read(path)
        assert info.value.path == str(path)


def test_huge_workbook_is_refused_before_opening(tmp_path: Path) -> None:
    path = _sparse(tmp_path / "org.xlsx", 60 * MB)
    for read in (read_sheet, read_actuals):
        with pytest.raises(InputError, match="the file is 60 MB; krakit reads workbooks up to 50"):
            read(path)


# --------------------------------------------------------------------------- zip bombs


def _workbook_bytes() -> bytes:
    book = Workbook()
    book.active.append(["kpi", "period", "value"])
    book.active.append(["revenue", "2026-01", 10])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _with_member(name: str, data: bytes) -> bytes:
    """A real workbook with one member replaced (or added)."""
    source = zipfile.ZipFile(io.BytesIO(_workbook_bytes()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as target:
        for item in source.infolist():
            if item.filename != name:
                target.writestr(item, source.read(item.filename))
        target.writestr(name, data)
    return out.getvalue()


def test_a_real_bomb_that_inflates_past_the_ratio_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    row = b'<row><c t="inlineStr"><is><t>lol</t></is></c></row>'
    sheet = (
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        b"<sheetData>" + row * (24 * MB // len(row)) + b"</sheetData></worksheet>"
    )
    path = tmp_path / "bomb.xlsx"
    path.write_bytes(_with_member("xl/worksheets/sheet1.xml", sheet))
    assert path.stat().st_size < MB  # tiny on disk, 24 MB of XML inside
    opened: list[str] = []
    real_open = zipfile.ZipFile.open

    def spying_open(self: zipfile.ZipFile, name: object, *args: object, **kwargs: object):
        opened.append(getattr(name, "filename", name))
        return real_open(self, name, *args, **kwargs)

    monkeypatch.setattr(zipfile.ZipFile, "open", spying_open)
    for read in (read_sheet, read_actuals):
        with pytest.raises(InputError, match="zip bomb") as info:
            read(path)
        assert info.value.path == str(path)
    assert opened == []  # refused from the zip's directory: no member was ever inflated


def _claim_size(data: bytes, name: str, size: int) -> bytes:
    """Patch a zip's local and central headers so ``name`` claims ``size`` bytes inflated."""
    raw = bytearray(data)
    encoded = name.encode()
    for signature, size_at, name_at in ((b"PK\x03\x04", 22, 30), (b"PK\x01\x02", 24, 46)):
        start = 0
        while (start := raw.find(signature, start)) != -1:
            if raw[start + name_at : start + name_at + len(encoded)] == encoded:
                raw[start + size_at : start + size_at + 4] = struct.pack("<I", size)
            start += 4
    return bytes(raw)


def test_a_workbook_claiming_gigabytes_is_refused(tmp_path: Path) -> None:
    name = "xl/worksheets/sheet1.xml"
    path = tmp_path / "claims.xlsx"
    path.write_bytes(_claim_size(_workbook_bytes(), name, 3_000_000_000))
    assert zipfile.ZipFile(path).getinfo(name).file_size == 3_000_000_000
    with pytest.raises(InputError, match="expands to 2861 MB of sheet data"):
        read_sheet(path)


def test_a_workbook_with_too_many_members_is_refused(tmp_path: Path) -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for i in range(limits.XLSX_MAX_MEMBERS + 1):
            archive.writestr(f"x/{i}", b"")
    path = tmp_path / "many.xlsx"
    path.write_bytes(out.getvalue())
    with pytest.raises(InputError, match="10,001 files inside"):
        read_sheet(path)


def test_not_a_zip_is_an_input_error(tmp_path: Path) -> None:
    path = tmp_path / "fake.xlsx"
    path.write_text("kpi,period,value\n")
    for read in (read_sheet, read_actuals):
        with pytest.raises(InputError, match=r"not an \.xlsx file"):
            read(path)


def test_a_normal_workbook_still_reads(tmp_path: Path) -> None:
    path = tmp_path / "fine.xlsx"
    path.write_bytes(_workbook_bytes())
    limits.check_workbook(path)
    frame = read_actuals(path)
    assert frame["value"].tolist() == [10]


def test_xml_entity_bomb_in_a_workbook_is_refused(tmp_path: Path) -> None:
    """openpyxl parses with defusedxml (a declared dependency): a DTD entity is refused."""
    import openpyxl.xml

    assert openpyxl.xml.DEFUSEDXML
    entities = '<!ENTITY a "lol">' + "".join(
        f'<!ENTITY {b} "{("&" + a + ";") * 10}">' for a, b in itertools.pairwise("abcdefghij")
    )
    sheet = (
        f'<?xml version="1.0"?><!DOCTYPE lolz [{entities}]>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&j;</t></is></c></row>'
        "</sheetData></worksheet>"
    ).encode()
    path = tmp_path / "entities.xlsx"
    path.write_bytes(_with_member("xl/worksheets/sheet1.xml", sheet))
    with (
        _peak_memory() as peak,
        pytest.raises(InputError, match="cannot open the workbook") as info,
    ):
        read_sheet(path)
    # the parser refused the entity declarations: nothing was expanded
    causes, cause = [], info.value.__cause__
    while cause is not None:
        causes.append(type(cause).__name__)
        cause = cause.__cause__ or cause.__context__
    assert "EntitiesForbidden" in causes, causes
    assert peak() < 16 * MB


def test_cli_names_the_refused_file(tmp_path: Path) -> None:
    """The CLI turns a refused file into its message and exit code 2, not a traceback."""
    from typer.testing import CliRunner

    from krakit.cli import _register_all, app

    _register_all()
    laughs = tmp_path / "laughs.yaml"
    laughs.write_text(_billion_laughs(), encoding="utf-8")
    huge = _sparse(tmp_path / "huge.csv", limits.CSV_MAX_BYTES + MB)
    runner = CliRunner()
    for command, path, words in (
        (["validate"], laughs, "aliases"),
        (["score"], laughs, "aliases"),
        (["check"], huge, "krakit reads CSV files up to 100 MB"),
    ):
        result = runner.invoke(app, [*command, str(path)])
        assert result.exit_code == 2, (command, result.output)
        assert words in result.output and str(path) in result.output
        assert "Traceback" not in result.output
