"""The room, exported: one Excel workbook and a zip of every scorecard.

The workbook has one sheet per table, one row per participant per item: Participants, KPIs,
Findings, Quiz answers, Fix attempts. Every text cell goes through
:func:`krakit.sheets.xlsx_text`, so a name or KPI that starts with ``=`` is never run as a
formula. The zip holds each person's scorecards as YAML (:func:`krakit.store.dump`), named
after the person (the alias in an anonymous room).

The same name typed in two tabs is one person in the view (its latest state), but the
exports keep every tab's latest scorecard: two people who both typed "Priya" (or one person
who started over in a new tab) lose nothing. The KPIs sheet numbers the tabs (1 joined
first) and marks the latest; the zip names the latest ``priya.yaml`` and each other tab's
``priya.tab-1.yaml``.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence
from os import PathLike
from pathlib import Path
from typing import TYPE_CHECKING, Any

from krakit.model import slugify
from krakit.room.state import RoomState
from krakit.room.tally import kpis_of, lines, participants, tab_cards

if TYPE_CHECKING:
    import pandas as pd

    from krakit.model import KPI, KRA, Scorecard
    from krakit.training import QuizItem

__all__ = ["KPI_COLUMNS", "export_scorecards", "export_tables", "export_workbook"]

_KPI_FIELDS = ("metric", "unit", "baseline", "target", "weight")
KPI_COLUMNS = ("name", "role", "kra", "kpi", *_KPI_FIELDS, "tab", "latest")
"""The KPIs sheet: one row per KPI (or KRA without one) of every tab's latest scorecard;
``tab`` numbers the person's tabs (1 joined first), ``latest`` marks the one the view shows."""


def export_tables(
    state: RoomState, items: Sequence[QuizItem] | None = None
) -> dict[str, pd.DataFrame]:
    """The tables the workbook holds, by sheet name."""
    import pandas as pd

    kpis, quiz, fixes = [], [], []
    for person in state.people():
        for tab, card, latest in tab_cards(person):
            if card.scorecard is None:
                continue
            sc = card.scorecard
            for kra, kpi in _lines_of(sc):
                kpis.append(
                    {
                        "name": person.shown,
                        "tab": tab,
                        "latest": latest,
                        "role": sc.role.title,
                        "kra": kra.title if kra else "",
                        "kpi": kpi.statement if kpi else None,
                        **{k: getattr(kpi, k, None) for k in _KPI_FIELDS},
                    }
                )
        answers = (person.payload("quiz") or {}).get("answers") or {}
        for statement, answer in dict(answers).items():
            quiz.append({"name": person.shown, "statement": statement, "answer": answer})
        for attempt in (person.payload("fix") or {}).get("attempts") or []:
            fixes.append(
                {
                    "name": person.shown,
                    "statement": attempt.get("statement"),
                    "rewrite": attempt.get("rewrite"),
                    "solved": attempt.get("solved"),
                }
            )
    answer_key = {i.statement: i.answer for i in items} if items is not None else None
    quiz_table = pd.DataFrame(quiz, columns=["name", "statement", "answer"])
    if answer_key is not None:
        quiz_table["correct"] = [
            answer_key.get(s) == str(a).strip().upper() if s in answer_key else None
            for s, a in zip(quiz_table.statement, quiz_table.answer, strict=True)
        ]
    return {
        "Participants": participants(state, items),
        "KPIs": pd.DataFrame(kpis, columns=KPI_COLUMNS),
        "Findings": lines(state),
        "Quiz answers": quiz_table,
        "Fix attempts": pd.DataFrame(fixes, columns=["name", "statement", "rewrite", "solved"]),
    }


def _lines_of(sc: Scorecard) -> list[tuple[KRA | None, KPI | None]]:
    """A scorecard's KPIs with their KRA, and each KRA without a KPI (so none goes unseen)."""
    found: list[tuple[KRA | None, KPI | None]] = []
    for kra in sc.kras:
        found.extend([(kra, kpi) for kpi in kra.kpis] or [(kra, None)])
    return found + [(None, kpi) for kra, kpi in kpis_of(sc) if kra is None]


def _cell(value: Any) -> Any:
    from krakit.sheets import xlsx_text

    if value is None or (isinstance(value, float) and value != value):
        return None
    if isinstance(value, bool | int | float):
        return value
    return xlsx_text(str(value))


def export_workbook(
    state: RoomState,
    path: str | PathLike[str] | None = None,
    *,
    items: Sequence[QuizItem] | None = None,
) -> bytes:
    """The room as one Excel workbook (bytes; also written atomically to ``path`` if given).

    Raises
    ------
    InputError
        ``path`` cannot be written.
    """
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    book.remove(book.active)
    for title, table in export_tables(state, items).items():
        sheet = book.create_sheet(title)
        sheet.append([str(c) for c in table.columns])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in table.itertuples(index=False):
            sheet.append([_cell(v) for v in row])
        sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    book.save(buffer)
    return _written(buffer.getvalue(), path)


def export_scorecards(state: RoomState, path: str | PathLike[str] | None = None) -> bytes:
    """A zip of every tab's latest scorecard as YAML (bytes; also written to ``path``).

    A person's latest scorecard is ``<name>.yaml``, named from the person's shown name (made
    a plain file name; another person whose name makes the same gets ``-2``, ``-3``...).
    Each of their other tabs' scorecards is ``<name>.tab-<n>.yaml`` (tab 1 joined first),
    unless it is the same scorecard as one already in the zip. A scorecard the model refuses
    is left out (the room's problems list names it).
    """
    from krakit.store import dump

    buffer = io.BytesIO()
    used: set[str] = set()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for person in sorted(state.people(), key=lambda p: p.shown.casefold()):
            cards = [
                (t, dump(c.scorecard), latest) for t, c, latest in tab_cards(person) if c.scorecard
            ]
            if not cards:
                continue
            stem = slugify(person.shown, fallback="participant")
            name, n = stem, 1
            while name in used:
                n += 1
                name = f"{stem}-{n}"
            used.add(name)
            written: set[str] = set()
            for tab, text, latest in sorted(cards, key=lambda c: not c[2]):  # the latest first
                if text in written:
                    continue
                written.add(text)
                entry = name if latest else f"{name}.tab-{tab}"
                archive.writestr(f"scorecards/{entry}.yaml", text)
    return _written(buffer.getvalue(), path)


def _written(raw: bytes, path: str | PathLike[str] | None) -> bytes:
    if path is not None:
        from krakit.store.atomic import atomic_write

        atomic_write(Path(path), raw)
    return raw
