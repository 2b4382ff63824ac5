"""The core never imports ipywidgets: krakit works with it blocked, only the wizard needs it."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

BLOCK = textwrap.dedent(
    """
    import importlib.abc, sys

    class Block(importlib.abc.MetaPathFinder):
        def find_spec(self, name, path=None, target=None):
            if name.split(".")[0] in {"ipywidgets", "traitlets", "IPython", "anywidget"}:
                raise ImportError(f"{name} is blocked in this test")
            return None

    sys.meta_path.insert(0, Block())
    for name in [m for m in sys.modules if m.split(".")[0] == "ipywidgets"]:
        del sys.modules[name]
    """
)


def _run(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", BLOCK + textwrap.dedent(code)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )


def test_core_works_without_ipywidgets() -> None:
    result = _run(
        """
        import importlib, pkgutil, sys
        import krakit
        from krakit import edit, training
        from krakit.diff import diff
        sc = krakit.load("templates/samples/recruiter.yaml")
        new = edit.update_kpi(sc, "time-to-hire", target=28)
        assert [c.where for c in diff(sc, new)] == ["kras[recruitment].kpis[time-to-hire].target"]
        assert training.score_quiz({}, training.quiz(4)).total == 4
        # every core module imports with ipywidgets blocked
        for info in pkgutil.walk_packages(krakit.__path__, "krakit."):
            if info.name.startswith(("krakit.widgets", "krakit.app")):  # the layers over the core
                continue
            try:
                importlib.import_module(info.name)
            except Exception as exc:  # another module's own bug is not this test's business
                if "is blocked in this test" in str(exc):
                    raise SystemExit(f"{info.name} imports a widget library: {exc}")
        assert "ipywidgets" not in sys.modules
        print("ok")
        """
    )
    assert result.returncode == 0, result.stderr + result.stdout
    assert result.stdout.strip().endswith("ok")


def test_workshop_says_it_needs_ipywidgets() -> None:
    result = _run(
        """
        import krakit
        try:
            krakit.workshop
        except ImportError as exc:
            print("ImportError", exc)
        """
    )
    assert "ImportError" in result.stdout, result.stderr


def test_import_krakit_is_light_and_the_api_loads_on_first_use() -> None:
    """``import krakit`` loads no pydantic, pandas or typer; a name loads its module when used."""
    code = (
        "import sys\n"
        "import krakit\n"
        "heavy = sorted({'pydantic', 'pandas', 'typer', 'yaml', 'altair'} & set(sys.modules))\n"
        "from krakit import load, Scorecard\n"
        "card = load('templates/samples/recruiter.yaml')\n"
        "print(heavy, isinstance(card, Scorecard), krakit.Scorecard is Scorecard)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120
    )
    assert done.stdout.strip() == "[] True True", done.stderr


def test_the_modules_the_readme_names_load_on_first_use() -> None:
    """``krakit.edit``, ``krakit.training``, ``krakit.publishing`` and ``krakit.sample`` work
    after a plain ``import krakit``, as the README writes them."""
    code = (
        "import sys\n"
        "import krakit\n"
        "heavy = sorted({'pydantic', 'pandas'} & set(sys.modules))\n"
        "card = krakit.edit.set_kras(krakit.edit.new_scorecard('Recruiter'), ['Recruitment'])\n"
        "names = [krakit.training.quiz, krakit.publishing.join_once, krakit.sample.sample_team]\n"
        "print(heavy, [k.id for k in card.kras], all(map(callable, names)))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120
    )
    assert done.stdout.strip() == "[] ['recruitment'] True", done.stderr
