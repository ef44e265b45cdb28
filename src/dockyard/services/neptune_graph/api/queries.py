"""ExecuteQuery: openCypher over a graph's data (the engine is ``dockyard.graph.query``)."""

from __future__ import annotations

import json
import time
from typing import Any

from dockyard.graph.query import (
    ConcurrentModification,
    ConstraintViolation,
    CypherSyntaxError,
    QueryCancelled,
    QueryError,
    UnsupportedOperation,
    execute,
    parse,
)
from dockyard.graph.query.parser import parse_cached
from dockyard.graph.query.values import to_json
from dockyard.service_kit import AwsError, RequestContext
from dockyard.services.neptune_graph import SPEC
from dockyard.services.neptune_graph.resources import graphs
from dockyard.services.neptune_graph.resources.graph_stores import graph_stores
from dockyard.services.neptune_graph.resources.query_procedures import PROCEDURES


@SPEC.operation("ExecuteQuery")
def execute_query(ctx: RequestContext, params: dict[str, Any]) -> dict[str, Any]:
    graph = graphs.load(ctx.deps.db, ctx.scope, params["graphIdentifier"])
    text = params["queryString"]
    try:
        tree = parse(text) if params.get("planCache") == "DISABLED" else parse_cached(text)
    except CypherSyntaxError as err:
        raise AwsError(
            "ValidationException", f"Malformed query: {err.detail} at line {err.line}, column {err.column}",
            reason="MALFORMED_QUERY",
        ) from err
    timeout_ms = params.get("queryTimeoutMilliseconds")
    deadline = None if not timeout_ms else time.monotonic() + timeout_ms / 1000
    store = graph_stores(ctx.deps).get(graph["id"])
    try:
        rows = execute(store, tree, params.get("parameters") or {}, deadline, PROCEDURES)
    except UnsupportedOperation as err:
        raise AwsError("ValidationException", str(err), reason="UNSUPPORTED_OPERATION") from err
    except ConstraintViolation as err:
        raise AwsError("ValidationException", str(err), reason="CONSTRAINT_VIOLATION") from err
    except QueryCancelled as err:
        raise AwsError("ValidationException", str(err), reason="QUERY_CANCELLED") from err
    except ConcurrentModification as err:
        raise AwsError("ConflictException", str(err), reason="CONCURRENT_MODIFICATION") from err
    except QueryError as err:
        raise AwsError("ValidationException", str(err), reason="BAD_REQUEST") from err
    except TimeoutError as err:
        raise AwsError(
            "UnprocessableException", f"Operation terminated, exceeded time limit of {timeout_ms} ms",
            reason="QUERY_TIMEOUT",
        ) from err
    results = [{k: to_json(v) for k, v in row.items()} for row in rows]
    return {"payload": json.dumps({"results": results}).encode()}
