"""Every class of expression the guard refuses, and what it lets through."""

from __future__ import annotations

import pandas as pd
import pytest

from krakit.errors import InputError, KrakitError
from krakit.metrics.compute import compute_actuals
from krakit.metrics.guard import check_expression
from krakit.model import Scorecard

COLUMNS = ["amount", "status", "closed_on", "owner", "is_internal"]

REFUSED = [
    ("(select max(amount) from invoices)", "a subquery", "SELECT"),
    ("amount in (select 1)", "a subquery", "SELECT 1"),
    ("exists (select 1)", "a subquery", "EXISTS"),
    ("select 1 union select 2", "a set operation", "UNION"),
    ("select 1 except select 2", "a set operation", "EXCEPT"),
    ("drop table invoices", "a statement", "DROP"),
    ("delete from invoices", "a statement", "DELETE"),
    ("create table x as select 1", "a statement", "CREATE"),
    ("attach 'other.db'", "a statement", "attach"),
    ("copy invoices to 'out.csv'", "a statement", "COPY"),
    ("pragma version", "a statement", "PRAGMA"),
    ("set memory_limit = '1GB'", "a statement", "SET"),
    ("install httpfs", "a statement", "install"),
    ("amount; drop table invoices", "more than one statement", "drop"),
    ("read_csv('/etc/passwd')", "a table function", "READ_CSV"),
    ("read_text('/etc/passwd')", "a table function", "read_text"),
    ("read_parquet('x.parquet')", "a table function", "readparquet"),
    ("getenv('HOME')", "a table function", "getenv"),
    ("amount -- owner = 'x'", "written with a comment", "--"),
    ("amount /* hidden */ + 1", "written with a comment", "/*"),
    ("sum(amount)", "an aggregate or window", "SUM"),
    ("count(*)", "an aggregate or window", "COUNT"),
    ("sum(amount) over ()", "an aggregate or window", "OVER"),
    ("*", "'*'", "*"),
    ("$1", "a parameter", "$1"),
    ("?", "a parameter", "?"),
    ("invoices.amount", "a qualified column", "invoices.amount"),
    ("salary", "not a column of the source", "salary"),
    ("shell_exec(amount)", "not a listed function", "shell_exec"),
    ("amount[1]", "not allowed in a definition", "amount[1]"),
    ("amount +", "cannot read", "amount +"),
]


@pytest.mark.parametrize(("text", "what", "token"), REFUSED)
def test_each_refused_class_names_the_kpi_field_and_token(text: str, what: str, token: str) -> None:
    with pytest.raises(InputError) as err:
        check_expression(text, kpi="revenue", field="filter", columns=COLUMNS)
    message = str(err.value)
    assert "KPI 'revenue'" in message
    assert "kpis[revenue].definition.filter" in message
    assert what in message
    assert token.lower() in message.lower()


@pytest.mark.parametrize(
    "text",
    [
        "amount",
        "amount * 1.18",
        "not is_internal",
        "status = 'paid' and amount > 0",
        "STATUS IN ('paid', 'part-paid')",
        "date_diff('day', closed_on, current_date) <= 30",
        "coalesce(amount, 0) - nullif(amount, 0)",
        "case when status = 'paid' then amount else 0 end",
        "cast(amount as integer) between 1 and 10",
        "lower(trim(owner)) like 'a%'",
        "extract(year from closed_on) = 2026",
        '"amount" > 0',
    ],
)
def test_ordinary_expressions_pass(text: str) -> None:
    check_expression(text, kpi="revenue", field="expr", columns=COLUMNS)


def test_without_columns_only_the_shape_is_checked() -> None:
    check_expression("anything_at_all > 1", kpi="k", field="expr")


def test_a_refused_filter_stops_compute_before_any_sql_runs(tmp_path) -> None:
    secret = tmp_path / "secret.csv"
    secret.write_text("a\n1\n")
    card = Scorecard.model_validate(
        {
            "role": {"title": "Sales"},
            "holder": "ana",
            "kras": [
                {
                    "title": "Revenue",
                    "kpis": [
                        {
                            "id": "revenue",
                            "definition": {
                                "source": "invoices",
                                "agg": "sum",
                                "expr": "amount",
                                "filter": f"(select count(*) from read_csv('{secret}')) > 0",
                                "time": "closed_on",
                            },
                        }
                    ],
                }
            ],
        }
    )
    frame = pd.DataFrame({"amount": [1.0], "closed_on": pd.to_datetime(["2026-01-02"])})
    with pytest.raises(KrakitError, match=r"revenue.*subquery"):
        compute_actuals(card, {"invoices": frame})


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Resolution Hours", ["two names", "'\"Resolution Hours\"'"]),
        ("Resolution Hours / 24", ["'/' is not expected", "'\"Resolution Hours\"'"]),
        ("status = Closed Won", ["two names", "\"'Closed Won'\""]),
        ("Status <>", ["'<>' is missing what comes after it"]),
        ("not", ["'not' is missing what comes after it"]),
        ("(amount", ["a '(' is not closed"]),
        ("status = 'won", ["a quote is not closed"]),
    ],
)
def test_a_broken_expression_is_said_in_words(text: str, words: list[str]) -> None:
    with pytest.raises(InputError) as err:
        check_expression(text, kpi="k", field="filter")
    said = str(err.value)
    assert all(w in said for w in words), said
    assert "<class" not in said and "sqlglot" not in said and "Required keyword" not in said
    assert ("double quotes" in said) == ("Hours" in text or "Won" in text)  # only for spaces
