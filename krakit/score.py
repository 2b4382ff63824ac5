"""Score a scorecard (or a whole team) from its actuals: vectorised pandas, pure functions.

How a KPI scores (achievement, in percent of target; see the README's scoring section):

===========================  ===================================================
higher_is_better, ratio      actual / target
lower_is_better, ratio       target / actual
progress (either way)        (actual - baseline) / (target - baseline)
in_range                     100 inside [low, high]; actual / low below it,
                             high / actual above it
threshold                    100 if the level is held (per period), else 0
milestone                    100 once done (value >= target, default 1), else 0
===========================  ===================================================

Then achievement is capped (``ScoringConfig.cap``, 120 by default) and floored at 0.
Edge cases, decided once:

* **target 0 or negative** (ratio): no ratio can be formed, so the KPI scores 100 if the
  actual is on the right side of the target (``>=`` for higher, ``<=`` for lower), else 0.
  "Zero defects" (lower, target 0): 0 defects → 100, any defect → 0.
* **actual 0**: higher → 0; lower with a positive target → the cap (better than possible).
* **target equal to baseline** (progress): met / not met as above.
* **negative values**: ratios with a negative actual score 0 (higher) or the cap (lower);
  progress handles any sign.
* **progress without a baseline**: scored as a ratio (``rule`` says so).
* **missing actuals**: the KPI is left out, listed in ``.missing``, and the weights of the
  KPIs (and KRAs) that did score are renormalised to 100% — never a silent zero.
* **text in a number cell**: :class:`~krakit.errors.InputError` naming the row.

Periods: actuals finer than the KPI's frequency roll up to it first (weekly entries of a
monthly KPI), then to the ``by`` level asked for and to the whole scoring period, with the
KPI's aggregation: ``sum`` (amounts, counts: the target scales with the number of KPI
periods covered), ``mean`` (rates, %, days, scores) or ``last`` (levels). Thresholds score
the share of periods held; milestones whether they were done by the latest period.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from os import PathLike
from typing import Any

import numpy as np
import pandas as pd
from pydantic import ValidationError

from krakit.actuals import MAX_VALUE, check_finite, coerce_values, frame_of, read_actuals
from krakit.errors import InputError, KrakitError, ScorecardError
from krakit.model import (
    KPI,
    Actual,
    Aggregation,
    Frequency,
    KPIType,
    Polarity,
    Scorecard,
    ScoringConfig,
    TargetType,
    WeightMode,
)
from krakit.periods import FISCAL_START, LEVELS, Level, label, ordinal, parse_period, roll

__all__ = [
    "STATUSES",
    "WEIGHT_TOLERANCE",
    "Explanation",
    "ScoreResult",
    "aggregation_of",
    "explain",
    "score",
]

WEIGHT_TOLERANCE = 0.01
"""Percent weights must add to 100 within this many points (0.25 + 0.75 float noise is fine)."""

STATUSES = ("green", "amber", "red")

_POLARITY = {Polarity.HIGHER_IS_BETTER: 0, Polarity.LOWER_IS_BETTER: 1, Polarity.IN_RANGE: 2}
_TTYPE = {
    TargetType.RATIO: 0,
    TargetType.PROGRESS: 1,
    TargetType.THRESHOLD: 2,
    TargetType.MILESTONE: 3,
}
_AGG = {Aggregation.SUM: 0, Aggregation.MEAN: 1, Aggregation.LAST: 2}
_FREQ_LEVEL = {
    Frequency.DAILY: Level.DAY,
    Frequency.WEEKLY: Level.WEEK,
    Frequency.MONTHLY: Level.MONTH,
    Frequency.QUARTERLY: Level.QUARTER,
    Frequency.ANNUAL: Level.YEAR,
}
_BY = {"month": Level.MONTH, "quarter": Level.QUARTER, "half": Level.HALF, "year": Level.YEAR}
_MEAN_UNITS = {
    "%",
    "percent",
    "score",
    "rating",
    "nps",
    "index",
    "ratio",
    "x",
    "points",
    "days",
    "hours",
    "minutes",
    "weeks",
    "months",
    "stars",
}


# A metric that is itself an average or a rate ("Average order value", "Revenue per
# employee", "Cost per hire") is averaged over periods even when its unit is an amount:
# two months of a ₹40,000 average order are not an ₹80,000 order.
_MEAN_METRIC_WORDS = frozenset({"average", "avg", "mean", "median", "per", "rate", "ratio"})


def aggregation_of(kpi: KPI) -> Aggregation:
    """The KPI's aggregation, inferred from its unit and metric when not set.

    Milestones and progress targets (with a baseline) roll up with ``last``; ``%``, scores
    and durations with ``mean``; a metric
    that is an average or a rate ("average order value", "cost per hire") with ``mean``;
    currencies, counts and other nouns ("calls", "hires") with ``sum``; no unit with ``mean``.

    Examples
    --------
    >>> aggregation_of(KPI(id="revenue", unit="INR")).value
    'sum'
    >>> aggregation_of(KPI(id="time-to-hire", unit="days")).value
    'mean'
    >>> aggregation_of(KPI(id="aov", metric="Average order value", unit="INR")).value
    'mean'
    """
    if kpi.aggregation is not None:
        return kpi.aggregation
    if kpi.target_type is TargetType.MILESTONE:
        return Aggregation.LAST
    if kpi.target_type is TargetType.PROGRESS and kpi.baseline is not None:
        # progress is how far the metric has moved from the baseline: where it stands now,
        # not the average of every step on the way (that would mark the early months down)
        return Aggregation.LAST
    unit = (kpi.unit or "").strip()
    if not unit or unit.lower() in _MEAN_UNITS:
        return Aggregation.MEAN
    words = re.split(r"[^a-z]+", (kpi.metric or kpi.id).lower())
    if _MEAN_METRIC_WORDS.intersection(words):
        return Aggregation.MEAN
    return Aggregation.SUM


# --------------------------------------------------------------------------- results


@dataclass
class ScoreResult:
    """What :func:`score` returns: tidy DataFrames, one row per thing scored.

    Attributes
    ----------
    kpis
        Per KPI and period: actual, target, achievement (%), status.
    totals
        Per KPI over all periods: actual and target rolled up, achievement, status, weight
        (share within its KRA, renormalised over the KPIs that scored), agreed_weight (the
        share as agreed), contribution (points of the overall score), thresholds.
    kras
        Per KRA: weight, score, contribution to the overall score, KPIs scored.
    overall
        Overall: KPI score, manager rating, score, rating, band, coverage (% of weight scored).
    missing
        KPIs that did not score and why (no actuals, no target).
    notes
        Plain-language remarks (weights renormalised, KPIs not linked to a KRA...).
    """

    totals: pd.DataFrame
    kras: pd.DataFrame
    overall: pd.DataFrame
    missing: pd.DataFrame
    config: ScoringConfig
    notes: list[str] = field(default_factory=list)
    team: bool = False
    _kpis: Any = field(default=None, repr=False)

    @property
    def kpis(self) -> pd.DataFrame:
        """Per KPI and period: actual, target, achievement, status (built on first use)."""
        if callable(self._kpis):
            self._kpis = self._kpis()
        return self._kpis

    @property
    def score(self) -> float | None:
        """The overall score (single scorecard), None when nothing has scored yet."""
        value = self.overall["score"].iloc[0] if len(self.overall) else np.nan
        return None if pd.isna(value) else float(value)

    @property
    def band(self) -> str | None:
        """The rating band's name (single scorecard)."""
        value = self.overall["band"].iloc[0] if len(self.overall) else None
        return None if pd.isna(value) else str(value)

    @property
    def has_actuals(self) -> bool:
        """Whether any KPI scored."""
        return bool(self.totals["achievement"].notna().any())

    @property
    def has_entries(self) -> bool:
        """Whether any actual was recorded, scored or not (a KPI with no target cannot be)."""
        return bool((self.totals["periods"].to_numpy() > 0).any())

    def readable(self) -> pd.DataFrame:
        """The per-KPI totals as a manager reads them: text cells, amounts in their unit.

        KRAs by their titles; actual and target in the KPI's unit (``₹19,00,000``, ``85%``,
        ``41 days``); achievement and weight as percentages; a blank as ``—``. The ``unit``
        column is folded into the numbers. Team results keep their ``person`` column. When a
        KPI did not score, a ``note`` column says why and how to fix it ("no target: add one
        in step 2 (KPIs)"); scored KPIs leave it blank.

        Examples
        --------
        >>> import krakit
        >>> sc = krakit.Scorecard(role={"title": "Sales"}, kras=[{"title": "Revenue", "kpis": [
        ...     {"id": "rev", "metric": "Monthly revenue", "unit": "INR", "target": 1000000}]}],
        ...     actuals=[{"kpi": "rev", "period": "2026-01", "value": 950000}])
        >>> krakit.score(sc).readable().iloc[0][["actual", "target", "achievement"]].tolist()
        ['₹9,50,000', '₹10,00,000', '95.0%']
        """
        from krakit.units import format_value

        t = self.totals
        units = t["unit"] if "unit" in t.columns else pd.Series([None] * len(t), index=t.index)
        units = units.where(units.notna(), None)
        out = pd.DataFrame(index=t.index)
        titles = dict(zip(self.kras["kra"], self.kras["title"], strict=False))
        for column in ("person", "kra", "metric"):
            if column in t.columns:
                raw = t[column].astype(object)  # a categorical cannot take other labels
                cells = raw.map(titles) if column == "kra" else raw
                cells = cells.where(cells.notna(), raw).astype(object)
                out[column] = cells.where(cells.notna(), "—")
        for column in ("actual", "target"):
            if column in t.columns:
                out[column] = [format_value(v, u) for v, u in zip(t[column], units, strict=True)]
        for column in ("achievement", "status", "weight"):
            if column not in t.columns:
                continue
            if column == "status":
                out[column] = t[column].astype(object).where(t[column].notna(), "—")
            else:
                out[column] = [
                    _pct(v) if column == "achievement" else _weight(v) for v in t[column]
                ]
        if len(self.missing):
            keys = [c for c in ("person", "kpi") if c in t.columns]
            why = self.missing.assign(note=self.missing["reason"] + ": " + self.missing["fix"])
            notes = t[keys].astype(str).merge(why[[*keys, "note"]].astype(str), how="left")
            out["note"] = notes["note"].fillna("").to_numpy()
        return out.reset_index(drop=True)

    def __str__(self) -> str:
        lines = []
        if not self.has_entries:
            lines.append("No actuals yet: nothing is scored. Targets and weights are below.")
        elif not self.has_actuals:
            lines.append("Actuals are in, but no KPI can be scored yet (see the notes).")
        if self.team and len(self.overall) > 20:
            scores = self.overall["score"]
            bands = self.overall["band"].fillna("not scored").value_counts()
            lines.append(
                f"{len(self.overall):,} people; mean overall {scores.mean():.1f}%, median "
                f"{scores.median():.1f}%; "
                + ", ".join(f"{name}: {count:,}" for name, count in bands.items())
            )
            lines.extend(f"note: {n}" for n in self.notes)
            return "\n".join(lines)
        for row in self.overall.itertuples():
            who = f"{row.person}: " if self.team else ""
            if pd.isna(row.score):
                cause = "no KPI can be scored" if self.has_entries else "no actuals"
                lines.append(f"{who}overall not scored ({cause})")
            else:
                lines.append(
                    f"{who}overall {row.score:.1f}% — {row.band} (rating {row.rating}), "
                    f"{row.coverage:.0f}% of the weight scored"
                )
        lines.extend(f"note: {n}" for n in self.notes)
        return "\n".join(lines)


# --------------------------------------------------------------------------- definitions


def _shares(
    weights: Sequence[float | None], mode: WeightMode, what: str
) -> tuple[list[float], str | None]:
    """Normalise weights to fractions; a missing weight takes an equal share of what is left."""
    n = len(weights)
    if n == 0:
        return [], None
    given = [w for w in weights if w is not None]
    note = None
    if mode is WeightMode.RELATIVE:
        fill = (sum(given) / len(given)) if given else 1.0
        raw = [fill if w is None else w for w in weights]
    else:
        left = max(100.0 - sum(given), 0.0)
        n_missing = n - len(given)
        raw = (
            [left / n_missing if w is None else w for w in weights]
            if n_missing
            else list(
                weights  # type: ignore[arg-type]
            )
        )
        total = sum(raw)
        if given and not math.isclose(total, 100.0, abs_tol=WEIGHT_TOLERANCE):
            note = (
                f"the weights of {what} add to {total:g}, not 100; they were scored as "
                "relative shares"
            )
    total = sum(raw)
    if total <= 0:
        return [1.0 / n] * n, f"the weights of {what} are all 0; they were scored as equal shares"
    return [w / total for w in raw], note


_DEF_COLUMNS = [
    "card",
    "kra",
    "kra_title",
    "kpi",
    "metric",
    "unit",
    "pol",
    "tt",
    "agg",
    "freq",
    "baseline",
    "target",
    "low",
    "high",
    "green",
    "amber",
    "kra_w",
    "kpi_w",
    "rule",
]


def _definitions(
    cards: Sequence[Scorecard], config: ScoringConfig
) -> tuple[pd.DataFrame, list[str]]:
    """One row per KPI of each distinct scorecard, with normalised weights and codes."""
    rows: list[dict[str, Any]] = []
    notes: list[str] = []
    for c, card in enumerate(cards):
        kra_w, note = _shares([k.weight for k in card.kras], card.weights, "the KRAs")
        if note:
            notes.append(note)
        groups = [(kra, kra_w[i], kra.kpis) for i, kra in enumerate(card.kras)]
        if card.unassigned_kpis:
            notes.append(
                f"{len(card.unassigned_kpis)} KPI(s) are not linked to a KRA; they are scored "
                "but do not count towards the overall score"
            )
            groups.append((None, 0.0, card.unassigned_kpis))
        for kra, kra_share, kpis in groups:
            where = f"the KPIs of '{kra.id}'" if kra else "the unassigned KPIs"
            kpi_w, note = _shares([k.weight for k in kpis], card.weights, where)
            if note and kra is not None:
                notes.append(note)
            for j, kpi in enumerate(kpis):
                rows.append(_definition(c, kra, kra_share, kpi, kpi_w[j], config))
    defs = pd.DataFrame(rows, columns=_DEF_COLUMNS)
    defs.attrs["qualitative"] = {  # for the fix of a KPI with no target (a rating scale)
        k.id for card in cards for k in card.all_kpis() if k.type is KPIType.QUALITATIVE
    }
    for col in ("baseline", "target", "low", "high", "freq", "kra_w", "kpi_w"):
        defs[col] = defs[col].astype("float64")
    for col in ("card", "pol", "tt", "agg"):  # typed even with no KPIs at all
        defs[col] = defs[col].astype("int64")
    return defs, notes


def _definition(
    card: int, kra: Any, kra_share: float, kpi: KPI, kpi_share: float, config: ScoringConfig
) -> dict[str, Any]:
    thresholds = kpi.thresholds or config.thresholds
    tt = kpi.target_type
    rule = tt.value
    if tt is TargetType.PROGRESS and kpi.baseline is None:
        tt, rule = TargetType.RATIO, "ratio (progress needs a baseline; none is set)"
    low, high = kpi.target_low, kpi.target_high
    if kpi.polarity is Polarity.IN_RANGE and low is None and high is None:
        low = high = kpi.target
    freq = _FREQ_LEVEL.get(kpi.frequency) if kpi.frequency else None
    for name in ("baseline", "target", "target_low", "target_high"):
        number = getattr(kpi, name)
        if number is not None and not (math.isfinite(number) and abs(number) <= MAX_VALUE):
            where = f"kras[{kra.id}].kpis[{kpi.id}]" if kra else f"unassigned_kpis[{kpi.id}]"
            raise ScorecardError(
                f"expected a number up to 10^15, got {number!r}; write the {name} in digits",
                field=f"{where}.{name}",
                value=number,
            )
    return {
        "card": card,
        "kra": kra.id if kra else None,
        "kra_title": kra.title if kra else "(no KRA)",
        "kpi": kpi.id,
        "metric": kpi.metric or kpi.statement or kpi.id,
        "unit": kpi.unit,
        "pol": _POLARITY[kpi.polarity],
        "tt": _TTYPE[tt],
        "agg": _AGG[aggregation_of(kpi)],
        "freq": LEVELS[freq] if freq else np.nan,
        "baseline": kpi.baseline,
        "target": kpi.target,
        "low": low,
        "high": high,
        "green": thresholds.green,
        "amber": thresholds.amber,
        "kra_w": kra_share,
        "kpi_w": kpi_share,
        "rule": rule,
    }


# --------------------------------------------------------------------------- achievement


def _status(achievement: np.ndarray, green: np.ndarray, amber: np.ndarray) -> pd.Categorical:
    # edges compare with a tolerance for float noise (0.1 + 0.2 style), as the bands do
    code = np.full(len(achievement), 2, dtype=np.int8)
    code -= achievement >= amber - 1e-6
    code -= achievement >= green - 1e-6
    code[np.isnan(achievement)] = -1
    return pd.Categorical.from_codes(code, categories=list(STATUSES))


# --------------------------------------------------------------------------- actuals in


def _actual_frame(
    actuals: Any, cards: Scorecard | Mapping[str, Scorecard], team: bool
) -> pd.DataFrame:
    if actuals is None:
        if team:
            raise InputError("team scoring needs an actuals frame with a 'person' column")
        return _own_actuals(frame_of(cards.actuals))  # type: ignore[union-attr]
    if isinstance(actuals, str | PathLike):
        return read_actuals(actuals, scorecard=cards)
    if isinstance(actuals, pd.DataFrame):
        missing = [c for c in ("kpi", "period", "value") if c not in actuals.columns]
        if team and "person" not in actuals.columns:
            missing.insert(0, "person")
        if missing:
            raise InputError(
                f"the actuals frame lacks column(s) {', '.join(missing)}", field=missing[0]
            )
        frame = actuals
        if frame.columns.duplicated().any():
            twice = str(frame.columns[frame.columns.duplicated()][0])
            raise InputError(
                f"the actuals frame has the column '{twice}' twice; keep one", field=twice
            )
        frame = frame.assign(
            **{c: _coded(frame[c]) for c in ("person", "kpi", "period") if c in frame.columns}
        )
        for column in ("person", "kpi", "period") if team else ("kpi", "period"):
            empty = frame[column].isna().to_numpy()
            if empty.any():
                i = int(np.flatnonzero(empty)[0])
                raise InputError(
                    f"the {column} is empty; give every actual a {column}",
                    row=_row_name(frame, i),
                    field=column,
                )
        if not team and "person" in frame.columns and frame["person"].nunique() > 1:
            raise InputError(
                "these actuals are for several people: score a team with a mapping "
                "person → scorecard, e.g. score(dict.fromkeys(people, scorecard), frame)",
                field="person",
            )
        rows = _RowNames(frame)  # a row is named only once an error is found in it
        if not pd.api.types.is_float_dtype(frame["value"]):
            frame = frame.assign(value=coerce_values(frame["value"], rows=rows))
        else:
            check_finite(frame["value"], rows=rows)
        return frame
    if isinstance(actuals, Sequence) and not isinstance(actuals, str | bytes):
        items = []
        for i, a in enumerate(actuals):
            try:
                items.append(a if isinstance(a, Actual) else Actual.model_validate(a))
            except ValidationError as exc:
                first = exc.errors(include_url=False)[0]
                where = ".".join(map(str, first["loc"]))
                raise InputError(
                    f"actual {i + 1} cannot be read: {first['msg']}; an actual needs kpi, "
                    "period and value",
                    field=f"actuals[{i}]" + (f".{where}" if where else ""),
                    value=a,
                ) from exc
        return _own_actuals(frame_of(items))
    raise InputError(f"cannot read actuals from a {type(actuals).__name__}", field="actuals")


def _own_actuals(frame: pd.DataFrame) -> pd.DataFrame:
    """A scorecard's own actuals, refusing infinite or absurdly large values by position."""
    try:
        check_finite(frame["value"])
    except InputError as exc:
        i = list(frame.index).index(exc.row)
        raise ScorecardError(exc.reason, field=f"actuals[{i}].value", value=exc.value) from None
    return frame


def _codes(values: pd.Series) -> tuple[np.ndarray, pd.Index]:
    """Integer codes of a column's cells (-1 where empty) and its distinct values, in the
    order they first appear. Sheets list a person's or a KPI's rows together, so a run of
    equal cells is hashed once, not once per cell."""
    if isinstance(values.dtype, pd.CategoricalDtype):
        return values.cat.codes.to_numpy(), values.cat.categories
    array = values.to_numpy(dtype=object) if values.dtype != object else values.to_numpy()
    if values.dtype == object or pd.api.types.is_string_dtype(values.dtype):
        head = _run_heads(array)
        if head is not None:
            codes, uniques = pd.factorize(array[head], use_na_sentinel=True)
            return np.repeat(codes, np.diff(head, append=len(array))), pd.Index(uniques)
        codes, uniques = pd.factorize(array, use_na_sentinel=True)
        return codes, pd.Index(uniques)
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    return codes, pd.Index(uniques)


def _run_heads(cells: np.ndarray) -> np.ndarray | None:
    """Where each run of equal cells starts, or None when the runs are too short to pay
    (judged on the first few thousand cells) or the cells cannot be compared (``pd.NA``)."""
    if len(cells) < 2:
        return None
    sample = cells[:4096]
    try:
        if 4 * np.count_nonzero(sample[1:] != sample[:-1]) > len(sample):
            return None
        change = np.empty(len(cells), dtype=bool)
        change[0] = True
        np.not_equal(cells[1:], cells[:-1], out=change[1:])
    except (TypeError, ValueError):
        return None
    return np.flatnonzero(change)


def _coded(column: pd.Series) -> pd.Series:
    """A column of text as a categorical (see :func:`_codes`): the text is hashed once, here,
    and scoring then works on integer codes. Any other column is returned as it is."""
    if isinstance(column.dtype, pd.CategoricalDtype):
        return column
    text = column.dtype != object and pd.api.types.is_string_dtype(column.dtype)
    if not text and not (
        column.dtype == object and pd.api.types.infer_dtype(column, skipna=True) == "string"
    ):
        return column
    codes, uniques = _codes(column)
    return pd.Series(
        pd.Categorical.from_codes(codes, uniques), index=column.index, name=column.name
    )


def _row_name(frame: pd.DataFrame, i: int) -> Any:
    label_ = frame.index[i]
    return int(label_) if isinstance(label_, int | np.integer) else None


class _RowNames(Sequence[Any]):
    """The row names of a frame's rows (:func:`_row_name`), each made when it is asked for:
    an error names one row, and a million-row frame should not pay for naming them all."""

    def __init__(self, frame: pd.DataFrame) -> None:
        self._frame = frame

    def __len__(self) -> int:
        return len(self._frame)

    def __getitem__(self, i: Any) -> Any:
        if isinstance(i, slice):
            return [_row_name(self._frame, j) for j in range(len(self._frame))[i]]
        return _row_name(self._frame, i)


# --------------------------------------------------------------------------- scoring


def score(
    scorecard: Scorecard | Mapping[str, Scorecard],
    actuals: pd.DataFrame | Sequence[Actual] | str | PathLike[str] | None = None,
    *,
    by: str | None = None,
    manager_rating: float | Mapping[str, float] | pd.Series | None = None,
    config: ScoringConfig | None = None,
) -> ScoreResult:
    """Score a scorecard, or a team, from actuals.

    Parameters
    ----------
    scorecard
        One scorecard, or for a team a mapping person → scorecard (people may share one).
    actuals
        None (the scorecard's own ``actuals``), a long DataFrame (``kpi, period, value``, plus
        ``person`` for a team), a list of :class:`~krakit.model.Actual`, or a CSV/XLSX path.
    by
        Period level of ``.kpis``: ``"month"``, ``"quarter"``, ``"half"``, ``"year"``; None
        keeps each KPI's own frequency (or the periods as entered).
    manager_rating
        The manager's qualitative rating in percent of expectations (100 = fully meets),
        one number or per person; it counts ``100 - config.kpi_share`` percent.
    config
        Cap, thresholds, bands and mix; defaults to the scorecard's ``scoring`` section.

    Returns
    -------
    ScoreResult

    Raises
    ------
    InputError
        Actuals name an unknown KPI or person, repeat a KPI and period, or hold text.

    Examples
    --------
    >>> import krakit
    >>> sc = krakit.Scorecard(role={"title": "Sales"}, kras=[{"title": "Sales", "weight": 100,
    ...     "kpis": [{"id": "revenue", "unit": "INR", "target": 1000000}]}])
    >>> result = score(sc, [krakit.Actual(kpi="revenue", period="2026-01", value=900000)])
    >>> result.score, result.band
    (90.0, 'Meets expectations')
    """
    team = isinstance(scorecard, Mapping)
    if team:
        people = [str(p) for p in scorecard]  # type: ignore[union-attr]
        if not people:
            raise InputError("the team is empty: give at least one person → scorecard")
        card_of: dict[int, int] = {}
        cards: list[Scorecard] = []
        person_card = np.empty(len(people), dtype=np.int64)
        for i, card in enumerate(scorecard.values()):  # type: ignore[union-attr]
            if not isinstance(card, Scorecard):
                raise InputError(
                    f"{people[i]}'s scorecard is a {type(card).__name__}, not a Scorecard",
                    field="scorecard",
                )
            person_card[i] = card_of.setdefault(id(card), len(cards))
            if person_card[i] == len(cards):
                cards.append(card)
    else:
        if not isinstance(scorecard, Scorecard):
            raise InputError(
                f"expected a Scorecard, got {type(scorecard).__name__}", field="scorecard"
            )
        people, cards, person_card = [""], [scorecard], np.zeros(1, dtype=np.int64)
    if config is not None and not isinstance(config, ScoringConfig):
        raise TypeError(f"config must be a ScoringConfig, not {type(config).__name__}")
    config = config or cards[0].scoring or ScoringConfig()
    if by is not None and by not in _BY:
        raise InputError(f"by={by!r}: use one of {', '.join(_BY)} or None", field="by")
    defs, notes = _definitions(cards, config)
    frame = _actual_frame(actuals, scorecard, team)
    try:
        return _score(defs, notes, frame, people, person_card, team, by, manager_rating, config)
    except InputError as exc:
        if exc.path is not None or exc.row is None:
            raise
        if isinstance(actuals, str | PathLike):  # a row of the actuals file
            raise InputError(
                exc.reason, path=actuals, row=exc.row, field=exc.field, value=exc.value
            ) from exc
        if actuals is None or isinstance(actuals, Sequence):  # the n-th actual in a list
            raise InputError(
                exc.reason, field=f"actuals[{exc.row}].{exc.field}", value=exc.value
            ) from exc
        raise


def _score(
    defs: pd.DataFrame,
    notes: list[str],
    frame: pd.DataFrame,
    people: list[str],
    person_card: np.ndarray,
    team: bool,
    by: str | None,
    manager_rating: Any,
    config: ScoringConfig,
) -> ScoreResult:
    n_def = len(defs)
    if n_def == 0 and len(frame):
        raise InputError(
            f"KPI '{frame['kpi'].iloc[0]}' has actuals but the scorecard has no KPIs; add the "
            "KPI, or remove its actuals",
            row=_row_name(frame, 0),
            field="kpi",
            value=frame["kpi"].iloc[0],
        )
    card_start = np.searchsorted(defs["card"].to_numpy(), np.arange(person_card.max() + 1))
    card_count = np.bincount(defs["card"].to_numpy(), minlength=person_card.max() + 1)
    kpi_ids = pd.Index(defs["kpi"].unique())

    # ---- locate each actual's person, KPI definition and period (codes, no row loop)
    values = frame["value"].to_numpy(dtype="float64", na_value=np.nan)
    kpi_codes, kpi_names = _codes(frame["kpi"])
    kpi_map = kpi_ids.get_indexer(kpi_names)
    # defs row per (card, kpi id): a small lookup table
    table = np.full((len(card_start), len(kpi_ids)), -1, dtype=np.int64)
    table[defs["card"].to_numpy(), kpi_ids.get_indexer(defs["kpi"])] = np.arange(n_def)
    if team:
        p_codes, p_names = _codes(
            frame["person"].astype(str)
            if not isinstance(frame["person"].dtype, pd.CategoricalDtype)
            else frame["person"]
        )
        p_map = pd.Index(people).get_indexer(pd.Index(p_names).astype(str))
        if (p_map < 0).any():
            name = p_names[int(np.flatnonzero(p_map < 0)[0])]
            i = int(np.flatnonzero(p_codes == pd.Index(p_names).get_loc(name))[0])
            raise InputError(
                f"person '{name}' has no scorecard", row=_row_name(frame, i), field="person"
            )
        person = p_map[p_codes]
    else:
        person = np.zeros(len(frame), dtype=np.int64)
    # KPI id code → definition row, per scorecard (one small lookup, then one gather per row)
    code_to_def = np.where(kpi_map >= 0, table[:, np.maximum(kpi_map, 0)], -1)
    code_to_def = np.concatenate([code_to_def, np.full((len(table), 1), -1)], axis=1)
    kpi_codes = np.where(kpi_codes >= 0, kpi_codes, len(kpi_names))  # NaN KPI → unknown
    if len(table) == 1:  # everyone shares one scorecard
        def_row = code_to_def[0][kpi_codes]
    else:
        def_row = code_to_def.ravel()[person_card[person] * code_to_def.shape[1] + kpi_codes]
    if (def_row < 0).any():
        i = int(np.flatnonzero(def_row < 0)[0])
        who = f"{people[person[i]]}'s " if team else "the "
        raise InputError(
            f"KPI '{frame['kpi'].iloc[i]}' is not in {who}scorecard",
            row=_row_name(frame, i),
            field="kpi",
            value=frame["kpi"].iloc[i],
        )
    per_codes, per_names = _codes(
        frame["period"].astype(str)
        if not isinstance(frame["period"].dtype, pd.CategoricalDtype)
        else frame["period"]
    )
    # a fiscal year (April for 'FY2026-27' labels) or the calendar one
    fiscal = config.fiscal_year_start
    if fiscal is None:
        fiscal = FISCAL_START if any("FY" in str(n).upper() for n in per_names) else 1
    spans = []
    for name in per_names:
        try:
            span = parse_period(name, fiscal)
            if not 1900 <= span.year <= 2200:
                raise InputError(
                    f"'{name}' is in the year {span.year}; krakit reads periods from 1900 to "
                    "2200 (write the year in full: 2026-01)",
                    field="period",
                )
            spans.append(span)
        except KrakitError as exc:
            i = int(np.flatnonzero(per_codes == len(spans))[0])
            raise InputError(exc.reason, row=_row_name(frame, i), field="period") from exc
    # one key per (person, KPI, period) must be unique
    key = (person.astype(np.int64) * n_def + def_row) * len(per_names) + per_codes
    space = len(people) * n_def * len(per_names)
    if space <= max(4 * len(key), 1 << 21):
        twice = bool(len(key)) and np.bincount(key, minlength=space).max() > 1
    else:
        twice = True  # a sparse key space: let the hash table below decide
    dup = pd.Index(key).duplicated() if twice else np.zeros(0, dtype=bool)
    if dup.any():
        i = int(np.flatnonzero(dup)[0])
        raise InputError(
            f"{frame['kpi'].iloc[i]} for {frame['period'].iloc[i]} is given twice"
            + (f" for {people[person[i]]}" if team else "")
            + "; keep one value per KPI and period",
            row=_row_name(frame, i),
            field="period",
        )
    keep = ~np.isnan(values)
    if not keep.all():
        person, def_row, per_codes, values = (
            person[keep],
            def_row[keep],
            per_codes[keep],
            values[keep],
        )

    # ---- roll each actual up to its KPI's frequency, score it, then roll up further
    base = _to_base(person, def_row, per_codes, values, spans, per_names, defs, fiscal)
    _achieve(base, defs, met_only=True)  # totals need only the per-period met flags

    def period_table() -> pd.DataFrame:  # built on first use of result.kpis
        if by is None:
            _achieve(base, defs)
        return _period_rows(base, defs, by, people, team, config)

    totals, rolled = _totals(base, defs, people, person_card, card_start, card_count, team, config)
    kras, overall = _kras_overall(totals, rolled, people, team, manager_rating, config)
    missing = _missing(totals, rolled, defs, team)
    scored = bool(rolled["scored"].any())
    said = _missing_notes(missing, scored, team)
    if scored:
        notes.extend(said)
    else:  # nothing scored: that comes first
        notes[:0] = said
    return ScoreResult(
        totals=totals,
        kras=kras,
        overall=overall,
        missing=missing,
        config=config,
        notes=list(dict.fromkeys(notes)),
        team=team,
        _kpis=period_table,
    )


@dataclass
class _Rows:
    """Actuals as parallel arrays (no DataFrame overhead on the hot path).

    ``label`` indexes ``labels``; ``units`` is how many KPI periods a row covers (None: 1);
    after :func:`_achieve`: ``target`` (scaled for sums), ``raw`` achievement, ``met`` flag;
    after a roll-up: ``periods`` counted, ``share`` of periods met, ``done`` (any met).
    """

    person: np.ndarray
    d: np.ndarray
    label: np.ndarray
    value: np.ndarray
    labels: list[str]
    order: np.ndarray  # per label: a day number, for 'last'
    fiscal: int = 1  # the month the fiscal year begins (1: calendar years)
    units: np.ndarray | None = None
    periods: np.ndarray | None = None
    share: np.ndarray | None = None
    done: np.ndarray | None = None
    target: np.ndarray | None = None
    raw: np.ndarray | None = None
    met: np.ndarray | None = None

    def __len__(self) -> int:
        return len(self.value)


def _to_base(
    person: np.ndarray,
    def_row: np.ndarray,
    per_codes: np.ndarray,
    values: np.ndarray,
    spans: list[Any],
    per_names: pd.Index,
    defs: pd.DataFrame,
    fiscal: int = 1,
) -> _Rows:
    """Actuals at each KPI's own frequency (entries finer than it are rolled up to it)."""
    freq_levels = [None, *_FREQ_LEVEL.values()]
    freq_code = np.zeros(len(defs), dtype=np.int64)
    f = defs["freq"].to_numpy()
    for k, level in enumerate(freq_levels[1:], start=1):
        freq_code[np.isclose(f, LEVELS[level])] = k
    nf = len(freq_levels)
    # per distinct (period, frequency): the base label and the KPI periods it covers
    labels: list[str] = []
    ids: dict[str, int] = {}
    base_label = np.empty(len(spans) * nf, dtype=np.int64)
    units = np.empty(len(spans) * nf, dtype="float64")
    for p, span in enumerate(spans):
        for k, level in enumerate(freq_levels):
            months = LEVELS[level] if level else span.months
            if level is not None and span.months < months and months >= 1:
                name = label(roll(span.start, level, fiscal), level, fiscal)
            else:
                name = str(per_names[p])
            base_label[p * nf + k] = ids.setdefault(name, len(ids))
            if len(ids) > len(labels):
                labels.append(name)
            units[p * nf + k] = span.months / months
    order = np.array([ordinal(parse_period(n, fiscal), n) for n in labels], dtype=np.int64)
    combo = per_codes * nf + freq_code[def_row]
    row_units = units[combo]
    rows = _Rows(
        person=person,
        d=def_row,
        label=base_label[combo],
        value=values,
        labels=labels,
        order=order,
        units=None if np.all(row_units == 1.0) else row_units,
        fiscal=fiscal,
    )
    as_entered = base_label[per_codes * nf]
    if not np.any(rows.label != as_entered):
        return rows
    # some entries are finer than their KPI's frequency: roll them up ('last' by the period
    # as entered, so the latest week of a month wins)
    entered_order = np.array([ordinal(s, str(n)) for s, n in zip(spans, per_names, strict=True)])
    return _reduce(rows, defs, with_label=True, row_order=entered_order[per_codes])


def _group(key: np.ndarray, space: int) -> tuple[np.ndarray, np.ndarray]:
    """Group codes (0..G-1) per row and the key of each group, dense when the space is small."""
    if space <= max(4 * len(key), 1 << 21):
        present = np.flatnonzero(np.bincount(key, minlength=space))
        lookup = np.empty(space, dtype=np.int64)
        lookup[present] = np.arange(len(present))
        return lookup[key], present
    codes, uniques = pd.factorize(key)
    return codes, np.asarray(uniques, dtype=np.int64)


def _reduce(
    rows: _Rows,
    defs: pd.DataFrame,
    *,
    with_label: bool,
    row_order: np.ndarray | None = None,
) -> _Rows:
    """Roll rows up per person × KPI (× label) with each KPI's aggregation (sum/mean/last)."""
    nd, nl = len(defs), max(len(rows.labels), 1)
    key = rows.person.astype(np.int64) * nd + rows.d
    space = len(defs) * (int(rows.person.max()) + 1 if len(rows) else 1)
    if with_label:
        key = key * nl + rows.label
        space *= nl
    codes, keys = _group(key, space)
    g = len(keys)
    count = np.bincount(codes, minlength=g).astype("float64")
    total = np.bincount(codes, weights=rows.value, minlength=g)
    agg = defs["agg"].to_numpy()
    label_ = keys % nl if with_label else np.zeros(g, dtype=np.int64)
    rest = keys // nl if with_label else keys
    d, person = rest % nd, rest // nd
    agg_g = agg[d]
    value = np.where(agg_g == 0, total, total / np.where(count > 0, count, 1))
    if np.any(agg_g == 2):  # 'last': the value of the latest period in the group
        # only the rows of KPIs that roll up with 'last' (often a few of many)
        mine = slice(None) if np.all(agg_g == 2) else np.flatnonzero(agg[rows.d] == 2)
        at = codes[mine]
        order = rows.order[rows.label[mine]] if row_order is None else row_order[mine]
        latest = np.full(g, np.iinfo(np.int64).min)
        np.maximum.at(latest, at, order)
        is_last = (order == latest[at]).astype("float64")
        with np.errstate(invalid="ignore", divide="ignore"):  # other groups: 0 / 0, unused
            last = np.bincount(at, weights=rows.value[mine] * is_last, minlength=g) / np.bincount(
                at, weights=is_last, minlength=g
            )
        value = np.where(agg_g == 2, last, value)
    # KPI periods covered: each row is one unless it says otherwise (weeks of a month)
    units = count if rows.units is None else np.bincount(codes, weights=rows.units, minlength=g)
    if rows.periods is not None:  # rolling already-rolled rows: periods add up
        periods = np.bincount(codes, weights=rows.periods, minlength=g)
    else:
        periods = count
    out = _Rows(
        person=person,
        d=d,
        label=label_,
        value=value,
        labels=rows.labels if with_label else ["all"],
        order=rows.order if with_label else np.zeros(1, dtype=np.int64),
        units=units,
        periods=periods,
        fiscal=rows.fiscal,
    )
    if rows.met is not None:
        met = np.asarray(rows.met, dtype="float64")
        out.share = np.bincount(codes, weights=met, minlength=g) / count
        done = np.zeros(g)
        with np.errstate(invalid="ignore"):  # NaN (no target to meet) stays NaN: unknown
            np.maximum.at(done, codes, met)
        out.done = done
    return out


def _achievement(
    a: np.ndarray,
    t: np.ndarray,
    b: np.ndarray,
    low: np.ndarray,
    high: np.ndarray,
    pol: int,
    tt: int,
) -> tuple[np.ndarray, np.ndarray]:
    """Raw achievement (%, uncapped) and met (1/0, NaN if unknown) for one polarity × type."""
    in_range = pol == 2
    if in_range or tt == 2:
        lo = np.where(np.isnan(low), -np.inf, low)
        hi = np.where(np.isnan(high), np.inf, high)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):  # tiny targets
        if tt == 3:
            met = a >= np.where(np.isnan(t), 1.0, t)
            raw = np.where(met, 100.0, 0.0)
            needs = np.zeros(len(a), dtype=bool)
        else:
            if pol == 0:
                met = a >= t
            elif pol == 1:
                met = a <= t
            else:
                met = (a >= lo) & (a <= hi)
            met_pct = np.where(met, 100.0, 0.0)
            if tt == 2:
                raw = met_pct
            elif in_range:
                below = np.where((lo > 0) & (a > 0), a / lo * 100.0, 0.0)
                above = np.where((hi > 0) & (a > 0), hi / a * 100.0, 0.0)
                raw = np.where(met, 100.0, np.where(a < lo, below, above))
            elif tt == 1:
                gap = t - b
                raw = np.where(gap != 0, (a - b) / gap * 100.0, met_pct)
            elif pol == 0:
                raw = np.where(t > 0, np.where(a > 0, a / t * 100.0, 0.0), met_pct)
            else:
                raw = np.where(
                    t > 0,
                    np.where(a > 0, t / a * 100.0, np.inf),
                    np.where(t == 0, np.where(a <= 0, 100.0, 0.0), met_pct),
                )
            needs = (np.isnan(low) & np.isnan(high)) if in_range else np.isnan(t)
    unknown = np.isnan(a) | needs
    raw = np.where(unknown, np.nan, raw)
    return raw, np.where(unknown, np.nan, met.astype("float64"))


def _achieve(rows: _Rows, defs: pd.DataFrame, *, met_only: bool = False) -> None:
    """Score rows in place: scaled target, raw achievement and met, one pass per rule type.

    ``met_only``: just the met flags of thresholds and milestones (all a roll-up needs).
    """
    n = len(rows)
    pol_d, tt_d = defs["pol"].to_numpy(), defs["tt"].to_numpy()
    sums = defs["agg"].to_numpy() == 0
    cols = {c: defs[c].to_numpy(dtype="float64") for c in ("target", "baseline", "low", "high")}
    rule_d = pol_d * 4 + tt_d
    if not met_only:
        rows.target, rows.raw = np.empty(n), np.empty(n)
    rules = np.unique(rule_d)
    if len(rules) > 1:  # group rows by rule once (a radix sort of a small int)
        rule = rule_d[rows.d].astype(np.int8)
        by_rule = np.argsort(rule, kind="stable")
        bounds = [*np.searchsorted(rule[by_rule], rules, side="left").tolist(), n]
        slices = [by_rule[bounds[i] : bounds[i + 1]] for i in range(len(rules))]
    else:
        slices = [slice(None)] * len(rules)
    rows.met = np.zeros(n)
    for r, idx in zip(rules, slices, strict=True):
        if met_only and int(r) % 4 < 2:
            continue
        d = rows.d[idx]
        if rows.units is None:
            scaled = {c: v[d] for c, v in cols.items()}
        else:
            factor = np.where(sums[d], rows.units[idx], 1.0)
            scaled = {c: v[d] * factor for c, v in cols.items()}
        raw, met = _achievement(
            rows.value[idx],
            scaled["target"],
            scaled["baseline"],
            scaled["low"],
            scaled["high"],
            int(r) // 4,
            int(r) % 4,
        )
        rows.met[idx] = met
        if not met_only:
            rows.target[idx], rows.raw[idx] = scaled["target"], raw
    if met_only:
        rows.target = rows.raw = None
        return
    if rows.share is not None:  # rolled periods: thresholds score the share held, milestones
        tt = tt_d[rows.d]
        known = ~np.isnan(rows.raw)
        rows.raw = np.where(known & (tt == 2), rows.share * 100.0, rows.raw)
        rows.raw = np.where(known & (tt == 3), rows.done * 100.0, rows.raw)


def _period_rows(
    base: _Rows,
    defs: pd.DataFrame,
    by: str | None,
    people: list[str],
    team: bool,
    config: ScoringConfig,
) -> pd.DataFrame:
    """The ``.kpis`` table: per KPI and period, at the KPI's frequency or the ``by`` level."""
    rows = base
    if by is not None and len(base):
        level = _BY[by]
        fiscal = base.fiscal
        spans = [parse_period(name, fiscal) for name in base.labels]
        # a period coarser than `by` keeps its own label
        names = [
            label(roll(s.start, level, fiscal), level, fiscal) if s.months <= LEVELS[level] else n
            for s, n in zip(spans, base.labels, strict=True)
        ]
        uniq = list(dict.fromkeys(names))
        remap = np.array([uniq.index(n) for n in names], dtype=np.int64)
        order = np.array([ordinal(parse_period(n, fiscal), n) for n in uniq], dtype=np.int64)
        regrouped = _Rows(
            person=base.person,
            d=base.d,
            label=remap[base.label],
            value=base.value,
            labels=uniq,
            order=order,
            units=base.units,
            periods=base.periods,
            met=base.met,
            fiscal=fiscal,
        )
        rows = _reduce(regrouped, defs, with_label=True, row_order=base.order[base.label])
        _achieve(rows, defs)
    return _table(rows, defs, people, team, config)


def _table(
    rows: _Rows, defs: pd.DataFrame, people: list[str], team: bool, config: ScoringConfig
) -> pd.DataFrame:
    d = rows.d
    ach = np.clip(rows.raw, 0.0, config.cap) if rows.raw is not None else np.zeros(0)
    periods = np.ones(len(rows), dtype=np.int64) if rows.periods is None else rows.periods
    out = pd.DataFrame(
        {
            "kra": _categorical(defs, "kra", d),
            "kpi": _categorical(defs, "kpi", d),
            "period": pd.Categorical.from_codes(rows.label, categories=pd.Index(rows.labels)),
            "actual": rows.value,
            "target": rows.target if rows.target is not None else np.zeros(0),
            "achievement": ach,
            "status": _status(ach, defs["green"].to_numpy()[d], defs["amber"].to_numpy()[d]),
            "periods": periods.astype(np.int64),
        }
    )
    if team:
        out.insert(0, "person", pd.Categorical.from_codes(rows.person, people))
        return out
    return out.sort_values(["kpi", "period"], kind="stable").reset_index(drop=True)


def _totals(
    base: _Rows,
    defs: pd.DataFrame,
    people: list[str],
    person_card: np.ndarray,
    card_start: np.ndarray,
    card_count: np.ndarray,
    team: bool,
    config: ScoringConfig,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Per person and KPI over all periods, on the full grid (KPIs without actuals too)."""
    rolled = _reduce(base, defs, with_label=False)
    _achieve(rolled, defs)
    # the grid: every person × every KPI of their scorecard
    counts = card_count[person_card]
    grid_person = np.repeat(np.arange(len(people)), counts)
    offsets = np.arange(counts.sum()) - np.repeat(np.cumsum(counts) - counts, counts)
    grid_def = card_start[person_card][grid_person] + offsets
    grid_key = grid_person * len(defs) + grid_def
    have_key = rolled.person * len(defs) + rolled.d
    pos = np.full(len(people) * len(defs), -1, dtype=np.int64)
    pos[have_key] = np.arange(len(have_key))
    pos = pos[grid_key]
    found = pos >= 0
    at = np.maximum(pos, 0)

    def pick(arr: np.ndarray | None, fill: float = np.nan) -> np.ndarray:
        if arr is None or not len(arr):
            return np.full(len(grid_key), fill)
        return np.where(found, arr[at], fill)

    units = pick(rolled.units, 1.0)
    raw = pick(rolled.raw)
    ach = np.clip(raw, 0.0, config.cap)
    scored = ~np.isnan(ach)
    has_kra = pd.notna(defs["kra"].to_numpy()[grid_def])
    kpi_w = defs["kpi_w"].to_numpy()[grid_def] * has_kra
    # renormalise KPI weights within each person's KRA over the KPIs that scored
    kra_key = pd.factorize(grid_person * len(defs) + _kra_index(defs)[grid_def])[0]
    w_scored = np.where(scored, kpi_w, 0.0)
    sums = np.bincount(kra_key, weights=w_scored)
    grid = pd.DataFrame(
        {
            "person": grid_person,
            "def": grid_def,
            "scored": scored,
            "kpi_share": np.where(scored, w_scored / np.where(sums > 0, sums, 1)[kra_key], 0.0),
            "kra_key": kra_key,
            "kpi_w": kpi_w,
        }
    )
    grid.attrs.update(
        kra_ids=defs["kra"].to_numpy(),
        kra_titles=defs["kra_title"].to_numpy(),
        kra_w=defs["kra_w"].to_numpy(),
    )
    sum_agg = defs["agg"].to_numpy()[grid_def] == 0
    target = np.where(found, pick(rolled.target), defs["target"].to_numpy()[grid_def])
    baseline = defs["baseline"].to_numpy()[grid_def] * np.where(sum_agg, units, 1.0)
    totals = pd.DataFrame(
        {
            "kra": _categorical(defs, "kra", grid_def),
            "kpi": _categorical(defs, "kpi", grid_def),
            "metric": defs["metric"].to_numpy()[grid_def],
            "unit": defs["unit"].to_numpy()[grid_def],
            "periods": pick(rolled.periods, 0.0).astype("int64"),
            "actual": pick(rolled.value),
            "target": target,
            "baseline": baseline,
            "achievement": ach,
            "status": _status(
                ach, defs["green"].to_numpy()[grid_def], defs["amber"].to_numpy()[grid_def]
            ),
            "rule": defs["rule"].to_numpy()[grid_def],
            "agreed_weight": kpi_w * 100.0,
            "green": defs["green"].to_numpy()[grid_def],
            "amber": defs["amber"].to_numpy()[grid_def],
        }
    )
    if team:
        totals.insert(0, "person", pd.Categorical.from_codes(grid_person, people))
    return totals, grid


def _categorical(defs: pd.DataFrame, col: str, rows: np.ndarray) -> pd.Categorical:
    """A column of the definitions, taken per row as a categorical (no per-row strings)."""
    codes, uniques = pd.factorize(defs[col], use_na_sentinel=True)
    return pd.Categorical.from_codes(codes[rows], categories=pd.Index(uniques))


def _kra_index(defs: pd.DataFrame) -> np.ndarray:
    key = defs["card"].astype(str) + "\x1f" + defs["kra"].fillna("\x00").astype(str)
    return pd.factorize(key)[0]


def _kras_overall(
    totals: pd.DataFrame,
    grid: pd.DataFrame,
    people: list[str],
    team: bool,
    manager_rating: Any,
    config: ScoringConfig,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    kra_key = grid["kra_key"].to_numpy()
    n = kra_key.max() + 1 if len(kra_key) else 0
    first = np.full(n, -1, dtype=np.int64)
    first[kra_key[::-1]] = np.arange(len(kra_key))[::-1]
    ach = np.nan_to_num(totals["achievement"].to_numpy())
    share = grid["kpi_share"].to_numpy()
    kra_score = np.bincount(kra_key, weights=share * ach, minlength=n)
    kpis_scored = np.bincount(kra_key, weights=grid["scored"].to_numpy(), minlength=n)
    kpis_total = np.bincount(kra_key, minlength=n)
    d = grid["def"].to_numpy()[first]
    has_kra = grid["kpi_w"].to_numpy() > 0
    kra_has = np.bincount(kra_key, weights=has_kra, minlength=n) > 0
    kra_w = np.where(kra_has, _defs_col(grid, "kra_w", first), 0.0)
    kra_scored = (np.bincount(kra_key, weights=share, minlength=n) > 0) & (kra_w > 0)
    kra_score = np.where(kpis_scored > 0, kra_score, np.nan)
    kra_person = grid["person"].to_numpy()[first]
    w_scored = np.where(kra_scored, kra_w, 0.0)
    person_w = np.bincount(kra_person, weights=w_scored, minlength=len(people))
    weight = np.where(kra_scored, w_scored / np.where(person_w > 0, person_w, 1)[kra_person], 0.0)
    contribution = weight * np.nan_to_num(kra_score)
    real = kra_has | (kra_w > 0)
    totals["weight"] = share * 100.0
    totals["contribution"] = np.where(
        grid["scored"].to_numpy(), weight[kra_key] * share * ach, np.nan
    )
    kras = pd.DataFrame(
        {
            "kra": grid.attrs["kra_ids"][d],
            "title": grid.attrs["kra_titles"][d],
            "weight": kra_w * 100.0,
            "share": weight * 100.0,
            "score": kra_score,
            "contribution": contribution,
            "kpis_scored": kpis_scored.astype("int64"),
            "kpis": kpis_total,
        }
    )
    if team:
        kras.insert(0, "person", pd.Categorical.from_codes(kra_person, people))
    kras = kras[real & pd.notna(kras["kra"]).to_numpy()].reset_index(drop=True)

    kpi_score = np.bincount(kra_person, weights=contribution, minlength=len(people))
    kpi_score = np.where(person_w > 0, kpi_score, np.nan)
    total_w = np.bincount(kra_person, weights=kra_w, minlength=len(people))
    coverage = np.where(total_w > 0, person_w / np.where(total_w > 0, total_w, 1), 0.0) * 100
    rating = _ratings(manager_rating, people, team)
    mix = config.kpi_share / 100.0
    both = ~np.isnan(kpi_score) & ~np.isnan(rating)
    overall_score = np.where(
        both,
        mix * kpi_score + (1 - mix) * np.nan_to_num(rating),
        np.where(np.isnan(kpi_score), rating, kpi_score),
    )
    bands = config.bands  # sorted high to low by the model
    mins = np.array([b.min for b in bands][::-1])
    # band edges compare after rounding away float noise (230 / 200 is 114.99999999999999)
    edge = np.round(np.nan_to_num(overall_score, nan=-1.0), 6)
    idx = np.searchsorted(mins, edge, side="right") - 1
    names = np.array([b.name for b in bands][::-1], dtype=object)
    numbers = np.array([b.rating for b in bands][::-1])
    valid = ~np.isnan(overall_score) & (idx >= 0)
    overall = pd.DataFrame(
        {
            "kpi_score": kpi_score,
            "manager_rating": rating,
            "score": overall_score,
            "rating": pd.array(np.where(valid, numbers[np.maximum(idx, 0)], 0), dtype="Int64"),
            "band": np.where(valid, names[np.maximum(idx, 0)], None),
            "coverage": coverage,
        }
    )
    overall.loc[~valid, "rating"] = pd.NA
    if team:
        overall.insert(0, "person", pd.Categorical(people, categories=people))
    return kras, overall


def _defs_col(grid: pd.DataFrame, col: str, rows: np.ndarray) -> np.ndarray:
    return grid.attrs[col][grid["def"].to_numpy()[rows]]


def _ratings(manager_rating: Any, people: list[str], team: bool) -> np.ndarray:
    if manager_rating is None:
        return np.full(len(people), np.nan)
    if isinstance(manager_rating, Mapping | pd.Series):
        series = pd.Series(manager_rating, dtype="object")
        series.index = series.index.astype(str)
        values = series.reindex(people)
        ratings = coerce_values(values, column="manager_rating")
        outside = ratings[(ratings < 0) | (ratings > 1000)]
        if len(outside):
            raise InputError(
                "the manager rating is a percent of expectations (100 = meets); got "
                f"{outside.iloc[0]:g} for {outside.index[0]}",
                field=f"manager_rating[{outside.index[0]}]",
                value=outside.iloc[0],
            )
        return ratings.to_numpy(dtype="float64")
    try:
        value = float(manager_rating)
    except (TypeError, ValueError) as exc:
        raise InputError(
            f"the manager rating must be a number (percent of expectations), got "
            f"{manager_rating!r}",
            field="manager_rating",
            value=manager_rating,
        ) from exc
    if not 0 <= value <= 1000:
        raise InputError(
            f"the manager rating is a percent of expectations (100 = meets); got {value:g}",
            field="manager_rating",
            value=value,
        )
    return np.full(len(people), value)


_WHY_NOT_SCORED: dict[str, tuple[str, str]] = {
    # what is missing → (reason, fix): the words a manager reads beside the KPI
    "actual": ("no actuals", "record an actual in step 4"),
    "target": ("no target", "add one in step 2 (KPIs)"),
    "range": ("no target range", "add the lowest and highest good values in step 2 (KPIs)"),
    "scale": (
        "no target on a rating scale",
        "rate it on a scale (say 1 to 5) and add the rating to reach in step 2 (KPIs)",
    ),
    "both": ("no target and no actuals", "add a target in step 2 (KPIs), then record actuals"),
}
"""Why a KPI did not score, and how to fix it (``ScoreResult.missing``)."""


def _missing(
    totals: pd.DataFrame, grid: pd.DataFrame, defs: pd.DataFrame, team: bool
) -> pd.DataFrame:
    """The KPIs that did not score, each with its reason and the fix, in the manager's words."""
    gone = totals["achievement"].isna().to_numpy()
    rows = grid["def"].to_numpy()[gone]
    no_data = totals["periods"].to_numpy()[gone] == 0
    no_target = np.isnan(defs["target"].to_numpy()[rows])
    in_range = defs["pol"].to_numpy()[rows] == _POLARITY[Polarity.IN_RANGE]
    no_range = np.isnan(defs["low"].to_numpy()[rows]) & np.isnan(defs["high"].to_numpy()[rows])
    milestone = defs["tt"].to_numpy()[rows] == _TTYPE[TargetType.MILESTONE]
    unset = np.where(in_range, no_range, no_target & ~milestone)
    cols = (["person"] if team else []) + ["kra", "kpi", "metric"]
    out = totals.loc[gone, cols].reset_index(drop=True)
    qual = out["kpi"].astype(str).isin(defs.attrs.get("qualitative", ())).to_numpy()
    kinds = list(_WHY_NOT_SCORED)
    what = np.select(
        [no_data & unset, no_data, unset & in_range, unset & qual],
        [kinds.index(k) for k in ("both", "actual", "range", "scale")],
        default=kinds.index("target"),
    )
    reasons, fixes = zip(*_WHY_NOT_SCORED.values(), strict=True)
    out["reason"] = np.asarray(reasons, dtype=object)[what]
    out["fix"] = np.asarray(fixes, dtype=object)[what]
    return out


def _missing_notes(missing: pd.DataFrame, scored: bool, team: bool) -> list[str]:
    """The notes that say what did not score: no actuals yet, or which KPIs lack a target."""
    if not len(missing):
        return []
    counts = missing["reason"].value_counts()
    if not scored and set(counts.index) == {"no actuals"}:
        return ["no actuals yet: nothing is scored (targets and weights stand)"]
    unscorable = missing[~missing["reason"].isin(["no actuals", "no target and no actuals"])]
    named = (
        ""
        if team
        else ": "
        + "; ".join(
            f"'{m}' has {r}: {f}"
            for m, r, f in zip(
                unscorable["metric"], unscorable["reason"], unscorable["fix"], strict=True
            )
        )
    )
    if not scored:
        return (
            [f"actuals are in, but no KPI can be scored yet{named}"]
            if len(unscorable)
            else ["no actuals yet: nothing is scored (targets and weights stand)"]
        )
    parts = ", ".join(f"{n} {r}" for r, n in counts.items())
    return [
        f"{len(missing)} KPI(s) were left out ({parts}); the weights of the rest were "
        "renormalised" + (f"{named}" if len(unscorable) else "")
    ]


# --------------------------------------------------------------------------- explain

_RULE_TEXT = {
    (0, 0): "higher is better, ratio",
    (1, 0): "lower is better, ratio",
    (2, 0): "in range",
    (0, 1): "higher is better, progress from the baseline",
    (1, 1): "lower is better, progress from the baseline",
    (2, 1): "in range",
    (0, 2): "threshold to hold (at or above), per period",
    (1, 2): "threshold to hold (at or below), per period",
    (2, 2): "threshold to hold (inside the range), per period",
}


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


def _pct(value: float) -> str:
    return "—" if value is None or pd.isna(value) else f"{value:.1f}%"


def _weight(value: float) -> str:
    return "—" if value is None or pd.isna(value) else f"{value:g}%"


def _formula(kpi: KPI, row: Any, pol: int, tt: int, cap: float) -> str:
    """The achievement formula with the numbers filled in."""
    from krakit.units import format_value, is_currency

    unit = kpi.unit if kpi.unit == "%" or is_currency(kpi.unit) else None

    def v(x: float | None) -> str:
        return format_value(x, unit)

    a, t, b, raw = row.actual, row.target, row.baseline, row.raw
    if tt == 3:
        done = t if not pd.isna(t) else 1
        return f"milestone: done when the value reaches {done:g}; latest value {a:g} → {_pct(raw)}"
    if tt == 2:
        return (
            f"threshold {v(t) if pol != 2 else ''} held in {row.share * row.periods:.0f} of "
            f"{row.periods:.0f} period(s) → {_pct(raw)}"
        )
    if pol == 2:
        low, high = kpi.target_low, kpi.target_high
        if low is None and high is None:
            low = high = kpi.target
        lo_t = v(low) if low is not None else "−∞"
        hi_t = v(high) if high is not None else "+∞"
        if raw == 100:
            return f"inside the range [{lo_t}, {hi_t}] → 100%"
        if low is not None and a < low:
            return f"below the range: actual / low = {v(a)} / {lo_t} = {_pct(raw)}"
        return f"above the range: high / actual = {hi_t} / {v(a)} = {_pct(raw)}"
    if tt == 1:
        if t == b:
            return f"target equals baseline ({v(t)}): met → 100%, not met → 0%; got {_pct(raw)}"
        return (
            f"(actual − baseline) / (target − baseline) = ({v(a)} − {v(b)}) / ({v(t)} − {v(b)}) "
            f"= {_pct(raw)}"
        )
    if pol == 0:
        if t > 0:
            return f"actual / target = {v(a)} / {v(t)} = {_pct(raw)}"
        return f"target {v(t)} is not positive: 100% if actual ≥ target, else 0% → {_pct(raw)}"
    if t > 0 and a > 0:
        return f"target / actual = {v(t)} / {v(a)} = {_pct(raw)}"
    if t > 0:
        return f"actual {v(a)} beats any positive target → the cap, {cap:g}%"
    if t == 0:
        return f"zero target: 100% if actual is 0, else 0%; actual {v(a)} → {_pct(raw)}"
    return f"target {v(t)} is negative: 100% if actual ≤ target, else 0% → {_pct(raw)}"


def explain(
    scorecard: Scorecard,
    actuals: pd.DataFrame | Sequence[Actual] | str | PathLike[str] | None = None,
    kpi_or_kra: str | None = None,
    *,
    manager_rating: float | None = None,
    config: ScoringConfig | None = None,
) -> Explanation:
    """Show how the score was reached, step by step, on this scorecard's numbers.

    Parameters
    ----------
    scorecard, actuals, manager_rating, config
        As for :func:`score`.
    kpi_or_kra
        Only this KPI or KRA (by id); the whole scorecard when None.

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
    result = score(scorecard, actuals, manager_rating=manager_rating, config=config)
    config = result.config
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
            pol, tt = _POLARITY[kpi.polarity], _TTYPE[kpi.target_type]
            if tt == 1 and kpi.baseline is None:
                tt = 0
            if show_kra or kpi_or_kra == kpi.id:
                lines.extend(
                    _kpi_lines(kpi, kra.id, t, pol, tt, kra_row, config, why.get(kpi.id, ""))
                )
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


def _kpi_values(kpi: KPI, t: Any, tt: int, pol: int) -> Any:
    raw, _ = _achievement(
        np.array([t.actual], dtype="float64"),
        np.array([t.target], dtype="float64"),
        np.array([np.nan if t.baseline is None else t.baseline], dtype="float64"),
        np.array([np.nan if kpi.target_low is None else kpi.target_low], dtype="float64"),
        np.array([np.nan if kpi.target_high is None else kpi.target_high], dtype="float64"),
        pol,
        tt,
    )
    return raw[0]


def _kpi_lines(
    kpi: KPI,
    kra_id: str,
    t: Any,
    pol: int,
    tt: int,
    kra_row: Any,
    config: ScoringConfig,
    why: str = "",
) -> list[str]:
    from krakit.units import format_value

    agg = aggregation_of(kpi).value
    kind = "milestone" if tt == 3 else _RULE_TEXT[(pol, tt)]
    lines = [f"KPI {kpi.id} — {kind} ({agg} over periods)"]
    if t.periods == 0 or pd.isna(t.actual):
        lines.append(
            f"  not scored, {why}"
            if why.startswith("no target") and "actuals" in why
            else "  no actuals: left out, weights of the other KPIs renormalised"
        )
        return lines
    lines.append(
        f"  actual {format_value(t.actual, kpi.unit)} over {t.periods} period(s), "
        f"target {format_value(t.target, kpi.unit)}"
        + (f", baseline {format_value(t.baseline, kpi.unit)}" if tt == 1 else "")
    )
    if pd.isna(t.achievement):
        lines.append(f"  not scored, {why or 'no target: add one in step 2 (KPIs)'}")
        return lines
    raw = t.achievement if tt in (2, 3) else _kpi_values(kpi, t, tt, pol)
    share = t.achievement / 100.0 if tt == 2 else np.nan
    row = pd.Series(
        {
            "actual": t.actual,
            "target": t.target,
            "baseline": t.baseline,
            "raw": raw,
            "share": share,
            "periods": t.periods,
        }
    )
    lines.append(f"  achievement = {_formula(kpi, row, pol, tt, config.cap)}")
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
        parts = " + ".join(f"{c:.2f}" for c in result.kras["contribution"] if c)
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
