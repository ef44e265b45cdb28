"""``create-graph-import`` (CreateGraphUsingImportTask): the import job of ``import_task``, on a graph
that is CREATING until the import starts and FAILED if it fails."""

from dockyard.service_kit import JobKind
from dockyard.services.neptune_graph import SPEC
from dockyard.services.neptune_graph.jobs.import_task import IMPORT_KIND_FIELDS
from dockyard.services.neptune_graph.resources.import_tasks import CREATE_KIND

SPEC.job_kind(JobKind(name=CREATE_KIND, **IMPORT_KIND_FIELDS))
