"""Step 2 driven as a user: type a KPI, see it read live, correct a field, add it."""

from __future__ import annotations

import krakit
from krakit import edit
from krakit.widgets.kpis import KPIStep, highlight

SENTENCE = "Reduce average time to hire from 45 days to 30 days by Q3 2026"


def test_typing_fills_the_fields_and_highlights(recruiter: krakit.Scorecard) -> None:
    step = KPIStep(recruiter)
    step._statement.value = SENTENCE
    assert step._fields["target"].value == "30"
    assert step._fields["baseline"].value == "45"
    assert step._fields["unit"].value == "days"
    assert step._polarity.value == "lower_is_better"
    assert "<mark" in step._highlight.value and "krakit-span-target" in step._highlight.value
    assert step.draft is not None and step.draft.target == 30
    assert step._badges.value.count("krakit-badge ") == 5


def test_correct_a_field_and_add_the_kpi(recruiter: krakit.Scorecard) -> None:
    step = KPIStep(recruiter)
    step.select("recruitment")
    step._statement.value = SENTENCE
    step._fields["target"].value = "28"
    step._fields["owner"].value = "Priya Sharma"
    step._fields["data_source"].value = "ATS"
    step._indicator.value = "lagging"
    assert step.draft.target == 28
    step._save.click()
    added = step.value.kra("recruitment").kpis[-1]
    assert (added.target, added.owner, added.data_source) == (28, "Priya Sharma", "ATS")
    assert str(added.indicator) == "lagging"
    assert "Added" in step._message.value
    assert step._statement.value == ""  # ready for the next one
    assert added.statement in step._list.value


def test_a_bad_field_says_which(recruiter: krakit.Scorecard) -> None:
    step = KPIStep(recruiter)
    step._statement.value = SENTENCE
    step._fields["weight"].value = "lots"
    assert step.draft is None
    assert "weight" in step._message.value
    step._save.click()
    assert len(step.value.all_kpis()) == len(recruiter.all_kpis())


def test_edit_and_remove_an_existing_kpi(recruiter: krakit.Scorecard) -> None:
    step = KPIStep(recruiter)
    step.select(kpi_id="candidate-nps")
    assert step.kpi_id == "candidate-nps"
    assert step._fields["target"].value == "45"
    assert step._save.description == "Save changes"
    step._fields["target"].value = "50"
    step._save.click()
    assert step.value.kpi("candidate-nps").target == 50
    step._remove.click()
    assert "candidate-nps" not in {k.id for k in step.value.all_kpis()}
    assert edit.actuals_for(step.value, "2026-Q1").get("candidate-nps") is None


def test_suggestions_fill_the_sentence(recruiter: krakit.Scorecard) -> None:
    step = KPIStep(recruiter)
    step.select("recruitment")
    buttons = step._suggestions.children
    assert buttons, "the library suggests KPIs for a recruitment KRA"
    assert [b.description for b in buttons][:2] == ["Time to hire", "Time to fill"]
    buttons[0].click()
    assert step._statement.value == "Time to hire"
    assert step._polarity.value == "lower_is_better"
    assert step._indicator.value == "lagging"
    assert step.draft is not None and step.draft.metric == "Time to hire"
    assert "target" in step._message.value


def test_highlight_escapes_user_text() -> None:
    evil = "<img src=x onerror=alert(1)> reduce churn to 5% by Q3"
    html = highlight(krakit.parse_kpi(evil))
    assert "<img" not in html and "&lt;img" in html


def test_big_amounts_are_shown_in_full(recruiter: krakit.Scorecard) -> None:
    step = KPIStep(recruiter)
    step._statement.value = "Increase monthly revenue from ₹8 lakh to ₹10 lakh by March 2027"
    assert (step._fields["baseline"].value, step._fields["target"].value) == ("800000", "1000000")
    assert step._fields["unit"].value == "INR"
