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
    codes = dict((code, label) for label, code in view._code.options)
    assert "C001" in codes and "2 of 2" in codes["C001"]
    assert "<svg" not in view._bars.svg  # drawn only while its tab is open
    view._tabs.selected_index = 1
    assert "<svg" in view._bars.svg
    assert "label: C001 · 2 of 2" in view._bars.svg  # what a click on the bar reads
    view._bars.picked = "C001"  # what a click on the bar does
    assert view._code.value == "C001" and "Safety culture" in view._lines.value
    view._code.value = None
    view._code.value = "C001"
    assert "Safety culture" in view._lines.value and "Workplace safety" in view._lines.value
    assert "Dev" in view._lines.value
    view._projecting.value = True
    assert "Dev" not in view._lines.value and "Safety culture" in view._lines.value


def test_quiz_key_is_hidden_until_reveal(view: Facilitator) -> None:
    assert "Vendor management" in view._quiz.value
    assert "<th>Answered</th>" in view._quiz.value
    for hidden in ("<th>Answer</th>", "<th>Said KRA</th>", "<th>Right</th>", "Most missed"):
        assert hidden not in view._quiz.value
    view._reveal.value = True
    assert "<th>Answer</th>" in view._quiz.value and "Most missed" in view._quiz.value
    assert "<svg" in view._quiz.value  # the score distribution
    view._reveal.value = False
    assert "<th>Right</th>" not in view._quiz.value


def test_spotlight_steps_through_drafts_without_names(view: Facilitator) -> None:
    seen = []
    for _ in range(3):
        seen.append(view.spotlight.statement)
        assert "Priya" not in view._spot.value and "Dev" not in view._spot.value
        view._next.click()
    assert sorted(seen) == ["Safety culture", "Workplace safety", "Zero lost-time injuries"]
    assert view.spotlight.statement == seen[0]  # wrapped round
    view._prev.click()
    assert view.spotlight.statement == seen[2]
    assert view._kra.options == ("All KRAs", "Safety")
    view._kra.value = "Safety"
    assert view.spotlight.label == "Draft 1 of 3 for 'Safety'"


def test_refresh_sees_a_new_participant_and_skips_when_nothing_changed(
    view: Facilitator, room: Room
) -> None:
    assert view.refresh() is False
    room.join("Lena").publish("progress", {"step": 1, "step_name": "Role & KRAs"})
    assert view.refresh() is True
    assert "Lena" in view._people.value and "3 people" in view._header.value


def test_exports_download(view: Facilitator) -> None:
    book = view._workbook.click()
    assert book is not None and book.filename == "batch-7.xlsx" and book.data[:2] == b"PK"
    cards = view._zip.click()
    assert cards is not None
    with zipfile.ZipFile(io.BytesIO(cards.data)) as archive:
        assert len(archive.namelist()) == 2


def test_reset_and_close_ask_first(view: Facilitator, room: Room) -> None:
    view._reset.click()
    assert view._confirm.layout.display == "" and "archive" in view._ask.value
    view._no.click()
    assert view._confirm.layout.display == "none" and len(room.snapshot().tabs) == 2
    view._reset.click()
    view._yes.click()
    assert room.snapshot().tabs == () and "No one has joined" in view._people.value
    view._close.click()
    view._yes.click()
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
    view._clock = lambda: now[0]
    view._tabs.selected_index = 1
    first = view._bars.svg
    room.join("Lena").publish("scorecard", card("Nurse", {"Care": ["Patient care"]}))
    view.refresh()
    assert view._bars.svg == first  # drawn a moment ago: pending
    assert "3 of 3" in str(view._code.options)  # the picker's counts are current
    now[0] += 10
    view._tick()  # what the poller does
    assert view._bars.svg != first and "<svg" in view._bars.svg
