"""Test set operations on imported test sets: DescribeTestSet, ListTestSets, ListTestSetRecords,
UpdateTestSet, DeleteTestSet."""

from __future__ import annotations

from typing import Any

from dockyard.service_kit import RequestContext
from dockyard.services.lexv2_models import operation
from dockyard.services.lexv2_models.resources import list_query, test_sets

Params = dict[str, Any]
SORT_FIELDS = {"TestSetName": "testSetName", "LastUpdatedDateTime": "lastUpdatedDateTime"}


@operation("DescribeTestSet")
def describe_test_set(ctx: RequestContext, params: Params) -> dict[str, Any]:
    return test_sets.load(ctx.deps.db, ctx.scope, params["testSetId"])


@operation("ListTestSets")
def list_test_sets(ctx: RequestContext, params: Params) -> dict[str, Any]:
    docs = test_sets.list_test_sets(ctx.deps.db, ctx.scope)
    docs = list_query.apply_sort(docs, params.get("sortBy"), SORT_FIELDS, "testSetName")
    page, token = list_query.page(docs, params)
    return {"testSets": page, "nextToken": token}


@operation("ListTestSetRecords")
def list_test_set_records(ctx: RequestContext, params: Params) -> dict[str, Any]:
    doc = test_sets.load(ctx.deps.db, ctx.scope, params["testSetId"])
    page, token = list_query.page(test_sets.records(doc), params)
    return {"testSetRecords": page, "nextToken": token}


@operation("UpdateTestSet")
def update_test_set(ctx: RequestContext, params: Params) -> dict[str, Any]:
    return test_sets.update_test_set(ctx.deps.db, ctx.scope, params["testSetId"], params)


@operation("DeleteTestSet")
def delete_test_set(ctx: RequestContext, params: Params) -> dict[str, Any]:
    test_sets.delete_test_set(ctx.deps.db, ctx.scope, params["testSetId"])
    return {}
