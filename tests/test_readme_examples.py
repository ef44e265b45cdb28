"""The README's examples run as written (the server one against a test server's port)."""

from __future__ import annotations

import re

from tests.conftest import REPO_ROOT, ServerProcess

README = (REPO_ROOT / "README.md").read_text()


def _example(name: str) -> str:
    for block in re.findall(r"```python\n(.*?)```", README, flags=re.S):
        if block.startswith(f"# README example: {name}"):
            return block
    raise AssertionError(f"README has no example {name!r}")


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
