"""Helpers for the checker tests: read a rule's examples the way it declares them.

A plain module, not conftest.py: a root conftest.py would shadow `from conftest import ...`.
"""

from __future__ import annotations

import datetime as dt

import yaml

from krakit.model import KPI, KRA, validate_scorecard
from krakit.rules import Rule, check

TODAY = dt.date(2026, 11, 23)


def example_codes(rule: Rule, example: str) -> list[str]:
    """The codes the checker reports for one of a rule's examples."""
    if rule.examples == "statement":
        obj: object = example
    elif rule.examples == "kpi":
        obj = KPI.model_validate(yaml.safe_load(example))
    elif rule.examples == "kra":
        obj = KRA.model_validate(yaml.safe_load(example))
    elif rule.examples == "workspace":
        from krakit.rules.alignment_check import check_example

        return [f.code for f in check_example(example)]
    elif rule.examples == "data":
        from krakit.rules.definitions import check_example as check_data_example

        return [f.code for f in check_data_example(example)]
    elif rule.examples == "sheet":
        import tempfile
        from pathlib import Path

        from krakit.rules.filecheck import check_file

        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "example.csv"
            path.write_text(example + "\n", encoding="utf-8")
            return [f.code for f in check_file(path, today=TODAY)]
    else:
        obj = validate_scorecard(yaml.safe_load(example))
    return [f.code for f in check(obj, today=TODAY)]  # type: ignore[arg-type]
