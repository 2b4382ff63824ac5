"""Charts of a score: DataFrame in, ``alt.Chart`` out. Rendering is the caller's choice.

* :func:`bullet` — each KPI's achievement against its target, on its status bands.
* :func:`contribution` — what each KRA adds to the overall score.
* :func:`trend` — a KPI over periods, with its target line.
* :func:`heatmap` — a team's people × KPI achievement (grouped by band for big teams).
* :func:`distribution` — how many people fall in each rating band.
* :func:`targets` — a scorecard with no actuals yet: KRA and KPI weights with targets.

The ``krakit`` theme is registered and enabled once, on import. Status colours are the
Okabe–Ito colour-blind-safe palette, and every mark has a tooltip. Data are aggregated
before plotting, so a 10,000-person team never meets Altair's MaxRowsError.
:func:`enable_offline` makes charts render in JupyterLab and Voilà with no internet;
:func:`save` writes PNG, SVG (vl-convert) or self-contained HTML.
"""

from __future__ import annotations

import json
import sys
from os import PathLike
from pathlib import Path
from typing import Any

import pandas as pd

from krakit.errors import InputError
from krakit.model import Scorecard
from krakit.score import ScoreResult, aggregation_of
from krakit.units import format_value, is_currency, symbol

_FORMAT_CHECKERS = (
    "rfc3987_syntax",
    "rfc3986_validator",
    "rfc3339_validator",
    "isoduration",
    "webcolors",
    "uri_template",
    "jsonpointer",
    "fqdn",
)
"""jsonschema's optional string-format checkers: imported with it if installed, never used by
Altair (it checks no formats), together 2-6 s of CPU at import (see :func:`_import_altair`)."""

_SKIPPED_ON_IMPORT = ("anywidget", *_FORMAT_CHECKERS)
"""Optional modules Altair's import would load for nothing krakit uses (see below)."""


def _import_altair() -> Any:
    """Import Altair without pulling in the widget stack or a 6-second grammar.

    ``import altair`` imports anywidget (and so ipywidgets) whenever anywidget is installed,
    only to define ``JupyterChart``. krakit's core never imports ipywidgets, so Altair is
    imported here as if anywidget were absent (``JupyterChart`` is then Altair's own
    stand-in); :func:`enable_offline` loads the real widget when a notebook asks for it.

    Altair imports jsonschema, which imports its optional format checkers when installed
    (Jupyter brings them): ``rfc3987_syntax`` builds a Lark parser at import, 1.7 to 6 s of
    CPU, most of what ``krakit report`` and ``krakit chart`` took; ``isoduration`` imports
    ``arrow``. Altair validates without a format checker, so jsonschema is imported as if
    they were absent. Every one of them imports normally afterwards for anyone who asks.
    """
    if "altair" in sys.modules:
        import altair

        return altair
    blocked = [name for name in _SKIPPED_ON_IMPORT if name not in sys.modules]
    if "jsonschema" in sys.modules:  # too late: jsonschema has already imported its checkers
        blocked = [name for name in blocked if name not in _FORMAT_CHECKERS]
    for name in blocked:
        sys.modules[name] = None  # type: ignore[assignment]  # import → ImportError
    try:
        import altair
    finally:
        for name in blocked:
            if name in sys.modules and sys.modules[name] is None:
                del sys.modules[name]
    return altair


alt = _import_altair()

__all__ = [
    "STATUS_COLORS",
    "axis_format",
    "bullet",
    "contribution",
    "distribution",
    "enable_offline",
    "heatmap",
    "overview",
    "save",
    "spec",
    "targets",
    "trend",
]

# C0 control characters but tab and newline: vl-convert's SVG text parser panics on them and
# aborts the whole process (a kernel, the CLI), so no chart text may carry one.
_CONTROLS = {c: None for c in range(32) if chr(c) not in "\t\n"} | {0x7F: None}


def _plain(value: Any) -> Any:
    """``value`` with control characters removed from every string in it."""
    if isinstance(value, str):
        return value.translate(_CONTROLS)
    if isinstance(value, dict):
        return {_plain(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def spec(chart: alt.TopLevelMixin) -> dict[str, Any]:
    """The chart's Vega-Lite spec for vl-convert: not validated again, no control characters.

    A KPI named with a pasted control character (``\\x1d``) would otherwise make vl-convert
    abort the process while drawing it.

    Examples
    --------
    >>> _plain({"title": "Sales\\x1d", "data": ["a\\x00b", 3]})
    {'title': 'Sales', 'data': ['ab', 3]}
    """
    return _plain(chart.to_dict(validate=False))


STATUS_COLORS: dict[str, str] = {
    "green": "#009E73",  # Okabe–Ito bluish green
    "amber": "#E69F00",  # Okabe–Ito orange
    "red": "#D55E00",  # Okabe–Ito vermillion
    "no data": "#BBBBBB",
}
_STATUS_SCALE = alt.Scale(domain=list(STATUS_COLORS), range=list(STATUS_COLORS.values()))
_BAND_GREYS = ("#EEEEEE", "#DDDDDD", "#CCCCCC")  # bullet bands: red, amber, green zones
_FONT = "DejaVu Sans, Helvetica, Arial, sans-serif"


@alt.theme.register("krakit", enable=True)
def _theme() -> alt.theme.ThemeConfig:
    """Readable defaults, set once: font, sizes, no chart border, left-aligned titles."""
    return {
        "config": {
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
    }


def enable_offline() -> None:
    """Render charts in JupyterLab and Voilà with no internet connection.

    Switches Altair to its ``jupyter`` renderer (``JupyterChart``, an anywidget) and makes it
    load Vega from the JavaScript bundled in vl-convert instead of a CDN. Call it once per
    notebook (in its first cell); it works in JupyterLab and in Voilà alike.

    Examples
    --------
    >>> from krakit import charts
    >>> charts.enable_offline()  # doctest: +SKIP
    """
    import altair.jupyter
    from altair.jupyter.jupyter_chart import JupyterChart

    # the renderer looks JupyterChart up on the altair module: give it the real widget
    alt.JupyterChart = altair.jupyter.JupyterChart = JupyterChart
    JupyterChart.enable_offline(offline=True)  # bundle Vega from vl-convert, once
    alt.renderers.enable("jupyter", offline=True)


def axis_format(unit: str | None) -> dict[str, Any]:
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


def bullet(result: ScoreResult, *, person: str | None = None) -> alt.LayerChart:
    """One bullet per KPI: achievement against the 100% target, on red/amber/green bands.

    Examples
    --------
    >>> import krakit
    >>> chart = bullet(krakit.score(krakit.load("templates/samples/recruiter.yaml")))
    >>> chart.to_dict()["layer"][1]["mark"]["type"]
    'bar'
    """
    totals = _one_person(result, result.totals, person)
    cap = result.config.cap
    data = pd.DataFrame(
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
    data["label"] = _labels(result, totals)
    y = alt.Y("kpi:N", title=None, sort=None, axis=alt.Axis(labelLimit=260))
    x_scale = alt.Scale(domain=[0, cap])
    base = alt.Chart(data)
    bands = alt.layer(
        base.mark_bar(color=_BAND_GREYS[0], size=22).encode(
            x=alt.X("zero:Q", scale=x_scale, title="Achievement (% of target)"), x2="red_to", y=y
        ),
        base.mark_bar(color=_BAND_GREYS[1], size=22).encode(x="red_to:Q", x2="amber_to", y=y),
        base.mark_bar(color=_BAND_GREYS[2], size=22).encode(x="amber_to:Q", x2="cap", y=y),
    )
    tooltip = [
        alt.Tooltip("kpi:N", title="KPI"),
        alt.Tooltip("kra:N", title="KRA"),
        alt.Tooltip("actual:N", title="Actual"),
        alt.Tooltip("target:N", title="Target"),
        alt.Tooltip("achievement:Q", title="Achievement %"),
        alt.Tooltip("status:N", title="Status"),
    ]
    bar = base.mark_bar(size=9).encode(
        x=alt.X("shown:Q", scale=x_scale),
        y=y,
        color=alt.Color("status:N", scale=_STATUS_SCALE, title="Status"),
        tooltip=tooltip,
    )
    tick = base.mark_tick(color="#000000", thickness=2, size=22).encode(
        x="goal:Q", y=y, tooltip=tooltip
    )
    label = base.mark_text(align="left", dx=4, dy=-12, fontSize=10, color="#333333").encode(
        x=alt.X("shown:Q", scale=x_scale), y=y, text="label:N"
    )
    return alt.layer(bands, bar, tick, label).properties(
        title=alt.Title("KPIs against target", subtitle="bar: achievement; black tick: target"),
        height=alt.Step(30),
    )


def contribution(result: ScoreResult, *, person: str | None = None) -> alt.LayerChart:
    """What each KRA adds to the overall score (points), against what it could add at 100%."""
    kras = _one_person(result, result.kras, person)
    data = pd.DataFrame(
        {
            "kra": kras["title"].astype(str).to_numpy(),
            "share": kras["share"].round(1).to_numpy(),
            "score": kras["score"].round(1).to_numpy(),
            "points": kras["contribution"].round(2).to_numpy(),
            "full": kras["share"].to_numpy(),
        }
    )
    y = alt.Y("kra:N", title=None, sort=None, axis=alt.Axis(labelLimit=240))
    tooltip = [
        alt.Tooltip("kra:N", title="KRA"),
        alt.Tooltip("share:Q", title="Weight %"),
        alt.Tooltip("score:Q", title="KRA score %"),
        alt.Tooltip("points:Q", title="Points"),
    ]
    base = alt.Chart(data)
    full = base.mark_bar(color="#DDDDDD", size=20).encode(
        x=alt.X("full:Q", title="Points of the overall score"), y=y, tooltip=tooltip
    )
    got = base.mark_bar(color="#0072B2", size=10).encode(x="points:Q", y=y, tooltip=tooltip)
    text = base.mark_text(align="left", dx=4, fontSize=11).encode(
        x="points:Q", y=y, text=alt.Text("points:Q", format=".1f")
    )
    score_text = "not scored yet" if result.score is None and not result.team else ""
    if not result.team and result.score is not None:
        score_text = f"overall {result.score:.1f}% — {result.band}"
    return alt.layer(full, got, text).properties(
        title=alt.Title("KRA contribution", subtitle=score_text or "grey: weight; blue: points"),
        height=alt.Step(32),
    )


def trend(
    result: ScoreResult, kpi: str | None = None, *, person: str | None = None
) -> alt.FacetChart | alt.LayerChart:
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
        data = grouped.agg(["mean", "size"]).reset_index()
        data = data.rename(columns={"mean": "value", "size": "people"})
        data["target"] = 100.0
        data["value_text"] = data["value"].map(lambda v: f"{v:.1f}%")
        data["target_text"] = "100%"
        y_title, units = "Mean achievement (%)", {"%"}
    else:
        if result.team:
            rows = rows[rows["person"] == person]
        unit_of = result.totals.drop_duplicates("kpi").set_index("kpi")["unit"]
        unit = unit_of.reindex(rows["kpi"].astype(str)).to_numpy()
        data = pd.DataFrame(
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
    data["period"] = data["period"].astype(str)
    data = data.sort_values(["kpi", "period"])
    axis = axis_format(next(iter(units))) if len(units) == 1 else {}
    tooltip = [
        alt.Tooltip("kpi:N", title="KPI"),
        alt.Tooltip("period:N", title="Period"),
        alt.Tooltip("value_text:N", title="Value"),
        alt.Tooltip("target_text:N", title="Target"),
    ]
    x = alt.X("period:O", title="Period", sort=None)
    base = alt.Chart(data)
    line = base.mark_line(point=True, color="#0072B2").encode(
        x=x, y=alt.Y("value:Q", title=y_title, axis=alt.Axis(**axis)), tooltip=tooltip
    )
    goal = base.mark_line(color="#000000", strokeDash=[5, 4]).encode(
        x=x, y="target:Q", tooltip=tooltip
    )
    goal_tick = base.mark_tick(color="#000000", thickness=2, size=18).encode(
        x=x, y="target:Q", tooltip=tooltip
    )
    layered = alt.layer(line, goal, goal_tick).properties(width=360, height=180)
    title = alt.Title("Trend against target", subtitle="blue: actual; black: target")
    if kpi is not None:
        return layered.properties(title=title)
    return (
        layered.facet(row=alt.Row("kpi:N", title=None))
        .resolve_scale(y="independent")
        .properties(title=title)
    )


def heatmap(
    result: ScoreResult, *, max_people: int = 40, group: pd.Series | None = None
) -> alt.Chart:
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
        data = totals.assign(
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
        frame = totals.assign(row=keys.to_numpy(), kpi=totals["kpi"].astype(str))
        data = (
            frame.groupby(["row", "kpi"], observed=True)
            .agg(achievement=("achievement", "mean"), people=("person", "nunique"))
            .reset_index()
        )
    data["achievement"] = data["achievement"].round(1)
    green = float(result.totals["green"].median()) if len(result.totals) else 100.0
    amber = float(result.totals["amber"].median()) if len(result.totals) else 80.0
    color = alt.Color(
        "achievement:Q",
        title="Achievement %",
        scale=alt.Scale(
            type="threshold",
            domain=[amber, green],
            range=[STATUS_COLORS["red"], STATUS_COLORS["amber"], STATUS_COLORS["green"]],
        ),
    )
    subtitle = f"{n_people:,} people" + (
        f", grouped by {row_title.lower()}" if "people" in data and data["people"].max() > 1 else ""
    )
    return (
        alt.Chart(data)
        .mark_rect(stroke="#FFFFFF")
        .encode(
            x=alt.X("kpi:N", title="KPI", axis=alt.Axis(labelAngle=-30, labelLimit=160)),
            y=alt.Y("row:N", title=row_title),
            color=color,
            tooltip=[
                alt.Tooltip("row:N", title=row_title),
                alt.Tooltip("kpi:N", title="KPI"),
                alt.Tooltip("achievement:Q", title="Achievement %"),
                alt.Tooltip("people:Q", title="People"),
            ],
        )
        .properties(title=alt.Title("Team achievement by KPI", subtitle=subtitle))
    )


def distribution(result: ScoreResult) -> alt.Chart:
    """How many people fall in each rating band (a team result)."""
    bands = result.config.bands
    counts = result.overall["band"].fillna("not scored").value_counts()
    order = [b.name for b in sorted(bands, key=lambda b: b.rating)] + ["not scored"]
    data = pd.DataFrame({"band": order, "people": [int(counts.get(b, 0)) for b in order]})
    data = data[(data["people"] > 0) | (data["band"] != "not scored")]
    data["share"] = (data["people"] / max(int(data["people"].sum()), 1) * 100).round(1)
    return (
        alt.Chart(data)
        .mark_bar(color="#0072B2")
        .encode(
            x=alt.X("band:N", sort=order, title="Rating band", axis=alt.Axis(labelAngle=0)),
            y=alt.Y("people:Q", title="People"),
            tooltip=[
                alt.Tooltip("band:N", title="Band"),
                alt.Tooltip("people:Q", title="People", format=","),
                alt.Tooltip("share:Q", title="Share %"),
            ],
        )
        .properties(title="Rating distribution", width=alt.Step(70))
    )


def targets(scorecard: Scorecard, result: ScoreResult | None = None) -> alt.Chart:
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
    >>> targets(card).to_dict()["title"]["subtitle"]
    'actuals are in, but 1 KPI(s) have no target to score against; hover a bar for the target'
    """
    from krakit.score import score

    if result is None:
        result = score(scorecard)
    weights = score(scorecard, []) if result.team else result
    totals = weights.totals
    kra_share = weights.kras.set_index("kra")["weight"]
    kra_share = result.kras.set_index("kra")["weight"]
    kpis = {k.id: k for k in scorecard.all_kpis()}
    titles = {k.id: k.title for k in scorecard.kras}
    rows = []
    for row in totals.itertuples():
        kpi = kpis[str(row.kpi)]
        if kpi.polarity.value == "in_range":
            goal = f"{format_value(kpi.target_low, kpi.unit)} to {format_value(kpi.target_high, kpi.unit)}"  # noqa: E501
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
    data = pd.DataFrame(rows)
    return (
        alt.Chart(data)
        .mark_bar()
        .encode(
            x=alt.X("weight:Q", title="Share of the overall score (%)"),
            y=alt.Y("kra:N", title=None, sort=None, axis=alt.Axis(labelLimit=240)),
            color=alt.Color("kpi:N", title="KPI", legend=alt.Legend(columns=1, labelLimit=320)),
            order=alt.Order("weight:Q", sort="descending"),
            tooltip=[
                alt.Tooltip("kra:N", title="KRA"),
                alt.Tooltip("kpi:N", title="KPI"),
                alt.Tooltip("weight:Q", title="Share %"),
                alt.Tooltip("target:N", title="Target"),
                alt.Tooltip("baseline:N", title="Baseline"),
                alt.Tooltip("rule:N", title="Scored as"),
            ],
        )
        .properties(
            title=alt.Title(
                f"{scorecard.role.title}: targets and weights",
                subtitle=_targets_subtitle(result),
            ),
            height=alt.Step(34),
        )
    )


def _targets_subtitle(result: ScoreResult) -> str:
    hover = "hover a bar for the target"
    if result.has_actuals:
        return f"targets and weights; {hover}"
    if not result.has_entries:
        return f"no actuals yet; {hover}"
    unset = int((~result.missing["reason"].isin(["no actuals"])).sum())
    return f"actuals are in, but {unset} KPI(s) have no target to score against; {hover}"


def overview(scorecard: Scorecard, result: ScoreResult) -> alt.VConcatChart | alt.Chart:
    """The default chart of a scorecard: bullets and KRA contribution, or targets if no actuals."""
    if not result.has_actuals:
        return targets(scorecard, result)
    return alt.vconcat(bullet(result), contribution(result)).properties(
        title=alt.Title(
            f"{scorecard.role.title}" + (f" — {scorecard.holder}" if scorecard.holder else ""),
            fontSize=17,
        )
    )


def _render(chart: alt.TopLevelMixin, path: Path, scale: float) -> None:
    """PNG or SVG through vl-convert, offline, from the spec as built.

    The spec is not validated against the Vega-Lite schema again here (a fifth of the
    time of ``krakit chart``); the tests validate every chart krakit builds.
    """
    import vl_convert as vlc

    drawn = spec(chart)
    if path.suffix.lower() == ".png":
        path.write_bytes(vlc.vegalite_to_png(drawn, scale=scale))
    else:
        path.write_text(vlc.vegalite_to_svg(drawn), encoding="utf-8")


class _ScriptSafeJSON(json.JSONEncoder):
    """JSON that can sit inside an HTML ``<script>``: ``<``, ``>`` and ``&`` as ``\\u`` escapes.

    A chart's spec carries user text (KPI names, titles); written raw into the ``<script>`` of
    an HTML file, a name holding ``</script><script>…`` would end the script and start its
    own. JavaScript reads the escaped string as the same text.
    """

    def encode(self, o: Any) -> str:
        text = super().encode(o)
        return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def save(chart: alt.TopLevelMixin, path: str | PathLike[str], *, scale: float = 2.0) -> Path:
    """Write a chart as ``.png``, ``.svg`` (vl-convert, offline) or self-contained ``.html``.

    The HTML embeds the spec with ``<``, ``>`` and ``&`` escaped, so user text in it cannot
    close the page's script; tooltips are shown by vega-tooltip, which escapes HTML.

    Raises
    ------
    InputError
        The suffix is none of these, or the file cannot be written.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    try:
        if suffix in (".png", ".svg"):
            _render(chart, path, scale)
        elif suffix in (".html", ".htm"):
            chart.save(path, format="html", inline=True, json_kwds={"cls": _ScriptSafeJSON})
        else:
            raise InputError(
                f"cannot write a chart as {suffix or 'a file without suffix'}; "
                "use .png, .svg or .html",
                path=path,
            )
    except OSError as exc:
        raise InputError(f"cannot write the chart: {exc.strerror}", path=path) from exc
    return path
