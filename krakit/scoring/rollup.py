"""Roll actuals up over periods: to each KPI's frequency, to a ``by`` level, or to a total.

Each KPI rolls up with its aggregation (sum, mean or last), on parallel arrays (:class:`Rows`).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from krakit.periods import LEVELS, label, ordinal, parse_period, roll
from krakit.scoring.definitions import FREQ_LEVEL, LAST, SUM
from krakit.scoring.intake import Located

__all__ = ["Rows", "roll_up", "to_base"]


@dataclass
class Rows:
    """Actuals as parallel arrays (no DataFrame overhead on the hot path).

    ``label`` indexes ``labels``; ``units`` is how many KPI periods a row covers (None: 1);
    after :func:`achieve`: ``target`` (scaled for sums), ``raw`` achievement, ``met`` flag;
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


def to_base(located: Located, defs: pd.DataFrame) -> Rows:
    """Actuals at each KPI's own frequency (entries finer than it are rolled up to it)."""
    person, def_row, per_codes, values, spans, per_names, fiscal = located
    freq_levels = [None, *FREQ_LEVEL.values()]
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
    rows = Rows(
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
    return roll_up(rows, defs, with_label=True, row_order=entered_order[per_codes])


def _group(key: np.ndarray, space: int) -> tuple[np.ndarray, np.ndarray]:
    """Group codes (0..G-1) per row and the key of each group, dense when the space is small."""
    if space <= max(4 * len(key), 1 << 21):
        present = np.flatnonzero(np.bincount(key, minlength=space))
        lookup = np.empty(space, dtype=np.int64)
        lookup[present] = np.arange(len(present))
        return lookup[key], present
    codes, uniques = pd.factorize(key)
    return codes, np.asarray(uniques, dtype=np.int64)


def roll_up(
    rows: Rows,
    defs: pd.DataFrame,
    *,
    with_label: bool,
    row_order: np.ndarray | None = None,
) -> Rows:
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
    value = np.where(agg_g == SUM, total, total / np.where(count > 0, count, 1))
    if np.any(agg_g == LAST):  # 'last': the value of the latest period in the group
        # only the rows of KPIs that roll up with 'last' (often a few of many)
        mine = slice(None) if np.all(agg_g == LAST) else np.flatnonzero(agg[rows.d] == LAST)
        at = codes[mine]
        order = rows.order[rows.label[mine]] if row_order is None else row_order[mine]
        latest = np.full(g, np.iinfo(np.int64).min)
        np.maximum.at(latest, at, order)
        is_last = (order == latest[at]).astype("float64")
        with np.errstate(invalid="ignore", divide="ignore"):  # other groups: 0 / 0, unused
            last = np.bincount(at, weights=rows.value[mine] * is_last, minlength=g) / np.bincount(
                at, weights=is_last, minlength=g
            )
        value = np.where(agg_g == LAST, last, value)
    # KPI periods covered: each row is one unless it says otherwise (weeks of a month)
    units = count if rows.units is None else np.bincount(codes, weights=rows.units, minlength=g)
    if rows.periods is not None:  # rolling already-rolled rows: periods add up
        periods = np.bincount(codes, weights=rows.periods, minlength=g)
    else:
        periods = count
    out = Rows(
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
