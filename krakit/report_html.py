"""The report as one printable, offline HTML page, from ``report.html.j2``.

The page is a Jinja2 template an HR team can restyle without touching Python. It is rendered
with autoescaping on (every user-written string is HTML-escaped, whatever the file's name)
and strict undefined names; its charts are SVG drawn by vl-convert from
:mod:`krakit.vegalite`'s specs and embedded as ``data:`` URIs, so the page runs no script and
needs no network.
"""

from __future__ import annotations

import base64
import datetime as dt
from pathlib import Path
from typing import Any

import pandas as pd

from krakit.errors import ConfigError
from krakit.model import KPI, Scorecard
from krakit.report_slabs import percent_of_target, scored_slabs, slab_lines, slab_standing
from krakit.report_tables import (
    POLARITY_TEXT,
    goals_served,
    no_actuals,
    pct,
    weight,
    why_not_scored,
)
from krakit.score import ScoreResult, explain
from krakit.units import format_value

__all__ = ["chart_images", "environment", "render_html"]


def environment(folder: Path) -> Any:
    """The Jinja2 environment reports are rendered in: templates from ``folder``, autoescaped.

    Examples
    --------
    >>> environment(Path(".")).from_string("{{ x }}").render(x="<b>")
    '&lt;b&gt;'
    """
    import jinja2

    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(folder)),
        autoescape=True,  # every {{ value }} is HTML-escaped, whatever the file name
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def _kpi_row(kpi: KPI, t: pd.Series, why: dict[str, str]) -> dict[str, Any]:
    """One KPI of the page: its goal, how it is read, its actual and status, in words."""
    from krakit.scoring.targets import TARGET_TYPES

    if kpi.polarity.value == "in_range":
        goal = (
            f"{format_value(kpi.target_low, kpi.unit)} – {format_value(kpi.target_high, kpi.unit)}"
        )
    else:
        goal = format_value(kpi.target, kpi.unit)
    how = ", ".join(
        x
        for x in (
            kpi.frequency.value if kpi.frequency else "",
            POLARITY_TEXT[kpi.polarity.value] + " is better"
            if kpi.polarity.value != "in_range"
            else "stay in range",
        )
        if x
    )
    percent = (
        percent_of_target(kpi, t["actual"], t["target"])
        if scored_slabs(kpi) and t["periods"] > 0
        else None
    )
    status = "no data" if pd.isna(t["status"]) else str(t["status"])
    if kpi.id in why and t["periods"] > 0:
        status = "not scored"
    return {
        "name": kpi.metric or kpi.id,
        "statement": kpi.statement,
        "weight": weight(t["agreed_weight"]),
        "baseline": format_value(kpi.baseline, kpi.unit),
        "target": goal,
        "how": how,
        "kind": TARGET_TYPES[kpi.target_type].label,
        "slabs": slab_lines(kpi, percent),
        "standing": slab_standing(kpi, percent),
        "data_source": kpi.data_source or "",
        "owner": kpi.owner or "",
        "actual": format_value(t["actual"], kpi.unit),
        "achievement": pct(t["achievement"]),
        "status": status,
        "status_class": status if status in ("green", "amber", "red") else "none",
        "why": why.get(kpi.id, "") if t["periods"] > 0 else "",
    }


def render_html(
    scorecard: Scorecard,
    actuals: Any,
    result: ScoreResult,
    folder: Path,
    with_charts: bool,
    manager_rating: float | None,
) -> str:
    """The page's HTML: ``folder/report.html.j2`` filled with the score and its charts.

    Raises
    ------
    ConfigError
        The template is missing or broken.
    """
    import jinja2

    from krakit import __version__

    draft = not result.has_entries  # a KPI with actuals but no target still shows its actual
    totals = result.totals.set_index("kpi")
    why = why_not_scored(result)
    kras_scored = result.kras.set_index("kra")
    kras = []
    for kra in scorecard.kras:
        k = kras_scored.loc[kra.id] if kra.id in kras_scored.index else None
        kras.append(
            {
                "title": kra.title,
                "description": kra.description,
                "weight": weight(None if k is None else k["weight"]),
                "score": "—" if k is None else pct(k["score"]),
                "points": "—" if k is None or pd.isna(k["score"]) else f"{k['contribution']:.1f}",
                "kpis": [_kpi_row(kpi, totals.loc[kpi.id], why) for kpi in kra.kpis],
            }
        )
    overall = result.overall.iloc[0]
    summary = {
        "score": pct(overall["score"]),
        "band": "—" if pd.isna(overall["band"]) else str(overall["band"]),
        "rating": "" if pd.isna(overall["rating"]) else f"rating {overall['rating']}",
        "kpi_score": pct(overall["kpi_score"]),
        "manager_rating": pct(overall["manager_rating"]),
        "coverage": pct(overall["coverage"]),
    }
    context = {
        "version": __version__,
        "role": scorecard.role,
        "holder": scorecard.holder,
        "period": scorecard.period,
        "generated": dt.date.today().isoformat(),
        "draft": draft,
        "summary": summary,
        "notes": result.notes,
        "kras": kras,
        "unassigned": [k.metric or k.id for k in scorecard.unassigned_kpis],
        "missing": [] if draft else no_actuals(scorecard, result),
        "charts": chart_images(scorecard, result) if with_charts else [],
        "goals_served": goals_served(scorecard).to_dict("records"),
        "explanation": ""
        if draft
        else str(
            explain(
                scorecard,
                actuals,
                manager_rating=manager_rating,
                config=result.config,
                scored=result,
            )
        ),
    }
    try:
        template = environment(folder).get_template("report.html.j2")
        return template.render(**context)
    except jinja2.TemplateNotFound as exc:
        raise ConfigError(
            "the HTML report template is missing", path=folder / "report.html.j2"
        ) from exc
    except jinja2.TemplateError as exc:
        raise ConfigError(
            f"the HTML report template is broken: {exc}", path=folder / "report.html.j2"
        ) from exc


def chart_images(scorecard: Scorecard, result: ScoreResult) -> list[dict[str, str]]:
    """Charts as SVG data URIs: offline, print sharply, and never run scripts."""
    from krakit import vegalite

    if result.has_actuals:
        shown = [
            ("KPIs against target", vegalite.bullet(result)),
            ("KRA contribution", vegalite.contribution(result)),
        ]
    else:
        shown = [("Targets and weights", vegalite.targets(scorecard, result))]
    images = []
    for title, spec in shown:
        svg = vegalite.svg(spec)  # tests validate the specs
        uri = "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode()
        images.append({"title": title, "uri": uri})
    return images
