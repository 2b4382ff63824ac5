"""The definition editor, driven as an analyst would: pick, type, click Preview."""

from __future__ import annotations

import inspect

import pandas as pd
import pytest

import krakit
from krakit.sample_raw import metrics_path, raw_paths, sample_cards
from krakit.widgets._base import is_guarded
from krakit.widgets.definition_editor import DefinitionEditor

KPI = "average-time-to-hire"


@pytest.fixture(scope="module")
def recruiters():
    return {p: c for p, c in sample_cards().items() if p in ("p07", "p08", "p09")}


@pytest.fixture
def editor(recruiters) -> DefinitionEditor:
    return DefinitionEditor(recruiters, raw_paths(), metrics_path(), kpi=KPI)


def test_opens_on_the_definition_in_use(editor) -> None:
    assert editor._source.value == "requisitions"
    assert editor._agg.value == "average"
    assert editor._time.value == "filled_on" and editor._person.value == "recruiter"
    assert "internal_transfer" in editor._filter.value
    assert "approved_on" in editor._time.options  # the source's own columns
    assert editor.value == krakit.metrics.load_metrics(metrics_path()).metrics[KPI]


def test_median_preview_shows_periods_scores_and_who_moved(editor, recruiters) -> None:
    editor._agg.value = "median"
    editor._preview.click()
    assert editor._msg.value == ""
    html = editor._out.value
    assert "Ishaan Rao: now" in html and "Ishaan Rao: edited" in html
    assert "2025-04" in html and "2026-03" in html
    assert "rank" in html and "→" in html
    assert editor.comparison.changed == [KPI]
    # the preview is compare_definitions with the form's definition, nothing of its own
    direct = krakit.compare_definitions(
        recruiters, raw_paths(), new={KPI: editor.value}, metrics=metrics_path()
    )
    pd.testing.assert_frame_equal(editor.comparison.people, direct.people)


def test_time_column_and_filter_from_the_form(editor) -> None:
    editor._time.value = "approved_on"
    editor._filter.value = "   "  # blank: no filter
    assert editor.value.time == "approved_on" and editor.value.filter is None
    editor._preview.click()
    assert editor.comparison.versions[KPI][0] != editor.comparison.versions[KPI][1]


@pytest.mark.parametrize(
    ("expr", "says"),
    [
        ("(SELECT 1)", "subquery"),
        ("days_to_fill", "not a column"),
        ("read_csv('/etc/passwd')", "table function"),
        ("date_diff('day', approved_on", "expr"),
    ],
)
def test_a_refused_expression_is_a_plain_message(editor, expr, says, crash_folder) -> None:
    editor._agg.value = "median"
    editor._preview.click()
    assert editor._out.value  # a preview first: the error must not leave it standing
    editor._expr.value = expr
    editor._preview.click()
    assert "krakit-msg-error" in editor._msg.value and says in editor._msg.value
    assert editor._out.value == "" and editor.comparison is None
    assert "bug" not in editor._msg.value and "Traceback" not in editor._msg.value
    assert not crash_folder.exists()


def test_an_incomplete_form_has_no_value_and_preview_says_why(editor) -> None:
    editor._agg.value = "sum"
    editor._expr.value = ""
    assert editor.value is None
    editor._preview.click()
    assert "needs an" in editor._msg.value and "expr" in editor._msg.value


def test_the_same_definition_says_nothing_moved(editor) -> None:
    editor._preview.click()
    assert "definition in use" in editor._out.value


def test_switching_source_offers_its_columns(editor) -> None:
    editor._source.value = "offers"
    assert editor._time.options == ("(none)", "id", "recruiter", "offered_on", "status")
    assert editor._person.value == "recruiter"  # kept: offers has it too


def test_user_text_is_escaped(recruiters) -> None:
    team = {p: c.model_copy(deep=True) for p, c in recruiters.items()}
    team["p07"].holder = "<img src=x onerror=alert(1)>"
    editor = DefinitionEditor(team, raw_paths(), metrics_path(), kpi=KPI)
    editor._agg.value = "median"
    editor._preview.click()
    assert "<img" not in editor._out.value and "&lt;img" in editor._out.value


def test_a_kpi_without_a_definition_is_named(recruiters) -> None:
    editor = DefinitionEditor(recruiters, raw_paths(), metrics_path(), kpi="time-to-hyre")
    assert "time-to-hyre" in editor._msg.value and KPI in editor._msg.value


def test_p_is_asked_for_a_percentile_only(editor) -> None:
    assert editor._p.layout.display == "none"
    editor._agg.value = "percentile"
    assert editor._p.layout.display is None
    editor._p.value = 0.75
    assert editor.value.p == 0.75


def test_every_callback_is_guarded(editor) -> None:
    for handler in editor._preview._click_handlers.callbacks:
        assert is_guarded(handler)


RATIO = "offer-acceptance-rate"


@pytest.fixture
def ratio_editor(recruiters) -> DefinitionEditor:
    return DefinitionEditor(recruiters, raw_paths(), metrics_path(), kpi=RATIO)


def test_a_ratio_opens_with_numerator_denominator_and_scale(ratio_editor) -> None:
    e = ratio_editor
    assert e._den.box.layout.display is None and e._scale.layout.display is None
    assert e._source.value == "offers" and e._filter.value == "status = 'accepted'"
    assert e._den.source.value == "offers" and e._den.agg.value == "count"
    assert e._den.filter.value == "" and e._den.time.value == "offered_on"
    assert e._scale.value == 100
    assert e.value == krakit.metrics.load_metrics(metrics_path()).metrics[RATIO]


def test_a_ratio_edited_previews_per_period_and_scores(ratio_editor, recruiters) -> None:
    e = ratio_editor
    e._filter.value = "status = 'accepted' AND id % 2 = 0"  # half the accepted offers
    e._den.filter.value = "status IN ('accepted', 'declined')"
    e._preview.click()
    assert e._msg.value == ""
    assert e.value.ratio.numerator.filter.endswith("id % 2 = 0")
    assert e.value.ratio.denominator.filter.startswith("status IN")
    html = e._out.value
    assert "Ishaan Rao: now" in html and "Ishaan Rao: edited" in html and "2026-03" in html
    direct = krakit.compare_definitions(
        recruiters, raw_paths(), new={RATIO: e.value}, metrics=metrics_path()
    )
    pd.testing.assert_frame_equal(e.comparison.kpis, direct.kpis)
    assert (direct.kpis["actual_new"] < direct.kpis["actual_old"]).all()
    e._scale.value = 1  # a share of 1, not a %
    e._preview.click()
    assert e.comparison.kpis["actual_new"].max() <= 1


@pytest.mark.parametrize(
    ("side", "control", "text", "says"),
    [
        ("den", "filter", "status = (SELECT 1)", "denominator › filter"),
        ("den", "expr", "sum(id)", "denominator › expr"),
        ("num", "filter", "stat = 'accepted'", "numerator › filter"),
        ("num", "expr", "read_parquet('x')", "numerator › expr"),
    ],
)
def test_a_refused_ratio_part_is_named_on_screen(
    ratio_editor, side, control, text, says, crash_folder
) -> None:
    e = ratio_editor
    form = e._den if side == "den" else e._form
    if control == "expr":
        form.agg.value, form.expr.value = "count_distinct", "id"
    e._filter.value = "status = 'declined'"
    e._preview.click()
    assert e._out.value
    getattr(form, control).value = text
    e._preview.click()
    assert "krakit-msg-error" in e._msg.value and says in e._msg.value, e._msg.value
    assert e._out.value == "" and e.comparison is None
    assert "bug" not in e._msg.value and "Traceback" not in e._msg.value
    assert not crash_folder.exists()


def test_an_incomplete_denominator_is_named(ratio_editor) -> None:
    ratio_editor._den.agg.value = "sum"
    assert ratio_editor.value is None
    ratio_editor._preview.click()
    msg = ratio_editor._msg.value
    assert "denominator" in msg and "needs an" in msg and "expr" in msg


def test_a_measure_kpi_hides_the_ratio_parts(ratio_editor) -> None:
    ratio_editor._kpi.value = KPI
    assert ratio_editor._den.box.layout.display == "none"
    assert ratio_editor._scale.layout.display == "none"
    assert ratio_editor.value.kind == "measure" and ratio_editor._agg.value == "average"
    ratio_editor._kpi.value = RATIO
    assert ratio_editor.value.kind == "ratio" and ratio_editor._den.box.layout.display is None


def test_the_ratio_controls_are_guarded(ratio_editor) -> None:
    for control in (ratio_editor._den.source, ratio_editor._den.agg):
        handlers = [  # the editor's own (the class's ObserveHandlers are ipywidgets')
            h for h in control._trait_notifiers["value"]["change"] if inspect.isfunction(h)
        ]
        assert handlers and all(is_guarded(h) for h in handlers)


def test_score_over_a_year_computes_it_from_the_rows() -> None:
    from tests.metrics.test_rollup import _team

    team, frame = _team()
    editor = DefinitionEditor(team, {"events": frame}, kpi="days")
    editor._agg.value = "average"
    editor._preview.click()
    totals = editor.comparison.totals.set_index("kpi")
    assert totals.loc["days", ["actual_old", "actual_new"]].tolist() == [22.0, 22.0]
    editor._over.value = "annual"
    editor._preview.click()
    totals = editor.comparison.totals.set_index("kpi")
    assert totals.loc["days", ["actual_old", "actual_new"]].tolist() == [5.0, 13.0]
    assert "2026-01" in editor._out.value  # the periods are still shown
