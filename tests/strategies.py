"""Hypothesis strategies for everything a user can hand krakit: sentences, files, frames, sheets.

Each strategy comes in two flavours where it makes sense: realistic input (built from the
fragments managers really write, or from the model, so most of it should be *accepted*) and
hostile input (mutations of the realistic kind, or arbitrary text and bytes, which krakit must
either accept or refuse with a :class:`~krakit.errors.KrakitError` naming the place).

All content here is original: words and numbers are assembled, never copied from a data set.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd
import yaml
from hypothesis import strategies as st

from krakit.model import SCHEMA_VERSION

__all__ = [
    "SheetSpec",
    "actuals_frames",
    "amounts",
    "kpi_statements",
    "realistic_statements",
    "scorecard_data",
    "scorecard_files",
    "scorecard_texts",
    "sheet_specs",
    "write_sheet",
]

# --------------------------------------------------------------------------- KPI statements

_VERBS = ("Increase", "Reduce", "Grow", "Cut", "Raise", "Keep", "Maintain", "Achieve", "Close")
_METRICS = (
    "monthly revenue",
    "time to hire",
    "customer churn",
    "first call resolution",
    "invoice errors",
    "NPS",
    "ticket backlog",
    "gross margin",
    "on-time delivery",
    "training hours per employee",
    "qualified leads",
    "average handling time",
)
_UNITS = ("days", "hours", "calls", "tickets", "leads", "points", "visits", "hires")
_CURRENCY = ("₹", "Rs.", "Rs ", "INR ", "$", "USD ", "€", "£")
_SCALES = ("", "k", "K", "M", "mn", " lakh", " lakhs", " crore", " Cr", " million", "L")
_MONTHS = ("January", "Feb", "March", "Apr", "June", "Sept", "October", "Dec")
_LINKS = ("to", "by", "from", "at", "above", "below", "under", "within", "per", "each")


@st.composite
def amounts(draw: st.DrawFn) -> str:
    """A number as people write it: grouping, currency, scale words, percent, ranges."""
    kind = draw(st.sampled_from(("plain", "money", "percent", "range", "lakh", "decimal")))
    n = draw(st.integers(min_value=0, max_value=10**9))
    if kind == "plain":
        return str(n)
    if kind == "money":
        cur = draw(st.sampled_from(_CURRENCY))
        scale = draw(st.sampled_from(_SCALES))
        return f"{cur}{n % 1000}{scale}"
    if kind == "percent":
        return f"{draw(st.floats(0, 500, allow_nan=False)):.{draw(st.integers(0, 2))}f}%"
    if kind == "range":
        a = n % 500
        return f"{a}{draw(st.sampled_from(('-', '–', ' to ')))}{a + draw(st.integers(0, 90))}"
    if kind == "lakh":
        # Indian grouping: 2,50,000 / 10,00,00,000
        digits = str(n)
        head, tail = digits[:-3], digits[-3:]
        groups = []
        while len(head) > 2:
            groups.insert(0, head[-2:])
            head = head[:-2]
        if head:
            groups.insert(0, head)
        return ",".join([*groups, tail]) if groups else tail
    return f"{n % 10000}.{draw(st.integers(0, 99)):02d}"


@st.composite
def _when(draw: st.DrawFn) -> str:
    kind = draw(st.sampled_from(("month", "quarter", "fy", "date", "relative", "none")))
    year = draw(st.integers(1990, 2099))
    if kind == "month":
        return f"by {draw(st.sampled_from(_MONTHS))} {year}"
    if kind == "quarter":
        return f"by Q{draw(st.integers(0, 5))} {year}"
    if kind == "fy":
        return f"in FY{year}-{(year + 1) % 100:02d}"
    if kind == "date":
        return f"by {draw(st.integers(0, 32))}/{draw(st.integers(0, 13))}/{year}"
    if kind == "relative":
        return draw(st.sampled_from(("every month", "each quarter", "within 6 months", "weekly")))
    return ""


@st.composite
def realistic_statements(draw: st.DrawFn) -> str:
    """A KPI sentence assembled from realistic fragments (verbs, metrics, amounts, dates)."""
    parts = [
        draw(st.sampled_from(_VERBS)),
        draw(st.sampled_from(_METRICS)),
    ]
    for _ in range(draw(st.integers(0, 3))):
        parts.append(draw(st.sampled_from(_LINKS)))
        amount = draw(amounts())
        if draw(st.booleans()):
            amount += " " + draw(st.sampled_from(_UNITS))
        parts.append(amount)
    parts.append(draw(_when()))
    text = " ".join(p for p in parts if p)
    if draw(st.booleans()):
        text = draw(st.sampled_from(("", "  ", "\t", "• ", "1. ", "KPI: "))) + text
    return text


def kpi_statements() -> st.SearchStrategy[str]:
    """Arbitrary unicode text, or a realistic KPI sentence (sometimes with junk around it)."""
    junk = st.text(max_size=30)
    return st.one_of(
        st.text(max_size=300),
        realistic_statements(),
        st.builds(lambda a, s, b: a + s + b, junk, realistic_statements(), junk),
    )


# --------------------------------------------------------------------------- scorecards

_WORDS = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")),
    min_size=1,
    max_size=40,
).filter(lambda s: s.strip())
_NUMBER = st.one_of(
    st.integers(-(10**9), 10**9),
    st.floats(-1e9, 1e9, allow_nan=False, allow_infinity=False),
)
_PERIODS = st.one_of(
    st.builds(lambda y, m: f"{y}-{m:02d}", st.integers(2000, 2099), st.integers(1, 12)),
    st.builds(lambda y, q: f"{y}-Q{q}", st.integers(2000, 2099), st.integers(1, 4)),
    st.builds(lambda y: f"FY{y}-{(y + 1) % 100:02d}", st.integers(2000, 2098)),
)


@st.composite
def _kpi(draw: st.DrawFn, index: int) -> dict[str, Any]:
    kpi: dict[str, Any] = {
        "id": f"kpi-{index}",
        "statement": draw(st.one_of(realistic_statements(), _WORDS)),
        "metric": draw(st.sampled_from(_METRICS)),
    }
    polarity = draw(st.sampled_from(("higher_is_better", "lower_is_better", "in_range")))
    kpi["polarity"] = polarity
    if polarity == "in_range":
        low = draw(st.floats(0, 1000, allow_nan=False))
        kpi["target_low"] = low
        kpi["target_high"] = low + draw(st.floats(0, 1000, allow_nan=False))
    else:
        kpi["target"] = draw(_NUMBER)
        if draw(st.booleans()):
            kpi["baseline"] = draw(_NUMBER)
    kpi["target_type"] = draw(st.sampled_from(("ratio", "progress", "threshold", "milestone")))
    if draw(st.booleans()):
        kpi["unit"] = draw(st.sampled_from(("%", "INR", "USD", "days", "count", "calls")))
    if draw(st.booleans()):
        kpi["frequency"] = draw(st.sampled_from(("weekly", "monthly", "quarterly", "annual")))
    if draw(st.booleans()):
        kpi["deadline"] = draw(
            st.one_of(
                st.dates(dt.date(2000, 1, 1), dt.date(2099, 12, 31)).map(dt.date.isoformat),
                st.sampled_from(("Q4 2026", "FY2026-27", "Q1 FY2026-27")),
            )
        )
    if draw(st.booleans()):
        kpi["weight"] = draw(st.floats(0, 100, allow_nan=False))
    if draw(st.booleans()):
        kpi["owner"] = draw(_WORDS)
    return kpi


@st.composite
def scorecard_data(draw: st.DrawFn) -> dict[str, Any]:
    """Plain data for a scorecard the model accepts (ids unique, references consistent)."""
    n_kras = draw(st.integers(0, 3))
    counter = iter(range(1000))
    kras = []
    for k in range(n_kras):
        kpis = [draw(_kpi(next(counter))) for _ in range(draw(st.integers(0, 3)))]
        kra: dict[str, Any] = {"id": f"kra-{k}", "title": draw(_WORDS), "kpis": kpis}
        if draw(st.booleans()):
            kra["weight"] = draw(st.floats(0, 100, allow_nan=False))
        kras.append(kra)
    ids = [kpi["id"] for kra in kras for kpi in kra["kpis"]]
    data: dict[str, Any] = {
        "schema_version": draw(st.sampled_from((1, SCHEMA_VERSION))),  # old files migrate
        "role": {"title": draw(_WORDS)},
        "kras": kras,
    }
    if draw(st.booleans()):
        data["holder"] = draw(_WORDS)
    if ids and draw(st.booleans()):
        actuals, seen = [], set()
        for _ in range(draw(st.integers(1, 5))):
            kpi, period = draw(st.sampled_from(ids)), draw(_PERIODS)
            if (kpi, period) in seen:
                continue
            seen.add((kpi, period))
            actuals.append({"kpi": kpi, "period": period, "value": draw(_NUMBER)})
        data["actuals"] = actuals
    return data


def _dump(data: Any, fmt: str) -> str:
    if fmt == "json":
        return json.dumps(data, ensure_ascii=False, indent=2)
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


_NASTY_YAML = (
    "!!python/object/apply:os.system ['echo pwned']\n",
    "role: !!python/object:builtins.object {}\n",
    "role: {title: a}\nrole: {title: b}\n",  # duplicate key
    "role: {title: x}\nkras: &a [*a]\n",  # recursive alias
    "- just\n- a list\n",
    "42\n",
    "role: {title: x}\nkras:\n  - title: Sales\n    kpis:\n      - target: ten lakh\n",
    "role: {title: x}\nkras: {title: not a list}\n",
    "role: {title: x}\n\tkras: []\n",  # a tab
    "\x00\x01\x02",
    "role:\n  title: " + "[" * 300 + "\n",  # deep nesting
    "role: {title: x}\nactuals: [{kpi: a, period: 2026-13, value: .nan}]\n",
    "role: {title: x}\nkras: [{title: S, weight: .inf}]\n",
    "role: {title: x}\ncreated: 2026-02-30\n",
    "role: {title: x}\nkras: [{title: S, kpis: [{id: a}, {id: a}]}]\n",
    "? [a, b]\n: c\n",
    "role: {title: x}\nkras: [" + "{kpis: [" * 60 + "]}" * 60 + "]\n",
    "role: {title: x}\nkras: " + "[" * 3000 + "]" * 3000 + "\n",  # deeper than Python recurses
    "role: {title: x}\nnote: " + "{a: " * 1500 + "1" + "}" * 1500 + "\n",
    "role: {title: x}\nkras: [{title: S, weight: " + "9" * 5000 + "}]\n",  # a 5000-digit number
    "role: {title: x}\ncreated: 2026-02-30\n",  # a date that does not exist
    "role: {title: x}\nkras: [{title: S, kpis: [{? [a, b] : 1}]}]\n",  # a list as a key
    "role: {title: x}\n? {a: 1}\n: 2\n",  # a mapping as a key
    "role: !!binary aGVsbG8=\n",
    "role: {title: !!timestamp 2026-13-45}\n",
    "role: {title: x}\nkras: [{title: S, kpis: [{id: a, target: !!float nan}]}]\n",
)
_NASTY_JSON = (
    "[" * 5000 + "]" * 5000,
    '{"role": {"title": "x"}, "kras": [{"title": "S", "weight": ' + "9" * 5000 + "}]}",
    '{"role": {"title": "x"}, "kras": [{"title": "S", "weight": NaN}]}',
    '{"role": {"title": "x"}, "role": {"title": "y"}}',
    '{"role": {"title": "\\ud800"}}',
    "\ufeff{}",
)


def _delete_key(data: Any, path: list[Any]) -> Any:
    if not path:
        return data
    if isinstance(data, dict) and data:
        key = path[0] % len(data)
        name = list(data)[key]
        if len(path) == 1:
            return {k: v for k, v in data.items() if k != name}
        return {**data, name: _delete_key(data[name], path[1:])}
    if isinstance(data, list) and data:
        i = path[0] % len(data)
        return [*data[:i], _delete_key(data[i], path[1:]), *data[i + 1 :]]
    return data


def _replace(data: Any, path: list[int], value: Any) -> Any:
    if isinstance(data, dict) and data:
        name = list(data)[path[0] % len(data)] if path else None
        if name is None or len(path) == 1:
            return {**data, name: value} if name is not None else value
        return {**data, name: _replace(data[name], path[1:], value)}
    if isinstance(data, list) and data and path:
        i = path[0] % len(data)
        return [*data[:i], _replace(data[i], path[1:], value), *data[i + 1 :]]
    return value


_WRONG = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),  # nan and inf included
    st.text(max_size=20),
    st.sampled_from(("ten lakh", "₹2,50,000", "85 %", "", "null", "N/A", "1e400")),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=3),
)


@st.composite
def scorecard_texts(draw: st.DrawFn) -> tuple[str, str]:
    """``(text, fmt)``: a valid scorecard serialised, or one of many broken variants of it."""
    fmt = draw(st.sampled_from(("yaml", "json")))
    data = draw(scorecard_data())
    mutation = draw(
        st.sampled_from(
            ("none", "delete", "wrong", "truncate", "flip", "nasty", "dupkey", "nest", "junk")
        )
    )
    path = draw(st.lists(st.integers(0, 50), min_size=1, max_size=5))
    if mutation == "delete":
        data = _delete_key(data, path)
    elif mutation == "wrong":
        data = _replace(data, path, draw(_WRONG))
    elif mutation == "nasty" and fmt == "yaml":
        return draw(st.sampled_from(_NASTY_YAML)), "yaml"
    elif mutation == "nasty":
        return draw(st.sampled_from(_NASTY_JSON)), "json"
    elif mutation == "junk":
        return draw(st.text(max_size=200)), fmt
    try:
        text = _dump(data, fmt)
    except ValueError:  # json refuses nothing here, yaml neither; keep the original
        text = _dump(draw(scorecard_data()), fmt)
    if mutation == "truncate":
        text = text[: draw(st.integers(0, max(len(text) - 1, 0)))]
    elif mutation == "flip":
        raw = bytearray(text.encode("utf-8"))
        for _ in range(draw(st.integers(1, 5))):
            if raw:
                i = draw(st.integers(0, len(raw) - 1))
                raw[i] = draw(st.integers(0, 255))
        text = raw.decode("utf-8", errors="replace")
    elif mutation == "dupkey" and fmt == "yaml":
        text = text + "role: {title: again}\n"
    elif mutation == "dupkey":
        text = text.rstrip().rstrip("}") + ', "role": {"title": "again"}}'
    elif mutation == "nest":
        depth = draw(st.sampled_from((10, 100, 400, 1200, 5000)))
        text = (
            ("[" * depth + "]" * depth) if fmt == "json" else "kras: " + "[" * depth + "]" * depth
        )
    return text, fmt


@st.composite
def scorecard_files(draw: st.DrawFn) -> tuple[bytes, str]:
    """``(raw bytes, suffix)``: like :func:`scorecard_texts`, as bytes, sometimes not UTF-8."""
    text, fmt = draw(scorecard_texts())
    encoding = draw(st.sampled_from(("utf-8", "utf-8-sig", "latin-1", "utf-16")))
    raw = text.encode(encoding, errors="replace")
    suffix = {"yaml": draw(st.sampled_from((".yaml", ".yml", ".YAML"))), "json": ".json"}[fmt]
    return raw, suffix


# --------------------------------------------------------------------------- actuals frames

_ODD_VALUES = st.one_of(
    _NUMBER,
    st.sampled_from(
        (
            math.nan,
            math.inf,
            -math.inf,
            1e308,
            -1e308,
            5e-324,
            "",
            "n/a",
            "ten",
            "1,200",
            "₹2,50,000",
            "Rs. 4,000",
            "85%",
            "(300)",
            "done",
            "12abc",
            "inf",
            "-inf",
            "nan",
            "1e999",
            "--5",
            "∞",
        )
    ),
    st.text(max_size=8),
    st.none(),
)
_ODD_PERIODS = st.one_of(
    _PERIODS,
    st.sampled_from(
        ("2026-13", "2026-Q5", "Q1", "", "March", "2026/01", "FY2026", "2026-W60", "31/01/2026")
    ),
    st.text(max_size=10),
    st.none(),
    st.just(math.nan),
)


@st.composite
def actuals_frames(draw: st.DrawFn, kpi_ids: list[str]) -> pd.DataFrame:
    """A long actuals frame (kpi, period, value) with realistic and hostile cells mixed."""
    n = draw(st.integers(0, 8))
    known = st.sampled_from(kpi_ids) if kpi_ids else st.just("nope")
    hostile = draw(st.integers(0, 2)) == 0  # a third of the frames carry odd cells
    kpi = st.one_of(known, known, st.text(max_size=6), st.none()) if hostile else known
    period = st.one_of(_PERIODS, _ODD_PERIODS) if hostile else _PERIODS
    value = _ODD_VALUES if hostile else st.one_of(_NUMBER, st.just(math.nan), amounts())
    rows: list[dict[str, Any]] = []
    seen: set[tuple[Any, Any]] = set()
    for _ in range(n):
        row = {"kpi": draw(kpi), "period": draw(period), "value": draw(value)}
        if not hostile and (row["kpi"], row["period"]) in seen:
            continue
        seen.add((row["kpi"], row["period"]))
        rows.append(row)
    if rows and hostile and draw(st.booleans()):
        rows.append(dict(rows[draw(st.integers(0, len(rows) - 1))]))  # a duplicate row
    columns = ["kpi", "period", "value"]
    if hostile and draw(st.integers(0, 3)) == 0:
        columns.remove(draw(st.sampled_from(columns)))  # a missing column
    frame = pd.DataFrame(rows, columns=["kpi", "period", "value"])[columns]
    if draw(st.booleans()):
        frame["note"] = "x"
    return frame


# --------------------------------------------------------------------------- spreadsheets

_HEADER_VARIANTS = {
    "kra": ("KRA", " kra ", "Key Result Area", "KRA Title"),
    "kpi": ("KPI", "kpi ", "KPI Statement", "  Key Performance Indicator"),
    "target": ("Target", "TARGET ", "Target Value", "target_value"),
    "weight": ("Weight", "Weightage %", "weight (%)"),
    "owner": ("Owner", "KPI Owner", "owner:"),
    "frequency": ("Frequency", "Review frequency", "Period"),
    "deadline": ("Deadline", "Due date"),
    "unit": ("Unit", "UoM"),
    "extra": ("Comments", "Remarks", "Column1", ""),
}
_TARGETS = st.one_of(
    amounts(),
    _NUMBER,
    st.sampled_from(("ten lakh", "TBD", "", "-", "=1+1", "2,50,000", "Rs. 5 lakh", "INR 40k")),
    st.dates(dt.date(2000, 1, 1), dt.date(2099, 1, 1)),
    st.text(max_size=10),
)
_FREQS = st.sampled_from(
    ("Monthly", "quarterly ", "ANNUAL", "weekly", "fortnightly", "Q4 2026", "")
)


@dataclass
class SheetSpec:
    """A KPI sheet to write: header cells, data rows, and how to write them."""

    suffix: str
    headers: list[str]
    rows: list[list[Any]]
    delimiter: str = ","
    encoding: str = "utf-8"
    newline: str = "\n"
    merged_header: bool = False
    formula: bool = False
    empty: bool = False
    notes: list[str] = field(default_factory=list)


@st.composite
def sheet_specs(draw: st.DrawFn) -> SheetSpec:
    """A KPI sheet: headers chosen (some missing, extra or odd), rows of mixed cells."""
    names = draw(
        st.lists(st.sampled_from(list(_HEADER_VARIANTS)), min_size=0, max_size=7, unique=True)
    )
    if "kpi" not in names and draw(st.integers(0, 4)):
        names.insert(draw(st.integers(0, len(names))), "kpi")  # most sheets have a KPI column
    headers = [draw(st.sampled_from(_HEADER_VARIANTS[n])) for n in names]
    cell = {
        "kra": st.one_of(st.sampled_from(("Sales", "Hiring", "")), _WORDS),
        "kpi": st.one_of(realistic_statements(), st.text(max_size=30)),
        "target": _TARGETS,
        "weight": st.one_of(st.floats(0, 100, allow_nan=False), st.sampled_from(("40%", "x"))),
        "owner": _WORDS,
        "frequency": _FREQS,
        "deadline": st.one_of(
            st.dates(dt.date(2000, 1, 1), dt.date(2099, 1, 1)).map(str),
            st.sampled_from(("31/03/2027", "March 2027", "Q4 FY2026-27")),
        ),
        "unit": st.sampled_from(("%", "INR", "Rs.", "days", "")),
        "extra": st.text(max_size=10),
    }
    rows = [[draw(cell[n]) for n in names] for _ in range(draw(st.integers(0, 5)))]
    if rows and draw(st.booleans()):  # a ragged row
        rows[-1] = rows[-1][: draw(st.integers(0, len(rows[-1])))]
    suffix = draw(st.sampled_from((".csv", ".xlsx")))
    return SheetSpec(
        suffix=suffix,
        headers=headers,
        rows=rows,
        delimiter=draw(st.sampled_from((",", ",", ";", "\t"))),
        encoding=draw(st.sampled_from(("utf-8", "utf-8-sig", "cp1252", "latin-1"))),
        newline=draw(st.sampled_from(("\n", "\r\n"))),
        merged_header=draw(st.booleans()),
        formula=draw(st.booleans()),
        empty=draw(st.integers(0, 19)) == 13,  # (0 and 19 are drawn often)
    )


def _cell_text(value: Any) -> str:
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    return "" if value is None else str(value)


def write_sheet(spec: SheetSpec, folder: Path, name: str = "kpis") -> Path:
    """Write a :class:`SheetSpec` as CSV (via :mod:`csv`) or XLSX (via openpyxl)."""
    path = folder / f"{name}{spec.suffix}"
    if spec.suffix == ".csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter=spec.delimiter, lineterminator=spec.newline)
        if not spec.empty:
            writer.writerow(spec.headers)
            for row in spec.rows:
                writer.writerow([_cell_text(c) for c in row])
        path.write_bytes(buffer.getvalue().encode(spec.encoding, errors="replace"))
        return path
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    if not spec.empty:
        start = 1
        if spec.merged_header and spec.headers:
            sheet.cell(1, 1, "KPI sheet (exported)")
            sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(spec.headers))
            start = 2
        for j, header in enumerate(spec.headers, start=1):
            sheet.cell(start, j, header)
        for i, row in enumerate(spec.rows, start=start + 1):
            for j, value in enumerate(row, start=1):
                if isinstance(value, str):
                    value = "".join(ch for ch in value if ch.isprintable() or ch in "\t\n")
                sheet.cell(i, j, value)
        if spec.formula and spec.rows and spec.headers:
            sheet.cell(start + len(spec.rows) + 1, 1, "=SUM(A1:A2)")
    book.save(path)
    return path
