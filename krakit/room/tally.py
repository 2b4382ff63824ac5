"""What the facilitator sees: who is where, the room's mistakes, quiz tallies.

Each function takes a :class:`~krakit.room.RoomState` and returns a pandas DataFrame. A
published scorecard is checked with :func:`krakit.check` once per file version (a cache keyed
by the file's inode, size and time), so a refresh with nothing new checks nothing. A
scorecard the model refuses counts as unreadable: :func:`problems` names its file.
"""

from __future__ import annotations

import re
from collections import OrderedDict, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from krakit.errors import KrakitError
from krakit.room.state import Entry, Person, RoomState, Unreadable

if TYPE_CHECKING:
    import pandas as pd

    from krakit.model import KPI, KRA, Scorecard
    from krakit.rules import Finding
    from krakit.training import QuizItem

__all__ = [
    "CheckedCard",
    "card_of",
    "checked",
    "kpis_of",
    "lines",
    "mistakes",
    "most_missed",
    "offending",
    "participants",
    "problems",
    "quiz_scores",
    "quiz_tally",
    "tab_cards",
]

SERIOUS = ("error", "warning")
"""The severities the room's tallies count (suggestions are left to each participant)."""

_CACHE_SIZE = 1024
_cache: OrderedDict[tuple[Path, tuple[int, int, int]], CheckedCard] = OrderedDict()
_WHERE = re.compile(
    r"kras\[(?P<kra>[^\]]+)\](?:\.kpis\[(?P<kpi>[^\]]+)\])?|unassigned_kpis\[(?P<loose>[^\]]+)\]"
)


@dataclass(frozen=True, slots=True)
class CheckedCard:
    """A published scorecard and what the checker says of it (or why it is unreadable)."""

    scorecard: Scorecard | None
    findings: tuple[Finding, ...] = ()
    error: str | None = None

    def count(self, severity: str) -> int:
        """How many findings of a severity."""
        return sum(str(f.severity) == severity for f in self.findings)


def checked(entry: Entry) -> CheckedCard:
    """The scorecard of a ``scorecard`` record, checked; cached per file version."""
    key = (entry.path, entry.version)
    hit = _cache.get(key)
    if hit is not None:
        _cache.move_to_end(key)
        return hit
    from krakit.model import validate_scorecard
    from krakit.rules import check

    try:
        card = validate_scorecard(dict(entry.record.payload), path=entry.path)
        result = CheckedCard(card, tuple(check(card)))
    except KrakitError as exc:
        result = CheckedCard(None, error=f"the scorecard cannot be read: {exc}")
    _cache[key] = result
    while len(_cache) > _CACHE_SIZE:
        _cache.popitem(last=False)
    return result


def card_of(person: Person) -> CheckedCard | None:
    """The person's latest published scorecard, checked (None if they published none)."""
    entry = person.entries.get("scorecard")
    return None if entry is None else checked(entry)


def tab_cards(person: Person) -> list[tuple[int, CheckedCard, bool]]:
    """Every tab's latest scorecard, checked: (tab number, card, whether it is the latest).

    Tab 1 joined first. The latest is the one :func:`card_of` gives and the view shows.
    """
    latest = person.entries.get("scorecard")
    return [(n, checked(e), e is latest) for n, e in person.numbered("scorecard")]


def problems(state: RoomState) -> list[Unreadable]:
    """Every file the room could not use: unreadable files, and scorecards the model refuses."""
    found = list(state.unreadable)
    for person in state.people():
        for _, entry in person.numbered("scorecard"):
            card = checked(entry)
            if card.error:
                found.append(Unreadable(entry.path, card.error))
    return found


def _step(person: Person) -> tuple[Any, str]:
    progress = person.payload("progress") or {}
    return progress.get("step"), str(progress.get("step_name") or "")


def participants(state: RoomState, items: Sequence[QuizItem] | None = None) -> pd.DataFrame:
    """One row per person: name, tabs, step, #KRAs, #KPIs, errors and warnings now, quiz
    score, last activity (most recent first).

    ``items`` are the quiz questions (default :func:`krakit.training.quiz`).
    """
    import pandas as pd

    items = _items(items)
    rows = []
    for person in state.people():
        card = card_of(person)
        sc = card.scorecard if card else None
        step, step_name = _step(person)
        answers = _answers(person)
        rows.append(
            {
                "name": person.shown,
                "tabs": len(person.tabs),
                "step": step,
                "step_name": step_name,
                "kras": len(sc.kras) if sc else None,
                "kpis": sum(1 for _ in kpis_of(sc)) if sc else None,
                "errors": card.count("error") if sc and card else None,
                "warnings": card.count("warning") if sc and card else None,
                "quiz": _right(answers, items) if answers is not None else None,
                "quiz_of": len(items) if answers is not None else None,
                "last_activity": person.last_activity,
            }
        )
    columns = ["name", "tabs", "step", "step_name", "kras", "kpis", "errors", "warnings"]
    return pd.DataFrame(rows, columns=[*columns, "quiz", "quiz_of", "last_activity"])


def kpis_of(sc: Scorecard) -> list[tuple[KRA | None, KPI]]:
    """Every KPI of a scorecard with its KRA (None for a KPI under no KRA)."""
    out: list[tuple[KRA | None, KPI]] = [(kra, kpi) for kra in sc.kras for kpi in kra.kpis]
    return out + [(None, kpi) for kpi in getattr(sc, "unassigned_kpis", ())]


def _locate(sc: Scorecard, where: str) -> tuple[str, str]:
    """The KRA title and KPI sentence a finding's path points at ("" where it is none)."""
    match = _WHERE.match(where or "")
    if match is None:
        return "", ""
    kra_id, kpi_id = match["kra"], match["kpi"] or match["loose"]
    kra = next((k for k in sc.kras if k.id == kra_id), None)
    pool = kra.kpis if kra is not None else getattr(sc, "unassigned_kpis", ())
    kpi = next((k for k in pool if k.id == kpi_id), None) if kpi_id else None
    return (kra.title if kra else ""), (kpi.statement or kpi.metric or kpi.id if kpi else "")


def lines(state: RoomState) -> pd.DataFrame:
    """Every error and warning in the room: one row per finding with who, KRA and KPI."""
    import pandas as pd

    rows = []
    for person in state.people():
        card = card_of(person)
        if card is None or card.scorecard is None:
            continue
        for f in card.findings:
            if str(f.severity) not in SERIOUS:
                continue
            kra, kpi = _locate(card.scorecard, f.where)
            rows.append(
                {
                    "name": person.shown,
                    "code": f.code,
                    "rule": f.rule,
                    "severity": str(f.severity),
                    "kra": kra,
                    "kpi": kpi,
                    "message": f.message,
                }
            )
    return pd.DataFrame(rows, columns=["name", "code", "rule", "severity", "kra", "kpi", "message"])


def mistakes(state: RoomState) -> pd.DataFrame:
    """The room's mistakes by checker code: how many people made each, of how many.

    Columns: code, rule, severity, people, of (people with a scorecard), lines, label
    ("14 of 20: kra offered as kpi"); most widespread first.
    """
    import pandas as pd

    found = lines(state)
    of = sum(1 for p in state.people() if (c := card_of(p)) is not None and c.scorecard is not None)
    columns = ["code", "rule", "severity", "people", "of", "lines", "label"]
    people: dict[tuple[str, str, str], set[str]] = defaultdict(set)
    count: dict[tuple[str, str, str], int] = defaultdict(int)
    for name, code, rule, severity in zip(
        found.name, found.code, found.rule, found.severity, strict=True
    ):
        people[code, rule, severity].add(name)
        count[code, rule, severity] += 1
    rows = [
        {
            "code": code,
            "rule": rule,
            "severity": severity,
            "people": len(names),
            "of": of,
            "lines": count[code, rule, severity],
            "label": f"{len(names)} of {of}: {rule.replace('-', ' ')}",
        }
        for (code, rule, severity), names in people.items()
    ]
    rows.sort(key=lambda r: (-r["people"], -r["lines"], r["code"]))
    return pd.DataFrame(rows, columns=columns)


def offending(state: RoomState, code: str, *, names: bool = True) -> pd.DataFrame:
    """The lines that drew ``code``: name (or "" when projecting), KRA, KPI, message.

    Parameters
    ----------
    names
        False hides who wrote each line (the view is on the projector).
    """
    found = lines(state)
    found = found[found.code == code.strip().upper()].reset_index(drop=True)
    if not names:
        found = found.assign(name="")
    return found[["name", "kra", "kpi", "message"]]


# ---------------------------------------------------------------- quiz


def _items(items: Sequence[QuizItem] | None) -> Sequence[QuizItem]:
    if items is not None:
        return items
    from krakit.training import quiz

    return quiz()


def _answers(person: Person) -> dict[str, str] | None:
    quiz = person.payload("quiz")
    if quiz is None:
        return None
    return {str(k): str(v).strip().upper() for k, v in dict(quiz.get("answers") or {}).items()}


def _right(answers: dict[str, str], items: Sequence[QuizItem]) -> int:
    return sum(answers.get(i.statement) == i.answer for i in items)


def quiz_tally(state: RoomState, items: Sequence[QuizItem] | None = None) -> pd.DataFrame:
    """Per question: how many answered KRA, KPI, how many right (in the quiz's order).

    Columns: number, statement, answer, answered, said_kra, said_kpi, right, percent_right.
    """
    import pandas as pd

    items = _items(items)
    sheets = [a for p in state.people() if (a := _answers(p)) is not None]
    rows = []
    for number, item in enumerate(items, start=1):
        given = [a[item.statement] for a in sheets if item.statement in a]
        right = sum(g == item.answer for g in given)
        rows.append(
            {
                "number": number,
                "statement": item.statement,
                "answer": item.answer,
                "answered": len(given),
                "said_kra": given.count("KRA"),
                "said_kpi": given.count("KPI"),
                "right": right,
                "percent_right": round(100.0 * right / len(given), 1) if given else None,
            }
        )
    columns = ["number", "statement", "answer", "answered", "said_kra", "said_kpi", "right"]
    return pd.DataFrame(rows, columns=[*columns, "percent_right"])


def quiz_scores(state: RoomState, items: Sequence[QuizItem] | None = None) -> pd.DataFrame:
    """The class's score distribution: for each score (0..n right), how many people."""
    import pandas as pd

    items = _items(items)
    counts: dict[int, int] = defaultdict(int)
    for person in state.people():
        answers = _answers(person)
        if answers is not None:
            counts[_right(answers, items)] += 1
    rows = [{"right": n, "people": counts.get(n, 0)} for n in range(len(items) + 1)]
    return pd.DataFrame(rows, columns=["right", "people"])


def most_missed(
    state: RoomState, items: Sequence[QuizItem] | None = None, n: int = 3
) -> pd.DataFrame:
    """The ``n`` questions most people got wrong (answered and wrong), worst first."""
    table = quiz_tally(state, items)
    table = table.assign(wrong=table.answered - table.right)
    table = table[table.wrong > 0].sort_values(["wrong", "number"], ascending=[False, True])
    return table.head(n).reset_index(drop=True)
