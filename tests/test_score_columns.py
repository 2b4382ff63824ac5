"""Scoring reads text columns as codes: every dtype and row order gives the same scores, and
an error names the same row and field whatever the column type (issue 14: row names are
made only once an error is found)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import krakit
from krakit.errors import InputError
from krakit.score import score
from krakit.scoring.intake import codes_of

PEOPLE = [f"E{i:03d}" for i in range(40)]
KPIS = ["calls", "csat"]
MONTHS = [f"2026-{m:02d}" for m in range(1, 7)]


def card() -> krakit.Scorecard:
    return krakit.Scorecard.model_validate(
        {
            "role": {"title": "Agent"},
            "kras": [
                {
                    "title": "Service",
                    "weight": 100,
                    "kpis": [
                        {"id": "calls", "unit": "calls", "target": 400, "weight": 60},
                        {"id": "csat", "unit": "%", "target": 90, "weight": 40},
                    ],
                }
            ],
        }
    )


def team_frame(order: str) -> pd.DataFrame:
    """Each person's rows together (long runs of equal cells), or shuffled (no runs)."""
    rows = [
        {"person": p, "kpi": k, "period": m, "value": 300.0 + 7 * i + len(k) + j}
        for i, p in enumerate(PEOPLE)
        for j, k in enumerate(KPIS)
        for m in MONTHS
    ]
    frame = pd.DataFrame(rows)
    if order == "shuffled":
        frame = frame.sample(frac=1, random_state=3)
    frame.index = pd.RangeIndex(2, len(frame) + 2)  # as read_actuals numbers sheet rows
    return frame


def as_dtype(frame: pd.DataFrame, dtype: str) -> pd.DataFrame:
    text = ["person", "kpi", "period"]
    if dtype == "object":
        return frame.astype(dict.fromkeys(text, object))
    return frame.astype(dict.fromkeys(text, dtype))


DTYPES = ["object", "str", "string", "category"]
ORDERS = ["grouped", "shuffled"]


@pytest.mark.parametrize("order", ORDERS)
@pytest.mark.parametrize("dtype", DTYPES)
def test_every_dtype_and_order_scores_alike(dtype: str, order: str) -> None:
    team = dict.fromkeys(PEOPLE, card())
    expected = score(team, as_dtype(team_frame("grouped"), "object")).overall
    got = score(team, as_dtype(team_frame(order), dtype)).overall
    assert got["person"].astype(str).tolist() == PEOPLE
    np.testing.assert_allclose(got["score"].to_numpy(float), expected["score"].to_numpy(float))
    assert got["band"].tolist() == expected["band"].tolist()


def at(frame: pd.DataFrame, row: int, column: str, value: object) -> pd.DataFrame:
    """The frame with one cell changed (``row`` is the index label)."""
    frame = frame.astype({column: object}) if column != "value" else frame
    frame.loc[row, column] = value
    return frame


# (column, bad cell, words of the message, field); the cell sits in the middle of a run
FAULTS = [
    ("kpi", None, "the kpi is empty", "kpi"),
    ("kpi", np.nan, "the kpi is empty", "kpi"),
    ("person", None, "the person is empty", "person"),
    ("period", None, "the period is empty", "period"),
    ("kpi", "nps", "KPI 'nps' is not in E007's scorecard", "kpi"),
    ("person", "E999", "person 'E999' has no scorecard", "person"),
    ("period", "Jan", "not a period", "period"),
    ("value", np.inf, "expected a number up to 10^15", "value"),
]


@pytest.mark.parametrize("order", ORDERS)
@pytest.mark.parametrize("dtype", ["object", "str", "category"])
@pytest.mark.parametrize(("column", "cell", "words", "field"), FAULTS)
def test_an_error_names_its_row_whatever_the_dtype(
    dtype: str, order: str, column: str, cell: object, words: str, field: str
) -> None:
    frame = team_frame(order)
    row = int(frame.index[frame["person"].eq("E007").to_numpy()][5])
    frame = as_dtype(at(frame, row, column, cell), dtype)
    with pytest.raises(InputError) as err:
        score(dict.fromkeys(PEOPLE, card()), frame)
    assert words in str(err.value)
    assert (err.value.row, err.value.field) == (row, field)


@pytest.mark.parametrize("dtype", ["object", "str"])
def test_text_in_a_value_cell_names_its_row(dtype: str) -> None:
    frame = team_frame("grouped").astype({"value": object})
    frame.loc[50, "value"] = "ten lakh"
    with pytest.raises(InputError) as err:
        score(dict.fromkeys(PEOPLE, card()), as_dtype(frame, dtype))
    assert (err.value.row, err.value.field) == (50, "value")
    assert "'ten lakh'" in str(err.value)


def test_a_repeated_row_is_named_where_it_repeats() -> None:
    frame = team_frame("grouped")
    twice = pd.concat([frame.iloc[:30], frame.iloc[[12]].set_axis([999]), frame.iloc[30:]])
    with pytest.raises(InputError, match="is given twice for E001") as err:
        score(dict.fromkeys(PEOPLE, card()), as_dtype(twice, "str"))
    assert err.value.row == 999


def test_an_index_of_labels_names_no_row() -> None:
    frame = team_frame("grouped").head(12)
    frame.index = [f"r{i}" for i in range(12)]
    frame.loc["r4", "kpi"] = None
    with pytest.raises(InputError, match="the kpi is empty") as err:
        score(dict.fromkeys(PEOPLE, card()), frame)
    assert err.value.row is None


@pytest.mark.parametrize(
    "cells",
    [
        ["a", "a", "a", "b", "b", None, None, "a", np.nan, "c"],
        ["a", pd.NA, "a", "a", "b", "b", "b", "b", "c", "c"],
        [1, 1, 1, "1", "1", 2.0, 2, 2, None, "x"],
        ["b", "a", "c", "a", "b", "c", "a", "b", "c", "a"],
    ],
)
def test_codes_match_pandas_factorize(cells: list[object]) -> None:
    for values in (pd.Series(cells * 50, dtype=object), pd.Series(cells[:1])):
        codes, uniques = codes_of(values)
        want_codes, want_uniques = pd.factorize(values, use_na_sentinel=True)
        assert codes.tolist() == want_codes.tolist()
        assert list(uniques) == list(want_uniques)


def test_last_rolls_up_its_own_rows_beside_sums() -> None:
    sc = krakit.Scorecard.model_validate(
        {
            "role": {"title": "Lead"},
            "kras": [
                {
                    "title": "Team",
                    "weight": 100,
                    "kpis": [
                        {"id": "hires", "unit": "count", "target": 10, "frequency": "monthly"},
                        {
                            "id": "headcount",
                            "unit": "people",
                            "target": 50,
                            "frequency": "monthly",
                            "aggregation": "last",
                        },
                    ],
                }
            ],
        }
    )
    weeks = ["2026-W03", "2026-W01", "2026-W04", "2026-W02"]  # January, out of order
    frame = pd.DataFrame(
        {
            "kpi": ["hires"] * 4 + ["headcount"] * 4,
            "period": weeks * 2,
            "value": [1.0, 2.0, 3.0, 4.0, 47.0, 44.0, 48.0, 45.0],
        }
    )
    totals = score(sc, frame).totals.set_index("kpi")
    assert totals.loc["hires", "actual"] == 10  # summed
    assert totals.loc["headcount", "actual"] == 48  # the latest week, W04
    again = score(sc, frame.iloc[::-1]).totals.set_index("kpi")  # rows in another order
    assert again.loc["headcount", "actual"] == 48
