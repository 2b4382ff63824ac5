"""Edit a scorecard's actuals: one period's values, typed as people type them, or a file.

Examples
--------
>>> from krakit.edit import add_kpi, new_scorecard
>>> sc = add_kpi(new_scorecard("Recruiter"), None, {"id": "calls", "statement": "Make calls"})
>>> actuals_for(record_actuals(sc, "2026-Q3", {"calls": "1,200"}), "2026-Q3")
{'calls': 1200.0}
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from krakit.edit.rebuild import data_of, rebuild
from krakit.errors import InputError, ScorecardError
from krakit.model import Actual, Scorecard

__all__ = ["actuals_for", "import_actuals", "periods", "record_actuals", "set_actuals"]


def periods(sc: Scorecard) -> list[str]:
    """The periods that have actuals, in order."""
    return sorted({a.period for a in sc.actuals})


def _period_label(period: str) -> str:
    """Return the label a period is stored under (``Apr-26`` is ``2026-04``), as typed if odd."""
    return Actual(kpi="x", period=period).period


def actuals_for(sc: Scorecard, period: str) -> dict[str, float | None]:
    """Each KPI's actual for one period (None where none was entered)."""
    values: dict[str, float | None] = {kpi.id: None for kpi in sc.all_kpis()}
    period = _period_label(period)
    for actual in sc.actuals:
        if actual.period == period and actual.kpi in values:
            values[actual.kpi] = actual.value
    return values


def set_actuals(
    sc: Scorecard,
    period: str,
    values: Mapping[str, float | None] | Iterable[Actual],
) -> Scorecard:
    """Set the actuals of one period (a None value removes that KPI's actual).

    ``values`` maps KPI ids to numbers, or is a list of :class:`Actual` (from an import), in
    which case their own periods are used.
    """
    new = (
        [Actual(kpi=k, period=period, value=v) for k, v in values.items()]
        if isinstance(values, Mapping)
        else list(values)
    )
    cleared = {(a.kpi, a.period) for a in new}  # one label per period: 'Apr-26' is '2026-04'
    known = {kpi.id for kpi in sc.all_kpis()}
    for actual in new:
        if actual.kpi not in known:
            raise ScorecardError(
                f"there is no KPI '{actual.kpi}' in this scorecard",
                field="actuals",
                value=actual.kpi,
            )
    data = data_of(sc)
    kept = [a for a in data["actuals"] if (a["kpi"], a["period"]) not in cleared]
    kept += [a.model_dump(mode="python") for a in new if a.value is not None]
    data["actuals"] = kept
    return rebuild(sc, data)


def record_actuals(sc: Scorecard, period: str, cells: Mapping[str, str]) -> Scorecard:
    """Set one period's actuals from cells as people type them (``1,200``, ``85%``, ``done``).

    A blank cell clears that KPI's actual for the period.

    Raises
    ------
    InputError
        The period is not one krakit reads (``2026-01``, ``2026-Q1``...), or a cell is not a
        number, naming the KPI.
    """
    import pandas as pd

    from krakit.actuals import coerce_values
    from krakit.periods import parse_period

    period = period.strip()
    try:
        parse_period(period)
    except Exception as exc:
        raise InputError(
            f"'{period}' is not a period krakit reads; write 2026-01, 2026-Q1, 2026-H1 or 2026",
            field="period",
            value=period,
        ) from exc
    ids = list(cells)
    cells_series = pd.Series([cells[k] for k in ids], index=ids, dtype="object")
    try:
        values = coerce_values(cells_series, column="value")
    except InputError as exc:  # 'value[<kpi id>]': say it as the KPI's actual for the period
        kpi = next((k for k in ids if exc.field == f"value[{k}]"), None)
        if kpi is None:
            raise
        raise InputError(
            f"{period}: {exc.reason}", field=f"kpis[{kpi}].actual", value=exc.value
        ) from exc
    return set_actuals(
        sc, period, {k: (None if pd.isna(v) else float(v)) for k, v in values.items()}
    )


def import_actuals(sc: Scorecard, source: Any) -> Scorecard:
    """Add actuals from a CSV/XLSX file (columns kpi, period, value) to the scorecard.

    Rows for a KPI and period already entered replace them.

    Raises
    ------
    InputError
        From :func:`krakit.actuals.read_actuals`: a bad file, column, cell or KPI id.
    """
    from krakit.actuals import read_actuals

    frame = read_actuals(source, scorecard=sc)
    rows = frame.to_dict("records")
    new = [
        Actual(
            kpi=row["kpi"],
            period=str(row["period"]),
            value=None if row["value"] != row["value"] else float(row["value"]),
            note=row.get("note") if isinstance(row.get("note"), str) else None,
        )
        for row in rows
    ]
    return set_actuals(sc, "", new)
