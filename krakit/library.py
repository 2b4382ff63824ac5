"""The content library: role templates, the KRA-area metric vocabulary and the training bank.

The content lives as YAML under ``templates/`` (role scorecards in ``templates/roles/``, the
vocabulary in ``templates/vocabulary.yaml``, teaching items in ``templates/training/``), so an
HR team can edit it without touching Python.

Where the folder is found, first match wins:

1. the ``KRAKIT_TEMPLATES`` environment variable (a folder laid out like ``templates/``);
2. ``templates/`` next to the ``krakit`` package, i.e. the repository root. This is where it
   is in a checkout and in an editable install (``pip install -e .``, what ``make`` does);
3. ``<sys.prefix>/share/krakit/templates`` for an install that copied it there.

Examples
--------
>>> [t.name for t in search_templates("recruit")][:1]
['recruiter']
>>> area_of("Reduce average time to hire to 30 days")
'recruitment'
"""

from __future__ import annotations

import difflib
import functools
import os
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from krakit.errors import ConfigError, InputError
from krakit.model import Indicator, Polarity, Scorecard
from krakit.store import loads

__all__ = [
    "FAMILIES",
    "FAMILY_CODES",
    "Area",
    "MetricSuggestion",
    "TemplateInfo",
    "TrainingItem",
    "area_of",
    "search_templates",
    "suggest_kpis",
    "template",
    "templates",
    "templates_dir",
    "training_bank",
    "vocabulary",
]

ENV_VAR = "KRAKIT_TEMPLATES"
# The library is krakit's own content, read often: libyaml's loader where it is installed.
_FastLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


# -- where the content is ---------------------------------------------------------------------


_SOURCE_TREE = Path(__file__).resolve().parent.parent  # resolved once: check() asks often
_FOUND: dict[str | None, Path] = {}
"""The folder found for each value of the environment variable (a found folder is not looked
for again: the checker asks for it on every new statement, and a disk check costs more than
the rest of the lookup)."""


def templates_dir() -> Path:
    """Return the folder holding krakit's content (``roles/``, ``vocabulary.yaml``...).

    Raises
    ------
    ConfigError
        If no such folder exists (see the module docstring for where krakit looks).
    """
    override = os.environ.get(ENV_VAR) or None
    found = _FOUND.get(override)
    if found is None:
        found = _FOUND[override] = _find_templates(override)
    return found


def _vocabulary_file() -> Path:
    """``vocabulary.yaml`` in :func:`templates_dir` (the path joined once per folder)."""
    return _in_folder(templates_dir(), "vocabulary.yaml")


@functools.cache
def _in_folder(folder: Path, name: str) -> Path:
    return folder / name


def _find_templates(override: str | None) -> Path:
    if override:
        folder = Path(override).expanduser()
        if not (folder / "roles").is_dir():
            raise ConfigError(
                "this folder has no 'roles' sub-folder of role templates",
                path=folder,
                field=ENV_VAR,
            )
        return folder
    candidates = (
        _SOURCE_TREE / "templates",
        Path(sys.prefix) / "share" / "krakit" / "templates",
    )
    for folder in candidates:
        if (folder / "roles").is_dir():
            return folder
    raise ConfigError(
        "krakit's templates folder was not found; looked in "
        + ", ".join(str(c) for c in candidates)
        + f". Set {ENV_VAR} to the folder, or install krakit from a checkout (pip install -e .)"
    )


# -- role templates ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TemplateInfo:
    """One role template in the library: what ``krakit.templates()`` lists."""

    name: str
    """The name to pass to :func:`template` (the file name without ``.yaml``)."""
    title: str
    function: str
    region: str
    kras: tuple[str, ...]
    """The KRA titles, in order."""
    kpi_count: int
    path: Path


@functools.cache
def _role_texts(folder: Path) -> dict[str, tuple[Path, str]]:
    files = sorted(folder.glob("*.yaml"))
    return {f.stem: (f, f.read_text(encoding="utf-8")) for f in files}


def _roles() -> dict[str, tuple[Path, str]]:
    return _role_texts(templates_dir() / "roles")


def _info(name: str, path: Path, text: str) -> TemplateInfo:
    """What the template list shows, read as plain YAML: the wizard lists every template on
    its first screen, and validating 38 scorecards there took half a second per visitor.
    A file that does not have the plain shape is read (and checked) in full instead."""
    try:
        data = yaml.load(text, Loader=_FastLoader)
        role, kras = data["role"], data.get("kras") or []
        kpis = [kpi for kra in kras for kpi in kra.get("kpis") or []]
        return TemplateInfo(
            name=name,
            title=str(role["title"]),
            function=str(role.get("function") or ""),
            region=str(role.get("region") or ""),
            kras=tuple(str(kra["title"]) for kra in kras),
            kpi_count=len(kpis) + len(data.get("unassigned_kpis") or []),
            path=path,
        )
    except (yaml.YAMLError, AttributeError, KeyError, TypeError):
        card = loads(text, path=path)
        return TemplateInfo(
            name=name,
            title=card.role.title,
            function=card.role.function or "",
            region=card.role.region or "",
            kras=tuple(k.title for k in card.kras),
            kpi_count=len(card.all_kpis()),
            path=path,
        )


@functools.cache
def _infos(folder: Path) -> tuple[TemplateInfo, ...]:
    return tuple(_info(name, path, text) for name, (path, text) in _role_texts(folder).items())


def templates(function: str | None = None) -> list[TemplateInfo]:
    """List the role templates, optionally only those of one function.

    Parameters
    ----------
    function
        A function name such as ``"sales"`` or ``"hr"`` (case-insensitive).

    Examples
    --------
    >>> len(templates()) >= 30
    True
    >>> {t.function for t in templates("hr")}
    {'hr'}
    """
    infos = _infos(templates_dir() / "roles")
    if function is None:
        return list(infos)
    wanted = function.strip().lower()
    return [t for t in infos if t.function.lower() == wanted]


def template(name: str) -> Scorecard:
    """Return a fresh scorecard made from the role template ``name``.

    Each call returns a new object, so editing it never changes the library.

    Raises
    ------
    InputError
        If there is no template of that name; the message lists the closest names.

    Examples
    --------
    >>> card = template("recruiter")
    >>> card.role.title
    'Recruiter'
    >>> template("recruiter") is card
    False
    """
    roles = _roles()
    key = name.strip().lower().removesuffix(".yaml").replace(" ", "-").replace("_", "-")
    if key not in roles:
        close = difflib.get_close_matches(key, list(roles), n=4, cutoff=0.5)
        close += [n for n in roles if key and key in n and n not in close][: 4 - len(close)]
        hint = (
            f"did you mean {', '.join(repr(c) for c in close)}?"
            if close
            else "krakit.templates() lists them all"
        )
        raise InputError(f"there is no role template called {name!r}; {hint}", value=name)
    path, text = roles[key]
    return loads(text, path=path)


def search_templates(word: str) -> list[TemplateInfo]:
    """Find role templates whose title, function, KRAs or KPIs mention every word given.

    Matching ignores case and finds word starts inside words ("recruit" finds "Recruiter"
    and "Recruitment"); a KRA also matches by the title of its vocabulary area (a KRA called
    "Talent acquisition" is found by "recruitment"). Templates whose title or function
    matches come first.

    Examples
    --------
    >>> "recruiter" in [t.name for t in search_templates("recruit")]
    True
    >>> search_templates("no such thing anywhere")
    []
    """
    words = list(dict.fromkeys(re.findall(r"[\w&%₹$€£]+", word.lower())))
    if not words:
        return []
    folder = templates_dir() / "roles"
    ranked: list[tuple[int, int, TemplateInfo]] = []
    for order, info in enumerate(_infos(folder)):
        head = f"{info.title} {info.function} {info.name}".lower()
        body = _search_text(folder, info.name)
        if all(_has_word(head, w) or _has_word(body, w) for w in words):
            rank = 0 if all(_has_word(head, w) for w in words) else 1
            ranked.append((rank, order, info))
    return [info for _, _, info in sorted(ranked, key=lambda r: (r[0], r[1]))]


def _has_word(text: str, word: str) -> bool:
    return re.search(r"(?<!\w)" + re.escape(word), text) is not None


@functools.cache
def _search_text(folder: Path, name: str) -> str:
    path, text = _role_texts(folder)[name]
    card = loads(text, path=path)
    parts: list[str] = [card.role.note or ""]
    titles = {a.name: a.title for a in vocabulary()}
    for kra in card.kras:
        area = area_of(kra.title)
        # The KRA's area title too, so "recruit" finds a KRA called "Talent acquisition".
        parts += [kra.title, kra.description or "", titles.get(area or "", "")]
        for kpi in kra.kpis:
            parts += [kpi.statement, kpi.metric or ""]
    return " ".join(parts).lower()


# -- the KRA-area vocabulary ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class MetricSuggestion:
    """A metric krakit suggests for a KRA area."""

    name: str
    unit: str
    """'%', 'days', 'hours', 'count', 'score', 'ratio'... or 'currency' (use the role's own)."""
    polarity: Polarity
    indicator: Indicator
    area: str


@dataclass(frozen=True, slots=True)
class Area:
    """A KRA area: the words that name it and the metrics that measure it."""

    name: str
    title: str
    function: str
    aliases: tuple[str, ...]
    keywords: tuple[str, ...]
    metrics: tuple[MetricSuggestion, ...]
    source: str


@functools.cache
def _vocabulary(path: Path) -> tuple[Area, ...]:
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_FastLoader)
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigError(f"the vocabulary cannot be read: {exc}", path=path) from exc
    areas = []
    for name, body in (data or {}).get("areas", {}).items():
        try:
            metrics = tuple(
                MetricSuggestion(
                    name=m["name"],
                    unit=str(m["unit"]),
                    polarity=Polarity(m["polarity"]),
                    indicator=Indicator(m["indicator"]),
                    area=name,
                )
                for m in body["metrics"]
            )
            areas.append(
                Area(
                    name=name,
                    title=body["title"],
                    function=body["function"],
                    aliases=tuple(body["aliases"]),
                    keywords=tuple(body.get("keywords", ())),
                    metrics=metrics,
                    source=body["source"],
                )
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise ConfigError(
                f"area {name!r} is incomplete or has a bad value ({exc})", path=path, field=name
            ) from exc
    return tuple(areas)


def vocabulary() -> list[Area]:
    """Return the KRA areas with their aliases, keywords and metric suggestions.

    Examples
    --------
    >>> areas = {a.name: a for a in vocabulary()}
    >>> areas["recruitment"].metrics[0].name
    'Time to hire'
    """
    return list(_vocabulary(_vocabulary_file()))


# Light stemming so that "hiring", "hires" and "hire" meet; applied to text and phrases alike.
# Nouns that end in "-ing" but name a field are kept whole ("accounting" is not "account").
_SUFFIXES = ("ings", "ing", "ies", "ed", "es", "s")
_KEEP = frozenset(
    "accounting marketing training engineering manufacturing housekeeping bookkeeping nursing "
    "billing pricing planning purchasing shipping packaging staffing onboarding processing "
    "building meeting funding landing listing booking rating setting".split()
)


@functools.lru_cache(maxsize=16_384)  # a few thousand words recur across all statements
def _stem(word: str) -> str:
    if word in _KEEP:
        return word
    if word.endswith("ings") and word[:-1] in _KEEP:
        return word[:-1]
    if len(word) > 4 and not word.endswith("ss"):
        for suffix in _SUFFIXES:
            if word.endswith(suffix) and len(word) - len(suffix) >= 3:
                word = word[: -len(suffix)] + ("y" if suffix == "ies" else "")
                break
    return word.removesuffix("e") if len(word) > 3 else word


def _tokens(text: str) -> tuple[str, ...]:
    # British and American spellings meet ("utilization" ~ "utilisation").
    text = text.lower().replace("'s", "").replace("iz", "is")
    words = re.findall(r"[a-z0-9&]+(?:-[a-z0-9]+)*", text)
    out: list[str] = []
    for word in words:
        out += [_stem(w) for w in word.split("-")] if "-" in word else [_stem(word)]
    return tuple(out)


@functools.cache
def _index(path: Path) -> tuple[tuple[str, tuple[tuple[tuple[str, ...], int], ...]], ...]:
    """Per area, the stemmed phrases to look for and their weight."""
    index = []
    for area in _vocabulary(path):
        phrases: dict[tuple[str, ...], int] = {}

        def add(items: Iterable[str], weight: int, phrases: dict = phrases) -> None:
            for item in items:
                toks = _tokens(item)
                if toks:
                    phrases[toks] = max(phrases.get(toks, 0), weight)

        add(area.keywords, 1)
        add((m.name for m in area.metrics), 2)
        add(area.aliases, 3)
        add([area.title], 3)
        index.append((area.name, tuple(phrases.items())))
    return tuple(index)


def _positions(tokens: tuple[str, ...]) -> dict[str, list[int]]:
    where: dict[str, list[int]] = {}
    for i, token in enumerate(tokens):
        where.setdefault(token, []).append(i)
    return where


def _contains(
    tokens: tuple[str, ...], where: dict[str, list[int]], phrase: tuple[str, ...]
) -> bool:
    starts = where.get(phrase[0])
    if not starts:
        return False
    n = len(phrase)
    return n == 1 or any(tokens[i : i + n] == phrase for i in starts)


@functools.cache
def _by_first_token(path: Path) -> dict[str, tuple[tuple[int, tuple[str, ...], int], ...]]:
    """The phrases of :func:`_index` by their first token: ``(area number, phrase, weight)``."""
    by_first: dict[str, list[tuple[int, tuple[str, ...], int]]] = {}
    for i, (_name, phrases) in enumerate(_index(path)):
        for phrase, weight in phrases:
            by_first.setdefault(phrase[0], []).append((i, phrase, weight))
    return {token: tuple(entries) for token, entries in by_first.items()}


def _area_scores(text: str) -> list[tuple[float, str]]:
    tokens = _tokens(text)
    where = _positions(tokens)
    path = _vocabulary_file()
    by_first = _by_first_token(path)
    totals: dict[int, float] = {}
    # only the phrases that start with a word of the text can match: look those up
    for token in where:
        for i, phrase, weight in by_first.get(token, ()):
            if _contains(tokens, where, phrase):
                totals[i] = totals.get(i, 0) + weight * len(phrase)
    index = _index(path)
    return [(totals[i], index[i][0]) for i in sorted(totals)]


def area_of(text: str) -> str | None:
    """Return the KRA area a KRA or KPI text belongs to, or None if no area fits.

    The text is matched against each area's aliases, metric names and keywords (whole words,
    lightly stemmed; longer phrases count more); the best-scoring area wins, ties going to the
    area listed first in ``templates/vocabulary.yaml``.

    Examples
    --------
    >>> area_of("Talent acquisition")
    'recruitment'
    >>> area_of("Keep days sales outstanding under 45 days")
    'receivables'
    >>> area_of("qwerty") is None
    True
    """
    scores = _area_scores(text)
    if not scores:
        return None
    best = max(s for s, _ in scores)
    return next(name for s, name in scores if s == best)


def suggest_kpis(kra_title: str, n: int = 5) -> list[MetricSuggestion]:
    """Suggest up to ``n`` metrics for a KRA, from the vocabulary of its area.

    Returns an empty list when the title belongs to no known area.

    Examples
    --------
    >>> [m.name for m in suggest_kpis("Recruitment", n=3)]
    ['Time to hire', 'Time to fill', 'Offer acceptance rate']
    """
    name = area_of(kra_title)
    if name is None or n <= 0:
        return []
    area = next(a for a in _vocabulary(_vocabulary_file()) if a.name == name)
    return list(area.metrics[:n])


# -- the training bank ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TrainingItem:
    """A teaching item: a statement, what it is, and why.

    ``kind`` is ``"kra-or-kpi"`` (say whether ``text`` is a KRA or a KPI: ``expected``) or
    ``"fix-the-kpi"`` (a weak KPI: ``breaks`` names the mistakes, ``rewrite`` is a good version).
    """

    id: str
    kind: str
    text: str
    expected: str
    """'KRA' or 'KPI' (a fix-the-kpi item's text is offered as a KPI: 'KPI')."""
    explanation: str
    breaks: tuple[str, ...] = ()
    rewrite: str | None = None
    function: str | None = None
    source: str = ""


_KINDS = ("kra-or-kpi", "fix-the-kpi")
FAMILIES = (
    "kra-as-kpi",
    "kpi-as-kra",
    "no-target",
    "vague-term",
    "no-timeframe",
    "activity-metric",
    "compound",
    "no-baseline-for-relative",
    "unrealistic",
    "unambitious",
    "absolute",
    "vanity-metric",
    "no-unit",
)
"""The mistake families a fix-the-kpi item may name in ``breaks``."""

FAMILY_CODES: dict[str, frozenset[str]] = {
    "kra-as-kpi": frozenset({"C001"}),
    "kpi-as-kra": frozenset({"C002"}),
    "no-target": frozenset({"M002"}),
    "vague-term": frozenset({"S001", "S002", "M003", "T002"}),
    "no-timeframe": frozenset({"T001", "T002"}),
    "activity-metric": frozenset({"R002"}),
    "compound": frozenset({"S003"}),
    "no-baseline-for-relative": frozenset({"M005"}),
    "unrealistic": frozenset({"A001", "A002", "A003"}),
    "unambitious": frozenset({"A004"}),
    "absolute": frozenset({"A005"}),
    "vanity-metric": frozenset({"R003"}),
    "no-unit": frozenset({"M004"}),
}
"""For each mistake family, the checker codes (``krakit rules``) any one of which shows it."""


@functools.cache
def _training(folder: Path) -> tuple[TrainingItem, ...]:
    items: list[TrainingItem] = []
    seen: set[str] = set()
    for path in sorted(folder.glob("*.yaml")):
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        except (OSError, yaml.YAMLError) as exc:
            raise ConfigError(f"this training file cannot be read: {exc}", path=path) from exc
        source = str(data.get("source", ""))
        for row, raw in enumerate(data.get("items", []), start=1):
            items.append(_training_item(raw, path, row, source, seen))
    return tuple(items)


def _training_item(
    raw: dict[str, Any], path: Path, row: int, source: str, seen: set[str]
) -> TrainingItem:
    def bad(field: str, reason: str) -> ConfigError:
        return ConfigError(reason, path=path, row=row, field=field, value=raw.get(field))

    if not isinstance(raw, dict) or not raw.get("id") or not raw.get("text"):
        raise bad("id", "each training item needs an 'id' and a 'text'")
    if raw["id"] in seen:
        raise bad("id", "two training items share this id")
    seen.add(raw["id"])
    kind = raw.get("kind")
    if kind not in _KINDS:
        raise bad("kind", f"expected one of {', '.join(_KINDS)}")
    expected = raw.get("expected", "KPI" if kind == "fix-the-kpi" else None)
    if expected not in ("KRA", "KPI"):
        raise bad("expected", "expected 'KRA' or 'KPI'")
    breaks = tuple(raw.get("breaks", ()))
    unknown = [b for b in breaks if b not in FAMILIES]
    if unknown:
        raise bad("breaks", f"unknown mistake family {unknown[0]!r}")
    if kind == "fix-the-kpi" and (not breaks or not raw.get("rewrite")):
        raise bad("breaks", "a fix-the-kpi item needs 'breaks' and a 'rewrite'")
    if not raw.get("why"):
        raise bad("why", "each training item needs a one-line 'why'")
    return TrainingItem(
        id=str(raw["id"]),
        kind=kind,
        text=str(raw["text"]),
        expected=expected,
        explanation=str(raw["why"]),
        breaks=breaks,
        rewrite=raw.get("rewrite"),
        function=raw.get("function"),
        source=source,
    )


def training_bank(kind: str | None = None) -> list[TrainingItem]:
    """Return the teaching items, optionally of one kind (``"kra-or-kpi"``, ``"fix-the-kpi"``).

    Examples
    --------
    >>> len(training_bank()) >= 120
    True
    >>> {i.kind for i in training_bank("fix-the-kpi")}
    {'fix-the-kpi'}
    """
    items = _training(templates_dir() / "training")
    if kind is None:
        return list(items)
    if kind not in _KINDS:
        raise ConfigError(
            f"unknown kind of training item; expected one of {', '.join(_KINDS)}",
            field="kind",
            value=kind,
        )
    return [i for i in items if i.kind == kind]
