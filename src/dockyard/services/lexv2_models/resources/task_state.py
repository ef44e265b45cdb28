"""The state of an import or export, read from its job record (job id = import/export id).

An import or export is a job: its status, failure reasons and last update are the job's, as
Neptune's tasks are. The import/export document holds only what the job does not (what was asked,
when; what an import created). No hook copies job state into a document.
"""

from __future__ import annotations

from typing import Any

from dockyard.service_kit import JobRecord, Scope, ServiceDeps

Doc = dict[str, Any]


def job(deps: ServiceDeps, scope: Scope, job_id: str) -> JobRecord | None:
    return deps.jobs.find(job_id, scope=scope)


def failure_reasons(record: JobRecord) -> list[str]:
    """The reasons of a Failed job: the ones its body recorded (an import's every problem), else the
    message it failed with."""
    if record.status != "Failed":
        return []
    reasons = record.details.get("failureReasons")
    if reasons:
        return list(reasons)
    return [record.status_reason or "The job failed."]


def read(deps: ServiceDeps, scope: Scope, job_id: str, status_member: str, noun: str) -> Doc:
    """``{status_member, failureReasons, lastUpdatedDateTime}`` of the import/export ``job_id``."""
    record = job(deps, scope, job_id)
    if record is None:  # only a hand-edited store gets here: say so rather than guess a status
        return {status_member: "Failed", "failureReasons": [f"{noun} {job_id} has no job record."]}
    return {status_member: record.status, "failureReasons": failure_reasons(record),
            "lastUpdatedDateTime": record.updated_at}


def running(deps: ServiceDeps, scope: Scope, job_id: str) -> bool:
    record = job(deps, scope, job_id)
    return record is not None and not record.terminal


def forget(deps: ServiceDeps, scope: Scope, job_id: str) -> None:
    """Delete the finished job of a forgotten import/export (a job still running is left to finish)."""
    record = job(deps, scope, job_id)
    if record is not None and record.terminal:
        deps.jobs.delete(job_id)
