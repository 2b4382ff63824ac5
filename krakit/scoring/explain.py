"""Explain a score step by step, on the scorecard's own numbers.

Each KPI's working comes from its :class:`~krakit.scoring.targets.TargetKind` (its rule in
words and :meth:`~krakit.scoring.targets.TargetKind.describe`), the same object that scored
it, so the explanation cannot disagree with the number.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from os import PathLike
from typing import Any

import numpy as np
import pandas as pd

from krakit.errors import InputError
from krakit.model import (
    KPI,
    Actual,
    Polarity,
    Scorecard,
    ScoringConfig,
)
from krakit.scoring.definitions import aggregation_of, scored_type, target_range
from krakit.scoring.pipeline import score
from krakit.scoring.result import ScoreResult
from krakit.scoring.sentences import from_sentences
from krakit.scoring.targets import TARGET_TYPES, RollUp, TargetKind, Values, Worked

__all__ = ["Explanation", "explain"]


@dataclass
class Explanation:
    """The score worked through on the user's own numbers: ``str()`` for text, ``.frame``."""

    lines: list[str]
    frame: pd.DataFrame

    def __str__(self) -> str:
        return "\n".join(self.lines)

    def _repr_html_(self) -> str:
        import html

        text = html.escape(str(self))
        return f"<pre>{text}</pre>" + self.frame.to_html(index=False, na_rep="—")


def _bound(value: float, unit: str | None, open_end: str) -> str:
    """One end of a target range in the KPI's unit; an open end (NaN) as ``open_end``."""
    from krakit.units import format_value

    return open_end if pd.isna(value) else format_value(value, unit)


def explain(
    scorecard: Scorecard,
    actuals: pd.DataFrame | Sequence[Actual] | str | PathLike[str] | None = None,
    kpi_or_kra: str | None = None,
    *,
    manager_rating: float | None = None,
    config: ScoringConfig | None = None,
    scored: ScoreResult | None = None,
) -> Explanation:
    """Show how the score was reached, step by step, on this scorecard's numbers.

    Parameters
    ----------
    scorecard, actuals, manager_rating, config
        As for :func:`score`.
    kpi_or_kra
        Only this KPI or KRA (by id); the whole scorecard when None.
    scored
        :func:`score` of these same arguments, when the caller has it already (the report
        explains the score it shows without scoring twice).

    Returns
    -------
    Explanation
        ``str(explanation)`` is the worked text; ``explanation.frame`` one row per KPI, KRA
        and the overall score.

    Raises
    ------
    InputError
        ``kpi_or_kra`` is neither a KPI nor a KRA id of the scorecard.

    Examples
    --------
    >>> import krakit
    >>> sc = krakit.Scorecard(role={"title": "Sales"}, kras=[{"title": "Sales", "weight": 100,
    ...     "kpis": [{"id": "revenue", "unit": "INR", "target": 1000000}]}])
    >>> print(explain(sc, [krakit.Actual(kpi="revenue", period="2026-01", value=900000)],
    ...     "revenue"))  # doctest: +NORMALIZE_WHITESPACE
    KPI revenue — higher is better, ratio (sum over periods)
      actual ₹9,00,000 over 1 period(s), target ₹10,00,000
      achievement = actual / target = ₹9,00,000 / ₹10,00,000 = 90.0%
        capped at 120%, floored at 0 → 90.0% (amber)
      weight 100% of KRA 'sales' × KRA share 100% → contribution 90.00 points
    """
    result = (
        scored
        if scored is not None
        else score(scorecard, actuals, manager_rating=manager_rating, config=config)
    )
    config = result.config
    scorecard = from_sentences(scorecard)  # the KPIs as scored: a sentence's target counts
    kra_ids = {k.id for k in scorecard.kras}
    kpi_ids = {k.id for k in scorecard.all_kpis()}
    if kpi_or_kra is not None and kpi_or_kra not in kra_ids | kpi_ids:
        raise InputError(
            f"'{kpi_or_kra}' is neither a KPI nor a KRA of this scorecard "
            f"(KRAs: {', '.join(sorted(kra_ids)) or 'none'})",
            field="kpi_or_kra",
            value=kpi_or_kra,
        )
    totals = result.totals.set_index("kpi", drop=False)
    # a sum KPI's target and range scale with the KPI periods its actuals cover
    scale = dict(zip(totals.index.astype(str), result.target_scale, strict=True))
    kras = result.kras.set_index("kra", drop=False)
    lines: list[str] = []
    rows: list[dict[str, Any]] = []
    if not result.has_entries:
        lines.append("No actuals yet: nothing is scored. Enter actuals to see the working.")
    elif not result.has_actuals:
        lines.append("Actuals are in, but no KPI can be scored yet: each one says why below.")
    missing = result.missing
    why = {
        str(k): f"{r}: {f}"
        for k, r, f in zip(missing["kpi"], missing["reason"], missing["fix"], strict=True)
    }
    for kra in scorecard.kras:
        show_kra = kpi_or_kra in (None, kra.id)
        kra_row = kras.loc[kra.id] if kra.id in kras.index else None
        parts = []
        for kpi in kra.kpis:
            t = totals.loc[kpi.id]
            kind = TARGET_TYPES[scored_type(kpi)[0]]
            if show_kra or kpi_or_kra == kpi.id:
                low, high = (np.nan if x is None else x * scale[kpi.id] for x in target_range(kpi))
                t = t.copy()
                t["low"], t["high"] = low, high
                lines.extend(_kpi_lines(kpi, kra.id, t, kind, kra_row, config, why.get(kpi.id, "")))
                rows.append(_kpi_record(kpi, kra.id, t, kra_row, config))
            if not pd.isna(t.achievement):
                parts.append(f"{t.weight:.0f}% × {t.achievement:.1f}")
        if show_kra and kra_row is not None:
            if pd.isna(kra_row.score):
                lines.append(f"KRA {kra.id}: no KPI scored yet; left out of the overall score")
            else:
                lines.append(
                    f"KRA {kra.id} = {' + '.join(parts)} = {kra_row.score:.1f}%; "
                    f"share {kra_row.share:.0f}% (weight {kra_row.weight:g}) → "
                    f"{kra_row.contribution:.2f} points"
                )
            rows.append(
                {
                    "level": "kra",
                    "kra": kra.id,
                    "kpi": None,
                    "achievement": kra_row.score,
                    "weight": kra_row.share,
                    "contribution": kra_row.contribution,
                }
            )
    if kpi_or_kra is None:
        lines.extend(_overall_lines(result, config))
        o = result.overall.iloc[0]
        rows.append(
            {
                "level": "overall",
                "kra": None,
                "kpi": None,
                "achievement": o["score"],
                "weight": 100.0,
                "contribution": o["score"],
                "band": o["band"],
            }
        )
    return Explanation(lines=lines, frame=pd.DataFrame(rows))


def _kpi_lines(
    kpi: KPI,
    kra_id: str,
    t: Any,
    kind: TargetKind,
    kra_row: Any,
    config: ScoringConfig,
    why: str = "",
) -> list[str]:
    from krakit.units import format_value, is_currency

    agg = aggregation_of(kpi).value
    in_range = kpi.polarity is Polarity.IN_RANGE
    lines = [f"KPI {kpi.id} — {kind.rule_text(kpi.polarity)} ({agg} over periods)"]
    if t.periods == 0 or pd.isna(t.actual):
        lines.append(
            f"  not scored, {why}"
            if why.startswith("no target") and "actuals" in why
            else "  no actuals: left out, weights of the other KPIs renormalised"
        )
        return lines
    goal = (
        f"target range [{_bound(t.low, kpi.unit, '−∞')}, {_bound(t.high, kpi.unit, '+∞')}]"
        if in_range
        else f"target {format_value(t.target, kpi.unit)}"
    )
    lines.append(
        f"  actual {format_value(t.actual, kpi.unit)} over {t.periods} period(s), {goal}"
        + (f", baseline {format_value(t.baseline, kpi.unit)}" if kind.uses_baseline else "")
    )
    if pd.isna(t.achievement):
        lines.append(f"  not scored, {why or 'no target: add one in step 2 (KPIs)'}")
        return lines
    slabs = tuple((s.at, s.points) for s in kpi.slabs or ())
    if kind.rollup is RollUp.VALUE:  # the total's own achievement, uncapped, as scored
        one = Values(
            *(
                np.array([t[c]], dtype="float64")
                for c in ("actual", "target", "baseline", "low", "high")
            ),
            slabs=[slabs],
            rows=np.zeros(1, dtype=np.int64),
        )
        raw = float(kind.achieve(one, kpi.polarity)[0][0])
    else:  # the share of periods held, or done: the achievement itself
        raw = t.achievement
    unit = kpi.unit if kpi.unit == "%" or is_currency(kpi.unit) else None
    # a type scored per period (held, done) compares each period with the KPI's own target
    per_period = kind.rollup is not RollUp.VALUE
    target = (np.nan if kpi.target is None else kpi.target) if per_period else t.target
    worked = Worked(
        polarity=kpi.polarity,
        actual=float(t.actual),
        target=float(target),
        baseline=float(t.baseline),
        low=float(t.low),
        high=float(t.high),
        raw=raw,
        share=t.achievement / 100.0,
        periods=int(t.periods),
        cap=config.cap,
        number=lambda x: format_value(x, unit),
        slabs=slabs,
    )
    lines.append(f"  achievement = {kind.describe(worked)}")
    lines.append(f"    capped at {config.cap:g}%, floored at 0 → {t.achievement:.1f}% ({t.status})")
    kra_share = kra_row.share if kra_row is not None else 0.0
    lines.append(
        f"  weight {t.weight:.0f}% of KRA '{kra_id}' × KRA share {kra_share:.0f}% → "
        f"contribution {t.contribution:.2f} points"
    )
    return lines


def _kpi_record(
    kpi: KPI, kra_id: str, t: Any, kra_row: Any, config: ScoringConfig
) -> dict[str, Any]:
    return {
        "level": "kpi",
        "kra": kra_id,
        "kpi": kpi.id,
        "actual": t.actual,
        "target": t.target,
        "baseline": t.baseline,
        "rule": t.rule,
        "achievement": t.achievement,
        "cap": config.cap,
        "status": t.status,
        "weight": t.weight,
        "kra_share": None if kra_row is None else kra_row.share,
        "contribution": t.contribution,
    }


def _overall_lines(result: ScoreResult, config: ScoringConfig) -> list[str]:
    o = result.overall.iloc[0]
    lines = []
    if pd.isna(o["kpi_score"]):
        lines.append(
            "KPI score: not scored yet ("
            + ("no KPI has a target to score against" if result.has_entries else "no actuals")
            + ")"
        )
    else:
        parts = " + ".join(f"{c:.2f}" for c in result.kras["contribution"] if c) or "0.00"
        lines.append(
            f"KPI score = {parts} = {o['kpi_score']:.1f}% "
            f"({o['coverage']:.0f}% of the weight scored)"
        )
    if not pd.isna(o["manager_rating"]) and not pd.isna(o["kpi_score"]):
        mix = config.kpi_share
        lines.append(
            f"overall = {mix:g}% × {o['kpi_score']:.1f} + {100 - mix:g}% × manager rating "
            f"{o['manager_rating']:.1f} = {o['score']:.1f}%"
        )
    elif not pd.isna(o["score"]):
        lines.append(f"overall = KPI score = {o['score']:.1f}% (no manager rating given)")
    if not pd.isna(o["score"]):
        bands = ", ".join(f"{b.name} ≥ {b.min:g}" for b in config.bands)
        lines.append(f"band: {o['band']} (rating {o['rating']}); bands: {bands}")
    return lines
