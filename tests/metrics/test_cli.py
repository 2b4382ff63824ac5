"""`krakit actuals` and `krakit sql` as a user runs them: files in, CSV/SQL out, plain errors."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
import yaml
from typer.testing import CliRunner

from krakit.cli import _register_all, app

_register_all()
runner = CliRunner()

CARD = {
    "role": {"title": "Recruiter"},
    "kras": [
        {
            "title": "Hiring",
            "kpis": [
                {
                    "id": "time-to-fill",
                    "metric": "Time to fill",
                    "unit": "days",
                    "frequency": "quarterly",
                    "definition": {
                        "source": "reqs",
                        "agg": "median",
                        "expr": "date_diff('day', opened_on, filled_on)",
                        "filter": "not internal",
                        "time": "filled_on",
                        "person": "recruiter",
                    },
                },
                {"id": "offer-acceptance", "unit": "%", "definition": {"ref": "acceptance"}},
                {"id": "typed-in", "metric": "Candidate NPS"},
            ],
        }
    ],
}
METRICS = {
    "schema_version": 1,
    "metrics": {
        "acceptance": {
            "ratio": {
                "numerator": {"source": "offers", "agg": "count", "filter": "accepted",
                              "time": "made_on", "person": "recruiter"},
                "denominator": {"source": "offers", "agg": "count", "time": "made_on",
                                "person": "recruiter"},
            },
            "scale": 100,
        }
    },
}  # fmt: skip


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    card = tmp_path / "recruiter.yaml"
    card.write_text(yaml.safe_dump(CARD))
    metrics = tmp_path / "metrics.yaml"
    metrics.write_text(yaml.safe_dump(METRICS))
    reqs = tmp_path / "reqs.csv"
    reqs.write_text(
        "recruiter,opened_on,filled_on,internal\n"
        "ana,2026-01-02,2026-01-12,false\n"
        "ana,2026-01-05,2026-02-25,false\n"
        "ana,2026-02-01,2026-03-01,true\n"
        "ben,2026-03-01,2026-04-02,false\n"
    )
    offers = tmp_path / "offers.csv"
    offers.write_text(
        "recruiter,made_on,accepted\nana,2026-01-10,true\nana,2026-01-20,false\n"
        "ben,2026-01-11,true\n"
    )
    return {"card": card, "metrics": metrics, "reqs": reqs, "offers": offers, "dir": tmp_path}


def _ok(args: list[str]) -> str:
    res = runner.invoke(app, [str(a) for a in args])
    assert res.exit_code == 0, res.output
    return res.output


def _fails(args: list[str], *expected: str) -> str:
    res = runner.invoke(app, [str(a) for a in args])
    assert res.exit_code == 2, res.output
    assert "Traceback" not in res.output
    for text in expected:
        assert text in res.output, res.output
    return res.output


def test_actuals_writes_the_csv_score_reads(files: dict[str, Path]) -> None:
    out = files["dir"] / "out" / "actuals.csv"
    out.parent.mkdir()
    said = _ok(["actuals", files["card"], "--data", f"reqs={files['reqs']}", "-d",
                f"offers={files['offers']}", "--metrics", files["metrics"], "--everyone",
                "-o", out])  # fmt: skip
    assert "actuals for 2 KPI(s) written to" in said
    frame = pd.read_csv(out)
    assert list(frame.columns) == ["person", "kpi", "period", "value", "definition_version"]
    rows = frame[["person", "kpi", "period", "value"]].values.tolist()
    assert rows == [  # by KPI, then person, then period
        ["ana", "offer-acceptance", "2026-01", 50.0],
        ["ben", "offer-acceptance", "2026-01", 100.0],
        ["ana", "time-to-fill", "2026-Q1", 30.5],  # median of 10 and 51 days; internal out
        ["ben", "time-to-fill", "2026-Q2", 32.0],
    ]


def test_score_reads_the_holders_rows_of_everyones_actuals(files: dict[str, Path]) -> None:
    out = files["dir"] / "all.csv"
    _ok(["actuals", files["card"], "-d", f"reqs={files['reqs']}", "-d",
         f"offers={files['offers']}", "-m", files["metrics"], "--everyone", "-o", out])  # fmt: skip
    _fails(["score", files["card"], "-a", out], "several people (ana, ben)", "holder")
    files["card"].write_text(yaml.safe_dump(dict(CARD, holder="Ana")))
    said = _ok(["score", files["card"], "-a", out])  # not 'given twice'
    assert "card's holder 'Ana'" in said and "leaving out those of ben" in said
    assert "50%" in said  # ana's acceptance, not ben's 100%
    files["card"].write_text(yaml.safe_dump(dict(CARD, holder="Cleo")))
    _fails(["score", files["card"], "-a", out], "ana, ben, not this card's holder 'Cleo'")


def test_actuals_prints_without_output(files: dict[str, Path]) -> None:
    card = dict(CARD, holder="ben")
    files["card"].write_text(yaml.safe_dump(card))
    said = _ok(["actuals", files["card"], "-d", f"reqs={files['reqs']}", "-d",
                f"offers={files['offers']}", "-m", files["metrics"]])  # fmt: skip
    assert said.splitlines()[0] == "person,kpi,period,value,definition_version"
    assert all(line.startswith("ben,") for line in said.splitlines()[1:])


def test_actuals_rollup_computes_the_year_from_the_rows(files: dict[str, Path]) -> None:
    said = _ok(["actuals", files["card"], "-d", f"reqs={files['reqs']}", "-d",
                f"offers={files['offers']}", "-m", files["metrics"], "--everyone",
                "--rollup", "annual"])  # fmt: skip
    rows = [line.split(",")[:4] for line in said.splitlines()[1:]]
    assert rows == [  # a ratio and a median: the year's own, from its rows
        ["ana", "offer-acceptance", "2026", "50.0"],
        ["ben", "offer-acceptance", "2026", "100.0"],
        ["ana", "time-to-fill", "2026", "30.5"],
        ["ben", "time-to-fill", "2026", "32.0"],
    ]
    _fails(["actuals", files["card"], "-d", f"reqs={files['reqs']}", "-d",
            f"offers={files['offers']}", "-m", files["metrics"], "--rollup", "year"],
           "'year' is not a period to roll up to")  # fmt: skip


@pytest.mark.parametrize(
    ("dialect", "words"),
    [
        ("duckdb", 'MEDIAN(DATE_DIFF(\'DAY\', "opened_on", "filled_on"))'),
        ("postgres", "PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY"),
        ("snowflake", "DATE_TRUNC('QUARTER'"),
        ("spark", "PERCENTILE(DATEDIFF("),
        ("bigquery", "DATE_DIFF("),
    ],
)
def test_sql_prints_each_kpis_query_in_the_dialect(
    files: dict[str, Path], dialect: str, words: str
) -> None:
    said = _ok(["sql", files["card"], "--dialect", dialect, "--metrics", files["metrics"]])
    assert "-- time-to-fill\n" in said and "-- offer-acceptance\n" in said
    assert "typed-in" not in said
    assert words in said


def test_sql_runs_in_duckdb_as_printed(files: dict[str, Path]) -> None:
    import duckdb

    said = _ok(["sql", files["card"], "-m", files["metrics"]])
    query = said.split("-- time-to-fill\n")[1].split(";\n")[0]
    con = duckdb.connect()
    con.read_csv(str(files["reqs"])).create_view("reqs")
    assert sorted(con.execute(query).fetchall())[0][2] == 30.5


def test_mistakes_exit_2_in_words(files: dict[str, Path]) -> None:
    card, reqs, offers = files["card"], files["reqs"], files["offers"]
    _fails(["actuals", card, "-d", "reqs"], "--data takes NAME=PATH")
    _fails(["actuals", card, "-d", f"reqs={reqs}", "-d", f"reqs={reqs}"], "names 'reqs' twice")
    _fails(["actuals", card, "-d", f"reqs={reqs}"], "give the metrics.yaml")
    _fails(["actuals", card, "-d", f"reqs={reqs}", "-m", files["metrics"]],
           "reads source 'offers'")  # fmt: skip
    _fails(["actuals", card, "-d", f"reqs={reqs}", "-d", f"offers={offers}", "-m",
            files["dir"] / "none.yaml"], "none.yaml", "no such file")  # fmt: skip
    _fails(["sql", card, "--dialect", "cobol", "-m", files["metrics"]], "'cobol' is not")
    for other in ("mysql", "sqlite", "tsql"):  # sqlglot writes them; their medians do not run
        _fails(["sql", card, "--dialect", other, "-m", files["metrics"]],
               f"'{other}' is not", "duckdb, postgres, spark, bigquery, snowflake")  # fmt: skip
    bad = dict(CARD)
    bad["kras"] = [dict(CARD["kras"][0], kpis=[dict(CARD["kras"][0]["kpis"][0])])]
    bad["kras"][0]["kpis"][0]["definition"] = {
        **CARD["kras"][0]["kpis"][0]["definition"],
        "filter": "1 = 1; drop table reqs",
    }
    card.write_text(yaml.safe_dump(bad))
    _fails(["sql", card], str(card), "KPI 'time-to-fill'", "more than one statement")


def test_sql_without_a_person_column_reads_every_row_as_ones(files: dict[str, Path]) -> None:
    card = {
        "role": {"title": "Team"},
        "kras": [
            {
                "title": "All",
                "kpis": [
                    {
                        "id": "fills",
                        "definition": {"source": "reqs", "agg": "count", "time": "filled_on"},
                    }
                ],
            }
        ],
    }
    files["card"].write_text(yaml.safe_dump(card))
    said = _ok(["sql", files["card"]])
    assert "SELECT '' AS \"person\"" in said and "recruiter" not in said


def test_help_lists_the_commands_without_loading_duckdb() -> None:
    code = (
        "import sys; from krakit.cli import main; sys.argv=['krakit','--help']\n"
        "try:\n main()\nexcept SystemExit: pass\n"
        "assert 'duckdb' not in sys.modules and 'sqlglot' not in sys.modules, 'heavy import'"
    )
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert res.returncode == 0, res.stderr
    assert "actuals" in res.stdout and "sql" in res.stdout
