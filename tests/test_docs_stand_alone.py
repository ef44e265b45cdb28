"""The README and docs/ stand on their own: no pointer to files outside the repository."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
DOCS = [REPO / "README.md", *sorted((REPO / "docs").glob("*.md"))]
OUTSIDE = re.compile(r"\.\./shared|\bshared/(docs|data|seeds)\b|aws-formats\.md|/work/")


@pytest.mark.parametrize("path", DOCS, ids=[p.name for p in DOCS])
def test_no_pointer_outside_the_repository(path: Path) -> None:
    hits = [f"{path.name}:{n}: {line.strip()}" for n, line in enumerate(path.read_text().splitlines(), 1)
            if OUTSIDE.search(line)]
    assert not hits, "docs must stand alone; copy what users need into docs/:\n" + "\n".join(hits)
