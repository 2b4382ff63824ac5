"""Training: a KRA-or-KPI quiz, "fix this KPI" exercises, scores and a facilitator summary.

In a workshop, participants open ``notebooks/training_participant.ipynb`` (served by
``make training ROOM=...``): the quiz and the exercises publish what they answer to the room
(:mod:`krakit.room`) as :func:`quiz_payload` and :class:`Attempts` shape it, and the
facilitator sees the room in ``notebooks/facilitator.ipynb``. The HR trainer's own
``notebooks/training_kra_vs_kpi.ipynb`` teaches the same material with the answer key. The
answers are checked against krakit's own definitions (the classifier and the checker), so
the training and the engine never disagree; a test keeps the built-in items in step with them.
:func:`save_answers` / :func:`summarise` keep the older one-file-per-person folder for
scripts; nothing in krakit writes there unless asked to.

krakit's definitions: a **KRA** is an area of responsibility that names no measurable
indicator and no number ("Recruitment"); a **KPI** names a measurable indicator (a rate,
count, amount, time, score...), with or without a target ("Time to hire").
"""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from os import PathLike
from pathlib import Path
from typing import Any

from krakit.errors import InputError
from krakit.model import slugify

__all__ = [
    "Attempts",
    "Exercise",
    "Feedback",
    "FixResult",
    "QuizItem",
    "QuizScore",
    "exercises",
    "grade",
    "load_answers",
    "quiz",
    "quiz_payload",
    "save_answers",
    "score_quiz",
    "summarise",
    "try_fix",
    "unanswered",
]


@dataclass(frozen=True, slots=True)
class QuizItem:
    """One "KRA or KPI?" question with its answer and the reason a trainer reads out."""

    statement: str
    answer: str  # "KRA" or "KPI"
    why: str


@dataclass(frozen=True, slots=True)
class Exercise:
    """A weak KPI to rewrite, a hint, and a good rewrite to compare with."""

    statement: str
    hint: str
    rewrite: str | None = None
    """A good rewrite, shown once the participant has tried."""


def quiz(n: int = 12, *, seed: int = 0, function: str | None = None) -> list[QuizItem]:
    """Pick ``n`` "KRA or KPI?" questions from the training bank, half of each kind.

    The bank (``templates/training/``, :func:`krakit.library.training_bank`) is written for
    krakit and a test keeps every answer in step with the classifier. The same seed gives the
    same questions, in the same order, on every machine.

    Parameters
    ----------
    n
        How many questions.
    seed
        Another seed gives another selection (for a second round).
    function
        Only items of one function (``"sales"``, ``"hr"``...).

    Examples
    --------
    >>> items = quiz(6)
    >>> len(items), sorted({i.answer for i in items})
    (6, ['KPI', 'KRA'])
    """
    from krakit.library import training_bank

    bank = [i for i in training_bank("kra-or-kpi") if function in (None, i.function)]
    if not bank:
        raise InputError(
            "the training bank has no KRA-or-KPI items"
            + (f" for function '{function}'" if function else ""),
            field="function",
            value=function,
        )
    rng = random.Random(seed)
    kras = [i for i in bank if i.expected == "KRA"]
    kpis = [i for i in bank if i.expected == "KPI"]
    rng.shuffle(kras)
    rng.shuffle(kpis)
    picked = kras[: (n + 1) // 2] + kpis[: n // 2]
    picked += [i for i in kras + kpis if i not in picked][: n - len(picked)]
    rng.shuffle(picked)
    return [QuizItem(i.text, i.expected, i.explanation) for i in picked]


def exercises(n: int = 4, *, seed: int = 0) -> list[Exercise]:
    """Pick ``n`` "fix this KPI" exercises from the training bank.

    Examples
    --------
    >>> [type(e).__name__ for e in exercises(2)]
    ['Exercise', 'Exercise']
    """
    from krakit.library import training_bank

    bank = training_bank("fix-the-kpi")
    rng = random.Random(seed)
    picked = rng.sample(bank, min(n, len(bank)))
    return [Exercise(i.text, i.explanation, i.rewrite) for i in picked]


@dataclass(frozen=True, slots=True)
class Feedback:
    """The verdict on one quiz answer."""

    correct: bool
    expected: str
    given: str
    explanation: str
    reasons: tuple[str, ...] = ()

    def __str__(self) -> str:
        head = "✓ Right" if self.correct else f"✗ Not quite: it is a {self.expected}"
        return f"{head}. {self.explanation}"


def grade(item: QuizItem, answer: str) -> Feedback:
    """Check one answer ("KRA" or "KPI", any case) and explain it with the classifier's reasons.

    Examples
    --------
    >>> item = QuizItem("Recruitment", "KRA", "An area of responsibility.")
    >>> str(grade(item, "kpi"))
    '✗ Not quite: it is a KRA. An area of responsibility.'
    """
    from krakit.text.classify import classify

    given = answer.strip().upper()
    if given not in {"KRA", "KPI"}:
        raise InputError("answer KRA or KPI", field="answer", value=answer)
    reasons = tuple(classify(item.statement).reasons)
    return Feedback(given == item.answer, item.answer, given, item.why, reasons)


@dataclass(frozen=True, slots=True)
class FixResult:
    """The checker's verdict on a rewrite in the "fix this KPI" exercise."""

    solved: bool
    findings: tuple[Any, ...]
    explanations: tuple[str, ...] = field(default=())

    def __str__(self) -> str:
        if self.solved:
            return "✓ Fixed: the checker finds no errors or warnings in your rewrite."
        lines = ["Not yet:"] + [f"  {f.code} {f.message}" for f in self.findings]
        return "\n".join(lines)


def try_fix(rewrite: str) -> FixResult:
    """Check a participant's rewrite of a bad KPI; solved when no error or warning remains.

    Each remaining finding comes with its rule's "why" from the catalogue.
    """
    from krakit.rules import check, rules

    why = {rule.code: rule.why for rule in rules()}
    found = tuple(f for f in check(rewrite) if str(f.severity) in {"error", "warning"})
    return FixResult(
        solved=bool(rewrite.strip()) and not found,
        findings=found,
        explanations=tuple(f"{f.code}: {why.get(f.code, '')}" for f in found),
    )


@dataclass(frozen=True, slots=True)
class QuizScore:
    """How many quiz answers were right."""

    correct: int
    total: int

    @property
    def percent(self) -> float:
        return 100.0 * self.correct / self.total if self.total else 0.0

    def __str__(self) -> str:
        return f"{self.correct} of {self.total} right ({self.percent:.0f}%)"


def score_quiz(answers: Mapping[str, str], items: Sequence[QuizItem]) -> QuizScore:
    """Score answers given as statement → "KRA"/"KPI"; unanswered items count as wrong.

    Examples
    --------
    >>> items = [QuizItem("Recruitment", "KRA", ""), QuizItem("Time to hire", "KPI", ""),
    ...          QuizItem("Conversion rate", "KPI", "")]
    >>> str(score_quiz({"Recruitment": "KRA", "Time to hire": "KRA"}, items))
    '1 of 3 right (33%)'
    """
    right = sum(answers.get(i.statement, "").strip().upper() == i.answer for i in items)
    return QuizScore(right, len(items))


def unanswered(answers: Mapping[str, str], items: Sequence[QuizItem]) -> list[QuizItem]:
    """The questions not answered yet, in quiz order (asked about before sending).

    Examples
    --------
    >>> items = [QuizItem("Recruitment", "KRA", ""), QuizItem("Time to hire", "KPI", "")]
    >>> [i.statement for i in unanswered({"Recruitment": "KRA"}, items)]
    ['Time to hire']
    """
    return [i for i in items if not answers.get(i.statement, "").strip()]


def quiz_payload(
    answers: Mapping[str, str], items: Sequence[QuizItem], *, sent: bool = False
) -> dict[str, Any]:
    """What a participant's quiz publishes to the room: answers so far, and whether sent.

    Only the participant's own answers travel (never the key): the facilitator's tallies
    compare them with the quiz, which the facilitator's notebook holds.

    Examples
    --------
    >>> items = [QuizItem("Recruitment", "KRA", ""), QuizItem("Time to hire", "KPI", "")]
    >>> quiz_payload({"Recruitment": "kra "}, items, sent=True)
    {'answers': {'Recruitment': 'KRA'}, 'sent': True, 'questions': 2}
    """
    known = {i.statement for i in items}
    given = {
        str(k): str(v).strip().upper() for k, v in answers.items() if k in known and str(v).strip()
    }
    return {"answers": given, "sent": sent, "questions": len(items)}


class Attempts:
    """A participant's latest rewrite of each "fix this KPI" exercise, as the room stores it.

    One participant file holds every exercise's attempt, so the exercises on a page share
    one :class:`Attempts` and each check replaces that exercise's entry.

    Examples
    --------
    >>> tries = Attempts()
    >>> _ = tries.record("Improve sales", "Sales up", solved=False)
    >>> tries.record("Improve sales", "Sales ₹10 lakh a month", True)["attempts"]
    [{'statement': 'Improve sales', 'rewrite': 'Sales ₹10 lakh a month', 'solved': True}]
    """

    def __init__(self) -> None:
        self._latest: dict[str, dict[str, Any]] = {}

    def record(self, statement: str, rewrite: str, solved: bool) -> dict[str, Any]:
        """Keep this attempt (replacing the exercise's last) and return the payload to publish."""
        self._latest[statement] = {"statement": statement, "rewrite": rewrite, "solved": solved}
        return self.payload()

    def payload(self) -> dict[str, Any]:
        """Every exercise's latest attempt, in the order they were first tried."""
        return {"attempts": list(self._latest.values())}


def save_answers(folder: str | PathLike[str], participant: str, answers: Mapping[str, str]) -> Path:
    """Save one participant's answers as ``<folder>/<participant>.json`` (atomically).

    Raises
    ------
    InputError
        No participant name, or the folder cannot be written.
    """
    name = slugify(participant, fallback="")
    if not name:
        raise InputError("give the participant a name", field="participant", value=participant)
    folder = Path(folder)
    record = {
        "participant": participant.strip(),
        "saved": dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat(),
        "answers": {str(k): str(v).strip().upper() for k, v in answers.items()},
    }
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".answers.", suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(record, handle, ensure_ascii=False, indent=1)
        target = folder / f"{name}.json"
        os.replace(tmp, target)
    except OSError as exc:
        raise InputError(f"cannot save the answers: {exc.strerror}", path=folder) from exc
    return target


def load_answers(folder: str | PathLike[str]) -> dict[str, dict[str, str]]:
    """Every participant's answers in a folder: participant → statement → answer.

    A file that is not a saved answer sheet is an :class:`InputError` naming it.
    """
    folder = Path(folder)
    out: dict[str, dict[str, str]] = {}
    for path in sorted(folder.glob("*.json")) if folder.is_dir() else []:
        try:
            record = json.loads(path.read_text(encoding="utf-8"))
            out[str(record["participant"])] = {str(k): str(v) for k, v in record["answers"].items()}
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise InputError("not a krakit answer sheet", path=path) from exc
    return out


def summarise(folder: str | PathLike[str], items: Sequence[QuizItem] | None = None) -> Any:
    """The facilitator view: per quiz item, how many answered and what share got it right.

    ``items`` defaults to :func:`quiz` (the questions everyone was given).

    Returns a pandas DataFrame with columns statement, answer, answered, right, percent_right,
    hardest items first; ``.attrs["people"]`` holds each participant's score.
    """
    import pandas as pd

    items = quiz() if items is None else items
    sheets = load_answers(folder)
    rows = []
    for item in items:
        given = [a[item.statement].upper() for a in sheets.values() if item.statement in a]
        right = sum(g == item.answer for g in given)
        rows.append(
            {
                "statement": item.statement,
                "answer": item.answer,
                "answered": len(given),
                "right": right,
                "percent_right": round(100.0 * right / len(given), 1) if given else None,
            }
        )
    table = pd.DataFrame(rows).sort_values("percent_right", kind="stable", na_position="last")
    table = table.reset_index(drop=True)
    table.attrs["people"] = {p: str(score_quiz(a, items)) for p, a in sheets.items()}
    return table
