"""Step 2, draft KPIs: type a KPI as a sentence and watch krakit read it.

As the manager types, :func:`krakit.parse_kpi` fills the fields (metric, unit, polarity,
baseline, target or range, frequency, deadline) and the sentence is shown with what was
understood highlighted. Any field can be corrected by hand. S/M/A/R/T badges
(:func:`krakit.smart`) say which criteria pass, with the reason on hover and in a list below.
Suggestions from the template library for the chosen KRA fill the sentence with one click.
What the step shows as HTML (the sentence as read, badges, findings, the KPI list) is made
by :mod:`krakit.widgets.kpi_html`; this module wires the controls.
"""

from __future__ import annotations

from typing import Any

import ipywidgets as w
import traitlets
from pydantic import ValidationError

from krakit import edit
from krakit.errors import KrakitError
from krakit.model import KPI, Frequency, Indicator, Polarity, Scorecard, TargetType, WeightMode
from krakit.place import plain_error
from krakit.widgets._base import Step, style
from krakit.widgets.kpi_html import badges_html, findings_html, highlight, kpi_list_html
from krakit.widgets.target_type import TargetTypeBox

__all__ = ["KPIStep", "highlight"]

_UNASSIGNED = "__unassigned__"
# Form field -> model field; the order is the order on screen.
_TEXT_FIELDS = ("metric", "unit", "baseline", "target", "target_low", "target_high", "deadline")
_MORE_FIELDS = ("owner", "data_source", "weight")
_LABELS = {
    "metric": "Metric",
    "unit": "Unit",
    "baseline": "Baseline",
    "target": "Target",
    "target_low": "Range from",
    "target_high": "Range to",
    "deadline": "Deadline",
    "owner": "Owner",
    "data_source": "Data source",
    "weight": "Weight %",
}


def _number(value: float | None) -> str:
    return "" if value is None else f"{value:.12g}"


class KPIStep(Step):
    """Step 2: draft, correct and add the KPIs of each KRA.

    ``draft`` (read-only) is the KPI the form describes right now, or None while it does not
    validate; ``kpi_id`` is the KPI being edited (None: a new one).
    """

    draft = traitlets.Instance(KPI, allow_none=True, read_only=True)

    def __init__(self, scorecard: Scorecard | None = None) -> None:
        self._editing: str | None = None
        self._filling = False
        self._redrawing = False  # the KRA list is being refreshed: keep what is typed
        self._kra = w.Dropdown(description="KRA", layout=w.Layout(width="420px"))
        self._kra.add_class("krakit-kpi-kra")
        self._existing = w.Dropdown(description="Edit KPI", layout=w.Layout(width="420px"))
        self._existing.add_class("krakit-kpi-existing")
        self._new = w.Button(description="New KPI", icon="plus").add_class("krakit-kpi-new")
        self._remove = w.Button(description="Remove", icon="trash", button_style="warning")
        self._remove.add_class("krakit-kpi-remove")
        self._statement = w.Textarea(
            placeholder="Type the KPI as a sentence, e.g. 'Reduce average time to hire from "
            "45 days to 30 days by Q3 2026'",
            rows=2,
            continuous_update=True,
            layout=w.Layout(width="720px"),
        ).add_class("krakit-kpi-statement")
        self._highlight = w.HTML().add_class("krakit-kpi-highlight")
        self._suggestions = w.HBox(layout=w.Layout(flex_flow="row wrap"))
        self._suggestions.add_class("krakit-suggestions")
        self._fields: dict[str, w.Text] = {
            name: w.Text(description=_LABELS[name], layout=w.Layout(width="340px")).add_class(
                f"krakit-field-{name.replace('_', '-')}"
            )
            for name in (*_TEXT_FIELDS, *_MORE_FIELDS)
        }
        self._polarity = w.Dropdown(
            options=[
                ("Higher is better", Polarity.HIGHER_IS_BETTER.value),
                ("Lower is better", Polarity.LOWER_IS_BETTER.value),
                ("Stay in a range", Polarity.IN_RANGE.value),
            ],
            description="Polarity",
        ).add_class("krakit-field-polarity")
        self._frequency = w.Dropdown(
            options=[("(not set)", None)] + [(f.value.title(), f.value) for f in Frequency],
            description="Frequency",
        ).add_class("krakit-field-frequency")
        self._indicator = w.Dropdown(
            options=[("(not set)", None)] + [(i.value.title(), i.value) for i in Indicator],
            description="Indicator",
        ).add_class("krakit-field-indicator")
        self._scoring = TargetTypeBox(self._guard)  # target type, and slabs for a slab KPI
        self._badges = w.HTML().add_class("krakit-smart")
        self._findings = w.HTML().add_class("krakit-kpi-findings")
        self._save = w.Button(description="Add KPI", icon="check", button_style="success")
        self._save.add_class("krakit-kpi-save")
        self._list = w.HTML().add_class("krakit-kpi-list")
        super().__init__(scorecard)
        self.add_class("krakit-step-kpis")
        f = self._fields
        self.children = [
            style(),
            w.HTML(
                "<h3>2 · KPIs</h3><p>For each KRA, write how you will measure it, as a "
                "sentence. krakit fills the fields as you type; correct anything it got "
                "wrong.</p>"
            ),
            self._kra,
            w.HBox([self._existing, self._new, self._remove]),
            self._suggestions,
            self._statement,
            self._highlight,
            self._badges,
            w.HBox(
                [
                    w.VBox([f["metric"], f["unit"], self._polarity, f["baseline"]]),
                    w.VBox([f["target"], f["target_low"], f["target_high"], f["deadline"]]),
                    w.VBox(
                        [
                            self._frequency,
                            f["owner"],
                            f["data_source"],
                            self._indicator,
                            f["weight"],
                        ]
                    ),
                ]
            ),
            self._scoring,
            self._findings,
            self._save,
            self._message,
            self._list,
        ]
        self._listen(self._kra, self._on_kra)
        self._listen(self._existing, self._on_existing)
        self._click(self._new, lambda _b: self._start_new())
        self._click(self._remove, self._on_remove)
        self._listen(self._statement, self._on_statement)
        self._listen(self._scoring, self._on_change, name="changed")
        for control in (*self._fields.values(), self._polarity, self._frequency, self._indicator):
            self._listen(control, self._on_change)
        self._click(self._save, self._on_save)

    # -- choosing what to edit -------------------------------------------------------------
    @property
    def kra_id(self) -> str | None:
        """The KRA the KPIs are being drafted for (None: unassigned)."""
        return None if self._kra.value in (None, _UNASSIGNED) else self._kra.value

    @property
    def kpi_id(self) -> str | None:
        """The KPI being edited, or None when drafting a new one."""
        return self._editing

    def select(
        self, kra_id: str | None = None, kpi_id: str | None = None, *, field: str | None = None
    ) -> None:
        """Show one KRA, load one of its KPIs into the form and mark one field (how the
        check step's "Go to" lands here)."""
        if self.scorecard is None:
            return
        if kpi_id is not None and kra_id is None:
            home = self.scorecard.kra_of(kpi_id)
            kra_id = home.id if home else None
        if self._stale:
            self.refresh()  # the KRA list may be older than the finding
        if (kra_id or _UNASSIGNED) not in {v for _, v in self._kra.options}:
            self._say("That KRA is no longer in the scorecard: check again in step 3.", "warning")
            return
        self._kra.value = kra_id or _UNASSIGNED
        if kpi_id is not None and kpi_id in {v for _, v in self._existing.options}:
            self._existing.value = kpi_id
        controls = {
            **self._fields,
            "polarity": self._polarity,
            "frequency": self._frequency,
            "indicator": self._indicator,
            "statement": self._statement,
            "target_type": self._scoring,
            "slabs": self._scoring.slabs,
        }
        for control in controls.values():
            control.remove_class("krakit-jump")
        if field in controls:
            controls[field].add_class("krakit-jump")
            label = _LABELS.get(field, field.replace("_", " "))
            self._say(f"Fix the {label.lower()} of this KPI here, then Save changes.", "warning")

    def _on_kra(self, _change: dict[str, Any]) -> None:
        self._list_kpis()
        self._show_suggestions()
        if not self._redrawing:  # the manager picked another KRA: a fresh form
            self._start_new()

    def _on_existing(self, change: dict[str, Any]) -> None:
        if change["new"] and self.scorecard is not None:
            self._load(self.scorecard.kpi(change["new"]))

    def _start_new(self) -> None:
        self._editing = None
        self._existing.value = None
        self._load(None)

    def _load(self, kpi: KPI | None) -> None:
        """Fill the form from a KPI (None: empty form)."""
        self._editing = kpi.id if kpi else None
        self._filling = True
        try:
            self._statement.value = kpi.statement if kpi else ""
            for name, control in self._fields.items():
                value = getattr(kpi, name) if kpi else None
                control.value = _number(value) if isinstance(value, float) else str(value or "")
            self._polarity.value = str(kpi.polarity if kpi else Polarity.HIGHER_IS_BETTER)
            self._frequency.value = str(kpi.frequency) if kpi and kpi.frequency else None
            self._indicator.value = str(kpi.indicator) if kpi and kpi.indicator else None
            self._scoring.load(kpi)
        finally:
            self._filling = False
        self._save.description = "Save changes" if kpi else "Add KPI"
        self._highlight.value = ""
        self._on_change()

    # -- live reading ----------------------------------------------------------------------
    def _on_statement(self, change: dict[str, Any]) -> None:
        if self._filling:
            return
        from krakit.text.parse import parse_kpi

        draft = parse_kpi(change["new"])
        self._highlight.value = highlight(draft)
        try:
            kpi = draft.to_kpi()
        except (ValidationError, KrakitError) as exc:  # e.g. a metric too long to keep
            why = (
                plain_error(exc, self.scorecard)
                if isinstance(exc, KrakitError)
                else str(exc.errors(include_url=False)[0]["msg"])
            )
            self._say(
                f"krakit could not fill the fields from this sentence ({why}); "
                "fill them in by hand below.",
                "warning",
            )
            return
        self._filling = True
        try:
            for name in _TEXT_FIELDS:
                value = getattr(kpi, name)
                self._fields[name].value = (
                    _number(value) if isinstance(value, float) else str(value or "")
                )
            self._polarity.value = str(kpi.polarity)
            self._frequency.value = str(kpi.frequency) if kpi.frequency else None
            if kpi.target_type is not TargetType.RATIO:  # the sentence says how (a threshold)
                self._scoring.choose(kpi.target_type)
        finally:
            self._filling = False
        self._on_change()

    def _weights(self) -> WeightMode:
        """How this scorecard reads weights (a blank start: percentages)."""
        return self.scorecard.weights if self.scorecard is not None else WeightMode.PERCENT

    def form(self) -> dict[str, Any]:
        """The form's fields as plain values (what :func:`krakit.edit.make_kpi` reads).

        Raises
        ------
        ParseError
            The KPI is scored by slabs and its slab rows are not a slab table.
        """
        from krakit.text.slabs import scoring_fields

        fields: dict[str, Any] = {n: c.value for n, c in self._fields.items()}
        fields.update(
            statement=self._statement.value,
            polarity=self._polarity.value,
            frequency=self._frequency.value,
            indicator=self._indicator.value,
            **scoring_fields(self._scoring.target_type, self._scoring.rows),
        )
        if self._editing:
            fields["id"] = self._editing
        return fields

    def _on_change(self, _change: dict[str, Any] | None = None) -> None:
        if self._filling:
            return
        try:
            kpi = (
                edit.make_kpi(self.form(), weights=self._weights())
                if self._statement.value.strip()
                else None
            )
        except KrakitError as exc:
            self.set_trait("draft", None)
            self._say(plain_error(exc, self.scorecard), "error")
            return
        self.set_trait("draft", kpi)
        self._say("")
        self._show_assessment(kpi)

    def _show_assessment(self, kpi: KPI | None) -> None:
        if kpi is None:
            self._badges.value = self._findings.value = ""
            return
        from krakit.rules import check, smart

        self._badges.value = badges_html(smart(kpi))
        self._findings.value = findings_html(check(kpi))

    # -- saving ----------------------------------------------------------------------------
    def _on_save(self, _button: object = None) -> None:
        if self.draft is None:
            if self._statement.value.strip():
                edit.make_kpi(
                    self.form(), weights=self._weights()
                )  # raises what is wrong; the guard shows it
            self._say("Type the KPI as a sentence first, e.g. 'Reduce backlog to 50 by March'.")
            return
        if self._editing:
            fields = self.draft.model_dump(exclude={"id"})
            if self._edit(edit.update_kpi, self._editing, **fields):
                self._say(f"Saved '{self.draft.metric or self.draft.statement}'.", "ok")
        elif self._edit(edit.add_kpi, self.kra_id, self.draft):
            added = self.draft.metric or self.draft.statement
            self._start_new()
            self._say(f"Added '{added}'.", "ok")

    def _on_remove(self, _button: object = None) -> None:
        if self._editing and self._edit(edit.remove_kpi, self._editing):
            self._start_new()

    def _show_suggestions(self) -> None:
        buttons = []
        if self.scorecard is not None and self.kra_id is not None:
            from krakit.library import suggest_kpis

            for metric in suggest_kpis(self.scorecard.kra(self.kra_id).title, n=6):
                button = w.Button(
                    description=metric.name[:60],
                    tooltip=f"{metric.name} ({metric.indicator}, {metric.polarity})",
                    icon="plus",
                    layout=w.Layout(width="auto"),
                ).add_class("krakit-suggestion")
                self._click(button, lambda _b, m=metric: self._use_suggestion(m))
                buttons.append(button)
        self._suggestions.children = buttons

    def _use_suggestion(self, metric: Any) -> None:
        """Start a KPI from a library metric: its name, polarity and leading/lagging."""
        self._start_new()
        self._statement.value = metric.name
        self._filling = True
        try:
            self._fields["metric"].value = metric.name
            self._polarity.value = str(metric.polarity)
            self._indicator.value = str(metric.indicator) if metric.indicator else None
        finally:
            self._filling = False
        self._on_change()
        self._say("Now add the target and by when, e.g. '… from 45 to 30 by Q3 2026'.")

    # -- drawing ---------------------------------------------------------------------------
    def _render(self) -> None:
        sc = self.scorecard
        if sc is None:
            return
        options = [(k.title, k.id) for k in sc.kras]
        if sc.unassigned_kpis or not options:
            options.append(("(not under a KRA yet)", _UNASSIGNED))
        keep = self._kra.value
        values = [v for _, v in options]
        self._redrawing = True  # a KRA added or renamed in step 1 must not clear the form
        try:
            self._kra.options = options
            self._kra.value = keep if keep in values else values[0]
        finally:
            self._redrawing = False
        self._list_kpis()
        if not self._suggestions.children:
            self._show_suggestions()

    def _kpis_here(self) -> list[KPI]:
        sc = self.scorecard
        if sc is None:
            return []
        return sc.kra(self.kra_id).kpis if self.kra_id else list(sc.unassigned_kpis)

    def _list_kpis(self) -> None:
        kpis = self._kpis_here()
        keep = self._editing
        self._existing.options = [("", None)] + [
            (k.metric or k.statement or k.id, k.id) for k in kpis
        ]
        if keep in {k.id for k in kpis}:
            self._existing.value = keep
        self._list.value = kpi_list_html(kpis, under_kra=bool(self.kra_id))
