"""The ``test-set-discrepancy`` job kind: InProgress -> Completed / Failed, one per
CreateTestSetDiscrepancyReport (job id = report id, parent id = test set id).

The body reads the test set and the target locale as they are when it runs, finds the
discrepancies (``formats/discrepancies``), writes the raw output to the internal bucket and keeps
the top errors in the job's details; the record is the report's state. A test set or target
deleted meanwhile fails the report with the not-found message. Recovery is ``retry``: the body
only reads and overwrites its one file.
"""

from __future__ import annotations

from typing import Any

from dockyard.service_kit import AwsError, JobContext, JobKind, Scope, ServiceDeps
from dockyard.services.lexv2_models import SPEC
from dockyard.services.lexv2_models.formats.discrepancies import find_discrepancies, raw_output, top_errors
from dockyard.services.lexv2_models.jobs.common import COMMON
from dockyard.services.lexv2_models.resources import discrepancy_reports, test_sets, upload_store


def _body(ctx: JobContext) -> None:
    report = ctx.input
    try:
        test_set = test_sets.load(ctx.db, ctx.scope, report["testSetId"])
        lk = discrepancy_reports.target_locale(ctx.db, ctx.scope, report["target"])
    except AwsError as err:
        ctx.fail(err.message)
    found = find_discrepancies(test_set.get("turns") or [], discrepancy_reports.locale_intents(ctx.db, lk))
    header = {"testSetDiscrepancyReportId": ctx.job_id, "testSetId": report["testSetId"],
              "target": report["target"], "botVersion": lk.bot_version}
    upload_store.ensure_bucket(ctx.deps, ctx.scope)
    ctx.deps.blobs.put_bytes(upload_store.discrepancy_report_location(ctx.scope, ctx.job_id),
                             raw_output(found, header), content_type="application/json")
    ctx.details(topErrors=top_errors(found))


KIND = SPEC.job_kind(JobKind(name="test-set-discrepancy", body=_body, initial_status="InProgress",
                             phases=("Completed",), min_phase_seconds={"InProgress": 5.0}, **COMMON))


def start(deps: ServiceDeps, scope: Scope, doc: dict[str, Any]) -> None:
    """Start the report's job (inside the handler's transaction)."""
    job_input = {"testSetId": doc["testSetId"], "target": doc["target"]}
    deps.jobs.start(deps.jobs.kind(KIND.service, KIND.name), scope=scope, input=job_input,
                    parent_id=doc["testSetId"], job_id=doc["testSetDiscrepancyReportId"])
