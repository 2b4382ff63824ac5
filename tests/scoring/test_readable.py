"""Step 4's score table (ScoreResult.readable): the weight used in scoring, and targets that
read as a manager typed them."""

from __future__ import annotations

import krakit
from krakit.scoring.result import is_count


def _card(kpis: list[dict], actuals: list[dict]) -> krakit.Scorecard:  # type: ignore[type-arg]
    return krakit.Scorecard(
        role={"title": "Area sales manager"},
        kras=[{"title": "Channel growth", "weight": 100, "kpis": kpis}],
        actuals=actuals,
    )


def test_kpis_without_a_weight_show_their_equal_share_not_zero() -> None:
    sc = _card(
        [
            {"id": "calls", "metric": "Retailer calls", "target": 40},
            {"id": "orders", "metric": "Repeat orders", "target": 12},
            {"id": "stock", "metric": "Shelf checks", "target": 20},
        ],
        [{"kpi": "calls", "period": "2026-02", "value": 30}],
    )
    table = krakit.score(sc).readable()
    weights = dict(zip(table["metric"], table["weight"], strict=True))
    assert weights["Repeat orders"] == "33.3333% (equal share)"  # not scored: still a third
    assert all("equal share" in w for w in weights.values())
    assert not any(w.startswith("0%") for w in weights.values())


def test_typed_weights_show_as_typed_without_the_equal_share_words() -> None:
    sc = _card(
        [
            {"id": "calls", "metric": "Retailer calls", "target": 40, "weight": 70},
            {"id": "orders", "metric": "Repeat orders", "target": 12, "weight": 30},
        ],
        [],
    )
    table = krakit.score(sc).readable()
    assert table["weight"].tolist() == ["70%", "30%"]


def test_the_table_weight_of_a_scored_kpi_matches_explain() -> None:
    sc = _card(
        [
            {"id": "calls", "metric": "Retailer calls", "target": 40},
            {"id": "orders", "metric": "Repeat orders", "target": 12},
        ],
        [
            {"kpi": "calls", "period": "2026-02", "value": 30},
            {"kpi": "orders", "period": "2026-02", "value": 12},
        ],
    )
    table = krakit.score(sc).readable()
    assert table["weight"].tolist() == ["50% (equal share)", "50% (equal share)"]
    assert "50% × 75.0" in str(krakit.explain(sc))


def test_a_count_target_scaled_over_periods_reads_whole() -> None:
    kpi = {
        "id": "dealers",
        "metric": "New dealers signed",
        "unit": "dealers",
        "target": 5,
        "frequency": "quarterly",
        "aggregation": "sum",
    }
    result = krakit.score(_card([kpi], [{"kpi": "dealers", "period": "2026-04", "value": 1}]))
    cell = result.readable()["target"].iloc[0]
    assert cell == "≈2 dealers"  # 5 a quarter over one month: 1.67, kept exact in the data
    assert abs(result.totals["target"].iloc[0] - 5 / 3) < 1e-9


def test_a_typed_fraction_and_a_measured_unit_keep_their_decimals() -> None:
    kpis = [
        {
            "id": "hours",
            "metric": "Training hours",
            "unit": "hours",
            "target": 10,
            "frequency": "quarterly",
            "aggregation": "sum",
        },
        {"id": "visits", "metric": "Site visits", "unit": "visits", "target": 2.5},
    ]
    actuals = [
        {"kpi": "hours", "period": "2026-04", "value": 3},
        {"kpi": "visits", "period": "2026-04", "value": 2},
    ]
    table = krakit.score(_card(kpis, actuals)).readable()
    assert table["target"].tolist() == ["3.33 hours", "2.5 visits"]


def test_is_count() -> None:
    assert is_count("dealers") and is_count("hires") and is_count("count")
    assert not any(is_count(u) for u in ("%", "days", "INR", "USD", None, ""))


def test_a_kpi_with_no_weight_where_the_others_take_100_says_so() -> None:
    sc = _card(
        [
            {"id": "calls", "metric": "Retailer calls", "target": 40, "weight": 60},
            {"id": "visits", "metric": "Store visits", "target": 20, "weight": 40},
            {"id": "orders", "metric": "Repeat orders", "target": 12},
        ],
        [
            {"kpi": "calls", "period": "2026-02", "value": 30},
            {"kpi": "visits", "period": "2026-02", "value": 20},
            {"kpi": "orders", "period": "2026-02", "value": 12},
        ],
    )
    weights = krakit.score(sc).readable()["weight"].tolist()
    assert weights[:2] == ["60%", "40%"]
    assert weights[2] == "0% (none set; the others take 100%)"  # not "equal share"
