"""Step 3's *Apply fix*, driven as a user: the button shows for every finding krakit can fix,
and one click changes the scorecard, checks again and the finding is gone."""

from __future__ import annotations

import pytest
import yaml

from krakit import edit
from krakit.model import validate_scorecard
from krakit.rules import rules
from krakit.rules.fixes import can_fix
from krakit.widgets.checks import CheckStep

FIXABLE = [r for r in rules() if r.autofix is not None]


def _errors(step: CheckStep) -> int:
    return sum(str(f.severity) == "error" for f in step.findings)


@pytest.mark.parametrize("rule", FIXABLE, ids=lambda r: r.code)
def test_apply_fix_button_repairs_each_rule(rule) -> None:  # type: ignore[no-untyped-def]
    step = CheckStep(validate_scorecard(yaml.safe_load(rule.autofix.example)))
    row = next(r for r in step.rows if r.finding.code == rule.code and can_fix(r.finding))
    assert row.apply.layout.display != "none" and row.apply.tooltip
    assert "Fix: " in row._text.value
    where, errors = row.finding.where, _errors(step)
    row.apply.click()
    assert f"Applied the fix for {rule.code}" in step._message.value
    assert (rule.code, where) not in {(f.code, f.where) for f in step.findings}
    assert _errors(step) <= errors


def test_blank_start_support_lead_fixes_with_clicks() -> None:
    sc = edit.new_scorecard("Customer support team lead")
    sc = edit.set_kras(
        sc, ["Ticket resolution", "Customer satisfaction", "Handle other stuff as needed"]
    )
    sc = edit.update_kra(sc, "ticket-resolution", weight=50)
    sc = edit.update_kra(sc, "customer-satisfaction", weight=30)
    sc = edit.add_kpi(
        sc,
        "ticket-resolution",
        {"statement": "Resolve 90% of tickets within 24 hours where possible", "owner": "Ravi"},
    )
    sc = edit.add_kpi(
        sc,
        "ticket-resolution",
        {"statement": "Cut ticket backlog from 300 to 120 by March 2021", "frequency": "weekly"},
    )
    step = CheckStep(sc)
    shown = {r.finding.code for r in step.rows if r.apply.layout.display != "none"}
    assert {"S002", "S004", "W003", "A003", "O001"} <= shown
    hidden = [r for r in step.rows if r.apply.layout.display == "none"]
    assert hidden and not any(can_fix(r.finding) for r in hidden)

    catch_all = next(r for r in step.rows if r.finding.code == "S004")
    catch_all.apply.click()
    assert [k.title for k in step.value.kras] == ["Ticket resolution", "Customer satisfaction"]
    assert "S004" not in {f.code for f in step.findings}

    errors = _errors(step)
    for _ in range(20):  # click every Apply fix left, as a user would, top to bottom
        row = next((r for r in step.rows if r.apply.layout.display != "none"), None)
        if row is None:
            break
        row.apply.click()
        assert "Applied the fix" in step._message.value
        assert _errors(step) <= errors
    assert not [f for f in step.findings if can_fix(f)]
    assert sum(k.weight or 0 for k in step.value.kras) == 100
    backlog = step.value.kpi("cut-ticket-backlog-from-300-to-120-by-march-2021")
    assert "March 2027" in backlog.statement


def test_stale_finding_after_an_edit_says_so(recruiter) -> None:  # type: ignore[no-untyped-def]
    kpi = {"id": "loose", "statement": "Raise offer acceptance rate to 90% by March 2027"}
    step = CheckStep(edit.add_kpi(recruiter, None, kpi))
    row = next(r for r in step.rows if r.finding.code == "W004" and can_fix(r.finding))
    step.scorecard = edit.remove_kpi(step.value, "loose")  # gone before the click
    row.apply.click()
    assert "no longer" in step._message.value


def test_second_click_on_an_applied_fix_says_nothing_was_left() -> None:
    sc = edit.set_kras(edit.new_scorecard("Recruiter"), ["Recruitment", "Onboarding"])
    step = CheckStep(edit.update_kra(sc, "recruitment", weight=70))
    row = next(r for r in step.rows if r.finding.code == "W003")
    row.apply.click()
    assert "Applied the fix for W003" in step._message.value
    after = step.value
    assert [k.weight for k in after.kras] == [70.0, 30.0]
    row.apply.click()  # the same finding, clicked again
    assert step.value == after
    assert "Applied" not in step._message.value
    assert "Nothing left to fix for W003" in step._message.value
