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
    base_label = np.empty(len(spans) * nf, dtype=np.int32)
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
    # each row's (period, frequency) pair; what the pairs in use need is judged once per pair
    if len(defs) and np.all(freq_code == freq_code[0]):
        # one frequency for every KPI: a row's pair follows from its period alone
        used = np.arange(len(spans)) * nf + freq_code[0]

        def per_row(table: np.ndarray) -> np.ndarray:
            return table[used][per_codes]
    else:  # int64: period codes may come as int8 (a categorical's) and would wrap
        combo = np.multiply(per_codes, nf, dtype=np.int64)
        combo += freq_code[def_row]
        used = np.flatnonzero(np.bincount(combo, minlength=len(base_label)))

        def per_row(table: np.ndarray) -> np.ndarray:
            return table[combo]

    rows = Rows(
        person=person,
        d=def_row,
        label=per_row(base_label),
        value=values,
        labels=labels,
        order=order,
        units=None if np.all(units[used] == 1.0) else per_row(units),
        fiscal=fiscal,
    )
    as_entered = base_label[used - used % nf]
    if np.array_equal(base_label[used], as_entered):
        return rows
    # some entries are finer than their KPI's frequency: roll them up ('last' by the period
    # as entered, so the latest week of a month wins)
    entered_order = np.array([ordinal(s, str(n)) for s, n in zip(spans, per_names, strict=True)])
    return roll_up(rows, defs, with_label=True, row_order=entered_order[per_codes])


def _runs(key: np.ndarray) -> np.ndarray | None:
    """Where each run of equal keys starts, when the keys never go down (the rows of a group
    are then together, as sheets list them); None when they do, or there are no rows."""
    if not len(key):
        return None
    later, earlier = key[1:], key[:-1]
    if np.any(later < earlier):
        return None
    starts = np.flatnonzero(later != earlier)
    starts += 1
    return np.concatenate([np.zeros(1, dtype=starts.dtype), starts])


def _group(key: np.ndarray, space: int) -> tuple[np.ndarray, np.ndarray]:
    """Group codes (0..G-1) per row and the key of each group, dense when the space is small."""
    if space <= max(4 * len(key), 1 << 21):
        present = np.flatnonzero(np.bincount(key, minlength=space))
        lookup = np.empty(space, dtype=np.int64)
        lookup[present] = np.arange(len(present))
        return lookup[key], present
    codes, uniques = pd.factorize(key)
    return codes, np.asarray(uniques, dtype=np.int64)


class _Groups:
    """Rows grouped by a key: sums, maxima and counts per group, one pass each.

    Rows already in key order (the usual case: actuals listed person by person, KPI by KPI)
    are reduced run by run (``np.add.reduceat``), with no per-row group code at all; others get
    a group code per row and are reduced with ``np.bincount``.
    """

    def __init__(self, key: np.ndarray, space: int) -> None:
        self.starts = _runs(key)
        if self.starts is not None:
            self.keys = key[self.starts]
            self.count = np.diff(self.starts, append=len(key))
            self._codes: np.ndarray | None = None
        else:
            self._codes, self.keys = _group(key, space)
            self.count = np.bincount(self._codes, minlength=len(self.keys))

    def __len__(self) -> int:
        return len(self.keys)

    @property
    def codes(self) -> np.ndarray:
        """Each row's group (made on first use when the rows are in runs)."""
        if self._codes is None:
            self._codes = np.repeat(np.arange(len(self.keys)), self.count)
        return self._codes

    def sum(self, weights: np.ndarray) -> np.ndarray:
        """Per group: the sum of ``weights`` over its rows (float64)."""
        if self.starts is not None:
            return np.add.reduceat(np.asarray(weights, dtype="float64"), self.starts)
        return np.bincount(self._codes, weights=weights, minlength=len(self.keys))

    def max(self, values: np.ndarray) -> np.ndarray:
        """Per group: the largest of ``values`` (NaN if any is NaN)."""
        with np.errstate(invalid="ignore"):  # NaN is kept, as unknown
            if self.starts is not None:
                return np.maximum.reduceat(values, self.starts)
            out = np.full(len(self.keys), -np.inf)
            np.maximum.at(out, self._codes, values)
        return out

    def rows_of(self, groups: np.ndarray) -> tuple[np.ndarray, _Groups]:
        """The rows of some groups, and those rows grouped the same way (group i of the
        result is ``groups[i]``; ``groups`` ascending)."""
        sub = _Groups.__new__(_Groups)
        sub.keys, sub.count = self.keys[groups], self.count[groups]
        if self.starts is None:
            picked = np.full(len(self.keys), -1, dtype=np.int64)
            picked[groups] = np.arange(len(groups))
            at = picked[self._codes]
            rows = np.flatnonzero(at >= 0)
            sub.starts, sub._codes = None, at[rows]
            return rows, sub
        first = np.repeat(self.starts[groups] - (np.cumsum(sub.count) - sub.count), sub.count)
        sub.starts, sub._codes = np.cumsum(sub.count) - sub.count, None
        return first + np.arange(len(first)), sub

    def spread(self, per_group: np.ndarray) -> np.ndarray:
        """A per-group value on each row."""
        if self.starts is not None:
            return np.repeat(per_group, self.count)
        return per_group[self._codes]


def roll_up(
    rows: Rows,
    defs: pd.DataFrame,
    *,
    with_label: bool,
    row_order: np.ndarray | None = None,
) -> Rows:
    """Roll rows up per person × KPI (× label) with each KPI's aggregation (sum/mean/last)."""
    nd, nl = len(defs), max(len(rows.labels), 1)
    key = np.multiply(rows.person, nd, dtype=np.int64)
    key += rows.d
    space = len(defs) * (int(rows.person.max()) + 1 if len(rows) else 1)
    if with_label:
        key *= nl
        key += rows.label
        space *= nl
    groups = _Groups(key, space)
    del key
    g = len(groups)
    count = groups.count.astype("float64")
    total = groups.sum(rows.value)
    agg = defs["agg"].to_numpy()
    keys = groups.keys
    label_ = keys % nl if with_label else np.zeros(g, dtype=np.int64)
    rest = keys // nl if with_label else keys
    d, person = rest % nd, rest // nd
    agg_g = agg[d]
    value = np.where(agg_g == SUM, total, total / np.where(count > 0, count, 1))
    lasts = np.flatnonzero(agg_g == LAST)
    if len(lasts):  # 'last': the value of the latest period in the group
        # only the rows of KPIs that roll up with 'last' (often a few of many)
        mine, sub = groups.rows_of(lasts)
        order = rows.order[rows.label[mine]] if row_order is None else row_order[mine]
        is_last = (order == sub.spread(sub.max(order))).astype("float64")
        value[lasts] = sub.sum(rows.value[mine] * is_last) / sub.sum(is_last)
    # KPI periods covered: each row is one unless it says otherwise (weeks of a month)
    units = count if rows.units is None else groups.sum(rows.units)
    if rows.periods is not None:  # rolling already-rolled rows: periods add up
        periods = groups.sum(rows.periods)
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
        # met is 1, 0 or NaN (unknown), so one sum gives both: the share of periods met, and
        # done (any met: 1; none: 0; any unknown: NaN, as the sum is)
        met = groups.sum(rows.met)
        out.share = met / count
        out.done = np.where(met > 0, 1.0, met)
    return out
