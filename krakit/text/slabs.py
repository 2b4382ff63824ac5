"""Slabs as people write them: ``90% → 80``, ``90-100: 80``, ``110+: 120``, ``below 80: 0``.

A slab KPI (:attr:`krakit.model.TargetType.SLAB`) scores the points of the slab the % of
target achieved falls in; each :class:`~krakit.model.Slab` starts ``at`` a % of target and
runs up to the next one (the last one has no end; below the first the KPI scores 0).

This module reads slab rows typed in the wizard's slab editor or a sheet's ``Slabs`` cell,
says what is wrong with them in words (a row that is not a slab, two slabs from the same
%, a range that does not meet the next slab), and writes slabs back as text
(:func:`format_slabs`: ``80:50; 90:80; 100:100; 110:120``, which :func:`parse_slabs` reads).
The rows may come in any order: slabs are sorted by where they start.

Examples
--------
>>> [(s.at, s.points) for s in parse_slabs("90-100: 80; below 90: 0; 110+ : 120, 100 → 100")]
[(0.0, 0.0), (90.0, 80.0), (100.0, 100.0), (110.0, 120.0)]
>>> format_slabs(DEFAULT_SLABS)
'80:50; 90:80; 100:100; 110:120'
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from pydantic import ValidationError

from krakit.errors import ParseError
from krakit.model import Slab, TargetType

__all__ = [
    "DEFAULT_SLABS",
    "SlabReading",
    "SlabRow",
    "describe_slabs",
    "format_slab",
    "format_slabs",
    "parse_slab",
    "parse_slabs",
    "read_slab_rows",
    "scoring_fields",
    "slab_index",
    "slab_ranges",
    "slab_steps",
]

DEFAULT_SLABS: tuple[Slab, ...] = (
    Slab(at=80, points=50),
    Slab(at=90, points=80),
    Slab(at=100, points=100),
    Slab(at=110, points=120),
)
"""A common incentive-plan table: 80 % of target scores 50, 90 % 80, 100 % 100, 110 % 120."""

_EDGE = 1e-6  # a slab starts at its 'at' give or take float noise, as krakit.scoring places it
_EXAMPLE = "write it as '90% → 80' (from 90% of target, 80 points) or '90-100: 80'"
_NUMBER = r"(\d+(?:\.\d+)?(?:e[-+]?\d+)?)"
# Words and signs that say nothing about the numbers, dropped before matching.
_NOISE = re.compile(
    r"%|\bpercent(?:age)?\b|\b(?:of|the)\s+target\b|\bachieve(?:d|ment)?\b|\bpoints?\b|\bpts?\b"
    r"|\bscores?\b|\bslab\b|\bis\b",
)
_ARROW = r"(?:->|=>|→|⟶|⇒|:|=|\bgives\b|\bscores?\b)"
_DASH = r"(?:-|–|—|\bto\b|\.\.)"
_BELOW = r"(?:<=?|≤|\bbelow\b|\bunder\b|\bless than\b|\bup to\b)"
_FROM = r"(?:>=?|≥|\babove\b|\bover\b|\bfrom\b|\bat least\b)"
_AND_UP = r"(?:\+|\band (?:above|up|more|over)\b|\bor (?:above|more)\b|\bonwards\b)"
# Each form: (pattern, what its groups are). Checked in order; the first full match wins.
_FORMS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(rf"^\s*{pattern}\s*$"), shape)
    for pattern, shape in (
        (rf"{_NUMBER}\s*{_DASH}\s*{_NUMBER}\s*{_ARROW}\s*{_NUMBER}", "range"),
        (rf"{_BELOW}\s*{_NUMBER}\s*{_ARROW}?\s*{_NUMBER}", "below"),
        (rf"{_FROM}\s*{_NUMBER}\s*{_AND_UP}?\s*{_ARROW}?\s*{_NUMBER}", "from"),
        (rf"{_NUMBER}\s*{_AND_UP}\s*{_ARROW}?\s*{_NUMBER}", "from"),
        (rf"{_NUMBER}\s*{_ARROW}\s*{_NUMBER}", "from"),
        (rf"{_NUMBER}\s+{_NUMBER}", "from"),
    )
)
_SEPARATORS = re.compile(r"[;\n|,]")


@dataclass(frozen=True, slots=True)
class SlabRow:
    """One slab as typed: the slab, and where the writer said it ends (None: not said)."""

    slab: Slab
    upto: float | None = None


def _slab(at: float, points: float, text: str, field: str) -> Slab:
    try:
        return Slab(at=at, points=points)
    except ValidationError as exc:
        err = exc.errors(include_url=False)[0]
        name = "the % of target" if err["loc"] == ("at",) else "the points"
        limit = "0 to 10000" if err["loc"] == ("at",) else "0 to 1000"
        raise ParseError(
            f"slab {text!r}: {name} must be from {limit}", field=field, value=text
        ) from exc


def parse_slab(text: str, field: str = "slabs") -> SlabRow:
    """Read one slab row as typed: ``90% → 80``, ``90-100: 80``, ``110+: 120``, ``<80: 0``.

    ``below 80: 0`` is a slab from 0 % up to 80 %.

    Raises
    ------
    ParseError
        The row is not a slab, or a number is out of range (named with ``field`` and the text).

    Examples
    --------
    >>> parse_slab("90% → 80")
    SlabRow(slab=Slab(at=90.0, points=80.0), upto=None)
    >>> parse_slab("90–100 % of target: 80 points")
    SlabRow(slab=Slab(at=90.0, points=80.0), upto=100.0)
    >>> parse_slab("below 80%: 0").upto
    80.0
    """
    typed = str(text).strip()
    plain = _NOISE.sub(" ", typed.lower())
    for pattern, shape in _FORMS:
        match = pattern.match(plain)
        if match is None:
            continue
        numbers = [float(g) for g in match.groups()]
        if shape == "range":
            at, upto, points = numbers
            if upto <= at:
                raise ParseError(
                    f"slab {typed!r} ends at {upto:g}% before it starts at {at:g}%: "
                    "write the lower % first, e.g. '90-100: 80'",
                    field=field,
                    value=typed,
                )
            return SlabRow(_slab(at, points, typed, field), upto)
        if shape == "below":
            upto, points = numbers
            return SlabRow(_slab(0.0, points, typed, field), upto)
        at, points = numbers
        return SlabRow(_slab(at, points, typed, field))
    raise ParseError(f"cannot read the slab {typed!r}: {_EXAMPLE}", field=field, value=typed)


@dataclass(slots=True)
class SlabReading:
    """What :func:`read_slab_rows` made of the rows typed.

    ``slabs`` is None while anything is wrong; ``problems`` maps a row's index (0-based, as
    given) to what is wrong with it; ``overall`` holds problems of the table as a whole.
    """

    slabs: list[Slab] | None
    problems: dict[int, str] = field(default_factory=dict)
    overall: list[str] = field(default_factory=list)

    @property
    def messages(self) -> list[str]:
        """Every problem in words, row problems first (``row 2: ...``)."""
        rows = [f"slab {i + 1}: {text}" for i, text in sorted(self.problems.items())]
        return rows + self.overall


def _range(at: float, upto: float | None) -> str:
    return f"{at:g}% and up" if upto is None else f"{at:g}–{upto:g}%"


def read_slab_rows(rows: Sequence[str]) -> SlabReading:
    """Read the rows of a slab table (any order, blank rows skipped) and check them together.

    Never raises: each problem is named, by row where it belongs to one, so an editor can
    show it under that row. A range's end must be where the next slab starts (``80-90: 50``
    then ``90+: 80``), and the last slab has no end (it runs on from where it starts).

    Examples
    --------
    >>> r = read_slab_rows(["100 → 100", "", "80 → 50"])
    >>> [(s.at, s.points) for s in r.slabs], r.messages
    ([(80.0, 50.0), (100.0, 100.0)], [])
    >>> read_slab_rows(["80 → 50", "eighty"]).messages[0][:40]
    "slab 2: cannot read the slab 'eighty': w"
    >>> read_slab_rows([" "]).messages
    ["no slabs yet: add one, e.g. '100% → 100'"]
    """
    reading = SlabReading(slabs=None)
    read: list[tuple[int, SlabRow]] = []
    for index, text in enumerate(rows):
        if not str(text).strip():
            continue
        try:
            read.append((index, parse_slab(text)))
        except ParseError as exc:
            reading.problems[index] = exc.reason
    if not read and not reading.problems:
        reading.overall.append("no slabs yet: add one, e.g. '100% → 100'")
    read.sort(key=lambda item: item[1].slab.at)
    for (i, row), (j, after) in itertools.pairwise(read):
        if after.slab.at == row.slab.at:
            reading.problems[j] = (
                f"two slabs start at {row.slab.at:g}% (slab {i + 1} too): keep one"
            )
        elif row.upto is not None and row.upto != after.slab.at:
            reading.problems[i] = (
                f"{_range(row.slab.at, row.upto)} ends at {row.upto:g}% but the next slab "
                f"starts at {after.slab.at:g}%: make them meet (a slab runs up to the next one)"
            )
    if read and read[-1][1].upto is not None:
        i, last = read[-1]
        reading.problems.setdefault(
            i,
            f"the last slab, {_range(last.slab.at, last.upto)}, has an end: add a slab from "
            f"{last.upto:g}% (e.g. '{last.upto:g}+: {last.slab.points:g}'), or write "
            f"'{last.slab.at:g}+: {last.slab.points:g}'",
        )
    if not reading.problems and read:
        reading.slabs = [row.slab for _, row in read]
    return reading


def parse_slabs(text: str, field: str = "slabs") -> list[Slab]:
    """Read a slab table written on one line, rows split by ``;``, ``,``, ``|`` or new lines.

    Raises
    ------
    ParseError
        Naming every problem, and ``field`` and the text.

    Examples
    --------
    >>> [(s.at, s.points) for s in parse_slabs("80:50; 90:80 | 100:100")]
    [(80.0, 50.0), (90.0, 80.0), (100.0, 100.0)]
    """
    return [Slab(at=at, points=points) for at, points in slab_steps(text, field)]


def slab_steps(text: str, field: str = "slabs") -> tuple[tuple[float, float], ...]:
    """:func:`parse_slabs` as plain ``(at, points)`` pairs, for reading many cells quickly
    (a team's sheet repeats one table on many rows: each text is read once).

    Examples
    --------
    >>> slab_steps("100:100; 80:50")
    ((80.0, 50.0), (100.0, 100.0))
    """
    steps = _read_table(str(text))
    if isinstance(steps, str):
        raise ParseError(steps, field=field, value=text)
    return steps


@functools.lru_cache(maxsize=512)
def _read_table(text: str) -> tuple[tuple[float, float], ...] | str:
    """A slab cell's ``(at, points)`` steps, or what is wrong with it; cached, as a team's
    sheet repeats one table on many rows."""
    reading = read_slab_rows(_SEPARATORS.split(text))
    if reading.slabs is None:
        return "; ".join(reading.messages)
    return tuple((s.at, s.points) for s in reading.slabs)


def _number(value: float) -> str:
    """A number short when that is exact (``92.5``), else every digit (read back the same)."""
    short = f"{value:.12g}"
    return short if float(short) == value else repr(value)


def format_slab(slab: Slab) -> str:
    """One slab as the wizard's editor shows it.

    Examples
    --------
    >>> format_slab(Slab(at=92.5, points=80))
    '92.5% → 80'
    """
    return f"{_number(slab.at)}% → {_number(slab.points)}"


def format_slabs(slabs: Sequence[Slab]) -> str:
    """Slabs as one cell of text, ``at:points`` split by ``; `` (read back by :func:`parse_slabs`).

    Examples
    --------
    >>> format_slabs([Slab(at=80, points=50), Slab(at=100, points=100)])
    '80:50; 100:100'
    """
    return "; ".join(f"{_number(s.at)}:{_number(s.points)}" for s in slabs)


def slab_ranges(slabs: Sequence[Slab]) -> list[str]:
    """Each slab's range of % of target, in words, as a report lists them.

    Examples
    --------
    >>> slab_ranges(DEFAULT_SLABS)
    ['80–90%', '90–100%', '100–110%', '110% and up']
    """
    ends: list[float | None] = [s.at for s in slabs[1:]]
    return [_range(s.at, end) for s, end in zip(slabs, [*ends, None], strict=False)]


def describe_slabs(slabs: Sequence[Slab]) -> str:
    """A slab table in one line of words, each range with its points.

    Examples
    --------
    >>> describe_slabs(DEFAULT_SLABS[2:])
    'below 100%: 0, 100–110% → 100, 110% and up → 120'
    """
    steps = [f"{span} → {s.points:g}" for span, s in zip(slab_ranges(slabs), slabs, strict=True)]
    below = [f"below {slabs[0].at:g}%: 0"] if slabs and slabs[0].at > 0 else []
    return ", ".join(below + steps)


def slab_index(slabs: Sequence[Slab], achieved: float | None) -> int | None:
    """The index of the slab a % of target achieved falls in; None below the first (0 points).

    Examples
    --------
    >>> [slab_index(DEFAULT_SLABS, pct) for pct in (92, 110, 79.9)]
    [1, 3, None]
    """
    if achieved is None or achieved != achieved:  # None or NaN: nothing to place
        return None
    found = None
    for index, slab in enumerate(slabs):
        if achieved + _EDGE >= slab.at:  # as scoring does: 0.1 + 0.2 reaches a 0.3 slab
            found = index
    return found


def scoring_fields(target_type: str, rows: Sequence[str]) -> dict[str, object]:
    """A KPI form's ``target_type`` and ``slabs``: slabs only when the KPI is scored by slabs.

    The wizard keeps the slab rows while its form is open, so switching to another type and
    back finds them again; a KPI saved as another type keeps no slabs.

    Raises
    ------
    ParseError
        Scored by slabs and the rows are not a slab table (every problem named).

    Examples
    --------
    >>> scoring_fields("ratio", ["80 → 50"])
    {'target_type': 'ratio', 'slabs': None}
    >>> scoring_fields("slab", ["100 → 100"])["slabs"]
    [Slab(at=100.0, points=100.0)]
    >>> scoring_fields("slab", ["80 → 50", "80 → 60"])  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    krakit.errors.ParseError: field 'slabs': slab 2: two slabs start at 80% ...
    """
    if TargetType(target_type) is not TargetType.SLAB:
        return {"target_type": target_type, "slabs": None}
    reading = read_slab_rows(rows)
    if reading.slabs is None:
        raise ParseError("; ".join(reading.messages), field="slabs")
    return {"target_type": target_type, "slabs": reading.slabs}
