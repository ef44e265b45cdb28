"""The service kit: the one module a service imports from Dockyard's core.

A service folder (``dockyard/services/<name>/``) uses these names and nothing else of the core::

    from dockyard.service_kit import AwsError, RequestContext, ServiceSpec, paginate, ...

See ``docs/adding-a-service.md``.
"""

from dockyard.blobs import BlobStore, S3Location, parse_s3_uri
from dockyard.jobs import (
    JobCancelled,
    JobContext,
    JobControlError,
    JobFailed,
    JobKind,
    JobNotFound,
    JobRecord,
    LimitError,
    no_work,
)
from dockyard.protocol.errors import AwsError
from dockyard.protocol.http_message import MediaPayload
from dockyard.protocol.models import service_model
from dockyard.protocol.validator import validate_input
from dockyard.service_kit.context import RequestContext
from dockyard.service_kit.deps import ServiceDeps
from dockyard.service_kit.pagination import paginate
from dockyard.service_kit.resource_ids import LOWER_ALNUM, UPPER_ALNUM, random_id
from dockyard.service_kit.spec import NOT_MINE, Handler, ServiceSpec
from dockyard.store import Database
from dockyard.store.database import Scope

__all__ = [
    "LOWER_ALNUM",
    "NOT_MINE",
    "UPPER_ALNUM",
    "AwsError",
    "BlobStore",
    "Database",
    "Handler",
    "JobCancelled",
    "JobContext",
    "JobControlError",
    "JobFailed",
    "JobKind",
    "JobNotFound",
    "JobRecord",
    "LimitError",
    "MediaPayload",
    "RequestContext",
    "S3Location",
    "Scope",
    "ServiceDeps",
    "ServiceSpec",
    "no_work",
    "paginate",
    "parse_s3_uri",
    "random_id",
    "service_model",
    "validate_input",
]
