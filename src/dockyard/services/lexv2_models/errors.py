"""The Lex V2 errors our handlers raise, with AWS-like messages."""

from __future__ import annotations

from dockyard.service_kit import AwsError


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


class ImportRefused(Exception):
    """The import cannot be applied; nothing was changed. ``reasons`` are full sentences."""

    def __init__(self, reasons: list[str]) -> None:
        self.reasons = list(dict.fromkeys(reasons)) or ["The import failed."]
        super().__init__(self.reasons[0] if len(self.reasons) == 1
                         else f"{len(self.reasons)} problems were found in the import file.")
