"""The facilitator's view: wiring only (set values, click), over a room on disk."""

from __future__ import annotations

import io
import threading
import zipfile
from pathlib import Path

import pytest

import krakit
from krakit.errors import InputError
from krakit.room import Room
from krakit.training import QuizItem
from krakit.widgets.facilitator import Facilitator, facilitator
from tests.room.conftest import card

QUIZ = (
    QuizItem("Vendor management", "KRA", ""),
    QuizItem("Average handle time", "KPI", ""),
)


@pytest.fixture
def room(tmp_path: Path) -> Room:
    room = Room(path=tmp_path / "batch-7")
    priya = room.join("Priya <b>S</b>")
    priya.publish("progress", {"step": 2, "step_name": "KPIs"})
    priya.publish(
        "scorecard", card("Shift lead", {"Safety": ["Safety culture", "Zero lost-time injuries"]})
    )
    priya.publish("quiz", {"answers": {"Vendor management": "KPI"}})
    dev = room.join("Dev")
    dev.publish("scorecard", card("Shift lead", {"safety": ["Workplace safety"]}))
    dev.publish("quiz", {"answers": {"Vendor management": "KRA", "Average handle time": "KPI"}})
    return room


@pytest.fixture
def view(room: Room) -> Facilitator:
    view = Facilitator(room, items=QUIZ, poll=False)
    yield view
    view.close()


def test_people_table_and_header(view: Facilitator) -> None:
    assert "2 people" in view._header.value and "batch-7" in view._header.value
    assert (
        "Priya &lt;b&gt;S&lt;/b&gt;" in view._people.value and "<b>S</b>" not in view._people.value
    )
    assert "KPIs" in view._people.value
    view._projecting.value = True
    assert "Priya" not in view._people.value and "Dev" not in view._people.value


def test_picking_a_mistake_shows_its_lines_and_projecting_hides_names(view: Facilitator) -> None:
    codes = dict((code, label) for label, code in view.mistakes._code.options)
    assert "C001" in codes and "2 of 2" in codes["C001"]
    assert "<svg" not in view.mistakes._bars.svg  # drawn only while its tab is open
    view._tabs.selected_index = 1
    assert "<svg" in view.mistakes._bars.svg
    assert "label: C001 · 2 of 2" in view.mistakes._bars.svg  # what a click on the bar reads
    view.mistakes._bars.picked = "C001"  # what a click on the bar does
    assert view.mistakes._code.value == "C001" and "Safety culture" in view.mistakes._lines.value
    view.mistakes._code.value = None
    view.mistakes._code.value = "C001"
    assert (
        "Safety culture" in view.mistakes._lines.value
        and "Workplace safety" in view.mistakes._lines.value
    )
    assert "Dev" in view.mistakes._lines.value
    view._projecting.value = True
    assert (
        "Dev" not in view.mistakes._lines.value and "Safety culture" in view.mistakes._lines.value
    )


def test_quiz_key_is_hidden_until_reveal(view: Facilitator) -> None:
    assert "Vendor management" in view.quiz._quiz.value
    assert "<th>Answered</th>" in view.quiz._quiz.value
    for hidden in ("<th>Answer</th>", "<th>Said KRA</th>", "<th>Right</th>", "Most missed"):
        assert hidden not in view.quiz._quiz.value
    view.quiz._reveal.value = True
    assert "<th>Answer</th>" in view.quiz._quiz.value and "Most missed" in view.quiz._quiz.value
    assert "<svg" in view.quiz._quiz.value  # the score distribution
    view.quiz._reveal.value = False
    assert "<th>Right</th>" not in view.quiz._quiz.value


def test_spotlight_steps_through_drafts_without_names(view: Facilitator) -> None:
    seen = []
    for _ in range(3):
        seen.append(view.spotlight.statement)
        assert (
            "Priya" not in view.spotlight_tab._spot.value
            and "Dev" not in view.spotlight_tab._spot.value
        )
        view.spotlight_tab._next.click()
    assert sorted(seen) == ["Safety culture", "Workplace safety", "Zero lost-time injuries"]
    assert view.spotlight.statement == seen[0]  # wrapped round
    view.spotlight_tab._prev.click()
    assert view.spotlight.statement == seen[2]
    assert view.spotlight_tab._kra.options == ("All KRAs", "Safety")
    view.spotlight_tab._kra.value = "Safety"
    assert view.spotlight.label == "Draft 1 of 3 for 'Safety'"


def test_refresh_sees_a_new_participant_and_skips_when_nothing_changed(
    view: Facilitator, room: Room
) -> None:
    assert view.refresh() is False
    room.join("Lena").publish("progress", {"step": 1, "step_name": "Role & KRAs"})
    assert view.refresh() is True
    assert "Lena" in view._people.value and "3 people" in view._header.value


def test_exports_download(view: Facilitator) -> None:
    book = view.room_tab._workbook.click()
    assert book is not None and book.filename == "batch-7.xlsx" and book.data[:2] == b"PK"
    cards = view.room_tab._zip.click()
    assert cards is not None
    with zipfile.ZipFile(io.BytesIO(cards.data)) as archive:
        assert len(archive.namelist()) == 2


def test_reset_and_close_ask_first(view: Facilitator, room: Room) -> None:
    view.room_tab._reset.click()
    assert view.room_tab._confirm.layout.display == "" and "archive" in view.room_tab._ask.value
    view.room_tab._no.click()
    assert view.room_tab._confirm.layout.display == "none" and len(room.snapshot().tabs) == 2
    view.room_tab._reset.click()
    view.room_tab._yes.click()
    assert room.snapshot().tabs == () and "No one has joined" in view._people.value
    view.room_tab._close.click()
    view.room_tab._yes.click()
    assert room.closed and "closed" in view._header.value
    with pytest.raises(InputError, match="closed"):
        room.join("Late")


def test_an_unreadable_file_is_shown_by_name(view: Facilitator, room: Room) -> None:
    tab = next((room.folder / "participants").iterdir())
    (tab / "quiz.json").write_text('{"half": ')
    view.refresh()
    assert f"participants/{tab.name}/quiz.json" in view._problems.value
    assert "not valid JSON" in view._problems.value


def test_an_unexpected_error_is_called_a_bug_on_screen(view: Facilitator, monkeypatch) -> None:
    from krakit.room import tally

    monkeypatch.setattr(tally, "participants", lambda *a: 1 / 0)
    view._refresh.click()
    assert "bug" in view._message.value and "ZeroDivisionError" in view._message.value


def _made_off_the_main_thread(room: Room) -> Facilitator:
    # The browser tests' session-wide Playwright keeps its asyncio loop marked as running on
    # the main thread between its calls, so there a poller would become a task on a loop that
    # never turns. A thread of our own has no loop, as a plain script has none.
    made: list[Facilitator] = []
    maker = threading.Thread(target=lambda: made.append(facilitator(room, items=QUIZ, every=0.01)))
    maker.start()
    maker.join(60)
    return made[0]


def test_it_polls_by_itself_and_stops_when_closed(room: Room) -> None:
    view = _made_off_the_main_thread(room)
    pause = threading.Event()
    assert isinstance(view, Facilitator) and view.polling  # no loop in a test: a thread
    before = view.refreshes
    room.join("Lena").publish("progress", {"step": 1})
    for _ in range(100_000):  # until the poller has drawn it; bounded, never timed
        if view.refreshes > before and "Lena" in view._people.value:
            break
        pause.wait(0.01)
    assert view.refreshes > before and "Lena" in view._people.value, view._message.value
    view.close()
    view.poller.join(60)
    assert not view.polling and not view.poller.thread.is_alive()


def test_a_second_view_of_the_room_stops_the_first(room: Room) -> None:
    first = facilitator(room, items=QUIZ)
    second = facilitator(room, items=QUIZ)
    assert not first.polling and second.polling
    second.close()


def test_facilitator_by_name(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("KRAKIT_ROOMS", str(tmp_path))
    view = krakit.facilitator("batch-9", anonymous=True, items=QUIZ)
    try:
        assert view.room.folder == tmp_path / "batch-9" and view.room.anonymous
        assert "anonymous" in view._header.value
    finally:
        view.close()


def test_in_a_real_kernel_it_polls_on_the_kernels_loop(tmp_path: Path) -> None:
    """As in JupyterLab and Voilà: an ipykernel runs the poller as a task between messages."""
    from jupyter_client.manager import start_new_kernel

    km, kc = start_new_kernel(kernel_name="python3", cwd=str(tmp_path))

    def run(code: str) -> str:
        out: list[str] = []

        def hook(msg: dict) -> None:
            if msg["msg_type"] in ("stream", "error"):
                out.append(str(msg["content"].get("text") or msg["content"]))

        kc.execute_interactive(code, output_hook=hook, timeout=120)
        return "".join(out)

    try:
        folder = str(tmp_path / "r")
        started = run(
            "from krakit.room import Room\nfrom krakit.widgets.facilitator import facilitator\n"
            f"room = Room(path={folder!r}); v = facilitator(room, every=0.05)\n"
            "print(v.poller.task is not None, v.poller.thread is None)"
        )
        assert started.split() == ["True", "True"]
        run("room.join('Lena').publish('progress', {'step': 1})")
        seen = ""
        for _ in range(2000):  # each round is one message to the kernel; bounded, not timed
            seen = run("print('Lena' in v._people.value)")
            if seen.strip() == "True":
                break
        assert seen.strip() == "True"
        assert run("v.close(); import asyncio; print(v.polling)").strip() == "False"
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


def test_the_chart_is_drawn_at_most_every_few_seconds(view: Facilitator, room: Room) -> None:
    now = [1000.0]
    view.mistakes.redraw.clock = lambda: now[0]
    view._tabs.selected_index = 1
    first = view.mistakes._bars.svg
    room.join("Lena").publish("scorecard", card("Nurse", {"Care": ["Patient care"]}))
    view.refresh()
    assert view.mistakes._bars.svg == first  # drawn a moment ago: pending
    assert "3 of 3" in str(view.mistakes._code.options)  # the picker's counts are current
    now[0] += 10
    view._tick()  # what the poller does
    assert view.mistakes._bars.svg != first and "<svg" in view.mistakes._bars.svg


# ---------------------------------------------------------------- goals and anonymity

TREE = """\
organisation: Plant <i>North</i>
goals:
  - {title: Safe shifts, owner: Plant head}
  - {title: Cut overtime, owner: HR lead}
"""

GOALS_TAB = 4


def _card_with_goals(title: str, kras: dict[str, list[str]]) -> dict:
    return {
        "role": {"title": title},
        "kras": [{"title": k, "goals": g, "kpis": [{"statement": "Zero lost-time injuries"}]}
                 for k, g in kras.items()],
    }  # fmt: skip


def test_goals_tab_says_how_to_give_the_room_a_tree(view: Facilitator) -> None:
    assert view.goals.alignment is None and view.goals._note.value == ""  # not on screen
    view._tabs.selected_index = GOALS_TAB
    assert "no goal tree" in view.goals._note.value
    assert "krakit room goals batch-7 goals.yaml" in view.goals._note.value


def test_goals_tab_shows_coverage_people_and_gaps(
    view: Facilitator, room: Room, tmp_path: Path
) -> None:
    (tmp_path / "tree.yaml").write_text(TREE, encoding="utf-8")
    room.set_goals(tmp_path / "tree.yaml")
    priya = room.join("Priya <b>S</b>")
    priya.publish("scorecard", _card_with_goals("Shift lead", {"Floor safety": ["safe-shifts"]}))
    view.refresh()
    view._tabs.selected_index = GOALS_TAB
    result = view.goals.alignment
    assert result is not None and result.unserved == ["cut-overtime"]
    gaps = view.goals._gaps.value
    assert "Cut overtime" in gaps and "served by no KRA" in gaps
    assert "The KRA &#x27;safety&#x27;" in gaps and "Dev" in gaps  # Dev's KRA serves no goal
    heat = view.goals._heat.value
    assert "Goals × participants" in heat and "Dev" in heat and "Priya" in heat
    assert "<b>S</b>" not in heat and "<i>North</i>" not in view.goals._note.value
    assert "Safe shifts" in view.goals._goals.value and "<td>50.0</td>" in view.goals._goals.value
    assert "50.0%" in view.goals._tree.value and "100.0" in heat  # half the room; all of hers
    view._projecting.value = True
    shown = (
        "".join(part.value for part in (view.goals._note, view.goals._heat, view.goals._gaps))
        + view.goals._goals.value
    )
    assert "Priya" not in shown and "Dev" not in shown and "#2" in view.goals._heat.value


def test_goals_tab_names_a_tree_it_cannot_read(view: Facilitator, room: Room) -> None:
    (room.folder / "goals.yaml").write_text("organisation: X\ngoals: [{title: }]\n")
    view.refresh()
    view._tabs.selected_index = GOALS_TAB
    assert "cannot be read" in view.goals._note.value and "goals.yaml" in view.goals._note.value
    assert view.goals._heat.value == "" and "bug" not in view._message.value


def test_making_the_room_anonymous_hides_every_name_from_then_on(
    view: Facilitator, room: Room
) -> None:
    import shutil

    kept = room.folder.parent / "kept"
    shutil.copytree(room.folder / "participants", kept)
    view.room_tab._anonymous.click()
    assert "cannot be undone" in view.room_tab._ask.value and not room.anonymous
    view.room_tab._yes.click()
    assert room.anonymous and "anonymous" in view._header.value
    assert "2 tabs now carry the alias" in view._message.value
    assert view.room_tab._anonymous.layout.display == "none"
    for shown in (view._people.value, view.mistakes._lines.value, view._problems.value):
        assert "Priya" not in shown and "Dev" not in shown
    on_disk = " ".join(str(p) for p in (room.folder / "participants").rglob("*"))
    on_disk += "".join(p.read_text() for p in room.folder.rglob("participants/*/*.json"))
    assert "Priya" not in on_disk and "Dev" not in on_disk and "dev-" not in on_disk
    book = view.room_tab._workbook.click()
    with zipfile.ZipFile(io.BytesIO(book.data)) as archive:
        cells = [n for n in archive.namelist() if "sharedStrings" in n or "worksheets/" in n]
        sheets = "".join(archive.read(n).decode() for n in cells)
    assert "Priya" not in sheets and ">Dev<" not in sheets
    shutil.copytree(kept, room.folder / "participants", dirs_exist_ok=True)  # a late write
    view.refresh()
    assert not list((room.folder / "participants").glob("[!p]*"))
    assert "Priya" not in view._people.value and "2 people" in view._header.value


def test_names_it_may_not_rewrite_are_said_and_never_shown(
    view: Facilitator, room: Room, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A shared volume: a participant's folder is theirs; the view says so, shows aliases."""
    from krakit.room import anonymity

    monkeypatch.setattr(anonymity, "may_rewrite", lambda folder: not folder.name.startswith("dev"))
    view.room_tab._anonymous.click()
    view.room_tab._yes.click()
    assert "The files of 1 tab keep the name" in view._message.value
    assert "Dev" not in view._people.value and "Priya" not in view._people.value
    assert "2 people" in view._header.value  # the kept tab is still one person, by alias
    (kept,) = anonymity.named_folders(room)
    assert kept.name.startswith("dev-")
    calls = []
    monkeypatch.setattr(room, "set_anonymous", lambda on=True: calls.append(on) or 0)
    room.join("Lena").publish("progress", {"step": 1})
    view.refresh()
    assert calls == []  # not retried on every refresh
