"""krakit's charts as Vega-Lite specs: plain dicts, built without Altair.

Each function takes a score (a :class:`~krakit.score.ScoreResult`) and returns the complete
Vega-Lite spec of one chart, the same dict Altair builds for it (``$schema``, the ``krakit``
theme as ``config``, the data in top-level ``datasets``): :mod:`krakit.charts` wraps these
specs as Altair charts for notebooks, while the CLI, the HTML report and the wizard's step 4
hand them straight to vl-convert (:func:`save`, :func:`svg`) and never pay for importing
Altair and building its objects (about 0.9 s of CPU per ``krakit chart``).

* :func:`bullet` — each KPI's achievement against its target, on its status bands.
* :func:`contribution` — what each KRA adds to the overall score.
* :func:`trend` — a KPI over periods, with its target line.
* :func:`heatmap` — a team's people × KPI achievement (grouped by band for big teams).
* :func:`distribution` — how many people fall in each rating band.
* :func:`targets` — a scorecard with no actuals yet: KRA and KPI weights with targets.
* :func:`overview` — bullets and contribution, or targets when nothing scored yet.

Status colours are the Okabe–Ito colour-blind-safe palette and every mark has a tooltip. Data
are aggregated before plotting, so a 10,000-person team never makes a huge spec. No string in
a spec carries a control character (vl-convert aborts the whole process on one).
"""

from __future__ import annotations

import hashlib
import json
import math
from os import PathLike
from pathlib import Path
from typing import Any, Literal

import pandas as pd

from krakit.errors import InputError
from krakit.model import Scorecard
from krakit.score import ScoreResult, aggregation_of
from krakit.units import format_value, is_currency, symbol

__all__ = [
    "SCHEMA_URL",
    "STATUS_COLORS",
    "THEME",
    "axis_format",
    "bullet",
    "contribution",
    "distribution",
    "heatmap",
    "overview",
    "plain",
    "save",
    "svg",
    "targets",
    "trend",
]

Spec = dict[str, Any]

SCHEMA_URL = "https://vega.github.io/schema/vega-lite/v6.4.1.json"
"""The Vega-Lite schema the specs follow (Altair 6.3's); vl-convert draws them with its own."""

STATUS_COLORS: dict[str, str] = {
    "green": "#009E73",  # Okabe–Ito bluish green
    "amber": "#E69F00",  # Okabe–Ito orange
    "red": "#D55E00",  # Okabe–Ito vermillion
    "no data": "#BBBBBB",
}
_BAND_GREYS = ("#EEEEEE", "#DDDDDD", "#CCCCCC")  # bullet bands: red, amber, green zones
_FONT = "DejaVu Sans, Helvetica, Arial, sans-serif"

THEME: Spec = {
    "font": _FONT,
    "view": {"stroke": None, "continuousWidth": 420, "continuousHeight": 260},
    "title": {"fontSize": 15, "anchor": "start", "subtitleColor": "#555555"},
    "axis": {"labelFontSize": 11, "titleFontSize": 12, "gridColor": "#EEEEEE"},
    "legend": {"labelFontSize": 11, "titleFontSize": 12, "orient": "bottom"},
    "header": {"labelFontSize": 12, "titleFontSize": 12},
    "range": {
        "category": [
            "#0072B2",
            "#E69F00",
            "#009E73",
            "#CC79A7",
            "#56B4E9",
            "#D55E00",
            "#F0E442",
            "#000000",
        ]
    },
}
"""The ``krakit`` look, set once: font, sizes, no chart border, left-aligned titles.

Every spec carries it as ``config``; :mod:`krakit.charts` registers it as Altair's theme."""

_TYPES = {"Q": "quantitative", "N": "nominal", "O": "ordinal"}

# C0 control characters but tab and newline: vl-convert's SVG text parser panics on them and
# aborts the whole process (a kernel, the CLI), so no chart text may carry one.
_CONTROLS = {c: None for c in range(32) if chr(c) not in "\t\n"} | {0x7F: None}


def plain(value: Any) -> Any:
    """``value`` with control characters removed from every string in it.

    Examples
    --------
    >>> plain({"title": "Sales\\x1d", "data": ["a\\x00b", 3]})
    {'title': 'Sales', 'data': ['ab', 3]}
    """
    if isinstance(value, str):
        return value.translate(_CONTROLS)
    if isinstance(value, dict):
        return {plain(k): plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


# --------------------------------------------------------------------------- building blocks


def _field(shorthand: str, **extra: Any) -> Spec:
    """An encoding channel from ``"name:T"`` (as Altair's shorthand) and its other settings."""
    name, _, kind = shorthand.partition(":")
    channel: Spec = {"field": name, **extra}
    if kind:
        channel["type"] = _TYPES[kind]
    return channel


def _tooltip(*fields: tuple[str, str]) -> list[Spec]:
    return [_field(shorthand, title=title) for shorthand, title in fields]


def _title(text: str, **extra: Any) -> Spec:
    return {"text": text, **extra}


def _mark(kind: str, **extra: Any) -> Spec:
    return {"type": kind, **extra}


def _cell(value: Any) -> Any:
    """A value as JSON holds it: numpy scalars as Python, NaN and infinity as null."""
    if hasattr(value, "item") and not isinstance(value, str):
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if value is pd.NA or value is pd.NaT:
        return None
    return value


def _records(frame: pd.DataFrame) -> list[Spec]:
    """The frame's rows as JSON-ready dicts (Altair's sanitising of a DataFrame)."""
    columns = [str(c) for c in frame.columns]
    return [
        {c: _cell(v) for c, v in zip(columns, row, strict=True)}
        for row in frame.itertuples(index=False, name=None)
    ]


def _data(frame: pd.DataFrame) -> Spec:
    return {"values": _records(frame)}


def _dataset_name(values: list[Spec]) -> str:
    """The name Altair gives a dataset: a hash of its rows, so equal data share one entry."""
    if values == [{}]:
        return "empty"
    text = json.dumps(values, sort_keys=True, default=str)
    return "data-" + hashlib.sha256(text.encode()).hexdigest()[:32]


def _name_data(node: Any, datasets: dict[str, list[Spec]]) -> Any:
    """``node`` with every inline ``{"values": rows}`` moved into ``datasets`` by name."""
    if isinstance(node, list):
        return [_name_data(v, datasets) for v in node]
    if not isinstance(node, dict):
        return node
    out = {}
    for key, value in node.items():
        if key == "data" and isinstance(value, dict) and "values" in value:
            name = _dataset_name(value["values"])
            datasets[name] = value["values"]
            out[key] = {"name": name}
        else:
            out[key] = _name_data(value, datasets)
    return out


def _finish(chart: Spec) -> Spec:
    """A top-level spec: schema, theme, named datasets, no control characters."""
    datasets: dict[str, list[Spec]] = {}
    body = _name_data(chart, datasets)
    top: Spec = {"$schema": SCHEMA_URL, "config": THEME, **body}
    if datasets:
        top["datasets"] = datasets
    return plain(top)


def _lift_data(layers: list[Spec]) -> tuple[Spec | None, list[Spec]]:
    """Layers sharing one dataset: the data once, above them (as Altair's ``layer``)."""
    data = [layer.get("data") for layer in layers]
    if data and all(d is not None and d == data[0] for d in data):
        return data[0], [{k: v for k, v in layer.items() if k != "data"} for layer in layers]
    return None, layers


def _layer(*layers: Spec, **extra: Any) -> Spec:
    data, inner = _lift_data(list(layers))
    return {**({"data": data} if data is not None else {}), "layer": inner, **extra}


def axis_format(unit: str | None) -> Spec:
    """Axis label settings that show ``unit``: ₹ with Indian grouping, $ 1,200, 85%.

    Examples
    --------
    >>> axis_format("INR")["labelExpr"][:6]
    "'₹' + "
    >>> axis_format("%")
    {'format': '~s', 'labelExpr': "datum.label + '%'"}
    """
    if unit == "INR":
        # Indian grouping: the last three digits, then pairs (10,00,000)
        group = "replace(format(datum.value, 'd'), regexp('(\\\\d)(?=(\\\\d\\\\d)+\\\\d(?!\\\\d))', 'g'), '$1,')"  # noqa: E501
        return {"labelExpr": f"'₹' + {group}"}
    if is_currency(unit):
        return {"format": ",.0f", "labelExpr": f"'{symbol(unit)}' + datum.label"}
    if unit == "%":
        return {"format": "~s", "labelExpr": "datum.label + '%'"}
    return {"format": ",~r"}


# --------------------------------------------------------------------------- one person


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


def heatmap(result: ScoreResult, *, max_people: int = 40, group: pd.Series | None = None) -> Spec:
    """People × KPI achievement for a team; big teams are grouped before plotting.

    Parameters
    ----------
    result
        A team result (``krakit.score({person: scorecard}, frame)``).
    max_people
        Up to this many people get a row each; beyond it rows are groups.
    group
        person → group (team, role, region) to group by; the rating band when omitted.
    """
    if not result.team:
        raise InputError("heatmap needs a team result: score({person: scorecard, ...}, frame)")
    totals = result.totals[["person", "kpi", "achievement"]]
    n_people = totals["person"].nunique()
    if n_people <= max_people and group is None:
        frame = totals.assign(
            row=totals["person"].astype(str), people=1, kpi=totals["kpi"].astype(str)
        )[["row", "kpi", "achievement", "people"]]
        row_title = "Person"
    else:
        if group is None:
            band = result.overall.set_index("person")["band"].fillna("not scored")
            group, row_title = band, "Rating band"
        else:
            row_title = str(group.name or "Group")
        keys = group.reindex(totals["person"].astype(str).to_numpy()).fillna("(none)")
        grouped = totals.assign(row=keys.to_numpy(), kpi=totals["kpi"].astype(str))
        frame = (
            grouped.groupby(["row", "kpi"], observed=True)
            .agg(achievement=("achievement", "mean"), people=("person", "nunique"))
            .reset_index()
        )
    frame["achievement"] = frame["achievement"].round(1)
    green = float(result.totals["green"].median()) if len(result.totals) else 100.0
    amber = float(result.totals["amber"].median()) if len(result.totals) else 80.0
    colours = [STATUS_COLORS["red"], STATUS_COLORS["amber"], STATUS_COLORS["green"]]
    subtitle = f"{n_people:,} people" + (
        f", grouped by {row_title.lower()}"
        if "people" in frame and frame["people"].max() > 1
        else ""
    )
    return _finish(
        {
            "data": _data(frame),
            "mark": _mark("rect", stroke="#FFFFFF"),
            "encoding": {
                "x": _field("kpi:N", title="KPI", axis={"labelAngle": -30, "labelLimit": 160}),
                "y": _field("row:N", title=row_title),
                "color": _field(
                    "achievement:Q",
                    title="Achievement %",
                    scale={"type": "threshold", "domain": [amber, green], "range": colours},
                ),
                "tooltip": _tooltip(
                    ("row:N", row_title),
                    ("kpi:N", "KPI"),
                    ("achievement:Q", "Achievement %"),
                    ("people:Q", "People"),
                ),
            },
            "title": _title("Team achievement by KPI", subtitle=subtitle),
        }
    )


def distribution(result: ScoreResult) -> Spec:
    """How many people fall in each rating band (a team result)."""
    bands = result.config.bands
    counts = result.overall["band"].fillna("not scored").value_counts()
    order = [b.name for b in sorted(bands, key=lambda b: b.rating)] + ["not scored"]
    frame = pd.DataFrame({"band": order, "people": [int(counts.get(b, 0)) for b in order]})
    frame = frame[(frame["people"] > 0) | (frame["band"] != "not scored")]
    frame["share"] = (frame["people"] / max(int(frame["people"].sum()), 1) * 100).round(1)
    return _finish(
        {
            "data": _data(frame),
            "mark": _mark("bar", color="#0072B2"),
            "encoding": {
                "x": _field("band:N", sort=order, title="Rating band", axis={"labelAngle": 0}),
                "y": _field("people:Q", title="People"),
                "tooltip": [
                    _field("band:N", title="Band"),
                    _field("people:Q", title="People", format=","),
                    _field("share:Q", title="Share %"),
                ],
            },
            "title": "Rating distribution",
            "width": {"step": 70},
        }
    )


def targets(scorecard: Scorecard, result: ScoreResult | None = None) -> Spec:
    """Each KPI's share of the score, with its target: the chart before anything scores.

    ``result``, the score of the scorecard's actuals (scored when omitted), sets the
    subtitle: "no actuals yet" only when there are none; when actuals are in but no KPI
    can score, it says how many KPIs lack a target.

    Examples
    --------
    >>> import krakit
    >>> card = krakit.Scorecard(role={"title": "Support"}, kras=[{"title": "Tickets", "kpis": [
    ...     {"id": "backlog", "statement": "Reduce ticket backlog"}]}],
    ...     actuals=[{"kpi": "backlog", "period": "2026-01", "value": 40}])
    >>> targets(card)["title"]["subtitle"]
    'actuals are in, but 1 KPI(s) have no target to score against; hover a bar for the target'
    """
    from krakit.score import score

    if result is None:
        result = score(scorecard)
    weights = score(scorecard, []) if result.team else result
    totals = weights.totals
    kra_share = weights.kras.set_index("kra")["weight"]
    kpis = {k.id: k for k in scorecard.all_kpis()}
    titles = {k.id: k.title for k in scorecard.kras}
    rows = []
    for row in totals.itertuples():
        kpi = kpis[str(row.kpi)]
        if kpi.polarity.value == "in_range":
            low, high = (
                format_value(kpi.target_low, kpi.unit),
                format_value(kpi.target_high, kpi.unit),
            )
            goal = f"{low} to {high}"
        else:
            goal = format_value(kpi.target, kpi.unit)
        share_kra = float(kra_share.get(str(row.kra), 0.0)) if pd.notna(row.kra) else 0.0
        weight = float(row.agreed_weight)
        rows.append(
            {
                "kra": titles.get(str(row.kra), "(no KRA)"),
                "kpi": str(row.metric),
                "weight": round(share_kra * weight / 100.0, 2),
                "target": goal,
                "baseline": format_value(kpi.baseline, kpi.unit),
                "rule": f"{kpi.polarity.value.replace('_', ' ')}, {row.rule}, "
                f"{aggregation_of(kpi).value}",
            }
        )
    return _finish(
        {
            "data": _data(pd.DataFrame(rows)),
            "mark": _mark("bar"),
            "encoding": {
                "x": _field("weight:Q", title="Share of the overall score (%)"),
                "y": _field("kra:N", title=None, sort=None, axis={"labelLimit": 240}),
                "color": _field("kpi:N", title="KPI", legend={"columns": 1, "labelLimit": 320}),
                "order": _field("weight:Q", sort="descending"),
                "tooltip": _tooltip(
                    ("kra:N", "KRA"),
                    ("kpi:N", "KPI"),
                    ("weight:Q", "Share %"),
                    ("target:N", "Target"),
                    ("baseline:N", "Baseline"),
                    ("rule:N", "Scored as"),
                ),
            },
            "title": _title(
                f"{scorecard.role.title}: targets and weights", subtitle=_targets_subtitle(result)
            ),
            "height": {"step": 34},
        }
    )


def _targets_subtitle(result: ScoreResult) -> str:
    hover = "hover a bar for the target"
    if result.has_actuals:
        return f"targets and weights; {hover}"
    if not result.has_entries:
        return f"no actuals yet; {hover}"
    unset = int((~result.missing["reason"].isin(["no actuals"])).sum())
    return f"actuals are in, but {unset} KPI(s) have no target to score against; {hover}"


def overview(scorecard: Scorecard, result: ScoreResult) -> Spec:
    """The default chart of a scorecard: bullets and KRA contribution, or targets if no actuals."""
    if not result.has_actuals:
        return targets(scorecard, result)
    title = f"{scorecard.role.title}" + (f" — {scorecard.holder}" if scorecard.holder else "")
    return _finish(
        {
            "vconcat": [_bullet(result, None), _contribution(result, None)],
            "title": _title(title, fontSize=17),
        }
    )


# --------------------------------------------------------------------------- drawing


def _draw(spec: Spec, fmt: Literal["svg", "png"], scale: float = 2.0) -> str | bytes:
    from krakit.chart_worker import draw  # in the worker of drawing_elsewhere(), or here

    return draw(plain(spec), fmt, scale)


def svg(spec: Spec) -> str:
    """The chart drawn as SVG text by vl-convert (offline; its JavaScript engine starts once).

    The spec is not validated against the Vega-Lite schema here (the tests validate every
    chart krakit builds); control characters are removed first.
    """
    return str(_draw(spec, "svg"))


class _ScriptSafeJSON(json.JSONEncoder):
    """JSON that can sit inside an HTML ``<script>``: ``<``, ``>`` and ``&`` as ``\\u`` escapes.

    A chart's spec carries user text (KPI names, titles); written raw into the ``<script>`` of
    an HTML file, a name holding ``</script><script>…`` would end the script and start its
    own. JavaScript reads the escaped string as the same text.
    """

    def encode(self, o: Any) -> str:
        text = super().encode(o)
        return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _html(spec: Spec) -> str:
    """A self-contained page drawing ``spec``: Vega, Vega-Lite and vega-embed inlined.

    Altair's page template is used (imported here only, the way :mod:`krakit.charts` imports
    it: without the format checkers that take seconds to load).
    """
    from krakit.charts import alt  # first: Altair as krakit imports it

    spec_to_html = alt.utils.html.spec_to_html

    return str(
        spec_to_html(
            plain(spec),
            mode="vega-lite",
            vega_version=alt.VEGA_VERSION,
            vegaembed_version=alt.VEGAEMBED_VERSION,
            vegalite_version=alt.VEGALITE_VERSION,
            json_kwds={"cls": _ScriptSafeJSON},
            template="inline",
        )
    )


def save(spec: Spec, path: str | PathLike[str], *, scale: float = 2.0) -> Path:
    """Write a spec as ``.png``, ``.svg`` (vl-convert, offline) or self-contained ``.html``.

    The HTML embeds the spec with ``<``, ``>`` and ``&`` escaped, so user text in it cannot
    close the page's script; tooltips are shown by vega-tooltip, which escapes HTML.

    Raises
    ------
    InputError
        The suffix is none of these, or the file cannot be written.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".png", ".svg", ".html", ".htm"):
        raise InputError(
            f"cannot write a chart as {suffix or 'a file without suffix'}; use .png, .svg or .html",
            path=path,
        )
    try:
        if suffix == ".png":
            path.write_bytes(bytes(_draw(spec, "png", scale)))
        elif suffix == ".svg":
            path.write_text(svg(spec), encoding="utf-8")
        else:
            path.write_text(_html(spec), encoding="utf-8")
    except OSError as exc:
        raise InputError(f"cannot write the chart: {exc.strerror}", path=path) from exc
    return path
