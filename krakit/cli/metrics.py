"""`krakit actuals` and `krakit sql`: a scorecard's metric definitions over raw data."""

from __future__ import annotations

from pathlib import Path

import typer

from krakit.cli.console import Output
from krakit.cli.score import _naming
from krakit.errors import InputError

console = Output(highlight=False, markup=False)  # SQL and names are user text: no markup

FILE = typer.Argument(..., help="Scorecard YAML/JSON file whose KPIs have definitions.")
METRICS = typer.Option(
    None, "--metrics", "-m", help="metrics.yaml holding the definitions KPIs name with 'ref'."
)


def _data(pairs: list[str]) -> dict[str, str]:
    """``NAME=PATH`` pairs as a mapping, refusing a pair without '=' or a name given twice."""
    out: dict[str, str] = {}
    for pair in pairs:
        name, sep, path = pair.partition("=")
        name, path = name.strip(), path.strip()
        if not sep or not name or not path:
            raise InputError(
                f"--data takes NAME=PATH (requisitions=reqs.parquet), got {pair!r}",
                field="data",
                value=pair,
            )
        if name in out:
            raise InputError(f"--data names '{name}' twice; give it once", field="data")
        out[name] = path
    return out


def actuals(
    file: Path = FILE,
    data: list[str] = typer.Option(
        [], "--data", "-d", help="A source: NAME=PATH to a CSV or Parquet file (repeat)."
    ),
    metrics: Path | None = METRICS,
    output: Path | None = typer.Option(
        None, "--output", "-o", help="Write the actuals CSV here (default: print it)."
    ),
    everyone: bool = typer.Option(
        False, "--everyone", help="The scorecard is every person's the data names."
    ),
    grain: str | None = typer.Option(
        None, "--grain", help="Compute at daily, weekly, monthly, quarterly or annual instead."
    ),
    rollup: str | None = typer.Option(
        None,
        "--rollup",
        help="The period you will score over (annual, quarterly): KPIs whose values do not "
        "add up (median, ratio, average...) are computed per such period from the rows.",
    ),
) -> None:
    """Compute the actuals of every KPI with a definition from raw data (DuckDB)."""
    from krakit.cli.sheet import load_scorecard
    from krakit.metrics.compute import compute_actuals

    card = load_scorecard(file)
    with _naming(file):
        frame = compute_actuals(
            card, _data(data), metrics=metrics, grain=grain, rollup=rollup, everyone=everyone
        )
    text = frame.to_csv(index=False)
    if output is None:
        console.file.write(text)
        return
    from krakit.store.atomic import atomic_write, write_error

    try:
        atomic_write(output, text.encode())
    except OSError as exc:
        raise write_error(exc, output) from exc
    kpis = frame["kpi"].nunique()
    console.print(f"{len(frame)} actuals for {kpis} KPI(s) written to {output}")


def sql(
    file: Path = FILE,
    dialect: str = typer.Option(
        "duckdb", "--dialect", help="duckdb, postgres, spark, bigquery or snowflake."
    ),
    metrics: Path | None = METRICS,
    grain: str | None = typer.Option(None, "--grain", help="A grain instead of each KPI's."),
) -> None:
    """Print each KPI's SQL, to run the same definitions in a warehouse."""
    from krakit.cli.sheet import load_scorecard
    from krakit.metrics.compile import sql_for

    card = load_scorecard(file)
    with _naming(file):
        queries = sql_for(card, dialect, metrics=metrics, grain=grain)
    if not queries:
        console.print("No KPI in this scorecard has a definition (add 'definition:' to one).")
        return
    for kpi, query in queries.items():
        console.file.write(f"-- {kpi}\n{query};\n\n")


def register(app: typer.Typer) -> None:
    app.command()(actuals)
    app.command()(sql)
