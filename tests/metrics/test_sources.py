"""Messy raw files, as analysts have them: each problem said naming the file, column and line."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from krakit.cli import _register_all, app
from krakit.errors import InputError, KrakitWarning
from krakit.metrics.compute import compute_actuals
from krakit.model import Scorecard

HEAD = "recruiter,filled_on,days\n"


def _card(**definition: str) -> Scorecard:
    d = {"source": "reqs", "agg": "median", "expr": "days", "time": "filled_on",
         "person": "recruiter", **definition}  # fmt: skip
    kpi = {"id": "tth", "metric": "Time to hire", "unit": "days", "definition": d}
    return Scorecard.model_validate(
        {"role": {"title": "Recruiter"}, "kras": [{"title": "Hiring", "kpis": [kpi]}]}
    )


def _compute(path: Path, **definition: str):
    card = _card(**definition)
    return compute_actuals({"ana": card, "ben": card}, {"reqs": path})


def _refused(path: Path, *words: str, **definition: str) -> InputError:
    with pytest.raises(InputError) as err:
        _compute(path, **definition)
    for word in words:
        assert word in str(err.value), str(err.value)
    assert "Traceback" not in str(err.value) and "Possible solutions" not in str(err.value)
    return err.value


def _file(tmp_path: Path, text: str | bytes, name: str = "reqs.csv") -> Path:
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text)
    return path


def test_a_byte_order_mark_is_read_through(tmp_path: Path) -> None:
    path = _file(
        tmp_path, b"\xef\xbb\xbf" + (HEAD + "ana,2026-01-05,10\nben,2026-02-05,20\n").encode()
    )
    got = _compute(path)
    assert got[["person", "period", "value"]].values.tolist() == [
        ["ana", "2026-01", 10.0],
        ["ben", "2026-02", 20.0],
    ]


def test_semicolons_are_read_and_a_decimal_comma_is_named(tmp_path: Path) -> None:
    ok = _file(tmp_path, "recruiter;filled_on;days\nana;2026-01-05;10\nben;2026-02-05;20\n")
    assert _compute(ok)["value"].tolist() == [10.0, 20.0]
    comma = _file(tmp_path, "recruiter;filled_on;days\nana;2026-01-05;10\nben;2026-02-05;20,5\n")
    err = _refused(comma, "reqs.csv", "row 3", "column 'days'", "'20,5'", "decimal point")
    assert err.row == 3 and err.path == str(comma)


def test_an_empty_file_says_so(tmp_path: Path) -> None:
    for text in ("", "\n", b"\xef\xbb\xbf\r\n"):
        _refused(_file(tmp_path, text), "reqs.csv", "the file is empty", "header row")


def test_a_header_without_rows_gives_no_actuals(tmp_path: Path) -> None:
    for agg in ("median", "sum", "average", "count"):  # a sum of its text columns: no Binder Error
        with pytest.warns(KrakitWarning, match=r"reqs\.csv: source 'reqs' has its header row"):
            assert _compute(_file(tmp_path, HEAD), agg=agg).empty


def test_a_ratio_over_a_header_only_file_names_it(tmp_path: Path) -> None:
    import krakit

    reqs = _file(tmp_path, HEAD + "ana,2026-01-05,10\n")
    empty = _file(tmp_path, HEAD, name="offers.csv")
    side = {"time": "filled_on", "person": "recruiter"}
    card = _card()
    card.kras[0].kpis[0].definition = krakit.model.KPI(id="x", definition={"ratio": {
        "numerator": {"source": "offers", "agg": "sum", "expr": "days", **side},
        "denominator": {"source": "reqs", "agg": "count", **side}}}).definition  # fmt: skip
    with pytest.raises(InputError) as err:
        compute_actuals({"ana": card}, {"reqs": reqs, "offers": empty})
    assert "offers.csv" in str(err.value) and "header row but no rows" in str(err.value)
    assert "Binder" not in str(err.value)


def test_dates_that_read_both_ways_are_refused(tmp_path: Path) -> None:
    two_way = _file(tmp_path, HEAD + "ana,03/04/2026,10\nben,05/06/2026,20\n")
    _refused(two_way, "reqs.csv", "column 'filled_on'", "3 April and as 4 March", "2026-04-03")


def test_dates_a_day_past_12_tells_are_read_that_way(tmp_path: Path) -> None:
    day_first = _file(tmp_path, HEAD + "ana,03/04/2026,10\nben,15/04/2026,20\n")
    assert _compute(day_first)["period"].tolist() == ["2026-04", "2026-04"]
    month_first = _file(tmp_path, HEAD + "ana,03/04/2026,10\nben,04/15/2026,20\n")
    assert _compute(month_first)["period"].tolist() == ["2026-03", "2026-04"]


def test_dates_written_two_ways_name_the_line(tmp_path: Path) -> None:
    mixed = _file(tmp_path, HEAD + "ana,2026-01-05,10\nben,15/02/2026,20\n")
    err = _refused(mixed, "reqs.csv", "column 'filled_on'", "one way")
    assert err.row in (2, 3)


def test_a_date_in_words_names_its_line(tmp_path: Path) -> None:
    words = _file(tmp_path, HEAD + 'ana,2026-01-05,10\nben,"March 3, 2026",20\n')
    err = _refused(
        words, "reqs.csv", "row 3", "column 'filled_on'", "'March 3, 2026'", "2026-03-03"
    )
    assert err.field == "kpis[tth].definition.time"


def test_a_text_cell_inside_an_expression_names_its_line(tmp_path: Path) -> None:
    path = _file(tmp_path, HEAD + "ana,2026-01-05,10\nben,2026-02-05,n/a\n")
    _refused(path, "reqs.csv", "row 3", "column 'days'", "'n/a'", expr="days * 2")
    # a text column used as text is no problem
    ok = _file(tmp_path, "recruiter,filled_on,days,status\nana,2026-01-05,10,filled\n")
    got = _compute(ok, expr="CASE WHEN status = 'filled' THEN days END")
    assert got["value"].tolist() == [10.0]


def test_a_column_with_spaces_in_its_name(tmp_path: Path) -> None:
    path = _file(tmp_path, "recruiter,filled on,days to fill\nana,2026-01-05,10\n")
    _refused(path, "has no column 'filled_on'", "filled on")  # the columns it has, listed
    got = _compute(path, time="filled on", expr='"days to fill"')
    assert got[["person", "value"]].values.tolist() == [["ana", 10.0]]


def test_a_person_with_spaces_around_is_named_not_dropped(tmp_path: Path) -> None:
    path = _file(tmp_path, HEAD + "ana,2026-01-05,10\nben ,2026-01-06,20\n")
    err = _refused(path, "reqs.csv", "row 3", "column 'recruiter'", "'ben '", "write 'ben'")
    assert err.value == "ben "
    _refused(_file(tmp_path, HEAD + "Ana,2026-01-05,10\n"), "'Ana' is written unlike 'ana'")


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    days=st.lists(st.integers(0, 400), min_size=1, max_size=30),
    bad=st.sampled_from(["ten", "n/a", "12 days", "1,5"]),
    at=st.data(),
)
def test_a_text_cell_in_a_number_column_names_its_line(
    tmp_path_factory: pytest.TempPathFactory, days: list[int], bad: str, at: st.DataObject
) -> None:
    where = at.draw(st.integers(0, len(days) - 1))
    cells = [str(d) for d in days]
    cells[where] = f'"{bad}"' if "," in bad else bad
    body = "".join(f"ana,2026-01-{1 + i % 28:02d},{c}\n" for i, c in enumerate(cells))
    path = _file(tmp_path_factory.mktemp("messy"), HEAD + body)
    err = _refused(path, "reqs.csv", "column 'days'", f"{bad!r}", "not a number")
    assert err.row == where + 2  # the header is line 1


def test_the_cli_says_it_in_words(tmp_path: Path) -> None:
    import yaml

    _register_all()
    card = tmp_path / "card.yaml"
    card.write_text(yaml.safe_dump(_card().model_dump(mode="json", exclude_none=True)))
    data = _file(tmp_path, HEAD + "ana,2026-01-05,10\nben,2026-02-05,ten\n")
    res = CliRunner().invoke(app, ["actuals", str(card), "-d", f"reqs={data}", "--everyone"])
    assert res.exit_code == 2, res.output
    assert "reqs.csv" in res.output and "row 3" in res.output and "'ten'" in res.output
    assert "Traceback" not in res.output


def _indian(n: int) -> str:
    """n with Indian digit grouping: 1,50,000."""
    head, tail = str(n)[:-3], str(n)[-3:]
    pairs = []
    while len(head) > 2:
        head, pairs = head[:-2], [head[-2:], *pairs]
    return ",".join([p for p in [head, *pairs] if p] + [tail])


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    values=st.lists(st.integers(0, 10**9), min_size=1, max_size=4),
    indian=st.booleans(),
    cents=st.sampled_from(["", ".5", ".25"]),
)
def test_numbers_with_digit_grouping_are_read(
    tmp_path: Path, values: list[int], indian: bool, cents: str
) -> None:
    written = [(_indian(v) if indian else f"{v:,}") + cents for v in values]
    sure = "1,00,000.5" if indian else "1,000,000.5"  # a cell grouped beyond doubt
    rows = [f'ana,2026-01-{i + 1:02d},"{w}"' for i, w in enumerate([*written, sure])]
    path = _file(tmp_path, HEAD + "\n".join(rows) + "\n")
    got = _compute(path, agg="sum")
    expected = sum(float(w.replace(",", "")) for w in [*written, sure])
    assert got.loc[got.person == "ana", "value"].tolist() == [pytest.approx(expected)]


def test_a_grouped_cell_that_reads_two_ways_is_named(tmp_path: Path) -> None:
    path = _file(tmp_path, HEAD + 'ana,2026-01-05,"1,500"\nben,2026-02-05,250\n')
    _refused(path, "row 2", "'1,500'", "both as 1500", "1.500")


def test_amounts_with_a_currency_sign_are_read(tmp_path: Path) -> None:
    cells = ["₹1,50,000", "Rs. 2,500/-", "INR 1,000", "₹ 500", "750"]
    rows = [f'ana,2026-01-{i + 1:02d},"{c}"' for i, c in enumerate(cells)]
    got = _compute(_file(tmp_path, HEAD + "\n".join(rows) + "\n"), agg="sum")
    assert got["value"].tolist() == [154750.0]  # not 'write a decimal point'


def test_amounts_in_two_currencies_are_refused(tmp_path: Path) -> None:
    path = _file(tmp_path, HEAD + 'ana,2026-01-05,"₹1,50,000"\nben,2026-02-05,"$2,500"\n')
    _refused(path, "reqs.csv", "column 'days'", "INR and USD", "one currency", agg="sum")


def test_a_currency_cell_that_is_no_amount_is_named(tmp_path: Path) -> None:
    path = _file(tmp_path, HEAD + 'ana,2026-01-05,"₹1,50,000"\nben,2026-02-05,₹ten\n')
    _refused(path, "row 3", "'₹ten'", "correct the cell", agg="sum")


def test_a_total_row_is_named_not_the_first_day_first_date(tmp_path: Path) -> None:
    rows = "ana,03/04/2026,10\nben,15/04/2026,20\n\nana,20/04/2026,5\n,Total,35\n"
    err = _refused(_file(tmp_path, HEAD + rows), "row 6", "'Total'", "total row", "delete")
    assert err.row == 6 and "03/04/2026" not in str(err.value)
    words = _file(tmp_path, HEAD + "ana,03/04/2026,10\nben,15/04/2026,20\nana,soon,5\n")
    _refused(words, "row 4", "'soon'", "not a date")  # not row 2's '03/04/2026'


def test_the_line_named_counts_blank_lines(tmp_path: Path) -> None:
    path = _file(tmp_path, HEAD + "ana,2026-01-05,5\n\n\nben,2026-02-05,ten\n")
    _refused(path, "row 5", "'ten'")


def test_a_frames_headers_are_stripped_as_a_csvs_are() -> None:
    frame = pd.DataFrame({"Recruiter ": ["ana"], " Filled_On ": pd.to_datetime(["2026-01-05"]),
                          "days": [10]})  # fmt: skip
    got = compute_actuals({"ana": _card()}, {"reqs": frame})
    assert got[["person", "period", "value"]].values.tolist() == [["ana", "2026-01", 10.0]]
    assert list(frame.columns) == ["Recruiter ", " Filled_On ", "days"]  # the caller's, untouched


def test_a_missing_column_lists_the_columns_as_written() -> None:
    frame = pd.DataFrame({"Recruiter": ["ana"], "Filled On": pd.to_datetime(["2026-01-05"]),
                          "Days": [10]})  # fmt: skip
    with pytest.raises(InputError) as err:
        compute_actuals({"ana": _card()}, {"reqs": frame})
    assert "has no column 'filled_on'" in str(err.value)
    assert "'Recruiter', 'Filled On', 'Days'" in str(err.value)
