"""krakit.place: scorecard paths said in words; the paths themselves stay in the API."""

from __future__ import annotations

import pytest

import krakit
from krakit import edit
from krakit.errors import ConflictError, ScorecardError
from krakit.place import describe, humanize, plain_error


@pytest.fixture
def support() -> krakit.Scorecard:
    sc = edit.new_scorecard("Customer support team lead")
    sc = edit.set_kras(sc, ["Ticket resolution", "Customer satisfaction"])
    sc = edit.add_statement(sc, "ticket-resolution", "Reduce ticket backlog")
    sc = edit.add_statement(sc, None, "Answer every chat the same day")
    return edit.add_goal(sc, "Happier customers this year")


@pytest.mark.parametrize(
    ("where", "words"),
    [
        (
            "kras[ticket-resolution].kpis[ticket-backlog].target",
            "Ticket resolution › Ticket backlog › target",
        ),
        ("kpis[ticket-backlog].data_source", "Ticket resolution › Ticket backlog › data source"),
        ("kras[customer-satisfaction].weight", "Customer satisfaction › weight"),
        ("kras[customer-satisfaction]", "Customer satisfaction"),
        ("kras", "KRAs"),
        ("goals[happier-customers-this-year]", "goal › Happier customers this year"),
        ("kras[no-such-kra].kpis[nor-this].target_low", "no-such-kra › nor-this › range from"),
        ("", "the whole scorecard"),
    ],
)
def test_describe(support: krakit.Scorecard, where: str, words: str) -> None:
    assert describe(where, support) == words


def test_an_unassigned_kpi_says_it_has_no_kra(support: krakit.Scorecard) -> None:
    kpi = support.unassigned_kpis[0]
    assert describe(f"unassigned_kpis[{kpi.id}].owner", support).startswith(
        "KPIs not under a KRA › "
    )


def test_a_long_sentence_is_cut(support: krakit.Scorecard) -> None:
    sc = edit.add_statement(support, None, "Make sure that " + "every single ticket " * 10)
    words = describe(f"kpis[{sc.unassigned_kpis[-1].id}]", sc)
    assert words.endswith("…") and len(words) < 100


def test_humanize_leaves_plain_words_and_replaces_every_path(support: krakit.Scorecard) -> None:
    text = "goals matter; kras[ticket-resolution].weight and kpis[ticket-backlog].unit are unset"
    assert humanize(text, support) == (
        "goals matter; Ticket resolution › weight and Ticket resolution › Ticket backlog › unit"
        " are unset"
    )


def test_plain_error_names_the_field_in_words(support: krakit.Scorecard) -> None:
    with pytest.raises(ScorecardError) as caught:
        edit.update_kra(support, "ticket-resolution", weight="lots")
    assert caught.value.field == "kras[ticket-resolution].weight"  # the API keeps the path
    shown = plain_error(caught.value, support)
    assert shown.startswith("Ticket resolution › weight") and "[" not in shown


def test_a_name_clash_says_what_the_wizard_button_says(tmp_path, support) -> None:
    ws = krakit.Workspace(tmp_path)
    ws.save(krakit.Scorecard(role={"title": "Someone else"}), "lead")
    with pytest.raises(ConflictError) as caught:
        ws.save(support, "lead")
    assert "force=True" in str(caught.value)  # the API speaks to programmers
    shown = plain_error(caught.value, support)
    assert "force" not in shown and "Replace the other file" in shown
