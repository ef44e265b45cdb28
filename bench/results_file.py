"""Where a benchmark's figures go: ``bench/results/<name>.json`` (the README tables are built from them)."""

from __future__ import annotations

import json
import platform
from pathlib import Path
from typing import Any

RESULTS_DIR = Path(__file__).resolve().parent / "results"


def machine_facts() -> dict[str, str]:
    return {"python": platform.python_version(), "platform": platform.platform()}


def write_results(path: Path, doc: dict[str, Any]) -> dict[str, Any]:
    """Write ``doc`` to ``path`` (pretty JSON), print it, and answer it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(doc, indent=2) + "\n")
    print(json.dumps(doc, indent=2))
    return doc
