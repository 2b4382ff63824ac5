"""krakit.diff shows metric definition changes field by field, in its usual format."""

from __future__ import annotations

import krakit
from krakit.diff import diff

DEFINITION = {
    "source": "requisitions",
    "agg": "average",
    "expr": "date_diff('day', approved_on, filled_on)",
    "time": "filled_on",
    "person": "recruiter",
}


def _card(definition: dict | None) -> krakit.Scorecard:
    kpi = {"metric": "Time to hire", "unit": "days", "target": 30}
    if definition is not None:
        kpi["definition"] = definition
    return krakit.Scorecard(role={"title": "Recruiter"}, kras=[{"title": "Hiring", "kpis": [kpi]}])


WHERE = "kras[hiring].kpis[time-to-hire].definition"


def test_median_to_mean_a_filter_added_and_the_time_column() -> None:
    new = {**DEFINITION, "agg": "median", "filter": "NOT internal", "time": "offer_accepted_on"}
    lines = [str(c) for c in diff(_card(DEFINITION), _card(new))]
    assert lines == [
        f"~ {WHERE}.agg: 'average' -> 'median'",
        f"+ {WHERE}.filter: 'NOT internal'",
        f"~ {WHERE}.time: 'filled_on' -> 'offer_accepted_on'",
    ]


def test_a_filter_removed_and_a_ratio_part_changed() -> None:
    ratio = {
        "ratio": {
            "numerator": {"source": "offers", "agg": "count", "filter": "status = 'accepted'"},
            "denominator": {"source": "offers", "agg": "count"},
        },
        "scale": 100,
    }
    changed = {
        "ratio": {
            "numerator": {"source": "offers", "agg": "count", "filter": "accepted"},
            "denominator": {"source": "offers", "agg": "count", "filter": "NOT withdrawn"},
        },
        "scale": 100,
    }
    changes = diff(_card(ratio), _card(changed))
    assert [(c.kind, c.where) for c in changes] == [
        ("changed", f"{WHERE}.ratio.numerator.filter"),
        ("added", f"{WHERE}.ratio.denominator.filter"),
    ]
    back = diff(_card(changed), _card(ratio))
    assert back[1].kind == "removed" and back[1].old == "NOT withdrawn"


def test_a_definition_given_or_taken_away_is_one_change() -> None:
    (added,) = diff(_card(None), _card({"ref": "time-to-hire"}))
    assert added.kind == "added" and added.where == WHERE and added.new == {"ref": "time-to-hire"}
    (removed,) = diff(_card(DEFINITION), _card(None))
    assert removed.kind == "removed" and str(removed).startswith(f"- {WHERE}: ")


def test_an_unchanged_definition_says_nothing() -> None:
    assert diff(_card(DEFINITION), _card(dict(reversed(DEFINITION.items())))) == []
