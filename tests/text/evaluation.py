"""The real-world evaluation's own scoring (``benchmarks/eval_real_world.py``), for the tests.

Tests score with the same code as ``make eval``, so the two cannot drift apart.
"""

import importlib.util
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[2]


def _load() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "eval_real_world", ROOT / "benchmarks" / "eval_real_world.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


EVAL = _load()
