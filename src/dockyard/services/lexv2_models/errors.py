"""The Lex V2 errors our handlers raise, with AWS-like messages."""

from __future__ import annotations

from functools import cache
from typing import Any

from dockyard.service_kit import AwsError, service_model


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


# -- not found, as each operation's model allows it ---------------------------------------------------
MISSING_MESSAGE = "Failed to retrieve resource since it does not exist"  # AWS's text (DeleteIntent)


@cache
def _model_errors(operation: str) -> frozenset[str]:
    return frozenset(e.name for e in service_model("lexv2-models").operation_model(operation).error_shapes)


def as_the_model_allows(operation: str, err: AwsError) -> AwsError:
    """A not-found error as ``operation`` answers it: the Create/Update/Build/Delete* operations whose
    model lists only ``PreconditionFailedException`` (412) answer that, with AWS's wording."""
    if err.code != "ResourceNotFoundException":
        return err
    allowed = _model_errors(operation)
    if "ResourceNotFoundException" not in allowed and "PreconditionFailedException" in allowed:
        return AwsError("PreconditionFailedException", f"{MISSING_MESSAGE}: {err.message}")
    return err


def empty_list_answer(operation: str, params: dict[str, Any], err: AwsError) -> dict[str, Any] | None:
    """A List* operation under a missing parent (bot, version, locale, intent) whose model lists
    neither ResourceNotFoundException nor PreconditionFailedException answers an empty page, echoing
    the ids it was given (docs/decisions.md); None for every other error."""
    allowed = _model_errors(operation)
    if (err.code != "ResourceNotFoundException" or not operation.startswith("List")
            or allowed & {"ResourceNotFoundException", "PreconditionFailedException"}):
        return None
    output = service_model("lexv2-models").operation_model(operation).output_shape
    answer: dict[str, Any] = {k: v for k, v in params.items() if k in output.members and not isinstance(v, dict | list)}
    for name, shape in output.members.items():
        if shape.type_name == "list":
            answer[name] = []
    return answer
