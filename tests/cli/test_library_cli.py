"""`krakit templates`, `krakit template` and `krakit suggest` end to end."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

import krakit
from krakit.cli import _register_all, app

_register_all()
runner = CliRunner()


def test_templates_lists_and_searches() -> None:
    res = runner.invoke(app, ["templates"])
    assert res.exit_code == 0, res.output
    assert "owner-manager" in res.output and "template(s)" in res.output
    res = runner.invoke(app, ["templates", "recruit", "--format", "json"])
    names = [row["name"] for row in json.loads(res.output)]
    assert names[0] == "recruiter"
    res = runner.invoke(app, ["templates", "-f", "finance", "--format", "json"])
    assert {row["function"] for row in json.loads(res.output)} == {"finance"}


def test_template_prints_and_saves(tmp_path: Path) -> None:
    res = runner.invoke(app, ["template", "office-manager"])
    assert res.exit_code == 0 and "Office manager" in res.output
    out = tmp_path / "mine.yaml"
    res = runner.invoke(app, ["template", "office-manager", "-o", str(out)])
    assert res.exit_code == 0, res.output
    assert krakit.load(out).role.title == "Office manager"
    res = runner.invoke(app, ["template", "ofice-manager"])
    assert res.exit_code == 2 and "office-manager" in res.output


def test_suggest() -> None:
    res = runner.invoke(app, ["suggest", "Talent acquisition", "-n", "2"])
    assert res.exit_code == 0
    assert res.output.splitlines() == [
        "Time to hire (days, lower is better, lagging)",
        "Time to fill (days, lower is better, lagging)",
    ]
    assert runner.invoke(app, ["suggest", "Lorem ipsum"]).exit_code == 1
