"""Roll-ups: rows in any order score alike, grouped runs match a plain group-by, long histories."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

import krakit
from krakit.errors import InputError
from krakit.scoring.rollup import _Groups

# ------------------------------------------------------------------ the grouping itself


@given(
    st.lists(st.integers(0, 30), min_size=1, max_size=200),
    st.booleans(),
    st.randoms(use_true_random=False),
)
def test_groups_match_a_plain_group_by(keys: list[int], in_order: bool, rnd) -> None:
    key = np.array(sorted(keys) if in_order else keys, dtype=np.int64)
    value = np.array([rnd.choice([rnd.uniform(-5, 5), 1.0, 0.0, np.nan]) for _ in key])
    groups = _Groups(key, 31)
    assert (groups.starts is not None) == bool(np.all(np.diff(key) >= 0))
    ref = pd.DataFrame({"k": key, "v": value}).groupby("k")["v"]
    assert groups.keys.tolist() == sorted(set(keys))
    assert groups.count.tolist() == ref.size().tolist()
    # a sum over no NaN is the group-by's sum (NaN anywhere in the group: NaN)
    expected = ref.sum(min_count=1).where(~ref.apply(lambda v: v.isna().any()), np.nan)
    np.testing.assert_allclose(groups.sum(value), expected.to_numpy(), rtol=1e-12)
    top = ref.apply(lambda v: np.nan if v.isna().any() else v.max())
    np.testing.assert_array_equal(groups.max(value), top.to_numpy())
    assert groups.codes.tolist() == [groups.keys.tolist().index(k) for k in key]
    some = np.array([g for g in range(len(groups)) if rnd.random() < 0.5], dtype=np.int64)
    rows, sub = groups.rows_of(some)
    assert sorted(rows.tolist()) == [i for i, k in enumerate(key) if k in groups.keys[some]]
    assert (sub.spread(sub.keys) == key[rows]).all()
    assert sub.count.tolist() == groups.count[some].tolist()
    np.testing.assert_array_equal(sub.sum(value[rows]), groups.sum(value)[some])
    np.testing.assert_array_equal(sub.max(value[rows]), groups.max(value)[some])


def test_no_rows_make_no_groups() -> None:
    groups = _Groups(np.zeros(0, dtype=np.int64), 10)
    assert len(groups) == 0 and groups.sum(np.zeros(0)).tolist() == []


# ------------------------------------------------------------------ through score()

KPIS = [
    # every aggregation, a threshold (share of periods held), a range, a quarterly KPI
    {"id": "revenue", "unit": "INR", "target": 1000, "aggregation": "sum"},
    {"id": "rate", "unit": "%", "target": 80, "aggregation": "mean"},
    {"id": "head", "unit": "people", "target": 50, "aggregation": "last", "weight": 10},
    {"id": "uptime", "unit": "%", "target": 99, "target_type": "threshold"},
    {"id": "util", "unit": "%", "polarity": "in_range", "target_low": 70, "target_high": 85},
    {"id": "audit", "unit": "count", "target": 3, "frequency": "quarterly"},
]


def _card(first: str, kpis: list[dict]) -> krakit.Scorecard:
    # two KRAs in either order, and one KPI left out of any weighting (weight 0)
    kras = [
        {"id": "growth", "title": "Growth", "weight": 70, "kpis": kpis[:3]},
        {"id": "care", "title": "Care", "weight": 30, "kpis": kpis[3:]},
    ]
    return krakit.Scorecard(role={"title": "Lead"}, kras=kras if first == "growth" else kras[::-1])


CARDS = (_card("growth", KPIS), _card("care", [KPIS[i] for i in (4, 0, 1, 3, 5, 2)]))
MONTHS = [f"2026-{m:02d}" for m in range(1, 7)]


@st.composite
def team_actuals(draw) -> tuple[dict, pd.DataFrame]:
    n = draw(st.integers(1, 4))
    team = {f"P{i}": CARDS[draw(st.integers(0, 1))] for i in range(n)}
    rows = []
    for person in team:
        for kpi in KPIS:
            for period in MONTHS:
                if draw(st.booleans()):
                    value = draw(st.one_of(st.floats(0, 2000), st.just(99.5), st.just(np.nan)))
                    rows.append((person, kpi["id"], period, value))
            if kpi["id"] == "rate" and draw(st.booleans()):  # weeks of July: rolled to a month
                rows += [(person, "rate", f"2026-W{w}", 75.0 + w) for w in (28, 29)]
    frame = pd.DataFrame(rows, columns=["person", "kpi", "period", "value"])
    return team, frame


def _same(a: krakit.ScoreResult, b: krakit.ScoreResult) -> None:
    for name in ("totals", "kras", "overall", "missing"):
        pd.testing.assert_frame_equal(
            getattr(a, name), getattr(b, name), check_exact=False, rtol=1e-12
        )
    # periods are categories in the order the rows first name them: compare them as text
    keys = ["person", "kpi", "period"]
    a_kpis, b_kpis = (r.kpis.astype({"period": str}) for r in (a, b))
    pd.testing.assert_frame_equal(
        a_kpis.sort_values(keys).reset_index(drop=True),
        b_kpis.sort_values(keys).reset_index(drop=True),
        check_exact=False,
        rtol=1e-12,
    )


@given(team_actuals(), st.randoms(use_true_random=False))
def test_rows_in_any_order_score_alike(drawn, rnd) -> None:
    team, frame = drawn
    if frame.empty:
        return
    in_order = score_of(team, frame)
    order = list(range(len(frame)))
    rnd.shuffle(order)
    _same(in_order, score_of(team, frame.iloc[order].reset_index(drop=True)))
    as_categories = frame.astype({c: "category" for c in ("person", "kpi", "period")})
    _same(in_order, score_of(team, as_categories))


def score_of(team: dict, frame: pd.DataFrame) -> krakit.ScoreResult:
    return krakit.score(team, frame)


@pytest.mark.parametrize("as_category", [False, True])
def test_three_years_of_months_scale_the_target_by_36(as_category: bool) -> None:
    # period codes of a categorical are int8: 36 periods × 6 frequencies once wrapped round
    sc = krakit.Scorecard(
        role={"title": "Sales"},
        kras=[
            {"title": "Sales", "weight": 100, "kpis": [{"id": "rev", "unit": "INR", "target": 100}]}
        ],
    )
    months = [f"{2024 + i // 12}-{i % 12 + 1:02d}" for i in range(36)]
    frame = pd.DataFrame({"kpi": "rev", "period": months, "value": 100.0})
    if as_category:
        frame["period"] = frame["period"].astype("category")
    totals = krakit.score(sc, frame).totals
    assert totals["periods"].iloc[0] == 36
    assert totals["actual"].iloc[0] == 3600
    assert totals["target"].iloc[0] == 3600
    assert totals["achievement"].iloc[0] == 100


def test_two_people_with_one_name_are_refused() -> None:
    team = {1: CARDS[0], "1": CARDS[0]}
    frame = pd.DataFrame(
        {"person": ["1"], "kpi": ["revenue"], "period": ["2026-01"], "value": [5.0]}
    )
    with pytest.raises(InputError, match="two people are named '1'"):
        krakit.score(team, frame)


@pytest.mark.parametrize("where", ["next to it", "far from it"])
def test_a_repeated_actual_is_refused_wherever_it_is(where: str) -> None:
    rows = [("P0", k["id"], m, 1.0) for k in KPIS for m in MONTHS]  # in key order
    i = 7 if where == "next to it" else len(rows) - 1
    rows.insert(i + 1 if where == "next to it" else 0, rows[i])
    frame = pd.DataFrame(rows, columns=["person", "kpi", "period", "value"])
    with pytest.raises(InputError, match="is given twice for P0"):
        krakit.score({"P0": CARDS[0]}, frame)
