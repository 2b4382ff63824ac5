"""Goals that cascade: an organisation's goal tree, shared by scorecards, and their alignment.

=====================================  ==================================================
:mod:`krakit.goals.tree`               the tree's model (organisation → unit → goal),
                                       validation, migration hook, JSON Schema
:mod:`krakit.goals.store`              goals.yaml read and written (atomic), found in a
                                       folder
:mod:`krakit.goals.cards`              the scorecards to align, placed in the tree
:mod:`krakit.goals.alignment`          who serves each goal, coverage, gaps, roll-up score
:mod:`krakit.goals.sample`             the sample team's cards with its goal tree
=====================================  ==================================================

The checker's rules across scorecards (G) are in :mod:`krakit.rules.alignment`.
"""

from __future__ import annotations

from krakit.goals.alignment import Alignment, alignment, kra_shares
from krakit.goals.store import TREE_NAMES, dump_tree, find_tree, load_tree, loads_tree, save_tree
from krakit.goals.tree import (
    GOALS_SCHEMA_VERSION,
    GoalTree,
    TreeGoal,
    Unit,
    UnitKind,
    goals_json_schema,
    migrate_tree,
    validate_tree,
)

__all__ = [
    "GOALS_SCHEMA_VERSION",
    "TREE_NAMES",
    "Alignment",
    "GoalTree",
    "TreeGoal",
    "Unit",
    "UnitKind",
    "alignment",
    "dump_tree",
    "find_tree",
    "goals_json_schema",
    "kra_shares",
    "load_tree",
    "loads_tree",
    "migrate_tree",
    "save_tree",
    "validate_tree",
]
