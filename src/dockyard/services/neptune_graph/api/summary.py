"""GetGraphSummary."""

from __future__ import annotations

import time
from typing import Any

from dockyard.service_kit import RequestContext
from dockyard.services.neptune_graph import SPEC
from dockyard.services.neptune_graph.resources import graphs
from dockyard.services.neptune_graph.resources.graph_stores import graph_stores

Params = dict[str, Any]


@SPEC.operation("GetGraphSummary")
def get_graph_summary(ctx: RequestContext, params: Params) -> dict[str, Any]:
    graph = graphs.load(ctx.deps.db, ctx.scope, params["graphIdentifier"])
    graphs.require_running(graph, "GetGraphSummary")
    summary = graph_stores(ctx.deps).get(graph["id"]).summary(detailed=params.get("mode") == "DETAILED")
    return {"version": "v1", "lastStatisticsComputationTime": time.time(), "graphSummary": summary}
