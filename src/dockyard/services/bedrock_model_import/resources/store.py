"""Model import jobs and imported models: their documents in the store."""

from __future__ import annotations

import os
from typing import Any

from dockyard.service_kit import Scope

JOB = "model-import-job"
MODEL = "imported-model"


def quota(name: str, default: int) -> int:
    try:
        return int(os.environ.get(name, default))
    except ValueError:
        return default


def max_concurrent_jobs() -> int:
    return quota("DOCKYARD_BEDROCK_MAX_IMPORT_JOBS", 1)


def max_imported_models() -> int:
    return quota("DOCKYARD_BEDROCK_MAX_IMPORTED_MODELS", 3)


def find(db: Any, scope: Scope, kind: str, identifier: str) -> dict[str, Any] | None:
    """By ARN or name."""
    for doc in db.list(scope, kind):
        if identifier in (doc["arn"], doc["name"]):
            return doc
    return None
