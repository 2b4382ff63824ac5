"""Time patterns as data: every declaration reads its examples, and every reading is one value.

The checker, the parser and sheets read a deadline through the same engine, so a past deadline
draws A003 whatever its spelling.
"""

import datetime as dt

import pytest

from krakit.periods import When
from krakit.rules.engine import check
from krakit.text.parse import parse_kpi
from krakit.text.time import find_times, period_end, read_when
from krakit.text.time_patterns import EXAMPLE_TODAY, PATTERNS

TODAY = dt.date(2026, 1, 15)

EXAMPLES = [(p.name, text, want) for p in PATTERNS for text, want in p.examples.items()]


def test_every_declaration_has_examples_and_a_unique_name() -> None:
    names = [p.name for p in PATTERNS]
    assert len(names) == len(set(names))
    assert all(p.examples for p in PATTERNS)


@pytest.mark.parametrize(("name", "text", "want"), EXAMPLES, ids=[e[1] for e in EXAMPLES])
def test_declaration_reads_its_examples(name: str, text: str, want: str) -> None:
    got = [(t.pattern, str(t.when)) for t in find_times(text, EXAMPLE_TODAY) if t.when]
    assert (name, want) in got


def test_gate_words_let_the_examples_through() -> None:
    for p in PATTERNS:
        for text in p.examples:
            assert p.gated(text.lower()), (p.name, text)


# -- the sentences, read end to end by the parser -------------------------------------


@pytest.mark.parametrize(
    ("text", "metric", "end"),
    [
        ("Cut churn to 5% by spring 2027", "churn", dt.date(2027, 5, 31)),
        ("Lift NPS to 45 by the end of the second quarter", "NPS", dt.date(2026, 6, 30)),
        (
            "Raise attendance to 95% by the end of the school year",
            "attendance",
            dt.date(2026, 6, 30),
        ),
        ("Raise attendance to 95% by EOY SY 26-27", "attendance", dt.date(2027, 6, 30)),
        ("Raise attendance to 95% by Q3 end", "attendance", dt.date(2026, 9, 30)),
        ("Raise attendance to 95% in 2027 Q2", "attendance", dt.date(2027, 6, 30)),
        (
            "Raise attendance to 95% during the first six months of 2027",
            "attendance",
            dt.date(2027, 6, 30),
        ),
        ("Raise the pass rate to 80% by winter 2027", "pass rate", dt.date(2027, 2, 28)),
        ("Grow ARR to $2M by the fourth quarter of 2026", "ARR", dt.date(2026, 12, 31)),
    ],
)
def test_time_phrase_is_a_deadline_never_the_metric(text: str, metric: str, end: dt.date) -> None:
    d = parse_kpi(text, today=TODAY)
    assert d.metric == metric
    assert period_end(d.deadline, TODAY) == end


@pytest.mark.parametrize(
    ("text", "window"),
    [
        ("Raise attendance to 95% within the next semester", "window 1 semesters"),
        ("Lift velocity to 40 points over the next three sprints", "window 3 sprints"),
        ("Lift activation to 30% in the next 2 quarters", "window 2 quarters"),
        ("Ship 4 features within the next 90 days", "window 90 days"),
        ("Grow reach by 15% in six months", "window 6 months"),
    ],
)
def test_windows(text: str, window: str) -> None:
    d = parse_kpi(text, today=TODAY)
    assert d.within is not None and d.target is not None
    assert any(str(t.when) == window for t in find_times(text, TODAY))


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Complete 20 contact hours by my next review", "next review"),
        ("Close every audit finding before the next audit", "next audit"),
        ("Reach 90% test coverage ahead of the launch", "launch"),
    ],
)
def test_event_anchor_is_a_deadline_without_a_date(text: str, label: str) -> None:
    d = parse_kpi(text, today=TODAY)
    assert d.deadline == label
    (when,) = [t.when for t in find_times(text, TODAY) if t.kind == "deadline"]
    assert when is not None and not when.dated and str(when) == f"deadline {label} (no date)"
    assert "A003" not in {f.code for f in check(text, today=TODAY)}
    assert "T001" not in {f.code for f in check(text, today=TODAY)}


@pytest.mark.parametrize(
    ("text", "grain"),
    [
        ("Keep injuries at zero per shift", "daily"),
        ("Close 30 points per sprint", "weekly"),
        ("Hold a fortnightly review with 100% attendance", "weekly"),
        ("Post a biweekly update to 100% of clients", "weekly"),
        ("Audit 20 files twice a month", "monthly"),
        ("Keep the weekly average queue under 40", "weekly"),
        ("Keep the 7-day rolling defect rate under 2%", "weekly"),
        ("Grow signups 4% MoM", "monthly"),
        ("Grow revenue 12% YoY", "annual"),
        ("Grow repeat visits 10% (from last year)", "annual"),
        ("Cut returns 5% compared with the previous quarter", "quarterly"),
    ],
)
def test_cadences(text: str, grain: str) -> None:
    assert str(parse_kpi(text, today=TODAY).period) == grain


def test_a_list_of_cadences_names_none() -> None:
    assert parse_kpi("Report leads per week/month/quarter", today=TODAY).period is None


# -- one value, read the same way by every module ---------------------------------------------


@pytest.mark.parametrize(
    "label",
    ["Q2 2027", "H1 2027", "FY2026-27", "Q3 FY2027", "spring 2027", "SY2026-27", "2027", "Q2"],
)
def test_every_label_the_reader_writes_reads_back(label: str) -> None:
    when = read_when(label, TODAY)
    assert when is not None and when.label == label and when.end is not None


def test_fiscal_start_is_configurable() -> None:
    def end(text: str, start: int) -> dt.date | None:
        (t,) = [t for t in find_times(text, TODAY, fiscal_start=start) if t.kind == "deadline"]
        assert t.when is not None
        return t.when.end

    assert end("by FY2027", 4) == dt.date(2027, 3, 31)  # India, UK
    assert end("by FY2027", 7) == dt.date(2027, 6, 30)  # Australia
    assert end("by FY2027", 10) == dt.date(2027, 9, 30)  # US federal
    assert end("by Q1 FY2027", 10) == dt.date(2026, 12, 31)


def test_seasons_follow_the_hemisphere() -> None:
    (t,) = find_times("by summer 2027", TODAY, hemisphere="south")
    # the season across the new year is named by the year it ends in, in either hemisphere
    assert t.when is not None and (t.when.start, t.when.end) == (
        dt.date(2026, 12, 1),
        dt.date(2027, 2, 28),
    )


def test_a_when_is_one_typed_value() -> None:
    (t,) = find_times("Cut churn by 2% by spring 2027", TODAY)[-1:]
    assert isinstance(t.when, When)
    assert (t.when.kind, t.when.start, t.when.end, t.when.grain) == (
        "deadline",
        dt.date(2027, 3, 1),
        dt.date(2027, 5, 31),
        "season",
    )


def test_a_number_word_window_and_may_the_verb() -> None:
    assert not [
        t for t in find_times("targets may be revised by may", TODAY) if t.kind == "deadline"
    ]


# -- a past deadline draws A003 in every spelling the reader accepts ----------------------------

PAST = [
    ("a full date", "by 31 March 2021"),
    ("an ISO date", "by 2021-03-31"),
    ("a numeric date", "by 31/03/2021"),
    ("a month and year", "by March 2021"),
    ("an abbreviated month and year", "by Mar '21"),
    ("a quarter", "by Q2 2020"),
    ("a quarter, year first", "in 2020 Q2"),
    ("a quarter end", "by Q3 2020 end"),
    ("an ordinal quarter", "by the end of the second quarter of 2020"),
    ("a half", "by H1 2020"),
    ("a half, digit first", "by 2H 2020"),
    ("a fiscal year", "by FY2020"),
    ("a short fiscal year", "by FY20"),
    ("a fiscal year range", "by FY2019-20"),
    ("a fiscal year in words", "by fiscal year 2020"),
    ("a fiscal quarter", "by Q3 FY2020"),
    ("a school year", "by the end of SY 2019-20"),
    ("an academic year in words", "by the end of the 2019-2020 academic year"),
    ("a season", "by spring 2020"),
    ("a winter across two years", "by winter 2019/20"),
    ("a year", "by 2020"),
    ("the first months of a year", "during the first six months of 2020"),
    ("a dashed date", "by 31-Mar-2020"),
    ("a slashed ISO date", "by 2020/03/31"),
    ("a calendar year", "in CY2020"),
    ("the middle of a year", "by mid-2020"),
    ("a year end", "by the 2020 year end"),
    ("a bare fiscal range", "in 2019-20"),
    ("a quarter of a year", "in Q3 of 2020"),
    ("a week number", "by week 12 of 2020"),
    ("a day of a month", "by the 15th of March 2020"),
    ("a quarter, digit first", "by 3Q 2020"),
    ("late in a year", "by late 2020"),
    ("early in a year", "by early 2020"),
    ("the year, written out", "by the year 2020"),
]


@pytest.mark.parametrize(("kind", "when"), PAST, ids=[p[0] for p in PAST])
def test_a_past_deadline_draws_a003_in_every_spelling(kind: str, when: str) -> None:
    text = f"Reduce churn from 8% to 5% {when}"
    assert "A003" in {f.code for f in check(text, today=TODAY)}, kind
    future = (
        when.replace("2019/20", "2029/30")
        .replace("2019-20", "2029-30")
        .replace("2019", "2029")
        .replace("2020", "2030")
        .replace("2021", "2031")
    )
    future = future.replace("FY20", "FY30").replace("'21", "'31")
    later = f"Reduce churn from 8% to 5% {future}"
    assert "A003" not in {f.code for f in check(later, today=TODAY)}, kind


def test_a_window_under_a_day_is_a_service_level_not_a_timeframe() -> None:
    d = parse_kpi("Answer 85% of support calls within 30 seconds", today=TODAY)
    assert d.within is None and d.target is not None and d.target.value == 85
    kept = parse_kpi("Close 95% of audit points within 30 days", today=TODAY)
    assert kept.within is not None and kept.within.unit == "days"


LEAVES = [(p.name, text) for p in PATTERNS for text in p.leaves]


@pytest.mark.parametrize(("name", "text"), LEAVES, ids=[e[1] for e in LEAVES])
def test_declaration_leaves_what_is_not_its_time(name: str, text: str) -> None:
    assert name not in {t.pattern for t in find_times(text, EXAMPLE_TODAY)}


@pytest.mark.parametrize("deadline", ["FY2020", "spring 2020", "Q2 2020", "SY2019-20", "Mar 2020"])
def test_a_stored_deadline_label_is_read_by_the_same_engine(deadline: str) -> None:
    import krakit

    kpi = krakit.KPI(id="churn", metric="churn", unit="%", target=5, deadline=deadline)
    assert "A003" in {f.code for f in check(kpi, today=TODAY)}
    later = krakit.KPI(id="churn", metric="churn", unit="%", target=5, deadline="spring 2030")
    assert "A003" not in {f.code for f in check(later, today=TODAY)}


@pytest.mark.parametrize(
    ("text", "baseline", "target", "deadline"),
    [
        ("Raise the pass rate from 62% in fall 2024 to 70% in spring 2027", 62, 70, "spring 2027"),
        ("Lift CSAT from 80% in Q1 2025 to 90% by Q4 2026", 80, 90, "Q4 2026"),
        ("Grow exports from $4M in FY2025 to $5M in FY2027", 4_000_000, 5_000_000, "FY2027"),
    ],
)
def test_a_time_between_baseline_and_target_dates_the_baseline(
    text: str, baseline: float, target: float, deadline: str
) -> None:
    d = parse_kpi(text, today=TODAY)
    assert d.baseline is not None and d.baseline.value == baseline
    assert d.target is not None and d.target.value == target
    assert d.deadline == deadline


def test_the_draft_carries_the_typed_time() -> None:
    d = parse_kpi("Cut churn to 5% by spring 2027", today=TODAY)
    assert d.when is not None and (d.when.start, d.when.end) == (D27_3_1, D27_5_31)
    anchor = parse_kpi("Log 20 CPD hours by my next review", today=TODAY).when
    assert anchor is not None and anchor.kind == "deadline" and anchor.end is None
    window = parse_kpi("Lift velocity to 40 over the next three sprints", today=TODAY).when
    assert window is not None and (window.kind, window.count, window.grain) == (
        "window",
        3,
        "sprints",
    )


D27_3_1, D27_5_31 = dt.date(2027, 3, 1), dt.date(2027, 5, 31)


def test_a_window_in_working_days_is_a_service_level() -> None:
    d = parse_kpi("Settle 95% of claims within 3 working days", today=TODAY)
    assert d.within is None and d.target is not None and d.target.value == 95
    solo = parse_kpi("Settle claims within 3 working days", today=TODAY)
    assert solo.target is not None and (solo.target.value, solo.target.unit) == (3, "days")
