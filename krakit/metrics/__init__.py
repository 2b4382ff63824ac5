"""Metric definitions over raw data, and the actuals DuckDB computes from them.

=================  ===========================================================
module             what it does
=================  ===========================================================
definition         the model: Definition, Measure, Ratio, Agg, definition_version
library            a shared metrics.yaml: load, save, resolve a ``ref``
guard              sqlglot parse of each expr/filter: only listed functions and columns
compile            a definition to SQL, built as a sqlglot tree (any dialect)
dialects           what a warehouse spells differently (a median in BigQuery, Spark)
scan               several definitions over one scan of their source (what compute runs)
compute            DuckDB in process: sources in, the actuals frame out
=================  ===========================================================

Nothing here imports duckdb or sqlglot until it is used, so ``import krakit`` stays light.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from krakit.metrics.compile import sql_for
    from krakit.metrics.compute import compute_actuals
    from krakit.metrics.definition import (
        Agg,
        Definition,
        Measure,
        Ratio,
        definition_version,
    )
    from krakit.metrics.library import MetricLibrary, load_metrics, save_metrics

__all__ = [
    "Agg",
    "Definition",
    "Measure",
    "MetricLibrary",
    "Ratio",
    "compute_actuals",
    "definition_version",
    "load_metrics",
    "save_metrics",
    "sql_for",
]

_LAZY = {
    "Agg": "definition",
    "Definition": "definition",
    "Measure": "definition",
    "Ratio": "definition",
    "definition_version": "definition",
    "MetricLibrary": "library",
    "load_metrics": "library",
    "save_metrics": "library",
    "sql_for": "compile",
    "compute_actuals": "compute",
}


def __getattr__(name: str) -> object:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'krakit.metrics' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"krakit.metrics.{module}"), name)
    globals()[name] = value
    return value
