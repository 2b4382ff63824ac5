"""Step 3 driven as a user: findings grouped, apply a fix, jump, ignore with a reason."""

from __future__ import annotations

import krakit
from krakit import edit
from krakit.widgets.checks import CheckStep


def _broken(recruiter: krakit.Scorecard) -> krakit.Scorecard:
    sc = edit.update_kra(recruiter, "recruitment", weight=50)  # weights now add to 90
    return edit.add_statement(sc, "recruitment", "Improve hiring")


def test_findings_are_grouped_and_counted(recruiter: krakit.Scorecard) -> None:
    step = CheckStep(_broken(recruiter))
    assert step.findings == list(krakit.check(step.value))
    assert "krakit-dirty" in step._summary.value and "error" in step._summary.value
    titles = [c.value for c in step._groups.children if "<h4>" in getattr(c, "value", "")]
    assert titles[0].startswith("<h4>Errors")
    assert len(step.rows) == len(step.findings)


def test_clean_scorecard_is_proud(recruiter: krakit.Scorecard) -> None:
    step = CheckStep(recruiter)
    errors = [f for f in step.findings if str(f.severity) == "error"]
    assert errors == []
    assert "No errors" in step._summary.value


def test_ignore_needs_a_reason(recruiter: krakit.Scorecard) -> None:
    step = CheckStep(_broken(recruiter))
    row = step.rows[0]
    code = row.finding.code
    row.ignore.click()
    assert "say why" in step._message.value
    row.reason.value = "Agreed with HR"
    row.ignore.click()
    assert code not in {f.code for f in step.findings if f.where == row.finding.where}
    assert "ignored" in step._message.value


def test_apply_fix_and_go_to(recruiter: krakit.Scorecard) -> None:
    sc = edit.add_statement(
        recruiter, "recruitment", "Fill open roles faster as soon as possible", owner="Priya"
    )
    step = CheckStep(sc)
    row = next(r for r in step.rows if r.finding.code == "S002")  # escape clause, with a fix
    assert row.apply.layout.display != "none"
    where, fix = row.finding.where, row.finding.fix
    assert where.endswith(".statement") and "as soon as possible" not in fix
    row.apply.click()
    assert "Applied the fix for S002" in step._message.value
    kpi_id = where.split("kpis[")[1].split("]")[0]
    assert step.value.kpi(kpi_id).statement == fix
    assert "S002" not in {f.code for f in step.findings}
    no_fix = next(r for r in step.rows if r.finding.fix is None)
    assert no_fix.apply.layout.display == "none"
    no_fix.goto.click()
    assert step.jump == no_fix.finding.where


def test_redraw_reuses_rows_and_closes_only_gone_ones(recruiter: krakit.Scorecard) -> None:
    step = CheckStep(edit.update_kra(recruiter, "recruitment", weight=50))
    before = {r.finding.code for r in step.rows}
    step.scorecard = recruiter  # weights add up again
    after = {r.finding.code for r in step.rows}
    gone_codes = before - after
    assert gone_codes, "the weights finding goes away"
    step.scorecard = edit.update_kra(recruiter, "recruitment", weight=50)
    gone = [r for r in step.rows if r.finding.code in gone_codes]
    kept = [r for r in step.rows if r.finding.code not in gone_codes]
    step.scorecard = recruiter
    assert gone and all(r.comm is None for r in gone)  # closed
    assert kept and all(any(r is new for new in step.rows) for r in kept)  # reused
    assert step._recheck.comm is not None and step._summary.comm is not None
