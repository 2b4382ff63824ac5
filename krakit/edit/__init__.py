"""Edit a scorecard step by step: the operations behind the guided flow.

Every function takes a :class:`~krakit.model.Scorecard` and returns a *new*, validated one;
the input is never changed. The new scorecard remembers the file the old one came from, so
a later :func:`krakit.save` still detects conflicts. Mistakes the model refuses (two KPIs with
one id, a weight of 120) raise :class:`~krakit.errors.ScorecardError` naming the field.

One module a job, every name importable from here:

- :mod:`krakit.edit.kras`: the role, KRAs, goals and weights;
- :mod:`krakit.edit.kpis`: KPIs, from form fields or a sentence;
- :mod:`krakit.edit.paths`: edits by checker path (set a field, ignore a rule, apply a fix);
- :mod:`krakit.edit.actuals`: a period's actuals, typed or imported;
- :mod:`krakit.edit.triage`: sorting pasted lines into KRAs and KPIs;
- :mod:`krakit.edit.rebuild`: what they share (to plain data and validated back).

The widgets call these, the notebooks call these, and so can any script::

    >>> import krakit
    >>> from krakit import edit
    >>> sc = edit.new_scorecard("Sales executive")
    >>> sc = edit.set_kras(sc, ["Revenue generation", "Customer relationships"])
    >>> sc = edit.update_kra(sc, "revenue-generation", weight=60)
    >>> edit.weight_total(sc)
    60.0
"""

from __future__ import annotations

from krakit.edit.actuals import (
    actuals_for,
    import_actuals,
    periods,
    record_actuals,
    set_actuals,
)
from krakit.edit.kpis import (
    add_kpi,
    add_statement,
    kpi_weight_total,
    make_kpi,
    move_to_kra,
    remove_kpi,
    update_kpi,
)
from krakit.edit.kras import (
    UNTITLED,
    add_goal,
    add_kra,
    merge_kras,
    new_scorecard,
    remove_kra,
    set_kras,
    set_role,
    set_weights,
    untitled,
    update_kra,
    weight_total,
)
from krakit.edit.paths import apply_fix, ignore, locate, set_field
from krakit.edit.triage import Line, triage
from krakit.matching import kra_finder, likely_kra
from krakit.scoring.sentences import from_sentences

__all__ = [
    "UNTITLED",
    "Line",
    "actuals_for",
    "add_goal",
    "add_kpi",
    "add_kra",
    "add_statement",
    "apply_fix",
    "from_sentences",
    "ignore",
    "import_actuals",
    "kpi_weight_total",
    "kra_finder",
    "likely_kra",
    "locate",
    "make_kpi",
    "merge_kras",
    "move_to_kra",
    "new_scorecard",
    "periods",
    "record_actuals",
    "remove_kpi",
    "remove_kra",
    "set_actuals",
    "set_field",
    "set_kras",
    "set_role",
    "set_weights",
    "triage",
    "untitled",
    "update_kpi",
    "update_kra",
    "weight_total",
]
