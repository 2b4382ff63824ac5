"""The goal tree: an organisation's goals, by department and team, shared by many scorecards.

A ``goals.yaml`` sits in a workspace (or a room folder) beside the scorecards. It names the
organisation, its own goals, and its units (departments, teams, nested as deep as needed),
each with an owner, the scorecards that belong to it (``members``) and its goals::

    schema_version: 1
    organisation: Kaveri Distributors
    owner: Managing director
    period: FY2025-26
    goals:
      - {id: profitable-growth, title: Grow profit 15% in FY2025-26, owner: Managing director}
    units:
      - id: sales
        name: Sales
        kind: department
        owner: Head of Sales
        members: [sales-executive]        # scorecard names, holders or role titles
        goals:
          - {id: grow-revenue, title: Grow revenue, owner: Head of Sales,
             parent: profitable-growth, measure: revenue in INR}

A scorecard's KRA serves a tree goal by naming its id (``kras[].goals: [grow-revenue]``); the
card may still hold goals of its own. Ids are unique across the whole tree, a ``parent``
names a goal of the tree, and parents never loop: :func:`validate_tree` raises
:class:`~krakit.errors.InputError` naming the file and the id otherwise.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping, Sequence
from enum import StrEnum
from os import PathLike
from pathlib import Path
from typing import Any, Self

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, ValidationError, model_validator

from krakit.errors import InputError
from krakit.model import Goal, Slug, slugify, where

__all__ = [
    "GOALS_SCHEMA_PATH",
    "GOALS_SCHEMA_VERSION",
    "GoalTree",
    "TreeGoal",
    "Unit",
    "UnitKind",
    "goals_json_schema",
    "migrate_tree",
    "validate_tree",
]

GOALS_SCHEMA_VERSION = 1
"""The goal-tree file format this krakit writes (:func:`migrate_tree` upgrades older ones)."""
GOALS_SCHEMA_PATH = Path(__file__).parents[1] / "schema" / "goals.schema.json"

ORGANISATION = "organisation"
"""The unit id that stands for the organisation itself (its goals sit at the top)."""


class UnitKind(StrEnum):
    """What a unit of the organisation is."""

    DEPARTMENT = "department"
    TEAM = "team"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True, str_strip_whitespace=True)


class TreeGoal(Goal):
    """One goal of the tree: what the organisation, a department or a team wants.

    A :class:`~krakit.model.Goal` (id made from the title, title, description) with an owner,
    a period, the goal above it and how it is measured.
    """

    owner: str = Field(min_length=1, max_length=200, description="Who is accountable for it.")
    period: str | None = Field(
        None, max_length=40, description="e.g. 'FY2025-26'; the tree's period when omitted."
    )
    parent: Slug | None = Field(None, description="Id of the goal this one contributes to.")
    measure: str | None = Field(
        None, max_length=300, description="How progress is measured, in words (optional)."
    )


class Unit(_Model):
    """A department or team: its owner (the manager), its scorecards, goals and sub-units."""

    id: Slug = Field(description="Stable id; made from the name when omitted.")
    name: str = Field(min_length=1, max_length=200)
    kind: UnitKind = Field(UnitKind.TEAM, description="department or team.")
    owner: str | None = Field(
        None,
        max_length=200,
        description="The manager: a scorecard held by this name is the unit's manager's.",
    )
    members: list[str] = Field(
        default_factory=list,
        description="The unit's scorecards: file names (without .yaml), holders or role titles.",
    )
    goals: list[TreeGoal] = Field(default_factory=list, description="The unit's own goals.")
    units: list[Unit] = Field(default_factory=list, description="Sub-units (teams).")

    @model_validator(mode="before")
    @classmethod
    def _make_id(cls, data: Any) -> Any:
        if isinstance(data, Mapping) and not data.get("id"):
            data = {**data, "id": slugify(str(data.get("name") or ""), fallback="unit")}
        return data


class GoalTree(_Model):
    """An organisation's goals, by department and team (the ``goals.yaml`` file)."""

    schema_version: int = Field(
        GOALS_SCHEMA_VERSION,
        ge=1,
        le=GOALS_SCHEMA_VERSION,
        description="File format version; older files are upgraded as they are read.",
    )
    organisation: str = Field(min_length=1, max_length=200, description="The organisation.")
    owner: str | None = Field(None, max_length=200, description="Who owns the top goals.")
    period: str | None = Field(None, max_length=40, description="e.g. 'FY2025-26'.")
    goals: list[TreeGoal] = Field(default_factory=list, description="Organisation-wide goals.")
    units: list[Unit] = Field(default_factory=list, description="Departments and teams.")

    _index: dict[str, tuple[TreeGoal, str]] | None = PrivateAttr(None)

    @model_validator(mode="after")
    def _check_tree(self) -> Self:
        self._index = None
        index = self.index()
        seen: set[str] = set()
        for unit, _ in self.walk():
            if unit.id in seen or unit.id == ORGANISATION:
                raise ValueError(f"two units share the id '{unit.id}'; unit ids must be unique")
            seen.add(unit.id)
        for goal, _ in index.values():
            if goal.parent is not None and goal.parent not in index:
                raise ValueError(
                    f"goal '{goal.id}' names the parent '{goal.parent}', which is not a goal "
                    "of this tree; fix the id or remove the parent"
                )
        for goal_id in index:
            chain = [goal_id]
            parent = index[goal_id][0].parent
            while parent is not None:
                if parent in chain:
                    loop = " → ".join([*chain[chain.index(parent) :], parent])
                    raise ValueError(
                        f"goal '{goal_id}' is its own ancestor ({loop}); a parent must sit "
                        "above its goal"
                    )
                chain.append(parent)
                parent = index[parent][0].parent
        return self

    def walk(self) -> Iterator[tuple[Unit, tuple[str, ...]]]:
        """Every unit, depth first, with the ids of the units above it (outermost first)."""
        stack: list[tuple[Unit, tuple[str, ...]]] = [(u, ()) for u in reversed(self.units)]
        while stack:
            unit, above = stack.pop()
            yield unit, above
            stack.extend((child, (*above, unit.id)) for child in reversed(unit.units))

    def index(self) -> dict[str, tuple[TreeGoal, str]]:
        """Goal id → (goal, id of the unit holding it; ``organisation`` for the top goals).

        Raises ``ValueError`` when two goals share an id (validation turns it into words).
        """
        if self._index is not None:
            return self._index
        index: dict[str, tuple[TreeGoal, str]] = {}
        holders: list[tuple[str, Sequence[TreeGoal]]] = [(ORGANISATION, self.goals)]
        holders += [(unit.id, unit.goals) for unit, _ in self.walk()]
        for unit_id, goals in holders:
            for goal in goals:
                if goal.id in index:
                    raise ValueError(f"two goals share the id '{goal.id}'; goal ids must be unique")
                index[goal.id] = (goal, unit_id)
        self._index = index
        return index

    def goal(self, goal_id: str) -> TreeGoal:
        """The goal with this id (``KeyError`` if the tree has none)."""
        return self.index()[goal_id][0]

    def goals_in_order(self) -> list[TreeGoal]:
        """Every goal, each followed by the goals under it (parents before children)."""
        index = self.index()
        children: dict[str | None, list[str]] = {}
        for goal_id, (goal, _) in index.items():
            children.setdefault(goal.parent, []).append(goal_id)
        out: list[TreeGoal] = []
        stack = list(reversed(children.get(None, [])))
        while stack:
            goal_id = stack.pop()
            out.append(index[goal_id][0])
            stack.extend(reversed(children.get(goal_id, [])))
        return out

    def depth(self, goal_id: str) -> int:
        """How many parents are above the goal (0 for a goal with no parent)."""
        index, depth = self.index(), 0
        parent = index[goal_id][0].parent
        while parent is not None:
            depth += 1
            parent = index[parent][0].parent
        return depth

    def units_by_id(self) -> dict[str, tuple[Unit, tuple[str, ...]]]:
        """Unit id → (unit, ids of the units above it)."""
        return {unit.id: (unit, above) for unit, above in self.walk()}

    def unit_name(self, unit_id: str) -> str:
        """The unit's name (the organisation's name for ``organisation``)."""
        if unit_id == ORGANISATION:
            return self.organisation
        return self.units_by_id()[unit_id][0].name


def _upgrade_steps() -> dict[int, Any]:
    """Step n turns goal-tree format n into n + 1 (none yet: format 1 is the first)."""
    return {}


def migrate_tree(data: Any, *, path: str | PathLike[str] | None = None) -> Any:
    """Bring a goal tree's raw data up to the current format (the hook for format 2 on).

    Raises
    ------
    InputError
        ``schema_version`` is not a whole number, or is newer than this krakit reads.

    Examples
    --------
    >>> migrate_tree({"organisation": "Acme"})["organisation"]
    'Acme'
    """
    if not isinstance(data, Mapping):
        return data
    raw = data.get("schema_version", GOALS_SCHEMA_VERSION)
    if raw is None:
        raw = GOALS_SCHEMA_VERSION
    if isinstance(raw, bool) or not isinstance(raw, int) or raw < 1:
        raise InputError(
            f"expected the goal-tree format as a whole number such as {GOALS_SCHEMA_VERSION}, "
            f"got {raw!r}; write 'schema_version: {GOALS_SCHEMA_VERSION}' or leave it out",
            path=path,
            field="schema_version",
            value=raw,
        )
    if raw > GOALS_SCHEMA_VERSION:
        raise InputError(
            f"this goal tree was written by a newer krakit (format {raw}); this krakit reads "
            f"formats 1–{GOALS_SCHEMA_VERSION}; upgrade krakit: pip install -U krakit",
            path=path,
            field="schema_version",
            value=raw,
        )
    out = dict(data)
    steps = _upgrade_steps()
    for version in range(raw, GOALS_SCHEMA_VERSION):
        out = steps[version](out)
    out["schema_version"] = GOALS_SCHEMA_VERSION
    return out


def validate_tree(data: Any, *, path: str | PathLike[str] | None = None) -> GoalTree:
    """Build a :class:`GoalTree` from plain data, raising :class:`InputError` in words.

    Raises
    ------
    InputError
        Not a mapping, a field of the wrong type, two goals or units with one id, a parent
        that is not in the tree, or parents that loop (naming the file, the field and the id).

    Examples
    --------
    >>> tree = validate_tree({"organisation": "Acme",
    ...     "goals": [{"title": "Grow revenue", "owner": "CEO"}]})
    >>> tree.goal("grow-revenue").owner
    'CEO'
    >>> validate_tree({"organisation": "Acme", "goals": [
    ...     {"id": "a", "title": "A", "owner": "CEO", "parent": "b"},
    ...     {"id": "b", "title": "B", "owner": "CEO", "parent": "a"}]}, path="goals.yaml")
    Traceback (most recent call last):
    ...
    krakit.errors.InputError: goals.yaml: goal 'a' is its own ancestor (a → b → a); a parent must sit above its goal
    """  # noqa: E501
    if not isinstance(data, Mapping):
        raise InputError(
            "expected a goal tree (a mapping with 'organisation', 'goals' and 'units'), "
            f"got {type(data).__name__}",
            path=path,
        )
    data = migrate_tree(data, path=path)
    try:
        return GoalTree.model_validate(data)
    except ValidationError as exc:
        err = exc.errors(include_url=False)[0]
        field = where(err["loc"], data) or None
        message = str(err["msg"]).removeprefix("Value error, ")
        if err["type"] == "missing":
            message = "this field is required"
        elif err["type"] == "extra_forbidden":
            message = "krakit does not know this field; check its spelling"
        value = err.get("input") if not isinstance(err.get("input"), Mapping | list) else None
        raise InputError(message, path=path, field=field, value=value) from exc


def goals_json_schema() -> dict[str, Any]:
    """The JSON Schema of the goal-tree file format (``krakit/schema/goals.schema.json``)."""
    schema = GoalTree.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "krakit goal tree"
    return schema


def _write_schema() -> Path:
    GOALS_SCHEMA_PATH.write_text(
        json.dumps(goals_json_schema(), indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    return GOALS_SCHEMA_PATH


if __name__ == "__main__":
    print(_write_schema())
