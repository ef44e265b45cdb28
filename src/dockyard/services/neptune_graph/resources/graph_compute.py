"""How much compute a graph has: ``provisionedMemory`` (deprecated) or ``computeConfiguration``.

botocore's neptune-graph model made ``provisionedMemory`` optional (minimum 1 in the model) and added the
``computeConfiguration`` union (``provisionedGraph.memory`` or ``graphSession.minMemory``). The service
still documents "Min = 16" for provisioned memory; Dockyard enforces that with the validator's wording.
"""

from __future__ import annotations

import os
from typing import Any

from dockyard.services.neptune_graph.errors import invalid

MIN_PROVISIONED_MEMORY = 16
ROWS_PER_MNCU = 250_000  # binding rows a query may hold per m-NCU of the graph (docs/decisions.md)
ROW_BUDGET_ENV = "DOCKYARD_NEPTUNE_QUERY_ROW_BUDGET"  # lowers the budget (tests, small machines)


def _below_minimum(value: int, path: str) -> Exception:
    return invalid(
        f"1 validation error detected: Value '{value}' at '{path}' failed to satisfy constraint: "
        f"Member must have value greater than or equal to {MIN_PROVISIONED_MEMORY}",
        reason="CONSTRAINT_VIOLATION",
    )


def compute_settings(params: dict[str, Any], *, required: bool) -> dict[str, Any]:
    """The ``provisionedMemory`` and ``computeConfiguration`` members a graph stores for ``params``.

    Both given is refused; neither is refused when ``required`` (CreateGraph, RestoreGraphFromSnapshot),
    and answers ``{}`` otherwise (UpdateGraph leaves the compute as it is).
    """
    memory = params.get("provisionedMemory")
    compute = params.get("computeConfiguration")
    if memory is not None and compute is not None:
        raise invalid("Specify either provisionedMemory or computeConfiguration, not both.")
    if compute is not None:
        provisioned = compute.get("provisionedGraph")
        if provisioned is None:
            return {"provisionedMemory": None, "computeConfiguration": compute}
        if provisioned["memory"] < MIN_PROVISIONED_MEMORY:
            raise _below_minimum(provisioned["memory"], "computeConfiguration.provisionedGraph.memory")
        return {"provisionedMemory": provisioned["memory"], "computeConfiguration": compute}
    if memory is None:
        if required:
            raise invalid("Either provisionedMemory or computeConfiguration must be specified.")
        return {}
    if memory < MIN_PROVISIONED_MEMORY:
        raise _below_minimum(memory, "provisionedMemory")
    return {"provisionedMemory": memory, "computeConfiguration": {"provisionedGraph": {"memory": memory}}}


def query_row_budget(graph: dict[str, Any]) -> int:
    """The binding rows one query's intermediate results may hold on ``graph``: ``ROWS_PER_MNCU`` per
    m-NCU of its memory (``provisionedMemory``, else a graph session's ``minMemory``), lowered to
    ``DOCKYARD_NEPTUNE_QUERY_ROW_BUDGET`` when that is set to a smaller positive integer."""
    session = (graph.get("computeConfiguration") or {}).get("graphSession") or {}
    memory = graph.get("provisionedMemory") or session.get("minMemory") or MIN_PROVISIONED_MEMORY
    budget = memory * ROWS_PER_MNCU
    raw = os.environ.get(ROW_BUDGET_ENV, "").strip()
    try:
        return min(budget, max(1, int(raw))) if raw else budget
    except ValueError:
        return budget
