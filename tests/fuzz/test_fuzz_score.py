"""Fuzz scoring, explaining and reporting on hostile actuals and on generated scorecards."""

from __future__ import annotations

import math
import tempfile
import warnings
from pathlib import Path

import pandas as pd
from fuzzcheck import accepted_or_refused
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from strategies import actuals_frames, scorecard_data

import krakit
from krakit.actuals import read_actuals
from krakit.model import validate_scorecard

SAMPLE = Path(__file__).resolve().parents[2] / "templates" / "samples" / "recruiter.yaml"
CARD = krakit.load(SAMPLE)
IDS = [k.id for k in CARD.all_kpis()]
QUICK = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _located(exc: krakit.KrakitError) -> None:
    """An actuals error names the column, and the row when it is about one cell."""
    assert exc.field, f"no field named: {exc}"
    if exc.field in ("value", "kpi", "period") and exc.row is None:
        assert "frame" in exc.reason or "column" in exc.reason, str(exc)


@QUICK
@given(actuals_frames(IDS))
def test_score_a_frame(frame: pd.DataFrame) -> None:
    out = accepted_or_refused(krakit.score, CARD, frame, by="quarter")
    event("refused: " + str(out.field) if isinstance(out, krakit.KrakitError) else "scored")
    if isinstance(out, krakit.KrakitError):
        assert isinstance(out, krakit.InputError | krakit.ParseError)
        _located(out)
        return
    totals = out.totals
    assert len(totals) == len(IDS)
    finite = totals["achievement"].dropna()
    assert finite.map(math.isfinite).all()
    assert out.score is None or math.isfinite(out.score)
    _periods_add_up(out.kpis, totals)


def _periods_add_up(kpis: pd.DataFrame, totals: pd.DataFrame) -> None:
    """The period table: one row per KPI (and person) and period, and its periods add up to
    what the totals counted for each KPI."""
    keys = ["person", "kpi"] if "person" in totals else ["kpi"]
    assert not kpis.duplicated([*keys, "period"]).any(), "a KPI has two rows for one period"
    assert set(kpis["kpi"]) <= set(IDS)
    assert kpis["achievement"].dropna().map(math.isfinite).all()
    counted = totals.set_index(keys)["periods"]
    in_table = (
        kpis.groupby(keys, observed=True)["periods"].sum().reindex(counted.index, fill_value=0)
    )
    assert (in_table == counted).all(), pd.DataFrame({"table": in_table, "totals": counted})


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(actuals_frames(IDS), st.sampled_from([".csv", ".xlsx", ".html"]))
def test_report_and_explain_a_frame(frame: pd.DataFrame, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        out = accepted_or_refused(
            krakit.report, CARD, frame, Path(folder) / f"r{suffix}", charts=False
        )
        if isinstance(out, krakit.KrakitError):
            _located(out)
            return
        assert out.stat().st_size > 0
    assert str(krakit.explain(CARD, frame)).strip()


@QUICK
@given(actuals_frames(IDS))
def test_read_actuals_from_a_csv_names_file_row_and_column(frame: pd.DataFrame) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "actuals.csv"
        frame.to_csv(path, index=False)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", krakit.KrakitWarning)
            out = accepted_or_refused(read_actuals, path, scorecard=CARD, names=[str(path)])
        if isinstance(out, krakit.KrakitError):
            assert out.field or out.line, str(out)  # the column, or the line of a NUL byte
            return
        assert list(out.columns) == ["kpi", "period", "value", "note"]
        assert out["value"].dropna().map(math.isfinite).all()


@QUICK
@given(scorecard_data(), st.data())
def test_score_any_valid_scorecard(data: dict, draw: st.DataObject) -> None:
    card = validate_scorecard(data)
    ids = [k.id for k in card.all_kpis()]
    frame = draw.draw(actuals_frames(ids)) if ids and draw.draw(st.booleans()) else None
    out = accepted_or_refused(krakit.score, card, frame)
    if isinstance(out, krakit.KrakitError):
        assert out.field, str(out)
        return
    assert out.score is None or math.isfinite(out.score)
    assert str(krakit.explain(card, frame)).strip()
    with tempfile.TemporaryDirectory() as folder:
        for suffix in (".csv", ".xlsx"):
            assert krakit.report(card, frame, Path(folder) / f"r{suffix}").stat().st_size > 0


@QUICK
@given(
    st.one_of(
        st.floats(),
        st.text(max_size=6),
        st.none(),
        st.dictionaries(st.text(max_size=4), st.one_of(st.floats(), st.text(max_size=4))),
    )
)
def test_manager_rating(rating: object) -> None:
    out = accepted_or_refused(krakit.score, CARD, manager_rating=rating)
    if isinstance(out, krakit.KrakitError):
        assert out.field == "manager_rating" or "manager_rating" in str(out.field)


@QUICK
@given(
    st.lists(
        st.one_of(
            st.fixed_dictionaries(
                {"kpi": st.sampled_from(IDS), "period": st.text(max_size=8), "value": st.floats()}
            ),
            st.dictionaries(st.sampled_from(["kpi", "period", "value", "x"]), st.integers()),
            st.text(max_size=5),
        ),
        max_size=4,
    )
)
def test_a_list_of_actuals(items: list) -> None:
    out = accepted_or_refused(krakit.score, CARD, items)
    if isinstance(out, krakit.KrakitError):
        assert out.field, str(out)


TEAM = {"asha": CARD, "ben": CARD}


@QUICK
@given(
    actuals_frames(IDS),
    st.data(),
    st.one_of(
        st.none(),
        st.dictionaries(
            st.sampled_from(["asha", "ben", "zed"]),
            st.one_of(st.floats(), st.integers(-50, 2000), st.text(max_size=4)),
        ),
    ),
)
def test_score_a_team(frame: pd.DataFrame, draw: st.DataObject, ratings: object) -> None:
    people = st.one_of(st.sampled_from(["asha", "ben"]), st.sampled_from(["zed", None, 7]))
    frame = frame.assign(person=[draw.draw(people) for _ in range(len(frame))])
    out = accepted_or_refused(krakit.score, TEAM, frame, by="year", manager_rating=ratings)
    if isinstance(out, krakit.KrakitError):
        assert out.field, str(out)
        return
    assert set(out.overall["person"]) == {"asha", "ben"}
    assert set(out.kpis["person"]) <= {"asha", "ben"}
    _periods_add_up(out.kpis, out.totals)
