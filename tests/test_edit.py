"""krakit.edit: the operations the guided flow performs on a scorecard."""

from __future__ import annotations

from pathlib import Path

import pytest

import krakit
from krakit import edit


@pytest.fixture
def sample(sample_path: Path) -> krakit.Scorecard:
    return krakit.load(sample_path)


def test_edits_return_new_scorecards(sample: krakit.Scorecard) -> None:
    new = edit.update_kpi(sample, "time-to-hire", target=25)
    assert sample.kpi("time-to-hire").target == 30
    assert new.kpi("time-to-hire").target == 25


def test_set_kras_keeps_existing_and_parks_orphans(sample: krakit.Scorecard) -> None:
    new = edit.set_kras(sample, ["Recruitment", "", "Onboarding", "Recruitment"])
    assert [k.id for k in new.kras] == ["recruitment", "onboarding"]
    assert new.kra("recruitment").weight == 60
    assert [k.id for k in new.kra("recruitment").kpis] == ["time-to-hire", "offer-acceptance-rate"]
    assert [k.id for k in new.unassigned_kpis] == ["candidate-nps"]


def test_set_kras_reads_a_retyped_line_as_a_rename(sample: krakit.Scorecard) -> None:
    titles = [k.title for k in sample.kras]
    renamed = edit.set_kras(sample, ["Recruitment drive", *titles[1:]])  # words typed
    first = renamed.kras[0]
    assert (first.id, first.title) == ("recruitment-drive", "Recruitment drive")
    assert (first.weight, first.kpis) == (sample.kras[0].weight, sample.kras[0].kpis)
    assert not renamed.unassigned_kpis
    # one line fewer is a removal, not a rename: the KPIs wait, unassigned
    fewer = edit.set_kras(sample, ["Recruitment drive", *titles[2:]])
    assert [k.id for k in fewer.unassigned_kpis] == [
        k.id for kra in sample.kras[:2] for k in kra.kpis
    ]


def test_weights_and_goals(sample: krakit.Scorecard) -> None:
    assert edit.weight_total(sample) == 100
    assert edit.kpi_weight_total(sample, "recruitment") == 100
    new = edit.add_goal(sample, "Cut hiring cost")
    new = edit.update_kra(new, "recruitment", goals=["grow-engineering", "cut-hiring-cost"])
    assert new.kra("recruitment").goals == ["grow-engineering", "cut-hiring-cost"]
    with pytest.raises(krakit.InputError, match="goal needs a title"):
        edit.add_goal(sample, "  ")


def test_model_rules_are_enforced_with_the_field(sample: krakit.Scorecard) -> None:
    with pytest.raises(krakit.ScorecardError) as info:
        edit.update_kra(sample, "recruitment", weight=120)
    assert info.value.field == "kras[recruitment].weight"
    with pytest.raises(krakit.InputError, match="no KPI 'nope'"):
        edit.update_kpi(sample, "nope", target=1)


def test_add_kpi_gets_a_fresh_id(sample: krakit.Scorecard) -> None:
    kpi = sample.kpi("time-to-hire")
    new = edit.add_kpi(sample, "candidate-experience", kpi)
    assert [k.id for k in new.kra("candidate-experience").kpis][-1] == "time-to-hire-2"


def test_origin_is_kept_so_conflicts_are_still_caught(
    sample_path: Path, tmp_path: Path, sample: krakit.Scorecard
) -> None:
    ws = krakit.Workspace(tmp_path)
    ws.save(sample, "recruiter")
    mine = ws.open("recruiter")
    theirs = ws.open("recruiter")
    ws.save(edit.update_kpi(theirs, "time-to-hire", target=29), "recruiter")
    with pytest.raises(krakit.ConflictError):
        ws.save(edit.update_kpi(mine, "time-to-hire", target=27), "recruiter")


def test_set_field_by_checker_path(sample: krakit.Scorecard) -> None:
    new = edit.set_field(sample, "kras[recruitment].kpis[time-to-hire].owner", "Ravi")
    assert new.kpi("time-to-hire").owner == "Ravi"
    new = edit.set_field(sample, "kpis[candidate-nps].frequency", "monthly")
    assert str(new.kpi("candidate-nps").frequency) == "monthly"
    new = edit.set_field(sample, "kras[recruitment].weight", 55)
    assert new.kra("recruitment").weight == 55
    with pytest.raises(krakit.InputError, match="not a field"):
        edit.set_field(sample, "kras[recruitment].kpis[time-to-hire].colour", "red")
    with pytest.raises(krakit.InputError):
        edit.set_field(sample, "kras[nope].weight", 1)
    with pytest.raises(krakit.ScorecardError):
        edit.set_field(sample, "kpis[time-to-hire].target", "thirty-ish")


def test_ignore_needs_a_reason_and_records_it(sample: krakit.Scorecard) -> None:
    with pytest.raises(krakit.InputError, match="say why"):
        edit.ignore(sample, "kras[recruitment].kpis[time-to-hire].target", "t001", " ")
    new = edit.ignore(sample, "kras[recruitment].kpis[time-to-hire].target", "t001", "yearly")
    assert new.kpi("time-to-hire").ignore == {"T001": "yearly"}
    assert new.kpi("time-to-hire").note == sample.kpi("time-to-hire").note  # not in the note
    again = edit.ignore(new, "kras[recruitment].kpis[time-to-hire]", "T001", "reviewed in March")
    assert again.kpi("time-to-hire").ignore == {"T001": "reviewed in March"}
    new = edit.ignore(sample, "kras[candidate-experience]", "W002", "one KPI is enough")
    assert new.kra("candidate-experience").ignore == {"W002": "one KPI is enough"}
    assert (
        new.kra("candidate-experience").description
        == sample.kra("candidate-experience").description
    )
    new = edit.ignore(sample, "weights", "W001", "relative weights")
    assert new.ignore == {"W001": "relative weights"}
    assert "W001: relative weights" in krakit.dump(new)


def test_likely_kra(sample: krakit.Scorecard) -> None:
    assert edit.likely_kra(sample, "Raise offer acceptance to 90%") == "recruitment"
    assert edit.likely_kra(sample, "Candidate NPS above 50") == "candidate-experience"
    assert edit.likely_kra(sample, "Zzz qqq") is None


def test_actuals_grid_round_trip(sample: krakit.Scorecard) -> None:
    new = edit.set_actuals(sample, "2026-05", {"time-to-hire": 33, "candidate-nps": None})
    assert edit.actuals_for(new, "2026-05")["time-to-hire"] == 33
    assert "2026-05" in edit.periods(new)
    cleared = edit.set_actuals(new, "2026-05", {"time-to-hire": None})
    assert edit.actuals_for(cleared, "2026-05")["time-to-hire"] is None
    with pytest.raises(krakit.ScorecardError, match="no KPI 'ghost'"):
        edit.set_actuals(sample, "2026-05", {"ghost": 1})


def test_record_actuals_reads_cells_as_typed(sample: krakit.Scorecard) -> None:
    new = edit.record_actuals(
        sample,
        "2026-06",
        {"time-to-hire": " 31 ", "offer-acceptance-rate": "86%", "candidate-nps": ""},
    )
    assert edit.actuals_for(new, "2026-06") == {
        "time-to-hire": 31.0,
        "offer-acceptance-rate": 86.0,
        "candidate-nps": None,
    }
    with pytest.raises(krakit.InputError, match="candidate-nps"):
        edit.record_actuals(sample, "2026-06", {"candidate-nps": "lots"})
    with pytest.raises(krakit.InputError, match="not a period"):
        edit.record_actuals(sample, "June-ish", {"candidate-nps": "3"})


def test_import_actuals(sample: krakit.Scorecard, tmp_path: Path) -> None:
    sheet = tmp_path / "actuals.csv"
    sheet.write_text("kpi,period,value\ntime-to-hire,2026-Q2,38\ncandidate-nps,2026-Q2,40\n")
    new = edit.import_actuals(sample, sheet)
    assert edit.actuals_for(new, "2026-Q2") == {
        "time-to-hire": 38.0,
        "offer-acceptance-rate": None,
        "candidate-nps": 40.0,
    }
    bad = tmp_path / "bad.csv"
    bad.write_text("kpi,period,value\nghost,2026-Q2,1\n")
    with pytest.raises(krakit.InputError):
        edit.import_actuals(sample, bad)


def test_make_kpi_names_the_field() -> None:
    kpi = edit.make_kpi({"statement": "Calls a day", "metric": "Calls", "target": "40", "unit": ""})
    assert kpi.target == 40 and kpi.unit is None
    assert edit.make_kpi({"metric": "Calls", "target": "forty"}).target == 40  # as typed
    with pytest.raises(krakit.ParseError) as info:
        edit.make_kpi({"metric": "Calls", "target": "forty or fifty"})
    assert info.value.field == "target"
    with pytest.raises(krakit.ScorecardError) as info:
        edit.make_kpi({"metric": "Calls", "polarity": "sideways"})
    assert info.value.field == "polarity"


def test_add_statement_parses_the_sentence(sample: krakit.Scorecard) -> None:
    new = edit.add_statement(
        sample,
        "recruitment",
        "Reduce cost per hire from ₹60,000 to ₹45,000 by Q4 2026",
        owner="Priya",
    )
    kpi = new.kra("recruitment").kpis[-1]
    assert (kpi.baseline, kpi.target, kpi.unit, kpi.owner) == (60000, 45000, "INR", "Priya")
    assert str(kpi.polarity) == "lower_is_better"


def test_triage_flags_kpi_lines_with_their_kra(sample: krakit.Scorecard) -> None:
    lines = edit.triage(sample, ["Recruitment", "", "Raise offer acceptance rate to 90% by Q3"])
    assert [(ln.text, ln.label) for ln in lines] == [
        ("Recruitment", "KRA"),
        ("Raise offer acceptance rate to 90% by Q3", "KPI"),
    ]
    assert lines[1].kra == "recruitment"
    assert lines[1].reasons


def test_locate_splits_checker_paths() -> None:
    assert edit.locate("kras[sales].kpis[conversion-rate].target") == (
        "sales",
        "conversion-rate",
        "target",
    )
    assert edit.locate("unassigned_kpis[calls].owner") == (None, "calls", "owner")
    assert edit.locate("kras[sales].weight") == ("sales", None, "weight")
    assert edit.locate("kras") == (None, None, None)


def test_likely_kra_uses_the_library_areas() -> None:
    sc = edit.set_kras(
        edit.new_scorecard("Sales executive"), ["Revenue generation", "Customer relationships"]
    )
    # no word in common with either title: the vocabulary's areas decide
    assert edit.likely_kra(sc, "Reduce churn rate to 5% each quarter") == "customer-relationships"
    assert edit.likely_kra(sc, "Achieve ₹10 lakh monthly revenue") == "revenue-generation"


def test_a_period_typed_two_ways_is_one_period(sample: krakit.Scorecard) -> None:
    first = edit.record_actuals(sample, "Apr-27", {"time-to-hire": "31"})
    again = edit.record_actuals(first, " 2027-04 ", {"time-to-hire": "29"})
    assert [(a.kpi, a.period, a.value) for a in again.actuals if a.period == "2027-04"] == [
        ("time-to-hire", "2027-04", 29.0)
    ]
    assert edit.actuals_for(again, "April 2027")["time-to-hire"] == 29
    cleared = edit.record_actuals(again, "april 2027", {"time-to-hire": ""})
    assert not [a for a in cleared.actuals if a.period == "2027-04"]


TWICE = """role: {title: Sales executive}
kras:
- title: Revenue generation
  weight: 30
  goals: [grow]
  kpis:
  - {id: rev, metric: Monthly revenue, target: 100, weight: 60}
  - {id: gm, metric: Gross margin, target: 40, unit: '%', weight: 40}
- title: Key accounts
  weight: 60
  kpis:
  - {id: acc, metric: Key accounts won, target: 10}
- title: revenu generation
  weight: 10
  goals: [grow, margin]
  kpis:
  - {id: col, metric: Collections, target: 50}
goals:
- {id: grow, title: Grow revenue}
- {id: margin, title: Protect margin}
actuals:
- {kpi: rev, period: 2026-10, value: 90}
- {kpi: gm, period: 2026-10, value: 38}
- {kpi: acc, period: 2026-10, value: 7}
- {kpi: col, period: 2026-10, value: 55}
"""


def test_merge_kras_keeps_every_kpis_share_of_the_card() -> None:
    sc = krakit.loads(TWICE)
    merged = edit.merge_kras(sc, "revenue-generation", "revenu-generation")
    assert [(k.id, k.weight) for k in merged.kras] == [
        ("revenue-generation", 40.0),
        ("key-accounts", 60.0),
    ]
    kra = merged.kra("revenue-generation")
    assert [(k.id, k.weight) for k in kra.kpis] == [("rev", 45.0), ("gm", 30.0), ("col", 25.0)]
    assert kra.goals == ["grow", "margin"]
    assert kra.description == "Also written as 'revenu generation'."
    assert merged.actuals == sc.actuals  # the actuals stay with their KPIs
    # each KPI weighs in the whole card what it weighed before, so the score is the same
    before, after = krakit.score(sc).overall, krakit.score(merged).overall
    assert after.round(6).equals(before.round(6))


def test_merge_kras_without_weights_and_refusals() -> None:
    sc = edit.set_kras(edit.new_scorecard("Recruiter"), ["Hiring", "Onboarding"])
    sc = edit.add_kra(sc, "hiring")
    merged = edit.merge_kras(sc, "hiring", "hiring-2")
    assert [k.title for k in merged.kras] == ["Hiring", "Onboarding"]
    assert merged.kra("hiring").description is None  # the same title: nothing to remember
    with pytest.raises(krakit.KrakitError, match="into itself"):
        edit.merge_kras(sc, "hiring", "hiring")
    with pytest.raises(krakit.KrakitError, match="nowhere"):
        edit.merge_kras(sc, "hiring", "nowhere")
