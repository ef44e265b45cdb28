"""Where nested archive JSON differs from the API shapes, and the translation both ways.

The export files are *almost* the Describe* responses. Observed differences in the real
``sample_airline_bot`` export [REAL], and the rest inferred from the CloudFormation
``AWS::Lex::Bot`` property names (CloudFormation builds bots through this same import format)
[CFN]:

=====================================  ===============  ===================  ======
API structure                          API member       archive key          source
=====================================  ===============  ===================  ======
DialogCodeHookInvocationSetting        active           isActive             REAL
FulfillmentCodeHookSettings            active           isActive             REAL
ConditionalSpecification               active           isActive             CFN
IntentClosingSetting                   active           isActive             CFN
IntentConfirmationSetting              active           isActive             CFN
WaitAndContinueSpecification           active           isActive             CFN
PromptSpecification                    messageGroups    messageGroupsList    REAL
ResponseSpecification                  messageGroups    messageGroupsList    CFN
StillWaitingResponseSpecification      messageGroups    messageGroupsList    CFN
=====================================  ===============  ===================  ======

``FulfillmentUpdatesSpecification.active`` and the fulfillment start/update responses'
``messageGroups`` keep the API names (as in CloudFormation). Enum values: the archive writes
``SlotValueResolutionStrategy`` as ``ORIGINAL_VALUE | TOP_RESOLUTION | CONCATENATION`` [REAL]
where the API says ``OriginalValue | TopResolution | Concatenation``.

Reading accepts both spellings of each key and value; writing emits the archive spelling.
"""

from __future__ import annotations

from typing import Any

from botocore.model import Shape

_IS_ACTIVE = ("active", "isActive")
_GROUPS_LIST = ("messageGroups", "messageGroupsList")

KEY_RENAMES: dict[str, dict[str, str]] = {
    "DialogCodeHookInvocationSetting": dict([_IS_ACTIVE]),
    "FulfillmentCodeHookSettings": dict([_IS_ACTIVE]),
    "ConditionalSpecification": dict([_IS_ACTIVE]),
    "IntentClosingSetting": dict([_IS_ACTIVE]),
    "IntentConfirmationSetting": dict([_IS_ACTIVE]),
    "WaitAndContinueSpecification": dict([_IS_ACTIVE]),
    "PromptSpecification": dict([_GROUPS_LIST]),
    "ResponseSpecification": dict([_GROUPS_LIST]),
    "StillWaitingResponseSpecification": dict([_GROUPS_LIST]),
}
"""API structure name -> {API member: archive key}."""

ENUM_RENAMES: dict[str, dict[str, str]] = {
    "SlotValueResolutionStrategy": {
        "OriginalValue": "ORIGINAL_VALUE",
        "TopResolution": "TOP_RESOLUTION",
        "Concatenation": "CONCATENATION",
    },
}
"""API enum shape name -> {API value: archive value}."""


def archive_key(structure: Shape, member: str) -> str:
    """The archive key of API ``member`` of ``structure``."""
    return KEY_RENAMES.get(structure.name, {}).get(member, member)


def api_member(structure: Shape, key: str) -> str | None:
    """The API member a key of an archive object stands for (either spelling), or ``None``."""
    if key in structure.members:
        return key
    for member, renamed in KEY_RENAMES.get(structure.name, {}).items():
        if renamed == key:
            return member
    return None


def enum_to_api(shape: Shape, value: Any) -> Any:
    for api, archive in ENUM_RENAMES.get(shape.name, {}).items():
        if value == archive:
            return api
    return value


def to_api(value: Any, shape: Shape) -> Any:
    """``value`` (archive spelling) rewritten with API member names and enum values."""
    return _convert(value, shape, to_archive_side=False)


def to_archive(value: Any, shape: Shape) -> Any:
    """``value`` (API spelling) rewritten as the archive spells it."""
    return _convert(value, shape, to_archive_side=True)


def _convert(value: Any, shape: Shape, to_archive_side: bool) -> Any:
    kind = shape.type_name
    if kind == "structure" and isinstance(value, dict):
        out: dict[str, Any] = {}
        for key, item in value.items():
            member = api_member(shape, key)
            if member is None:
                out[key] = item  # unknown to the model: verbatim
                continue
            name = archive_key(shape, member) if to_archive_side else member
            out[name] = _convert(item, shape.members[member], to_archive_side)
        return out
    if kind == "list" and isinstance(value, list):
        return [_convert(item, shape.member, to_archive_side) for item in value]
    if kind == "map" and isinstance(value, dict):
        return {k: _convert(v, shape.value, to_archive_side) for k, v in value.items()}
    if kind == "string" and isinstance(value, str) and shape.name in ENUM_RENAMES:
        api = enum_to_api(shape, value)
        return ENUM_RENAMES[shape.name].get(api, api) if to_archive_side else api
    return value
