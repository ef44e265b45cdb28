"""``python -m bench [NAME ...]``: run the benchmarks, write bench/results/*.json, quote them in README.md.

Each ``bench/bench_<name>.py`` has a ``main()`` that writes ``bench/results/<name>.json``. The README
section between ``<!-- bench:start -->`` and ``<!-- bench:end -->`` is rebuilt from every result file.
"""

from __future__ import annotations

import argparse
import importlib
import inspect
import json
import pkgutil
import sys
from pathlib import Path

import bench

ROOT = Path(__file__).resolve().parent
README = ROOT.parent / "README.md"


def flatten(doc: object, prefix: str = "") -> list[tuple[str, object]]:
    """Every leaf of a result document as ``(dotted.path, value)``. A list of records is spelt by
    each record's ``case`` (or ``name``) when it has one, else by its index; a list of plain values
    stays one value."""
    if isinstance(doc, dict):
        out: list[tuple[str, object]] = []
        for k, v in doc.items():
            out += flatten(v, f"{prefix}.{k}" if prefix else str(k))
        return out
    if isinstance(doc, list) and doc and all(isinstance(item, dict) for item in doc):
        out = []
        for i, item in enumerate(doc):
            key = next((k for k in ("case", "name") if isinstance(item.get(k), str) and item[k]), None)
            rest = {k: v for k, v in item.items() if k != key}
            out += flatten(rest, f"{prefix}[{item[key] if key else i}]")
        return out
    return [(prefix, doc)]


# (result file, path inside it, what it measures, the goal it answers)
HEADLINES = [
    ("wire", "servers.dockyard_serve_startup_s", "`dockyard serve` start-up to healthy (s)", "< 1.5"),
    ("wire", "servers.dockyard_GetGraph.p50_ms", "GetGraph round trip p50, server (ms)", "below moto"),
    ("wire", "servers.moto_server_GetRestApi.p50_ms", "moto_server GetRestApi p50, same client (ms)", ""),
    ("wire", "servers.dockyard_GetGraph.requests_per_s", "GetGraph requests/s, 8 clients", "above moto"),
    ("wire", "servers.moto_server_GetRestApi.requests_per_s", "moto_server GetRestApi requests/s, 8 clients", ""),
    ("wire", "servers.dockyard_GetImportTask_poll.requests_per_s", "GetImportTask polls/s, 8 clients", "as any read"),
    ("wire", "handlers.pool.GetGraph.requests_per_s", "GetGraph requests/s, 8 clients, handler pool (same run)",
     ">= inline"),
    ("wire", "handlers.inline.GetGraph.requests_per_s", "the same, handlers inline on the event loop (before)", ""),
    ("wire", "handlers.pool.GetGraph_with_a_slow_call_in_flight.requests_per_s",
     "GetGraph requests/s with a 0.5 s call in flight, handler pool", "unhurt"),
    ("wire", "handlers.inline.GetGraph_with_a_slow_call_in_flight.requests_per_s",
     "the same, handlers inline (before)", ""),
    ("wire", "in_process.in_process_p50_ratio_dockyard_over_moto", "dockyard.mock() / mock_aws p50 ratio", "< 1"),
    ("jobs_engine", "memory_db.latency.mean_ms", "job engine overhead, start to terminal (ms)", "< 5"),
    ("neptune_import", "cases.2.seconds", "StartImportTask to SUCCEEDED, 100k vertices + 1M edges CSV (s)",
     "faster than ladybug COPY"),
    ("neptune_import", "cases.3.seconds", "ladybug COPY of the same files (s)", ""),
    ("neptune_import", "cases.2.peak_rss_mb", "peak RSS of that import (MB)", "< 1024"),
    ("neptune_import", "cases.4.seconds", "N-Triples 1M triples (s)", "< 4"),
    ("neptune_export", "cases.csv.export_seconds", "export 1M-edge graph to CSV (s)", "<= 1.5x import"),
    ("neptune_export", "cases.parquet.export_seconds", "export 1M-edge graph to Parquet (s)", "< CSV"),
    ("neptune_query", "summary.queries_at_or_below_ladybug",
     "ExecuteQuery (boto3, in-process): queries of the 20 at or below ladybug's time", "20"),
    ("neptune_query", "summary.median_ratio_warm", "median of Dockyard / ladybug over the 20", "< 0.5"),
    ("neptune_query", "front_door_ms", "ExecuteQuery of RETURN 1 through boto3 in-process (ms)", ""),
    ("neptune_query", "large_result.dockyard_warm_ms", "a 100k-row answer through boto3 (ms)", "< 500"),
    ("neptune_query", "beyond_summary.median_ratio_warm", "median Dockyard / ladybug, 8 queries beyond the 20",
     ""),
    ("neptune_query_writes", "cases.single_creates_boto3.seconds", "10,000 single-row CREATEs through boto3 (s)",
     "< 5"),
    ("lexv2_bot", "createSeconds", "Lex V2: create a 100 x 500-utterance, 50 x 1,000-value bot via boto3 (s)", ""),
    ("lexv2_bot", "buildSeconds", "Lex V2 build of that locale (s)", "< 1"),
    ("lexv2_import_export", "import_seconds", "Lex V2 import of that bot (s)", "< 1"),
    ("lexv2_import_export", "export_seconds", "Lex V2 export of that bot (s)", "< 1"),
    ("qconnect", "import_100_rows_seconds", "Q in Connect: import of 100 quick responses (s)", "< 0.2"),
    ("qconnect", "import_10_files_slowest_seconds", "slowest of 10 x 100-row imports into one base (s)", "< 0.2"),
    ("qconnect", "search_1000_p50_ms", "SearchQuickResponses p50 over 1,000 (ms)", "< 5"),
    ("qconnect", "query_assistant_200_matching_contents_p50_ms",
     "QueryAssistant p50 over 200 contents, every one matching (ms)", ""),
    ("lexv1", "import_seconds", "Lex V1 StartImport of a 100 x 100-utterance, 20 x 500-value bot (s)", "< 1"),
    ("lexv1", "export_seconds", "Lex V1 GetExport (LEX) of that bot to READY (s)", "< 1"),
    ("lexv1", "migration_seconds", "Lex V1 StartMigration of that bot to Lex V2, COMPLETED (s)", "< 1"),
    ("bedrock_import", "import_s", "Bedrock: import of a 4 x 256 MB model to Completed (s)", "< 1"),
    ("bedrock_import", "bytes_read_from_s3", "bytes that import reads from S3", "< 1 MB"),
]


def _lookup(doc: object, path: str) -> object:
    for part in path.split("."):
        if isinstance(doc, list) and part.isdigit() and int(part) < len(doc):
            doc = doc[int(part)]
        elif isinstance(doc, dict) and part in doc:
            doc = doc[part]
        else:
            return None
    return doc


def headlines() -> str:
    rows = ["| measure | value | goal |", "|---|---|---|"]
    for name, path, label, goal in HEADLINES:
        file = ROOT / "results" / f"{name}.json"
        value = _lookup(json.loads(file.read_text()), path) if file.exists() else None
        if value is not None:
            rows.append(f"| {label} | {value} | {goal} |")
    return "\n".join(rows)


def render() -> str:
    parts = [headlines(), "", "<details><summary>Every figure</summary>", ""]
    for path in sorted((ROOT / "results").glob("*.json")):
        rows = flatten(json.loads(path.read_text()))
        parts.append(f"**{path.stem}** (`bench/results/{path.name}`)\n\n| measure | value |\n|---|---|")
        parts += [f"| {k} | {_cell(v)} |" for k, v in rows]
        parts.append("")
    parts.append("</details>")
    return "\n".join(parts)


def _cell(value: object) -> str:
    text = ", ".join(map(str, value)) if isinstance(value, list) else str(value)
    return text.replace("|", "\\|")


def update_readme() -> None:
    text = README.read_text()
    start, end = "<!-- bench:start -->", "<!-- bench:end -->"
    head, _, rest = text.partition(start)
    _, _, tail = rest.partition(end)
    README.write_text(f"{head}{start}\n{render()}\n{end}{tail}")


def available() -> list[str]:
    return sorted(m.name[len("bench_"):] for m in pkgutil.iter_modules(bench.__path__) if m.name.startswith("bench_"))


def parse_args(argv: list[str]) -> argparse.Namespace:
    names = available()
    parser = argparse.ArgumentParser(
        prog="python -m bench",
        description="Run benchmarks, write bench/results/<name>.json and rebuild the README's figure tables "
                    "(between <!-- bench:start --> and <!-- bench:end -->) from every result file.",
    )
    parser.add_argument("names", nargs="*", metavar="NAME",
                        help=f"benchmarks to run (default: all): {', '.join(names)}")
    parser.add_argument("--readme-only", action="store_true",
                        help="run nothing; rebuild the README tables from the result files as they are")
    args = parser.parse_args(argv)
    unknown = [n for n in args.names if n not in names]
    if unknown:
        parser.error(f"unknown benchmark(s): {', '.join(unknown)} (choose from {', '.join(names)})")
    return args


def main(argv: list[str]) -> None:
    args = parse_args(argv)
    for name in [] if args.readme_only else (args.names or available()):
        print(f"== bench {name}", flush=True)
        entry = importlib.import_module(f"bench.bench_{name}").main
        # benchmarks with options run their defaults (the command line here names benchmarks)
        entry([]) if inspect.signature(entry).parameters else entry()
    update_readme()


if __name__ == "__main__":
    main(sys.argv[1:])
