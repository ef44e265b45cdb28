"""Lex V1 model building (``lex-models``): bots, intents, slot types, imports and exports."""

from dockyard.service_kit import ServiceSpec

SPEC = ServiceSpec(name="lex-models", validation_code="BadRequestException")
