"""Drawing in a second process: the same drawings as in-process, errors said, failures survived."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

import krakit
from krakit import chart_worker, vegalite
from krakit.chart_worker import ChartWorker, DrawingError, draw_in_process, drawing_elsewhere
from krakit.score import score


@pytest.fixture(scope="module")
def spec(recruiter_card: krakit.Scorecard) -> dict:
    return vegalite.plain(vegalite.overview(recruiter_card, score(recruiter_card)))


@pytest.fixture(scope="module")
def recruiter_card() -> krakit.Scorecard:
    return krakit.load(Path(__file__).resolve().parents[1] / "templates/samples/recruiter.yaml")


def test_the_worker_draws_what_this_process_draws(spec: dict) -> None:
    with ChartWorker() as worker:
        assert worker.draw(spec, "svg") == draw_in_process(spec, "svg")
        png = worker.draw(spec, "png", 1.0)
        assert png == draw_in_process(spec, "png", 1.0)
        assert png[:8] == b"\x89PNG\r\n\x1a\n"


def test_inside_the_block_vegalite_draws_in_the_worker(
    spec: dict, monkeypatch: pytest.MonkeyPatch
) -> None:
    here: list[str] = []
    real = chart_worker.draw_in_process
    monkeypatch.setattr(chart_worker, "draw_in_process", lambda *a: here.append("here") or real(*a))
    with drawing_elsewhere():
        drawn = vegalite.svg(spec)
    assert drawn.startswith("<svg") and here == []  # not drawn in this process
    vegalite.svg(spec)
    assert here == ["here"]  # outside the block: here again


def test_a_spec_vl_convert_refuses_is_an_error_with_its_message(spec: dict) -> None:
    broken = {**spec, "vconcat": "not a list"}
    with ChartWorker() as worker:
        with pytest.raises(DrawingError) as raised:
            worker.draw(broken, "svg")
        assert str(raised.value).strip()
        assert worker.draw(spec, "svg").startswith("<svg")  # the worker goes on after it


def test_a_worker_that_cannot_start_draws_here(spec: dict, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_a: object, **_k: object) -> None:
        raise OSError("no processes left")

    monkeypatch.setattr(subprocess, "Popen", refuse)
    with ChartWorker() as worker:
        assert worker.draw(spec, "svg") == draw_in_process(spec, "svg")


def test_a_worker_that_died_draws_here(spec: dict) -> None:
    with ChartWorker() as worker:
        assert worker._child is not None
        worker._child.kill()
        worker._child.wait()
        assert worker.draw(spec, "svg") == draw_in_process(spec, "svg")
        assert worker._child is None  # and does not ask the dead one again
