"""Neptune Analytics (``neptune-graph``): graphs, import tasks, export tasks, graph summaries."""

from dockyard.service_kit import ServiceSpec

SPEC = ServiceSpec(
    name="neptune-graph",
    validation_fields={"reason": "CONSTRAINT_VIOLATION"},
)
# langchain-aws sends GetGraphSummary(mode="detailed"); the real service accepts it (docs/decisions.md)
SPEC.accept_enum_case("GetGraphSummary", "mode")
