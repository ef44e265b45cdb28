"""Test-set discrepancy reports: CreateTestSetDiscrepancyReport, DescribeTestSetDiscrepancyReport."""

from __future__ import annotations

from typing import Any

from dockyard.service_kit import RequestContext
from dockyard.services.lexv2_models import operation
from dockyard.services.lexv2_models.jobs import discrepancy_report
from dockyard.services.lexv2_models.resources import discrepancy_reports

Params = dict[str, Any]


@operation("CreateTestSetDiscrepancyReport")
def create_test_set_discrepancy_report(ctx: RequestContext, params: Params) -> dict[str, Any]:
    db = ctx.deps.db
    with db.transaction():
        doc = discrepancy_reports.create(db, ctx.scope, params)
        discrepancy_report.start(ctx.deps, ctx.scope, doc)
    return doc


@operation("DescribeTestSetDiscrepancyReport")
def describe_test_set_discrepancy_report(ctx: RequestContext, params: Params) -> dict[str, Any]:
    doc = discrepancy_reports.load(ctx.deps.db, ctx.scope, params["testSetDiscrepancyReportId"])
    return discrepancy_reports.view(ctx.deps, ctx.scope, doc)
