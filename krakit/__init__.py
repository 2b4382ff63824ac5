"""krakit: turn a role's KRAs into a measurable, checked KPI scorecard.

The public API is re-exported here; see the README for the flow.
"""

import sys
import types
from typing import TYPE_CHECKING

from krakit.errors import (
    ConfigError,
    ConflictError,
    InputError,
    KrakitError,
    KrakitWarning,
    ParseError,
    ScorecardError,
)

if TYPE_CHECKING:  # what type checkers and editors see; at run time these load on first use
    from krakit.goals import GoalTree, alignment, load_tree
    from krakit.model import (
        KPI,
        KRA,
        SCHEMA_VERSION,
        Actual,
        Aggregation,
        Frequency,
        Goal,
        Indicator,
        Kind,
        KPIType,
        Polarity,
        Role,
        Scorecard,
        Slab,
        TargetType,
        Thresholds,
        WeightMode,
        json_schema,
        slugify,
    )
    from krakit.scoring.targets import TARGET_TYPES
    from krakit.store import Workspace, dump, load, loads, save, save_elsewhere

__version__ = "0.1.0"

# The API is imported on first use (PEP 562), so ``import krakit`` costs milliseconds and
# never pulls in pydantic, pandas or ipywidgets until they are needed (the krakit script starts
# its chart engine before anything heavy loads: krakit/launch.py).
_LAZY: dict[str, str] = {
    # the scorecard file format (krakit/model.py) and saving it (krakit/store)
    "KPI": "krakit.model",
    "KRA": "krakit.model",
    "SCHEMA_VERSION": "krakit.model",
    "Actual": "krakit.model",
    "Aggregation": "krakit.model",
    "Frequency": "krakit.model",
    "Goal": "krakit.model",
    "Indicator": "krakit.model",
    "Kind": "krakit.model",
    "KPIType": "krakit.model",
    "Polarity": "krakit.model",
    "Role": "krakit.model",
    "Scorecard": "krakit.model",
    "Slab": "krakit.model",
    "TARGET_TYPES": "krakit.scoring.targets",
    "TargetType": "krakit.model",
    "Thresholds": "krakit.model",
    "WeightMode": "krakit.model",
    "json_schema": "krakit.model",
    "slugify": "krakit.model",
    "Workspace": "krakit.store",
    "dump": "krakit.store",
    "load": "krakit.store",
    "loads": "krakit.store",
    "save": "krakit.store",
    "save_elsewhere": "krakit.store",
    # reading what managers write (krakit/text)
    "parse_kpi": "krakit.text.parse",
    "classify": "krakit.text.classify",
    "KPIDraft": "krakit.text.draft",
    "Quantity": "krakit.text.draft",
    "Classification": "krakit.text.draft",
    "Direction": "krakit.text.draft",
    "Period": "krakit.text.draft",
    "Label": "krakit.text.draft",
    # slab tables as people write them ("90% → 80", "80:50; 90:80"), and KPI sheets out
    "parse_slabs": "krakit.text.slabs",
    "format_slabs": "krakit.text.slabs",
    "write_kpi_sheet": "krakit.sheet_export",
    # time: the one typed time value, and the fiscal-year starts it is read against
    "When": "krakit.periods",
    "FISCAL_STARTS": "krakit.periods",
    # the checker (krakit/rules)
    "Finding": "krakit.rules",
    "Severity": "krakit.rules",
    "SMARTAssessment": "krakit.rules",
    # the content library (templates/)
    "templates": "krakit.library",
    "template": "krakit.library",
    "search_templates": "krakit.library",
    "vocabulary": "krakit.library",
    "area_of": "krakit.library",
    "suggest_kpis": "krakit.library",
    "training_bank": "krakit.library",
    # the guided flow (needs ipywidgets)
    "workshop": "krakit.widgets",
    # goals that cascade: a shared goal tree and the alignment of scorecards to it
    "alignment": "krakit.goals",
    "GoalTree": "krakit.goals",
    "load_tree": "krakit.goals",
    # metric definitions over raw data, computed with DuckDB (krakit/metrics)
    "Definition": "krakit.metrics.definition",
    "compute_actuals": "krakit.metrics.compute",
    "compare_definitions": "krakit.metrics.compare",
    # the workshop room (krakit/room)
    "Room": "krakit.room",
    "Publisher": "krakit.room",
    "facilitator": "krakit.widgets.facilitator",
}


# Modules the README uses through the package (``krakit.edit.set_kras``), loaded on first use.
_MODULES = {"edit", "publishing", "sample", "training"}


def __getattr__(name: str) -> object:
    module_name = _LAZY.get(name)
    if module_name is None and name not in _MODULES:
        raise AttributeError(f"module 'krakit' has no attribute {name!r}")
    import importlib

    if module_name is None:
        return importlib.import_module(f"krakit.{name}")  # binds itself on the package
    value = getattr(importlib.import_module(module_name), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY) | _MODULES)


# Functions named like the module that holds them (krakit.score.score, krakit.rules.rules...)
# are lazy too. Importing a submodule binds its name on the package (``import krakit.score``
# sets ``krakit.score`` to the module), so the package's class keeps the function instead.
_SAME_NAME = {"diff": "krakit.diff", "report": "krakit.report", "score": "krakit.score"}
_LAZY.update(_SAME_NAME)
_LAZY.update(rules="krakit.rules", check="krakit.rules", smart="krakit.rules")
_LAZY.update(explain="krakit.score")


class _Package(types.ModuleType):
    """The ``krakit`` module: a submodule bound under a function's name gives the function."""

    def __setattr__(self, name: str, value: object) -> None:
        if name in _SAME_NAME or name == "rules":
            if isinstance(value, types.ModuleType) and hasattr(value, name):
                value = getattr(value, name)
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package

__all__ = [
    "FISCAL_STARTS",
    "KPI",
    "KRA",
    "SCHEMA_VERSION",
    "TARGET_TYPES",
    "Actual",
    "Aggregation",
    "ConfigError",
    "ConflictError",
    "Definition",
    "Frequency",
    "Goal",
    "GoalTree",
    "Indicator",
    "InputError",
    "KPIType",
    "Kind",
    "KrakitError",
    "KrakitWarning",
    "ParseError",
    "Polarity",
    "Publisher",
    "Role",
    "Room",
    "Scorecard",
    "ScorecardError",
    "Slab",
    "TargetType",
    "Thresholds",
    "WeightMode",
    "When",
    "Workspace",
    "__version__",
    "alignment",
    "check",
    "compare_definitions",
    "compute_actuals",
    "diff",
    "dump",
    "explain",
    "facilitator",
    "json_schema",
    "load",
    "load_tree",
    "loads",
    "report",
    "rules",
    "save",
    "save_elsewhere",
    "score",
    "slugify",
    "smart",
]
