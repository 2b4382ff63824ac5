"""The checker reads time against the scorecard's calendar: its fiscal year start and period."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from krakit.model import Scorecard, ScoringConfig
from krakit.rules import CheckConfig, check
from krakit.rules.filecheck import check_file


def card(statement: str, fiscal: int | None = None, period: str | None = None) -> Scorecard:
    return Scorecard(
        role={"title": "Support lead"},
        period=period,
        scoring=ScoringConfig(fiscal_year_start=fiscal) if fiscal else None,
        kras=[{"title": "Customer retention", "weight": 100, "kpis": [{"statement": statement}]}],
    )


def codes(obj: object, today: dt.date, **kw: object) -> list[str]:
    return [f.code for f in check(obj, today=today, **kw)]  # type: ignore[arg-type]


AUGUST = dt.date(2026, 8, 1)


@pytest.mark.parametrize(
    "statement",
    [
        "Reduce churn to 5% by Q4 FY26",
        "Cut churn to 5% by the end of Q4 FY2025-26",
        "Reduce churn from 8% to 5% by FY26 Q4",
        "Bring churn down to 5% before Q4 FY 2025-26 ends",
    ],
)
def test_a_deadline_past_only_under_a_july_fiscal_year(statement: str) -> None:
    # July start: Q4 FY26 is April-June 2026, past on 1 August 2026
    assert "A003" in codes(card(statement, fiscal=7), AUGUST)
    # October start (US federal): July-September 2026
    assert "A003" not in codes(card(statement, fiscal=10), AUGUST)


def test_a_calendar_fiscal_year_is_the_calendar_year() -> None:
    # fiscal year start January: FY26 is 2026, its Q4 October-December 2026
    assert "A003" not in codes(card("Reduce churn to 5% by Q4 FY26", fiscal=1), AUGUST)


def test_a_deadline_past_under_april_but_not_under_july() -> None:
    may = dt.date(2026, 5, 15)
    statement = "Reduce churn from 8% to 5% by FY26"
    assert "A003" in codes(card(statement), may)  # no setting: April, FY26 ended March 2026
    assert "A003" not in codes(card(statement, fiscal=7), may)  # July: ends June 2026
    # the fix moves the deadline to a day read on the same calendar
    (finding,) = check(card(statement), today=may, select="A003")
    assert finding.fix is not None and dt.date.fromisoformat(finding.fix) >= may


def test_a_deadline_field_is_read_on_the_card_calendar() -> None:
    sc = Scorecard(
        role={"title": "Support lead"},
        scoring=ScoringConfig(fiscal_year_start=7),
        kras=[
            {
                "title": "Retention",
                "kpis": [{"statement": "Reduce churn from 8% to 5%", "deadline": "Q4 FY26"}],
            }
        ],
    )
    assert "A003" in codes(sc, AUGUST)
    assert "A003" not in codes(sc, dt.date(2026, 6, 30))


def test_a_sheet_is_read_on_the_fiscal_start_of_the_check(tmp_path: Path) -> None:
    sheet = tmp_path / "kpis.csv"
    sheet.write_text(
        "KRA,KPI,Weight\nRetention,Reduce churn from 8% to 5% by Q4 FY26,100\n", encoding="utf-8"
    )
    july = CheckConfig(fiscal_year_start=7)
    assert "A003" in [f.code for f in check_file(sheet, today=AUGUST, config=july)]
    us = CheckConfig(fiscal_year_start=10)
    assert "A003" not in [f.code for f in check_file(sheet, today=AUGUST, config=us)]


def test_a_setting_file_gives_the_fiscal_start(tmp_path: Path) -> None:
    settings = tmp_path / "krakit.yaml"
    settings.write_text("check:\n  fiscal_year_start: 7\n", encoding="utf-8")
    config = CheckConfig.from_file(settings)
    assert "A003" in codes("Reduce churn from 8% to 5% by Q4 FY26", AUGUST, config=config)
    # without it, April: Q4 FY26 is January-March 2026, past as well; Q1 FY27 is not, in July
    assert "A003" in codes("Reduce churn from 8% to 5% by Q4 FY26", AUGUST)
    assert "A003" in codes("Reduce churn from 8% to 5% by Q1 FY27", dt.date(2026, 7, 15))
    assert "A003" not in codes(
        "Reduce churn from 8% to 5% by Q1 FY27", dt.date(2026, 7, 15), config=config
    )
