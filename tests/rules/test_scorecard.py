"""Scorecard rules (W), ownership (O), and select/ignore by code, prefix and place."""

from __future__ import annotations

import pytest
from rule_examples import TODAY

import krakit
from krakit.errors import ConfigError
from krakit.model import Scorecard
from krakit.rules import CheckConfig, check, findings_frame


def card(**extra) -> Scorecard:  # type: ignore[no-untyped-def]
    data = {
        "role": {"title": "Recruiter"},
        "holder": "Asha",
        "goals": [{"title": "Grow the team"}],
        "kras": [
            {
                "title": "Recruitment",
                "weight": 70,
                "goals": ["grow-the-team"],
                "kpis": [
                    {
                        "statement": "Reduce time to hire from 45 to 30 days by Q3 2027",
                        "metric": "Time to hire",
                        "weight": 60,
                        "data_source": "ATS",
                    },
                    {
                        "statement": "Raise offer acceptance rate to 85% by March 2027",
                        "metric": "Offer acceptance rate",
                        "weight": 40,
                        "data_source": "ATS",
                    },
                ],
            },
            {
                "title": "Onboarding",
                "weight": 30,
                "goals": ["grow-the-team"],
                "kpis": [
                    {
                        "statement": "Keep 90-day attrition of new hires below 5% per quarter",
                        "metric": "90-day attrition of new hires",
                        "data_source": "HRIS",
                    }
                ],
            },
        ],
    }
    data.update(extra)
    return Scorecard.model_validate(data)


def codes(sc: Scorecard, **kw) -> list[str]:  # type: ignore[no-untyped-def]
    return [f.code for f in check(sc, today=TODAY, **kw)]


def test_a_good_scorecard_is_clean() -> None:
    assert codes(card()) == []


def test_weights_duplicates_and_links() -> None:
    sc = card()
    sc.kras[1].weight = 40
    sc.kras[0].kpis[1].metric = "time-to-hire (days)"
    found = check(sc, today=TODAY)
    by_code = {f.code: f for f in found}
    assert by_code["W001"].where == "kras" and "110%" in by_code["W001"].message
    assert by_code["W012"].where == "kras[recruitment].kpis[offer-acceptance-rate]"
    assert by_code["W001"].severity == "error"


def test_unknown_ignore_code_is_reported_where_it_is() -> None:
    sc = card(ignore=["W0", "Q123"])
    sc.kras[0].kpis[0].ignore = ["Z9"]
    found = {(f.code, f.where) for f in check(sc, today=TODAY)}
    assert ("X001", "ignore") in found
    assert ("X001", "kras[recruitment].kpis[time-to-hire].ignore") in found


def test_ignore_by_prefix_and_per_kpi() -> None:
    sc = card()
    sc.kras[0].kpis[0].owner = None
    sc.holder = None
    assert codes(sc).count("O001") == 3
    sc.kras[0].kpis[0].ignore = ["O"]
    assert codes(sc).count("O001") == 2
    sc.kras[1].ignore = ["O001"]
    assert codes(sc).count("O001") == 1
    assert "O001" not in codes(sc, ignore="O00")
    assert codes(sc, select=["W"]) == []


def test_scorecard_rules_respect_kra_ignore() -> None:
    sc = card()
    sc.kras[0].kpis[0].weight = 10
    assert "W002" in codes(sc)
    sc.kras[0].ignore = ["W002"]
    assert "W002" not in codes(sc)


def test_unknown_select_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="ZZ"):
        check(card(), select="ZZ")


def test_thresholds_are_configurable() -> None:
    assert "W008" in codes(card(), config=CheckConfig(max_kpis_per_kra=1))
    assert "W008" not in codes(card())


def test_stale_review_and_missing_actuals() -> None:
    sc = card(actuals=[{"kpi": "time-to-hire", "period": "2026-01", "value": 40}])
    kpi = sc.kras[0].kpis[0]
    kpi.frequency = "monthly"
    sc.kras[0].kpis[1].frequency = "monthly"
    found = {(f.code, f.where) for f in check(sc, today=TODAY)}
    assert ("W013", "kras[recruitment].kpis[time-to-hire]") in found
    assert ("W013", "kras[recruitment].kpis[offer-acceptance-rate]") in found
    kpi.last_reviewed = "2026-01-15"
    assert "O003" in codes(sc)


def test_structure_rules() -> None:
    sc = card(unassigned_kpis=[{"metric": "Cost per hire", "statement": "Cost per hire"}])
    sc.kras.append(krakit.KRA(title="Employer brand", weight=0, goals=["grow-the-team"]))
    found = codes(sc)
    assert {"W004", "W005"} <= set(found)


def test_findings_frame_and_kra_check() -> None:
    frame = findings_frame(check(card(), today=TODAY, select="W", config=CheckConfig(max_kras=1)))
    assert list(frame["code"]) == ["W010"]
    kra = krakit.KRA(title="Grow revenue by 20% by March 2027")
    assert [f.code for f in check(kra, today=TODAY)] == ["C002"]


def test_sample_scorecard_has_no_error(sample_path) -> None:  # type: ignore[no-untyped-def]
    found = check(krakit.load(sample_path), today=TODAY)
    assert not [f for f in found if f.severity == "error"]
