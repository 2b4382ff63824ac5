"""Fuzz the text readers: parse_kpi, classify, parse_amount, parse_period and check(str)."""

from __future__ import annotations

import datetime as dt

from fuzzcheck import accepted_or_refused
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import amounts, kpi_statements

import krakit
from krakit.periods import parse_period
from krakit.text.classify import classify
from krakit.text.draft import KPIDraft, Label
from krakit.text.numbers import parse_amount
from krakit.text.parse import parse_kpi

TODAY = dt.date(2026, 6, 1)


@settings(max_examples=150, deadline=None)
@given(kpi_statements())
def test_parse_kpi_always_returns_a_draft(text: str) -> None:
    draft = parse_kpi(text)
    assert isinstance(draft, KPIDraft)
    for start, end in draft.spans.values():
        assert 0 <= start <= end <= len(text)


@settings(max_examples=100, deadline=None)
@given(kpi_statements())
def test_classify_always_labels(text: str) -> None:
    result = classify(text)
    assert result.label in (Label.KPI, Label.KRA)
    assert 0.0 <= result.confidence <= 1.0


@settings(max_examples=80, deadline=None)
@given(kpi_statements())
def test_check_a_statement_returns_findings(text: str) -> None:
    found = krakit.check(text, today=TODAY)
    assert isinstance(found, list)
    for finding in found:
        assert finding.code and finding.message


@settings(max_examples=150, deadline=None)
@given(st.one_of(amounts(), st.text(max_size=40)))
def test_parse_amount_reads_or_names_the_text(text: str) -> None:
    out = accepted_or_refused(parse_amount, text)
    if isinstance(out, krakit.KrakitError):
        assert isinstance(out, krakit.ParseError)
    else:
        number, unit = out
        assert number is None or isinstance(number, float)
        assert unit is None or isinstance(unit, str)


@settings(max_examples=150, deadline=None)
@given(
    st.one_of(
        st.text(max_size=20),
        st.from_regex(r"\A(FY)?\d{4}(-(Q|H|W)?\d{1,2})?\Z"),
        st.from_regex(r"\A\d{4}-\d{2}-\d{2}\Z"),
    )
)
def test_parse_period_reads_or_says_which_label(text: str) -> None:
    out = accepted_or_refused(parse_period, text)
    if isinstance(out, krakit.KrakitError):
        assert out.field == "period"
        assert text.strip() in str(out)
