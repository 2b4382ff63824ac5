"""Fuzz the checker on generated scorecards, KRAs and KPIs: findings, never an exception."""

from __future__ import annotations

import datetime as dt

from fuzzcheck import accepted_or_refused
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import kpi_statements, scorecard_data

import krakit
from krakit.model import validate_scorecard

TODAY = dt.date(2026, 6, 1)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scorecard_data())
def test_check_a_scorecard_its_kras_and_kpis(data: dict) -> None:
    card = validate_scorecard(data)
    findings = krakit.check(card, today=TODAY)
    for kra in card.kras:
        findings += krakit.check(kra, today=TODAY)
        for kpi in kra.kpis:
            findings += krakit.check(kpi, today=TODAY)
    for f in findings:
        assert f.code and f.message.strip()
        assert str(f.severity) in ("error", "warning", "suggestion")


@settings(max_examples=40, deadline=None)
@given(kpi_statements(), st.lists(st.text(max_size=5), max_size=3))
def test_unknown_select_codes_are_config_errors(text: str, codes: list[str]) -> None:
    out = accepted_or_refused(krakit.check, text, select=codes, today=TODAY)
    if isinstance(out, krakit.KrakitError):
        assert isinstance(out, krakit.ConfigError)
        assert out.field == "select"
