"""``dockyard`` entry point: sub-commands serve, jobs, reset."""

from __future__ import annotations

import argparse
import sys

from dockyard import __version__
from dockyard.cli.bedrock_command import add_bedrock_parser
from dockyard.cli.jobs_command import add_jobs_parser, add_reset_parser
from dockyard.cli.serve_command import add_serve_parser


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="dockyard",
        description="Local emulator of AWS asynchronous import and export jobs.",
    )
    parser.add_argument("--version", action="version", version=f"dockyard {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    add_serve_parser(sub)
    add_jobs_parser(sub)
    add_reset_parser(sub)
    add_bedrock_parser(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    return int(args.func(args) or 0)


if __name__ == "__main__":
    sys.exit(main())
