"""How a KPI's target is scored, in the KPI step: the target type and, for slabs, a slab editor.

A thin view over the core: the types, their labels and one-line explanations come from
:data:`krakit.scoring.targets.TARGET_TYPES`; slab rows are read and checked by
:mod:`krakit.text.slabs` (:func:`~krakit.text.slabs.read_slab_rows`), whose messages are shown
under the row they are about. Nothing here raises: the KPI step builds the KPI from
:meth:`TargetTypeBox.rows` with :func:`krakit.text.slabs.scoring_fields`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import ipywidgets as w
import traitlets

from krakit.model import KPI, TargetType
from krakit.widgets._base import esc

__all__ = ["SlabEditor", "TargetTypeBox"]

Wrap = Callable[[Callable[..., Any]], Callable[..., Any]]


def _same(handler: Callable[..., Any]) -> Callable[..., Any]:
    return handler


class SlabEditor(w.VBox):
    """Rows of "from % of target → points", a button to add one and one per row to remove it.

    ``changed`` counts edits (observe it to re-read :attr:`rows`); each row's problem shows
    under it as the manager types.
    """

    changed = traitlets.Int(0, read_only=True)

    def __init__(self, wrap: Wrap = _same) -> None:
        super().__init__()
        self._wrap = wrap
        self._rows: list[tuple[w.Text, w.HTML]] = []
        self._add = w.Button(description="Add a slab", icon="plus").add_class("krakit-slab-add")
        self._add.on_click(wrap(lambda _b: self.add_row("")))
        self._table = w.VBox().add_class("krakit-slab-rows")
        self._overall = w.HTML().add_class("krakit-slab-overall")
        self.add_class("krakit-slabs")
        self.children = [
            w.HTML(
                "<small>Slabs: from what % of target, how many points (below the first slab: "
                "0). Type each as <code>90% → 80</code> or <code>90-100: 80</code>.</small>"
            ),
            self._table,
            self._add,
            self._overall,
        ]
        self.load(None)

    @property
    def rows(self) -> list[str]:
        """The rows as typed, in screen order."""
        return [text.value for text, _ in self._rows]

    def load(self, slabs: Sequence[Any] | None) -> None:
        """Show these slabs, or krakit's default table (80 → 50, 90 → 80, 100 → 100, 110 → 120)."""
        from krakit.text.slabs import DEFAULT_SLABS, format_slab

        self._rows = []
        for slab in slabs or DEFAULT_SLABS:
            self._new_row(format_slab(slab))
        self._redraw()

    def add_row(self, text: str = "") -> None:
        """Add a row at the end (blank: the manager types it)."""
        self._new_row(text)
        self._redraw()

    def remove_row(self, index: int) -> None:
        """Remove the row at ``index`` (screen order)."""
        del self._rows[index]
        self._redraw()

    def _new_row(self, text: str) -> None:
        box = w.Text(
            value=text,
            placeholder="e.g. 90% → 80",
            continuous_update=True,
            layout=w.Layout(width="200px"),
        ).add_class("krakit-slab-row")
        box.observe(self._wrap(lambda _c: self._redraw(keep=True)), names="value")
        self._rows.append((box, w.HTML().add_class("krakit-slab-problem")))

    def _redraw(self, keep: bool = False) -> None:
        """Re-read the rows, show each problem under its row, and say that something changed."""
        from krakit.text.slabs import describe_slabs, read_slab_rows

        reading = read_slab_rows(self.rows)
        lines = []
        for index, (box, problem) in enumerate(self._rows):
            said = reading.problems.get(index, "")
            problem.value = (
                f'<span class="krakit-msg krakit-msg-error">{esc(said)}</span>' if said else ""
            )
            if not keep:
                remove = w.Button(icon="trash", tooltip="Remove this slab")
                remove.add_class("krakit-slab-remove")
                remove.layout.width = "40px"
                remove.on_click(self._wrap(lambda _b, box=box: self._remove_box(box)))
                lines.append(w.HBox([box, remove, problem]))
        if not keep:
            self._table.children = lines
        if reading.slabs is not None:
            read = describe_slabs(reading.slabs)
            self._overall.value = f"<small>Read as: {esc(read)}.</small>"
        else:
            self._overall.value = "".join(
                f'<div class="krakit-msg krakit-msg-error">{esc(m)}</div>' for m in reading.overall
            )
        self.set_trait("changed", self.changed + 1)

    def _remove_box(self, box: w.Text) -> None:
        self.remove_row([b for b, _ in self._rows].index(box))


class TargetTypeBox(w.VBox):
    """The target type (a dropdown with one line about the chosen type) and its slab editor.

    ``changed`` counts edits of either; :attr:`target_type` and :attr:`rows` are what the KPI
    step reads. The slab rows are kept when another type is chosen, so choosing slabs again
    finds them; a KPI saved as another type keeps no slabs.
    """

    changed = traitlets.Int(0, read_only=True)

    def __init__(self, wrap: Wrap = _same) -> None:
        from krakit.scoring.target_labels import EXPLAIN, LABELS  # no numpy on the first screen

        super().__init__()
        self._explain = {t.value: text for t, text in EXPLAIN.items()}
        self._type = w.Dropdown(
            options=[(label, t.value) for t, label in LABELS.items()],
            value=TargetType.RATIO.value,
            description="Scored as",
            layout=w.Layout(width="340px"),
        ).add_class("krakit-field-target-type")
        self._about = w.HTML().add_class("krakit-target-type-about")
        self._slabs = SlabEditor(wrap)
        self.add_class("krakit-target-type")
        self.children = [self._type, self._about, self._slabs]
        self._type.observe(wrap(self._on_type), names="value")
        self._slabs.observe(wrap(self._bump), names="changed")
        self._on_type()

    @property
    def target_type(self) -> str:
        """The chosen type's value (``"ratio"``, ``"slab"``...)."""
        return str(self._type.value)

    @property
    def rows(self) -> list[str]:
        """The slab rows as typed (kept whatever the type)."""
        return self._slabs.rows

    @property
    def slabs(self) -> SlabEditor:
        """The slab editor (shown only for slabs)."""
        return self._slabs

    def choose(self, target_type: str | TargetType) -> None:
        """Choose a type as the manager would."""
        self._type.value = TargetType(target_type).value

    def load(self, kpi: KPI | None) -> None:
        """Show a KPI's type and slabs (None: ratio, and the default slab table)."""
        self._slabs.load(kpi.slabs if kpi else None)
        self._type.value = (kpi.target_type if kpi else TargetType.RATIO).value

    def _on_type(self, _change: object = None) -> None:
        self._about.value = f"<small>{esc(self._explain[self.target_type])}</small>"
        self._slabs.layout.display = "" if self.target_type == TargetType.SLAB else "none"
        self._bump()

    def _bump(self, _change: object = None) -> None:
        self.set_trait("changed", self.changed + 1)
