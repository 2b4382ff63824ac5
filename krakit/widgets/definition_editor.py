"""A definition editor: change how a KPI is computed from raw data and see what it does.

The analyst picks a KPI, then its source, measure (aggregation and expression), filter and time
column; for a ratio KPI (accepted offers / offers made) the same for the numerator and the
denominator, and the scale (100 for a %). *Preview* computes the actuals per period under the
current and the edited definition and the scores under both
(:func:`krakit.compare_definitions`); *Score over* a year computes a median's (a ratio's) year
from its rows rather than averaging its months. A refused expression (a subquery, a function
not allowed, a column the table lacks) is a plain message naming the field, never a
traceback. Everything it does, :mod:`krakit.metrics` does from code: this is a thin view.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import ipywidgets as w
import pandas as pd

from krakit.metrics.compare import Comparison, compare_definitions, revise, source_columns
from krakit.metrics.compute import Source
from krakit.metrics.definition import Agg, Definition, Measure
from krakit.metrics.library import MetricLibrary, load_metrics
from krakit.model import Scorecard
from krakit.widgets._base import esc, guard, message_html, style

__all__ = ["DefinitionEditor"]

_NONE = "(none)"
_LAYOUT = {"width": "38em"}
_LABELS = {"description_width": "8em"}


class _MeasureForm:
    """The controls of one measure (source, aggregation, expression, p, filter, time, person).

    The editor shows one for a measure and two for a ratio; ``css`` prefixes each control's
    class (``krakit-definition-agg``, ``krakit-definition-den-agg``).
    """

    def __init__(self, data: Mapping[str, Source], css: str, title: str = "") -> None:
        self.data = data
        self.title = w.HTML(f"<b>{esc(title)}</b>" if title else "")
        self.source = w.Dropdown(
            style=_LABELS, description="Source", options=sorted(data), layout=_LAYOUT
        )
        self.agg = w.Dropdown(style=_LABELS, description="Measure", options=[a.value for a in Agg])
        self.expr = w.Text(
            style=_LABELS,
            description="of",
            placeholder="a column or SQL expression",
            layout=_LAYOUT,
        )
        self.p = w.BoundedFloatText(description="p", value=0.9, min=0.01, max=0.99, step=0.05)
        self.filter = w.Text(
            style=_LABELS,
            description="Filter",
            placeholder="rows that count, e.g. status = 'filled'",
            layout=_LAYOUT,
        )
        self.time = w.Dropdown(style=_LABELS, description="Time column", layout=_LAYOUT)
        self.person = w.Dropdown(style=_LABELS, description="Person column", layout=_LAYOUT)
        for control in (self.expr, self.filter, self.p):
            control.continuous_update = False
        for name in ("source", "agg", "expr", "filter", "time", "person"):
            getattr(self, name).add_class(f"krakit-definition-{css}{name}")
        self.box = w.VBox(
            [self.title, self.source, w.HBox([self.agg, self.p]), self.expr, self.filter,
             self.time, self.person]
        )  # fmt: skip

    def wire(self, wrap: Callable[[Callable[..., Any]], Callable[..., Any]]) -> None:
        """Observe the source and aggregation, each callback wrapped by ``wrap`` (the guard)."""
        self.source.observe(wrap(self.on_source), names="value")
        self.agg.observe(wrap(self.on_agg), names="value")

    def show(self, measure: Measure) -> None:
        """Fill the controls from ``measure``."""
        if measure.source in self.data:
            self.source.value = measure.source
        self.on_source()
        self.agg.value = measure.agg.value
        self.expr.value = measure.expr or ""
        self.filter.value = measure.filter or ""
        self.p.value = measure.p or 0.9
        for box, column in ((self.time, measure.time), (self.person, measure.person)):
            if column in box.options:
                box.value = column
        self.on_agg()

    def fields(self) -> dict[str, Any]:
        """The measure as the form stands (a blank field is None: it clears that field)."""
        out = {
            "source": self.source.value,
            "agg": self.agg.value,
            "expr": self.expr.value.strip() or None,
            "p": self.p.value if self.agg.value == Agg.PERCENTILE.value else None,
            "filter": self.filter.value.strip() or None,
            "time": None if self.time.value == _NONE else self.time.value,
            "person": None if self.person.value == _NONE else self.person.value,
        }
        return out

    def on_agg(self, change: Any = None) -> None:
        self.p.layout.display = None if self.agg.value == Agg.PERCENTILE.value else "none"

    def on_source(self, change: Any = None) -> None:
        columns = [_NONE, *source_columns(self.data, self.source.value)]
        for box in (self.time, self.person):
            keep = box.value
            box.options = columns
            box.value = keep if keep in columns else _NONE


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
    >>> editor._kpi.value = "offer-acceptance-rate"  # a ratio: numerator and denominator
    >>> editor._filter.value = "status IN ('accepted', 'joined')"
    >>> editor.value.ratio.numerator.filter, editor.value.scale
    ("status IN ('accepted', 'joined')", 100.0)
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
                    self._current.setdefault(k.id, resolved)
        self.comparison: Comparison | None = None
        """The last preview's comparison (None before the first)."""

        self._msg = w.HTML()
        self._kpi = w.Dropdown(
            style=_LABELS, description="KPI", options=sorted(self._current), layout=_LAYOUT
        )
        self._form = _MeasureForm(self._data, "", "Numerator")
        self._den = _MeasureForm(self._data, "den-", "Denominator (what it is out of)")
        self._scale = w.BoundedFloatText(
            style=_LABELS, description="Scale", value=1, min=0.000001, max=1e9,
            tooltip="numerator / denominator × scale: 100 for a %",
        )  # fmt: skip
        self._scale.continuous_update = False
        self._over = w.Dropdown(
            style=_LABELS,
            description="Score over",
            options=[
                ("the KPI's periods, rolled up as the scorecard says", None),
                ("each quarter, computed from its rows", "quarterly"),
                ("each year, computed from its rows", "annual"),
            ],
            layout=_LAYOUT,
        )
        # the first form's controls by the names the tests and the notebook use
        self._source, self._agg, self._expr, self._p = (
            self._form.source, self._form.agg, self._form.expr, self._form.p
        )  # fmt: skip
        self._filter, self._time, self._person = (
            self._form.filter, self._form.time, self._form.person
        )  # fmt: skip
        self._preview = w.Button(description="Preview", button_style="primary", icon="eye")
        self._out = w.HTML()

        def report(html: str) -> None:
            self._msg.value = html

        def clear() -> None:
            self._msg.value = ""

        def wrap(handler: Callable[..., Any]) -> Callable[..., Any]:
            return guard(handler, report, start=clear)

        self._kpi.observe(wrap(self._on_kpi), names="value")
        self._form.wire(wrap)
        self._den.wire(wrap)
        self._preview.on_click(wrap(self._on_preview))
        super().__init__(
            [
                style(),
                w.HTML("<b>Metric definition</b>"),
                self._kpi,
                self._form.box,
                self._den.box,
                self._scale,
                self._over,
                self._preview,
                self._msg,
                self._out,
            ]
        )
        self.add_class("krakit-definition-editor")
        for name in ("kpi", "scale", "over", "preview", "out"):
            getattr(self, f"_{name}").add_class(f"krakit-definition-{name}")
        if kpi is not None:
            if kpi not in self._current:
                known = ", ".join(sorted(self._current)) or "none"
                self._msg.value = message_html(
                    f"KPI '{kpi}' has no definition to edit; the KPIs that do: {known}",
                    "warning",
                )
            else:
                self._kpi.value = kpi
        if self._kpi.value is not None:
            guard(self._on_kpi, report)()
        else:
            self._show_ratio(False)

    @property
    def value(self) -> Definition | None:
        """The definition as the form stands (None while it is not a valid one)."""
        try:
            return self._definition()
        except Exception:  # an incomplete form has no value yet; Preview says why
            return None

    def _definition(self) -> Definition:
        base = self._current[self._kpi.value]
        if base.ratio is None:
            return revise(base, **self._form.fields())
        ratio = {
            side: {k: v for k, v in form.fields().items() if v is not None}
            for side, form in (("numerator", self._form), ("denominator", self._den))
        }
        return revise(base, ratio=ratio, scale=self._scale.value)

    def _show_ratio(self, ratio: bool) -> None:
        shown = None if ratio else "none"
        for control in (self._den.box, self._scale, self._form.title):
            control.layout.display = shown

    def _on_kpi(self, change: Any = None) -> None:
        current = self._current[self._kpi.value]
        self._show_ratio(current.ratio is not None)
        if current.ratio is None:
            self._form.show(current.measure())
        else:
            self._form.show(current.ratio.numerator)
            if current.ratio.denominator is not None:
                self._den.show(current.ratio.denominator)
            self._scale.value = current.scale or 1
        self._out.value = ""

    def _on_preview(self, _: Any = None) -> None:
        kpi = self._kpi.value
        self._out.value, self.comparison = "", None  # never an old preview beside a new error
        comparison = compare_definitions(
            self._cards,
            self._data,
            new={kpi: self._definition()},
            metrics=self._library,
            rollup=self._over.value,
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
