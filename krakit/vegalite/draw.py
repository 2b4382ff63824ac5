"""Drawing a spec: SVG text or PNG bytes by vl-convert, or a self-contained HTML page."""

from __future__ import annotations

import json
from os import PathLike
from pathlib import Path
from typing import Any, Literal

from krakit.errors import InputError
from krakit.vegalite.spec import Spec, plain

__all__ = ["save", "svg"]


def _draw(spec: Spec, fmt: Literal["svg", "png"], scale: float = 2.0) -> str | bytes:
    from krakit.chart_worker import draw  # in the worker of drawing_elsewhere(), or here

    return draw(plain(spec), fmt, scale)


def svg(spec: Spec) -> str:
    """The chart drawn as SVG text by vl-convert (offline; its JavaScript engine starts once).

    The spec is not validated against the Vega-Lite schema here (the tests validate every
    chart krakit builds); control characters are removed first.
    """
    return str(_draw(spec, "svg"))


class _ScriptSafeJSON(json.JSONEncoder):
    """JSON that can sit inside an HTML ``<script>``: ``<``, ``>`` and ``&`` as ``\\u`` escapes.

    A chart's spec carries user text (KPI names, titles); written raw into the ``<script>`` of
    an HTML file, a name holding ``</script><script>…`` would end the script and start its
    own. JavaScript reads the escaped string as the same text.
    """

    def encode(self, o: Any) -> str:
        text = super().encode(o)
        return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _html(spec: Spec) -> str:
    """A self-contained page drawing ``spec``: Vega, Vega-Lite and vega-embed inlined.

    Altair's page template is used (imported here only, the way :mod:`krakit.charts` imports
    it: without the format checkers that take seconds to load).
    """
    from krakit.charts import alt  # first: Altair as krakit imports it

    spec_to_html = alt.utils.html.spec_to_html

    return str(
        spec_to_html(
            plain(spec),
            mode="vega-lite",
            vega_version=alt.VEGA_VERSION,
            vegaembed_version=alt.VEGAEMBED_VERSION,
            vegalite_version=alt.VEGALITE_VERSION,
            json_kwds={"cls": _ScriptSafeJSON},
            template="inline",
        )
    )


def save(spec: Spec, path: str | PathLike[str], *, scale: float = 2.0) -> Path:
    """Write a spec as ``.png``, ``.svg`` (vl-convert, offline) or self-contained ``.html``.

    The HTML embeds the spec with ``<``, ``>`` and ``&`` escaped, so user text in it cannot
    close the page's script; tooltips are shown by vega-tooltip, which escapes HTML.

    Raises
    ------
    InputError
        The suffix is none of these, or the file cannot be written.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".png", ".svg", ".html", ".htm"):
        raise InputError(
            f"cannot write a chart as {suffix or 'a file without suffix'}; use .png, .svg or .html",
            path=path,
        )
    try:
        if suffix == ".png":
            path.write_bytes(bytes(_draw(spec, "png", scale)))
        elif suffix == ".svg":
            path.write_text(svg(spec), encoding="utf-8")
        else:
            path.write_text(_html(spec), encoding="utf-8")
    except OSError as exc:
        raise InputError(f"cannot write the chart: {exc.strerror}", path=path) from exc
    return path
