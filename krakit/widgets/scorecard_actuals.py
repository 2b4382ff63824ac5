"""Step 4's actuals: a grid typed one period at a time, or a CSV/Excel file imported.

``1,200``, ``85%``, ``done`` all read (:func:`krakit.edit.record_actuals`); what was typed and
not recorded yet is kept when the step is redrawn or the period changes and back. A mixin of
:class:`~krakit.widgets.scorecard.ScorecardStep` (the step's ``_edit``, ``_say`` and
``_listen`` do the work and report).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import ipywidgets as w

from krakit import edit
from krakit.errors import KrakitError
from krakit.limits import check_length
from krakit.model import slugify
from krakit.place import kpi_name, plain_error

if TYPE_CHECKING:
    from collections.abc import Callable

    from krakit.model import Scorecard
    from krakit.store import Workspace

__all__ = ["Actuals"]


class Actuals:
    """The actuals part of step 4 (mixed into :class:`~krakit.widgets.scorecard.ScorecardStep`)."""

    if TYPE_CHECKING:
        scorecard: Scorecard | None
        workspace: Workspace

        def _edit(self, change: Callable[..., Scorecard], *args: Any, **kwargs: Any) -> bool: ...
        def _say(self, text: str, kind: str = "info") -> None: ...
        def _listen(
            self, control: w.Widget, handler: Callable[..., Any], name: str = ...
        ) -> None: ...

    def _actuals_controls(self) -> None:
        """Make the period box, the grid, Record, Import and the progress bar."""
        self._period = w.Combobox(
            description="Period", placeholder="2026-01, 2026-Q1...", ensure_option=False
        ).add_class("krakit-period")
        self._grid = w.VBox().add_class("krakit-actuals-grid")
        self._cells: dict[str, w.Text] = {}
        # What was typed in the grid and not recorded yet, by (period, KPI): kept when the
        # step is redrawn (after an edit in another step) or the period changes and back.
        self._pending: dict[tuple[str, str], str] = {}
        self._filling = False
        self._record = w.Button(description="Record actuals", icon="check")
        self._record.add_class("krakit-record")
        self._upload = w.FileUpload(
            accept=".csv,.xlsx",
            description="Import CSV/Excel",
            layout=w.Layout(width="210px"),  # the label and its "(0)" in full
        )
        self._upload.add_class("krakit-upload")
        self._progress = w.IntProgress(min=0, max=3, description="", bar_style="info")
        self._progress.add_class("krakit-progress")
        self._progress.layout.visibility = "hidden"

    def _on_period(self, _change: dict[str, Any]) -> None:
        self._fill_grid()

    def _on_cell(self, kpi_id: str, text: str) -> None:
        if not self._filling:
            self._pending[(self._period.value.strip(), kpi_id)] = text

    def _fill_grid(self) -> None:
        sc = self.scorecard
        if sc is None:
            return
        period = self._period.value.strip()
        values = edit.actuals_for(sc, period) if period else {}
        ids = [k.id for k in sc.all_kpis()]
        if list(self._cells) != ids:
            self._cells = {
                k.id: w.Text(
                    description=(k.metric or kpi_name(k))[:40],  # a sentence if no metric
                    placeholder=f"target {k.target:,.12g}" if k.target is not None else "",
                    style={"description_width": "280px"},
                    layout=w.Layout(width="480px"),
                ).add_class("krakit-actual")
                for k in sc.all_kpis()
            }
            for kpi_id, cell in self._cells.items():
                self._listen(cell, lambda ch, k=kpi_id: self._on_cell(k, ch["new"]))
            self._grid.children = list(self._cells.values())
        self._filling = True
        try:
            for kpi_id, cell in self._cells.items():
                value = values.get(kpi_id)
                recorded = "" if value is None else f"{value:.12g}"
                cell.value = self._pending.get((period, kpi_id), recorded)
        finally:
            self._filling = False

    def set_cell(self, kpi_id: str, text: str) -> None:
        """Type into one KPI's cell of the grid (what a user does; used by tests too)."""
        self._cells[kpi_id].value = text

    def _on_record(self, _button: object = None) -> None:
        cells = {kpi_id: cell.value for kpi_id, cell in self._cells.items()}
        period = self._period.value
        if self.scorecard is not None and not self.scorecard.all_kpis():
            self._say("There is nothing to record yet: add KPIs in step 2 first.", "warning")
            return
        had = (
            self.scorecard is not None
            and bool(period.strip())
            and any(
                v is not None for v in edit.actuals_for(self.scorecard, period.strip()).values()
            )
        )
        if not had and not any(text.strip() for text in cells.values()):
            self._say(
                f"Nothing recorded for {period.strip() or 'this period'}: type what was "
                "achieved in the boxes, then Record actuals.",
                "warning",
            )
            return
        if self._edit(edit.record_actuals, period, cells):
            done = period.strip()
            self._pending = {key: text for key, text in self._pending.items() if key[0] != done}
            self._say(f"Recorded the actuals for {period}. Click Save to keep them.", "ok")

    def _on_upload(self, change: dict[str, Any]) -> None:
        files = change["new"]
        if not files:
            return
        upload = files[0]
        suffix = Path(str(upload["name"])).suffix.lower()
        if suffix not in (".csv", ".xlsx"):
            self._say(f"'{upload['name']}' is not a .csv or .xlsx file.", "error")
            return
        content = bytes(upload["content"])
        try:
            check_length(str(upload["name"]), len(content))
        except KrakitError as exc:
            self._say(f"Not imported: {plain_error(exc, self.scorecard)}", "error")
            return
        folder = self.workspace.folder / "imports"
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / (slugify(Path(str(upload["name"])).stem, fallback="actuals") + suffix)
        target.write_bytes(content)
        self.import_file(target)

    def import_file(self, path: str | Path) -> bool:
        """Import actuals from a CSV/XLSX file, showing progress and the outcome."""
        self._busy(1, "Reading")
        ok = self._edit(edit.import_actuals, Path(path))
        self._busy(3 if ok else 0, "Done" if ok else "")
        if ok:
            self._say(f"Imported the actuals in {Path(path).name}.", "ok")
        return ok

    def _busy(self, step: int, label: str) -> None:
        self._progress.layout.visibility = "visible" if 0 < step < 3 else "hidden"
        self._progress.value = step
        self._progress.description = label
