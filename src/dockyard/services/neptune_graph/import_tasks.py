"""Neptune Analytics import tasks: the job (INITIALIZING -> ANALYZING_DATA -> IMPORTING -> SUCCEEDED,
ROLLING_BACK -> FAILED, CANCELLING -> CANCELLED) and the task as GetImportTask shows it.

Two kinds share one concurrency group (one import at a time per graph): ``import-task``
(StartImportTask into an existing empty graph) and ``create-graph-import``
(CreateGraphUsingImportTask, whose graph is CREATING until the import starts and FAILED if it fails).
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path
from typing import Any

from dockyard.jobs import JobContext, JobKind, JobRecord, LimitError
from dockyard.service_kit import random_id
from dockyard.services.neptune_graph.formats.errors import ImportFailed
from dockyard.services.neptune_graph.graph_lifecycle import set_status
from dockyard.services.neptune_graph.graph_stores import graph_stores
from dockyard.services.neptune_graph.import_pipeline import run_import
from dockyard.services.neptune_graph.import_source import SourceProblem, fetch, infer_format, list_source
from dockyard.services.neptune_graph.task_records import task_fields, timing

SERVICE = "neptune-graph"
START_KIND = "import-task"
CREATE_KIND = "create-graph-import"
KINDS = (START_KIND, CREATE_KIND)
NEPTUNE_SOURCE_REASON = (
    "Importing from a Neptune Database cluster or snapshot (importOptions.neptune) is not available in "
    "Dockyard. Export the data to S3 in CSV, openCypher, Parquet or N-Triples format and import it from there."
)
TASK_FIELDS = ("source", "format", "parquetType", "roleArn", "importOptions")


def job_kinds(runtime: Any) -> list[JobKind]:
    def body(ctx: JobContext) -> None:
        _run(runtime, ctx)

    def succeeded(ctx: JobContext) -> None:
        set_status(ctx.db, ctx.scope, ctx.job.parent_id, "AVAILABLE")

    def failed(ctx: JobContext) -> None:
        graph_stores(runtime).get(ctx.job.parent_id).reset()
        if ctx.job.kind == CREATE_KIND:
            set_status(ctx.db, ctx.scope, ctx.job.parent_id, "FAILED", ctx.job.status_reason)
        else:
            set_status(ctx.db, ctx.scope, ctx.job.parent_id, "AVAILABLE")

    def cancelled(ctx: JobContext) -> None:
        graph_stores(runtime).get(ctx.job.parent_id).reset()
        set_status(ctx.db, ctx.scope, ctx.job.parent_id, "AVAILABLE")

    common: dict[str, Any] = {
        "service": SERVICE,
        "body": body,
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
    return [JobKind(name=START_KIND, **common), JobKind(name=CREATE_KIND, **common)]


def _run(runtime: Any, ctx: JobContext) -> None:
    params = ctx.input
    graph_id = ctx.job.parent_id
    if params.get("importOptions", {}).get("neptune"):
        ctx.fail(NEPTUNE_SOURCE_REASON)
    set_status(ctx.db, ctx.scope, graph_id, "IMPORTING")
    ctx.phase("ANALYZING_DATA")
    try:
        location, objects = list_source(runtime.blobs, params["source"])
    except SourceProblem as exc:
        ctx.fail(str(exc))
    ctx.check_cancelled()
    with tempfile.TemporaryDirectory(prefix="dockyard-import-") as tmp:
        files = fetch(runtime.blobs, location.bucket, objects, Path(tmp))
        fmt = params.get("format") or infer_format(files)
        ctx.details(format=fmt)
        ctx.phase("IMPORTING")
        last = [0.0]

        def progress(done: int, total: int) -> None:
            now = time.monotonic()
            if now - last[0] > 0.05 or done >= total:
                last[0] = now
                ctx.progress(100.0 * done / total if total else 100.0)

        store = graph_stores(runtime).get(graph_id)
        try:
            result = run_import(
                files,
                fmt,
                store,
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


# -- the task as the API shows it -------------------------------------------------------------------
def summary_view(record: JobRecord) -> dict[str, Any]:
    out = task_fields(record, TASK_FIELDS)
    if "format" not in out and record.details.get("format"):
        out["format"] = record.details["format"]
    return out


def detail_view(record: JobRecord) -> dict[str, Any]:
    out = summary_view(record)
    out["attemptNumber"] = record.attempt
    if record.status_reason:
        out["statusReason"] = record.status_reason
    if record.started_at is not None:
        d = record.details
        details = {
            "status": record.status,
            **timing(record),
            "errorCount": int(d.get("errorCount", 0)),
            "statementCount": int(d.get("statementCount", 0)),
            "dictionaryEntryCount": int(d.get("dictionaryEntryCount", 0)),
        }
        if d.get("errorDetails"):
            details["errorDetails"] = d["errorDetails"]
        out["importTaskDetails"] = details
    return out
