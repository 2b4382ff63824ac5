"""One person's charts: KPI bullets against target, KRA contribution, a KPI's trend.

From a one-card score, or from a team score with ``person=``.
"""

from __future__ import annotations

import pandas as pd

from krakit.errors import InputError
from krakit.score import ScoreResult
from krakit.units import format_value
from krakit.vegalite.spec import (
    _BAND_GREYS,
    STATUS_COLORS,
    Spec,
    _data,
    _field,
    _finish,
    _layer,
    _mark,
    _title,
    _tooltip,
    axis_format,
)

__all__ = ["bullet", "contribution", "trend"]


def _one_person(result: ScoreResult, frame: pd.DataFrame, person: str | None) -> pd.DataFrame:
    if not result.team:
        return frame
    if person is None:
        raise InputError("this is a team result: pass person='...' (or use heatmap)")
    picked = frame[frame["person"] == person]
    if picked.empty:
        raise InputError(f"no one called '{person}' in this result", field="person")
    return picked


def _status_text(status: pd.Series) -> pd.Series:
    return status.astype(object).where(status.notna(), "no data")


def _labels(result: ScoreResult, totals: pd.DataFrame) -> list[str]:
    """Each bar's label: its achievement, or why it did not score ("no target")."""
    keys = [c for c in ("person", "kpi") if c in totals.columns]
    missing = result.missing
    why = dict(
        zip(
            map(tuple, missing[keys].astype(str).to_numpy()),
            missing["reason"],
            strict=True,
        )
    )
    return [
        f"{v:.0f}%" if pd.notna(v) else f"not scored: {why.get(tuple(k), 'no data')}"
        for v, k in zip(
            totals["achievement"].to_numpy(), totals[keys].astype(str).to_numpy(), strict=True
        )
    ]


def _bullet(result: ScoreResult, person: str | None) -> Spec:
    totals = _one_person(result, result.totals, person)
    cap = result.config.cap
    frame = pd.DataFrame(
        {
            "kpi": totals["metric"].astype(str).to_numpy(),
            "kra": totals["kra"].astype(str).to_numpy(),
            "achievement": totals["achievement"].round(1).to_numpy(),
            "shown": totals["achievement"].fillna(0).to_numpy(),
            "status": _status_text(totals["status"]).to_numpy(),
            "actual": [
                format_value(v, u) for v, u in zip(totals["actual"], totals["unit"], strict=True)
            ],
            "target": [
                format_value(v, u) for v, u in zip(totals["target"], totals["unit"], strict=True)
            ],
            "red_to": totals["amber"].to_numpy(),
            "amber_to": totals["green"].to_numpy(),
            "cap": cap,
            "zero": 0.0,
            "goal": 100.0,
        }
    )
    frame["label"] = _labels(result, totals)
    data = _data(frame)
    y = _field("kpi:N", title=None, sort=None, axis={"labelLimit": 260})
    scale = {"domain": [0, cap]}
    x_title = "Achievement (% of target)"
    bands = _layer(
        {
            "data": data,
            "mark": _mark("bar", color=_BAND_GREYS[0], size=22),
            "encoding": {
                "x": _field("zero:Q", scale=scale, title=x_title),
                "x2": _field("red_to"),
                "y": y,
            },
        },
        {
            "data": data,
            "mark": _mark("bar", color=_BAND_GREYS[1], size=22),
            "encoding": {"x": _field("red_to:Q"), "x2": _field("amber_to"), "y": y},
        },
        {
            "data": data,
            "mark": _mark("bar", color=_BAND_GREYS[2], size=22),
            "encoding": {"x": _field("amber_to:Q"), "x2": _field("cap"), "y": y},
        },
    )
    tooltip = _tooltip(
        ("kpi:N", "KPI"),
        ("kra:N", "KRA"),
        ("actual:N", "Actual"),
        ("target:N", "Target"),
        ("achievement:Q", "Achievement %"),
        ("status:N", "Status"),
    )
    status_scale = {"domain": list(STATUS_COLORS), "range": list(STATUS_COLORS.values())}
    bar = {
        "data": data,
        "mark": _mark("bar", size=9),
        "encoding": {
            "x": _field("shown:Q", scale=scale),
            "y": y,
            "color": _field("status:N", scale=status_scale, title="Status"),
            "tooltip": tooltip,
        },
    }
    tick = {
        "data": data,
        "mark": _mark("tick", color="#000000", thickness=2, size=22),
        "encoding": {"x": _field("goal:Q"), "y": y, "tooltip": tooltip},
    }
    label = {
        "data": data,
        "mark": _mark("text", align="left", dx=4, dy=-12, fontSize=10, color="#333333"),
        "encoding": {"x": _field("shown:Q", scale=scale), "y": y, "text": _field("label:N")},
    }
    return _layer(
        bands,
        bar,
        tick,
        label,
        title=_title("KPIs against target", subtitle="bar: achievement; black tick: target"),
        height={"step": 30},
    )


def bullet(result: ScoreResult, *, person: str | None = None) -> Spec:
    """One bullet per KPI: achievement against the 100% target, on red/amber/green bands.

    Examples
    --------
    >>> import krakit
    >>> spec = bullet(krakit.score(krakit.load("templates/samples/recruiter.yaml")))
    >>> spec["layer"][1]["mark"]["type"]
    'bar'
    """
    return _finish(_bullet(result, person))


def _contribution(result: ScoreResult, person: str | None) -> Spec:
    kras = _one_person(result, result.kras, person)
    data = _data(
        pd.DataFrame(
            {
                "kra": kras["title"].astype(str).to_numpy(),
                "share": kras["share"].round(1).to_numpy(),
                "score": kras["score"].round(1).to_numpy(),
                "points": kras["contribution"].round(2).to_numpy(),
                "full": kras["share"].to_numpy(),
            }
        )
    )
    y = _field("kra:N", title=None, sort=None, axis={"labelLimit": 240})
    tooltip = _tooltip(
        ("kra:N", "KRA"),
        ("share:Q", "Weight %"),
        ("score:Q", "KRA score %"),
        ("points:Q", "Points"),
    )
    full = {
        "data": data,
        "mark": _mark("bar", color="#DDDDDD", size=20),
        "encoding": {
            "x": _field("full:Q", title="Points of the overall score"),
            "y": y,
            "tooltip": tooltip,
        },
    }
    got = {
        "data": data,
        "mark": _mark("bar", color="#0072B2", size=10),
        "encoding": {"x": _field("points:Q"), "y": y, "tooltip": tooltip},
    }
    text = {
        "data": data,
        "mark": _mark("text", align="left", dx=4, fontSize=11),
        "encoding": {"x": _field("points:Q"), "y": y, "text": _field("points:Q", format=".1f")},
    }
    score_text = "not scored yet" if result.score is None and not result.team else ""
    if not result.team and result.score is not None:
        score_text = f"overall {result.score:.1f}% — {result.band}"
    return _layer(
        full,
        got,
        text,
        title=_title("KRA contribution", subtitle=score_text or "grey: weight; blue: points"),
        height={"step": 32},
    )


def contribution(result: ScoreResult, *, person: str | None = None) -> Spec:
    """What each KRA adds to the overall score (points), against what it could add at 100%."""
    return _finish(_contribution(result, person))


def trend(result: ScoreResult, kpi: str | None = None, *, person: str | None = None) -> Spec:
    """Actuals over periods with the target line; one panel per KPI unless ``kpi`` is given.

    A team result without ``person`` shows the team's mean achievement per period instead.
    """
    rows = result.kpis
    if kpi is not None:
        rows = rows[rows["kpi"] == kpi]
        if rows.empty:
            raise InputError(f"no actuals for KPI '{kpi}' in this result", field="kpi")
    if result.team and person is None:
        grouped = rows.groupby(["kpi", "period"], observed=True)["achievement"]
        frame = grouped.agg(["mean", "size"]).reset_index()
        frame = frame.rename(columns={"mean": "value", "size": "people"})
        frame["target"] = 100.0
        frame["value_text"] = frame["value"].map(lambda v: f"{v:.1f}%")
        frame["target_text"] = "100%"
        y_title, units = "Mean achievement (%)", {"%"}
    else:
        if result.team:
            rows = rows[rows["person"] == person]
        unit_of = result.totals.drop_duplicates("kpi").set_index("kpi")["unit"]
        unit = unit_of.reindex(rows["kpi"].astype(str)).to_numpy()
        frame = pd.DataFrame(
            {
                "kpi": rows["kpi"].astype(str).to_numpy(),
                "period": rows["period"].astype(str).to_numpy(),
                "value": rows["actual"].to_numpy(),
                "target": rows["target"].to_numpy(),
                "value_text": [
                    format_value(v, u) for v, u in zip(rows["actual"], unit, strict=True)
                ],
                "target_text": [
                    format_value(v, u) for v, u in zip(rows["target"], unit, strict=True)
                ],
            }
        )
        units = {u for u in unit if isinstance(u, str)}
        y_title = "Actual"
    frame["period"] = frame["period"].astype(str)
    data = _data(frame.sort_values(["kpi", "period"]))
    axis = axis_format(next(iter(units))) if len(units) == 1 else {}
    tooltip = _tooltip(
        ("kpi:N", "KPI"),
        ("period:N", "Period"),
        ("value_text:N", "Value"),
        ("target_text:N", "Target"),
    )
    x = _field("period:O", title="Period", sort=None)
    line = {
        "data": data,
        "mark": _mark("line", point=True, color="#0072B2"),
        "encoding": {
            "x": x,
            "y": _field("value:Q", title=y_title, axis=axis),
            "tooltip": tooltip,
        },
    }
    goal = {
        "data": data,
        "mark": _mark("line", color="#000000", strokeDash=[5, 4]),
        "encoding": {"x": x, "y": _field("target:Q"), "tooltip": tooltip},
    }
    goal_tick = {
        "data": data,
        "mark": _mark("tick", color="#000000", thickness=2, size=18),
        "encoding": {"x": x, "y": _field("target:Q"), "tooltip": tooltip},
    }
    layered = _layer(line, goal, goal_tick, width=360, height=180)
    title = _title("Trend against target", subtitle="blue: actual; black: target")
    if kpi is not None:
        return _finish({**layered, "title": title})
    shared = layered.pop("data")
    return _finish(
        {
            "data": shared,
            "facet": {"row": _field("kpi:N", title=None)},
            "spec": layered,
            "resolve": {"scale": {"y": "independent"}},
            "title": title,
        }
    )
