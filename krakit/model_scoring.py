"""The scoring section of the file format: cap, status thresholds, slabs and rating bands.

Examples
--------
>>> [band.rating for band in ScoringConfig().bands]
[5, 4, 3, 2, 1]
"""

from __future__ import annotations

from typing import Self

from pydantic import Field, field_validator, model_validator

from krakit.model_base import ModelBase as _Model
from krakit.model_base import require_unique as _unique

__all__ = ["Band", "ScoringConfig", "Slab", "Thresholds"]


class Thresholds(_Model):
    """Achievement (percent of target) at or above which a KPI shows green or amber."""

    green: float = Field(100.0, ge=0, le=1000, description="Green at or above this achievement %.")
    amber: float = Field(80.0, ge=0, le=1000, description="Amber at or above this achievement %.")

    @model_validator(mode="after")
    def _amber_below_green(self) -> Self:
        if self.amber > self.green:
            raise ValueError(f"amber ({self.amber:g}%) must not be above green ({self.green:g}%)")
        return self


class Slab(_Model):
    """One step of a slab KPI: from ``at`` % of target achieved, the KPI scores ``points``.

    Below the first slab a slab KPI scores 0 points.
    """

    at: float = Field(ge=0, le=10000, description="% of target achieved where this slab starts.")
    points: float = Field(ge=0, le=1000, description="Points scored from this slab up.")


class Band(_Model):
    """A rating band: an overall score at or above ``min`` earns this rating and name."""

    rating: int = Field(ge=0, le=100, description="The rating number (e.g. 1 to 5).")
    name: str = Field(min_length=1, max_length=100, description="e.g. 'Meets expectations'.")
    min: float = Field(ge=0, le=1000, description="Lowest overall score (%) in this band.")


def _default_bands() -> list[Band]:
    return [
        Band(rating=5, name="Outstanding", min=115),
        Band(rating=4, name="Exceeds expectations", min=105),
        Band(rating=3, name="Meets expectations", min=90),
        Band(rating=2, name="Needs improvement", min=70),
        Band(rating=1, name="Unsatisfactory", min=0),
    ]


class ScoringConfig(_Model):
    """How a scorecard is scored: cap, default thresholds, rating bands and the overall mix.

    Every field has a default, so a scorecard without a ``scoring`` section scores the same
    way everywhere (see the README's scoring section).
    """

    cap: float = Field(
        120.0, ge=100, le=1000, description="Highest achievement a KPI can score (%)."
    )
    thresholds: Thresholds = Field(
        default_factory=Thresholds, description="Status thresholds for KPIs that set none."
    )
    bands: list[Band] = Field(
        default_factory=_default_bands, min_length=1, description="Rating bands, any order."
    )
    kpi_share: float = Field(
        80.0,
        ge=0,
        le=100,
        description="Share (%) of the overall score from KPIs; the rest is the manager rating. "
        "Without a manager rating the KPIs count 100%.",
    )
    fiscal_year_start: int | None = Field(
        None,
        ge=1,
        le=12,
        description="Month the fiscal year begins (4 = April, as in India; 7 = July, as in "
        "Australia; 10 = October, US federal); quarters, halves and years roll up on it, and the "
        "checker reads 'FY27' and 'Q1 FY27' deadlines and the scorecard's period on it. None: "
        "April if actuals use 'FY2026-27' labels, else January (the checker: April).",
    )

    @field_validator("bands")
    @classmethod
    def _bands_cover_zero(cls, bands: list[Band]) -> list[Band]:
        bands = sorted(bands, key=lambda band: band.min, reverse=True)
        if bands[-1].min != 0:
            raise ValueError("the lowest rating band must start at 0 so every score has a band")
        _unique("bands", [str(band.min) for band in bands])
        return bands
