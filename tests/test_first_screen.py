"""The app's first screen comes first and is cheap to draw.

* ``notebooks/00_start_here.ipynb`` opens with the wizard: only a short title and the (empty)
  parameters cell come before it, the introduction follows it.
* ``import krakit`` and building the wizard load none of pandas, Altair, vl-convert or
  openpyxl; steps 3 and 4 load them, and :func:`krakit.widgets.speed.warm_up` loads them in the
  background once the first screen is drawn.
* The template list the first screen shows is read without validating every template, and
  says exactly what validating them would.

Speed figures are in benchmarks/bench_live.py; these tests check what is loaded, not how fast.
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from krakit import library

ROOT = Path(__file__).resolve().parents[1]
HEAVY = ("pandas", "numpy", "altair", "vl_convert", "openpyxl", "jinja2")


def _python(code: str) -> str:
    result = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_the_wizard_is_the_first_thing_in_the_app_notebook() -> None:
    cells = json.loads((ROOT / "notebooks" / "00_start_here.ipynb").read_text())["cells"]
    wizard = next(i for i, c in enumerate(cells) if "krakit.workshop(" in "".join(c["source"]))
    before = cells[:wizard]
    prose = [c for c in before if c["cell_type"] == "markdown"]
    assert sum(len("".join(c["source"]).splitlines()) for c in prose) <= 3
    assert all(
        "parameters" in c["metadata"].get("tags", []) for c in before if c["cell_type"] == "code"
    )
    after = "".join("".join(c["source"]) for c in cells[wizard + 1 :])
    assert "Key Result Area" in after  # the introduction is still there, below


def test_import_and_first_screen_load_no_heavy_library(tmp_path: Path) -> None:
    out = _python(
        f"""
        import sys
        import krakit
        after_import = sorted(m for m in {HEAVY!r} if m in sys.modules)
        import krakit.widgets.speed as speed
        speed._started.set()  # no background warm-up in this check
        wizard = krakit.workshop({str(tmp_path)!r})
        assert wizard.roles.value is not None
        after_build = sorted(m for m in {HEAVY!r} if m in sys.modules)
        print(after_import, after_build)
        """
    )
    assert out.split() == ["[]", "[]"]


def test_warm_up_loads_what_steps_three_and_four_need() -> None:
    out = _python(
        f"""
        import sys
        from krakit.widgets.speed import warm_up
        warm_up(delay=0).join()
        print(sorted(m for m in {HEAVY!r} if m in sys.modules))
        assert warm_up() is None  # once per process
        """
    )
    loaded = set(ast.literal_eval(out))
    assert {"pandas", "vl_convert"} <= loaded  # scoring and step 4's chart engine
    assert "altair" not in loaded  # the wizard draws Vega-Lite dicts (krakit.vegalite)


def test_functions_named_like_their_module_stay_functions() -> None:
    out = _python(
        """
        import krakit
        import krakit.score, krakit.report, krakit.diff, krakit.rules.base
        from krakit import rules
        names = ("score", "report", "diff", "rules", "check", "smart", "explain")
        print(all(callable(getattr(krakit, n)) and not isinstance(getattr(krakit, n), type(krakit))
                  for n in names), callable(rules))
        """
    )
    assert out.split() == ["True", "True"]


@pytest.mark.parametrize("info", library.templates(), ids=lambda t: t.name)
def test_template_list_says_what_the_full_template_says(info: library.TemplateInfo) -> None:
    card = library.template(info.name)
    assert info.title == card.role.title
    assert (info.function, info.region) == (card.role.function or "", card.role.region or "")
    assert info.kras == tuple(k.title for k in card.kras)
    assert info.kpi_count == len(card.all_kpis())
