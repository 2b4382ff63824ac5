"""The scorecard model: goals, KRAs, KPIs and actuals, as typed pydantic models.

The model is the documentation of the file format: every field has a type, a default and a
description, and ``krakit/schema/scorecard.schema.json`` is generated from it
(``python -m krakit.model`` rewrites it; a test keeps it in step).

Ids are stable slugs (``conversion-rate``) so that files diff well; a missing id is made from
the title or statement. Structural rules (types, unique ids, references between parts) are
enforced here and raise :class:`~krakit.errors.ScorecardError` with the path of the field in
words (``kras[sales].kpis[conversion-rate].target``). Judgement calls about a draft (a vague
KPI, weights that do not add up) belong to the checker, not to the model.

The parts it is made of have modules of their own, each re-exported here: ids
(:mod:`krakit.slugs`), the closed choices (:mod:`krakit.model_choices`), the scoring section
(:mod:`krakit.model_scoring`), the shared base (:mod:`krakit.model_base`) and the errors in
words (:mod:`krakit.model_errors`).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Annotated, Any, Self

from pydantic import (
    BeforeValidator,
    Field,
    PrivateAttr,
    ValidationError,
    WithJsonSchema,
    field_validator,
    model_validator,
)

from krakit.errors import KrakitError, ScorecardError
from krakit.metrics.definition import Definition
from krakit.model_base import ModelBase as _Model
from krakit.model_base import require_unique as _unique
from krakit.model_choices import (
    Aggregation,
    Frequency,
    Indicator,
    Kind,
    KPIType,
    Polarity,
    TargetType,
    WeightMode,
)
from krakit.model_errors import scorecard_error, where
from krakit.model_scoring import Band, ScoringConfig, Slab, Thresholds
from krakit.slugs import Slug, slugify

__all__ = [
    "KPI",
    "KRA",
    "SCHEMA_VERSION",
    "Actual",
    "Aggregation",
    "Band",
    "Frequency",
    "Goal",
    "Ignore",
    "Indicator",
    "KPIType",
    "Kind",
    "Polarity",
    "Role",
    "Scorecard",
    "ScoringConfig",
    "Slab",
    "TargetType",
    "Thresholds",
    "WeightMode",
    "json_schema",
    "slugify",
    "validate_scorecard",
    "where",
]

SCHEMA_VERSION = 2  # krakit.migration upgrades older files; its CURRENT is the same number
SCHEMA_PATH = Path(__file__).with_name("schema") / "scorecard.schema.json"


def _ignore_map(value: Any) -> Any:
    """Read an ignore list or mapping as ``{CODE: reason}``: codes upper-cased and stripped,
    blank codes dropped, a list of codes read as codes with no reason."""
    if value is None:
        return {}
    if isinstance(value, list | tuple):
        if not all(isinstance(code, str) for code in value):
            raise ValueError("expected rule codes such as 'T001', or a mapping code: reason")
        value = {code: "" for code in value}
    if not isinstance(value, Mapping):
        return value  # pydantic says what it expected
    out: dict[Any, Any] = {}
    for code, reason in value.items():
        key = code.strip().upper() if isinstance(code, str) else code
        if key == "":
            continue
        why = "" if reason is None else reason
        why = why.strip() if isinstance(why, str) else why
        old = out.get(key)
        if isinstance(old, str) and old and isinstance(why, str):
            why = old if not why or why == old else f"{old}; {why}"
        out[key] = why
    return out


Ignore = Annotated[
    dict[str, Annotated[str, Field(max_length=2000)]],
    BeforeValidator(_ignore_map),
    WithJsonSchema(
        {
            "anyOf": [
                {
                    "type": "object",
                    "additionalProperties": {"type": "string", "maxLength": 2000},
                },
                {"type": "array", "items": {"type": "string"}},
            ]
        }
    ),
]
"""Checker codes (or prefixes) switched off, each with the reason why (format 2).

Written ``ignore: {M001: agreed with finance}``; a list of codes (``ignore: [M001]``) is
read too, with empty reasons."""

Deadline = Annotated[
    dt.date | str,
    Field(union_mode="left_to_right"),
]


class KPI(_Model):
    """A Key Performance Indicator: something measured, with a target and a timeframe."""

    id: Slug = Field(description="Stable id, made from the metric or statement if omitted.")
    statement: str = Field("", max_length=2000, description="The KPI as the manager wrote it.")
    metric: str | None = Field(None, max_length=300, description="The indicator measured.")
    unit: str | None = Field(
        None,
        max_length=40,
        description="'%', an ISO 4217 currency code (INR, USD...), 'days', 'hours', 'count', "
        "or the unit noun ('calls').",
    )
    polarity: Polarity = Field(Polarity.HIGHER_IS_BETTER, description="Which way is good.")
    target_type: TargetType = Field(TargetType.RATIO, description="How the target is scored.")
    baseline: float | None = Field(None, description="Where the metric stands today.")
    target: float | None = Field(None, description="The value to reach (not for in_range).")
    target_low: float | None = Field(None, description="Lower end of an in_range band.")
    target_high: float | None = Field(None, description="Upper end of an in_range band.")
    slabs: list[Slab] | None = Field(
        None,
        max_length=50,
        description="For target_type slab: points by % of target achieved, 'at' increasing; "
        "below the first slab the KPI scores 0.",
    )
    thresholds: Thresholds | None = Field(
        None, description="Status thresholds; the scorecard default when omitted."
    )
    frequency: Frequency | None = Field(None, description="How often it is measured.")
    deadline: Deadline | None = Field(
        None, description="A date (2026-03-31) or a label ('Q2 2026', 'FY2025-26')."
    )
    data_source: str | None = Field(
        None, max_length=300, description="Where the numbers come from."
    )
    definition: Definition | None = Field(
        None,
        description="How the actual is computed from raw data (source, agg, expr, filter, "
        "time, person; a ratio; or a ref to metrics.yaml); typed in or imported when omitted.",
    )
    owner: str | None = Field(None, max_length=200, description="Who is accountable.")
    type: KPIType = Field(KPIType.QUANTITATIVE, description="Quantitative or qualitative.")
    indicator: Indicator | None = Field(None, description="Leading or lagging.")
    weight: float | None = Field(
        None, ge=0, le=100, description="Weight within its KRA; equal shares when omitted."
    )
    aggregation: Aggregation | None = Field(
        None, description="How periods roll up; inferred from the unit when omitted."
    )
    last_reviewed: dt.date | None = Field(None, description="When the KPI was last reviewed.")
    ignore: Ignore = Field(
        default_factory=dict,
        description="Checker codes (or prefixes) switched off here, each mapped to the reason "
        "why (a list of codes is read as codes with no reason).",
    )
    note: str | None = Field(None, max_length=2000, description="Free text.")

    @model_validator(mode="before")
    @classmethod
    def _make_id(cls, data: Any) -> Any:
        if isinstance(data, Mapping) and not data.get("id"):
            data = dict(data)
            source = data.get("metric") or data.get("statement") or ""
            data["id"] = slugify(str(source), fallback="kpi")
        return data

    @model_validator(mode="after")
    def _check_range(self) -> Self:
        low, high = self.target_low, self.target_high
        if low is not None and high is not None and low > high:
            raise ValueError(f"target_low ({low:g}) is above target_high ({high:g})")
        return self

    @model_validator(mode="after")
    def _check_slabs(self) -> Self:
        if self.target_type is TargetType.SLAB and not self.slabs:
            raise ValueError(
                f"KPI '{self.id}' is scored by slabs but lists none: add 'slabs', e.g. "
                "[{at: 80, points: 50}, {at: 100, points: 100}], or choose another target_type"
            )
        if self.slabs is not None and not self.slabs:
            raise ValueError(f"KPI '{self.id}' has an empty 'slabs' list: list at least one slab")
        for before, after in zip(self.slabs or (), (self.slabs or ())[1:], strict=False):
            if after.at <= before.at:
                raise ValueError(
                    f"KPI '{self.id}': slab 'at' values must increase, but {after.at:g}% comes "
                    f"after {before.at:g}%: list the slabs from the lowest % of target up"
                )
        return self


class Goal(_Model):
    """An organisational or business goal that KRAs align to."""

    id: Slug
    title: str = Field(min_length=1, max_length=300)
    description: str | None = Field(None, max_length=2000)

    @model_validator(mode="before")
    @classmethod
    def _make_id(cls, data: Any) -> Any:
        if isinstance(data, Mapping) and not data.get("id"):
            data = {**data, "id": slugify(str(data.get("title") or ""), fallback="goal")}
        return data


class KRA(_Model):
    """A Key Result Area: a zone of responsibility (direction, not numbers)."""

    id: Slug
    title: str = Field(min_length=1, max_length=300)
    description: str | None = Field(None, max_length=2000)
    kind: Kind = Field(Kind.FUNCTIONAL)
    weight: float | None = Field(None, ge=0, le=100, description="Share of the role.")
    goals: list[Slug] = Field(
        default_factory=list,
        description="Ids of the goals it serves: this scorecard's own goals or the ids of a "
        "shared goal tree (goals.yaml, see krakit.goals).",
    )
    kpis: list[KPI] = Field(default_factory=list)
    ignore: Ignore = Field(
        default_factory=dict,
        description="Checker codes (or prefixes) switched off for this KRA and its KPIs, "
        "each mapped to the reason why.",
    )

    @model_validator(mode="before")
    @classmethod
    def _make_id(cls, data: Any) -> Any:
        if isinstance(data, Mapping) and not data.get("id"):
            data = {**data, "id": slugify(str(data.get("title") or ""), fallback="kra")}
        return data


class Role(_Model):
    """The role a scorecard describes."""

    title: str = Field(min_length=1, max_length=200)
    function: str | None = Field(None, max_length=100, description="e.g. sales, hr, finance.")
    region: str | None = Field(None, max_length=100, description="e.g. India, US, EU, UK.")
    note: str | None = Field(None, max_length=4000, description="Why these KRAs.")


class Actual(_Model):
    """One measured value of a KPI for one period."""

    kpi: Slug = Field(description="Id of the KPI measured.")
    period: str = Field(
        min_length=1,
        max_length=20,
        description="'2026-01' (month), '2026-Q1', '2026-H1', '2026', or '2026-W05' / a date.",
    )
    value: float | None = Field(None, description="The measured value; milestones use 1 or 0.")
    note: str | None = Field(None, max_length=2000)

    @field_validator("period", mode="before")
    @classmethod
    def _period_text(cls, value: Any) -> Any:
        if isinstance(value, dt.date):
            return value.isoformat()
        if isinstance(value, int):
            return str(value)
        if isinstance(value, str):  # one label per period: 'Apr-26' and 'April 2026' are '2026-04'
            from krakit.periods import canonical

            try:
                return canonical(value)
            except KrakitError:
                return value  # kept as typed; scoring names the label it cannot read
        return value


class Scorecard(_Model):
    """A role's scorecard: goals, KRAs with their KPIs, and the actuals entered so far."""

    schema_version: int = Field(
        SCHEMA_VERSION,
        ge=1,
        le=SCHEMA_VERSION,
        description="File format version; files in an older format are upgraded as they are "
        "read (see krakit.migration), files from a newer krakit are refused.",
    )
    role: Role
    holder: str | None = Field(None, max_length=200, description="Person or team, optional.")
    period: str | None = Field(None, max_length=40, description="e.g. 'FY2025-26' or '2026'.")
    weights: WeightMode = Field(WeightMode.PERCENT, description="How weights are read.")
    scoring: ScoringConfig | None = Field(
        None, description="Cap, thresholds, rating bands and mix; the defaults when omitted."
    )
    goals: list[Goal] = Field(default_factory=list)
    kras: list[KRA] = Field(default_factory=list)
    unassigned_kpis: list[KPI] = Field(
        default_factory=list, description="KPIs drafted but not yet linked to a KRA."
    )
    actuals: list[Actual] = Field(default_factory=list)
    ignore: Ignore = Field(
        default_factory=dict,
        description="Checker codes (or prefixes) switched off everywhere, each mapped to the "
        "reason why.",
    )
    created: dt.datetime | None = Field(None, description="When first saved (UTC).")
    updated: dt.datetime | None = Field(None, description="When last saved (UTC).")

    # The file this scorecard was last read from or written to, and its SHA-256, so a save
    # can tell whether someone else changed the file in between (see krakit.store).
    _origin: tuple[Path, str] | None = PrivateAttr(None)

    @model_validator(mode="before")
    @classmethod
    def _upgrade(cls, data: Any) -> Any:
        """Data in an older format is upgraded first (:mod:`krakit.migration`)."""
        if isinstance(data, Mapping) and data.get("schema_version", SCHEMA_VERSION) != (
            SCHEMA_VERSION
        ):
            from krakit.migration import migrate

            return migrate(data)
        return data

    @field_validator("schema_version")
    @classmethod
    def _known_version(cls, version: int) -> int:
        if version != SCHEMA_VERSION:  # only by assignment: data is upgraded first
            raise ValueError(
                f"a scorecard in memory is always format {SCHEMA_VERSION}, got {version}"
            )
        return version

    @model_validator(mode="after")
    def _check_references(self) -> Self:
        _unique("goals", [g.id for g in self.goals])
        _unique("kras", [k.id for k in self.kras])
        _unique("kpis", [kpi.id for kpi in self.all_kpis()])
        # A KRA's goal ids may name this card's own goals or a shared goal tree
        # (krakit.goals); an id found in neither is a checker finding (G001), not an error.
        return self

    def all_kpis(self) -> list[KPI]:
        """Every KPI, those under KRAs first, then the unassigned ones."""
        return [kpi for kra in self.kras for kpi in kra.kpis] + list(self.unassigned_kpis)

    def kpi(self, kpi_id: str) -> KPI:
        """Return the KPI with this id (``KeyError`` if there is none)."""
        for kpi in self.all_kpis():
            if kpi.id == kpi_id:
                return kpi
        raise KeyError(kpi_id)

    def kra(self, kra_id: str) -> KRA:
        """Return the KRA with this id (``KeyError`` if there is none)."""
        for kra in self.kras:
            if kra.id == kra_id:
                return kra
        raise KeyError(kra_id)

    def kra_of(self, kpi_id: str) -> KRA | None:
        """Return the KRA a KPI sits under, or None if it is unassigned."""
        for kra in self.kras:
            if any(kpi.id == kpi_id for kpi in kra.kpis):
                return kra
        return None


def validate_scorecard(data: Any, *, path: str | Path | None = None) -> Scorecard:
    """Build a :class:`Scorecard` from plain data, raising :class:`ScorecardError` in words.

    Data in an older file format is upgraded first (:func:`krakit.migration.migrate`); data
    from a newer krakit is refused. Only the first problem is raised, with every problem
    listed in the message.
    """
    if not isinstance(data, Mapping):
        raise ScorecardError(
            f"expected a scorecard (a mapping with 'role' and 'kras'), got {type(data).__name__}",
            path=path,
        )
    from krakit.migration import migrate

    data = migrate(data, path=path)
    try:
        return Scorecard.model_validate(data)
    except ValidationError as exc:
        raise scorecard_error(exc, data, path) from exc


def json_schema() -> dict[str, Any]:
    """The JSON Schema of the scorecard file format."""
    schema = Scorecard.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "krakit scorecard"
    return schema


def _write_schema() -> Path:
    SCHEMA_PATH.parent.mkdir(exist_ok=True)
    SCHEMA_PATH.write_text(json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n")
    return SCHEMA_PATH


if __name__ == "__main__":
    print(_write_schema())
