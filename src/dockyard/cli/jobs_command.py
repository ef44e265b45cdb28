"""``dockyard jobs`` (list, ``--watch`` with live progress bars) and ``dockyard reset``.

Both talk to a running Dockyard's control plane (``/_dockyard/...``) over plain HTTP (urllib). The
rendering is a pure function of the job list (``render_jobs``), so it can be tested by capturing a
``rich`` console.
"""

from __future__ import annotations

import argparse
import json
import os
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Sequence
from typing import Any

from rich import box
from rich.console import Console, Group, RenderableType
from rich.live import Live
from rich.progress_bar import ProgressBar
from rich.table import Table
from rich.text import Text

DEFAULT_ENDPOINT = "http://127.0.0.1:4566"
_OUTCOME_STYLES = {"succeeded": "green", "failed": "red", "cancelled": "yellow", "ended": "magenta"}


class ControlPlaneError(RuntimeError):
    """The control plane could not be reached or refused the request."""


# -- the client ----------------------------------------------------------------------------------
class ControlClient:
    """A tiny JSON client for ``/_dockyard/`` routes."""

    def __init__(self, endpoint: str, timeout: float = 10.0) -> None:
        self.endpoint = endpoint.rstrip("/")
        self.timeout = timeout

    def request(self, method: str, path: str, doc: dict[str, Any] | None = None) -> dict[str, Any]:
        data = None if doc is None else json.dumps(doc).encode()
        request = urllib.request.Request(self.endpoint + path, data=data, method=method)
        request.add_header("Content-Type", "application/json")
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                return json.loads(response.read() or b"{}")
        except urllib.error.HTTPError as exc:
            try:
                message = json.loads(exc.read()).get("message") or exc.reason
            except (ValueError, AttributeError):
                message = exc.reason
            raise ControlPlaneError(f"{method} {path}: HTTP {exc.code}: {message}") from exc
        except (urllib.error.URLError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            raise ControlPlaneError(
                f"Could not reach Dockyard at {self.endpoint} ({reason}). Is `dockyard serve` running?"
            ) from exc

    def list_jobs(self, service: str | None = None) -> list[dict[str, Any]]:
        query = "" if not service else "?" + urllib.parse.urlencode({"service": service})
        return list(self.request("GET", "/_dockyard/jobs" + query).get("jobs", []))

    def reset(self) -> dict[str, Any]:
        return self.request("POST", "/_dockyard/reset", {})


# -- rendering (pure) ------------------------------------------------------------------------------
def format_age(seconds: float) -> str:
    """``42s``, ``3m05s``, ``2h07m``, ``3d04h``."""
    seconds = max(0, int(seconds))
    if seconds < 60:
        return f"{seconds}s"
    minutes, seconds = divmod(seconds, 60)
    if minutes < 60:
        return f"{minutes}m{seconds:02d}s"
    hours, minutes = divmod(minutes, 60)
    if hours < 24:
        return f"{hours}h{minutes:02d}m"
    days, hours = divmod(hours, 24)
    return f"{days}d{hours:02d}h"


def status_text(job: dict[str, Any]) -> Text:
    outcome = job.get("outcome")
    style = _OUTCOME_STYLES.get(outcome or "", "cyan" if not job.get("terminal") else "magenta")
    label = str(job.get("status", "?"))
    if job.get("paused"):
        label += " (paused)"
    if job.get("clock") and job.get("clock") != "instant" and not job.get("terminal"):
        label += f" [{job['clock']}]"
    return Text(label, style=style)


def render_jobs(jobs: Sequence[dict[str, Any]], now: float | None = None, bars: bool = False) -> RenderableType:
    """The jobs as a table: service, kind, id, status, progress, age (with progress bars if ``bars``)."""
    now = time.time() if now is None else now
    if not jobs:
        return Text("No jobs.", style="dim")
    table = Table(box=box.SIMPLE_HEAD, expand=False, show_lines=False, header_style="bold")
    table.add_column("SERVICE", no_wrap=True)
    table.add_column("KIND", no_wrap=True)
    table.add_column("ID", no_wrap=True, overflow="fold")
    table.add_column("STATUS", no_wrap=True)
    table.add_column("PROGRESS", no_wrap=True, justify="right" if not bars else "left")
    table.add_column("AGE", no_wrap=True, justify="right")
    for job in jobs:
        progress = float(job.get("progress") or 0.0)
        percent = Text(f"{progress:5.1f}%")
        cell: RenderableType = percent
        if bars:
            style = _OUTCOME_STYLES.get(job.get("outcome") or "", "bar.complete")
            bar = ProgressBar(total=100.0, completed=progress, width=20, complete_style=style)
            cell = _bar_cell(bar, percent)
        table.add_row(
            str(job.get("service", "")),
            str(job.get("kind", "")),
            str(job.get("id", "")),
            status_text(job),
            cell,
            format_age(now - (now if job.get("createdAt") is None else float(job["createdAt"]))),
        )
    return table


def _bar_cell(bar: ProgressBar, percent: Text) -> RenderableType:
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column(no_wrap=True, justify="right")
    grid.add_row(bar, percent)
    return grid


def all_terminal(jobs: Sequence[dict[str, Any]]) -> bool:
    return all(job.get("terminal") for job in jobs)


def summary_line(jobs: Sequence[dict[str, Any]]) -> Text:
    active = sum(1 for j in jobs if not j.get("terminal"))
    return Text(f"{len(jobs)} job(s), {active} active", style="dim")


# -- commands --------------------------------------------------------------------------------------
def watch_jobs(
    fetch: Callable[[], list[dict[str, Any]]],
    console: Console,
    interval: float = 0.5,
    max_seconds: float | None = None,
    clock: Callable[[], float] = time.time,
    sleep: Callable[[float], None] = time.sleep,
) -> list[dict[str, Any]]:
    """Redraw the jobs with progress bars until every job is terminal; returns the last list."""
    jobs = fetch()
    started = time.monotonic()
    with Live(console=console, auto_refresh=False, transient=False) as live:
        while True:
            live.update(Group(render_jobs(jobs, clock(), bars=True), summary_line(jobs)), refresh=True)
            if all_terminal(jobs):
                return jobs
            if max_seconds is not None and time.monotonic() - started >= max_seconds:
                return jobs
            sleep(interval)
            jobs = fetch()


def run_jobs(args: argparse.Namespace, console: Console | None = None) -> int:
    console = console or Console()
    client = ControlClient(args.endpoint)
    try:
        if args.watch:
            watch_jobs(lambda: client.list_jobs(args.service), console, interval=args.interval)
        else:
            jobs = client.list_jobs(args.service)
            console.print(render_jobs(jobs))
    except ControlPlaneError as exc:
        Console(stderr=True).print(f"[red]{exc}[/red]")
        return 1
    except KeyboardInterrupt:
        return 130
    return 0


def run_reset(args: argparse.Namespace, console: Console | None = None) -> int:
    console = console or Console()
    try:
        ControlClient(args.endpoint).reset()
    except ControlPlaneError as exc:
        Console(stderr=True).print(f"[red]{exc}[/red]")
        return 1
    console.print(f"Dockyard at {args.endpoint} reset: every job, resource and fault is gone.")
    return 0


def _default_endpoint() -> str:
    return os.environ.get("DOCKYARD_ENDPOINT") or DEFAULT_ENDPOINT


def add_jobs_parser(subparsers: argparse._SubParsersAction) -> None:
    """Register ``dockyard jobs [--endpoint URL] [--watch] [--service S] [--interval SECONDS]``."""
    p = subparsers.add_parser(
        "jobs",
        help="list the jobs of a running Dockyard (--watch: live progress bars)",
        description="List import/export jobs of every service of a running Dockyard.",
    )
    p.add_argument("--endpoint", default=_default_endpoint(), help=f"default {DEFAULT_ENDPOINT}")
    p.add_argument("--watch", action="store_true", help="redraw with progress bars until every job ends")
    p.add_argument("--service", default=None, help="only this service (e.g. neptune-graph)")
    p.add_argument("--interval", type=float, default=0.5, help="seconds between redraws (--watch)")
    p.set_defaults(func=run_jobs)


def add_reset_parser(subparsers: argparse._SubParsersAction) -> None:
    """Register ``dockyard reset [--endpoint URL]``."""
    p = subparsers.add_parser(
        "reset",
        help="forget every job, resource and injected fault of a running Dockyard",
        description="Reset a running Dockyard to an empty state.",
    )
    p.add_argument("--endpoint", default=_default_endpoint(), help=f"default {DEFAULT_ENDPOINT}")
    p.set_defaults(func=run_reset)
