"""``dockyard serve``: a taken port is one line and exit 2; SIGTERM/SIGINT stop it gracefully (exit 0)."""

from __future__ import annotations

import signal
import subprocess
import sys

import pytest

from dockyard.cli.serve_command import port_taken, stop_moto
from tests.conftest import ServerProcess


@pytest.mark.server
@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_a_signal_stops_the_server_with_exit_0(sig: int) -> None:
    server = ServerProcess()
    server.stop(sig)
    assert server.proc.returncode == 0


@pytest.mark.server
def test_a_taken_port_is_one_line_and_exit_2() -> None:
    server = ServerProcess()
    try:
        second = subprocess.run(
            [sys.executable, "-m", "dockyard", "serve", "--port", str(server.port)],
            capture_output=True, text=True, timeout=60,
        )
    finally:
        server.stop()
    assert second.returncode == 2
    assert "Traceback" not in second.stderr + second.stdout
    assert "listening" not in second.stdout
    lines = second.stderr.strip().splitlines()
    assert len(lines) == 1 and f"127.0.0.1:{server.port}" in lines[0] and "--port" in lines[0]


def test_port_taken_answers_none_for_a_free_port() -> None:
    from tests.conftest import free_port

    assert port_taken("127.0.0.1", free_port()) is None


class _OldMoto:  # moto releases whose stop() takes remove_data
    def __init__(self) -> None:
        self.calls: list[dict[str, bool]] = []

    def stop(self, remove_data: bool = True) -> None:
        self.calls.append({"remove_data": remove_data})


class _NewMoto:
    def __init__(self) -> None:
        self.calls: list[dict[str, bool]] = []

    def stop(self, reset: bool = True) -> None:
        self.calls.append({"reset": reset})


def test_stop_moto_keeps_state_with_either_signature() -> None:
    old, new = _OldMoto(), _NewMoto()
    stop_moto(old)
    stop_moto(new)
    assert old.calls == [{"remove_data": False}]
    assert new.calls == [{"reset": False}]
