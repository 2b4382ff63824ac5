"""The README's promises that a test can hold: every picture and file it links to exists."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_every_file_the_readme_links_exists() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    links = re.findall(r"\]\(([^)#\s]+)\)", readme)
    local = [link for link in links if "://" not in link]
    assert any(link.endswith(".png") for link in local)  # the screenshots are linked
    missing = [link for link in local if not (ROOT / link).exists()]
    assert missing == []
