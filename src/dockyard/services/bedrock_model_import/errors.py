"""The errors of Bedrock model import, in AWS's wording."""

from __future__ import annotations

from dockyard.service_kit import AwsError


def not_found(what: str, identifier: str) -> AwsError:
    return AwsError("ResourceNotFoundException", f"The specified {what} '{identifier}' does not exist.", status=404)


def conflict(message: str) -> AwsError:
    return AwsError("ConflictException", message, status=409)


def quota(message: str) -> AwsError:
    return AwsError("ServiceQuotaExceededException", message, status=400)


def validation(message: str) -> AwsError:
    return AwsError("ValidationException", message, status=400)


def too_many_tags(arn: str, limit: int) -> AwsError:
    return AwsError(
        "TooManyTagsException",
        f"The number of tags on resource {arn} would exceed the limit of {limit}.",
        status=400,
        resourceName=arn,
    )
