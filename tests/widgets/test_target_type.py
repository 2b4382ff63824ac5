"""Step 2's target type and slab editor, driven as a manager would: choose, type, click, save."""

from __future__ import annotations

import pytest

import krakit
from krakit.model import Slab
from krakit.scoring.targets import TARGET_KINDS, THRESHOLD
from krakit.widgets.kpis import KPIStep
from krakit.widgets.target_type import SlabEditor, TargetTypeBox

SENTENCE = "Achieve monthly sales of ₹10 lakh by March 2027"
DEFAULT = [Slab(at=at, points=p) for at, p in ((80, 50), (90, 80), (100, 100), (110, 120))]


def _rows(editor: SlabEditor) -> list[tuple[str, str]]:
    """Each row's text and the problem shown under it."""
    return [(box.value, problem.value) for box, problem in editor._rows]


def test_every_type_has_its_one_line_explanation() -> None:
    box = TargetTypeBox()
    assert [v for _, v in box._type.options] == [k.type.value for k in TARGET_KINDS]
    for kind in TARGET_KINDS:
        box.choose(kind.type)
        assert kind.explain.split(":")[0] in box._about.value
        assert (box.slabs.layout.display != "none") is (kind.type.value == "slab")


def test_blank_start_then_a_slab_kpi_saved(recruiter: krakit.Scorecard) -> None:
    step = KPIStep(recruiter)
    step.select("recruitment")
    step._scoring.choose("slab")  # before anything is typed: nothing to check yet
    assert step.draft is None and "error" not in step._message.value
    step._statement.value = SENTENCE
    assert step._scoring.target_type == "slab"  # the sentence did not undo the choice
    assert step.draft is not None and step.draft.slabs == DEFAULT
    step._save.click()
    saved = step.value.kra("recruitment").kpis[-1]
    assert (saved.target_type, saved.target, saved.slabs) == ("slab", 1_000_000, DEFAULT)


def test_rows_in_odd_order_added_and_removed(recruiter: krakit.Scorecard) -> None:
    step = KPIStep(recruiter)
    step._statement.value = SENTENCE
    step._scoring.choose("slab")
    editor = step._scoring.slabs
    remove = [child.children[1] for child in editor._table.children]
    remove[0].click()  # drop 80 → 50
    editor._add.click()
    editor._rows[-1][0].value = "below 90: 20"
    editor._rows[0][0].value = "90-100: 80"
    assert step.draft is not None
    assert [(s.at, s.points) for s in step.draft.slabs] == [
        (0, 20),
        (90, 80),
        (100, 100),
        (110, 120),
    ]
    assert "below 90%" not in editor._overall.value  # a slab from 0%: nothing below it
    assert "0–90% → 20" in editor._overall.value


def test_a_bad_row_is_said_under_it_and_nothing_is_saved(recruiter: krakit.Scorecard) -> None:
    step = KPIStep(recruiter)
    step.select("recruitment")
    before = len(step.value.all_kpis())
    step._statement.value = SENTENCE
    step._scoring.choose("slab")
    editor = step._scoring.slabs
    editor._rows[1][0].value = "ninety → 80"
    editor._rows[2][0].value = "80% → 70"
    rows = _rows(editor)
    assert "cannot read the slab" in rows[1][1] and "krakit-msg-error" in rows[1][1]
    assert "two slabs start at 80%" in rows[2][1]
    assert rows[0][1] == rows[3][1] == ""
    assert step.draft is None
    assert "slabs: slab 2: cannot read the slab" in step._message.value
    step._save.click()  # refused in words, not raised
    assert len(step.value.all_kpis()) == before
    assert "slab 2: cannot read the slab" in step._message.value
    editor._rows[1][0].value = "90 → 80"
    editor._rows[2][0].value = "100 → 100"
    assert step.draft is not None and "cannot read" not in step._message.value


def test_every_row_removed_says_add_one(recruiter: krakit.Scorecard) -> None:
    step = KPIStep(recruiter)
    step._statement.value = SENTENCE
    step._scoring.choose("slab")
    editor = step._scoring.slabs
    while editor._table.children:
        editor._table.children[0].children[1].click()
    assert "no slabs yet" in editor._overall.value
    assert step.draft is None


@pytest.mark.parametrize("then", ["ratio", "milestone"])
def test_switching_away_from_slabs_saves_none_and_back_finds_them(
    recruiter: krakit.Scorecard, then: str
) -> None:
    """Decision: the rows stay while the form is open; a KPI saved as another type has none."""
    step = KPIStep(recruiter)
    step.select("recruitment")
    step._scoring.choose("slab")
    step._statement.value = SENTENCE
    step._scoring.slabs._rows[0][0].value = "85 → 40"
    step._scoring.choose(then)
    assert step.draft is not None and step.draft.slabs is None
    assert step.draft.target_type == then
    step._scoring.choose("slab")
    assert step.draft.slabs[0] == Slab(at=85, points=40)
    step._scoring.choose(then)
    step._save.click()
    saved = step.value.kra("recruitment").kpis[-1]
    assert (saved.target_type, saved.slabs) == (then, None)


def test_editing_a_slab_kpi_shows_its_slabs_and_saves_changes(
    recruiter: krakit.Scorecard,
) -> None:
    card = krakit.edit.add_kpi(
        recruiter,
        "recruitment",
        krakit.KPI(
            statement="Offers closed",
            metric="Offers closed",
            target=20,
            target_type="slab",
            slabs=[Slab(at=70, points=30), Slab(at=100, points=100)],
        ),
    )
    step = KPIStep(card)
    step.select(kpi_id="offers-closed")
    assert step._scoring.target_type == "slab"
    assert [box.value for box, _ in step._scoring.slabs._rows] == ["70% → 30", "100% → 100"]
    step._scoring.slabs._rows[0][0].value = "75% → 30"
    step._save.click()
    assert step.value.kpi("offers-closed").slabs[0] == Slab(at=75, points=30)
    step._start_new()  # a new KPI starts as ratio with the default table ready
    assert step._scoring.target_type == "ratio"
    assert step._scoring.slabs._rows[0][0].value == "80% → 50"


def test_a_threshold_sentence_picks_the_type_and_saves_it(recruiter: krakit.Scorecard) -> None:
    """Until now the wizard saved every KPI as ratio, whatever the sentence said."""
    step = KPIStep(recruiter)
    step.select("recruitment")
    step._statement.value = "Maintain server uptime above 99.5% every month"
    assert step._scoring.target_type == "threshold"
    assert THRESHOLD.explain in step._scoring._about.value
    step._save.click()
    assert step.value.kra("recruitment").kpis[-1].target_type == "threshold"


def test_user_text_in_a_row_is_escaped() -> None:
    editor = SlabEditor()
    editor._rows[0][0].value = "<img src=x onerror=alert(1)>"
    assert "<img" not in editor._rows[0][1].value
    assert "&lt;img" in editor._rows[0][1].value


def test_go_to_the_slabs_from_a_finding(recruiter: krakit.Scorecard) -> None:
    card = krakit.edit.add_kpi(
        recruiter,
        "recruitment",
        krakit.KPI(statement="Offers closed", target=20, target_type="slab", slabs=DEFAULT),
    )
    step = KPIStep(card)
    step.select(kpi_id="offers-closed", field="slabs")
    assert "krakit-jump" in step._scoring.slabs._dom_classes
    assert "Fix the slabs of this KPI here" in step._message.value
    step.select(kpi_id="offers-closed", field="target_type")
    assert "krakit-jump" not in step._scoring.slabs._dom_classes
    assert "krakit-jump" in step._scoring._dom_classes


def test_a_blank_card_gets_a_slab_kpi_typed_in_odd_order() -> None:
    """Blank start: the type and a slab row before the sentence, the target typed last."""
    card = krakit.edit.set_kras(krakit.edit.new_scorecard("Dealer manager"), ["Dealer sales"])
    step = KPIStep(card)
    step.select("dealer-sales")
    step._scoring.choose("slab")
    step._scoring.slabs._rows[3][0].value = "110+ : 125"
    step._statement.value = "Grow dealer sales every month"
    step._fields["target"].value = "₹8 lakh"
    step._fields["unit"].value = ""
    assert step.draft is not None
    assert (step.draft.target, step.draft.unit) == (800_000, "INR")
    step._save.click()
    (kpi,) = step.value.kra("dealer-sales").kpis
    assert kpi.target_type == "slab" and kpi.slabs[-1] == Slab(at=110, points=125)
