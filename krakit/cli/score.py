"""`krakit score`, `krakit explain`, `krakit report`, `krakit chart`: results on screen and in
files."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import typer
from rich.table import Table
from rich.text import Text

from krakit.cli.console import Output
from krakit.cli.sheet import load_scorecard as load
from krakit.errors import KrakitError
from krakit.units import format_value

# Markup is off: role titles, KPI names and paths are user text ("[s]" must print as is).
console = Output(highlight=False, markup=False)

_STATUS_STYLE = {"green": "bold green", "amber": "bold yellow", "red": "bold red"}

FILE = typer.Argument(..., help="Scorecard YAML/JSON file.")


@contextmanager
def _naming(file: Path) -> Iterator[None]:
    """Errors about the scorecard's own content (its actuals, its targets) name its file."""
    try:
        yield
    except KrakitError as exc:
        if exc.path is not None:
            raise
        raise type(exc)(
            exc.reason,
            path=file,
            row=exc.row,
            line=exc.line,
            column=exc.column,
            field=exc.field,
            value=exc.value,
        ) from exc


ACTUALS = typer.Option(
    None, "--actuals", "-a", help="Actuals CSV/XLSX (kpi, period, value); default: the file's own."
)
RATING = typer.Option(
    None, "--manager-rating", help="Manager rating, percent of expectations (100 = meets)."
)


def score(
    file: Path = FILE,
    actuals: Path | None = ACTUALS,
    by: str | None = typer.Option(
        None, "--by", help="Show periods rolled up to month, quarter, half or year."
    ),
    explain: bool = typer.Option(False, "--explain", help="Show the formula on your numbers."),
    manager_rating: float | None = RATING,
) -> None:
    """Score a scorecard from its actuals: per KPI, per KRA and overall."""
    import pandas as pd

    from krakit.score import explain as explain_score
    from krakit.score import score as run

    # a KrakitError here is printed and exits 2 (krakit.cli wraps every command)
    sc = load(file)
    with _naming(file):
        result = run(sc, actuals, by=by, manager_rating=manager_rating)
        text = str(explain_score(sc, actuals, manager_rating=manager_rating)) if explain else ""
    units = {k.id: k.unit for k in sc.all_kpis()}
    table = Table(title=f"{sc.role.title}" + (f" — {sc.holder}" if sc.holder else ""))
    for name in ("KRA", "KPI", "Actual", "Target", "Achievement", "Status"):
        table.add_column(
            name, justify="right" if name in ("Actual", "Target", "Achievement") else "left"
        )
    titles = dict(zip(result.kras["kra"], result.kras["title"], strict=True))
    why = dict(zip(result.missing["kpi"], result.missing["reason"], strict=True))
    for row in result.totals.itertuples():
        unit = units.get(str(row.kpi))
        status = "—" if pd.isna(row.status) else str(row.status)
        if row.periods and row.kpi in why:  # actuals, but it cannot score: say why
            status = f"not scored: {why[row.kpi]}"
        table.add_row(
            "—" if pd.isna(row.kra) else str(titles.get(row.kra, row.kra)),
            str(row.metric),
            format_value(row.actual, unit),
            format_value(row.target, unit),
            "—" if pd.isna(row.achievement) else f"{row.achievement:.1f}%",
            Text(status, style=_STATUS_STYLE.get(status, "dim")),
        )
    console.print(table)
    if by is not None and len(result.kpis):
        periods = Table(title=f"By {by}")
        for name in ("KPI", "Period", "Actual", "Target", "Achievement", "Status"):
            periods.add_column(name)
        for row in result.kpis.itertuples():
            unit = units.get(str(row.kpi))
            periods.add_row(
                str(row.kpi),
                str(row.period),
                format_value(row.actual, unit),
                format_value(row.target, unit),
                f"{row.achievement:.1f}%",
                str(row.status),
            )
        console.print(periods)
    for row in result.kras.itertuples():
        score_text = "not scored" if pd.isna(row.score) else f"{row.score:.1f}%"
        console.print(f"KRA {row.title}: {score_text} (weight {row.weight:g}%)")
    console.print(str(result))
    if text:
        console.print()
        console.print(text, markup=False, soft_wrap=True)


def explain(
    file: Path = FILE,
    kpi_or_kra: str | None = typer.Argument(
        None, help="Only this KPI or KRA (its id); the whole scorecard when left out."
    ),
    actuals: Path | None = ACTUALS,
    manager_rating: float | None = RATING,
) -> None:
    """Show how the score is reached, step by step, on your own numbers."""
    from krakit.score import explain as explain_score

    sc = load(file)
    with _naming(file):
        text = str(explain_score(sc, actuals, kpi_or_kra, manager_rating=manager_rating))
    console.print(text, markup=False, soft_wrap=True)


def report(
    file: Path = FILE,
    output: Path = typer.Option(..., "--output", "-o", help="report.html, .xlsx or .csv"),
    actuals: Path | None = ACTUALS,
    manager_rating: float | None = RATING,
    templates: Path | None = typer.Option(
        None, "--templates", help="Folder with your own report.html.j2 / workbook.yaml."
    ),
) -> None:
    """Write a report: printable HTML, an Excel workbook or CSV (an agreement if no actuals)."""
    with _drawing(output, (".html", ".htm")):  # the page's charts are SVG drawn by vl-convert
        from krakit.report import report as write

        sc = load(file)
        with _naming(file):
            path = write(sc, actuals, output, manager_rating=manager_rating, templates=templates)
    console.print(f"✓ wrote {path}")


def chart(
    file: Path = FILE,
    output: Path = typer.Option(..., "--output", "-o", help="chart.png, .svg or .html"),
    actuals: Path | None = ACTUALS,
    kind: str = typer.Option(
        "overview", "--kind", help="overview, bullet, contribution, trend or targets."
    ),
) -> None:
    """Draw the scorecard: KPI bullets and KRA contribution (targets and weights if no actuals)."""
    with _drawing(output, (".png", ".svg")):
        _chart(file, output, actuals, kind)


def _drawing(output: Path, drawn: tuple[str, ...]) -> contextlib.AbstractContextManager[object]:
    """Start the chart engine in a second process now if ``output`` is drawn by vl-convert.

    Its start (0.7 s, holding the GIL) then overlaps the imports and the scoring on another
    core (:mod:`krakit.chart_worker`).
    """
    if output.suffix.lower() not in drawn:
        return contextlib.nullcontext()
    from krakit.chart_worker import drawing_elsewhere

    return drawing_elsewhere()


def _chart(file: Path, output: Path, actuals: Path | None, kind: str) -> None:
    from krakit import vegalite as charts  # the specs alone: no Altair to import
    from krakit.score import score as run

    kinds = {"overview", "bullet", "contribution", "trend", "targets"}
    if kind not in kinds:
        raise KrakitError(
            f"unknown chart '{kind}'; use one of {', '.join(sorted(kinds))}", field="kind"
        )
    sc = load(file)
    with _naming(file):
        result = run(sc, actuals)
    if kind == "targets" or (kind == "overview" and not result.has_actuals):
        drawing = charts.targets(sc, result)  # its subtitle says why nothing scored yet
    elif not result.has_entries:
        raise KrakitError(
            f"no actuals yet, so there is nothing to draw as '{kind}'; "
            "use --kind targets (or overview)",
            field="kind",
        )
    elif kind == "overview":
        drawing = charts.overview(sc, result)
    else:
        drawing = getattr(charts, kind)(result)
    path = charts.save(drawing, output)
    console.print(f"✓ wrote {path}")


def register(app: typer.Typer) -> None:
    app.command()(score)
    app.command()(explain)
    app.command()(report)
    app.command()(chart)
