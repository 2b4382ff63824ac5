"""Fuzz the checker on generated scorecards, KRAs and KPIs: findings, never an exception."""

from __future__ import annotations

import datetime as dt

from fuzzcheck import accepted_or_refused
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st
from strategies import kpi_statements, scorecard_data

import krakit
from krakit.model import validate_scorecard
from krakit.rules import rules

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


CODES = tuple(rule.code for rule in rules())
# What a user types for --select: junk, a real code, or a real prefix in any case and spacing.
_SELECT = st.one_of(
    st.text(max_size=5),
    st.sampled_from(CODES),
    st.builds(lambda code, n: f" {code[:n].lower()} ", st.sampled_from(CODES), st.integers(1, 4)),
    st.sampled_from(("Q", "Z9", "M9", "T0019", "m002,Q")),
)


def _wanted(codes: list[str]) -> list[str]:
    """The codes a list names: comma-split, trimmed, upper-case, blanks dropped."""
    return [c.strip().upper() for item in codes for c in item.split(",") if c.strip()]


@settings(max_examples=80, deadline=None)
@given(kpi_statements(), st.lists(_SELECT, max_size=3))
@example("Recruitment", ["q"])
@example("Recruitment", ["m00", " t "])
@example("Recruitment", [])
def test_unknown_select_codes_are_config_errors(text: str, codes: list[str]) -> None:
    wanted = _wanted(codes)
    unknown = [c for c in wanted if not any(code.startswith(c) for code in CODES)]
    out = accepted_or_refused(krakit.check, text, select=codes, today=TODAY)
    event("refused" if unknown else "selected" if wanted else "all rules")
    if unknown:  # any unknown code refuses the whole selection, naming the first
        assert isinstance(out, krakit.ConfigError), out
        assert out.field == "select"
        assert out.value == unknown[0]
        assert unknown[0] in str(out)
        return
    assert not isinstance(out, krakit.KrakitError), out
    if wanted:  # known codes and prefixes: only the rules they name run
        assert all(any(f.code.startswith(c) for c in wanted) for f in out), [f.code for f in out]
