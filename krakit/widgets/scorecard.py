"""Step 4, save and chart: save to the workspace, enter actuals, see scores, export.

* Save writes the scorecard to the workspace as YAML and says where and when. If the file
  changed on disk since it was opened (a colleague saved it), the step says so and offers to
  overwrite it or to load theirs (:class:`krakit.ConflictError`).
* If a save fails (the disk is full, the folder is read-only) the step says why and offers
  to save elsewhere: a folder to type (:func:`krakit.store.save_elsewhere`, never
  overwriting another file) and a download of the YAML, so the work is never lost.
* Actuals are typed in a grid, one period at a time (``1,200``, ``85%``, ``done`` all read),
  or imported from a CSV/Excel file with columns kpi, period, value.
* Scores (:func:`krakit.score`) and the charts (:mod:`krakit.charts`) update as actuals arrive.
* Export downloads the chart (PNG, SVG), the HTML report, the Excel workbook and the
  scorecard's YAML to the visitor's computer (:class:`~krakit.widgets.download.DownloadButton`,
  in Lab and in Voilà), keeping a copy in the workspace's ``exports`` folder.
"""

from __future__ import annotations

import base64
import datetime as dt
from pathlib import Path
from typing import Any

import ipywidgets as w
import traitlets

from krakit import edit
from krakit.errors import ConflictError, KrakitError
from krakit.model import Scorecard, slugify
from krakit.place import humanize, plain_error
from krakit.store import RESCUE_FOLDER, Workspace, dump, origin, save_elsewhere
from krakit.widgets._base import Step, esc, message_html, style
from krakit.widgets.download import DownloadButton, Payload
from krakit.widgets.scorecard_actuals import Actuals

__all__ = ["EXPORTS", "ScorecardStep"]

# What step 4 exports: kind (the file's suffix) -> the button's text and the file's MIME type.
EXPORTS: dict[str, tuple[str, str]] = {
    "png": ("Chart PNG", "image/png"),
    "svg": ("Chart SVG", "image/svg+xml"),
    "html": ("HTML report", "text/html"),
    "xlsx": ("Excel", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "yaml": ("Scorecard YAML", "application/x-yaml"),
}


class ScorecardStep(Actuals, Step):
    """Step 4: save (with conflict handling), actuals, scores, charts and exports.

    ``saved_path`` (read-only) is the file last saved; ``exports`` the files last exported.
    """

    saved_path = traitlets.Unicode("", read_only=True)
    exports = traitlets.List(read_only=True)
    unsaved = traitlets.Bool(False, read_only=True)
    """True while the scorecard has changes (edits, actuals) that Save has not written."""

    def __init__(
        self, scorecard: Scorecard | None = None, *, workspace: Workspace | None = None
    ) -> None:
        self.workspace = workspace or Workspace("workspace")
        self._name = w.Text(description="Save as", placeholder="e.g. sales-executive")
        self._name.add_class("krakit-save-name")
        self._save = w.Button(description="Save", icon="save", button_style="primary")
        self._save.add_class("krakit-save")
        self._saved = w.HTML().add_class("krakit-saved-message")
        self._overwrite = w.Button(description="Replace the other file", button_style="danger")
        self._overwrite.add_class("krakit-overwrite")
        self._reload = w.Button(description="Load the other file", icon="refresh")
        self._reload.add_class("krakit-reload")
        self._conflict = w.HBox([self._overwrite, self._reload]).add_class("krakit-conflict")
        self._conflict.layout.display = "none"
        self._folder = w.Text(description="Save elsewhere", placeholder=RESCUE_FOLDER)
        self._folder.add_class("krakit-elsewhere-folder")
        self._save_there = w.Button(description="Save there", icon="save")
        self._save_there.add_class("krakit-save-elsewhere")
        self._download = w.HTML().add_class("krakit-download")
        self._elsewhere = w.HBox([self._folder, self._save_there, self._download])
        self._elsewhere.add_class("krakit-elsewhere")
        self._elsewhere.layout.display = "none"
        self._actuals_controls()
        self._keep_name = False
        self._saved_when = ""
        self._scores = w.HTML().add_class("krakit-scores")
        self._chart = w.HTML().add_class("krakit-chart")
        self._downloads = {
            kind: DownloadButton(
                label, self._guard(lambda kind=kind: self.download(kind))
            ).add_class(f"krakit-export-{kind}")
            for kind, (label, _mime) in EXPORTS.items()
        }
        self._exported = w.HTML().add_class("krakit-exported")
        super().__init__(scorecard)
        self.add_class("krakit-step-scorecard")
        self.children = [
            style(),
            w.HTML("<h3>4 · Save and chart</h3>"),
            w.HBox([self._name, self._save]),
            self._saved,
            self._conflict,
            self._elsewhere,
            w.HTML(
                "<h4>Actuals</h4><p>Pick a period, type what was achieved, then "
                "<i>Record actuals</i>. Or import a sheet with columns kpi, period, "
                "value.</p>"
            ),
            w.HBox([self._period, self._record, self._upload]),
            self._grid,
            self._progress,
            self._message,
            w.HTML("<h4>Scores</h4>"),
            self._scores,
            self._chart,
            w.HTML("<h4>Export</h4>"),
            w.HBox(list(self._downloads.values())),
            self._exported,
        ]
        self._click(self._save, lambda _b: self.save())
        self._click(self._overwrite, lambda _b: self.save(force=True))
        self._click(self._reload, self._on_reload)
        self._click(self._save_there, lambda _b: self.save_elsewhere())
        self._listen(self._period, self._on_period)
        self._click(self._record, self._on_record)
        self._listen(self._upload, self._on_upload)
        self._listen(self, self._on_saved_state, "scorecard")
        self._listen(self, self._on_baseline, "baseline")
        self._on_baseline()

    # -- saving ----------------------------------------------------------------------------
    @property
    def name(self) -> str:
        """The name the scorecard is saved under (from the role title until typed)."""
        sc = self.scorecard
        return self._name.value.strip() or slugify(sc.role.title if sc else "", fallback="role")

    def save(self, *, force: bool = False) -> Path | None:
        """Save to the workspace; on a conflict, show the choice instead of overwriting."""
        if self.scorecard is None:
            return None
        if edit.untitled(self.scorecard):  # "new-role.yaml" for everyone in the room: no
            self._saved.value = message_html(
                "Not saved yet: name the role first, in step 1 (the Role box). The file, the "
                "report and the charts are named after it.",
                "warning",
            )
            return None
        try:
            path = self.workspace.save(self.scorecard, self.name, force=force)
        except ConflictError as exc:
            self._saved.value = message_html(
                f"Not saved: {humanize(exc.reason, self.scorecard)}. Replace the other file "
                "with yours, load the other file, or keep both: save yours elsewhere.",
                "warning",
            )
            self._conflict.layout.display = None
            self._offer_elsewhere()
            return None
        except KrakitError as exc:
            self._saved.value = message_html(
                f"Not saved: {plain_error(exc, self.scorecard)}. Your scorecard is still "
                "here: type another folder and click Save there, or download the YAML.",
                "error",
            )
            self._offer_elsewhere()
            return None
        self._conflict.layout.display = "none"
        return self._saved_to(path)

    def save_elsewhere(self) -> Path | None:
        """Save to the folder typed in "Save elsewhere" (``~/krakit-saved`` if blank)."""
        if self.scorecard is None:
            return None
        try:
            path = save_elsewhere(self.scorecard, self._folder.value.strip() or None, self.name)
        except KrakitError as exc:
            self._saved.value = message_html(
                f"Not saved there either: {plain_error(exc, self.scorecard)}", "error"
            )
            return None
        self._conflict.layout.display = "none"
        self._keep_name = True  # the Save-as name still means the file in the workspace
        try:
            return self._saved_to(path)
        finally:
            self._keep_name = False

    def _saved_to(self, path: Path) -> Path:
        self._elsewhere.layout.display = "none"
        self._download.value = ""
        self.set_trait("saved_path", str(path))
        self._saved_when = dt.datetime.now().strftime("%H:%M:%S")
        self.baseline = self.scorecard
        self._on_saved_state()  # also when the baseline was an equal scorecard (no event)
        # In the workspace: its name, not the server's path (a participant's laptop has no
        # /tmp/...; the path is the tooltip). Elsewhere the folder is the news: say it.
        where = path if path.parent != self.workspace.folder.resolve() else None
        said = f"✓ Saved to {where or f'the workspace as {path.name}'} at {self._saved_when}."
        self._saved.value = message_html(said, "ok").replace(
            "<div ", f'<div title="{esc(path)}" ', 1
        )
        self._say("")  # "Recorded …: click Save to keep them" is done
        return path

    def _on_baseline(self, _change: dict[str, Any] | None = None) -> None:
        """A scorecard was opened, started or saved: name the file it saves back to."""
        if not self._keep_name:
            home = origin(self.baseline) if self.baseline is not None else None
            in_workspace = home is not None and home.parent == self.workspace.folder.resolve()
            self._name.value = (
                (home.stem if home.suffix == ".yaml" else home.name) if in_workspace else ""
            )
            self._saved.value = ""
        self._on_saved_state()

    def _on_saved_state(self, _change: dict[str, Any] | None = None) -> None:
        """Say the moment something changed after a save that it is not saved yet."""
        # By content: an edit that changes nothing gives an equal scorecard, which traitlets
        # does not even announce.
        unsaved = self.scorecard is not None and self.scorecard != self.baseline
        self.set_trait("unsaved", unsaved)
        if unsaved and self._conflict.layout.display == "none":
            what = (
                f"Changes since the save at {self._saved_when} are"
                if self._saved_when
                else "Changes are"
            )
            self._saved.value = message_html(
                f"{what} not saved yet: click Save to keep them.", "warning"
            ).replace("krakit-msg ", "krakit-msg krakit-unsaved ", 1)

    def _offer_elsewhere(self) -> None:
        """Show the folder box and a download link holding the scorecard as YAML."""
        if self.scorecard is None:
            return
        data = base64.b64encode(dump(self.scorecard).encode("utf-8")).decode("ascii")
        self._download.value = (
            f'<a class="krakit-download-link" download="{esc(self.name)}.yaml" '
            f'href="data:application/x-yaml;base64,{data}">Download the YAML</a>'
        )
        self._elsewhere.layout.display = None

    def _on_reload(self, _button: object = None) -> None:
        try:
            opened = self.workspace.open(self.name)
        except KrakitError as exc:
            self._saved.value = message_html(plain_error(exc, self.scorecard), "error")
            return
        self._conflict.layout.display = "none"
        self._start(opened)
        self._saved.value = message_html("Loaded the file on disk; your edits were dropped.", "ok")

    # -- scores, charts, exports -----------------------------------------------------------
    def _render(self) -> None:
        sc = self.scorecard
        if sc is None:
            return
        if not self._name.value.strip():
            self._name.placeholder = self.name
        self._period.options = tuple(edit.periods(sc))
        if not self._period.value:
            self._period.value = (
                edit.periods(sc)[-1] if sc.actuals else dt.date.today().strftime("%Y-%m")
            )
        self._fill_grid()
        if not sc.all_kpis():
            self._scores.value = message_html("Add KPIs in step 2 first: nothing to score.")
            self._chart.value = ""
            return
        from krakit.score import score

        try:
            result = score(sc)
        except KrakitError as exc:
            self._scores.value = message_html(
                f"Cannot score yet: {plain_error(exc, sc)}", "warning"
            )
            self._chart.value = ""
            return
        # The table first (the browser shows it at once), then the chart, which takes longer.
        self._scores.value = _scores_html(sc, result)
        self._chart.value = message_html("Drawing the chart…")
        self._chart.value = _chart_html(sc, result)

    def download(self, kind: str) -> Payload | None:
        """Export ``kind`` (a key of :data:`EXPORTS`) and hand the file to the browser."""
        path = self.export(kind)
        if path is None:
            return None
        self._exported.value = message_html(
            f"✓ {path.name} is downloading to your computer (look in your Downloads folder). "
            "A copy is kept in the workspace's exports folder.",
            "ok",
        )
        return Payload(path.name, path.read_bytes(), EXPORTS[kind][1])

    def export(self, kind: str) -> Path | None:
        """Write the chart (``png``/``svg``), HTML report, Excel workbook or the scorecard's
        YAML into ``<workspace>/exports`` and return the file (kept on the kernel's side)."""
        sc = self.scorecard
        if sc is None:
            return None
        folder = self.workspace.folder / "exports"
        target = folder / f"{self.name}.{kind}"
        self._busy(1, "Exporting")
        try:
            folder.mkdir(parents=True, exist_ok=True)
            if kind == "yaml":
                target.write_text(dump(sc), encoding="utf-8")
            elif kind in ("png", "svg"):
                from krakit import vegalite
                from krakit.score import score

                vegalite.save(vegalite.overview(sc, score(sc)), target)
            else:
                from krakit.report import report

                report(sc, None, target)
        except KrakitError as exc:
            self._busy(0, "")
            self._say(f"Export failed: {plain_error(exc, sc)}", "error")
            return None
        except OSError as exc:
            self._busy(0, "")
            self._say(f"Export failed: cannot write the file ({exc.strerror}).", "error")
            return None
        self._busy(3, "Done")
        self.set_trait("exports", [*self.exports, str(target)])
        self._exported.value = message_html(f"✓ Exported {target.name}.", "ok")
        return target


def _scores_html(sc: Scorecard, result: Any) -> str:
    """The overall line and the per-KPI table, every value escaped by pandas.

    A slab KPI's row says the slab its actual reached ("92.0% of target: slab 90–100% → 80
    points"), as the reports do (:func:`krakit.report_slabs.slab_table` over the score's
    totals); the column is there only when the scorecard has a slab KPI.
    """
    from krakit.report_slabs import slab_table

    summary = "<br>".join(esc(line) for line in str(result).splitlines())
    shown = result.readable()
    slabs = slab_table(sc, result.totals)
    if not slabs.empty:
        standing = dict(zip(slabs["kpi_id"], slabs["standing"], strict=True))
        where = list(shown.columns).index("achievement") + 1 if "achievement" in shown else 0
        # a slab KPI with no actual yet: "—"; a KPI scored another way: blank
        reached = [
            (standing[kpi] or "—") if kpi in standing else "" for kpi in result.totals["kpi"]
        ]
        shown.insert(where, "slab reached", reached)
    table = shown.to_html(index=False, escape=True, na_rep="—")
    return f'<div class="krakit-score-summary">{summary}</div>{table}'


def _chart_html(sc: Scorecard, result: Any) -> str:
    """The overview chart as inline SVG, rendered offline (works in Voilà and headless)."""
    from krakit import vegalite  # the spec as a dict: no Altair objects to build

    svg = vegalite.svg(vegalite.overview(sc, result))
    return f'<div class="krakit-svg">{svg}</div>'
