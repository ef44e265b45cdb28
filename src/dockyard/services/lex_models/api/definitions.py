"""Shared handler bodies of the three definition families (bots, intents, slot types)."""

from __future__ import annotations

from typing import Any

from dockyard.service_kit import RequestContext, paginate
from dockyard.services.lex_models import errors
from dockyard.services.lex_models.resources import definitions as defs
from dockyard.services.lex_models.resources.references import check_deletable

Params = dict[str, Any]
ACCOUNT_LIMITS = {"bot": 250, "intent": 1000, "slottype": 1000}
SUMMARY = ("name", "description", "status", "version", "lastUpdatedDate", "createdDate")


def put(ctx: RequestContext, family: defs.Family, params: Params, extra: Params | None = None) -> Params:
    db, scope = ctx.deps.db, ctx.scope
    if defs.find(db, scope, family, params["name"]) is None:
        limit = ACCOUNT_LIMITS[family.kind]
        if len(defs.latest_docs(db, scope, family)) >= limit:
            raise errors.limit_exceeded(f"You have reached the limit of {limit} {family.label.lower()}s.")
    doc = defs.put_latest(db, scope, family, params["name"], params, params.get("checksum"), ctx.deps.now(), extra)
    out = dict(doc)
    if params.get("createVersion"):
        version = defs.create_version(db, scope, family, params["name"], doc["checksum"], ctx.deps.now())
        out.update(createVersion=True, version=version["version"])
    return out


def page(items: list[Params], params: Params) -> tuple[list[Params], str | None]:
    return paginate(items, params.get("maxResults"), params.get("nextToken"), default_max=10,
                    validation_code="BadRequestException")


def listing(ctx: RequestContext, family: defs.Family, params: Params, key: str) -> Params:
    docs = defs.latest_docs(ctx.deps.db, ctx.scope, family)
    if params.get("nameContains"):
        docs = [d for d in docs if params["nameContains"] in d["name"]]
    items, token = page([{k: d.get(k) for k in SUMMARY} for d in docs], params)
    return {key: items, "nextToken": token}


def version_listing(ctx: RequestContext, family: defs.Family, params: Params, key: str) -> Params:
    defs.load(ctx.deps.db, ctx.scope, family, params["name"])
    docs = defs.versions(ctx.deps.db, ctx.scope, family, params["name"])
    items, token = page([{k: d.get(k) for k in SUMMARY} for d in docs], params)
    return {key: items, "nextToken": token}


def delete(ctx: RequestContext, family: defs.Family, name: str) -> Params:
    defs.load(ctx.deps.db, ctx.scope, family, name)
    check_deletable(ctx.deps.db, ctx.scope, family, name, None)
    defs.delete_all(ctx.deps.db, ctx.scope, family, name)
    return {}


def delete_version(ctx: RequestContext, family: defs.Family, name: str, version: str) -> Params:
    defs.load(ctx.deps.db, ctx.scope, family, name, version)
    check_deletable(ctx.deps.db, ctx.scope, family, name, version)
    defs.delete_version(ctx.deps.db, ctx.scope, family, name, version)
    return {}
