"""The definition editor, driven as an analyst would: pick, type, click Preview."""

from __future__ import annotations

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
