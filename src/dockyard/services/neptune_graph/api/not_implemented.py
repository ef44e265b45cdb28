"""Operations of the neptune-graph model Dockyard does not implement, and why (NotImplementedException)."""

from __future__ import annotations

from dockyard.services.neptune_graph import SPEC

SPEC.declare_not_implemented(
    "Queries run synchronously inside ExecuteQuery; query tracking and cancellation are not built yet",
    "GetQuery", "ListQueries", "CancelQuery",
)
