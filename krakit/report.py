"""Write a scorecard report: HTML (printable, offline), Excel or CSV, from ``templates/reports``.

The layout lives in templates an HR team can restyle without touching Python:
``report.html.j2`` (Jinja2, autoescaped: every user-written string is HTML-escaped) and
``workbook.yaml`` (sheets, columns, widths, formats, colours). Every user-written text that
goes into a spreadsheet (Excel or CSV) passes through :func:`krakit.sheets.neutralise`.

A scorecard without actuals still reports: a one-page agreement of KRAs, KPIs, targets and
weights with signature lines for the manager and the employee.

:func:`report` scores the card and hands it to the writer its file's suffix names:

* :mod:`krakit.report_tables` — the rows every format shows (:func:`tables`).
* :mod:`krakit.report_html` — the HTML page and its charts.
* :mod:`krakit.report_sheets` — the CSV and the Excel workbook.
* :mod:`krakit.report_slabs` — a slab KPI's slab table and where its actual fell.
"""

from __future__ import annotations

from collections.abc import Sequence
from os import PathLike
from pathlib import Path

import pandas as pd

from krakit.errors import InputError
from krakit.model import Actual, Scorecard, ScoringConfig
from krakit.report_tables import tables
from krakit.score import ScoreResult, score

__all__ = ["TEMPLATE_DIR", "report", "tables"]

TEMPLATE_DIR = Path(__file__).resolve().parents[1] / "templates" / "reports"
"""Where ``report.html.j2`` and ``workbook.yaml`` live (pass ``templates=`` to use others)."""


def report(
    scorecard: Scorecard,
    actuals: pd.DataFrame | Sequence[Actual] | str | PathLike[str] | None = None,
    path: str | PathLike[str] = "report.html",
    *,
    manager_rating: float | None = None,
    config: ScoringConfig | None = None,
    templates: str | PathLike[str] | None = None,
    charts: bool = True,
) -> Path:
    """Write the scorecard's report as ``.html``, ``.xlsx`` or ``.csv`` (from the suffix).

    Parameters
    ----------
    scorecard
        The scorecard.
    actuals
        As for :func:`krakit.score`; None uses the scorecard's own actuals. With none at all
        the report is the agreement: KRAs, KPIs, targets, weights and signature lines.
    path
        Where to write; the format follows the suffix.
    manager_rating, config
        As for :func:`krakit.score`.
    templates
        A folder with your own ``report.html.j2`` / ``workbook.yaml``.
    charts
        Embed charts (as inline SVG) in the HTML report.

    Returns
    -------
    pathlib.Path
        The file written.

    Raises
    ------
    InputError
        Unknown suffix, or the file cannot be written.
    ConfigError
        A template is missing or broken.

    Examples
    --------
    >>> import krakit, tempfile, pathlib
    >>> sc = krakit.load("templates/samples/recruiter.yaml")
    >>> out = report(sc, path=pathlib.Path(tempfile.mkdtemp()) / "r.csv")
    >>> out.read_text(encoding="utf-8-sig").splitlines()[0].split(",")[:3]
    ['kra', 'kpi', 'metric']
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".html", ".htm", ".xlsx", ".csv"):
        raise InputError(
            f"cannot write a report as {suffix or 'a file without suffix'}; "
            "use .html, .xlsx or .csv",
            path=path,
        )
    result = score(scorecard, actuals, manager_rating=manager_rating, config=config)
    if actuals is not None:
        scorecard = _with_actuals(scorecard, result)
    folder = Path(templates) if templates else TEMPLATE_DIR
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if suffix in (".csv", ".xlsx"):  # the page's modules stay unloaded, and vice versa
            from krakit.report_sheets import write_csv, write_xlsx

            if suffix == ".csv":
                write_csv(scorecard, result, path)
            else:
                write_xlsx(scorecard, result, path, folder)
        else:
            from krakit.report_html import render_html

            html = render_html(scorecard, actuals, result, folder, charts, manager_rating)
            path.write_text(html, encoding="utf-8")
    except OSError as exc:
        raise InputError(f"cannot write the report: {exc.strerror or exc}", path=path) from exc
    return path


def _with_actuals(scorecard: Scorecard, result: ScoreResult) -> Scorecard:
    """A copy of the scorecard whose ``actuals`` are the ones scored (for the Actuals sheet)."""
    rows = result.kpis
    copy = scorecard.model_copy(deep=True)
    copy.actuals = [
        Actual(kpi=str(k), period=str(p), value=float(v))
        for k, p, v in zip(rows["kpi"], rows["period"], rows["actual"], strict=True)
        if not pd.isna(v)
    ]
    return copy
