"""The alignment report of a team or workspace: HTML (printable, offline) or Excel.

HTML comes from ``templates/reports/alignment.html.j2`` (Jinja2, autoescaped), with the
alignment chart as an inline SVG image. Excel has one sheet per table (goals, who serves
what, gaps, findings); every text cell passes through the report's cell writer, which
neutralises formulas (:func:`krakit.sheets.xlsx_text`).
"""

from __future__ import annotations

import base64
import math
from os import PathLike
from pathlib import Path
from typing import Any

import pandas as pd

from krakit.errors import InputError
from krakit.goals.alignment import Alignment

__all__ = ["alignment_report"]

_SHEETS = (
    ("Goals", "goals", ["goal", "title", "owner", "unit_name", "parent", "kras", "cards", "kpis",
                        "direct", "coverage", "served", "measured", "score"]),
    ("Who serves what", "links", ["goal", "file", "holder", "role", "unit", "kra_title", "weight",
                                  "kpis", "score"]),
    ("KRAs serving no goal", "orphans", ["file", "holder", "role", "kra_title", "goals",
                                         "weight"]),
)  # fmt: skip


def alignment_report(
    result: Alignment,
    path: str | PathLike[str] = "alignment.html",
    *,
    chart: bool = True,
    templates: str | PathLike[str] | None = None,
) -> Path:
    """Write the alignment as ``.html`` or ``.xlsx`` (from the suffix).

    Parameters
    ----------
    result
        What :func:`krakit.alignment` returned.
    path
        Where to write.
    chart
        Embed the alignment chart (HTML; drawn offline by vl-convert).
    templates
        A folder holding your own ``alignment.html.j2``.

    Raises
    ------
    InputError
        Unknown suffix, or the file cannot be written.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from krakit.goals import alignment
    >>> from krakit.goals.sample import sample_cards, sample_tree
    >>> result = alignment(sample_cards(actuals=False), sample_tree())
    >>> out = alignment_report(result, pathlib.Path(tempfile.mkdtemp()) / "a.html", chart=False)
    >>> "served by no KRA" in out.read_text(encoding="utf-8")
    True
    """
    from krakit.rules.alignment_check import check_alignment

    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".html", ".htm", ".xlsx"):
        raise InputError(
            f"cannot write an alignment report as {suffix or 'a file without suffix'}; "
            "use .html or .xlsx",
            path=path,
        )
    findings = check_alignment(result)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if suffix == ".xlsx":
            _write_xlsx(result, findings, path)
        else:
            path.write_text(_html(result, findings, chart, templates), encoding="utf-8")
    except OSError as exc:
        raise InputError(f"cannot write the report: {exc.strerror or exc}", path=path) from exc
    return path


def _html(result: Alignment, findings: list[Any], chart: bool, templates: Any) -> str:
    from krakit import __version__, vegalite
    from krakit.goals.charts import alignment_chart
    from krakit.report import TEMPLATE_DIR
    from krakit.report_html import environment as _environment

    folder = Path(templates) if templates else TEMPLATE_DIR
    uri = None
    if chart and len(result.goals):
        svg = vegalite.svg(alignment_chart(result))
        uri = "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode()
    goals = [
        {
            **row,
            "depth": int(row["depth"]),
            "coverage_text": f"{row['coverage']:.1f}%" if row["served"] else "served by no KRA",
            "score_text": "" if _blank(row["score"]) else f"{row['score']:.1f}",
        }
        for row in result.goals.to_dict("records")
    ]
    return str(
        _environment(folder)
        .get_template("alignment.html.j2")
        .render(
            version=__version__,
            organisation=result.tree.organisation,
            period=result.tree.period,
            scorecards=result.cards,
            goals=goals,
            gaps=result.gaps(),
            findings=findings,
            chart=uri,
        )
    )


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def _write_xlsx(result: Alignment, findings: list[Any], path: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    from krakit.report_sheets import cell as _cell

    book = Workbook()
    book.remove(book.active)
    frames: dict[str, pd.DataFrame] = {
        "goals": result.goals,
        "links": result.links,
        "orphans": result.orphans,
    }
    for name, key, columns in _SHEETS:
        _sheet(book.create_sheet(name), frames[key][columns], _cell, Font)
    gaps = pd.DataFrame({"gap": result.gaps()})
    _sheet(book.create_sheet("Gaps"), gaps, _cell, Font)
    columns = ["file", "where", "code", "severity", "message"]
    rows = pd.DataFrame([{k: f.as_dict()[k] for k in columns} for f in findings], columns=columns)
    _sheet(book.create_sheet("Findings"), rows, _cell, Font)
    book.save(path)


def _sheet(ws: Any, frame: pd.DataFrame, cell: Any, font: Any) -> None:
    for j, column in enumerate(frame.columns, start=1):
        ws.cell(1, j, cell(str(column))).font = font(bold=True)
    for i, record in enumerate(frame.itertuples(index=False), start=2):
        for j, value in enumerate(record, start=1):
            ws.cell(i, j, cell(value))
    ws.freeze_panes = ws.cell(2, 1)
