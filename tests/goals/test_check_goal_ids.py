"""`krakit check` on a scorecard file: goal ids in neither the card nor goals.yaml (G001)."""

from __future__ import annotations

from typer.testing import CliRunner

import krakit
from krakit.cli import _register_all, app
from krakit.goals import save_tree, validate_tree
from krakit.rules.filecheck import check_file

_register_all()

CARD = krakit.Scorecard(
    role={"title": "Recruiter"},
    goals=[{"id": "own", "title": "Own goal"}],
    kras=[
        {"title": "Recruitment", "goals": ["own", "grow-team"]},
        {"title": "Payroll", "goals": ["grwo-team"], "ignore": {}},
    ],
)


def _g001(found: list) -> list[tuple[str, str]]:  # type: ignore[type-arg]
    return [(f.where, f.file.rsplit("/", 1)[-1]) for f in found if f.code == "G001"]


def test_ids_are_read_against_the_tree_beside_the_file(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "recruiter.yaml"
    krakit.save(CARD, path)
    assert _g001(check_file(path)) == [
        ("kras[recruitment].goals", "recruiter.yaml"),
        ("kras[payroll].goals", "recruiter.yaml"),
    ]
    tree = {"organisation": "Acme", "goals": [{"id": "grow-team", "title": "G", "owner": "CEO"}]}
    save_tree(validate_tree(tree), tmp_path / "goals.yaml")
    found = check_file(path)
    assert _g001(found) == [("kras[payroll].goals", "recruiter.yaml")]
    assert "'grwo-team', which is neither" in next(f for f in found if f.code == "G001").message
    assert _g001(check_file(path, ignore="G")) == []
    assert _g001(check_file(path, select="M")) == []


def test_krakit_check_prints_it_with_the_file(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "recruiter.yaml"
    krakit.save(CARD, path)
    done = CliRunner().invoke(app, ["check", str(path), "--select", "G"])
    assert done.exit_code == 1  # G001 is an error
    assert "recruiter.yaml:kras[payroll].goals: G001" in done.stdout
