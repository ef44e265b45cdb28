"""Neptune Analytics import tasks: starting one and the task as GetImportTask shows it. The job
(``jobs/import_task.py``): INITIALIZING -> ANALYZING_DATA -> IMPORTING -> SUCCEEDED,
ROLLING_BACK -> FAILED, CANCELLING -> CANCELLED.

Two kinds share one concurrency group (one import at a time per graph): ``import-task``
(StartImportTask into an existing empty graph) and ``create-graph-import``
(CreateGraphUsingImportTask, whose graph is CREATING until the import starts and FAILED if it fails).
"""

from __future__ import annotations

from typing import Any

from dockyard.service_kit import JobRecord, RequestContext
from dockyard.services.neptune_graph.errors import invalid
from dockyard.services.neptune_graph.resources import graphs
from dockyard.services.neptune_graph.resources.graph_stores import graph_stores
from dockyard.services.neptune_graph.resources.graphs import set_status
from dockyard.services.neptune_graph.resources.task_records import find_task, task_fields, timing

SERVICE = "neptune-graph"
START_KIND = "import-task"
CREATE_KIND = "create-graph-import"
KINDS = (START_KIND, CREATE_KIND)
TASK_FIELDS = ("source", "format", "parquetType", "roleArn", "importOptions")
INPUT_FIELDS = ("source", "format", "parquetType", "blankNodeHandling", "failOnError", "roleArn", "importOptions")


def task_input(params: dict[str, Any]) -> dict[str, Any]:
    return {k: params[k] for k in INPUT_FIELDS if params.get(k) is not None}


def check_params(params: dict[str, Any]) -> None:
    if params.get("format") == "NTRIPLES" and params.get("blankNodeHandling") != "convertToIri":
        raise invalid("blankNodeHandling must be convertToIri when format is NTRIPLES.")
    if params.get("parquetType") and params.get("format") not in (None, "PARQUET"):
        raise invalid("parquetType can only be given when format is PARQUET.")


def start(ctx: RequestContext, params: dict[str, Any]) -> JobRecord:
    """StartImportTask: into an existing, AVAILABLE and empty graph."""
    check_params(params)
    db = ctx.deps.db
    graph = graphs.load(db, ctx.scope, params["graphIdentifier"])
    graphs.require_available(graph, "an import")
    if not graph_stores(ctx.deps).get(graph["id"]).is_empty():
        raise invalid(f"Graph {graph['id']} is not empty. Bulk import needs an empty graph: call ResetGraph first.")
    jobs = ctx.deps.jobs
    with db.transaction():  # the graph shows IMPORTING from this call on; the job's end waits for it
        set_status(db, ctx.scope, graph["id"], "IMPORTING")
        return jobs.start(jobs.kind(SERVICE, START_KIND), scope=ctx.scope, input=task_input(params),
                          parent_id=graph["id"])


def create_graph(ctx: RequestContext, params: dict[str, Any]) -> JobRecord:
    """CreateGraphUsingImportTask: a new graph, CREATING until its import starts."""
    check_params(params)
    graph = graphs.new_graph(ctx, {**params, "provisionedMemory": params.get("maxProvisionedMemory") or 128})
    db, jobs = ctx.deps.db, ctx.deps.jobs
    with db.transaction():
        db.put(ctx.scope, graphs.KIND, graph["id"], graph)
        return jobs.start(jobs.kind(SERVICE, CREATE_KIND), scope=ctx.scope, input=task_input(params),
                          parent_id=graph["id"])


def find(ctx: RequestContext, task_id: str) -> JobRecord:
    return find_task(ctx, task_id, KINDS, "Import task")


def listed(ctx: RequestContext) -> list[JobRecord]:
    return [r for r in ctx.deps.jobs.list(scope=ctx.scope) if r.kind in KINDS]


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
