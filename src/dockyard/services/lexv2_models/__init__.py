"""Amazon Lex V2 model building (`lexv2-models`): bots, locales, intents, slots, slot types,
custom vocabulary, versions and locale builds. See ``docs/lexv2-resources.md``.

Parts: ``api/`` (handlers), ``resources/`` (rules and storage), ``jobs/`` (one module per job kind),
``formats/`` (the import/export file formats: no storage, no HTTP), ``errors.py``.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

from dockyard.service_kit import AwsError, Handler, RequestContext, ServiceSpec
from dockyard.services.lexv2_models.errors import as_the_model_allows, empty_list_answer
from dockyard.services.lexv2_models.resources.read_only import refuse_changes_to_replica

SPEC = ServiceSpec(name="lexv2-models")


def operation(name: str) -> Callable[[Handler], Handler]:
    """``SPEC.operation(name)`` whose errors are those the operation's model allows: a missing
    resource answers PreconditionFailedException where the model lists no ResourceNotFoundException,
    and a List* under a missing parent whose model lists neither answers an empty page. A change to
    a replica bot in its replica region is refused (``resources/read_only``)."""

    def register(fn: Handler) -> Handler:
        @functools.wraps(fn)
        def handler(ctx: RequestContext, params: dict) -> dict:
            try:
                refuse_changes_to_replica(ctx, name, params)
                return fn(ctx, params)
            except AwsError as err:
                empty = empty_list_answer(name, params, err)
                if empty is not None:
                    return empty
                raise as_the_model_allows(name, err) from None

        return SPEC.operation(name)(handler)

    return register
