"""Step 3, check: every finding for the scorecard, grouped by severity and by KRA/KPI.

Each finding shows what is wrong, why it matters (from the rule catalogue) and how to fix it.
"Apply fix" makes the edit the finding's rule declares (:func:`krakit.edit.apply_fix`; shown
only when krakit can apply it) and checks again, "Go to" asks the wizard to open the KPI in
step 2, and
"Ignore" switches the rule off for that KPI or KRA with a reason (:func:`krakit.edit.ignore`).
A clean scorecard says so proudly.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import ipywidgets as w
import traitlets

from krakit import edit
from krakit import place as places
from krakit.model import Scorecard
from krakit.rules.fixes import describe
from krakit.widgets._base import Step, esc, message_html, style

__all__ = ["CheckStep"]

_ORDER = ("error", "warning", "suggestion")
_TITLES = {"error": "Errors", "warning": "Warnings", "suggestion": "Suggestions"}


def _catalogue() -> dict[str, Any]:
    from krakit.rules import rules

    return {rule.code: rule for rule in rules()}


class _FindingRow(w.VBox):
    """One finding with its actions."""

    def __init__(self, step: CheckStep, finding: Any, why: str | None) -> None:
        self.finding = finding
        severity = str(finding.severity)
        action = describe(finding, step.scorecard)  # what Apply fix does; None: no fix
        text = (
            f'<div class="krakit-finding krakit-{esc(severity)}">'
            f"<b>{esc(finding.code)}</b> {esc(places.humanize(finding.message, step.scorecard))}"
            + (f"<br><small>Why: {esc(why)}</small>" if why else "")
            + (f"<br><small>Fix: {esc(action)}</small>" if action else "")
            + f'<br><small class="krakit-where" title="{esc(finding.where)}">'
            + f"{esc(places.describe(finding.where, step.scorecard))}</small></div>"
        )
        self._text = w.HTML(text)
        self.apply = w.Button(description="Apply fix", icon="magic", button_style="info")
        self.apply.add_class("krakit-apply-fix")
        self.apply.layout.display = None if action else "none"
        self.apply.tooltip = action or ""
        self.goto = w.Button(description="Go to", icon="arrow-left").add_class("krakit-goto")
        self.reason = w.Text(placeholder="Why this rule does not apply here")
        self.reason.add_class("krakit-ignore-reason")
        self.ignore = w.Button(description="Ignore", icon="eye-slash").add_class("krakit-ignore")
        super().__init__([self._text, w.HBox([self.apply, self.goto, self.reason, self.ignore])])
        self.add_class("krakit-finding-row")
        self._parts = [self._text, self.apply, self.goto, self.reason, self.ignore]
        step._click(self.apply, lambda _b: step._apply(finding))
        step._click(self.goto, lambda _b: step._goto(finding))
        step._click(self.ignore, lambda _b: step._ignore(finding, self.reason.value))

    def dispose(self) -> None:
        """Close this row's widgets (and only them) in the front end."""
        for part in self._parts:
            part.close()
        for box in self.children:
            box.close()
        self.close()


class CheckStep(Step):
    """Step 3: the checker's findings, with fixes, jumps and reasoned ignores.

    ``findings`` (read-only) is the list from :func:`krakit.check`; ``jump`` is the path of
    the last finding whose "Go to" was clicked (the wizard follows it).
    """

    findings = traitlets.List(read_only=True)
    jump = traitlets.Unicode("")

    def __init__(self, scorecard: Scorecard | None = None) -> None:
        self._summary = w.HTML().add_class("krakit-check-summary")
        self._recheck = w.Button(description="Check again", icon="refresh")
        self._recheck.add_class("krakit-recheck")
        self._groups = w.VBox().add_class("krakit-findings")
        self._rows: list[_FindingRow] = []
        self._row_cache: dict[tuple[str, ...], _FindingRow] = {}
        self._head_cache: dict[str, w.HTML] = {}
        super().__init__(scorecard)
        self.add_class("krakit-step-check")
        self.children = [
            style(),
            w.HTML(
                "<h3>3 · Check</h3><p>krakit reads the scorecard the way an experienced "
                "HR partner would. Fix the errors; think about the warnings.</p>"
            ),
            self._summary,
            self._recheck,
            self._message,
            self._groups,
        ]
        self._click(self._recheck, lambda _b: self.refresh())

    @property
    def rows(self) -> Sequence[_FindingRow]:
        """The finding rows on screen, in order (for tests and browser automation)."""
        return tuple(self._rows)

    def _apply(self, finding: Any) -> None:
        action, before = describe(finding, self.scorecard), self.scorecard
        if not self._edit(edit.apply_fix, finding):
            return
        if self.scorecard == before:  # a second click on a fix already made
            self._say(f"Nothing left to fix for {finding.code}: the scorecard already has it.")
        else:
            self._say(f"Applied the fix for {finding.code}: {action}.", "ok")

    def _goto(self, finding: Any) -> None:
        self.jump = ""
        self.jump = finding.where

    def _ignore(self, finding: Any, reason: str) -> None:
        if self._edit(edit.ignore, finding.where, finding.code, reason):
            self._say(f"Rule {finding.code} is now ignored there, with your reason.", "ok")

    def _render(self) -> None:
        if self.scorecard is None:
            return
        from krakit.rules import check

        found = list(check(self.scorecard))
        self.set_trait("findings", found)
        counts = {s: sum(str(f.severity) == s for f in found) for s in _ORDER}
        if not self.scorecard.all_kpis():  # an empty card is not "ready to agree"
            self._summary.value = message_html(
                "Nothing to check yet: list the role's KRAs in step 1 and write a KPI for "
                "each in step 2, then come back here.",
                "warning",
            )
        elif counts["error"] == 0 and (counts["warning"] or counts["suggestion"]):
            to_read = " and ".join(
                _count(counts[s], s) for s in ("warning", "suggestion") if counts[s]
            )
            self._summary.value = (
                f'<div class="krakit-clean">✓ No errors. Read the {to_read} below before you '
                "agree the scorecard.</div>"
            )
        elif counts["error"] == 0:
            self._summary.value = (
                '<div class="krakit-clean">✓ No errors or warnings — this scorecard is ready '
                "to agree.</div>"
            )
        else:
            self._summary.value = (
                '<div class="krakit-dirty">'
                + ", ".join(_count(counts[s], s) for s in _ORDER)
                + " — fix the errors before you agree the scorecard.</div>"
            )
        why = _catalogue()
        # Rows and headings are reused between redraws: after an edit most findings are the
        # same, and building widgets is what costs time on a big scorecard.
        old_rows, old_heads = self._row_cache, self._head_cache
        self._row_cache, self._head_cache = {}, {}
        sections: list[w.Widget] = []
        self._rows = []
        for severity in _ORDER:
            group = [f for f in found if str(f.severity) == severity]
            if not group:
                continue
            sections.append(self._head(old_heads, f"<h4>{_TITLES[severity]} ({len(group)})</h4>"))
            for place, items in _by_place(self.scorecard, group):
                sections.append(
                    self._head(old_heads, f'<div class="krakit-place">{esc(place)}</div>')
                )
                for finding in items:
                    key = (finding.code, finding.where, finding.message, str(finding.fix))
                    row = old_rows.pop(key, None) or self._row_cache.get(key)
                    if row is None or key in self._row_cache:
                        rule = why.get(finding.code)
                        row = _FindingRow(self, finding, getattr(rule, "why", None))
                    self._row_cache.setdefault(key, row)
                    self._rows.append(row)
                    sections.append(row)
        self._groups.children = sections
        for row in old_rows.values():
            row.dispose()  # findings that went away: free their widgets

    def _head(self, old: dict[str, w.HTML], html: str) -> w.HTML:
        head = old.pop(html, None) or self._head_cache.get(html) or w.HTML(html)
        if html in self._head_cache:
            head = w.HTML(html)  # the same text twice on screen needs two widgets
        self._head_cache.setdefault(html, head)
        return head


def _count(n: int, severity: str) -> str:
    return f"{n} {severity}{'' if n == 1 else 's'}"


def _by_place(sc: Scorecard, findings: list[Any]) -> list[tuple[str, list[Any]]]:
    """Group findings under the KRA/KPI they are about, in the scorecard's order."""
    names: dict[str, str] = {}
    for kra in sc.kras:
        names[f"kras[{kra.id}]"] = f"KRA {kra.title}"
        for kpi in kra.kpis:
            names[f"kras[{kra.id}].kpis[{kpi.id}]"] = (
                f"KRA {kra.title} › KPI {places.kpi_name(kpi)}"
            )
            names[f"kpis[{kpi.id}]"] = names[f"kras[{kra.id}].kpis[{kpi.id}]"]
    for kpi in sc.unassigned_kpis:
        names[f"unassigned_kpis[{kpi.id}]"] = f"KPI {places.kpi_name(kpi)} (no KRA)"
        names[f"kpis[{kpi.id}]"] = names[f"unassigned_kpis[{kpi.id}]"]
    groups: dict[str, list[Any]] = {}
    for finding in findings:
        where = str(finding.where or "")
        key = max(
            (p for p in names if where == p or where.startswith(p + ".")), key=len, default=""
        )
        groups.setdefault(names.get(key, "Whole scorecard"), []).append(finding)
    return list(groups.items())
