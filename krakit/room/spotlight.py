"""Spotlight: one participant's KPI on screen, anonymised, with the checker's verdict.

:func:`drafts` lists every KPI the room drafted, each with its KRA and its findings, labelled
"Draft 3 of 12" (never by who wrote it), optionally only the drafts under one KRA: the
facilitator steps through "all drafts for Recruitment". KRAs are grouped by their title
casefolded, so "Recruitment" and "recruitment " are one. The order is shuffled the same way
on every refresh (a hash of the tab and KPI), so it does not follow who joined first.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass

from krakit.room.state import RoomState
from krakit.room.tally import SERIOUS, card_of, kpis_of

__all__ = ["Draft", "drafts", "kra_titles", "verdict"]


@dataclass(frozen=True, slots=True)
class Draft:
    """One KPI as drafted in the room, with what the checker says of it."""

    label: str
    """"Draft 3 of 12" (or "Draft 2 of 5 for 'Recruitment'"): never the author's name."""
    kra: str
    """The KRA's title ("" for a KPI under no KRA)."""
    statement: str
    findings: tuple[tuple[str, str, str], ...]
    """(code, severity, message) of each error and warning on this KPI."""
    verdict: str
    author: str
    """Who wrote it: for the facilitator's own screen only (the widget hides it)."""


def _key(title: str) -> str:
    return " ".join(title.casefold().split())


def verdict(findings: tuple[tuple[str, str, str], ...]) -> str:
    """A one-line verdict: "Ready: no errors or warnings" or "2 errors, 1 warning: C001, M002".

    Examples
    --------
    >>> verdict(())
    'Ready: no errors or warnings'
    >>> verdict((("C001", "error", "m"), ("T001", "warning", "m"), ("M002", "error", "m")))
    '2 errors, 1 warning: C001, T001, M002'
    """
    if not findings:
        return "Ready: no errors or warnings"
    counts = Counter(severity for _, severity, _ in findings)
    parts = [f"{counts[s]} {s}{'' if counts[s] == 1 else 's'}" for s in SERIOUS if counts.get(s)]
    codes = list(dict.fromkeys(code for code, _, _ in findings))
    return ", ".join(parts) + ": " + ", ".join(codes)


def kra_titles(state: RoomState) -> list[tuple[str, int]]:
    """The KRAs drafted in the room and how many KPIs each has, most first.

    KRAs match casefolded; each is shown in its most common spelling (a capitalised one on
    a tie).
    """
    spellings: dict[str, Counter[str]] = {}
    for person in state.people():
        card = card_of(person)
        if card is None or card.scorecard is None:
            continue
        for parent, _kpi in kpis_of(card.scorecard):
            if parent is not None:
                spellings.setdefault(_key(parent.title), Counter())[parent.title] += 1
    shown = [
        (max(c, key=lambda t: (c[t], t[:1].isupper(), t)), c.total()) for c in spellings.values()
    ]
    return sorted(shown, key=lambda tn: (-tn[1], tn[0].casefold()))


def drafts(state: RoomState, kra: str | None = None) -> list[Draft]:
    """Every KPI drafted in the room (only those under ``kra``, matched casefolded)."""
    found: list[tuple[str, str, str, tuple[tuple[str, str, str], ...], str]] = []
    wanted = None if kra is None else _key(kra)
    for person in state.people():
        card = card_of(person)
        if card is None or card.scorecard is None:
            continue
        sc = card.scorecard
        for parent, kpi in kpis_of(sc):
            title = parent.title if parent is not None else ""
            if wanted is not None and _key(title) != wanted:
                continue
            prefix = f"kras[{parent.id}].kpis[{kpi.id}]" if parent else f"unassigned_kpis[{kpi.id}]"
            mine = tuple(
                (f.code, str(f.severity), f.message)
                for f in card.findings
                if str(f.severity) in SERIOUS
                and (f.where == prefix or f.where.startswith(prefix + "."))
            )
            text = kpi.statement or kpi.metric or kpi.id
            order = hashlib.sha256(f"{person.key}\0{title}\0{kpi.id}".encode()).hexdigest()
            found.append((order, title, text, mine, person.shown))
    found.sort()
    total = len(found)
    scope = f" for '{kra.strip()}'" if kra is not None else ""
    return [
        Draft(f"Draft {i} of {total}{scope}", title, text, mine, verdict(mine), author)
        for i, (_, title, text, mine, author) in enumerate(found, start=1)
    ]
