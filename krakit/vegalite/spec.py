"""The building blocks of krakit's Vega-Lite specs: the theme, encodings, data, the finish.

Every chart module builds its spec from these, so every spec has the same shape as Altair's
(``$schema``, the ``krakit`` theme as ``config``, data in top-level ``datasets`` named by a
hash of their rows) and no string in it carries a control character.
"""

from __future__ import annotations

import hashlib
import json
import math
from typing import Any

import pandas as pd

from krakit.units import is_currency, symbol

__all__ = ["SCHEMA_URL", "STATUS_COLORS", "THEME", "Spec", "axis_format", "plain"]

Spec = dict[str, Any]

SCHEMA_URL = "https://vega.github.io/schema/vega-lite/v6.4.1.json"
"""The Vega-Lite schema the specs follow (Altair 6.3's); vl-convert draws them with its own."""

STATUS_COLORS: dict[str, str] = {
    "green": "#009E73",  # Okabe–Ito bluish green
    "amber": "#E69F00",  # Okabe–Ito orange
    "red": "#D55E00",  # Okabe–Ito vermillion
    "no data": "#BBBBBB",
}
_BAND_GREYS = ("#EEEEEE", "#DDDDDD", "#CCCCCC")  # bullet bands: red, amber, green zones
_FONT = "DejaVu Sans, Helvetica, Arial, sans-serif"

THEME: Spec = {
    "font": _FONT,
    "view": {"stroke": None, "continuousWidth": 420, "continuousHeight": 260},
    "title": {"fontSize": 15, "anchor": "start", "subtitleColor": "#555555"},
    "axis": {"labelFontSize": 11, "titleFontSize": 12, "gridColor": "#EEEEEE"},
    "legend": {"labelFontSize": 11, "titleFontSize": 12, "orient": "bottom"},
    "header": {"labelFontSize": 12, "titleFontSize": 12},
    "range": {
        "category": [
            "#0072B2",
            "#E69F00",
            "#009E73",
            "#CC79A7",
            "#56B4E9",
            "#D55E00",
            "#F0E442",
            "#000000",
        ]
    },
}
"""The ``krakit`` look, set once: font, sizes, no chart border, left-aligned titles.

Every spec carries it as ``config``; :mod:`krakit.charts` registers it as Altair's theme."""

_TYPES = {"Q": "quantitative", "N": "nominal", "O": "ordinal"}

# C0 control characters but tab and newline: vl-convert's SVG text parser panics on them and
# aborts the whole process (a kernel, the CLI), so no chart text may carry one.
_CONTROLS = {c: None for c in range(32) if chr(c) not in "\t\n"} | {0x7F: None}


def plain(value: Any) -> Any:
    """``value`` with control characters removed from every string in it.

    Examples
    --------
    >>> plain({"title": "Sales\\x1d", "data": ["a\\x00b", 3]})
    {'title': 'Sales', 'data': ['ab', 3]}
    """
    if isinstance(value, str):
        return value.translate(_CONTROLS)
    if isinstance(value, dict):
        return {plain(k): plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


# --------------------------------------------------------------------------- building blocks


def _field(shorthand: str, **extra: Any) -> Spec:
    """An encoding channel from ``"name:T"`` (as Altair's shorthand) and its other settings."""
    name, _, kind = shorthand.partition(":")
    channel: Spec = {"field": name, **extra}
    if kind:
        channel["type"] = _TYPES[kind]
    return channel


def _tooltip(*fields: tuple[str, str]) -> list[Spec]:
    return [_field(shorthand, title=title) for shorthand, title in fields]


def _title(text: str, **extra: Any) -> Spec:
    return {"text": text, **extra}


def _mark(kind: str, **extra: Any) -> Spec:
    return {"type": kind, **extra}


def _cell(value: Any) -> Any:
    """A value as JSON holds it: numpy scalars as Python, NaN and infinity as null."""
    if hasattr(value, "item") and not isinstance(value, str):
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if value is pd.NA or value is pd.NaT:
        return None
    return value


def _records(frame: pd.DataFrame) -> list[Spec]:
    """The frame's rows as JSON-ready dicts (Altair's sanitising of a DataFrame)."""
    columns = [str(c) for c in frame.columns]
    return [
        {c: _cell(v) for c, v in zip(columns, row, strict=True)}
        for row in frame.itertuples(index=False, name=None)
    ]


def _data(frame: pd.DataFrame) -> Spec:
    return {"values": _records(frame)}


def _dataset_name(values: list[Spec]) -> str:
    """The name Altair gives a dataset: a hash of its rows, so equal data share one entry."""
    if values == [{}]:
        return "empty"
    text = json.dumps(values, sort_keys=True, default=str)
    return "data-" + hashlib.sha256(text.encode()).hexdigest()[:32]


def _name_data(node: Any, datasets: dict[str, list[Spec]]) -> Any:
    """``node`` with every inline ``{"values": rows}`` moved into ``datasets`` by name."""
    if isinstance(node, list):
        return [_name_data(v, datasets) for v in node]
    if not isinstance(node, dict):
        return node
    out = {}
    for key, value in node.items():
        if key == "data" and isinstance(value, dict) and "values" in value:
            name = _dataset_name(value["values"])
            datasets[name] = value["values"]
            out[key] = {"name": name}
        else:
            out[key] = _name_data(value, datasets)
    return out


def _finish(chart: Spec) -> Spec:
    """A top-level spec: schema, theme, named datasets, no control characters."""
    datasets: dict[str, list[Spec]] = {}
    body = _name_data(chart, datasets)
    top: Spec = {"$schema": SCHEMA_URL, "config": THEME, **body}
    if datasets:
        top["datasets"] = datasets
    return plain(top)


def _lift_data(layers: list[Spec]) -> tuple[Spec | None, list[Spec]]:
    """Layers sharing one dataset: the data once, above them (as Altair's ``layer``)."""
    data = [layer.get("data") for layer in layers]
    if data and all(d is not None and d == data[0] for d in data):
        return data[0], [{k: v for k, v in layer.items() if k != "data"} for layer in layers]
    return None, layers


def _layer(*layers: Spec, **extra: Any) -> Spec:
    data, inner = _lift_data(list(layers))
    return {**({"data": data} if data is not None else {}), "layer": inner, **extra}


def axis_format(unit: str | None) -> Spec:
    """Axis label settings that show ``unit``: ₹ with Indian grouping, $ 1,200, 85%.

    Examples
    --------
    >>> axis_format("INR")["labelExpr"][:6]
    "'₹' + "
    >>> axis_format("%")
    {'format': '~s', 'labelExpr': "datum.label + '%'"}
    """
    if unit == "INR":
        # Indian grouping: the last three digits, then pairs (10,00,000)
        group = "replace(format(datum.value, 'd'), regexp('(\\\\d)(?=(\\\\d\\\\d)+\\\\d(?!\\\\d))', 'g'), '$1,')"  # noqa: E501
        return {"labelExpr": f"'₹' + {group}"}
    if is_currency(unit):
        return {"format": ",.0f", "labelExpr": f"'{symbol(unit)}' + datum.label"}
    if unit == "%":
        return {"format": "~s", "labelExpr": "datum.label + '%'"}
    return {"format": ",~r"}
