"""TagResource, UntagResource, ListTagsForResource for model import jobs and imported models.

Other Bedrock resources' tags are moto's: the handlers answer NOT_MINE for their ARNs.
"""

from __future__ import annotations

from typing import Any

from dockyard.service_kit import NOT_MINE, RequestContext
from dockyard.services.bedrock_model_import import SPEC, errors
from dockyard.services.bedrock_model_import.resources import store

TAG_LIMIT = 200


def _resource(ctx: RequestContext, arn: str) -> tuple[str, dict[str, Any]] | None:
    for kind, marker in ((store.JOB, ":model-import-job/"), (store.MODEL, ":imported-model/")):
        if marker in arn:
            doc = store.find(ctx.deps.db, ctx.scope, kind, arn)
            if doc is None:
                raise errors.not_found("resource", arn)
            return kind, doc
    return None


@SPEC.operation("TagResource")
def tag_resource(ctx: RequestContext, p: dict[str, Any]) -> Any:
    found = _resource(ctx, p["resourceARN"])
    if found is None:
        return NOT_MINE
    kind, doc = found
    tags = {**doc.get("tags", {}), **{t["key"]: t["value"] for t in p["tags"]}}
    if len(tags) > TAG_LIMIT:
        raise errors.too_many_tags(p["resourceARN"], TAG_LIMIT)
    ctx.deps.db.put(ctx.scope, kind, doc["id"], {**doc, "tags": tags})
    return {}


@SPEC.operation("UntagResource")
def untag_resource(ctx: RequestContext, p: dict[str, Any]) -> Any:
    found = _resource(ctx, p["resourceARN"])
    if found is None:
        return NOT_MINE
    kind, doc = found
    tags = {k: v for k, v in doc.get("tags", {}).items() if k not in set(p["tagKeys"])}
    ctx.deps.db.put(ctx.scope, kind, doc["id"], {**doc, "tags": tags})
    return {}


@SPEC.operation("ListTagsForResource")
def list_tags_for_resource(ctx: RequestContext, p: dict[str, Any]) -> Any:
    found = _resource(ctx, p["resourceARN"])
    if found is None:
        return NOT_MINE
    return {"tags": [{"key": k, "value": v} for k, v in found[1].get("tags", {}).items()]}
