"""``dockyard serve``: start the emulator on one port."""

from __future__ import annotations

import argparse
import logging
import os
from pathlib import Path


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
    p.add_argument("--log-level", default="warning", help="uvicorn log level (default warning)")
    p.set_defaults(func=run_serve)


def run_serve(args: argparse.Namespace) -> int:
    import uvicorn
    from moto import mock_aws

    from dockyard.runtime import Runtime, Settings
    from dockyard.server.asgi_app import DockyardApp

    logging.basicConfig(level=args.log_level.upper(), format="%(levelname)s %(name)s: %(message)s")
    public = f"http://{'127.0.0.1' if args.host in ('0.0.0.0', '::') else args.host}:{args.port}"
    settings = Settings(data_dir=args.data_dir, job_clock=args.job_clock, public_endpoint=public)
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
    runtime = Runtime(settings)
    app = DockyardApp(runtime)
    config = uvicorn.Config(
        app, host=args.host, port=args.port, log_level=args.log_level, http="httptools", lifespan="on"
    )
    print(f"Dockyard listening on {public} (data: {args.data_dir or 'in memory'}, jobs: {args.job_clock})")
    try:
        uvicorn.Server(config).run()
    finally:
        if embedded_s3:
            moto_mock.stop(reset=False)
    return 0
