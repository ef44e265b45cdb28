"""The Lex V2 errors our handlers raise, with AWS-like messages."""

from __future__ import annotations

from dockyard.protocol.errors import AwsError


def not_found(message: str) -> AwsError:
    return AwsError("ResourceNotFoundException", message)


def validation(message: str) -> AwsError:
    return AwsError("ValidationException", message)


def conflict(message: str) -> AwsError:
    return AwsError("ConflictException", message)


def precondition(message: str) -> AwsError:
    return AwsError("PreconditionFailedException", message)


def quota(message: str) -> AwsError:
    return AwsError("ServiceQuotaExceededException", message)
