"""A chart drawn as SVG whose bars can be clicked: a click names the bar's checker code.

The facilitator's mistakes chart (:func:`krakit.room.chart.mistakes`, drawn offline by
vl-convert) labels each bar ``C001 · 14 of 20: …``; Vega writes that label into the bar's
``aria-label``, and the small script here (inline, nothing fetched) turns a click on a bar
into ``picked = "C001"``. The SVG holds checker codes, rule names and counts only, never a
participant's text, and vl-convert escapes every text it writes.
"""

from __future__ import annotations

import anywidget
import traitlets

__all__ = ["ClickChart"]

_ESM = r"""
function render({ model, el }) {
  const draw = () => {
    el.innerHTML = model.get("svg");
    el.querySelectorAll('[aria-roledescription="bar"]').forEach((bar) => {
      const found = /label: ([A-Z][0-9]{3}) ·/.exec(bar.getAttribute("aria-label") || "");
      if (!found) return;
      bar.style.cursor = "pointer";
      bar.addEventListener("click", () => {
        model.set("picked", found[1]);
        model.save_changes();
      });
    });
  };
  draw();
  model.on("change:svg", draw);
}
export default { render };
"""


class ClickChart(anywidget.AnyWidget):  # type: ignore[misc]
    """An SVG chart; clicking a bar sets :attr:`picked` to its checker code."""

    _esm = _ESM
    svg = traitlets.Unicode("").tag(sync=True)
    picked = traitlets.Unicode("").tag(sync=True)
