"""The guided flow in Jupyter: one widget per step, and the workshop wizard.

This is the only part of krakit that imports ipywidgets; each step is a thin view over the
core (:mod:`krakit.edit`, :func:`krakit.parse_kpi`, :func:`krakit.check`, :func:`krakit.score`).
"""

from krakit.widgets.checks import CheckStep
from krakit.widgets.kpis import KPIStep
from krakit.widgets.roles import RoleStep
from krakit.widgets.scorecard import ScorecardStep
from krakit.widgets.workshop import Workshop, workshop

__all__ = ["CheckStep", "KPIStep", "RoleStep", "ScorecardStep", "Workshop", "workshop"]
