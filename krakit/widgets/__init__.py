"""The guided flow in Jupyter: one widget per step, and the workshop wizard.

This is the only part of krakit that imports ipywidgets; each step is a thin view over the
core (:mod:`krakit.edit`, :func:`krakit.parse_kpi`, :func:`krakit.check`, :func:`krakit.score`).

The names below load on first use, so a notebook that needs one widget (the participants'
training imports :mod:`krakit.widgets.training`) does not build the whole wizard's imports.
"""

from __future__ import annotations

import importlib
import sys
import types
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from krakit.widgets.checks import CheckStep
    from krakit.widgets.kpis import KPIStep
    from krakit.widgets.roles import RoleStep
    from krakit.widgets.scorecard import ScorecardStep
    from krakit.widgets.workshop import Workshop, workshop

__all__ = ["CheckStep", "KPIStep", "RoleStep", "ScorecardStep", "Workshop", "workshop"]

_LAZY = {
    "CheckStep": "krakit.widgets.checks",
    "KPIStep": "krakit.widgets.kpis",
    "RoleStep": "krakit.widgets.roles",
    "ScorecardStep": "krakit.widgets.scorecard",
    "Workshop": "krakit.widgets.workshop",
    "workshop": "krakit.widgets.workshop",
}


def __getattr__(name: str) -> object:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'krakit.widgets' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))


class _Package(types.ModuleType):
    """``krakit.widgets``: importing the submodule ``workshop`` keeps the function's name.

    The import system binds a loaded submodule on its package (``krakit.widgets.workshop``
    would become the module); the function of the same name is kept instead.
    """

    def __setattr__(self, name: str, value: object) -> None:
        if name == "workshop" and isinstance(value, types.ModuleType):
            value = value.workshop
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package
