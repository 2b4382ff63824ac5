"""Charts of a score as Altair charts, for notebooks. Rendering is the caller's choice.

* :func:`bullet` — each KPI's achievement against its target, on its status bands.
* :func:`contribution` — what each KRA adds to the overall score.
* :func:`trend` — a KPI over periods, with its target line.
* :func:`heatmap` — a team's people × KPI achievement (grouped by band for big teams).
* :func:`distribution` — how many people fall in each rating band.
* :func:`targets` — a scorecard with no actuals yet: KRA and KPI weights with targets.

Each chart is built once, as a plain Vega-Lite spec, by :mod:`krakit.vegalite` (which the CLI,
the HTML report and the wizard use directly, without importing Altair); the functions here wrap
that spec as an Altair chart that composes with ``+``, ``|`` and ``&`` and displays in a
notebook. Its ``to_dict()`` is the same spec.

The ``krakit`` theme is registered and enabled once, on import. Status colours are the
Okabe–Ito colour-blind-safe palette, and every mark has a tooltip. Data are aggregated
before plotting, so a 10,000-person team never meets Altair's MaxRowsError.
:func:`enable_offline` makes charts render in JupyterLab and Voilà with no internet;
:func:`save` writes PNG, SVG (vl-convert) or self-contained HTML.
"""

from __future__ import annotations

import sys
from os import PathLike
from pathlib import Path
from typing import Any

import pandas as pd

from krakit import vegalite
from krakit.model import Scorecard
from krakit.score import ScoreResult
from krakit.vegalite import STATUS_COLORS, axis_format

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
    "chart",
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

_CONCATS = (("vconcat", "VConcatChart"), ("hconcat", "HConcatChart"))


def chart(drawn: dict[str, Any]) -> Any:
    """The Altair chart of a :mod:`krakit.vegalite` spec; its ``to_dict()`` gives the spec back.

    The theme comes from Altair's registry (it is the ``config``), and the chart's own data
    sit inline, so it composes with others (``|``, ``&``, ``+``) as any Altair chart.

    Examples
    --------
    >>> import krakit
    >>> drawn = vegalite.contribution(krakit.score(krakit.load("templates/samples/recruiter.yaml")))
    >>> type(chart(drawn)).__name__, chart(drawn).to_dict() == drawn
    ('LayerChart', True)
    """
    body = {k: v for k, v in drawn.items() if k not in ("$schema", "config")}
    datasets = body.pop("datasets", {})
    if isinstance(body.get("data"), dict) and body["data"].get("name") in datasets:
        body["data"] = {"values": datasets[body["data"]["name"]]}
    for key, kind in _CONCATS:  # each part a chart of its own, its data inline
        if key in body:
            parts = [chart({"datasets": datasets, **part}) for part in body.pop(key)]
            return getattr(alt, kind)(**{key: parts}, **body)
    kind = "FacetChart" if "facet" in body else "LayerChart" if "layer" in body else "Chart"
    return getattr(alt, kind).from_dict(body, validate=False)


def spec(drawn: Any) -> dict[str, Any]:
    """The chart's Vega-Lite spec for vl-convert: not validated again, no control characters.

    ``drawn`` is an Altair chart or a :mod:`krakit.vegalite` spec. A KPI named with a pasted
    control character (``\\x1d``) would otherwise make vl-convert abort the process while
    drawing it.
    """
    if isinstance(drawn, dict):
        return vegalite.plain(drawn)
    return vegalite.plain(drawn.to_dict(validate=False))


@alt.theme.register("krakit", enable=True)
def _theme() -> alt.theme.ThemeConfig:
    """Readable defaults, set once: font, sizes, no chart border, left-aligned titles."""
    return {"config": vegalite.THEME}  # type: ignore[typeddict-item]


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


def bullet(result: ScoreResult, *, person: str | None = None) -> alt.LayerChart:
    """One bullet per KPI: achievement against the 100% target, on red/amber/green bands.

    Examples
    --------
    >>> import krakit
    >>> chart = bullet(krakit.score(krakit.load("templates/samples/recruiter.yaml")))
    >>> chart.to_dict()["layer"][1]["mark"]["type"]
    'bar'
    """
    return chart(vegalite.bullet(result, person=person))


def contribution(result: ScoreResult, *, person: str | None = None) -> alt.LayerChart:
    """What each KRA adds to the overall score (points), against what it could add at 100%."""
    return chart(vegalite.contribution(result, person=person))


def trend(
    result: ScoreResult, kpi: str | None = None, *, person: str | None = None
) -> alt.FacetChart | alt.LayerChart:
    """Actuals over periods with the target line; one panel per KPI unless ``kpi`` is given.

    A team result without ``person`` shows the team's mean achievement per period instead.
    """
    return chart(vegalite.trend(result, kpi, person=person))


def heatmap(
    result: ScoreResult, *, max_people: int = 40, group: pd.Series | None = None
) -> alt.Chart:
    """People × KPI achievement for a team; big teams are grouped before plotting.

    The parameters are :func:`krakit.vegalite.heatmap`'s.
    """
    return chart(vegalite.heatmap(result, max_people=max_people, group=group))


def distribution(result: ScoreResult) -> alt.Chart:
    """How many people fall in each rating band (a team result)."""
    return chart(vegalite.distribution(result))


def targets(scorecard: Scorecard, result: ScoreResult | None = None) -> alt.Chart:
    """Each KPI's share of the score, with its target: the chart before anything scores.

    The subtitle says why nothing scores yet (see :func:`krakit.vegalite.targets`).

    Examples
    --------
    >>> import krakit
    >>> card = krakit.load("templates/samples/recruiter.yaml")
    >>> targets(card).to_dict()["mark"]["type"]
    'bar'
    """
    return chart(vegalite.targets(scorecard, result))


def overview(scorecard: Scorecard, result: ScoreResult) -> alt.VConcatChart | alt.Chart:
    """The default chart of a scorecard: bullets and KRA contribution, or targets if no actuals."""
    return chart(vegalite.overview(scorecard, result))


def save(drawn: Any, path: str | PathLike[str], *, scale: float = 2.0) -> Path:
    """Write a chart as ``.png``, ``.svg`` (vl-convert, offline) or self-contained ``.html``.

    ``drawn`` is an Altair chart or a :mod:`krakit.vegalite` spec (see :func:`krakit.vegalite.save`:
    the HTML keeps user text inside its script's JSON).

    Raises
    ------
    InputError
        The suffix is none of these, or the file cannot be written.
    """
    return vegalite.save(spec(drawn), path, scale=scale)
