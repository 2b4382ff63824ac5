"""compare_definitions: actuals and scores under two versions of a definition, side by side."""

from __future__ import annotations

import pandas as pd
import pytest
import yaml

import krakit
from krakit.errors import InputError
from krakit.metrics import load_metrics
from krakit.metrics.compare import compare_definitions, revise
from krakit.sample_raw import metrics_path, raw_paths, sample_cards

TIME_TO_HIRE = "average-time-to-hire"


@pytest.fixture(scope="module")
def recruiters():
    return {p: c for p, c in sample_cards().items() if p in ("p07", "p08", "p09")}


@pytest.fixture(scope="module")
def library():
    return load_metrics(metrics_path())


def _requisition_days() -> pd.DataFrame:
    import duckdb

    with duckdb.connect() as con:
        rows = con.execute(
            "SELECT recruiter AS person, filled_on, approved_on, status, hire_type "
            "FROM read_parquet(?)",
            [str(raw_paths()["requisitions"])],
        ).df()
    rows["days"] = (rows["filled_on"] - rows["approved_on"]).dt.days
    return rows


def test_median_instead_of_mean_matches_a_pandas_median(recruiters, library) -> None:
    median = revise(library.metrics[TIME_TO_HIRE], agg="median")
    c = compare_definitions(recruiters, raw_paths(), new={TIME_TO_HIRE: median}, metrics=library)
    assert c.changed == [TIME_TO_HIRE]
    assert set(c.kpis["kpi"]) == {TIME_TO_HIRE}  # unchanged KPIs are not listed

    rows = _requisition_days()
    rows = rows[(rows["status"] == "filled") & (rows["hire_type"] != "internal_transfer")]
    rows["period"] = rows["filled_on"].dt.to_period("M").astype(str)
    want = rows.groupby(["person", "period"])["days"].median().rename("want").reset_index()
    got = c.kpis.merge(want, on=["person", "period"])
    assert len(got) == 36 and (got["actual_new"] == got["want"]).all()

    sample = pd.read_csv(krakit.library.templates_dir() / "sample" / "team_actuals.csv")
    old = c.kpis.merge(sample, on=["person", "kpi", "period"])
    assert (old["actual_old"] == old["value"]).all()
    assert (c.kpis["delta"] == c.kpis["actual_new"] - c.kpis["actual_old"]).all()


def test_scores_and_ranks_follow_the_scoring(recruiters, library) -> None:
    wider = revise(library.metrics[TIME_TO_HIRE], filter="status = 'filled'")
    c = compare_definitions(recruiters, raw_paths(), new={TIME_TO_HIRE: wider}, metrics=library)
    people = c.people.set_index("person")
    for person, card in recruiters.items():
        assert people.loc[person, "name"] == card.holder
    assert (people["delta"] == people["score_new"] - people["score_old"]).all()
    assert (people["moved"] == people["rank_old"] - people["rank_new"]).all()
    assert sorted(people["rank_new"]) == [1, 2, 3]
    # internal transfers are quick: letting them in shortens time to hire for everyone
    assert (c.totals["actual_new"] <= c.totals["actual_old"]).all()
    assert set(c.table.columns) >= {"actual_old", "actual_new", "score_old", "score_new"}
    assert all(card.holder in " ".join(c.why()) for card in recruiters.values())


def _team() -> tuple[dict[str, krakit.Scorecard], dict[str, pd.DataFrame]]:
    """Two people, one ratio KPI; a filter change swaps who leads."""
    card = krakit.Scorecard(
        role={"title": "Support agent"},
        kras=[
            {
                "title": "Service",
                "kpis": [
                    {
                        "id": "tickets-solved-first-time",
                        "metric": "Tickets solved first time",
                        "unit": "%",
                        "target": 80,
                        "frequency": "monthly",
                        "definition": {
                            "ratio": {
                                "numerator": {"source": "tickets", "agg": "count",
                                              "filter": "reopened = 0", "time": "opened",
                                              "person": "agent"},
                                "denominator": {"source": "tickets", "agg": "count",
                                                "time": "opened", "person": "agent"},
                            },
                            "scale": 100,
                        },
                    }
                ],
            }
        ],
    )  # fmt: skip
    tickets = pd.DataFrame(
        {
            "agent": ["ana"] * 4 + ["ben"] * 4,
            "opened": pd.to_datetime(["2026-01-03", "2026-01-09", "2026-01-20", "2026-01-28"] * 2),
            "reopened": [0, 0, 1, 2, 0, 0, 0, 1],
            "channel": ["chat", "chat", "mail", "chat", "mail", "mail", "mail", "chat"],
        }
    )
    return {"ana": card, "ben": card.model_copy(deep=True)}, {"tickets": tickets}


def test_a_filter_change_swaps_the_ranking() -> None:
    team, data = _team()
    defined = team["ana"].kpi("tickets-solved-first-time").definition
    chat_only = defined.model_dump(mode="json", exclude_none=True)
    for side in ("numerator", "denominator"):
        chat_only["ratio"][side]["filter"] = " AND ".join(
            f for f in (chat_only["ratio"][side].get("filter"), "channel = 'chat'") if f
        )
    c = compare_definitions(team, data, new={"tickets-solved-first-time": chat_only})
    totals = c.totals.set_index("person")
    assert totals.loc["ana", "actual_old"] == 50 and totals.loc["ben", "actual_old"] == 75
    assert totals.loc["ana", "actual_new"] == pytest.approx(200 / 3)
    assert totals.loc["ben", "actual_new"] == 0
    people = c.people.set_index("person")
    assert people.loc["ana", "rank_old"] == 2 and people.loc["ana", "rank_new"] == 1
    assert people.loc["ana", "moved"] == 1 and people.loc["ben", "moved"] == -1
    spec = c.spec()
    assert [layer["mark"]["type"] for layer in spec["layer"]] == ["line", "point"]
    assert len(spec["data"]["values"]) == 4  # two people, old and new
    assert spec["layer"][1]["encoding"]["y"]["sort"] == ["ana", "ben"]


def test_two_metrics_files(tmp_path, recruiters, library) -> None:
    data = yaml.safe_load(metrics_path().read_text(encoding="utf-8"))
    data["metrics"][TIME_TO_HIRE]["time"] = "approved_on"
    moved = tmp_path / "metrics v2.yaml"
    moved.write_text(yaml.safe_dump(data), encoding="utf-8")
    c = compare_definitions(recruiters, raw_paths(), old=metrics_path(), new=moved)
    assert c.changed == [TIME_TO_HIRE]
    old, new = c.versions[TIME_TO_HIRE]
    assert old != new and len(old) == 12


def test_nothing_changed_gives_empty_tables(recruiters, library) -> None:
    same = library.metrics[TIME_TO_HIRE]
    c = compare_definitions(recruiters, raw_paths(), new={TIME_TO_HIRE: same}, metrics=library)
    assert c.changed == [] and c.people.empty and c.why() == []


def test_an_unknown_kpi_is_named(recruiters, library) -> None:
    with pytest.raises(InputError, match=r"time-to-hyre.*average-time-to-hire"):
        compare_definitions(
            recruiters, raw_paths(), new={"time-to-hyre": library.metrics[TIME_TO_HIRE]},
            metrics=library,
        )  # fmt: skip


def test_a_refused_expression_names_the_kpi(recruiters, library) -> None:
    sneaky = revise(library.metrics[TIME_TO_HIRE], expr="(SELECT 1)")
    with pytest.raises(InputError, match=TIME_TO_HIRE):
        compare_definitions(recruiters, raw_paths(), new={TIME_TO_HIRE: sneaky}, metrics=library)


@pytest.mark.parametrize(
    ("written", "field", "words"),
    [
        ({"source": "requisitions", "agg": "count", "tme": "filled_on"}, ".tme", "spelling"),
        ("not a def", "", "expected a definition"),
        ({"source": "requisitions", "agg": "cont", "time": "filled_on"}, ".agg", "expected"),
    ],
)
def test_a_mistyped_definition_names_the_kpi_and_field(
    recruiters, library, written, field: str, words: str
) -> None:
    with pytest.raises(InputError) as err:  # not pydantic's ValidationError
        compare_definitions(recruiters, raw_paths(), new={TIME_TO_HIRE: written}, metrics=library)
    assert err.value.field == f"kpis[{TIME_TO_HIRE}].definition{field}"
    assert f"KPI '{TIME_TO_HIRE}'" in str(err.value) and words in str(err.value)
    assert "pydantic" not in str(err.value)
