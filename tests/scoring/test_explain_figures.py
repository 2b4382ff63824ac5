"""Every figure explain() prints is worked out again from its own text and held to score().

For many generated KPIs of every target type and polarity, the numbers are parsed out of the
explanation (actual, target, baseline, the % of target, the slab, the points, the share of
periods held), the arithmetic the text states is redone, and the result compared with what
:func:`krakit.score` computed. If explain's words and the engine ever disagree, this fails.
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

import krakit

_NUMBER = r"-?[₹$]?-?[\d,]+(?:\.\d+)?%?"


def _num(text: str) -> float:
    return float(re.sub(r"[₹$,%]", "", text))


def _err(text: str) -> float:
    """How far a shown number can be from the exact one (it is rounded for reading)."""
    digits = text.rstrip("%").partition(".")[2]
    if not digits:  # whole numbers below 1,000 are shown exactly; from 1,000 rounded
        return 0.5 if abs(_num(text)) >= 1000 else 0.0
    return 0.5 * 10.0 ** -len(digits)


def _within(formula, shown: list[str], got: str) -> None:  # type: ignore[no-untyped-def]
    """``got`` is ``formula`` of the shown operands, each anywhere in its rounding interval."""
    corners = [[]]
    for text in shown:
        corners = [[*c, _num(text) + s * _err(text)] for c in corners for s in (-1, 1)]
    results = [formula(*c) for c in corners]
    assert min(results) - 0.05 <= _num(got) <= max(results) + 0.05, (shown, got)


def _line(text: str, start: str) -> str:
    return next(x.strip() for x in text.splitlines() if x.strip().startswith(start))


@st.composite
def cases(draw: st.DrawFn) -> tuple[dict[str, object], list[float]]:
    kind = draw(st.sampled_from(["ratio", "progress", "threshold", "milestone", "slab"]))
    polarity = draw(st.sampled_from(["higher_is_better", "lower_is_better"]))
    target = draw(st.integers(1, 5_000))
    kpi: dict[str, object] = {
        "id": "k",
        "metric": "m",
        "unit": draw(st.sampled_from([None, "INR", "calls"])),
        "polarity": polarity,
        "target_type": kind,
        "target": target,
        "aggregation": draw(st.sampled_from(["sum", "mean", "last"])),
    }
    if kind == "progress":
        kpi["baseline"] = draw(st.integers(0, 5_000).filter(lambda b: b != target))
    if kind == "milestone":
        kpi["target"] = draw(st.sampled_from([None, 1]))
        kpi["polarity"] = "higher_is_better"
    if kind == "slab":
        starts = draw(st.lists(st.integers(0, 200), min_size=1, max_size=5, unique=True))
        kpi["slabs"] = [{"at": at, "points": draw(st.integers(0, 150))} for at in sorted(starts)]
    upper = 1 if kind == "milestone" else 10_000
    values = draw(st.lists(st.integers(0, upper), min_size=1, max_size=4))
    return kpi, [float(v) for v in values]


def _check_working(kpi: dict[str, object], values: list[float], working: str, cap: float) -> float:
    """Redo the working's arithmetic; return the uncapped achievement it states."""
    kind = kpi["target_type"]
    if kind == "threshold":
        level, held, periods, got = re.search(
            rf"threshold ({_NUMBER}) held in (\d+) of (\d+) period\(s\) → ({_NUMBER})$", working
        ).groups()
        assert _num(level) == kpi["target"] and int(periods) == len(values)
        higher = kpi["polarity"] == "higher_is_better"
        assert int(held) == sum(
            (v >= _num(level)) if higher else (v <= _num(level)) for v in values
        )
        assert abs(int(held) / int(periods) * 100 - _num(got)) <= 0.05
        return _num(got)
    if kind == "milestone":
        done, state, got = re.search(
            rf"reaches ({_NUMBER}); (done|not done yet) → ({_NUMBER})$", working
        ).groups()
        assert _num(done) == (kpi["target"] or 1)
        assert (state == "done") == any(v >= _num(done) for v in values)
        assert _num(got) == (100.0 if state == "done" else 0.0)
        return _num(got)
    percent = _ratio_percent(working, cap)
    if kind != "slab":
        return percent
    slabs = [(float(s["at"]), float(s["points"])) for s in kpi["slabs"]]  # type: ignore[union-attr]
    if percent != float("inf"):
        stated = re.search(rf"actual ({_NUMBER}) of target", working)
        assert stated and abs(_num(stated.group(1)) - percent) <= 0.05
    if "below the first slab" in working:
        first = _num(re.search(rf"below the first slab \(({_NUMBER})\)", working).group(1))
        assert first == slabs[0][0] and percent < first + 0.05
        assert working.endswith("→ 0 points")
        return 0.0
    found = re.search(
        rf"falls in slab ({_NUMBER})(?:–({_NUMBER})| and up) → ({_NUMBER}) points$", working
    )
    assert found, working
    at, top, points = found.groups()
    assert (_num(at), _num(points)) in slabs
    assert percent >= _num(at) - 0.05
    if top is None:
        assert _num(at) == slabs[-1][0]
    else:
        assert percent < _num(top) + 0.05
    return _num(points)


def _ratio_percent(working: str, cap: float) -> float:
    """The % of target a ratio or progress working states, checked against its own operands."""
    n = _NUMBER
    if m := re.search(rf"actual / target = ({n}) / ({n}) = ({n})", working):
        _within(lambda a, t: a / t * 100, [m[1], m[2]], m[3])
        return _num(m[3])
    if m := re.search(rf"target / actual = ({n}) / ({n}) = ({n})", working):
        _within(lambda t, a: t / a * 100, [m[1], m[2]], m[3])
        return _num(m[3])
    if m := re.search(rf"= \(({n}) − ({n})\) / \(({n}) − ({n})\) = ({n})", working):
        assert m[2] == m[4]
        _within(lambda a, b, t: (a - b) / (t - b) * 100, [m[1], m[2], m[3]], m[5])
        return _num(m[5])
    if "beats any positive target" in working:
        return cap if "slab" not in working else float("inf")
    if m := re.search(rf"actual 0 → ({n})|→ ({n})", working):
        return _num(next(g for g in m.groups() if g))
    if m := re.search(rf"actual ({n}) → ({n})$", working):
        return _num(m.group(2))
    raise AssertionError(f"no working recognised in: {working}")


@settings(max_examples=300, deadline=None)
@given(cases())
def test_every_explained_figure_matches_the_score(case: tuple[dict, list[float]]) -> None:
    kpi, values = case
    card = krakit.Scorecard(
        role={"title": "Field sales"}, kras=[{"title": "Sales", "weight": 100, "kpis": [kpi]}]
    )
    actuals = [
        krakit.Actual(kpi="k", period=f"2026-{m:02d}", value=v)
        for m, v in enumerate(values, start=1)
    ]
    result = krakit.score(card, actuals)
    text = str(krakit.explain(card, actuals))
    total = result.totals.iloc[0]
    cap = result.config.cap
    # the actual and target lines state the rolled-up numbers the engine used
    stated = _line(text, "actual ")
    a = re.match(rf"actual ({_NUMBER})(?: calls)? over (\d+) period", stated)
    assert a and abs(_num(a.group(1)) - total["actual"]) <= _err(a.group(1)) + 1e-9
    assert int(a.group(2)) == total["periods"]
    working = _line(text, "achievement = ").removeprefix("achievement = ")
    raw = _check_working(kpi, values, working, cap)
    # the capped figure is the stated one, capped and floored, and is what score() gave
    shown = re.search(rf"floored at 0 → ({_NUMBER}) \((\w+)\)", text)
    assert shown
    expected = min(max(raw, 0.0), cap)
    assert abs(_num(shown.group(1)) - expected) <= 0.05 + 1e-9 + 0.0005 * abs(expected)
    assert abs(_num(shown.group(1)) - total["achievement"]) <= 0.05 + 1e-9  # 9.25 shows 9.2
    assert shown.group(2) == total["status"]
    # one KPI with the whole weight: its contribution is its achievement, and so is the score
    contribution = re.search(rf"contribution ({_NUMBER}) points", text)
    assert contribution and abs(_num(contribution.group(1)) - result.score) <= 0.005
    overall = re.search(rf"KPI score = ({_NUMBER}) = ({_NUMBER})", text)
    assert overall and abs(_num(overall.group(2)) - result.score) <= 0.05
