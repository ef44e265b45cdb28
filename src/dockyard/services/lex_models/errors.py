"""Lex V1's errors, with the codes the ``lex-models`` model allows (BadRequestException for bad input)."""

from __future__ import annotations

from typing import Any

from dockyard.service_kit import AwsError


def bad_request(message: str) -> AwsError:
    return AwsError("BadRequestException", message)


def not_found(message: str) -> AwsError:
    return AwsError("NotFoundException", message)


def conflict(message: str) -> AwsError:
    return AwsError("ConflictException", message)


def precondition_failed(message: str) -> AwsError:
    return AwsError("PreconditionFailedException", message)


def limit_exceeded(message: str) -> AwsError:
    return AwsError("LimitExceededException", message)


def in_use(message: str, reference_type: str, example: dict[str, Any]) -> AwsError:
    return AwsError("ResourceInUseException", message, referenceType=reference_type, exampleReference=example)
