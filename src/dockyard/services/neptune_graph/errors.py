"""The errors Neptune Analytics answers (codes the botocore model allows, AWS's wording and ``reason``)."""

from __future__ import annotations

from dockyard.service_kit import AwsError


def invalid(message: str, reason: str = "ILLEGAL_ARGUMENT") -> AwsError:
    """ValidationException with its ``reason`` (ILLEGAL_ARGUMENT, CONSTRAINT_VIOLATION, ...)."""
    return AwsError("ValidationException", message, reason=reason)


def conflict(message: str) -> AwsError:
    """ConflictException: the resource is in a state that does not allow the call."""
    return AwsError("ConflictException", message, reason="CONCURRENT_MODIFICATION")


def not_found(message: str) -> AwsError:
    return AwsError("ResourceNotFoundException", message)


def graph_not_found(graph_id: str) -> AwsError:
    return not_found(f"Graph {graph_id} not found")


def graph_not_found_for_query(graph_id: str) -> AwsError:
    """ExecuteQuery's model lists no ResourceNotFoundException: a missing graph is refused as
    invalid input (docs/decisions.md, "Errors every service may answer")."""
    return invalid(f"Graph {graph_id} not found", reason="ILLEGAL_ARGUMENT")
