"""What new users did in the app that broke or confused, as widget tests (values and clicks).

A ward sister starting blank typed weights as people write them ("30%", "30 %", "thirty",
"0.3"), a trainer edited a library template's KRA list, a founder clicked the steps in odd
order. Each test is one thing they met.
"""

from __future__ import annotations

from pathlib import Path

import krakit
from krakit.widgets import Workshop


def _ward(tmp_path: Path) -> Workshop:
    wizard = krakit.workshop(tmp_path / "ws")
    wizard.roles._blank.click()
    wizard.roles._title.value = "ward sister"
    wizard.roles._lines.value = "patient saftey\nINFECTION CONTROL\n\nstaff rostering & training\n"
    return wizard


def test_weights_typed_with_percent_signs_and_words_are_taken_and_stay_as_typed(
    tmp_path: Path,
) -> None:
    wizard = _ward(tmp_path)
    rows = list(wizard.roles._rows.values())
    for row, typed in zip(rows, ["30%", "30 %", "thirty"], strict=True):
        row._weight.value = typed
    assert [k.weight for k in wizard.value.kras] == [30, 30, 30]
    assert "90 of 100" in wizard.roles._total.value
    wizard.roles._lines.value += "\nward supplies"  # a redraw keeps what was typed
    assert [row._weight.value for row in rows] == ["30%", "30 %", "thirty"]
    assert all(row._note.value == "" for row in rows)


def test_a_bare_fraction_is_asked_about_not_guessed(tmp_path: Path) -> None:
    wizard = _ward(tmp_path)
    row = wizard.roles._rows["staff-rostering-training"]
    row._weight.value = "0.3"
    assert wizard.value.kra("staff-rostering-training").weight is None  # not 0.3, not 30
    for shown in (row._note.value, wizard.roles._message.value):
        assert "30%" in shown and "0.3%" in shown and "krakit-msg-error" in shown
    assert "Staff rostering" in wizard.roles._message.value  # the step says which KRA
    wizard.roles._lines.value += "\nward supplies"
    assert row._weight.value == "0.3" and "0.3%" in row._note.value  # kept as typed
    row._weight.value = "30"
    assert wizard.value.kra("staff-rostering-training").weight == 30
    assert row._note.value == ""


def test_a_kpi_weight_and_target_typed_with_percent_signs(tmp_path: Path) -> None:
    wizard = _ward(tmp_path)
    wizard.next()
    kpis = wizard.kpis
    kpis.select("infection-control")
    kpis._statement.value = "Hand hygiene compliance"
    kpis._fields["target"].value = "95 %"
    kpis._fields["weight"].value = "40%"
    assert "krakit-msg-error" not in kpis._message.value, kpis._message.value
    kpis._save.click()
    kpi = wizard.value.kra("infection-control").kpis[0]
    assert (kpi.target, kpi.unit, kpi.weight) == (95, "%", 40)
    kpis._statement.value = "Patient falls per month"
    kpis._fields["weight"].value = "0.4"
    assert "40%" in kpis._message.value and "0.4%" in kpis._message.value


def test_editing_a_template_keeps_every_kra_it_had(tmp_path: Path) -> None:
    # "Quality of hire" reads like a KPI on its own; as the template's KRA with KPIs and a
    # weight it must survive the trainer adding a line below it.
    wizard = krakit.workshop(tmp_path / "ws", template="recruiter")
    before = [(k.title, k.weight, len(k.kpis)) for k in wizard.value.kras]
    assert "Quality of hire" in [t for t, _w, _n in before]
    wizard.roles._lines.value += "\nTraining new recruiters"
    after = [(k.title, k.weight, len(k.kpis)) for k in wizard.value.kras]
    assert after[: len(before)] == before
    assert [t for t, _w, _n in after][-1] == "Training new recruiters"
    assert not wizard.value.unassigned_kpis
    assert "Quality of hire" not in [row.text for row in wizard.roles._flags.children]


def test_a_blank_start_asks_for_the_role_and_saves_only_once_it_is_named(
    tmp_path: Path,
) -> None:
    wizard = krakit.workshop(tmp_path / "ws")
    roles = wizard.roles
    assert roles._title.value == "" and "Name the role" in roles._title.placeholder
    roles._blank.click()
    assert roles._title.value == ""  # no made-up "New role"
    assert "Name the role" in roles._message.value
    roles._lines.value = "Bikri badhana"
    wizard.step = 3
    step = wizard.scorecard_step
    step._save.click()
    assert not step.saved_path and "name the role first" in step._saved.value
    assert not list((tmp_path / "ws").glob("*.yaml"))
    wizard.step = 0
    roles._title.value = "Kirana owner"
    wizard.step = 3
    step._save.click()
    assert krakit.load(step.saved_path).role.title == "Kirana owner"
    wizard.step = 0
    roles._title.value = ""  # emptied: unnamed again, not the old name kept out of sight
    assert krakit.edit.untitled(wizard.value)


def test_odd_order_step4_and_step3_before_any_kpi_say_what_to_do_first(tmp_path: Path) -> None:
    wizard = krakit.workshop(tmp_path / "ws")
    wizard.step = 3
    step = wizard.scorecard_step
    step._record.click()
    assert "add KPIs in step 2 first" in step._message.value and "Recorded" not in (
        step._message.value
    )
    wizard.step = 2
    summary = wizard.checks._summary.value
    assert "Nothing to check yet" in summary and "ready to agree" not in summary
    wizard.step = 0
    wizard.roles._title.value = "Dukaan owner"
    wizard.roles._lines.value = "Bikri badhana"
    wizard.next()
    wizard.kpis.select("bikri-badhana")
    wizard.kpis._statement.value = "Monthly bikri ₹5 lakh by March 2027"
    wizard.kpis._save.click()
    wizard.step = 2
    summary = wizard.checks._summary.value
    assert "No errors" in summary and "warning" in summary and "ready to agree" not in summary
    assert " 0 " not in summary  # only the kinds there are ("2 warnings", not "0 suggestions")
    wizard.step = 3
    step._record.click()  # every box blank: nothing to record, and it says so
    assert "Nothing recorded" in step._message.value and not wizard.value.actuals


def test_a_kpi_in_devanagari_is_named_by_its_words_not_its_id(tmp_path: Path) -> None:
    wizard = krakit.workshop(tmp_path / "ws")
    wizard.roles._title.value = "दुकान मालिक"
    wizard.roles._lines.value = "बिक्री बढ़ाना"
    kra = wizard.value.kras[0].id
    wizard.next()
    wizard.kpis.select(kra)
    wizard.kpis._statement.value = "मासिक बिक्री ₹5 लाख तक by March 2027"
    wizard.kpis._save.click()
    kpi = wizard.value.kras[0].kpis[0]
    wizard.step = 2
    heads = " ".join(
        head.value for head in wizard.checks._groups.children if not hasattr(head, "apply")
    )
    assert "KPI बिक्री" in heads and f"KPI {kpi.id}" not in heads  # the metric, in its own words
    wizard.step = 3
    cell = wizard.scorecard_step._cells[kpi.id]
    assert cell.description.startswith("बिक्री")  # the actuals box is named the same way


def test_a_do_this_first_message_goes_once_it_is_done(tmp_path: Path) -> None:
    wizard = krakit.workshop(tmp_path / "ws")
    wizard.step = 3
    wizard.scorecard_step._record.click()
    assert "add KPIs in step 2 first" in wizard.scorecard_step._message.value
    wizard.step = 0
    wizard.roles._title.value = "Shop owner"
    wizard.roles._lines.value = "Sales"
    wizard.next()
    wizard.kpis.select("sales")
    wizard.kpis._statement.value = "Monthly sales ₹5 lakh by March 2027"
    wizard.kpis._save.click()
    wizard.step = 3
    assert "add KPIs in step 2 first" not in wizard.scorecard_step._message.value


def test_no_weights_yet_reads_as_equal_shares_not_as_a_red_zero(tmp_path: Path) -> None:
    wizard = krakit.workshop(tmp_path / "ws")
    wizard.roles._title.value = "Shop owner"
    wizard.roles._lines.value = "Sales\nStock"
    total = wizard.roles._total.value
    assert "No weights yet" in total and "0 of 100" not in total and "off" not in total
    wizard.roles._rows["sales"]._weight.value = "60"
    assert "60 of 100" in wizard.roles._total.value
    wizard.next()
    wizard.kpis.select("sales")
    wizard.kpis._statement.value = "Monthly sales ₹5 lakh by March 2027"
    wizard.kpis._save.click()
    assert "count equally" in wizard.kpis._list.value and "0 of 100" not in wizard.kpis._list.value


def test_saved_says_the_name_in_the_workspace_not_the_servers_path(tmp_path: Path) -> None:
    wizard = krakit.workshop(tmp_path / "ws", template="recruiter")
    wizard.step = 3
    step = wizard.scorecard_step
    first = wizard.value.all_kpis()[0].id
    step.set_cell(first, "5")
    step._record.click()
    assert "Click Save to keep them" in step._message.value
    step._save.click()
    shown = step._saved.value
    text = shown.split(">", 1)[1]  # the words on screen, after the tag with its tooltip
    assert "Saved to the workspace as recruiter.yaml" in text and str(tmp_path) not in text
    assert f'title="{tmp_path}' in shown  # the full path stays one hover away
    assert "Click Save" not in step._message.value  # done: the reminder goes


def test_fixing_a_typo_in_a_kra_keeps_its_weight_and_kpis(tmp_path: Path) -> None:
    wizard = krakit.workshop(tmp_path / "ws")
    wizard.roles._blank.click()
    wizard.roles._title.value = "Sales lead"
    wizard.roles._lines.value = "Revenu generation\nCustomer retention"
    wizard.roles._rows["revenu-generation"]._weight.value = "60"
    wizard.next()
    wizard.kpis.select("revenu-generation")
    wizard.kpis._statement.value = "Achieve ₹2.5 lakh monthly revenue by March 2027"
    wizard.kpis._save.click()
    wizard.back()
    wizard.roles._lines.value = "Revenue generation\nCustomer retention"  # one letter typed
    kra = wizard.value.kras[0]
    assert (kra.title, kra.weight, [k.id for k in kra.kpis]) == (
        "Revenue generation",
        60,
        ["monthly-revenue"],
    )
    assert not wizard.value.unassigned_kpis
    assert "Removed" not in wizard.roles._message.value


def test_deleting_a_kra_with_kpis_says_where_they_went(tmp_path: Path) -> None:
    wizard = krakit.workshop(tmp_path / "ws")
    wizard.roles._blank.click()
    wizard.roles._lines.value = "Revenue generation\nCustomer retention"
    wizard.next()
    wizard.kpis.select("revenue-generation")
    wizard.kpis._statement.value = "Achieve ₹2.5 lakh monthly revenue by March 2027"
    wizard.kpis._save.click()
    wizard.back()
    wizard.roles._lines.value = "Customer retention"
    assert [k.id for k in wizard.value.unassigned_kpis] == ["monthly-revenue"]
    shown = wizard.roles._message.value
    assert "Revenue generation" in shown and "1 KPI" in shown and "not under a KRA yet" in shown


def test_a_month_typed_two_ways_is_corrected_not_doubled(tmp_path: Path) -> None:
    wizard = krakit.workshop(tmp_path / "ws")
    wizard.roles._blank.click()
    wizard.roles._title.value = "Shop owner"
    wizard.roles._lines.value = "Sales"
    wizard.next()
    wizard.kpis.select("sales")
    wizard.kpis._statement.value = "Achieve ₹2.5 lakh monthly revenue by March 2027"
    wizard.kpis._save.click()
    for _ in range(2):
        wizard.next()
    step = wizard.scorecard_step
    for period, typed in (("Apr-26", "2,40,000"), ("2026-04", "2,60,000")):
        step._period.value = period
        step.set_cell("monthly-revenue", typed)
        step._record.click()
    assert [(a.period, a.value) for a in wizard.value.actuals] == [("2026-04", 260000)]
    step._period.value = "April 2026"  # the grid shows what was recorded for the month
    assert step._cells["monthly-revenue"].value == "260000"
    assert "given twice" not in step._scores.value and "Cannot score" not in step._scores.value


def test_kras_written_in_hindi_are_each_kept(tmp_path: Path) -> None:
    wizard = krakit.workshop(tmp_path / "ws")
    wizard.roles._blank.click()
    wizard.roles._title.value = "बिक्री प्रबंधक"
    wizard.roles._lines.value = "बिक्री बढ़ाना\nग्राहक सेवा\nटीम प्रशिक्षण"
    assert [k.title for k in wizard.value.kras] == ["बिक्री बढ़ाना", "ग्राहक सेवा", "टीम प्रशिक्षण"]
    for row, typed in zip(wizard.roles._rows.values(), ["50", "30", "20"], strict=True):
        row._weight.value = typed
    assert [k.weight for k in wizard.value.kras] == [50, 30, 20]


def test_an_actual_written_as_on_an_indian_bill(tmp_path: Path) -> None:
    wizard = krakit.workshop(tmp_path / "ws")
    wizard.roles._blank.click()
    wizard.roles._lines.value = "Sales"
    wizard.next()
    wizard.kpis.select("sales")
    wizard.kpis._statement.value = "Achieve ₹2.5 lakh monthly revenue by March 2027"
    wizard.kpis._save.click()
    wizard.next()
    wizard.next()
    step = wizard.scorecard_step
    step._period.value = "May 2026"
    step.set_cell("monthly-revenue", "Rs. 2,40,000/-")
    step._record.click()
    assert [(a.period, a.value) for a in wizard.value.actuals] == [("2026-05", 240000)]
    assert "Recorded" in step._message.value
    step.set_cell("monthly-revenue", "two and a half")
    step._record.click()
    shown = step._message.value
    assert "Sales › Monthly revenue › actual: May 2026: expected a number" in shown, shown
