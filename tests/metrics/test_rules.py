"""The D rules on real definitions: refs through metrics.yaml, columns from the data."""

from __future__ import annotations

import pandas as pd

from krakit.model import Scorecard
from krakit.rules import check
from krakit.rules.definitions import check_definitions


def _card(**kpi: object) -> Scorecard:
    return Scorecard.model_validate(
        {"role": {"title": "Recruiter"}, "kras": [{"title": "Hiring", "kpis": [kpi]}]}
    )


def _codes(findings: list) -> list[str]:
    return sorted(f.code for f in findings if f.code.startswith("D"))


def test_a_ref_is_judged_through_the_library_it_names() -> None:
    card = _card(metric="Acceptance rate", unit="%", definition={"ref": "acceptance"})
    metrics = {"metrics": {"acceptance": {"source": "offers", "agg": "sum", "expr": "ok",
                                          "time": "at"}}}  # fmt: skip
    assert _codes(check(card)) == []  # without the library a ref is not judged
    assert _codes(check_definitions(card, metrics=metrics)) == ["D001"]


def test_columns_are_read_from_the_data_when_given(tmp_path) -> None:
    card = _card(
        metric="Time to fill",
        definition={"source": "reqs", "agg": "median", "expr": "date_diff('day', opend, filled)",
                    "filter": "not internal", "time": "filled", "person": "recruiter"},
    )  # fmt: skip
    frame = pd.DataFrame(columns=["opened", "filled", "internal", "recruiter"])
    path = tmp_path / "reqs.csv"
    frame.to_csv(path, index=False)
    for data in ({"reqs": frame}, {"reqs": path}, {"reqs": list(frame.columns)}):
        findings = [f for f in check_definitions(card, data=data) if f.code == "D006"]
        assert [f.message.split(". ")[0] for f in findings] == [
            "'Time to fill' reads column 'opend', which source 'reqs' does not have"
        ]
    assert _codes(check_definitions(card)) == []  # no data: not judged
    # a frame read with spaces around its headers is the same table as the CSV
    spaced = frame.rename(columns={"filled": " Filled ", "recruiter": "recruiter "})
    findings = [f for f in check_definitions(card, data={"reqs": spaced}) if f.code == "D006"]
    assert len(findings) == 1 and "'opend'" in findings[0].message


def test_a_blank_card_and_kpis_without_definitions_draw_no_d_rule() -> None:
    assert _codes(check(Scorecard.model_validate({"role": {"title": "New"}}))) == []
    assert _codes(check(_card(metric="Offer acceptance rate", unit="%"))) == []
