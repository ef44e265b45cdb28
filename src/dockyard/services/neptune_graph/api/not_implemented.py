"""Operations of the neptune-graph model Dockyard does not implement, and why (NotImplementedException)."""

from __future__ import annotations

from dockyard.services.neptune_graph import SPEC

SPEC.declare_not_implemented(
    "Graph snapshots are not built yet",
    "CreateGraphSnapshot", "GetGraphSnapshot", "ListGraphSnapshots", "DeleteGraphSnapshot", "RestoreGraphFromSnapshot",
)
SPEC.declare_not_implemented(
    "Stopping and starting a graph is not built yet",
    "StopGraph", "StartGraph",
)
SPEC.declare_not_implemented(
    "Private graph endpoints are not built yet",
    "CreatePrivateGraphEndpoint", "GetPrivateGraphEndpoint", "ListPrivateGraphEndpoints", "DeletePrivateGraphEndpoint",
)
