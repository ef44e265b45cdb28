"""config.json of a Hugging Face model: the architecture Bedrock detects, its limits and its dimensions."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

# "less than 128K" in AWS's words; Llama 3.1/3.2/3.3 (max_position_embeddings 131072), which AWS lists as
# supported, must pass, so 131,072 is the largest context accepted (docs/decisions.md).
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
# transformers' attribute maps: the same dimension under each family's own key
HIDDEN_KEYS = ("hidden_size", "n_embd", "d_model")
LAYER_KEYS = ("num_hidden_layers", "n_layer", "num_layers")
T5_DEFAULT_CONTEXT = 512  # T5 has relative positions; its tokenizer's model_max_length is 512


class ConfigError(ValueError):
    """config.json is not a model Bedrock imports; the message says why and what to do."""


@dataclass(frozen=True)
class ModelConfig:
    model_type: str
    architecture: str
    multimodal: bool
    converse: bool
    context_length: int
    hidden_size: int
    num_layers: int
    decoder_layers: int  # T5's num_decoder_layers; num_layers for every other family
    vocab_size: int
    raw: dict[str, Any]


def text_config(raw: dict[str, Any]) -> dict[str, Any]:
    """The language model's part of the config: ``text_config`` of multimodal models, else the config."""
    inner = raw.get("text_config")
    return {**raw, **inner} if isinstance(inner, dict) else raw


def read_config(data: bytes, region: str) -> ModelConfig:
    raw = _parse(data)
    model_type, arch, known = _architecture(raw, region)
    cfg = text_config(raw)
    context = next((_positive(cfg, k) for k in CONTEXT_KEYS if k in cfg), 0)
    if model_type == "t5":
        context = context or T5_DEFAULT_CONTEXT
    if context > MAX_CONTEXT:
        raise ConfigError(
            f"The maximum context length of the model ({context} in config.json) must be at most {MAX_CONTEXT} "
            "(128K). Lower max_position_embeddings, or import a model with a shorter context."
        )
    hidden = _dimension(cfg, HIDDEN_KEYS, "hidden size")
    layers = _dimension(cfg, LAYER_KEYS, "number of layers")
    decoder = _positive(cfg, "num_decoder_layers") if model_type == "t5" and "num_decoder_layers" in cfg else layers
    vocab = _dimension(cfg, ("vocab_size",), "vocabulary size")
    return ModelConfig(model_type, arch, known[1], known[2], context, hidden, layers, decoder, vocab, raw)


def _parse(data: bytes) -> dict[str, Any]:
    try:
        raw = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise ConfigError(f"config.json is not valid JSON ({exc}). Upload a valid Hugging Face config.json.") from exc
    if not isinstance(raw, dict):
        raise ConfigError("config.json is not a JSON object. Upload a valid Hugging Face config.json.")
    return raw


def _architecture(raw: dict[str, Any], region: str) -> tuple[str, str, tuple[frozenset[str], bool, bool]]:
    model_type = raw.get("model_type")
    archs = raw.get("architectures") or []
    if not isinstance(model_type, str) or not isinstance(archs, list) or not archs or not isinstance(archs[0], str):
        raise ConfigError(
            "config.json has no model_type or architectures. Upload the config.json saved with the model."
        )
    arch = archs[0]
    if "embed" in arch.lower() or arch.endswith("Model") or "embed" in model_type.lower():
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
    return model_type, arch, known


def _dimension(cfg: dict[str, Any], keys: tuple[str, ...], what: str) -> int:
    for key in keys:
        if key in cfg:
            return _positive(cfg, key)
    raise ConfigError(f"config.json has no {what} ({' / '.join(keys)}). Upload the config.json saved with the model.")


def _positive(cfg: dict[str, Any], key: str) -> int:
    value = cfg[key]
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        raise ConfigError(f"config.json: {key} must be a positive integer, not {json.dumps(value)[:40]}.")
    return value
