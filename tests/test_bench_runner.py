"""``python -m bench``: its help, and the README's figure tables showing every figure of every
result file (lists of cases included)."""

from __future__ import annotations

import importlib
import json
import subprocess
import sys
from types import ModuleType

import pytest

from tests.conftest import REPO_ROOT


@pytest.fixture
def runner(monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    """``bench/__main__.py`` (the repository root is not on the test path: bench is no package of src/)."""
    monkeypatch.syspath_prepend(str(REPO_ROOT))
    return importlib.import_module("bench.__main__")


def test_help_lists_the_benchmarks_and_runs_nothing() -> None:
    done = subprocess.run([sys.executable, "-m", "bench", "--help"], cwd=REPO_ROOT, capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 0 and "wire" in done.stdout and "neptune_import" in done.stdout
    bad = subprocess.run([sys.executable, "-m", "bench", "no_such_bench"], cwd=REPO_ROOT, capture_output=True,
                         text=True, timeout=60)
    assert bad.returncode == 2 and "unknown benchmark" in bad.stderr


def test_a_list_of_cases_is_spelt_by_case_name(runner) -> None:
    doc = {"cases": [{"case": "csv", "seconds": 1.5}, {"case": "parquet", "seconds": 1.2}], "tags": ["a", "b"]}
    assert runner.flatten(doc) == [("cases[csv].seconds", 1.5), ("cases[parquet].seconds", 1.2), ("tags", ["a", "b"])]


def test_every_figure_of_every_result_file_is_in_the_tables(runner) -> None:
    tables = runner.render()
    for path in sorted((runner.ROOT / "results").glob("*.json")):
        for key, _ in runner.flatten(json.loads(path.read_text())):
            assert f"| {key} |" in tables, (path.name, key)


def test_the_readme_block_is_the_generated_one(runner) -> None:
    """Regenerate with ``python -m bench --readme-only`` after a result file changes."""
    readme = (REPO_ROOT / "README.md").read_text()
    block = readme.split("<!-- bench:start -->\n", 1)[1].split("\n<!-- bench:end -->", 1)[0]
    assert block == runner.render()
