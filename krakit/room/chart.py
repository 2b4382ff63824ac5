"""The room's charts as Vega-Lite specs (plain dicts, krakit's theme): mistakes and quiz scores.

Drawn offline as SVG by :func:`krakit.vegalite.svg` in the facilitator's view. Labels are the
checker's rule names and counts, never a participant's text.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["mistakes", "quiz_scores"]


def _spec(values: list[dict[str, Any]], body: dict[str, Any]) -> dict[str, Any]:
    from krakit.vegalite import SCHEMA_URL, THEME, plain

    return plain({"$schema": SCHEMA_URL, "config": THEME, "data": {"values": values}, **body})


def mistakes(table: pd.DataFrame, *, top: int = 12) -> dict[str, Any]:
    """One bar per checker code: how many people made that mistake (of how many).

    ``table`` is :func:`krakit.room.tally.mistakes`.

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"code": ["C001"], "rule": ["kra-offered-as-kpi"], "severity": ["error"],
    ...                   "people": [14], "of": [20], "lines": [17], "label": ["14 of 20: x"]})
    >>> mistakes(t)["data"]["values"][0]["label"]
    'C001 · 14 of 20: x'
    """
    rows = [
        {
            "label": f"{r.code} · {r.label}",
            "people": int(r.people),
            "severity": str(r.severity),
            "code": str(r.code),
        }
        for r in table.head(top).itertuples(index=False)
    ]
    return _spec(
        rows,
        {
            "mark": {"type": "bar", "tooltip": True},
            "encoding": {
                "y": {"field": "label", "type": "nominal", "sort": None, "title": None},
                "x": {
                    "field": "people",
                    "type": "quantitative",
                    "title": "People",
                    "axis": {"tickMinStep": 1},
                },
                "color": {
                    "field": "severity",
                    "type": "nominal",
                    "scale": {"domain": ["error", "warning"], "range": ["#D55E00", "#E69F00"]},
                    "title": None,
                },
            },
            "title": "The room's mistakes (people per checker code)",
            "width": 360,
        },
    )


def quiz_scores(table: pd.DataFrame) -> dict[str, Any]:
    """The class's quiz score distribution: people per number of right answers.

    ``table`` is :func:`krakit.room.tally.quiz_scores`.
    """
    rows = [{"right": int(r.right), "people": int(r.people)} for r in table.itertuples()]
    return _spec(
        rows,
        {
            "mark": {"type": "bar", "color": "#0072B2", "tooltip": True},
            "encoding": {
                "x": {
                    "field": "right",
                    "type": "ordinal",
                    "title": "Right answers",
                    "axis": {"labelAngle": 0},
                },
                "y": {
                    "field": "people",
                    "type": "quantitative",
                    "title": "People",
                    "axis": {"tickMinStep": 1},
                },
            },
            "title": "Quiz scores",
            "width": {"step": 28},
        },
    )
