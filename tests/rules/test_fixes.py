"""One-click fixes: every rule that declares one repairs its own example, and breaks nothing.

Parametrised over the catalogue, so a rule given a fix without a working example fails here.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rule_examples import TODAY
from strategies import realistic_statements, scorecard_data

from krakit import edit
from krakit.errors import InputError
from krakit.model import KPI, Scorecard, validate_scorecard
from krakit.rules import Finding, Status, check, rules
from krakit.rules.fix_actions import ACTIONS
from krakit.rules.fix_values import shares
from krakit.rules.fixes import apply_fix, can_fix, describe, fix_all

FIXABLE = [r for r in rules() if r.autofix is not None and r.status is not Status.REMOVED]


def _errors(found: list[Finding]) -> Counter[str]:
    return Counter(f.code for f in found if str(f.severity) == "error")


def test_at_least_twelve_rules_carry_a_fix() -> None:
    assert len(FIXABLE) >= 12, [r.code for r in FIXABLE]


@pytest.mark.parametrize("rule", FIXABLE, ids=lambda r: r.code)
def test_fix_names_a_known_action(rule) -> None:  # type: ignore[no-untyped-def]
    assert rule.autofix.action in ACTIONS
    assert rule.autofix.title[:1].isupper() and not rule.autofix.title.endswith(".")


@pytest.mark.parametrize("rule", FIXABLE, ids=lambda r: r.code)
def test_fix_repairs_its_example_and_adds_no_error(rule) -> None:  # type: ignore[no-untyped-def]
    sc = validate_scorecard(yaml.safe_load(rule.autofix.example))
    before = check(sc, today=TODAY)
    mine = [f for f in before if f.code == rule.code]
    assert mine, f"{rule.code}: the fix example does not draw the rule"
    fixable = [f for f in mine if can_fix(f)]
    assert fixable, f"{rule.code}: the finding in the fix example has no fix to apply"
    finding = fixable[0]
    assert describe(finding)
    fixed = apply_fix(sc, finding)
    assert fixed is not sc
    after = check(fixed, today=TODAY)
    assert (rule.code, finding.where) not in {(f.code, f.where) for f in after}
    assert len([f for f in after if f.code == rule.code]) < len(mine)
    new_errors = _errors(after) - _errors(before)
    assert not new_errors, f"{rule.code}: the fix made new errors {dict(new_errors)}"
    assert sc == validate_scorecard(yaml.safe_load(rule.autofix.example))  # input untouched
    assert validate_scorecard(fixed.model_dump(mode="json")) == fixed  # saves and loads back


def _card(statement: str) -> Scorecard:
    sc = edit.set_kras(edit.new_scorecard("Example"), ["Customer support"])
    return edit.add_kpi(sc, "customer-support", {"statement": statement})


BAD = [
    pytest.param(r, ex, id=f"{r.code}-bad{i}")
    for r in FIXABLE
    if r.examples == "statement"
    for i, ex in enumerate(r.bad)
]


@pytest.mark.parametrize(("rule", "example"), BAD)
def test_fix_repairs_bad_statements_it_offers_to(rule, example) -> None:  # type: ignore[no-untyped-def]
    sc = _card(example)
    before = check(sc, today=TODAY)
    for finding in [f for f in before if f.code == rule.code and can_fix(f)]:
        after = check(apply_fix(sc, finding), today=TODAY)
        assert (rule.code, finding.where) not in {(f.code, f.where) for f in after}
        assert not _errors(after) - _errors(before)


def test_finding_without_a_fix_is_refused_in_words() -> None:
    sc = _card("Customer satisfaction score")
    (finding,) = check(sc, today=TODAY, select="M002")
    assert not can_fix(finding) and describe(finding) is None
    with pytest.raises(InputError, match="no fix it can apply for M002"):
        apply_fix(sc, finding)


def test_statement_check_offers_no_click() -> None:
    (finding,) = check("Significantly reduce complaints by Q3 2027", select="S001")
    assert finding.fix == "Reduce complaints by Q3 2027"
    assert not can_fix(finding)  # no scorecard to apply it to
    kpi = KPI(statement="Significantly reduce complaints by Q3 2027")
    (finding,) = check(kpi, select="S001")
    assert finding.where == "statement" and not can_fix(finding) and describe(finding) is None


def test_vague_word_removed_keeps_the_rest() -> None:
    sc = _card("Resolve complaints within 2 days, reduce backlog substantially")
    (finding,) = check(sc, today=TODAY, select="S001")
    new = apply_fix(sc, finding)
    assert (
        new.kpi(new.all_kpis()[0].id).statement
        == "Resolve complaints within 2 days, reduce backlog"
    )


def test_passed_deadline_moves_text_and_field_together() -> None:
    sc = _card("Cut average wait time from 9 to 5 minutes by 2020-06-30")
    (finding,) = check(sc, today=TODAY, select="A003")
    assert finding.fix == "2027-06-30"
    kpi = apply_fix(sc, finding).all_kpis()[0]
    assert "by 2027-06-30" in kpi.statement
    sc = edit.update_kpi(sc, kpi.id, deadline="Q1 2021")
    (finding,) = check(sc, today=TODAY, select="A003")
    assert apply_fix(sc, finding).all_kpis()[0].deadline == dt.date(2027, 3, 31)


def test_passed_deadline_moves_to_the_scorecard_period_end() -> None:
    sc = edit.add_kpi(
        validate_scorecard(
            {"role": {"title": "R"}, "period": "FY2027-28", "kras": [{"title": "Hiring"}]}
        ),
        "hiring",
        {"statement": "Reduce time to hire to 30 days", "deadline": "2019-12-31"},
    )
    (finding,) = check(sc, today=TODAY, select="A003")
    assert finding.fix == "2028-03-31"


def test_no_cadence_is_guessed_when_no_sibling_has_one() -> None:
    sc = _card("Raise first contact resolution from 60% to 75%")
    (finding,) = check(sc, today=TODAY, select="T001")
    assert finding.fix is None and not can_fix(finding)


def test_catch_all_kra_fix_keeps_weights_whole() -> None:
    sc = edit.set_kras(edit.new_scorecard("Shop owner"), ["Sales", "Stock", "Misc stuff"])
    for kra, weight in zip(("sales", "stock", "misc-stuff"), (50, 30, 20), strict=True):
        sc = edit.update_kra(sc, kra, weight=weight)
    sc = edit.add_kpi(sc, "misc-stuff", {"statement": "Reply to supplier emails within a day"})
    (finding,) = check(sc, today=TODAY, select="S004")
    new = apply_fix(sc, finding)
    assert [(k.id, k.weight) for k in new.kras] == [("sales", 63.0), ("stock", 37.0)]
    assert [k.statement for k in new.unassigned_kpis] == ["Reply to supplier emails within a day"]
    assert not [f for f in check(new, today=TODAY) if f.code in ("W001", "S004")]


def test_kra_offered_as_kpi_already_a_kra_is_just_removed() -> None:
    sc = edit.set_kras(edit.new_scorecard("Recruiter"), ["Recruitment"])
    sc = edit.add_kpi(sc, "recruitment", {"statement": "recruitment."})
    (finding,) = check(sc, today=TODAY, select="C001")
    new = apply_fix(sc, finding)
    assert [k.id for k in new.kras] == ["recruitment"] and new.all_kpis() == []


def test_fix_all_repairs_what_it_can_and_stops() -> None:
    sc = edit.set_kras(
        edit.new_scorecard("Recruiter"), ["Recruitment", "Onboarding", "Other duties"]
    )
    sc = edit.update_kra(sc, "recruitment", weight=60)
    sc = edit.add_kpi(sc, "recruitment", {"statement": "Cut time to hire to 30 days, if possible"})
    new, done = fix_all(sc, today=TODAY)
    codes = {f.code for f in done}
    assert {"S002", "S004", "W003"} <= codes
    left = {f.code for f in check(new, today=TODAY) if can_fix(f)}
    assert not left
    assert sum(k.weight or 0 for k in new.kras) == 100


@pytest.mark.parametrize(
    ("weights", "expected"),
    [
        ([None, None, None], [34.0, 33.0, 33.0]),
        ([0, 0], [50.0, 50.0]),
        ([70, 50, None], [39.0, 28.0, 33.0]),
        ([33.3, 33.3, 33.3], [33.34, 33.33, 33.33]),
    ],
)
def test_shares_add_to_100(weights: list[float | None], expected: list[float]) -> None:
    got = shares(weights)
    assert got == expected and abs(sum(got) - 100) < 1e-9


def test_fix_file_saves_the_fixed_scorecard_in_place(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from krakit.rules.filecheck import check_file, fix_file
    from krakit.store import load, save

    sc = edit.set_kras(edit.new_scorecard("Shop owner"), ["Sales", "Odd jobs"])
    sc = edit.update_kra(edit.update_kra(sc, "sales", weight=70), "odd-jobs", weight=20)
    path = tmp_path / "shop.yaml"
    save(sc, path)
    done = fix_file(path, today=TODAY, select=["W001", "S004"])
    # removing the catch-all rescales what is left, so W001 never needs its own fix
    assert [f.code for f in done] == ["S004"] and done[0].file == str(path)
    assert [(k.title, k.weight) for k in load(path).kras] == [("Sales", 100.0)]
    assert not check_file(path, today=TODAY, select=["W001", "S004"])
    assert fix_file(path, today=TODAY, select=["W001", "S004"]) == []
    sheet = tmp_path / "kpis.csv"
    sheet.write_text("KRA,KPI\nSales,Grow sales significantly\n", encoding="utf-8")
    assert fix_file(sheet, today=TODAY) == [] and "significantly" in sheet.read_text()


def test_fix_values_that_would_not_make_sense_are_not_offered() -> None:
    (vague,) = check(_card("Better"), today=TODAY, select="S001")
    assert vague.fix is None and not can_fix(vague)  # nothing would be left
    area = (
        "Customer relationship management across all the regional offices, partner channels, "
        "key enterprise accounts and the new self-service portal"
    )
    (kra,) = check(_card(area), today=TODAY, select="C001")
    assert kra.fix is None  # too long for a KRA title: the manager names the area
    sc = edit.set_kras(edit.new_scorecard("Seller"), ["Sales revenue", "Grow sales by 20% in FY27"])
    (kra,) = check(sc, today=TODAY, select="C002")
    assert kra.fix is None  # renaming it 'Sales revenue' would make two KRAs of one name


def test_deadline_field_passed_but_sentence_ahead_keeps_the_sentence() -> None:
    sc = _card("Cut average wait time from 9 to 5 minutes by June 2027")
    kpi = sc.all_kpis()[0]
    sc = edit.update_kpi(sc, kpi.id, deadline="2020-06-30")
    (finding,) = check(sc, today=TODAY, select="A003")
    new = apply_fix(sc, finding).all_kpis()[0]
    assert new.statement == kpi.statement and new.deadline == dt.date(2027, 6, 30)


_MESSY_KRAS = st.sampled_from(
    (
        "Handle other stuff as needed",
        "Increase sales by 20% by March 2027",
        "Offer acceptance rate",
        "Misc",
        "Customer support",
        "Recruitment",
    )
)


@st.composite
def _messy_cards(draw: st.DrawFn) -> Scorecard:
    """A generated scorecard, plus what a new manager adds: odd KRAs, loose KPIs, goals."""
    data = draw(scorecard_data())
    for i in range(draw(st.integers(0, 2))):
        kra = {
            "id": f"extra-{i}",
            "title": draw(_MESSY_KRAS),
            "weight": draw(st.none() | st.floats(0, 100)),
        }
        data["kras"].append(kra)
    data["unassigned_kpis"] = [
        {"id": f"loose-{i}", "statement": draw(realistic_statements())}
        for i in range(draw(st.integers(0, 2)))
    ]
    if draw(st.booleans()):
        data["goals"] = [{"title": "Grow the team"}, {"title": "Keep customers"}][
            : draw(st.integers(1, 2))
        ]
    return validate_scorecard(data)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sc=_messy_cards())
def test_every_offered_fix_applies_to_any_scorecard(sc: Scorecard) -> None:
    before = check(sc, today=TODAY)
    for finding in [f for f in before if can_fix(f)]:
        fixed = apply_fix(sc, finding)  # never raises for a fix it offered
        assert validate_scorecard(fixed.model_dump(mode="json")) == fixed
        after = check(fixed, today=TODAY)
        here = [f for f in after if (f.code, f.where) == (finding.code, finding.where)]
        assert len(here) < sum((f.code, f.where) == (finding.code, finding.where) for f in before)
    new, done = fix_all(sc, today=TODAY)
    assert len(done) <= 500 and validate_scorecard(new.model_dump(mode="json")) == new


def test_duplicate_in_another_kra_merges_and_rescales_what_is_left() -> None:
    sc = validate_scorecard(
        {
            "role": {"title": "Recruiter"},
            "kras": [
                {"title": "Recruitment", "kpis": [{"id": "tth", "metric": "Time to hire"}]},
                {
                    "title": "Hiring",
                    "kpis": [
                        {"id": "tth2", "metric": "time-to-hire", "weight": 50},
                        {"id": "oar", "metric": "Offer acceptance rate", "weight": 30},
                        {"id": "cph", "metric": "Cost per hire", "weight": 20},
                    ],
                },
            ],
            "actuals": [{"kpi": "tth2", "period": "2026-10", "value": 41}],
        }
    )
    (finding,) = check(sc, today=TODAY, select="W012")
    new = apply_fix(sc, finding)
    assert [(k.id, k.weight) for k in new.kra("hiring").kpis] == [("oar", 60.0), ("cph", 40.0)]
    assert [(a.kpi, a.value) for a in new.actuals] == [("tth", 41.0)]
    assert not check(new, today=TODAY, select="W002,W012")


_ROLE = "role: {title: Recruiter}\n"
_KRA_LEVEL = (
    "kras:\n- {title: Recruitment, weight: %s}\n- {title: Onboarding, weight: %s}\n"
    "- {title: Payroll}"
)
_KPI_LEVEL = (
    "kras:\n- title: Recruitment\n  kpis:\n  - {metric: Time to hire, weight: %s}\n"
    "  - {metric: Offer acceptance rate, weight: %s}\n  - {metric: Cost per hire}"
)


@pytest.mark.parametrize("layout", [_KRA_LEVEL, _KPI_LEVEL], ids=["kra", "kpi"])
@pytest.mark.parametrize(
    ("typed", "filled"),
    [((30, 20), 50.0), ((60, 25.5), 14.5), ((45, 45), 10.0), ((1, 2), 97.0)],
)
def test_missing_weights_get_the_rest_and_typed_ones_stay(layout, typed, filled) -> None:  # type: ignore[no-untyped-def]
    sc = validate_scorecard(yaml.safe_load(_ROLE + layout % typed))
    before = check(sc, today=TODAY)
    (finding,) = [f for f in before if f.code == "W003"]
    assert can_fix(finding)
    assert f"rest of 100 ({filled:g})" in (describe(finding, sc) or "")
    fixed = apply_fix(sc, finding)
    items = fixed.kras if layout is _KRA_LEVEL else fixed.kras[0].kpis
    assert [i.weight for i in items] == [float(typed[0]), float(typed[1]), filled]
    after = check(fixed, today=TODAY)
    assert "W003" not in {f.code for f in after}
    assert not _errors(after) - _errors(before)


@pytest.mark.parametrize("layout", [_KRA_LEVEL, _KPI_LEVEL], ids=["kra", "kpi"])
@pytest.mark.parametrize("typed", [(60, 60), (50, 50), (70, 40.5)])
def test_no_rest_to_give_offers_no_fix_that_overwrites_typed_weights(layout, typed) -> None:  # type: ignore[no-untyped-def]
    sc = validate_scorecard(yaml.safe_load(_ROLE + layout % typed))
    (finding,) = [f for f in check(sc, today=TODAY) if f.code == "W003"]
    assert not can_fix(finding) and describe(finding, sc) is None
    with pytest.raises(InputError):
        apply_fix(sc, finding)
    new, done = fix_all(sc, today=TODAY)
    items = new.kras if layout is _KRA_LEVEL else new.kras[0].kpis
    weights = [i.weight for i in items]
    assert "W003" not in {f.code for f in done}
    if sum(typed) <= 100:  # typed weights that fit are the manager's: nothing rewrites them
        assert weights[:2] == [float(w) for w in typed]
    else:  # already past 100: W001/W002 scale the group, keeping the typed proportions
        assert None not in weights and abs(sum(weights) - 100) < 0.02  # type: ignore[arg-type]
        assert abs(weights[0] / weights[1] - typed[0] / typed[1]) < 0.05  # type: ignore[operator]


def test_relative_weights_missing_get_no_rest_of_100_fix() -> None:
    sc = validate_scorecard(yaml.safe_load(_ROLE + "weights: relative\n" + _KRA_LEVEL % (2, 1)))
    (finding,) = [f for f in check(sc, today=TODAY) if f.code == "W003"]
    assert not can_fix(finding)


def test_four_missing_share_an_uneven_rest_in_whole_numbers() -> None:
    sc = edit.set_kras(edit.new_scorecard("Recruiter"), ["A", "B", "C", "D"])
    sc = edit.update_kra(sc, "a", weight=60)
    (finding,) = check(sc, select="W003")
    weights = [k.weight for k in apply_fix(sc, finding).kras]
    assert weights[0] == 60.0 and sum(weights) == 100.0
    assert all(w is not None and w.is_integer() for w in weights)
