"""How a KPI is computed from raw data: a declarative definition in MetricFlow's vocabulary.

A :class:`Definition` is one of three shapes, written under a KPI's ``definition`` key or
under a name in a shared ``metrics.yaml`` (:mod:`krakit.metrics.library`)::

    definition:                        # a measure: one aggregation over one source
      source: requisitions             # a named data set (a table, CSV, Parquet or frame)
      agg: median                      # count, count_distinct, sum, average, median,
      expr: "date_diff('day', approved_at, offer_accepted_at)"   # percentile (+ p), min, max
      filter: "not is_internal"        # an SQL condition over the source's columns
      time: offer_accepted_at          # the column that places a row in a period
      person: recruiter                # the column that says whose row it is

    definition:                        # a ratio of two measures (accepted / made)
      ratio:
        numerator:   {source: offers, agg: count, filter: "status = 'accepted'", time: offered_at}
        denominator: {source: offers, agg: count, time: offered_at}
      scale: 100                       # shown in %

    definition: {ref: revenue}         # a named definition in a shared metrics.yaml

Grain follows the KPI's frequency (``grain`` overrides it). ``expr`` and ``filter`` are SQL
*expressions* only; :mod:`krakit.metrics.guard` refuses anything else before any SQL runs.
These models only check the shape; computing is :func:`krakit.metrics.compute_actuals`.
"""

from __future__ import annotations

import hashlib
import json
from enum import StrEnum
from typing import Annotated, Any, Literal, Self

from pydantic import BaseModel, ConfigDict, Field, model_validator

__all__ = ["Agg", "Definition", "Grain", "Measure", "Ratio", "definition_version"]

Grain = Literal["daily", "weekly", "monthly", "quarterly", "annual"]
"""A period length, as :class:`krakit.model.Frequency` spells it (kept apart: no import cycle)."""

_NAME = r"^[A-Za-z_][A-Za-z0-9_]*$"
Name = Annotated[
    str,
    Field(
        pattern=_NAME,
        max_length=63,
        description="An SQL name: a letter or '_', then letters, digits or '_'.",
    ),
]
"""A source or column name (no quoting needed in any warehouse)."""

Column = Annotated[
    str,
    Field(
        pattern=r'^[^\x00-\x1f"`]+$',
        max_length=120,
        description="A column of the source, as its header spells it (spaces allowed: "
        "'filled on'); no quotes or control characters.",
    ),
]
"""A column name as the data has it (quoted as an identifier wherever it enters SQL)."""

RefName = Annotated[
    str,
    Field(
        pattern=r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$",
        max_length=80,
        description="The name of a definition in metrics.yaml (lowercase, '-' or '_').",
    ),
]


class Agg(StrEnum):
    """How a measure aggregates its rows (MetricFlow's ``agg``)."""

    COUNT = "count"
    COUNT_DISTINCT = "count_distinct"
    SUM = "sum"
    AVERAGE = "average"
    MEDIAN = "median"
    PERCENTILE = "percentile"
    MIN = "min"
    MAX = "max"

    @property
    def additive(self) -> bool:
        """True if the values of two periods add up to the value of both (count, sum).

        A median, percentile, distinct count, average, min or max of a quarter must be
        recomputed from the rows, never from the months' values.
        """
        return self in (Agg.COUNT, Agg.SUM)


class _Model(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        validate_assignment=True,
        str_strip_whitespace=True,
        defer_build=True,  # built when first used (krakit.model imports these at start)
    )


class Measure(_Model):
    """One aggregation over one source: ``agg(expr)`` of the rows passing ``filter``."""

    source: Name = Field(description="The data set the rows come from.")
    agg: Agg = Field(description="How the rows aggregate.")
    expr: str | None = Field(
        None,
        max_length=2000,
        description="An SQL expression over the source's columns (a column name will do); "
        "count without one counts rows.",
    )
    p: float | None = Field(
        None, gt=0, lt=1, description="For agg percentile: which one, 0.9 for the 90th."
    )
    filter: str | None = Field(
        None, max_length=2000, description="An SQL condition rows must meet to count."
    )
    time: Column | None = Field(
        None, description="The column (a date or time) that places a row in a period."
    )
    person: Column | None = Field(
        None, description="The column that says whose row it is (the scorecard's person)."
    )

    @model_validator(mode="after")
    def _needs(self) -> Self:
        if self.agg is not Agg.COUNT and not self.expr:
            raise ValueError(f"agg '{self.agg}' needs an 'expr' (the column or expression)")
        if self.agg is Agg.PERCENTILE and self.p is None:
            raise ValueError("agg 'percentile' needs 'p' (0.9 for the 90th percentile)")
        if self.agg is not Agg.PERCENTILE and self.p is not None:
            raise ValueError(f"'p' is for agg 'percentile' only, not '{self.agg}'")
        return self


class Ratio(_Model):
    """A ratio of two measures, per person and period: numerator / denominator."""

    numerator: Measure = Field(description="What is counted (accepted offers).")
    denominator: Measure | None = Field(
        None,
        description="What it is counted out of (offers made); the checker flags a ratio "
        "without one, and computing refuses it.",
    )


class Definition(_Model):
    """How a KPI's actual is computed: a measure, a ratio of two, or a ``ref`` to metrics.yaml.

    Examples
    --------
    >>> d = Definition.model_validate({"source": "offers", "agg": "count", "time": "made_at"})
    >>> d.kind
    'measure'
    >>> Definition(ref="revenue").kind
    'ref'
    """

    ref: RefName | None = Field(
        None, description="The name of a definition in a shared metrics.yaml; nothing else then."
    )
    source: Name | None = Field(None, description="The data set the rows come from.")
    agg: Agg | None = Field(None, description="How the rows aggregate.")
    expr: str | None = Field(
        None, max_length=2000, description="An SQL expression over the source's columns."
    )
    p: float | None = Field(None, gt=0, lt=1, description="For agg percentile: 0.9 = 90th.")
    filter: str | None = Field(
        None, max_length=2000, description="An SQL condition rows must meet to count."
    )
    time: Column | None = Field(None, description="The date/time column that places a row.")
    person: Column | None = Field(None, description="The column that says whose row it is.")
    ratio: Ratio | None = Field(None, description="numerator / denominator, per person, period.")
    scale: float | None = Field(
        None, gt=0, description="Multiply the value by this (100 for a ratio shown in %)."
    )
    grain: Grain | None = Field(
        None, description="The period it is computed over; the KPI's frequency when omitted."
    )
    description: str | None = Field(None, max_length=2000, description="What it means, in words.")

    @model_validator(mode="after")
    def _one_shape(self) -> Self:
        own = [
            k
            for k in ("source", "agg", "expr", "p", "filter", "time", "person")
            if getattr(self, k) is not None
        ]
        if self.ref is not None:
            extra = own + [k for k in ("ratio", "scale", "grain") if getattr(self, k) is not None]
            if extra:
                raise ValueError(
                    f"a definition with 'ref' takes nothing else, but also has '{extra[0]}': "
                    "change the named definition in metrics.yaml instead"
                )
            return self
        if self.ratio is not None:
            if own:
                raise ValueError(
                    f"a ratio definition has '{own[0]}' beside 'ratio': put it in the "
                    "numerator or denominator"
                )
            return self
        if self.source is None or self.agg is None:
            missing = "source" if self.source is None else "agg"
            raise ValueError(
                f"a definition needs '{missing}' (a measure: source and agg), a 'ratio', "
                "or a 'ref' to metrics.yaml"
            )
        self.measure()  # its own checks (expr for agg, p for percentile)
        return self

    @property
    def kind(self) -> str:
        """``'measure'``, ``'ratio'`` or ``'ref'``."""
        if self.ref is not None:
            return "ref"
        return "ratio" if self.ratio is not None else "measure"

    def measure(self) -> Measure:
        """This definition's measure (``ValueError`` for a ratio or a ref)."""
        if self.kind != "measure":
            raise ValueError(f"a {self.kind} definition has no single measure")
        return Measure.model_validate(
            self.model_dump(include={"source", "agg", "expr", "p", "filter", "time", "person"})
        )

    @property
    def additive(self) -> bool:
        """True if two periods' values add up to the value of both: a count or sum measure.

        A ratio, median, percentile, distinct count, average, min or max of a longer period
        must be computed from its rows (``compute_actuals(..., rollup=...)``).

        Examples
        --------
        >>> Definition(source="invoices", agg="sum", expr="amount", time="on").additive
        True
        >>> Definition(source="reqs", agg="median", expr="days", time="on").additive
        False
        """
        return self.kind == "measure" and self.measure().agg.additive

    def measures(self) -> list[Measure]:
        """Every measure it reads: one, or a ratio's numerator and denominator."""
        if self.ratio is not None:
            return [m for m in (self.ratio.numerator, self.ratio.denominator) if m is not None]
        return [] if self.ref is not None else [self.measure()]


def _normal_sql(text: str | None) -> str | None:
    """An expression in one spelling (case, spacing, quotes), so only meaning changes a hash."""
    if text is None:
        return None
    try:
        import sqlglot

        return sqlglot.parse_one(text, read="duckdb").sql(dialect="duckdb", normalize=True)
    except Exception:  # unparseable text is refused when computed; hash it as written
        return " ".join(text.split())


def definition_version(definition: Definition) -> str:
    """A short hash of the definition's normalised form: same meaning, same version.

    Spacing, keyword case and key order do not change it; a different filter, aggregation,
    source or column does.

    Examples
    --------
    >>> a = Definition(source="offers", agg="count", filter="status = 'accepted'", time="at")
    >>> b = Definition(source="offers", agg="count", filter="STATUS='accepted'", time="at")
    >>> definition_version(a) == definition_version(b), len(definition_version(a))
    (True, 12)
    """

    def normal(data: Any) -> Any:
        if isinstance(data, dict):
            return {
                k: _normal_sql(v) if k in ("expr", "filter") else normal(v)
                for k, v in sorted(data.items())
                if v is not None and k != "description"
            }
        return data

    text = json.dumps(normal(definition.model_dump(mode="json")), sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()[:12]
