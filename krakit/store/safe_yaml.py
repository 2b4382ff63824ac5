"""YAML read safely and written byte for byte the same, by libyaml or by pure Python.

* Reading (:func:`read_yaml`) uses PyYAML's safe loader (no Python tags); a key written
  twice is an error rather than a silent overwrite, a value Python refuses is an error at
  its line, and aliases that would expand to a "billion laughs" are refused before a value
  is built (:class:`AliasBomb`).
* Writing (:func:`write_yaml`) is block style, multi-line text as literal blocks, no anchors.
* Where PyYAML was built with libyaml (``yaml.__with_libyaml__``) its C parser and emitter do
  the work, several times faster; the checks and the bytes written are the same as with the
  pure-Python classes, which are the fallback (``tests/test_store_yaml.py`` holds both to it).
"""

from __future__ import annotations

import io
import re
from typing import Any, ClassVar

import yaml

from krakit.limits import YAML_MAX_ALIAS_VALUES

__all__ = ["AliasBomb", "plain_numbers", "read_yaml", "write_yaml"]


class AliasBomb(yaml.YAMLError):
    """Aliases that repeat too many values (a "billion laughs" document)."""


class _Checked:
    """What a scorecard loader adds to PyYAML's safe one, libyaml's or the pure-Python one.

    A mapping key written twice is refused (the second would win silently). What aliases
    (``*name``) can repeat is bounded: a few anchors are fine, but nine nested aliases of
    nine items each expand to a billion values (see :mod:`krakit.limits`); the composed
    document is checked before a single value is built.
    """

    may_alias = True
    """False when the text has no ``*``, so no alias: the check is skipped."""

    def construct_document(self, node: yaml.Node) -> Any:
        if self.may_alias:
            _check_aliases(node)
        return super().construct_document(node)  # type: ignore[misc]

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        """Build one value; a value Python refuses (``2026-02-30``, a 5000-digit number,
        ``!!bool maybe``, ``!!timestamp soon``) becomes a YAML error at its line instead of
        a bare ``ValueError`` (``KeyError``, ``AttributeError`` from PyYAML's constructors)."""
        try:
            return super().construct_object(node, deep=deep)  # type: ignore[misc]
        except (ValueError, OverflowError, KeyError, AttributeError) as exc:
            shown = str(node.value) if isinstance(node, yaml.ScalarNode) else node.tag
            shown = shown if len(shown) <= 40 else f"{shown[:20]}...({len(shown):,} characters)"
            if isinstance(exc, KeyError | AttributeError):  # a tag its text does not fit
                exc = ValueError(f"not a {node.tag.rsplit(':', 1)[-1]}")
            raise yaml.constructor.ConstructorError(
                None, None, f"cannot read {shown!r}: {exc}", node.start_mark
            ) from exc


def _check_aliases(root: yaml.Node) -> None:
    """Refuse a document whose aliases repeat more than ``YAML_MAX_ALIAS_VALUES`` values,
    or that contains itself (``&a [*a]``)."""
    size: dict[int, int] = {}  # node -> values under it once aliases are expanded
    inside: set[int] = set()  # nodes whose children are being counted
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        if id(node) in size:
            continue
        children: list[yaml.Node] = []
        if isinstance(node, yaml.SequenceNode):
            children = list(node.value)
        elif isinstance(node, yaml.MappingNode):
            children = [part for pair in node.value for part in pair]
        if done:
            size[id(node)] = 1 + sum(size[id(c)] for c in children)
            inside.discard(id(node))
            continue
        if id(node) in inside:
            raise AliasBomb("an alias (*name) refers to a list or mapping that contains it")
        inside.add(id(node))
        stack.append((node, True))
        stack.extend((c, False) for c in children if id(c) not in size)
    repeated = size[id(root)] - len(size)
    if repeated > YAML_MAX_ALIAS_VALUES:
        raise AliasBomb(
            f"its aliases (*name) repeat {repeated:,} values, as a 'billion laughs' attack "
            f"does; krakit reads scorecards whose aliases repeat up to "
            f"{YAML_MAX_ALIAS_VALUES:,} values: write the values out instead"
        )


def _construct_mapping(loader: Any, node: yaml.MappingNode) -> dict[Any, Any]:
    loader.flatten_mapping(node)
    mapping: dict[Any, Any] = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node)
        try:
            hash(key)
        except TypeError:
            raise yaml.constructor.ConstructorError(
                "while reading a mapping",
                node.start_mark,
                "a list or mapping is used as a key; keys are plain names",
                key_node.start_mark,
            ) from None
        if key in mapping:
            raise yaml.constructor.ConstructorError(
                "while reading a mapping",
                node.start_mark,
                f"found the key '{key}' twice",
                key_node.start_mark,
            )
        mapping[key] = loader.construct_object(value_node)
    return mapping


class _Tidy:
    """Block-style YAML, multi-line text as literal blocks, no anchors."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _represent_str(dumper: yaml.SafeDumper, data: str) -> yaml.ScalarNode:
    style = "|" if "\n" in data else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", data, style=style)


class _UniqueKeyLoader(_Checked, yaml.SafeLoader):
    """The pure-Python scorecard loader."""


class _Dumper(_Tidy, yaml.SafeDumper):
    """The pure-Python scorecard writer."""


_UniqueKeyLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_Dumper.add_representer(str, _represent_str)
_LOADER: type = _UniqueKeyLoader
_FAST_DUMPER: type | None = None
_STR = "tag:yaml.org,2002:str"
_MAP = yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG
_SEQ = yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG
_INT, _FLOAT = "tag:yaml.org,2002:int", "tag:yaml.org,2002:float"
_NULL, _BOOL = "tag:yaml.org,2002:null", "tag:yaml.org,2002:bool"
_DECIMAL = re.compile(r"[-+]?(?:0|[1-9][0-9]{0,17})")  # int() reads it as PyYAML does
_DECIMAL_POINT = re.compile(r"[-+]?[0-9]+\.[0-9]*(?:[eE][-+]?[0-9]+)?")  # so does float()


class _QuickResolve:
    """With libyaml parsing and emitting in C, the Python calls made per value are the cost.
    These shortcuts are on the libyaml classes only, so the tests that compare them with the
    pure-Python classes (same data read, same bytes written) check the shortcuts too.

    A scalar's implicit tag depends only on its text: it is resolved once per distinct short
    text (keys, units, enum values, numbers repeat) and remembered."""

    _tags: ClassVar[dict[tuple[str, Any], str]] = {}

    def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
        if kind is not yaml.ScalarNode or len(value) > 40:
            return super().resolve(kind, value, implicit)  # type: ignore[misc]
        key = (value, implicit)
        tag = self._tags.get(key)
        if tag is None:
            tag = super().resolve(kind, value, implicit)  # type: ignore[misc]
            if len(self._tags) < 20_000:
                self._tags[key] = tag
        return tag


class _QuickLoad(_QuickResolve):
    """Plain values are built without the constructor's dispatch and bookkeeping, which is
    there for aliases (a node shared by two places): when the text has no alias, text, a
    short decimal number, true/false, null, a mapping and a list are built directly, each as
    PyYAML's constructor builds it (a mapping by the same duplicate-key check). Anything
    else (a date, ``0x1F``, ``1_000``, ``.inf``, a 5000-digit number) takes the usual way,
    errors included."""

    may_alias: bool

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        if self.may_alias:
            return super().construct_object(node, deep=deep)  # type: ignore[misc]
        tag, kind = node.tag, type(node)
        if kind is yaml.ScalarNode:
            value = node.value
            if tag == _STR:
                return value
            if tag == _INT and _DECIMAL.fullmatch(value):
                return int(value)
            if tag == _FLOAT and _DECIMAL_POINT.fullmatch(value):
                return float(value)
            if tag == _NULL:
                return None
            if tag == _BOOL and value.lower() in self.bool_values:  # type: ignore[attr-defined]
                return self.bool_values[value.lower()]  # type: ignore[attr-defined]
        elif kind is yaml.MappingNode and tag == _MAP:
            return _construct_mapping(self, node)
        elif kind is yaml.SequenceNode and tag == _SEQ:
            return [self.construct_object(child) for child in node.value]
        return super().construct_object(node, deep=deep)  # type: ignore[misc]


class _NotPlain(Exception):
    """A mapping key libyaml writes its own way; the pure-Python emitter writes the data."""


_DOC_START = yaml.DocumentStartEvent(explicit=False)
_DOC_END = yaml.DocumentEndEvent(explicit=False)
_MAP_START = yaml.MappingStartEvent(None, _MAP, True, flow_style=False)
_MAP_END = yaml.MappingEndEvent()
_SEQ_START = yaml.SequenceStartEvent(None, _SEQ, True, flow_style=False)
_SEQ_END = yaml.SequenceEndEvent()
_CACHED = 20_000  # events remembered per cache: keys, short texts and numbers repeat
# Characters beyond U+FFFF (U+10FFFF is not printable to either emitter), and the
# private-use characters that stand in for them while libyaml writes (it prints U+E000 to
# U+EFFF as they are, as the pure-Python emitter does).
_ASTRAL = re.compile("[\U00010000-\U0010fffe]")
_STAND_IN_FIRST, _STAND_INS = 0xE000, 0x1000
_STAND_IN_RANGE = re.compile("[\ue000-\uefff\U0010ffff]")
_UNUSUAL = re.compile("[\ue000-\uefff\U00010000-\U0010ffff]")


class _QuickDump(_QuickResolve):
    """Plain data (dict, list, text) goes to libyaml as events, the ones the serializer would
    send for the nodes :class:`_Dumper` makes (block style, text with a line break as ``|``),
    without building the nodes or resolving each text twice.

    libyaml copies an event as it is emitted, so an event is made once and sent again: one
    for every mapping or list start and end, one per key, short text and number. The walk
    also does what :func:`plain_numbers` does for the other emitter (``40.0`` written ``40``)
    and stops at a key libyaml writes its own way (:func:`_plain_key`), raising
    :class:`_NotPlain`.

    A character beyond U+FFFF (an emoji) is printable to the pure-Python emitter, which
    writes it as it is, but not to libyaml, which would double-quote and escape the whole
    text. libyaml is sent a stand-in instead, a private-use character both emitters treat
    alike (one column, printable, no meaning in YAML), and :func:`write_yaml` puts the
    character back in the text libyaml wrote. A text that already holds a character of
    the stand-ins' range is left to the pure-Python emitter.
    """

    _texts: ClassVar[dict[str, yaml.ScalarEvent]] = {}
    _keys: ClassVar[dict[str, yaml.ScalarEvent]] = {}
    _scalars: ClassVar[dict[tuple[type, Any], yaml.ScalarEvent]] = {}

    stand_ins: dict[str, str]
    """The characters beyond U+FFFF met in this document, each with its stand-in."""

    def represent(self, data: Any) -> None:
        self.stand_ins = {}
        emit = self.emit  # type: ignore[attr-defined]
        emit(_DOC_START)
        self._emit(data, emit)
        emit(_DOC_END)

    def _emit(self, data: Any, emit: Any) -> None:
        kind = type(data)
        if kind is str:
            emit(self._texts.get(data) or self._text_event(data))
        elif kind is dict:
            emit(_MAP_START)
            keys, texts = self._keys, self._texts
            for key, value in data.items():
                emit(keys.get(key) or self._key_event(key))
                if type(value) is str:
                    emit(texts.get(value) or self._text_event(value))
                else:
                    self._emit(value, emit)
            emit(_MAP_END)
        elif kind is list:
            emit(_SEQ_START)
            for value in data:
                self._emit(value, emit)
            emit(_SEQ_END)
        else:
            if kind is float and data.is_integer() and abs(data) < 1e15:
                data, kind = int(data), int
            event = self._scalars.get((kind, data)) if kind in (int, bool) else None
            if event is None:
                event = self._scalar_event(data)
            emit(event)

    def _text_event(self, text: str) -> yaml.ScalarEvent:
        shared = True  # an event with this document's stand-ins is not remembered
        if _UNUSUAL.search(text):
            if _STAND_IN_RANGE.search(text):
                raise _NotPlain(text)
            text, shared = _ASTRAL.sub(self._stand_in, text), False
        plain = self.resolve(yaml.ScalarNode, text, (True, False)) == _STR
        style = "|" if "\n" in text else None
        event = yaml.ScalarEvent(None, _STR, (plain, True), text, style=style)
        if shared and len(text) <= 40 and len(self._texts) < _CACHED:
            self._texts[text] = event
        return event

    def _stand_in(self, match: re.Match[str]) -> str:
        char = match.group()
        stand_in = self.stand_ins.get(char)
        if stand_in is None:
            if len(self.stand_ins) >= _STAND_INS:
                raise _NotPlain(char)
            stand_in = self.stand_ins[char] = chr(_STAND_IN_FIRST + len(self.stand_ins))
        return stand_in

    def _key_event(self, key: Any) -> yaml.ScalarEvent:
        if not _plain_key(key):
            raise _NotPlain(key)
        event = self._text_event(key)
        if event.value == key and len(self._keys) < _CACHED:
            self._keys[key] = event
        return event

    def _scalar_event(self, data: Any) -> yaml.Node:
        """The event of a value the representer writes (a number, true, null...)."""
        node = self.represent_data(data)  # type: ignore[attr-defined]
        if not isinstance(node, yaml.ScalarNode):
            raise _NotPlain(data)  # not plain data (a tuple, a set): the other emitter says so
        plain = self.resolve(yaml.ScalarNode, node.value, (True, False)) == node.tag
        quoted = self.resolve(yaml.ScalarNode, node.value, (False, True)) == node.tag
        event = yaml.ScalarEvent(None, node.tag, (plain, quoted), node.value, style=node.style)
        if type(data) in (int, bool) and len(self._scalars) < _CACHED:
            self._scalars[type(data), data] = event
        return event


if yaml.__with_libyaml__:

    class _CUniqueKeyLoader(_QuickLoad, _Checked, yaml.CSafeLoader):
        """The scorecard loader on libyaml's parser (the checks are the same Python code)."""

    class _CDumper(_QuickDump, _Tidy, yaml.CSafeDumper):
        """The scorecard writer on libyaml's emitter."""

    _CUniqueKeyLoader.add_constructor(
        yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping
    )
    _CDumper.add_representer(str, _represent_str)
    _LOADER, _FAST_DUMPER = _CUniqueKeyLoader, _CDumper

_YAML_STYLE: dict[str, Any] = {"sort_keys": False, "allow_unicode": True, "width": 100}
# What libyaml writes its own way: a double-quoted scalar (it can start at a key, a value or
# an item) and the document end marker it adds after a |+ block.
_LIBYAML_OWN = re.compile(r'(?m)(?:^ *|: |- |\? )"|^\.\.\.$')
_LINE_BREAK = re.compile("[\n\r\x85\u2028\u2029]")


def write_yaml(data: Any) -> str:
    """``data`` as YAML, the same text whichever emitter writes it.

    libyaml writes a few things its own way: a double-quoted scalar (text with a tab or a
    control character: it folds long lines differently), keys that are empty, long or on
    two lines, and an end marker after text kept with its trailing blank lines. Those few
    scorecards are written again by the pure-Python emitter, so a file's bytes never depend
    on how PyYAML was built. (An emoji is not one of them: see :class:`_QuickDump`.)
    """
    if _FAST_DUMPER is not None:
        try:
            text, stand_ins = _libyaml_text(data)
        except _NotPlain:
            pass
        else:  # the pattern only where it can match: a '"' or a '...' somewhere
            if ('"' not in text and "..." not in text) or not _LIBYAML_OWN.search(text):
                if stand_ins:
                    text = text.translate({ord(v): k for k, v in stand_ins.items()})
                return text
    return str(yaml.dump(plain_numbers(data), Dumper=_Dumper, **_YAML_STYLE))


def _libyaml_text(data: Any) -> tuple[str, dict[str, str]]:
    """``data`` as libyaml writes it (as ``yaml.dump`` would), and the stand-ins it holds."""
    stream = io.StringIO()
    dumper = _FAST_DUMPER(stream, default_flow_style=False, **_YAML_STYLE)
    try:
        dumper.open()
        dumper.represent(data)
        dumper.close()
    finally:
        dumper.dispose()
    return stream.getvalue(), dumper.stand_ins


def _plain_key(key: Any) -> bool:
    """Whether a mapping key is text both emitters write as a plain ``key:``: not empty, one
    line, well under 128 bytes (beyond it, or on two lines, a key is written ``? key``, and
    the two emitters count its length differently)."""
    return isinstance(key, str) and 0 < len(key.encode()) < 100 and not _LINE_BREAK.search(key)


_SYNTAX_ERRORS = (
    yaml.reader.ReaderError,
    yaml.scanner.ScannerError,
    yaml.parser.ParserError,
    yaml.composer.ComposerError,
)


def read_yaml(text: str) -> Any:
    """The data of a YAML document, read with :data:`_LOADER` (libyaml's when present).

    Text libyaml cannot parse is parsed again in Python: PyYAML's messages say more (they
    name the character, ``found character '\\t'``) and are the ones krakit has always given.
    """
    try:
        return _read_yaml(_LOADER, text)
    except _SYNTAX_ERRORS:
        if _LOADER is _UniqueKeyLoader:
            raise
    return _read_yaml(_UniqueKeyLoader, text)


def _read_yaml(loader_class: type, text: str) -> Any:
    loader = loader_class(text)
    loader.may_alias = "*" in text  # an alias is written *name
    try:
        return loader.get_single_data()
    finally:
        loader.dispose()


def plain_numbers(data: Any) -> Any:
    """Integral floats as ints (``40`` not ``40.0``) so hand-written files stay tidy."""
    if isinstance(data, dict):
        return {k: plain_numbers(v) for k, v in data.items()}
    if isinstance(data, list):
        return [plain_numbers(v) for v in data]
    if isinstance(data, float) and data.is_integer() and abs(data) < 1e15:
        return int(data)
    return data
