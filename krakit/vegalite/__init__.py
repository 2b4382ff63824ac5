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

The modules: ``spec`` (theme, encodings, data, the finish every chart shares), ``person``
(bullet, contribution, trend), ``team`` (heatmap, distribution), ``card`` (targets,
overview) and ``draw`` (SVG, PNG and HTML files).
"""

from __future__ import annotations

from krakit.vegalite.card import overview, targets
from krakit.vegalite.draw import _ScriptSafeJSON as _ScriptSafeJSON  # the security tests' encoder
from krakit.vegalite.draw import save, svg
from krakit.vegalite.person import bullet, contribution, trend
from krakit.vegalite.spec import SCHEMA_URL, STATUS_COLORS, THEME, Spec, axis_format, plain
from krakit.vegalite.team import distribution, heatmap

__all__ = [
    "SCHEMA_URL",
    "STATUS_COLORS",
    "THEME",
    "Spec",
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
