"""Role templates: list them, search them, and load one as a fresh scorecard.

Each template is a scorecard YAML file in ``templates/roles/`` (see :mod:`krakit.library.folder`
for where that folder is).

Examples
--------
>>> [t.name for t in search_templates("recruit")][:1]
['recruiter']
"""

from __future__ import annotations

import difflib
import functools
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from krakit.errors import InputError
from krakit.library.folder import FastLoader, templates_dir
from krakit.library.vocabulary import area_of, vocabulary
from krakit.model import Scorecard
from krakit.store import loads

__all__ = ["TemplateInfo", "search_templates", "template", "templates"]


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
        data = yaml.load(text, Loader=FastLoader)
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
