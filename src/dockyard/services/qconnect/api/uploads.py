"""StartContentUpload."""

from __future__ import annotations

from typing import Any

from dockyard.service_kit import RequestContext
from dockyard.services.qconnect import SPEC
from dockyard.services.qconnect.resources import knowledge_bases, uploads


@SPEC.operation("StartContentUpload")
def start_content_upload(ctx: RequestContext, params: dict[str, Any]) -> dict[str, Any]:
    kb = knowledge_bases.get(ctx, params["knowledgeBaseId"])
    return uploads.start(ctx, kb, params["contentType"], params.get("presignedUrlTimeToLive"))
