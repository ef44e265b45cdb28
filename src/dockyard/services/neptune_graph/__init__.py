"""Neptune Analytics (``neptune-graph``): graphs, import tasks, export tasks, graph summaries."""

from dockyard.service_kit import ServiceSpec

SPEC = ServiceSpec(
    name="neptune-graph",
    validation_fields={"reason": "CONSTRAINT_VIOLATION"},
)
