"""Where in a scorecard, in words a manager reads.

The API, the checker and the JSON output name a place by its path,
``kras[ticket-resolution].kpis[ticket-backlog].target``: stable, and what a program needs.
On screen the same place reads "Ticket resolution › Ticket backlog › target": the KRA's
title, the KPI's name, the field in words. :func:`describe` turns a path into those words,
:func:`humanize` does it for every path inside a message, and :func:`plain_error` makes a
:class:`~krakit.errors.KrakitError` readable (paths in words, and "Replace the other file"
where the API says ``force=True``).
"""

from __future__ import annotations

import re
from typing import Any

from krakit.errors import KrakitError
from krakit.model import Scorecard

__all__ = ["FIELD_WORDS", "SCREEN_WORDS", "describe", "humanize", "kpi_name", "plain_error"]

SEPARATOR = " › "

# A field's name in words (a field not listed reads with its underscores as spaces).
FIELD_WORDS: dict[str, str] = {
    "statement": "sentence",
    "target_low": "range from",
    "target_high": "range to",
    "target_type": "kind of target",
    "data_source": "data source",
    "last_reviewed": "last reviewed",
    "unassigned_kpis": "KPIs not under a KRA",
    "kras": "KRAs",
    "kpis": "KPIs",
    "goals": "goals",
    "actuals": "actuals",
    "aggregation": "roll-up",
    "schema_version": "format version",
    "kpi_share": "KPI share",
}

# What the API tells a programmer to do, and what the wizard says instead (its button names).
SCREEN_WORDS: dict[str, str] = {
    "or pass force=True to replace it": "or choose Replace the other file",
    "or pass force=True to overwrite them": "or choose Replace the other file",
    "force=True": "Replace the other file",
}

# ``name`` or ``name[key]``, the steps of a path.
_STEP = re.compile(r"(?P<name>[A-Za-z_]+)(?:\[(?P<key>[^\]]*)\])?")
# A path inside a sentence: at least one ``[...]`` so plain words ("goals") are left alone.
_PATH_IN_TEXT = re.compile(
    r"\b(?:kras|unassigned_kpis|kpis|goals|actuals|columns)\[[^\]\s]*\]"
    r"(?:\.[a-z_]+(?:\[[^\]\s]*\])?)*"
)
_LONG = 60


def _name(text: str) -> str:
    """A KPI or KRA name for a heading: first letter up, long sentences cut."""
    text = " ".join(text.split())
    if len(text) > _LONG:
        text = text[: _LONG - 1].rstrip() + "…"
    return text[:1].upper() + text[1:]


def kpi_name(kpi: Any) -> str:
    """A KPI's name on screen: its metric, else its sentence (cut when long), else its id.

    Examples
    --------
    >>> from krakit.model import KPI
    >>> kpi_name(KPI(statement="मासिक बिक्री ₹5 लाख तक by March 2027"))
    'मासिक बिक्री ₹5 लाख तक by March 2027'
    """
    return _name(kpi.metric or kpi.statement or kpi.id)


def _field(name: str) -> str:
    return FIELD_WORDS.get(name, name.replace("_", " "))


def describe(where: str, scorecard: Scorecard | None = None) -> str:
    """Say a scorecard path in words: titles for KRAs, names for KPIs, fields in words.

    Ids the scorecard does not have (or no scorecard) read as themselves.

    Parameters
    ----------
    where
        A path as the checker and the errors give it (``kras[sales].kpis[nps].target``).
    scorecard
        The scorecard the path is in, for the titles.

    Returns
    -------
    str
        The place in words, steps joined by " › "; "the whole scorecard" for an empty path.

    Examples
    --------
    >>> sc = Scorecard.model_validate({"role": {"title": "Support lead"}, "kras": [
    ...     {"title": "Ticket resolution", "kpis": [{"statement": "Reduce ticket backlog",
    ...      "metric": "ticket backlog"}]}]})
    >>> describe("kras[ticket-resolution].kpis[ticket-backlog].target", sc)
    'Ticket resolution › Ticket backlog › target'
    >>> describe("kpis[ticket-backlog].data_source", sc)
    'Ticket resolution › Ticket backlog › data source'
    >>> describe("kras[gone].weight")
    'gone › weight'
    """
    if not where:
        return "the whole scorecard"
    words: list[str] = []
    under_kra = False
    for step in where.split("."):
        match = _STEP.fullmatch(step)
        if match is None:
            words.append(step)
            continue
        name, key = match["name"], match["key"]
        if key is None:
            words.append(_field(name))
        else:
            words.extend(_item(name, key, scorecard, under_kra=under_kra))
        under_kra = name == "kras" and key is not None
    return SEPARATOR.join(w for w in words if w)


def _item(name: str, key: str, sc: Scorecard | None, *, under_kra: bool) -> list[str]:
    """The words for ``name[key]``: a KRA's title, a KPI's name (under its KRA)..."""
    if name == "kras":
        kra = next((k for k in sc.kras if k.id == key), None) if sc else None
        return [_name(kra.title) if kra else key]
    if name in ("kpis", "unassigned_kpis"):
        kpi = next((k for k in sc.all_kpis() if k.id == key), None) if sc else None
        if kpi is None:
            return [key]
        if under_kra:
            return [kpi_name(kpi)]
        home = sc.kra_of(key) if sc else None
        return [_name(home.title) if home else _field("unassigned_kpis"), kpi_name(kpi)]
    if name == "goals":
        goal = next((g for g in sc.goals if g.id == key), None) if sc else None
        return ["goal", _name(goal.title) if goal else key]
    if name == "actuals" and key.isdigit():
        index = int(key)
        if sc is not None and index < len(sc.actuals):
            actual = sc.actuals[index]
            kpi = next((k for k in sc.all_kpis() if k.id == actual.kpi), None)
            return ["actual", f"{kpi_name(kpi) if kpi else actual.kpi}, {actual.period}"]
        return [f"actual no. {index + 1}"]
    if name == "columns":
        return [f"column {key}"]
    return [_field(name), key]


def humanize(text: str, scorecard: Scorecard | None = None) -> str:
    """Put every scorecard path inside a message into words (see :func:`describe`).

    Examples
    --------
    >>> humanize("kras[sales].weight: expected a number")
    'sales › weight: expected a number'
    >>> humanize("no goals yet")
    'no goals yet'
    """
    text = _PATH_IN_TEXT.sub(lambda m: describe(m[0], scorecard), text)
    for api, screen in SCREEN_WORDS.items():
        text = text.replace(api, screen)
    return text


def plain_error(exc: KrakitError, scorecard: Scorecard | None = None) -> str:
    """The error's message for the screen: its field as words, no paths, no API hints.

    Examples
    --------
    >>> from krakit.errors import ScorecardError
    >>> plain_error(ScorecardError("expected a number, got 'abc'", field="kras[sales].weight"))
    "sales › weight: expected a number, got 'abc'"
    """
    text = str(exc)
    if exc.field:
        text = text.replace(f"field '{exc.field}'", describe(exc.field, scorecard), 1)
    return humanize(text, scorecard)
