"""The README's examples run as written (the server one against a test server's port); every
Python block of the README is a marked example that a test here runs."""

from __future__ import annotations

import re
import subprocess
import sys

from tests.conftest import REPO_ROOT, ServerProcess

README = (REPO_ROOT / "README.md").read_text()
BLOCKS = re.findall(r"```python\n(.*?)```", README, flags=re.S)
TESTED = {"server", "in-process", "neptune-import", "pytest-fixture", "manual-clock"}


def _example(name: str) -> str:
    for block in BLOCKS:
        if block.startswith(f"# README example: {name}\n"):
            return block
    raise AssertionError(f"README has no example {name!r}")


def test_every_python_block_is_an_example_run_here() -> None:
    names = [re.match(r"# README example: (\S+)\n", b) for b in BLOCKS]
    assert all(names), [b.splitlines()[0] for b, m in zip(BLOCKS, names, strict=True) if not m]
    assert {m.group(1) for m in names if m} == TESTED


def test_in_process_example(monkeypatch) -> None:
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    exec(compile(_example("in-process"), "README.md", "exec"), {})


def test_server_example(dockyard_server: ServerProcess, capsys) -> None:
    code = _example("server").replace("http://127.0.0.1:4566", dockyard_server.endpoint)
    exec(compile(code, "README.md", "exec"), {})
    assert capsys.readouterr().out.strip().endswith("AVAILABLE")


def test_neptune_import_example(monkeypatch, capsys) -> None:
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    exec(compile(_example("neptune-import"), "README.md", "exec"), {})
    assert capsys.readouterr().out.strip() == "8 2 1"


def test_manual_clock_example(monkeypatch, capsys) -> None:
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    exec(compile(_example("manual-clock"), "README.md", "exec"), {})
    assert capsys.readouterr().out.split() == ["CREATING", "INITIALIZING", "ANALYZING_DATA", "1"]


def test_pytest_fixture_example(tmp_path) -> None:
    """Run by pytest itself, in a fresh process, with the plugin the package installs."""
    (tmp_path / "test_readme_fixture.py").write_text(_example("pytest-fixture"))
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(tmp_path)],
        cwd=tmp_path, capture_output=True, text=True, timeout=120,
    )
    assert done.returncode == 0 and "1 passed" in done.stdout, done.stdout + done.stderr
