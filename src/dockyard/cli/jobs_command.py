"""``dockyard jobs`` (list, ``--watch`` with live progress bars), ``dockyard advance`` and ``dockyard reset``.

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

    def list_jobs(self, service: str | None = None, known_by: str | None = None) -> list[dict[str, Any]]:
        """Jobs (of ``service``; known by the id ``known_by``: a graph, task, bot, import id...)."""
        params = {k: v for k, v in (("service", service), ("id", known_by)) if v}
        query = "?" + urllib.parse.urlencode(params) if params else ""
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


def shown_progress(job: dict[str, Any]) -> float:
    """The percentage shown: a running job never shows 100 (it is not done until its status says so)."""
    progress = max(0.0, min(100.0, float(job.get("progress") or 0.0)))
    return progress if job.get("terminal") else min(progress, 99.0)


def status_text(job: dict[str, Any]) -> Text:
    """The status, then what holds it (paused, a clock other than instant) in words that may wrap
    onto a second line: the status itself is never cut."""
    outcome = job.get("outcome")
    style = _OUTCOME_STYLES.get(outcome or "", "cyan" if not job.get("terminal") else "magenta")
    text = Text(str(job.get("status", "?")), style=style)
    notes = []
    if job.get("paused"):
        notes.append("(paused)")
    if job.get("clock") and job.get("clock") != "instant" and not job.get("terminal"):
        notes.append(f"[{job['clock']}]")
    if notes:
        text.append(" " + " ".join(notes), style="dim")
    return text


class ColumnWidths:
    """Column widths that only grow while a watch runs, so redraws do not shift the columns."""

    def __init__(self) -> None:
        self.widths: dict[str, int] = {"SERVICE": 7, "KIND": 4, "ID": 2, "STATUS": 6, "STATUS_NOTES": 6}

    def update(self, jobs: Sequence[dict[str, Any]]) -> ColumnWidths:
        for job in jobs:
            for column, key in (("SERVICE", "service"), ("KIND", "kind"), ("ID", "id"), ("STATUS", "status")):
                self.widths[column] = max(self.widths[column], len(str(job.get(key, ""))))
            self.widths["STATUS_NOTES"] = max(self.widths["STATUS_NOTES"], len(status_text(job).plain))
        return self

    def __getitem__(self, column: str) -> int:
        return self.widths[column]


BAR_WIDTH = 20
PERCENT_WIDTH = 6  # "100.0%"
PROGRESS_WIDTH = 8  # the header
AGE_WIDTH = 6  # "59m59s"
PADDING = 3 * 5  # between two columns: a space of padding each side and the divider


def column_widths(widths: ColumnWidths, width: int | None, bars: bool) -> dict[str, int]:
    """Each column's width: the widest value seen, shortened to fit ``width`` (the terminal's) by
    folding KIND and ID; SERVICE, STATUS, PROGRESS and AGE are never cut. Bars take what is left
    (up to ``BAR_WIDTH``)."""
    out = {"SERVICE": widths["SERVICE"], "KIND": widths["KIND"], "ID": widths["ID"], "STATUS": widths["STATUS"],
           "PROGRESS": PROGRESS_WIDTH, "AGE": AGE_WIDTH}
    if width is None:
        out["STATUS"] = widths["STATUS_NOTES"]
        if bars:
            out["PROGRESS"] = BAR_WIDTH + 1 + PERCENT_WIDTH
        return out
    fixed = out["SERVICE"] + out["STATUS"] + out["PROGRESS"] + out["AGE"] + PADDING
    room = max(8, width - fixed)
    if out["KIND"] + out["ID"] > room:
        out["KIND"] = min(out["KIND"], max(4, room * 2 // 5))
        out["ID"] = max(2, room - out["KIND"])
    spare = room - out["KIND"] - out["ID"]
    notes = min(spare, widths["STATUS_NOTES"] - out["STATUS"])  # the notes on the status's line, if room
    out["STATUS"] += notes
    spare -= notes
    if bars and spare >= 8:  # a bar of 5 at least beside the percentage
        out["PROGRESS"] = PERCENT_WIDTH + 1 + min(BAR_WIDTH, out["PROGRESS"] + spare - PERCENT_WIDTH - 1)
    return out


def render_jobs(
    jobs: Sequence[dict[str, Any]],
    now: float | None = None,
    bars: bool = False,
    widths: ColumnWidths | None = None,
    width: int | None = None,
) -> RenderableType:
    """The jobs as a table: service, kind, id, status, progress, age (with progress bars if ``bars``).

    ``widths`` (kept across redraws) keeps the columns from shifting; ``width`` (the terminal's)
    fits the table in it: at 80 columns statuses are whole, kinds and ids fold onto a second line."""
    now = time.time() if now is None else now
    if not jobs:
        return Text("No jobs yet; waiting for one to start (Ctrl-C to stop)." if bars else "No jobs.", style="dim")
    cols = column_widths(widths or ColumnWidths().update(jobs), width, bars)
    bar_width = cols["PROGRESS"] - PERCENT_WIDTH - 1 if bars and cols["PROGRESS"] > PROGRESS_WIDTH else 0
    table = Table(box=box.SIMPLE_HEAD, expand=False, show_lines=False, header_style="bold", pad_edge=False,
                  show_edge=False)
    table.add_column("SERVICE", no_wrap=True, width=cols["SERVICE"])
    table.add_column("KIND", overflow="fold", width=cols["KIND"])
    table.add_column("ID", overflow="fold", width=cols["ID"])
    table.add_column("STATUS", width=cols["STATUS"])
    table.add_column("PROGRESS", no_wrap=True, justify="right" if bar_width <= 0 else "left", width=cols["PROGRESS"])
    table.add_column("AGE", no_wrap=True, justify="right", width=cols["AGE"])
    for job in jobs:
        progress = shown_progress(job)
        percent = Text(f"{progress:5.1f}%")
        cell: RenderableType = percent
        if bar_width > 0:
            style = _OUTCOME_STYLES.get(job.get("outcome") or "", "bar.complete")
            bar = ProgressBar(total=100.0, completed=progress, width=bar_width, complete_style=style)
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
    until_done: bool = False,
) -> list[dict[str, Any]]:
    """Redraw the jobs with progress bars, waiting for new ones, until Ctrl-C (or ``max_seconds``).
    ``until_done``: return once a job has run during the watch and none is running any more (a
    watch started while none runs waits for the first). Returns the last list."""
    widths = ColumnWidths()
    started = time.monotonic()
    seen_active = False
    with Live(console=console, auto_refresh=False, transient=False) as live:
        while True:
            jobs = fetch()
            active = not all_terminal(jobs)
            seen_active = seen_active or active
            table = render_jobs(jobs, clock(), bars=True, widths=widths.update(jobs), width=console.width)
            live.update(Group(table, summary_line(jobs)), refresh=True)
            if until_done and seen_active and not active:
                return jobs
            if max_seconds is not None and time.monotonic() - started >= max_seconds:
                return jobs
            sleep(interval)


def run_jobs(args: argparse.Namespace, console: Console | None = None) -> int:
    console = console or Console()
    client = ControlClient(args.endpoint)
    try:
        if args.watch:
            watch_jobs(lambda: client.list_jobs(args.service, args.id), console, interval=args.interval,
                       until_done=args.until_done)
        else:
            jobs = client.list_jobs(args.service, args.id)
            console.print(render_jobs(jobs, width=console.width))
    except ControlPlaneError as exc:
        Console(stderr=True).print(f"[red]{exc}[/red]")
        return 1
    except KeyboardInterrupt:
        return 0  # the way to end a watch
    return 0


def run_advance(args: argparse.Namespace, console: Console | None = None) -> int:
    """``dockyard advance ID [--to STATUS]``: move a held job on (manual clock)."""
    console = console or Console()
    doc: dict[str, Any] = {} if args.to is None else {"to": args.to}
    path = "/_dockyard/jobs/" + urllib.parse.quote(args.id, safe="") + "/advance"
    try:
        job = ControlClient(args.endpoint).request("POST", path, doc)["job"]
    except ControlPlaneError as exc:
        Console(stderr=True).print(f"[red]{exc}[/red]")
        return 1
    console.print(render_jobs([job], width=console.width))
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
    """Register ``dockyard jobs [ID] [--endpoint URL] [--watch [--until-done]] [--service S] [--interval S]``
    and ``dockyard advance ID [--to STATUS]``."""
    p = subparsers.add_parser(
        "jobs",
        help="list the jobs of a running Dockyard (--watch: live progress bars)",
        description="List import/export jobs of every service of a running Dockyard.",
    )
    p.add_argument("id", nargs="?", default=None, metavar="ID",
                   help="only the jobs this id names: a job, task, import or export id, an ARN, or the "
                        "graph, bot or knowledge base a job acts on")
    p.add_argument("--endpoint", default=_default_endpoint(), help=f"default {DEFAULT_ENDPOINT}")
    p.add_argument("--watch", action="store_true",
                   help="redraw with progress bars, waiting for new jobs, until Ctrl-C")
    p.add_argument("--until-done", action="store_true",
                   help="with --watch: exit once a job has run and none is running any more")
    p.add_argument("--service", default=None, help="only this service (e.g. neptune-graph)")
    p.add_argument("--interval", type=float, default=0.5, help="seconds between redraws (--watch)")
    p.set_defaults(func=run_jobs)

    a = subparsers.add_parser(
        "advance",
        help="move a held job (manual clock) on by one status, or --to a status",
        description="Advance a job of a running Dockyard: by its id or any id AWS gave you "
                    "(task, import, export id, ARN, or the graph/bot it acts on).",
    )
    a.add_argument("id", metavar="ID")
    a.add_argument("--to", default=None, metavar="STATUS", help="let it run until this status")
    a.add_argument("--endpoint", default=_default_endpoint(), help=f"default {DEFAULT_ENDPOINT}")
    a.set_defaults(func=run_advance)


def add_reset_parser(subparsers: argparse._SubParsersAction) -> None:
    """Register ``dockyard reset [--endpoint URL]``."""
    p = subparsers.add_parser(
        "reset",
        help="forget every job, resource and injected fault of a running Dockyard",
        description="Reset a running Dockyard to an empty state.",
    )
    p.add_argument("--endpoint", default=_default_endpoint(), help=f"default {DEFAULT_ENDPOINT}")
    p.set_defaults(func=run_reset)
