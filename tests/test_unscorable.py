"""Every KPI a manager can type flows through scoring, tables, charts, reports and explain.

A blank scorecard is built through the public API (no template), the way a new user builds
one: KPIs with no unit, no target, a qualitative one, a range with and without its ends, a
milestone, a threshold, a progress target without a baseline, units mixed with none. Some
get actuals. Nothing may raise, and whatever cannot be scored says why and how to fix it.
"""

from __future__ import annotations

import csv
import warnings
from pathlib import Path

import openpyxl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import krakit
from krakit import charts
from krakit.scoring.sentences import from_sentences

# What a manager can type, as KPI fields, with the actual they might record and
# the reason the score must give when it cannot be scored (None: it scores).
KINDS: dict[str, tuple[dict, float, str | None]] = {
    "vague": ({"statement": "Reduce ticket backlog"}, 40, "no target"),
    "vague-quality": ({"statement": "Improve quality"}, 3, "no target"),
    "unit, no target": ({"statement": "CSAT", "unit": "%"}, 82, "no target"),
    "money, no target": ({"statement": "Upsell revenue", "unit": "INR"}, 150000, "no target"),
    "qualitative": (
        {"statement": "Team morale is good", "type": "qualitative"},
        4,
        "no target on a rating scale",
    ),
    "qualitative, rated": (
        {"statement": "Customer feedback rating", "type": "qualitative", "target": 4},
        5,
        None,
    ),
    "range": (
        {"statement": "Headcount", "polarity": "in_range", "target_low": 8, "target_high": 10},
        9,
        None,
    ),
    "range, no ends": (
        {"statement": "Keep stock levels sensible", "polarity": "in_range"},
        120,
        "no target range",
    ),
    "milestone": ({"statement": "Launch the help centre", "target_type": "milestone"}, 1, None),
    "threshold, no level": (
        {"statement": "Uptime held", "target_type": "threshold", "unit": "%"},
        99.5,
        "no target",
    ),
    "progress, no baseline": (
        {
            "statement": "Cut first response time",
            "target_type": "progress",
            "target": 4,
            "unit": "hours",
            "polarity": "lower_is_better",
        },
        5,
        None,
    ),
    "ratio": ({"statement": "Tickets closed", "target": 500}, 430, None),
    "ratio, days": (
        {
            "statement": "Resolution time",
            "unit": "days",
            "target": 2,
            "polarity": "lower_is_better",
        },
        3,
        None,
    ),
}


TYPED = (  # what people type as a KPI, beside Hypothesis's own text
    "Improve quality",
    "  Reduce backlog!! ",
    "ग्राहक संतुष्टि बढ़ाना",
    "Customer ko jaldi reply karna",
    "<b>CSAT</b> & NPS",
    "=SUM(A1)",
    "Rs. 5 lakh sales",
)


def _card(picks: list[tuple[str, bool]], words: list[str] | None = None) -> krakit.Scorecard:
    """A blank scorecard: one KRA, one KPI per pick, an actual where the pick says so.

    ``words``, if given, replace the statements (whatever a manager types).
    """
    kpis = [
        krakit.KPI(id=f"k{i}", **{**KINDS[kind][0], **({"statement": words[i]} if words else {})})
        for i, (kind, _) in enumerate(picks)
    ]
    actuals = [
        krakit.Actual(kpi=f"k{i}", period="2026-01", value=KINDS[kind][1])
        for i, (kind, measured) in enumerate(picks)
        if measured
    ]
    return krakit.Scorecard(
        role=krakit.Role(title="Support team lead"),
        kras=[krakit.KRA(id="tickets", title="Ticket resolution", kpis=kpis)],
        actuals=actuals,
    )


def _check_everything(card: krakit.Scorecard, picks: list[tuple[str, bool]], out: Path) -> None:
    """Score, tables, explain, charts and the three reports: no crash, and they say why."""
    result = krakit.score(card)
    unscorable = {f"k{i}": KINDS[kind][2] for i, (kind, measured) in enumerate(picks) if measured}
    # a typed sentence with a number in it ("Rs. 5 lakh sales") gives the KPI its target
    read = from_sentences(card)
    numbered = {k.id for k in read.all_kpis() if k.target is not None or k.target_low is not None}
    unscorable = {
        k: why
        for k, why in unscorable.items()
        if why and not (why == "no target" and k in numbered)
    }
    missing = result.missing.set_index("kpi")
    for kpi, why in unscorable.items():
        assert missing.loc[kpi, "reason"] == why
        assert "step 2" in missing.loc[kpi, "fix"]
    table = result.readable()
    assert len(table) == len(picks)
    if unscorable:
        notes = dict(zip([f"k{i}" for i in range(len(picks))], table["note"], strict=True))
        assert all(notes[k].startswith(why) for k, why in unscorable.items())
    text = str(result) + "\n".join(result.notes)
    said = str(krakit.explain(card))
    assert all(f"{why}:" in said for why in unscorable.values())
    if any(measured for _, measured in picks) and not result.has_actuals:
        assert "no actuals yet" not in text.lower()
        assert "no actuals yet" not in said.lower()
    drawing = charts.overview(card, result).to_dict()
    subtitle = str(drawing.get("title", {}).get("subtitle", ""))
    if result.has_entries:
        assert "no actuals yet" not in subtitle
    charts.bullet(result).to_dict()
    charts.contribution(result).to_dict()
    if len(result.kpis):
        charts.trend(result).to_dict()
    for suffix in (".html", ".xlsx", ".csv"):
        krakit.report(card, path=out / f"r{suffix}", charts=False)
    if unscorable:
        page = (out / "r.html").read_text(encoding="utf-8")
        assert all(why in page for why in unscorable.values())
        with (out / "r.csv").open(encoding="utf-8-sig", newline="") as handle:
            rows = list(csv.DictReader(handle))
        said_csv = {r["kpi"]: r["not_scored"] for r in rows}
        assert all(said_csv[k].startswith(why) for k, why in unscorable.items())
        book = openpyxl.load_workbook(out / "r.xlsx", read_only=True)
        cells = {str(c) for row in book["KPI scores"].values for c in row}
        assert any(str(c).startswith(next(iter(unscorable.values()))) for c in cells)


def test_two_vague_kpis_with_actuals_say_what_to_add(tmp_path: Path) -> None:
    picks = [("vague", True), ("vague-quality", True)]
    card = _card(picks)
    result = krakit.score(card)
    assert result.missing[["kpi", "reason", "fix"]].values.tolist() == [
        ["k0", "no target", "add one in step 2 (KPIs)"],
        ["k1", "no target", "add one in step 2 (KPIs)"],
    ]
    assert str(result).startswith("Actuals are in, but no KPI can be scored yet")
    assert "'Reduce ticket backlog' has no target: add one in step 2" in result.notes[0]
    _check_everything(card, picks, tmp_path)


def test_units_mixed_with_none_format_in_every_table(tmp_path: Path) -> None:
    # a KPI with a unit beside one without: pandas holds the missing unit as NaN
    picks = [("vague", True), ("ratio, days", True), ("unit, no target", True)]
    card = _card(picks)
    table = krakit.score(card).readable()
    assert table["actual"].tolist() == ["40", "3 days", "82%"]
    _check_everything(card, picks, tmp_path)


def test_every_kind_at_once_renders_png_and_html_with_charts(tmp_path: Path) -> None:
    picks = [(kind, True) for kind in KINDS]
    card = _card(picks)
    _check_everything(card, picks, tmp_path)
    assert charts.save(charts.overview(card, krakit.score(card)), tmp_path / "c.png").stat().st_size
    page = krakit.report(card, path=tmp_path / "full.html").read_text(encoding="utf-8")
    assert "data:image/svg+xml;base64," in page


def test_chart_subtitle_never_says_no_actuals_when_some_scored() -> None:
    card = _card([("ratio", True), ("vague", False)])
    spec = charts.targets(card).to_dict()
    assert "no actuals yet" not in spec["title"]["subtitle"]
    assert (
        charts.targets(_card([("ratio", False)]))
        .to_dict()["title"]["subtitle"]
        .startswith("no actuals yet")
    )


def test_threshold_without_a_level_warns_nothing() -> None:
    card = _card([("threshold, no level", True), ("ratio", True)])
    with warnings.catch_warnings():
        warnings.simplefilter("error", RuntimeWarning)
        result = krakit.score(card)
    assert result.missing["reason"].tolist() == ["no target"]


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    picks=st.lists(
        st.tuples(st.sampled_from(sorted(KINDS)), st.booleans()), min_size=1, max_size=6
    ),
    typed=st.lists(
        st.one_of(
            st.sampled_from(TYPED),
            st.text(min_size=1, max_size=40).filter(str.strip),
        ),
        min_size=6,
        max_size=6,
    ),
)
def test_any_mix_of_kpis_and_actuals_flows_through(
    picks: list[tuple[str, bool]], typed: list[str], tmp_path: Path
) -> None:
    _check_everything(_card(picks, typed[: len(picks)]), picks, tmp_path)
