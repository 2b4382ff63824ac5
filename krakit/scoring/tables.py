"""The result tables: per KPI and period, per KPI in total, per KRA, and overall.

Weights are renormalised over what scored, KRA scores weighted into the overall score, the
manager's rating mixed in and the band found, all per person at once.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from krakit.actuals import coerce_values
from krakit.errors import InputError
from krakit.model import (
    ScoringConfig,
)
from krakit.periods import LEVELS, label, ordinal, parse_period, roll
from krakit.scoring.achievement import achieve, status_of
from krakit.scoring.definitions import BY_LEVEL, SUM, SharedArray
from krakit.scoring.rollup import Rows, roll_up

__all__ = ["kpi_totals", "kras_overall", "per_period"]


def per_period(
    base: Rows,
    defs: pd.DataFrame,
    by: str | None,
    people: pd.CategoricalDtype,
    team: bool,
    config: ScoringConfig,
) -> pd.DataFrame:
    """The ``.kpis`` table: per KPI and period, at the KPI's frequency or the ``by`` level."""
    rows = base
    if by is not None and len(base):
        level = BY_LEVEL[by]
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
        regrouped = Rows(
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
        rows = roll_up(regrouped, defs, with_label=True, row_order=base.order[base.label])
        achieve(rows, defs)
    return _table(rows, defs, people, team, config)


def _table(
    rows: Rows, defs: pd.DataFrame, people: pd.CategoricalDtype, team: bool, config: ScoringConfig
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
            "status": status_of(ach, defs["green"].to_numpy()[d], defs["amber"].to_numpy()[d]),
            "periods": periods.astype(np.int64),
        }
    )
    if team:
        out.insert(0, "person", _person(rows.person, people))
        return out
    return out.sort_values(["kpi", "period"], kind="stable").reset_index(drop=True)


def kpi_totals(
    base: Rows,
    defs: pd.DataFrame,
    people: pd.CategoricalDtype,
    person_card: np.ndarray,
    card_start: np.ndarray,
    card_count: np.ndarray,
    team: bool,
    config: ScoringConfig,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Per person and KPI over all periods, on the full grid (KPIs without actuals too)."""
    rolled = roll_up(base, defs, with_label=False)
    achieve(rolled, defs)
    # the grid: every person × every KPI of their scorecard
    counts = card_count[person_card]
    grid_person = np.repeat(np.arange(len(people.categories)), counts)
    offsets = np.arange(counts.sum()) - np.repeat(np.cumsum(counts) - counts, counts)
    grid_def = card_start[person_card][grid_person] + offsets
    grid_key = grid_person * len(defs) + grid_def
    have_key = rolled.person * len(defs) + rolled.d
    pos = np.full(len(people.categories) * len(defs), -1, dtype=np.int64)
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
    has_kra = pd.notna(defs["kra"]).to_numpy()[grid_def]
    kpi_w = defs["kpi_w"].to_numpy()[grid_def] * has_kra
    # renormalise KPI weights within each person's KRA over the KPIs that scored
    kra_key = _kra_keys(defs, person_card, grid_person, grid_def)
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
        },
        copy=False,
    )
    grid.attrs.update(  # attrs are deep-copied with each column read: shared, not copied
        kra_ids=defs["kra"].to_numpy().view(SharedArray),
        kra_titles=defs["kra_title"].to_numpy().view(SharedArray),
        kra_w=defs["kra_w"].to_numpy().view(SharedArray),
    )
    sum_agg = defs["agg"].to_numpy()[grid_def] == SUM
    target = np.where(found, pick(rolled.target), defs["target"].to_numpy()[grid_def])
    scale = np.where(sum_agg, units, 1.0)  # KPI periods covered, for sums
    grid["scale"] = scale
    baseline = defs["baseline"].to_numpy()[grid_def] * scale
    totals = pd.DataFrame(
        {
            "kra": _categorical(defs, "kra", grid_def),
            "kpi": _categorical(defs, "kpi", grid_def),
            "metric": _take(defs, "metric", grid_def),
            "unit": _take(defs, "unit", grid_def),
            "periods": pick(rolled.periods, 0.0).astype("int64"),
            "actual": pick(rolled.value),
            "target": target,
            "baseline": baseline,
            "achievement": ach,
            "status": status_of(
                ach, defs["green"].to_numpy()[grid_def], defs["amber"].to_numpy()[grid_def]
            ),
            "rule": _take(defs, "rule", grid_def),
            "agreed_weight": kpi_w * 100.0,
            "green": defs["green"].to_numpy()[grid_def],
            "amber": defs["amber"].to_numpy()[grid_def],
        },
        copy=False,  # fresh arrays, kept as they are (no copy into one block)
    )
    if team:
        totals.insert(0, "person", _person(grid_person, people))
    return totals, grid


def _take(defs: pd.DataFrame, col: str, rows: np.ndarray) -> pd.api.extensions.ExtensionArray:
    """A column of the definitions, taken per row in its own dtype (text is not re-checked)."""
    return defs[col].array.take(rows)


def _categorical(defs: pd.DataFrame, col: str, rows: np.ndarray) -> pd.Categorical:
    """A column of the definitions, taken per row as a categorical (no per-row strings)."""
    codes, uniques = pd.factorize(defs[col], use_na_sentinel=True)
    return pd.Categorical.from_codes(codes[rows], categories=pd.Index(uniques))


def _person(codes: np.ndarray, people: pd.CategoricalDtype) -> pd.Categorical:
    """The person column: codes into the people scored (checked once, in their dtype)."""
    return pd.Categorical.from_codes(codes, dtype=people, validate=False)


def _kra_index(defs: pd.DataFrame) -> np.ndarray:
    key = defs["card"].astype(str) + "\x1f" + defs["kra"].fillna("\x00").astype(str)
    return pd.factorize(key)[0]


def _kra_keys(
    defs: pd.DataFrame, person_card: np.ndarray, grid_person: np.ndarray, grid_def: np.ndarray
) -> np.ndarray:
    """Each grid row's (person, KRA) group, numbered in the order the grid first meets them.

    The definitions list card after card, so each card's KRAs are consecutive numbers of
    :func:`_kra_index`, in the order its KPIs name them: a person's groups are then the
    groups of everyone before them plus their KRA's place on their own card (no hashing).
    """
    kra, card = _kra_index(defs), defs["card"].to_numpy()
    n_cards = int(person_card.max()) + 1 if len(person_card) else 0
    kra_card = np.zeros(kra.max() + 1 if len(kra) else 0, dtype=np.int64)
    kra_card[kra] = card
    per_card = np.bincount(kra_card, minlength=n_cards)  # KRAs on each card
    local = kra - (np.cumsum(per_card) - per_card)[card]  # a KRA's place on its card
    per_person = per_card[person_card]
    before = np.cumsum(per_person) - per_person  # groups of the people before each person
    return before[grid_person] + local[grid_def]


def kras_overall(
    totals: pd.DataFrame,
    grid: pd.DataFrame,
    people: pd.CategoricalDtype,
    team: bool,
    manager_rating: Any,
    config: ScoringConfig,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Per person and KRA, then per person overall: scores, shares, rating and band."""
    n_people = len(people.categories)
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
    person_w = np.bincount(kra_person, weights=w_scored, minlength=n_people)
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
        kras.insert(0, "person", _person(kra_person, people))
    kras = kras[real & pd.notna(kras["kra"]).to_numpy()].reset_index(drop=True)

    kpi_score = np.bincount(kra_person, weights=contribution, minlength=n_people)
    kpi_score = np.where(person_w > 0, kpi_score, np.nan)
    total_w = np.bincount(kra_person, weights=kra_w, minlength=n_people)
    coverage = np.where(total_w > 0, person_w / np.where(total_w > 0, total_w, 1), 0.0) * 100
    rating = _ratings(manager_rating, people.categories, team)
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
            "rating": pd.arrays.IntegerArray(
                np.where(valid, numbers[np.maximum(idx, 0)], 0).astype("int64"), ~valid
            ),
            "band": np.where(valid, names[np.maximum(idx, 0)], None),
            "coverage": coverage,
        }
    )
    if team:
        overall.insert(0, "person", _person(np.arange(n_people), people))
    return kras, overall


def _defs_col(grid: pd.DataFrame, col: str, rows: np.ndarray) -> np.ndarray:
    return grid.attrs[col][grid["def"].to_numpy()[rows]]


def _ratings(manager_rating: Any, people: pd.Index, team: bool) -> np.ndarray:
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
