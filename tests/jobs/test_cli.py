"""``dockyard jobs`` / ``dockyard reset``: pure rendering, the watch loop, and HTTP round trips."""

from __future__ import annotations

import argparse
import io
import json
import socket
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pytest
from rich.console import Console

from dockyard.cli.jobs_command import (
    add_jobs_parser,
    add_reset_parser,
    format_age,
    render_jobs,
    run_advance,
    run_jobs,
    run_reset,
    watch_jobs,
)
from dockyard.control import handle_control_request
from dockyard.jobs import JobEngine
from dockyard.store import Database

NOW = 1_800_000_000.0


def _job(job_id, status, progress, age, terminal=False, outcome=None, **extra):
    return {
        "id": job_id,
        "service": "neptune-graph",
        "kind": "import",
        "status": status,
        "progress": progress,
        "createdAt": NOW - age,
        "terminal": terminal,
        "outcome": outcome,
        "clock": "instant",
        **extra,
    }


def _console() -> Console:
    return Console(file=io.StringIO(), record=True, width=140, color_system=None, force_terminal=False)


@pytest.mark.parametrize(
    ("seconds", "text"), [(0, "0s"), (59.9, "59s"), (65, "1m05s"), (3725, "1h02m"), (93600, "1d02h"), (-3, "0s")]
)
def test_format_age(seconds, text):
    assert format_age(seconds) == text


def test_render_table_is_a_pure_function_of_the_jobs():
    jobs = [
        _job("t-abcdefghij", "IMPORTING", 42.0, 65, clock="manual"),
        _job("t-0123456789", "SUCCEEDED", 100.0, 3725, terminal=True, outcome="succeeded"),
        _job("t-failfailfa", "FAILED", 12.5, 5, terminal=True, outcome="failed", paused=False),
    ]
    console = _console()
    console.print(render_jobs(jobs, now=NOW))
    text = console.export_text()
    for header in ("SERVICE", "KIND", "ID", "STATUS", "PROGRESS", "AGE"):
        assert header in text
    lines = {job["id"]: line for job in jobs for line in text.splitlines() if job["id"] in line}
    assert "IMPORTING [manual]" in lines["t-abcdefghij"] and "42.0%" in lines["t-abcdefghij"]
    assert "1m05s" in lines["t-abcdefghij"]
    assert "SUCCEEDED" in lines["t-0123456789"] and "100.0%" in lines["t-0123456789"]
    assert "1h02m" in lines["t-0123456789"]
    assert "FAILED" in lines["t-failfailfa"] and "5s" in lines["t-failfailfa"]
    again = _console()
    again.print(render_jobs(jobs, now=NOW))
    assert again.export_text() == text  # same input, same output


def test_render_empty_and_bars():
    console = _console()
    console.print(render_jobs([], now=NOW))
    assert "No jobs." in console.export_text()
    console = _console()
    console.print(render_jobs([], now=NOW, bars=True))
    assert "waiting for one to start" in console.export_text()
    console = _console()
    console.print(render_jobs([_job("t-1", "IMPORTING", 50.0, 1, paused=True)], now=NOW, bars=True))
    text = console.export_text()
    assert "━" in text and "50.0%" in text and "IMPORTING (paused)" in text


def test_watch_until_done_redraws_until_every_job_is_terminal():
    frames = iter(
        [
            [_job("t-1", "INITIALIZING", 0.0, 1), _job("t-2", "IMPORTING", 30.0, 2)],
            [_job("t-1", "ANALYZING_DATA", 20.0, 1), _job("t-2", "IMPORTING", 80.0, 2)],
            [
                _job("t-1", "SUCCEEDED", 100.0, 2, terminal=True, outcome="succeeded"),
                _job("t-2", "CANCELLED", 80.0, 3, terminal=True, outcome="cancelled"),
            ],
        ]
    )
    fetched = []

    def fetch():
        fetched.append(1)
        return next(frames)

    console = _console()
    last = watch_jobs(fetch, console, interval=0, clock=lambda: NOW, sleep=lambda s: None, until_done=True)
    assert len(fetched) == 3 and all(j["terminal"] for j in last)
    text = console.export_text()
    assert "SUCCEEDED" in text and "CANCELLED" in text and "2 job(s), 0 active" in text


@pytest.mark.parametrize("until_done", [False, True])
def test_watch_waits_for_jobs_when_none_is_running(until_done):
    """No job yet, then only finished ones: a watch keeps watching (until Ctrl-C, here until the
    frames run out); with --until-done it waits for a job to run and end."""
    frames = [
        [],
        [_job("t-0", "SUCCEEDED", 100.0, 9, terminal=True, outcome="succeeded")],
        [_job("t-0", "SUCCEEDED", 100.0, 9, terminal=True, outcome="succeeded"), _job("t-1", "IMPORTING", 10.0, 1)],
        [_job("t-0", "SUCCEEDED", 100.0, 9, terminal=True, outcome="succeeded"),
         _job("t-1", "SUCCEEDED", 100.0, 2, terminal=True, outcome="succeeded")],
    ]
    shown = iter(frames)
    fetched = []

    def fetch():
        fetched.append(1)
        try:
            return next(shown)
        except StopIteration:
            raise KeyboardInterrupt from None  # what Ctrl-C does to the loop

    console = _console()
    try:
        last = watch_jobs(fetch, console, interval=0, clock=lambda: NOW, sleep=lambda s: None,
                          until_done=until_done)
    except KeyboardInterrupt:
        last = None
    text = console.export_text()
    if until_done:  # returned at the fourth frame: t-1 ran and ended
        assert last is not None and [j["id"] for j in last] == ["t-0", "t-1"]
        assert len(fetched) == 4
    else:  # still watching when interrupted, after every frame
        assert last is None and "t-1" in text and len(fetched) == 5


def test_watch_stops_after_max_seconds():
    console = _console()
    jobs = [_job("t-1", "IMPORTING", 10.0, 1)]
    last = watch_jobs(lambda: jobs, console, interval=0.01, max_seconds=0.05, clock=lambda: NOW)
    assert last == jobs and "1 active" in console.export_text()


LONG_JOBS = [
    _job("t-abcdefghij", "ANALYZING_DATA", 100.0, 65, clock="manual", paused=True, kind="create-graph-import"),
    _job("8c0f6a3e-1b2c-4d5e-9f00-123456789abc", "ReadyExpressTesting", 40.0, 5, service="lexv2-models",
         kind="bot-locale-build"),
    _job("qconnect-job", "DELETE_IN_PROGRESS", 10.0, 3600, service="qconnect", kind="quick-response-import",
         clock="realistic"),
    _job("abc123def456", "Completed", 100.0, 3600, terminal=True, outcome="succeeded", service="bedrock",
         kind="model-import"),
]


@pytest.mark.parametrize("bars", [False, True])
def test_at_80_columns_statuses_are_whole_and_nothing_overflows(bars):
    console = Console(file=io.StringIO(), record=True, width=80, color_system=None, force_terminal=False)
    console.print(render_jobs(LONG_JOBS, now=NOW, bars=bars, width=console.width))
    text = console.export_text()
    lines = text.splitlines()
    assert max(len(line.rstrip()) for line in lines) <= 80 and "…" not in text
    for job in LONG_JOBS:
        assert any(job["status"] in line for line in lines), job["status"]
    assert "PROGRESS" in text and "AGE" in text and "1h00m" in text and "1m05s" in text


def test_a_running_job_never_shows_100_percent():
    console = _console()
    console.print(render_jobs(LONG_JOBS, now=NOW))
    lines = console.export_text().splitlines()
    running = next(line for line in lines if "t-abcdefghij" in line)
    done = next(line for line in lines if "abc123def456" in line)
    assert "99.0%" in running and "100.0%" not in running and "100.0%" in done


def test_watch_columns_keep_their_place_between_redraws():
    """A job with a long id arriving later widens the table once; it never shrinks back."""
    frames = iter([[_job("t-1", "IMPORTING", 10.0, 1)],
                   [_job("t-1", "IMPORTING", 20.0, 1), _job("a-much-longer-job-id", "INITIALIZING", 0.0, 1)],
                   [_job("t-1", "SUCCEEDED", 100.0, 1, terminal=True, outcome="succeeded"),
                    _job("a-much-longer-job-id", "SUCCEEDED", 100.0, 1, terminal=True, outcome="succeeded")]])
    headers: list[int] = []

    console = Console(file=io.StringIO(), record=True, width=140, color_system=None, force_terminal=False)
    original = render_jobs

    def spy(jobs, *args, **kwargs):
        table = original(jobs, *args, **kwargs)
        probe = Console(file=io.StringIO(), record=True, width=140, color_system=None)
        probe.print(table)
        headers.append(probe.export_text().splitlines()[0].index("STATUS"))
        return table

    import dockyard.cli.jobs_command as jobs_command

    jobs_command.render_jobs = spy
    try:
        watch_jobs(lambda: next(frames), console, interval=0, clock=lambda: NOW, sleep=lambda s: None,
                   until_done=True)
    finally:
        jobs_command.render_jobs = original
    assert headers[0] < headers[1] == headers[2]


# -- over HTTP --------------------------------------------------------------------------------------
class _ControlHandler(BaseHTTPRequestHandler):
    engine: JobEngine

    def _answer(self) -> None:
        parts = urlsplit(self.path)
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        status, doc = handle_control_request(self.engine, self.command, parts.path, parse_qs(parts.query), body)
        data = json.dumps(doc).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    do_GET = do_POST = do_DELETE = _answer

    def log_message(self, *args) -> None:  # quiet
        pass


@pytest.fixture
def served() -> Iterator[tuple[str, JobEngine]]:
    engine = JobEngine(Database(None), clock="realistic", speed=1.0)
    handler = type("Handler", (_ControlHandler,), {"engine": engine})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", engine
    finally:
        server.shutdown()
        server.server_close()
        engine.shutdown()


def _args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="dockyard")
    sub = parser.add_subparsers(dest="command")
    add_jobs_parser(sub)
    add_reset_parser(sub)
    return parser.parse_args(argv)


def test_parsers_register_jobs_and_reset(monkeypatch):
    args = _args(["jobs", "--watch", "--service", "neptune-graph", "--endpoint", "http://h:1"])
    assert (args.watch, args.service, args.endpoint, args.func) == (True, "neptune-graph", "http://h:1", run_jobs)
    assert (args.until_done, args.id) == (False, None)
    args = _args(["jobs", "g-0123456789", "--watch", "--until-done"])
    assert (args.id, args.until_done) == ("g-0123456789", True)
    args = _args(["advance", "g-0123456789", "--to", "SUCCEEDED"])
    assert (args.id, args.to, args.func) == ("g-0123456789", "SUCCEEDED", run_advance)
    args = _args(["reset"])
    assert args.func is run_reset and args.endpoint == "http://127.0.0.1:4566"
    monkeypatch.setenv("DOCKYARD_ENDPOINT", "http://elsewhere:4566")
    assert _args(["jobs"]).endpoint == "http://elsewhere:4566"


def test_jobs_and_watch_over_http(served, make_kind, scope):
    endpoint, engine = served
    kind = make_kind(min_phase_seconds={"INITIALIZING": 0.05, "ANALYZING_DATA": 0.05, "IMPORTING": 0.05})
    jobs = [engine.start(kind, scope=scope, parent_id=f"g-{i}") for i in range(3)]
    engine.wait(engine.start(make_kind(name="export"), scope=scope, clock="instant").id)
    console = _console()
    assert run_jobs(_args(["jobs", "--endpoint", endpoint]), console) == 0
    listing = console.export_text()
    assert all(job.id in listing for job in jobs) and "toy" in listing

    console = _console()
    args = _args(["jobs", "--endpoint", endpoint, "--watch", "--until-done", "--interval", "0.02", "--service", "toy"])
    assert run_jobs(args, console) == 0
    text = console.export_text()
    assert all(job.id in text for job in jobs)
    assert "SUCCEEDED" in text and "━" in text and "0 active" in text
    assert all(engine.get(job.id).terminal for job in jobs)


def test_reset_over_http(served, make_kind, scope):
    endpoint, engine = served
    engine.start(make_kind(), scope=scope, clock="manual")
    console = _console()
    assert run_reset(_args(["reset", "--endpoint", endpoint]), console) == 0
    assert "reset" in console.export_text() and engine.list() == []


def test_unreachable_endpoint_is_a_clear_error(capsys):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    endpoint = f"http://127.0.0.1:{port}"
    assert run_jobs(_args(["jobs", "--endpoint", endpoint]), _console()) == 1
    assert run_reset(_args(["reset", "--endpoint", endpoint]), _console()) == 1
    assert "Is `dockyard serve` running?" in capsys.readouterr().err.replace("\n", " ")
