"""Run the alignment rules (G) over a workspace and its goal tree; findings name file and KRA."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from os import PathLike
from typing import TYPE_CHECKING, Any

from krakit.errors import ConfigError
from krakit.rules.base import Finding, Rule, Status
from krakit.rules.config import matches, normalise_codes

if TYPE_CHECKING:
    from krakit.goals import Alignment, GoalTree
    from krakit.goals.cards import Source
    from krakit.model import Scorecard

__all__ = ["check_alignment", "check_example", "goal_findings"]


def check_alignment(
    source: Alignment | Source,
    tree: GoalTree | str | PathLike[str] | None = None,
    *,
    select: Iterable[str] | str | None = None,
    ignore: Iterable[str] | str | None = None,
) -> list[Finding]:
    """Check a workspace's scorecards against its goal tree (rules G001-G005).

    Parameters
    ----------
    source
        An :class:`~krakit.goals.Alignment` already worked out, or what
        :func:`krakit.alignment` takes (a workspace, a folder, name → card, a list of cards).
    tree
        The goal tree or its file; None: the ``goals.yaml`` beside the cards.
    select, ignore
        Codes or prefixes to run only / to skip. A card's or KRA's own ``ignore`` list
        applies to the findings about it.

    Returns
    -------
    list[Finding]
        Each with ``file`` (the scorecard's file, or the tree's for a goal or a team) and
        ``where`` (``kras[<id>].goals``, ``goals[<id>]``, ``units[<id>]``).

    Examples
    --------
    >>> import krakit
    >>> from krakit.goals import validate_tree
    >>> tree = validate_tree({"organisation": "Acme", "goals": [
    ...     {"id": "grow", "title": "Grow", "owner": "CEO"}]})
    >>> card = krakit.Scorecard(role={"title": "Rep"}, kras=[{"title": "Sales", "goals": ["grwo"]}])
    >>> [(f.code, f.file, f.where) for f in check_alignment({"rep.yaml": card}, tree)]
    [('G001', 'rep.yaml', 'kras[sales].goals'), ('G002', 'goals.yaml', 'goals[grow]'), ('G005', 'rep.yaml', 'kras[sales].goals')]
    """  # noqa: E501
    from krakit.goals import Alignment, alignment
    from krakit.rules import rules
    from krakit.rules.alignment import AlignmentContext
    from krakit.rules.engine import _finding

    result = source if isinstance(source, Alignment) else alignment(source, tree, actuals=False)
    chosen, skipped = normalise_codes(select), normalise_codes(ignore)
    catalogue = rules("G")
    bad = [c for c in chosen if not any(r.code.startswith(c) for r in rules())]
    if bad:
        raise ConfigError(
            f"'{bad[0]}' is not a rule code or prefix; see 'krakit rules' for the list",
            field="select",
            value=bad[0],
        )
    active = [r for r in catalogue if _runs(r, chosen, skipped)]
    tree_file = _name(result.tree_file) or "goals.yaml"
    ctx = AlignmentContext(result=result, tree_file=tree_file)
    out: list[Finding] = []
    for rule in active:
        for hit in rule.run(ctx):
            card = hit.values.get("card")
            if card is not None and _ignored(result, str(card), hit.where, rule.code):
                continue
            finding = _finding(rule, hit, "", ctx.values())
            out.append(dataclasses.replace(finding, file=str(hit.values.get("file") or "")))
    return out


def _name(path: str | None) -> str | None:
    from pathlib import Path

    return Path(path).name if path else None


def _runs(rule: Rule, chosen: tuple[str, ...], skipped: tuple[str, ...]) -> bool:
    if rule.status is Status.REMOVED or rule.scope != "workspace":
        return False
    return (not chosen or matches(rule.code, chosen)) and not matches(rule.code, skipped)


def _ignored(result: Alignment, card: str, where: str | None, code: str) -> bool:
    """Whether the card (or the KRA the finding is about) switched this code off."""
    scorecard = result.scorecards.get(card)
    if scorecard is None:
        return False
    codes = [c.upper() for c in scorecard.ignore]
    if where and where.startswith("kras["):
        kra_id = where[5 : where.index("]")]
        kra = next((k for k in scorecard.kras if k.id == kra_id), None)
        if kra is not None:
            codes += [c.upper() for c in kra.ignore]
    return bool(codes) and matches(code, codes)


def check_example(text: str) -> list[Finding]:
    """Check a rule example: YAML with a ``tree`` and ``cards`` (name → scorecard)."""
    from krakit.goals import validate_tree
    from krakit.model import validate_scorecard
    from krakit.store.safe_yaml import read_yaml

    data: Any = read_yaml(text)
    tree = validate_tree(data["tree"])
    cards = {
        f"{name}.yaml": validate_scorecard(card) for name, card in (data.get("cards") or {}).items()
    }
    return check_alignment(cards, tree)


def goal_findings(
    scorecard: Scorecard,
    path: str | PathLike[str],
    *,
    select: Iterable[str] | str | None = None,
    ignore: Iterable[str] | str | None = None,
) -> list[Finding]:
    """G001 for one scorecard file: goal ids in neither the card nor the tree beside it.

    What ``krakit check`` adds for a scorecard file: the ``goals.yaml`` in the file's folder
    (if any) is the tree; with none, every id must be one of the card's own goals.

    Raises
    ------
    InputError
        The ``goals.yaml`` beside the file cannot be read (naming it and the id).
    """
    from pathlib import Path

    from krakit.goals import find_tree, load_tree
    from krakit.rules.alignment import UNKNOWN_GOAL
    from krakit.rules.base import Hit
    from krakit.rules.engine import _finding

    if not _runs(UNKNOWN_GOAL, normalise_codes(select), normalise_codes(ignore)):
        return []
    named = [(kra, gid) for kra in scorecard.kras for gid in kra.goals]
    if not named:
        return []
    tree_path = find_tree(Path(path).parent)
    known = {g.id for g in scorecard.goals}
    if tree_path is not None:
        known |= set(load_tree(tree_path).index())
    codes = [c.upper() for c in scorecard.ignore]
    out = []
    for kra, gid in named:
        if gid in known or matches("G001", [*codes, *(c.upper() for c in kra.ignore)]):
            continue
        hit = Hit(values={"kra": kra.title, "goal": gid}, where=f"kras[{kra.id}].goals")
        out.append(dataclasses.replace(_finding(UNKNOWN_GOAL, hit, "", {}), file=str(path)))
    return out
