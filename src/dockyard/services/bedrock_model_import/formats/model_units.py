"""customModelUnits: Bedrock's custom model units per model copy, from the parameter count."""

from __future__ import annotations

import math

# CMU version 2.0 for OpenAI's GPT-OSS, 1.0 for every other family (AWS's pricing figures).
UNITS_VERSIONS = {"gpt_oss": "v2.0"}


def custom_model_units(parameters: int) -> int:
    """floor(sqrt(parameters in billions)), at least 1: Llama 3.1 8B -> 2, Llama 3.1 70B -> 8 (AWS figures)."""
    return max(1, math.floor(math.sqrt(parameters / 1e9)))


def units_version(model_type: str) -> str:
    return UNITS_VERSIONS.get(model_type, "v1.0")
