"""The project's set-up promises: one source of dependencies, two commands, shipped settings."""

from __future__ import annotations

import json
import subprocess
import sys
import tomllib
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]


def test_environment_yml_only_installs_the_project() -> None:
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    deps = env["dependencies"]
    assert deps[0].startswith("python")
    assert deps[1] == "pip"
    assert deps[2] == {"pip": ["-e .[lab,dev]"]}
    assert len(deps) == 3


def test_pyproject_is_the_source_of_dependencies() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    core = " ".join(project["dependencies"])
    for name in ("pandas", "altair", "ipywidgets", "pydantic", "PyYAML", "openpyxl", "vl-convert"):
        assert name in core
    assert "torch" not in core
    assert {"lab", "dev"} <= set(project["optional-dependencies"])
    for dep in project["dependencies"]:
        assert ">=" in dep, f"{dep} has no tested lower bound"


def test_ci_runs_make_test_and_nothing_else() -> None:
    lines = [
        line.strip()
        for line in (ROOT / ".ci" / "run").read_text().splitlines()
        if line.strip() and not line.startswith("#")
    ]
    assert "set -euo pipefail" in lines
    assert lines[-1] == "make test"
    readme = (ROOT / "README.md").read_text()
    assert "make lab" in readme and "make test" in readme


def test_lab_settings_keep_widget_comms_off_subshells() -> None:
    overrides = json.loads((ROOT / "jupyter" / "overrides.json").read_text())
    setting = overrides["@jupyterlab/apputils-extension:kernels-settings"]["commsOverSubshells"]
    assert setting == "disabled"
    makefile = (ROOT / "Makefile").read_text()
    assert "share/jupyter/lab/settings/overrides.json" in makefile


def test_cli_entry_point_runs() -> None:
    out = subprocess.run(
        [sys.executable, "-c", "from krakit.cli import main; main()", "--help"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "validate" in out.stdout
