"""Write a scorecard report: HTML (printable, offline), Excel or CSV, from ``templates/reports``.

The layout lives in templates an HR team can restyle without touching Python:
``report.html.j2`` (Jinja2, autoescaped: every user-written string is HTML-escaped) and
``workbook.yaml`` (sheets, columns, widths, formats, colours). Every user-written text that
goes into a spreadsheet (Excel or CSV) passes through :func:`krakit.sheets.neutralise`.

A scorecard without actuals still reports: a one-page agreement of KRAs, KPIs, targets and
weights with signature lines for the manager and the employee.
"""

from __future__ import annotations

import base64
import csv
import datetime as dt
from collections.abc import Mapping, Sequence
from os import PathLike
from pathlib import Path
from typing import Any

import pandas as pd
import yaml

from krakit.errors import ConfigError, InputError
from krakit.model import Actual, Scorecard, ScoringConfig
from krakit.report_slabs import (
    percent_of_target,
    scored_slabs,
    slab_lines,
    slab_standing,
    slab_table,
)
from krakit.score import ScoreResult, aggregation_of, explain, score
from krakit.sheets import neutralise, xlsx_text
from krakit.text.slabs import format_slabs
from krakit.units import format_value

__all__ = ["TEMPLATE_DIR", "report", "tables"]

TEMPLATE_DIR = Path(__file__).resolve().parents[1] / "templates" / "reports"
"""Where ``report.html.j2`` and ``workbook.yaml`` live (pass ``templates=`` to use others)."""

_POLARITY_TEXT = {
    "higher_is_better": "higher",
    "lower_is_better": "lower",
    "in_range": "in range",
}


def _pct(value: Any) -> str:
    return "—" if value is None or pd.isna(value) else f"{float(value):.1f}%"


def _weight(value: Any) -> str:
    return "—" if value is None or pd.isna(value) else f"{float(value):.4g}%"


def tables(scorecard: Scorecard, result: ScoreResult) -> dict[str, pd.DataFrame]:
    """The report's tables: summary, agreement, kras, totals, periods, slabs, actuals, goals.

    These are what ``workbook.yaml`` columns (``field``) and the CSV export refer to.
    """
    kpi_rows = []
    titles = {kra.id: kra.title for kra in scorecard.kras}
    agreed = result.totals.set_index("kpi")["agreed_weight"]
    kra_weight = result.kras.set_index("kra")["weight"]
    for kra_id, kpi in [(kra.id, k) for kra in scorecard.kras for k in kra.kpis] + [
        (None, k) for k in scorecard.unassigned_kpis
    ]:
        kpi_rows.append(
            {
                "kra": titles.get(kra_id, "(no KRA)") if kra_id else "(no KRA)",
                "kra_weight": float(kra_weight.get(kra_id, float("nan"))) if kra_id else None,
                "kpi": kpi.metric or kpi.id,
                "kpi_id": kpi.id,
                "statement": kpi.statement,
                "kpi_weight": float(agreed.get(kpi.id, float("nan"))),
                "unit": kpi.unit,
                "polarity": _POLARITY_TEXT[kpi.polarity.value],
                "target_type": kpi.target_type.value,
                "slabs": format_slabs(scored_slabs(kpi)) or None,
                "aggregation": aggregation_of(kpi).value,
                "baseline": kpi.baseline,
                "target": kpi.target,
                "target_low": kpi.target_low,
                "target_high": kpi.target_high,
                "frequency": kpi.frequency.value if kpi.frequency else None,
                "deadline": str(kpi.deadline) if kpi.deadline else None,
                "data_source": kpi.data_source,
                "owner": kpi.owner,
            }
        )
    overall = result.overall.iloc[0]
    summary = [
        ("Role", scorecard.role.title),
        ("Holder", scorecard.holder or ""),
        ("Period", scorecard.period or ""),
        ("Overall score", _pct(overall["score"])),
        ("Rating band", "" if pd.isna(overall["band"]) else str(overall["band"])),
        ("KPI score", _pct(overall["kpi_score"])),
        ("Manager rating", _pct(overall["manager_rating"])),
        ("Weight scored", _pct(overall["coverage"])),
        *(("Note", note) for note in result.notes),
    ]
    totals = result.totals.copy()
    totals["kra"] = totals["kra"].astype(object).map(lambda k: titles.get(k, "(no KRA)"))
    why = _why_not_scored(result)
    totals["not_scored"] = [why.get(str(k), "") for k in totals["kpi"]]
    slabs = slab_table(scorecard, result.totals)
    standing = dict(zip(slabs["kpi_id"], slabs["standing"], strict=True))
    totals["slab"] = [standing.get(str(k), "") for k in totals["kpi"]]
    names = {kpi.id: kpi.metric or kpi.id for kpi in scorecard.all_kpis()}
    periods = result.kpis.copy()
    periods["kra"] = periods["kra"].astype(object).map(lambda k: titles.get(k, "(no KRA)"))
    periods["kpi"] = periods["kpi"].astype(object).map(lambda k: names.get(k, k))
    return {
        "summary": pd.DataFrame(summary, columns=["item", "value"]),
        "agreement": pd.DataFrame(kpi_rows),
        "kras": result.kras,
        "totals": totals,
        "periods": periods,
        "slabs": slabs,
        "actuals": pd.DataFrame(
            [a.model_dump() for a in scorecard.actuals], columns=["kpi", "period", "value", "note"]
        ),
        "goals": _goals_served(scorecard),
    }


def _goals_served(scorecard: Scorecard) -> pd.DataFrame:
    """The goals the card's KRAs serve: its own, or the goals.yaml tree beside its file."""
    from krakit.goals.choices import served_table
    from krakit.goals.store import card_tree

    return served_table(scorecard, card_tree(scorecard))


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
        if suffix == ".csv":
            _write_csv(scorecard, result, path)
        elif suffix == ".xlsx":
            _write_xlsx(scorecard, result, path, folder)
        else:
            html = _render_html(scorecard, actuals, result, folder, charts, manager_rating)
            path.write_text(html, encoding="utf-8")
    except OSError as exc:
        raise InputError(f"cannot write the report: {exc.strerror or exc}", path=path) from exc
    return path


def _why_not_scored(result: ScoreResult) -> dict[str, str]:
    """KPI id → why it did not score and how to fix it ("no target: add one in step 2")."""
    missing = result.missing
    return {
        str(k): f"{r}: {f}"
        for k, r, f in zip(missing["kpi"], missing["reason"], missing["fix"], strict=True)
    }


def _no_actuals(scorecard: Scorecard, result: ScoreResult) -> list[str]:
    """The names of the KPIs with no actuals (left out, the other weights renormalised)."""
    names = {kpi.id: kpi.metric or kpi.statement or kpi.id for kpi in scorecard.all_kpis()}
    quiet = result.totals.set_index("kpi")["periods"]
    return [names.get(str(k), str(k)) for k in result.missing["kpi"] if quiet.get(k, 0) == 0]


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


# --------------------------------------------------------------------------- CSV


def _write_csv(scorecard: Scorecard, result: ScoreResult, path: Path) -> None:
    """The KPI scores (or, with no actuals, the agreement) with formulas neutralised."""
    tabs = tables(scorecard, result)
    frame = tabs["totals"] if result.has_entries else tabs["agreement"]
    frame = frame.astype(object).where(frame.notna(), None)
    with path.open("w", newline="", encoding="utf-8-sig") as handle:
        writer = csv.writer(handle)
        writer.writerow(list(frame.columns))
        for row in frame.itertuples(index=False):
            writer.writerow(["" if v is None else neutralise(v) for v in row])


# --------------------------------------------------------------------------- Excel


def _layout(folder: Path) -> dict[str, Any]:
    file = folder / "workbook.yaml"
    try:
        layout = yaml.safe_load(file.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ConfigError("the Excel layout template is missing", path=file) from exc
    except yaml.YAMLError as exc:
        raise ConfigError(f"the Excel layout is not valid YAML: {exc}", path=file) from exc
    if not isinstance(layout, Mapping) or not isinstance(layout.get("sheets"), list):
        raise ConfigError("the Excel layout needs a 'sheets' list", path=file, field="sheets")
    return dict(layout)


def _write_xlsx(scorecard: Scorecard, result: ScoreResult, path: Path, folder: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    layout = _layout(folder)
    style = layout.get("style") or {}
    tabs = tables(scorecard, result)
    book = Workbook()
    book.remove(book.active)
    font = style.get("font", "Calibri")
    head_fill = PatternFill("solid", fgColor=str(style.get("header_fill", "1F4E79")))
    head_font = Font(name=font, bold=True, color=str(style.get("header_font_color", "FFFFFF")))
    status_fill = {
        k: PatternFill("solid", fgColor=str(v)) for k, v in (style.get("status_fill") or {}).items()
    }
    for i, sheet in enumerate(layout["sheets"]):
        where = f"sheets[{i}]"
        if not isinstance(sheet, Mapping) or "table" not in sheet or "columns" not in sheet:
            raise ConfigError(
                "each sheet needs 'table' and 'columns'", path=folder / "workbook.yaml", field=where
            )
        table = tabs.get(str(sheet["table"]))
        if table is None:
            raise ConfigError(
                f"unknown table '{sheet['table']}'; use one of {', '.join(tabs)}",
                path=folder / "workbook.yaml",
                field=f"{where}.table",
            )
        if table.empty and (
            sheet["table"] in ("slabs", "goals")  # no KPI scored by slabs; no goal served
            or (
                sheet["table"] in ("periods", "actuals", "kras", "totals")
                and not result.has_actuals
            )
        ):
            continue
        ws = book.create_sheet(str(sheet.get("name", sheet["table"]))[:31])
        title = str(sheet.get("title", "")).replace("{role}", scorecard.role.title)
        row0 = 1
        if title:
            ws.cell(1, 1, _cell(title)).font = Font(
                name=font, bold=True, size=int(style.get("title_size", 14))
            )
            row0 = 3
        columns = [c for c in sheet["columns"] if isinstance(c, Mapping) and "field" in c]
        for j, col in enumerate(columns, start=1):
            cell = ws.cell(row0, j, _cell(str(col.get("header", col["field"]))))
            cell.fill, cell.font = head_fill, head_font
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            ws.column_dimensions[get_column_letter(j)].width = float(col.get("width", 14))
        status_col = sheet.get("status_column")
        for r, record in enumerate(table.to_dict("records"), start=row0 + 1):
            for j, col in enumerate(columns, start=1):
                value = _cell(record.get(col["field"]))
                cell = ws.cell(r, j, value)
                if isinstance(value, int | float) and col.get("format"):
                    cell.number_format = str(col["format"])
            status = record.get(status_col) if status_col else None
            if isinstance(status, str) and status in status_fill:
                for j, col in enumerate(columns, start=1):
                    if col["field"] == status_col:
                        ws.cell(r, j).fill = status_fill[status]
        ws.freeze_panes = ws.cell(row0 + 1, 1)
    if not book.sheetnames:
        book.create_sheet("Summary")
    book.save(path)


def _cell(value: Any) -> Any:
    """A value ready for a cell: NaN as empty, numbers as numbers, text neutralised.

    Control characters a worksheet cannot hold are dropped first, so a pasted ``\\x01=cmd``
    is neutralised as ``=cmd`` instead of failing the whole export.
    """
    if value is None:
        return None
    if isinstance(value, float) and pd.isna(value):
        return None
    if value is pd.NA:
        return None
    if isinstance(value, bool | int | float):
        return value
    if hasattr(value, "item") and not isinstance(value, str):
        try:
            return _cell(value.item())
        except (ValueError, AttributeError):
            pass
    return xlsx_text(str(value))


# --------------------------------------------------------------------------- HTML


def _environment(folder: Path) -> Any:
    import jinja2

    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(folder)),
        autoescape=True,  # every {{ value }} is HTML-escaped, whatever the file name
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def _render_html(
    scorecard: Scorecard,
    actuals: Any,
    result: ScoreResult,
    folder: Path,
    with_charts: bool,
    manager_rating: float | None,
) -> str:
    import jinja2

    from krakit import __version__
    from krakit.scoring.targets import TARGET_TYPES

    draft = not result.has_entries  # a KPI with actuals but no target still shows its actual
    totals = result.totals.set_index("kpi")
    why = _why_not_scored(result)
    kras_scored = result.kras.set_index("kra")
    kras = []
    for kra in scorecard.kras:
        k = kras_scored.loc[kra.id] if kra.id in kras_scored.index else None
        kpis = []
        for kpi in kra.kpis:
            t = totals.loc[kpi.id]
            if kpi.polarity.value == "in_range":
                goal = (
                    f"{format_value(kpi.target_low, kpi.unit)} – "
                    f"{format_value(kpi.target_high, kpi.unit)}"
                )
            else:
                goal = format_value(kpi.target, kpi.unit)
            how = ", ".join(
                x
                for x in (
                    kpi.frequency.value if kpi.frequency else "",
                    _POLARITY_TEXT[kpi.polarity.value] + " is better"
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
            kpis.append(
                {
                    "name": kpi.metric or kpi.id,
                    "statement": kpi.statement,
                    "weight": _weight(t["agreed_weight"]),
                    "baseline": format_value(kpi.baseline, kpi.unit),
                    "target": goal,
                    "how": how,
                    "kind": TARGET_TYPES[kpi.target_type].label,
                    "slabs": slab_lines(kpi, percent),
                    "standing": slab_standing(kpi, percent),
                    "data_source": kpi.data_source or "",
                    "owner": kpi.owner or "",
                    "actual": format_value(t["actual"], kpi.unit),
                    "achievement": _pct(t["achievement"]),
                    "status": status,
                    "status_class": status if status in ("green", "amber", "red") else "none",
                    "why": why.get(kpi.id, "") if t["periods"] > 0 else "",
                }
            )
        kras.append(
            {
                "title": kra.title,
                "description": kra.description,
                "weight": _weight(None if k is None else k["weight"]),
                "score": "—" if k is None else _pct(k["score"]),
                "points": "—" if k is None or pd.isna(k["score"]) else f"{k['contribution']:.1f}",
                "kpis": kpis,
            }
        )
    overall = result.overall.iloc[0]
    summary = {
        "score": _pct(overall["score"]),
        "band": "—" if pd.isna(overall["band"]) else str(overall["band"]),
        "rating": "" if pd.isna(overall["rating"]) else f"rating {overall['rating']}",
        "kpi_score": _pct(overall["kpi_score"]),
        "manager_rating": _pct(overall["manager_rating"]),
        "coverage": _pct(overall["coverage"]),
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
        "missing": [] if draft else _no_actuals(scorecard, result),
        "charts": _chart_images(scorecard, result) if with_charts else [],
        "goals_served": _goals_served(scorecard).to_dict("records"),
        "explanation": ""
        if draft
        else str(explain(scorecard, actuals, manager_rating=manager_rating, config=result.config)),
    }
    try:
        template = _environment(folder).get_template("report.html.j2")
        return template.render(**context)
    except jinja2.TemplateNotFound as exc:
        raise ConfigError(
            "the HTML report template is missing", path=folder / "report.html.j2"
        ) from exc
    except jinja2.TemplateError as exc:
        raise ConfigError(
            f"the HTML report template is broken: {exc}", path=folder / "report.html.j2"
        ) from exc


def _chart_images(scorecard: Scorecard, result: ScoreResult) -> list[dict[str, str]]:
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
