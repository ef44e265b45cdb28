"""The errors of Amazon Q in Connect, with the codes its botocore model allows and AWS's wording."""

from __future__ import annotations

from dockyard.service_kit import AwsError


def not_found(kind: str, resource_id: str) -> AwsError:
    return AwsError("ResourceNotFoundException", f"{kind} not found: {resource_id}", resourceName=resource_id)


def conflict(message: str) -> AwsError:
    return AwsError("ConflictException", message)


def quota(message: str) -> AwsError:
    return AwsError("ServiceQuotaExceededException", message)


def invalid(message: str) -> AwsError:
    return AwsError("ValidationException", message)


def precondition_failed(message: str) -> AwsError:
    return AwsError("PreconditionFailedException", message)
