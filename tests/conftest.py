"""Fixtures every test folder shares."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
SHARED_DATA = REPO_ROOT.parent / "shared" / "data"


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """``../shared/data`` beside the checkout; tests that need it skip where it is absent."""
    if not SHARED_DATA.is_dir():
        pytest.skip(f"needs the shared sample data at {SHARED_DATA} (absent in this clone)")
    return SHARED_DATA


# -- both front doors: a real server process and the in-process mock --------------------------------
import os  # noqa: E402
import socket  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
import urllib.request  # noqa: E402
from collections.abc import Callable, Iterator  # noqa: E402
from typing import Any  # noqa: E402

import boto3  # noqa: E402
from botocore.config import Config  # noqa: E402

CREDENTIALS = {"aws_access_key_id": "testing", "aws_secret_access_key": "testing", "region_name": "us-east-1"}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class ServerProcess:
    """``dockyard serve`` in a subprocess on a free port, ready once /_dockyard/health answers."""

    def __init__(self, *extra: str, data_dir: Path | None = None, env: dict[str, str] | None = None) -> None:
        self.port = free_port()
        self.endpoint = f"http://127.0.0.1:{self.port}"
        args = [sys.executable, "-m", "dockyard", "serve", "--port", str(self.port), *extra]
        if data_dir is not None:
            args += ["--data-dir", str(data_dir)]
        self.proc = subprocess.Popen(
            args, env={**os.environ, **(env or {})}, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
        )
        self.started_in = self.wait_healthy()

    def wait_healthy(self, timeout: float = 30.0) -> float:
        start = time.monotonic()
        while time.monotonic() - start < timeout:
            if self.proc.poll() is not None:
                raise RuntimeError(f"dockyard serve exited: {self.proc.stdout.read().decode()}")
            try:
                with urllib.request.urlopen(self.endpoint + "/_dockyard/health", timeout=1) as r:
                    if r.status == 200:
                        return time.monotonic() - start
            except OSError:
                time.sleep(0.05)
        raise TimeoutError("dockyard serve did not become healthy")

    def client(self, service: str, **kwargs: Any) -> Any:
        config = Config(inject_host_prefix=False, retries={"max_attempts": 1})
        return boto3.client(service, endpoint_url=self.endpoint, config=config, **{**CREDENTIALS, **kwargs})

    def stop(self, sig: int | None = None) -> None:
        if self.proc.poll() is None:
            if sig is None:
                self.proc.terminate()
            else:
                self.proc.send_signal(sig)
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)


@pytest.fixture(scope="session")
def dockyard_server() -> Iterator[ServerProcess]:
    server = ServerProcess()
    yield server
    server.stop()


@pytest.fixture(params=["mock", "server"])
def aws(request: pytest.FixtureRequest) -> Iterator[Callable[..., Any]]:
    """A boto3 client factory for one front door: ``aws("neptune-graph")``."""
    if request.param == "server":
        server = request.getfixturevalue("dockyard_server")
        yield server.client
        return
    from dockyard.mocking.in_process import DockyardMock

    with DockyardMock():
        yield lambda service, **kw: boto3.client(
            service, config=Config(retries={"max_attempts": 1}), **{**CREDENTIALS, **kw}
        )
