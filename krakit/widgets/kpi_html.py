"""What step 2 shows as HTML: the sentence as read, S/M/A/R/T badges, findings, the KPI list.

Pure functions from core objects to HTML strings, so :mod:`krakit.widgets.kpis` only wires
controls. Every piece of user text is escaped with :func:`krakit.widgets._base.esc`.
"""

from __future__ import annotations

from typing import Any

from krakit.model import KPI
from krakit.place import kpi_name
from krakit.scoring.weights import weight_total
from krakit.text.draft import KPIDraft
from krakit.widgets._base import esc

__all__ = ["badges_html", "findings_html", "highlight", "kpi_list_html"]


def highlight(draft: KPIDraft) -> str:
    """The sentence as HTML, each understood part in a ``<mark>`` naming its field.

    Every piece of the user's text is escaped; overlapping spans keep the first one.
    """
    text = draft.text
    spans = sorted(
        ((s, e, name) for name, (s, e) in draft.spans.items() if 0 <= s < e <= len(text)),
        key=lambda item: (item[0], -item[1]),
    )
    out, pos = [], 0
    for start, end, name in spans:
        if start < pos:
            continue
        out.append(esc(text[pos:start]))
        out.append(
            f'<mark class="krakit-span krakit-span-{esc(name)}" title="{esc(name)}">'
            f"{esc(text[start:end])}</mark>"
        )
        pos = end
    out.append(esc(text[pos:]))
    return '<div class="krakit-highlight">' + "".join(out) + "</div>"


def badges_html(assessment: Any) -> str:
    """S/M/A/R/T badges: green pass, red fail, the reason on hover and listed below."""
    badges, reasons = [], []
    for criterion in assessment.criteria:
        state = "pass" if criterion.passed else "fail"
        badges.append(
            f'<span class="krakit-badge krakit-badge-{state}" title="{esc(criterion.reason)}">'
            f"{esc(criterion.letter)}</span>"
        )
        reasons.append(
            f"<li><b>{esc(criterion.name)}</b> {'✓' if criterion.passed else '✗'} "
            f"{esc(criterion.reason)}</li>"
        )
    return (
        '<div class="krakit-badges">' + "".join(badges) + "</div>"
        "<details><summary>Why</summary><ul>" + "".join(reasons) + "</ul></details>"
    )


def findings_html(findings: list[Any]) -> str:
    """The checker's findings on one KPI, each with its code and fix (or a line saying none)."""
    if not findings:
        return '<div class="krakit-msg krakit-msg-ok">No problems with this KPI.</div>'
    items = "".join(
        f'<li class="krakit-finding krakit-{esc(f.severity)}"><b>{esc(f.code)}</b> '
        f"{esc(f.message)}{f' — <i>{esc(f.fix)}</i>' if f.fix else ''}</li>"
        for f in findings
    )
    return f"<ul>{items}</ul>"


def kpi_list_html(kpis: list[KPI], *, under_kra: bool) -> str:
    """The KPIs drafted so far, with their weights' total when they sit under a KRA."""
    if not kpis:
        return "<p><i>No KPIs here yet: type one above or click a suggestion.</i></p>"
    items = "".join(
        f"<li><b>{esc(kpi_name(k))}</b> — {esc(k.statement)}"
        f"{f' <small>(weight {k.weight:g}%)</small>' if k.weight is not None else ''}</li>"
        for k in kpis
    )
    weights = weight_total([k.weight for k in kpis], items="KPIs") if under_kra else None
    note = (
        ""
        if weights is None
        else "<p>No KPI weights yet: the KPIs here count equally within the KRA.</p>"
        if weights.none_set
        else f"<p>KPI weights in this KRA add up to {weights.total:g} of 100"
        f"{' ✓' if weights.ok else ''}.</p>"
    )
    return f"<h4>KPIs here ({len(kpis)})</h4><ul>{items}</ul>{note}"
