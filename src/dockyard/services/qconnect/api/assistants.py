"""Assistants and assistant associations: Create/Get/List/Delete."""

from __future__ import annotations

from typing import Any

from dockyard.service_kit import RequestContext
from dockyard.services.qconnect import SPEC
from dockyard.services.qconnect.resources import assistants


@SPEC.operation("CreateAssistant")
def create_assistant(ctx: RequestContext, params: dict[str, Any]) -> dict[str, Any]:
    return {"assistant": assistants.create(ctx, params)}


@SPEC.operation("GetAssistant")
def get_assistant(ctx: RequestContext, params: dict[str, Any]) -> dict[str, Any]:
    return {"assistant": assistants.view(ctx, assistants.get(ctx, params["assistantId"]))}


@SPEC.operation("ListAssistants")
def list_assistants(ctx: RequestContext, params: dict[str, Any]) -> dict[str, Any]:
    page, token = assistants.listed(ctx, params)
    return {"assistantSummaries": page, "nextToken": token}


@SPEC.operation("DeleteAssistant")
def delete_assistant(ctx: RequestContext, params: dict[str, Any]) -> dict[str, Any]:
    assistants.delete(ctx, params["assistantId"])
    return {}


@SPEC.operation("CreateAssistantAssociation")
def create_assistant_association(ctx: RequestContext, params: dict[str, Any]) -> dict[str, Any]:
    return {"assistantAssociation": assistants.associate(ctx, params)}


@SPEC.operation("GetAssistantAssociation")
def get_assistant_association(ctx: RequestContext, params: dict[str, Any]) -> dict[str, Any]:
    doc = assistants.get_association(ctx, params["assistantId"], params["assistantAssociationId"])
    return {"assistantAssociation": assistants.association_view(ctx, doc)}


@SPEC.operation("ListAssistantAssociations")
def list_assistant_associations(ctx: RequestContext, params: dict[str, Any]) -> dict[str, Any]:
    page, token = assistants.list_associations(ctx, params)
    return {"assistantAssociationSummaries": page, "nextToken": token}


@SPEC.operation("DeleteAssistantAssociation")
def delete_assistant_association(ctx: RequestContext, params: dict[str, Any]) -> dict[str, Any]:
    assistants.delete_association(ctx, params["assistantId"], params["assistantAssociationId"])
    return {}
