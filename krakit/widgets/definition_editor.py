"""A definition editor: change how a KPI is computed from raw data and see what it does.

The analyst picks a KPI, then its source, measure (aggregation and expression), filter and time
column; *Preview* computes the actuals per period under the current and the edited definition
and the scores under both (:func:`krakit.compare_definitions`). A refused expression (a
subquery, a function not allowed, a column the table lacks) is a plain message, never a
traceback. Everything it does, :mod:`krakit.metrics` does from code: this is a thin view.

Measures only: a ratio KPI (numerator / denominator) is edited in metrics.yaml.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import ipywidgets as w
import pandas as pd

from krakit.metrics.compare import Comparison, compare_definitions, revise, source_columns
from krakit.metrics.compute import Source
from krakit.metrics.definition import Agg, Definition
from krakit.metrics.library import MetricLibrary, load_metrics
from krakit.model import Scorecard
from krakit.widgets._base import esc, guard, message_html, style

__all__ = ["DefinitionEditor"]

_NONE = "(none)"


class DefinitionEditor(w.VBox):
    """Edit one KPI's definition and preview the actuals and scores it gives.

    Parameters
    ----------
    cards
        The team: person -> scorecard (as :func:`krakit.compute_actuals` takes it).
    data
        Source name -> CSV/Parquet path or DataFrame.
    metrics
        The metrics.yaml the scorecards' ``ref`` definitions name.
    kpi
        The KPI to start on (the first defined one otherwise).

    Examples
    --------
    >>> from krakit.sample_raw import metrics_path, raw_paths, sample_cards
    >>> editor = DefinitionEditor(sample_cards(), raw_paths(), metrics_path(),
    ...     kpi="average-time-to-hire")
    >>> editor._agg.value = "median"
    >>> editor.value.agg
    <Agg.MEDIAN: 'median'>
    """

    def __init__(
        self,
        cards: Mapping[str, Scorecard],
        data: Mapping[str, Source],
        metrics: MetricLibrary | str | Any | None = None,
        *,
        kpi: str | None = None,
    ) -> None:
        self._cards = dict(cards)
        self._data = dict(data)
        self._library = load_metrics(metrics) if metrics is not None else MetricLibrary()
        self._current: dict[str, Definition] = {}
        for card in {id(c): c for c in self._cards.values()}.values():
            for k in card.all_kpis():
                if k.definition is not None:
                    resolved = self._library.resolve(k.definition, kpi=k.id)
                    if resolved.kind == "measure":
                        self._current.setdefault(k.id, resolved)
        self.comparison: Comparison | None = None
        """The last preview's comparison (None before the first)."""

        layout = {"width": "38em"}
        labels = {"description_width": "8em"}
        self._msg = w.HTML()
        self._kpi = w.Dropdown(
            style=labels, description="KPI", options=sorted(self._current), layout=layout
        )
        self._source = w.Dropdown(
            style=labels, description="Source", options=sorted(self._data), layout=layout
        )
        self._agg = w.Dropdown(style=labels, description="Measure", options=[a.value for a in Agg])
        self._expr = w.Text(
            style=labels, description="of", placeholder="a column or SQL expression", layout=layout
        )
        self._p = w.BoundedFloatText(description="p", value=0.9, min=0.01, max=0.99, step=0.05)
        self._filter = w.Text(
            style=labels,
            description="Filter",
            placeholder="rows that count, e.g. status = 'filled'",
            layout=layout,
        )
        self._time = w.Dropdown(style=labels, description="Time column", layout=layout)
        self._person = w.Dropdown(style=labels, description="Person column", layout=layout)
        self._preview = w.Button(description="Preview", button_style="primary", icon="eye")
        self._out = w.HTML()
        for control in (self._expr, self._filter, self._p):
            control.continuous_update = False

        def report(html: str) -> None:
            self._msg.value = html

        def clear() -> None:
            self._msg.value = ""

        self._kpi.observe(guard(self._on_kpi, report, start=clear), names="value")
        self._source.observe(guard(self._on_source, report, start=clear), names="value")
        self._agg.observe(guard(self._on_agg, report, start=clear), names="value")
        self._preview.on_click(guard(self._on_preview, report, start=clear))
        super().__init__(
            [
                style(),
                w.HTML("<b>Metric definition</b>"),
                self._kpi,
                self._source,
                w.HBox([self._agg, self._p]),
                self._expr,
                self._filter,
                self._time,
                self._person,
                self._preview,
                self._msg,
                self._out,
            ]
        )
        self.add_class("krakit-definition-editor")
        for name in ("kpi", "source", "agg", "expr", "filter", "time", "person", "preview", "out"):
            getattr(self, f"_{name}").add_class(f"krakit-definition-{name}")
        if kpi is not None:
            if kpi not in self._current:
                known = ", ".join(sorted(self._current)) or "none"
                self._msg.value = message_html(
                    f"KPI '{kpi}' has no measure definition to edit; the KPIs that do: {known}",
                    "warning",
                )
            else:
                self._kpi.value = kpi
        if self._kpi.value is not None:
            guard(self._on_kpi, report)()
        self._on_agg()

    @property
    def value(self) -> Definition | None:
        """The definition as the form stands (None while it is not a valid one)."""
        try:
            return self._definition()
        except Exception:  # an incomplete form has no value yet; Preview says why
            return None

    def _definition(self) -> Definition:
        base = self._current[self._kpi.value]
        return revise(
            base,
            source=self._source.value,
            agg=self._agg.value,
            expr=self._expr.value.strip() or None,
            p=self._p.value if self._agg.value == Agg.PERCENTILE.value else None,
            filter=self._filter.value.strip() or None,
            time=None if self._time.value == _NONE else self._time.value,
            person=None if self._person.value == _NONE else self._person.value,
        )

    def _on_kpi(self, change: Any = None) -> None:
        current = self._current[self._kpi.value]
        if current.source in self._data:
            self._source.value = current.source
        self._on_source()
        self._agg.value = current.agg.value if current.agg else Agg.COUNT.value
        self._expr.value = current.expr or ""
        self._filter.value = current.filter or ""
        self._p.value = current.p or 0.9
        for box, column in ((self._time, current.time), (self._person, current.person)):
            if column in box.options:
                box.value = column
        self._out.value = ""

    def _on_agg(self, change: Any = None) -> None:
        shown = self._agg.value == Agg.PERCENTILE.value
        self._p.layout.display = None if shown else "none"

    def _on_source(self, change: Any = None) -> None:
        columns = [_NONE, *source_columns(self._data, self._source.value)]
        for box in (self._time, self._person):
            keep = box.value
            box.options = columns
            box.value = keep if keep in columns else _NONE

    def _on_preview(self, _: Any = None) -> None:
        kpi = self._kpi.value
        self._out.value, self.comparison = "", None  # never an old preview beside a new error
        comparison = compare_definitions(
            self._cards, self._data, new={kpi: self._definition()}, metrics=self._library
        )
        self.comparison = comparison
        if not comparison.changed:
            self._out.value = message_html(
                "This is the definition in use: change the measure, filter or time column "
                "and preview again.",
                "info",
            )
            return
        periods = comparison.by_period().droplevel("kpi")
        scores = comparison.people[
            ["name", "score_old", "score_new", "delta", "rank_old", "rank_new", "moved"]
        ].rename(
            columns={
                "name": "person",
                "score_old": "score now",
                "score_new": "score edited",
                "rank_old": "rank now",
                "rank_new": "rank edited",
            }
        )
        why = "".join(f"<li>{esc(line)}</li>" for line in comparison.why())
        self._out.value = (
            "<b>Actuals per period: now and edited</b>"
            + _table(periods)
            + "<b>Scores</b>"
            + _table(scores, index=False)
            + (f"<ul>{why}</ul>" if why else "<p>No score moved.</p>")
        )


def _table(frame: pd.DataFrame, *, index: bool = True) -> str:
    """A frame as an HTML table, every cell escaped, numbers to one decimal."""
    return frame.to_html(
        classes="krakit-scores", index=index, escape=True, float_format=lambda v: f"{v:,.1f}",
        na_rep="—", border=0,
    )  # fmt: skip
