"""``dockyard serve``: start the emulator on one port."""

from __future__ import annotations

import argparse
import inspect
import logging
import os
import signal
import socket
import sys
from pathlib import Path
from typing import Any

# On SIGTERM/SIGINT, connections with requests in flight get this long before they are closed; the
# shutdown then releases calls held by delay faults and joins the handler threads still running
# (their state changes land before the database closes).
GRACEFUL_SHUTDOWN_SECONDS = 5


def add_serve_parser(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "serve",
        help="start the emulator (our services + moto's S3 and the rest) on one port",
        description=(
            "Serve Neptune Analytics, Lex V2, Lex V1, Q in Connect and Bedrock import/export jobs, "
            "and everything moto serves (S3 included), on one port. Point any SDK at it with "
            "AWS_ENDPOINT_URL=http://127.0.0.1:4566."
        ),
    )
    p.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=4566, help="port to bind (default 4566)")
    p.add_argument(
        "--data-dir",
        type=Path,
        default=os.environ.get("DOCKYARD_DATA_DIR") or None,
        help="keep state (resources, jobs, graphs) in this folder across restarts; default: in memory",
    )
    p.add_argument(
        "--job-clock",
        choices=["instant", "realistic", "manual"],
        default=os.environ.get("DOCKYARD_JOB_CLOCK", "instant"),
        help="how fast jobs move through their phases (default instant; env DOCKYARD_JOB_CLOCK)",
    )
    p.add_argument(
        "--handler-threads",
        type=int,
        default=None,
        help=(
            "threads that run API handlers, so a slow call does not hold up the others (default 8; "
            "env DOCKYARD_HANDLER_THREADS; 0 runs them on the event loop, for benchmarks only)"
        ),
    )
    p.add_argument("--log-level", default="warning", help="uvicorn log level (default warning)")
    p.set_defaults(func=run_serve)


def run_serve(args: argparse.Namespace) -> int:
    import uvicorn
    from moto import mock_aws

    from dockyard.runtime import Runtime, Settings
    from dockyard.server.asgi_app import DockyardApp, handler_threads_from_env

    logging.basicConfig(level=args.log_level.upper(), format="%(levelname)s %(name)s: %(message)s")
    public = f"http://{'127.0.0.1' if args.host in ('0.0.0.0', '::') else args.host}:{args.port}"
    settings = Settings(
        data_dir=args.data_dir, job_clock=args.job_clock, public_endpoint=public, embedded_s3_on_disk=True
    )
    embedded_s3 = settings.s3_endpoint is None
    moto_mock = mock_aws()
    if embedded_s3:
        # Dockyard's own S3 client reaches the moto backends this process serves, in-process.
        moto_mock.start(reset=False)
    if not embedded_s3:
        from dockyard.blobs.s3_blobs import external_s3_problem

        problem = external_s3_problem(settings.s3_endpoint)
        if problem:
            print(f"WARNING: {problem}", flush=True)
    taken = port_taken(args.host, args.port)
    if taken:
        if embedded_s3:
            stop_moto(moto_mock)
        print(f"dockyard serve: {taken}; pick another port with --port (make run PORT=...)", file=sys.stderr)
        return 2
    try:
        threads = handler_threads_from_env() if args.handler_threads is None else args.handler_threads
        if threads < 0:
            raise ValueError(f"--handler-threads must be 0 or more, not {threads}")
    except ValueError as exc:
        if embedded_s3:
            stop_moto(moto_mock)
        print(f"dockyard serve: {exc}", file=sys.stderr)
        return 2
    runtime = Runtime(settings)
    app = DockyardApp(runtime, handler_threads=threads)
    config = uvicorn.Config(
        app, host=args.host, port=args.port, log_level=args.log_level, http="httptools", lifespan="on",
        timeout_graceful_shutdown=GRACEFUL_SHUTDOWN_SECONDS,
    )
    server = uvicorn.Server(config)

    def stop_gracefully(signum: int, frame: object) -> None:  # SIGTERM/SIGINT: shut down, exit 0
        server.should_exit = True

    # uvicorn installs its own handlers while it runs and re-raises the signal afterwards: these
    # receive that re-raise, so the process ends through the shutdown path below with exit 0.
    signal.signal(signal.SIGTERM, stop_gracefully)
    signal.signal(signal.SIGINT, stop_gracefully)
    print(f"Dockyard listening on {public} (data: {args.data_dir or 'in memory'}, jobs: {args.job_clock})")
    try:
        server.run()
    finally:
        if embedded_s3:
            stop_moto(moto_mock)
    return 0


def port_taken(host: str, port: int) -> str | None:
    """Why ``host:port`` cannot be bound (None: it can)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as exc:
            return f"cannot listen on {host}:{port} ({exc.strerror or exc})"
    return None


def stop_moto(moto_mock: Any) -> None:
    """Stop moto's stubber keeping its state, with the argument every moto 5.x the pin allows has."""
    params = inspect.signature(moto_mock.stop).parameters
    if "reset" in params:
        moto_mock.stop(reset=False)
    elif "remove_data" in params:
        moto_mock.stop(remove_data=False)
    else:
        moto_mock.stop()
