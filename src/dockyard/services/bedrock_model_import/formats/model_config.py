"""config.json of a Hugging Face model: the architecture Bedrock detects and its limits."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

MAX_CONTEXT = 128 * 1024

# model_type -> (architectures accepted, multimodal, converse supported)
ARCHITECTURES: dict[str, tuple[frozenset[str], bool, bool]] = {
    "llama": (frozenset({"LlamaForCausalLM"}), False, True),
    "mllama": (frozenset({"MllamaForConditionalGeneration"}), True, True),
    "mistral": (frozenset({"MistralForCausalLM"}), False, True),
    "mixtral": (frozenset({"MixtralForCausalLM"}), False, True),
    "t5": (frozenset({"T5ForConditionalGeneration"}), False, True),
    "gpt_bigcode": (frozenset({"GPTBigCodeForCausalLM"}), False, True),
    "qwen2": (frozenset({"Qwen2ForCausalLM"}), False, False),
    "qwen2_vl": (frozenset({"Qwen2VLForConditionalGeneration"}), True, False),
    "qwen2_5_vl": (frozenset({"Qwen2_5_VLForConditionalGeneration"}), True, False),
    "qwen3": (frozenset({"Qwen3ForCausalLM"}), False, False),
    "qwen3_moe": (frozenset({"Qwen3MoeForCausalLM"}), False, False),
    "gpt_oss": (frozenset({"GptOssForCausalLM"}), False, False),
}
GPT_OSS_REGIONS = frozenset({"us-east-1"})
CONTEXT_KEYS = ("max_position_embeddings", "n_positions", "max_sequence_length", "seq_length")


class ConfigError(ValueError):
    """config.json is not a model Bedrock imports; the message says why and what to do."""


@dataclass(frozen=True)
class ModelConfig:
    model_type: str
    architecture: str
    multimodal: bool
    converse: bool
    context_length: int
    raw: dict[str, Any]


def text_config(raw: dict[str, Any]) -> dict[str, Any]:
    inner = raw.get("text_config")
    return inner if isinstance(inner, dict) else raw


def read_config(data: bytes, region: str) -> ModelConfig:
    try:
        raw = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ConfigError(f"config.json is not valid JSON ({exc}). Upload a valid Hugging Face config.json.") from exc
    if not isinstance(raw, dict):
        raise ConfigError("config.json is not a JSON object. Upload a valid Hugging Face config.json.")
    model_type = raw.get("model_type")
    archs = raw.get("architectures") or []
    if not isinstance(model_type, str) or not isinstance(archs, list) or not archs:
        raise ConfigError(
            "config.json has no model_type or architectures. Upload the config.json saved with the model."
        )
    arch = str(archs[0])
    if "embed" in arch.lower() or arch.endswith("Model") or "Embedding" in model_type:
        raise ConfigError(
            f"The model architecture {arch} is an embedding model; Custom Model Import does not support embedding "
            "models. Import a text-generation model."
        )
    known = ARCHITECTURES.get(model_type)
    if known is None or arch not in known[0]:
        raise ConfigError(
            f"The model architecture {arch} (model_type '{model_type}') is not supported. Supported: Llama 2/3.x, "
            "Mllama, Mistral, Mixtral, Flan-T5, GPTBigCode, Qwen2/2.5/2-VL/2.5-VL, Qwen3ForCausalLM, "
            "Qwen3MoeForCausalLM, GPT-OSS (us-east-1)."
        )
    if model_type == "gpt_oss" and region not in GPT_OSS_REGIONS:
        raise ConfigError(f"GPT-OSS models can be imported only in us-east-1, not in {region}.")
    cfg = text_config(raw)
    context = next((int(cfg[k]) for k in CONTEXT_KEYS if isinstance(cfg.get(k), int)), 0)
    if model_type == "t5":
        context = context or 512
    if context >= MAX_CONTEXT:
        raise ConfigError(
            f"The maximum context length of the model ({context} in config.json) must be less than {MAX_CONTEXT}. "
            "Lower max_position_embeddings."
        )
    return ModelConfig(model_type, arch, known[1], known[2], context, raw)
