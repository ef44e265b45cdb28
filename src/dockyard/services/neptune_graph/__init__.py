"""Neptune Analytics (``neptune-graph``): graphs, import tasks, export tasks, graph summaries."""

from dockyard.services.service_spec import ServiceSpec

SPEC = ServiceSpec(
    name="neptune-graph",
    validation_fields={"reason": "CONSTRAINT_VIOLATION"},
)
