"""parse_kpi and classify never raise, whatever the string, and read at most MAX_CHARS."""

import dataclasses

from hypothesis import given, settings
from hypothesis import strategies as st

from krakit.text.classify import classify
from krakit.text.draft import KPIDraft, Label
from krakit.text.parse import MAX_CHARS, parse_kpi

NASTY = [
    "",
    " ",
    "\n\n\t",
    "🚀📈 increase revenue 🔥 by 20% 💰",
    "زيادة المبيعات بنسبة 20٪",
    "‏הגדל מכירות ב-20%‏",
    "1234567890" * 10,
    "<b>Revenue</b> &gt; ₹10 lakh<script>alert(1)</script>",
    "%%%%%%",
    "₹₹₹ lakh crore k M",
    "by by by within within Q5 FY99-98 31/02/2026",
    "0/0 out of 0 per 0 1:0",
    "\x00\x01\x02",
    "9" * 400,
    "1e308% of 1e308",
]


def _check(text: str) -> None:
    draft = parse_kpi(text)
    assert isinstance(draft, KPIDraft)
    for start, end in draft.spans.values():
        assert 0 <= start <= end <= len(text)
    assert classify(text).label in (Label.KPI, Label.KRA)


def test_nasty_strings() -> None:
    for text in NASTY:
        _check(text)


def test_not_a_string() -> None:
    assert parse_kpi(None).text == ""  # type: ignore[arg-type]
    assert classify(12345).label in (Label.KPI, Label.KRA)  # type: ignore[arg-type]


def test_one_megabyte_is_read_only_as_far_as_max_chars() -> None:
    """Huge input costs no more than MAX_CHARS of it: what lies past them is never read.

    Proven by what the readers return, not by a clock: any tail gives the same result.
    """
    text = "Increase revenue by 20% per month, " * 30_000
    _check(text)
    head = text[:MAX_CHARS]
    tails = ("", "x" * 1_000_000, " Reduce churn below 2% by Q4 2027." * 30_000)
    drafts = [dataclasses.asdict(parse_kpi(head + tail)) | {"text": ""} for tail in tails]
    assert all(draft == drafts[0] for draft in drafts), "parse_kpi read past MAX_CHARS"
    labels = [classify(head + tail) for tail in tails]
    assert all(label == labels[0] for label in labels), "classify read past MAX_CHARS"


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_never_raises_on_any_text(text: str) -> None:
    _check(text)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "₹",
                "$",
                "10",
                "1,50,000",
                "lakh",
                "k",
                "%",
                "by",
                "from",
                "to",
                "within",
                "days",
                "Q2",
                "FY25",
                "per month",
                "<",
                ">=",
                "X",
                "-",
                "/",
                "out of",
                "5",
                ":",
                "|",
                " ",
            ]
        ),
        max_size=30,
    )
)
def test_never_raises_on_kpi_like_soup(parts: list[str]) -> None:
    _check(" ".join(parts))
