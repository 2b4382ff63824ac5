"""Actuals in: any accepted form read into a checked frame, then located as codes.

A DataFrame, a list of :class:`~krakit.model.Actual`, a CSV/XLSX path or the scorecard's own
actuals become one frame whose text columns are categoricals (hashed once); :func:`locate` then
finds each actual's person, KPI definition and period without a loop over rows, and names the
first row that is wrong.
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping, Sequence
from os import PathLike
from typing import Any, NamedTuple

import numpy as np
import pandas as pd
from pydantic import ValidationError

from krakit.actuals import (
    check_finite,
    coerce_values,
    frame_of,
    read_actuals,
    unknown_kpi,
    unknown_person,
)
from krakit.errors import InputError, KrakitError, KrakitWarning, ScorecardError
from krakit.model import (
    Actual,
    Scorecard,
    ScoringConfig,
)
from krakit.periods import FISCAL_START, canonical, parse_period
from krakit.scoring.codes import factorize_cells

__all__ = ["Located", "codes_of", "locate", "read_frame"]


def read_frame(
    actuals: Any, cards: Scorecard | Mapping[str, Scorecard], team: bool
) -> pd.DataFrame:
    if actuals is None:
        if team:
            raise InputError("team scoring needs an actuals frame with a 'person' column")
        return _own_actuals(frame_of(cards.actuals))  # type: ignore[union-attr]
    if isinstance(actuals, str | PathLike):
        frame = read_actuals(actuals, scorecard=cards)
        return frame if team else _holders_rows(frame, cards, actuals)  # type: ignore[arg-type]
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
        if not team:
            frame = _holders_rows(frame, cards, None)  # type: ignore[arg-type]
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


def _holders_rows(
    frame: pd.DataFrame, card: Scorecard, path: str | PathLike[str] | None
) -> pd.DataFrame:
    """One scorecard's actuals from a frame naming several people (``krakit actuals
    --everyone``): the rows of the card's holder, with a warning naming the people left out.

    Raises
    ------
    InputError
        Several people and a card with no holder, or no row of the holder's.
    """
    if "person" not in frame.columns:
        return frame
    people = [str(p) for p in pd.unique(frame["person"].dropna())]
    if len(people) < 2:
        return frame
    where = f"{path}: " if path is not None else ""
    team = "score a team with a mapping person → scorecard (score(dict.fromkeys(people, card), "
    team += "frame))"
    holder = (card.holder or "").strip()
    if not holder:
        raise InputError(
            f"these actuals are for several people ({', '.join(people[:6])}); give the card a "
            f"holder to score that person's rows, or {team}",
            path=path,
            field="person",
        )
    own = [p for p in people if p.strip().casefold() == holder.casefold()]
    if not own:
        raise InputError(
            f"these actuals are for {', '.join(people[:6])}, not this card's holder "
            f"'{holder}'; correct the holder or the names, or {team}",
            path=path,
            field="person",
            value=people[0],
        )
    others = [p for p in people if p not in own]
    warnings.warn(
        f"{where}the actuals name {len(people)} people; scoring the rows of the card's holder "
        f"'{holder}' and leaving out those of {', '.join(others[:6])}"
        + (f" and {len(others) - 6} more" if len(others) > 6 else ""),
        KrakitWarning,
        stacklevel=4,
    )
    return frame[frame["person"].astype(str).isin(own).to_numpy()]


def _own_actuals(frame: pd.DataFrame) -> pd.DataFrame:
    """A scorecard's own actuals, refusing infinite or absurdly large values by position."""
    try:
        check_finite(frame["value"])
    except InputError as exc:
        i = list(frame.index).index(exc.row)
        raise ScorecardError(exc.reason, field=f"actuals[{i}].value", value=exc.value) from None
    return frame


def codes_of(values: pd.Series) -> tuple[np.ndarray, pd.Index]:
    """Integer codes of a column's cells (-1 where empty) and its distinct values, in the
    order they first appear. Text is hashed once per distinct text, not once per cell
    (:func:`~krakit.scoring.codes.factorize_cells`)."""
    if isinstance(values.dtype, pd.CategoricalDtype):
        return values.cat.codes.to_numpy(), values.cat.categories
    if values.dtype == object or pd.api.types.is_string_dtype(values.dtype):
        return factorize_cells(values.to_numpy(dtype=object))
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    return codes, pd.Index(uniques)


def _coded(column: pd.Series) -> pd.Series:
    """A column of text as a categorical (see :func:`codes_of`): the text is hashed once, here,
    and scoring then works on integer codes. Any other column is returned as it is."""
    if isinstance(column.dtype, pd.CategoricalDtype):
        return column
    text = column.dtype != object and pd.api.types.is_string_dtype(column.dtype)
    if not text and not (
        column.dtype == object and pd.api.types.infer_dtype(column, skipna=True) == "string"
    ):
        return column
    codes, uniques = codes_of(column)
    return pd.Series(
        pd.Categorical.from_codes(codes, uniques), index=column.index, name=column.name
    )


def _label_codes(column: pd.Series) -> tuple[np.ndarray, pd.Index]:
    """:func:`codes_of` a column of names (people, periods), read as text unless categorical."""
    return codes_of(column if isinstance(column.dtype, pd.CategoricalDtype) else column.astype(str))


def _one_label_per_period(codes: np.ndarray, names: pd.Index) -> tuple[np.ndarray, pd.Index]:
    """Period codes and names with each period named one way (:func:`krakit.periods.canonical`):
    'Apr-26', 'April 2026' and '2026-04' are one month, so they roll up and count as one. A
    name krakit cannot read is kept as it is, for the error that names it."""
    written = [str(name) for name in names]
    labels = [_canonical(name) for name in written]
    if labels == written:
        return codes, names
    new_codes, uniques = pd.factorize(np.array(labels, dtype=object))
    return np.where(codes >= 0, new_codes[np.maximum(codes, 0)], -1), pd.Index(uniques)


def _canonical(name: str) -> str:
    try:
        return canonical(name)
    except KrakitError:
        return name


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


class Located(NamedTuple):
    """Each actual as codes: its person, KPI definition row and period, and its value."""

    person: np.ndarray  # index into the people scored
    d: np.ndarray  # row of the KPI definitions table
    period: np.ndarray  # index into ``names``
    value: np.ndarray
    spans: list[Any]  # per period name: the span it covers
    names: pd.Index  # the periods as entered
    fiscal: int  # the month the fiscal year begins


def locate(
    frame: pd.DataFrame,
    defs: pd.DataFrame,
    people: list[str],
    person_card: np.ndarray,
    team: bool,
    config: ScoringConfig,
) -> Located:
    """Find each actual's person, KPI definition and period (codes, no row loop).

    Raises
    ------
    InputError
        An actual names an unknown person, KPI or period, or repeats a KPI and period.
    """
    n_def = len(defs)
    if n_def == 0 and len(frame):
        raise unknown_kpi(frame["kpi"].iloc[0], (), row=_row_name(frame, 0))
    n_cards = int(person_card.max()) + 1
    kpi_ids = pd.Index(defs["kpi"].unique())

    # ---- locate each actual's person, KPI definition and period (codes, no row loop)
    values = frame["value"].to_numpy(dtype="float64", na_value=np.nan)
    kpi_codes, kpi_names = codes_of(frame["kpi"])
    kpi_map = kpi_ids.get_indexer(kpi_names)
    def_card, def_kpi = defs["card"].to_numpy(), kpi_ids.get_indexer(defs["kpi"])
    if team:
        p_codes, p_names = _label_codes(frame["person"])
        p_map = pd.Index(people).get_indexer(pd.Index(p_names).astype(str))
        if (p_map < 0).any():
            name = p_names[int(np.flatnonzero(p_map < 0)[0])]
            i = int(np.flatnonzero(p_codes == pd.Index(p_names).get_loc(name))[0])
            raise unknown_person(name, people, row=_row_name(frame, i))
        person = p_map.astype(np.int32)[p_codes]  # int32 codes: half the memory per row
    else:
        person = np.zeros(len(frame), dtype=np.int32)
    if (kpi_codes < 0).any():
        kpi_codes = np.where(kpi_codes >= 0, kpi_codes, len(kpi_names))  # NaN KPI → unknown
    kpi_map = np.append(kpi_map, -1)  # the code of a missing KPI
    if n_cards * len(kpi_ids) <= max(4 * n_def, 1 << 20):
        # defs row per (card, kpi id): a small dense table, then one gather per row
        table = np.full((n_cards, max(len(kpi_ids), 1)), -1, dtype=np.int64)
        table[def_card, def_kpi] = np.arange(n_def)
        code_to_def = np.where(kpi_map >= 0, table[:, np.maximum(kpi_map, 0)], -1)
        code_to_def = code_to_def.astype(np.int32)
        if n_cards == 1:  # everyone shares one scorecard
            def_row = code_to_def[0][kpi_codes]
        else:
            def_row = code_to_def.ravel()[person_card[person] * code_to_def.shape[1] + kpi_codes]
    else:
        # many cards with their own KPIs (a whole organisation): a dense table would grow
        # with cards × KPIs; look each (card, KPI) up in the sorted keys instead (linear)
        width = np.int64(len(kpi_ids))
        def_keys = def_card.astype(np.int64) * width + def_kpi
        order = np.argsort(def_keys, kind="stable")
        sorted_keys = def_keys[order]
        row_kpi = kpi_map[kpi_codes]
        row_keys = person_card[person].astype(np.int64) * width + row_kpi
        at = np.minimum(np.searchsorted(sorted_keys, row_keys), len(sorted_keys) - 1)
        found = (row_kpi >= 0) & (sorted_keys[at] == row_keys)
        def_row = np.where(found, order[at], -1).astype(np.int32)
    if (def_row < 0).any():
        i = int(np.flatnonzero(def_row < 0)[0])
        card = defs["card"].to_numpy() == person_card[person[i]]
        raise unknown_kpi(
            frame["kpi"].iloc[i],
            defs["kpi"].to_numpy()[card].tolist(),
            people[person[i]] if team else None,
            row=_row_name(frame, i),
        )
    per_codes, per_names = _one_label_per_period(*_label_codes(frame["period"]))
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
    key = np.multiply(person, n_def, dtype=np.int64)
    key += def_row
    key *= len(per_names)
    key += per_codes
    space = len(people) * n_def * len(per_names)
    if len(key) < 2 or np.all(key[1:] > key[:-1]):
        twice = False  # rows in key order, none repeated (a sheet's usual layout)
    elif space <= max(4 * len(key), 1 << 21):
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
    return Located(person, def_row, per_codes, values, spans, per_names, fiscal)
