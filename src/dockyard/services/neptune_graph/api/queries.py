"""ExecuteQuery, GetQuery, ListQueries, CancelQuery: openCypher over a graph's data (the engine is
``dockyard.graph.query``). Form-encoded bodies (graph-notebook's) are decoded by the protocol layer;
``language=opencypher`` and lower-case enum spellings are accepted like AWS does."""

from __future__ import annotations

import json
import time
from typing import Any

from dockyard.graph.query import (
    ConcurrentModification,
    ConstraintViolation,
    CypherSyntaxError,
    MemoryLimitExceeded,
    QueryCancelled,
    QueryError,
    UnsupportedOperation,
    execute,
    parse,
)
from dockyard.graph.query import explain as explaining
from dockyard.graph.query.parser import parse_cached
from dockyard.graph.query.query_hints import effective_timeout_ms
from dockyard.graph.query.values import to_json
from dockyard.service_kit import AwsError, MediaPayload, RequestContext
from dockyard.services.neptune_graph import SPEC
from dockyard.services.neptune_graph.errors import graph_not_found_for_query
from dockyard.services.neptune_graph.resources import graphs
from dockyard.services.neptune_graph.resources.graph_compute import query_row_budget
from dockyard.services.neptune_graph.resources.graph_stores import graph_stores
from dockyard.services.neptune_graph.resources.query_procedures import PROCEDURES
from dockyard.services.neptune_graph.resources.running_queries import running_queries

SPEC.accept_enum_case("ExecuteQuery", "language", "explainMode", "planCache")
SPEC.accept_enum_case("ListQueries", "state")


def _queried_graph(ctx: RequestContext, graph_id: str, operation: str) -> dict[str, Any]:
    """The graph ExecuteQuery/ListQueries address: their models list no ResourceNotFoundException, so a
    missing graph is a ValidationException; a stopped graph has no compute to answer."""
    graph = ctx.deps.db.get(ctx.scope, graphs.KIND, graph_id)
    if graph is None:
        raise graph_not_found_for_query(graph_id)
    graphs.require_running(graph, operation)
    return graph


def _parse(text: str, plan_cache: str | None) -> Any:
    try:
        tree = parse(text) if plan_cache == "DISABLED" else parse_cached(text)
    except CypherSyntaxError as err:
        raise AwsError(
            "ValidationException", f"Malformed query: {err.detail} at line {err.line}, column {err.column}",
            reason="MALFORMED_QUERY",
        ) from err
    if tree.unsupported is not None:  # parses, but Neptune does not run it (also not explain it)
        raise AwsError("ValidationException", tree.unsupported, reason="UNSUPPORTED_OPERATION")
    return tree


def _run(ctx: RequestContext, graph: dict[str, Any], tree: Any, params: dict[str, Any], **kw: Any) -> list[dict]:
    timeout_ms = effective_timeout_ms(tree, params.get("queryTimeoutMilliseconds"))  # with USING's hint
    deadline = None if not timeout_ms else time.monotonic() + timeout_ms / 1000
    store = graph_stores(ctx.deps).get(graph["id"])
    registry = running_queries(ctx.deps)
    query = registry.start(graph["id"], params["queryString"])
    try:
        try:
            return execute(store, tree, params.get("parameters") or {}, deadline, PROCEDURES, cancel=query.cancel,
                           on_wait=lambda waiting: setattr(query, "waiting", waiting),
                           row_budget=query_row_budget(graph), **kw)  # fmt: skip
        except UnsupportedOperation as err:
            raise AwsError("ValidationException", str(err), reason="UNSUPPORTED_OPERATION") from err
        except ConstraintViolation as err:
            raise AwsError("ValidationException", str(err), reason="CONSTRAINT_VIOLATION") from err
        except QueryCancelled as err:
            raise AwsError("ValidationException", "Operation terminated, the query was cancelled",
                           reason="QUERY_CANCELLED") from err  # fmt: skip
        except ConcurrentModification as err:
            raise AwsError("ConflictException", str(err), reason="CONCURRENT_MODIFICATION") from err
        except (MemoryLimitExceeded, MemoryError) as err:
            raise AwsError("UnprocessableException", f"Operation terminated (out of memory): {err or 'no memory left'}",
                           reason="MEMORY_LIMIT_EXCEEDED") from err  # fmt: skip
        except QueryError as err:
            raise AwsError("ValidationException", str(err), reason="BAD_REQUEST") from err
        except TimeoutError as err:
            raise AwsError(
                "UnprocessableException", f"Operation terminated, exceeded time limit of {timeout_ms} ms",
                reason="QUERY_TIMEOUT",
            ) from err
    finally:
        registry.end(query)


@SPEC.operation("ExecuteQuery")
def execute_query(ctx: RequestContext, params: dict[str, Any]) -> dict[str, Any]:
    graph = _queried_graph(ctx, params["graphIdentifier"], "ExecuteQuery")
    tree = _parse(params["queryString"], params.get("planCache"))
    mode = params.get("explainMode")
    if mode is not None:
        steps = explaining.plan(tree)
        if mode == "DETAILS":
            _run(ctx, graph, tree, params, profile=steps, commit=False)
        if "text/html" in ctx.accept.lower():
            page = explaining.render_html(params["queryString"], steps, mode == "DETAILS")
            return {"payload": MediaPayload(page.encode(), "text/html; charset=UTF-8")}
        return {"payload": explaining.render(params["queryString"], steps, mode == "DETAILS").encode()}
    return {"payload": _payload(_run(ctx, graph, tree, params))}


def _payload(rows: list[dict[str, Any]]) -> bytes:
    """The result JSON: plain values as ``json`` writes them, the rest (nodes, relationships, paths,
    temporals) through ``to_json`` as the encoder meets them, without copying every row first (a
    100k-row answer: 40 ms instead of 100). A NaN or infinite float, which Neptune writes quoted,
    takes the value-by-value path."""
    try:
        return json.dumps({"results": rows}, default=to_json, allow_nan=False).encode()
    except ValueError:
        return json.dumps({"results": [{k: to_json(v) for k, v in row.items()} for row in rows]}).encode()


def _query(ctx: RequestContext, params: dict[str, Any]) -> Any:
    graph = graphs.load(ctx.deps.db, ctx.scope, params["graphIdentifier"])
    query = running_queries(ctx.deps).get(graph["id"], params["queryId"])
    if query is None:
        raise AwsError("ResourceNotFoundException", f"Query {params['queryId']} not found", status=404)
    return query


@SPEC.operation("GetQuery")
def get_query(ctx: RequestContext, params: dict[str, Any]) -> dict[str, Any]:
    return _query(ctx, params).summary()


@SPEC.operation("ListQueries")
def list_queries(ctx: RequestContext, params: dict[str, Any]) -> dict[str, Any]:
    graph = _queried_graph(ctx, params["graphIdentifier"], "ListQueries")
    state = params.get("state", "ALL")
    found = [q.summary() for q in running_queries(ctx.deps).of_graph(graph["id"])]
    return {"queries": [q for q in found if state == "ALL" or q["state"] == state][: params["maxResults"]]}


@SPEC.operation("CancelQuery")
def cancel_query(ctx: RequestContext, params: dict[str, Any]) -> dict[str, Any]:
    _query(ctx, params).cancel.set()
    return {}
