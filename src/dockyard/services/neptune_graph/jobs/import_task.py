"""``import-task`` (StartImportTask): read the source files into the graph. Its fields, body and
hooks are shared with ``create-graph-import`` (one import at a time per graph). Recovery is
``retry``: the graph was empty when the task started, so attempt 2 empties it first (a load committed
before the restart is not loaded twice)."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path
from typing import Any

from dockyard.service_kit import JobContext, JobKind, LimitError, random_id
from dockyard.services.neptune_graph import SPEC
from dockyard.services.neptune_graph.formats.errors import ImportFailed
from dockyard.services.neptune_graph.resources.graph_stores import graph_stores
from dockyard.services.neptune_graph.resources.graphs import set_status
from dockyard.services.neptune_graph.resources.import_pipeline import run_import
from dockyard.services.neptune_graph.resources.import_source import SourceProblem, fetch, infer_format, list_source
from dockyard.services.neptune_graph.resources.import_tasks import CREATE_KIND, SERVICE, START_KIND

NEPTUNE_SOURCE_REASON = (
    "Importing from a Neptune Database cluster or snapshot (importOptions.neptune) is not available in "
    "Dockyard. Export the data to S3 in CSV, openCypher, Parquet or N-Triples format and import it from there."
)


def run(ctx: JobContext) -> None:
    params = ctx.input
    graph_id = ctx.job.parent_id
    deps = ctx.deps
    if params.get("importOptions", {}).get("neptune"):
        ctx.fail(NEPTUNE_SOURCE_REASON)
    set_status(deps.db, ctx.scope, graph_id, "IMPORTING")
    if ctx.attempt > 1:  # the graph was empty when the task started: what it holds is an earlier attempt's
        graph_stores(deps).get(graph_id).reset()
    ctx.phase("ANALYZING_DATA")
    try:
        location, objects = list_source(deps.blobs, params["source"], ctx.scope.account)
    except SourceProblem as exc:
        ctx.fail(str(exc))
    ctx.check_cancelled()
    with tempfile.TemporaryDirectory(prefix="dockyard-import-") as tmp:
        files = fetch(deps.blobs, location.bucket, objects, Path(tmp))
        fmt = params.get("format") or infer_format(files)
        ctx.details(format=fmt)
        ctx.phase("IMPORTING")
        last = [0.0]

        def progress(done: int, total: int) -> None:
            now = time.monotonic()
            if now - last[0] > 0.05 or done >= total:
                last[0] = now
                ctx.progress(100.0 * done / total if total else 100.0)

        try:
            result = run_import(
                files,
                fmt,
                graph_stores(deps).get(graph_id),
                fail_on_error=params.get("failOnError", True),
                on_progress=progress,
                check_cancelled=ctx.check_cancelled,
                blank_node_prefix=f"http://aws.amazon.com/neptune/vocab/v01/BNode/{ctx.job_id}/",
            )
        except ImportFailed as exc:
            ctx.details(errorCount=max(1, int(ctx.job.details.get("errorCount", 0))), errorDetails=str(exc))
            ctx.fail(str(exc))
    ctx.details(
        statementCount=result.statementCount,
        dictionaryEntryCount=result.dictionaryEntryCount,
        errorCount=result.errorCount,
        errorDetails=result.errorDetails,
    )
    ctx.progress(100.0)


def succeeded(ctx: JobContext) -> None:
    set_status(ctx.deps.db, ctx.scope, ctx.job.parent_id, "AVAILABLE")


def failed(ctx: JobContext) -> None:
    graph_stores(ctx.deps).get(ctx.job.parent_id).reset()
    if ctx.job.kind == CREATE_KIND:
        set_status(ctx.deps.db, ctx.scope, ctx.job.parent_id, "FAILED", ctx.job.status_reason)
    else:
        set_status(ctx.deps.db, ctx.scope, ctx.job.parent_id, "AVAILABLE")


def cancelled(ctx: JobContext) -> None:
    graph_stores(ctx.deps).get(ctx.job.parent_id).reset()
    set_status(ctx.deps.db, ctx.scope, ctx.job.parent_id, "AVAILABLE")


IMPORT_KIND_FIELDS: dict[str, Any] = {
    "service": SERVICE,
    "body": run,
    "initial_status": "INITIALIZING",
    "phases": ("ANALYZING_DATA", "IMPORTING", "SUCCEEDED"),
    "failed_status": "FAILED",
    "rollback_status": "ROLLING_BACK",
    "cancelling_status": "CANCELLING",
    "cancelled_status": "CANCELLED",
    "recovery": "retry",
    "min_phase_seconds": {"INITIALIZING": 2.0, "ANALYZING_DATA": 3.0, "IMPORTING": 5.0, "ROLLING_BACK": 2.0},
    "max_running_per_parent": 1,
    "parent_limit_error": LimitError(
        "ConflictException",
        "An import task ({active_id}) is already running on graph {parent}.",
        fields={"reason": "CONCURRENT_MODIFICATION"},
    ),
    "concurrency_group": "import",
    "id_factory": lambda: random_id(10, prefix="t-"),
    "on_succeeded": succeeded,
    "on_failed": failed,
    "on_cancelled": cancelled,
}

SPEC.job_kind(JobKind(name=START_KIND, **IMPORT_KIND_FIELDS))
