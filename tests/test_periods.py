"""The calendar krakit reads time against (krakit.periods), tested directly."""

import datetime as dt

import pytest

from krakit.errors import ParseError
from krakit.periods import (
    FISCAL_STARTS,
    Level,
    When,
    fiscal_year,
    half,
    month_end,
    next_end,
    parse_period,
    quarter,
    school_year,
    season,
)

D = dt.date


@pytest.mark.parametrize(
    ("year", "month", "end"),
    [
        (2028, 2, D(2028, 2, 29)),
        (2027, 2, D(2027, 2, 28)),
        (2026, 12, D(2026, 12, 31)),
        (2026, 14, D(2027, 2, 28)),
    ],
)
def test_month_end(year: int, month: int, end: dt.date) -> None:
    assert month_end(year, month) == end


@pytest.mark.parametrize(
    ("convention", "start", "end"),
    [
        ("calendar", D(2027, 1, 1), D(2027, 12, 31)),
        ("india", D(2026, 4, 1), D(2027, 3, 31)),
        ("australia", D(2026, 7, 1), D(2027, 6, 30)),
        ("us-federal", D(2026, 10, 1), D(2027, 9, 30)),
    ],
)
def test_a_fiscal_year_is_named_by_the_year_it_ends(
    convention: str, start: dt.date, end: dt.date
) -> None:
    assert fiscal_year(2027, FISCAL_STARTS[convention]) == (start, end)


def test_fiscal_quarters_and_halves() -> None:
    assert quarter(1, 2027, FISCAL_STARTS["us-federal"]) == (D(2026, 10, 1), D(2026, 12, 31))
    assert quarter(4, 2027, FISCAL_STARTS["india"]) == (D(2027, 1, 1), D(2027, 3, 31))
    assert half(2, 2027, FISCAL_STARTS["australia"]) == (D(2027, 1, 1), D(2027, 6, 30))
    assert quarter(3, 2027) == (D(2027, 7, 1), D(2027, 9, 30))


@pytest.mark.parametrize(
    ("name", "hemisphere", "span"),
    [
        ("spring", "north", (D(2027, 3, 1), D(2027, 5, 31))),
        ("summer", "north", (D(2027, 6, 1), D(2027, 8, 31))),
        ("fall", "north", (D(2027, 9, 1), D(2027, 11, 30))),
        ("winter", "north", (D(2026, 12, 1), D(2027, 2, 28))),
        ("spring", "south", (D(2027, 9, 1), D(2027, 11, 30))),
        ("winter", "south", (D(2027, 6, 1), D(2027, 8, 31))),
    ],
)
def test_seasons(name: str, hemisphere: str, span: tuple[dt.date, dt.date]) -> None:
    assert season(name, 2027, hemisphere) == span


def test_school_year_runs_august_to_june() -> None:
    assert school_year(2026) == (D(2026, 8, 1), D(2027, 6, 30))


def test_next_end_finds_the_next_period_to_close() -> None:
    assert next_end(school_year, D(2026, 7, 1))[0] == 2026  # SY2026-27 ends June 2027
    assert next_end(lambda y: quarter(2, y), D(2026, 6, 30))[2] == D(2026, 6, 30)


def test_when_value_str_and_timeframe() -> None:
    named = When("deadline", "Q2 2027", D(2027, 4, 1), D(2027, 6, 30), "quarter")
    plain = When("deadline", "Mar 2027", D(2027, 3, 1), D(2027, 3, 31), "month", named=False)
    anchor = When("deadline", "next audit", grain="event")
    window = When("window", "20 seconds", grain="seconds", count=20)
    assert (named.value, plain.value, anchor.value) == ("Q2 2027", D(2027, 3, 31), "next audit")
    assert str(anchor) == "deadline next audit (no date)" and not anchor.dated
    assert str(When("cadence", "fortnightly", grain="weekly")) == "cadence weekly"
    assert not window.timeframe and named.timeframe


def test_parse_period_reads_a_month_written_with_its_year() -> None:
    span = parse_period("March 2026")
    assert span == parse_period("2026-03") and span.level is Level.MONTH
    with pytest.raises(ParseError, match="not a period"):
        parse_period("March")
    with pytest.raises(ParseError, match="not a period"):
        parse_period("March 2026 or so")


def test_when_is_exported_lazily_without_pandas() -> None:
    import subprocess
    import sys

    code = (
        "import sys, krakit\n"
        "from krakit.periods import When, FISCAL_STARTS\n"
        "assert krakit.When is When and krakit.FISCAL_STARTS is FISCAL_STARTS\n"
        "assert 'When' in krakit.__all__ and 'When' in dir(krakit)\n"
        "assert 'pandas' not in sys.modules, 'import krakit + krakit.When pulled in pandas'\n"
        "print('ok')\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120
    )
    assert result.stdout.strip() == "ok", result.stderr


@pytest.mark.parametrize(
    ("written", "one"),
    [
        ("Apr-26", "2026-04"),
        ("apr 26", "2026-04"),
        ("April 2026", "2026-04"),
        ("Sept. 2026", "2026-09"),
        ("04/2026", "2026-04"),
        ("2026/4", "2026-04"),
        ("2026-4", "2026-04"),
        ("Q1 FY27", "FY2026-27 Q1"),
        ("q1fy27", "FY2026-27 Q1"),
        ("FY27-Q3", "FY2026-27 Q3"),
        ("H2 FY2026-27", "FY2026-27 H2"),
        ("FY26-27", "FY2026-27"),
        ("FY 2026/27", "FY2026-27"),
        ("FY2027", "FY2026-27"),
        ("q2 2026", "2026-Q2"),
        ("2026 H1", "2026-H1"),
        ("2026-W05", "2026-W05"),
    ],
)
def test_odd_period_spellings_have_one_label(written: str, one: str) -> None:
    from krakit.periods import canonical

    assert canonical(written) == one
    assert canonical(one) == one  # the label reads back as itself


@pytest.mark.parametrize("bad", ["FY2026-28", "13/2026", "Foo-26", "2026-13", "Q5 2026", ""])
def test_unreadable_periods_are_refused(bad: str) -> None:
    from krakit.periods import canonical

    with pytest.raises(ParseError):
        canonical(bad)


@pytest.mark.parametrize(
    ("fiscal", "start", "end"),
    [
        (4, D(2026, 4, 1), D(2026, 6, 30)),
        (7, D(2026, 7, 1), D(2026, 9, 30)),
        (10, D(2026, 10, 1), D(2026, 12, 31)),
    ],
)
def test_a_fiscal_quarter_label_as_a_when(fiscal: int, start: dt.date, end: dt.date) -> None:
    from krakit.periods import period_when

    w = period_when("Q1 FY27", fiscal_start=fiscal)
    assert (w.kind, w.start, w.end, w.grain) == ("deadline", start, end, "quarter")


def test_actuals_in_odd_spellings_roll_up_together() -> None:
    """A sheet that writes one month three ways, and fiscal quarters in two, scores as one."""
    import pandas as pd

    import krakit
    from krakit.actuals import read_actuals
    from krakit.model import ScoringConfig
    from krakit.score import score

    sheet = pd.DataFrame(
        {
            "KPI": ["rev", "rev", "rev", "calls"],
            "Period": ["Apr-26", "May 2026", "2026-06", "04/2026"],
            "Value": ["100", "90", "80", "40"],
        }
    )
    frame = read_actuals(sheet)
    assert frame["period"].tolist() == ["2026-04", "2026-05", "2026-06", "2026-04"]
    # the same month twice for one KPI, in two spellings, is a duplicate, not two months
    twice = pd.DataFrame(
        {"KPI": ["rev", "rev"], "Period": ["Apr-26", "April 2026"], "Value": [1, 2]}
    )
    with pytest.raises(krakit.InputError, match="both give rev"):
        read_actuals(twice)

    card = krakit.Scorecard(
        role={"title": "Seller"},
        scoring=ScoringConfig(fiscal_year_start=7),
        kras=[
            {
                "title": "Sales",
                "weight": 100,
                "kpis": [{"id": "rev", "unit": "INR", "target": 100, "frequency": "monthly"}],
            }
        ],
    )
    typed = [
        krakit.Actual(kpi="rev", period=p, value=v)
        for p, v in [("Jul-26", 100), ("August 2026", 90), ("2026-09", 80), ("Q2 FY27", 330)]
    ]
    assert [a.period for a in typed] == ["2026-07", "2026-08", "2026-09", "FY2026-27 Q2"]
    quarters = score(card, typed, by="quarter").kpis
    # July start: July-September is Q1 of FY2026-27, and 'Q2 FY27' is October-December
    assert quarters["period"].astype(str).tolist() == ["FY2026-27 Q1", "FY2026-27 Q2"]
    assert quarters["actual"].tolist() == [270, 330]


def test_a_period_in_an_odd_year_is_kept_as_written() -> None:
    from krakit.periods import canonical

    assert canonical("0001-Q1") == "0001-Q1"
    assert canonical("Apr-26") == "2026-04"


def test_a_frame_of_actuals_in_odd_spellings_scores_one_period_each() -> None:
    import pandas as pd

    import krakit
    from krakit.score import score

    card = krakit.Scorecard(
        role={"title": "Seller"},
        kras=[
            {
                "title": "Sales",
                "weight": 100,
                "kpis": [
                    {"id": "rev", "unit": "INR", "target": 100, "frequency": "monthly"},
                    {"id": "calls", "unit": "count", "target": 10, "frequency": "monthly"},
                ],
            }
        ],
    )
    frame = pd.DataFrame(
        {
            "kpi": ["rev", "calls", "rev"],
            "period": ["Apr-26", "2026-04", "May 2026"],
            "value": [1, 9, 8],
        }
    )
    rows = score(card, frame).kpis
    assert sorted(set(rows["period"].astype(str))) == ["2026-04", "2026-05"]
    twice = pd.DataFrame({"kpi": ["rev", "rev"], "period": ["Apr-26", "04/2026"], "value": [1, 2]})
    with pytest.raises(krakit.InputError, match="twice"):
        score(card, twice)
