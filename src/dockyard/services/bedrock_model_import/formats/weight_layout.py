"""Where each architecture keeps the tensors Dockyard checks against config.json.

Names as transformers 4.51 (the version Bedrock documents) saves them, plus the names transformers
4.52+ uses for the multimodal families (``model.language_model.*``).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Stack:
    """A stack of numbered layers: ``<prefix>.<i>.…`` for i in 0..count-1."""

    prefixes: tuple[str, ...]  # the first one present is the stack
    count: str  # "layers" (num_hidden_layers and its aliases) or "decoder_layers" (T5's num_decoder_layers)


@dataclass(frozen=True)
class Layout:
    embeddings: tuple[str, ...]  # the token embedding: [vocab_size + extra_embedding_rows, hidden]
    heads: tuple[str, ...]  # the LM head if saved (absent when tied): [vocab_size, hidden]
    stacks: tuple[Stack, ...]
    extra_embedding_rows: int = 0


DECODER = Layout(("model.embed_tokens.weight",), ("lm_head.weight",), (Stack(("model.layers",), "layers"),))
VISION_LANGUAGE = Layout(
    ("model.embed_tokens.weight", "model.language_model.embed_tokens.weight"),
    ("lm_head.weight",),
    (Stack(("model.layers", "model.language_model.layers"), "layers"),),
)
LAYOUTS: dict[str, Layout] = {
    "llama": DECODER,
    "mistral": DECODER,
    "mixtral": DECODER,
    "qwen2": DECODER,
    "qwen3": DECODER,
    "qwen3_moe": DECODER,
    "gpt_oss": DECODER,
    "qwen2_vl": VISION_LANGUAGE,
    "qwen2_5_vl": VISION_LANGUAGE,
    # Mllama's embedding has 8 rows more than vocab_size (the image tokens)
    "mllama": Layout(
        ("language_model.model.embed_tokens.weight", "model.language_model.embed_tokens.weight"),
        ("language_model.lm_head.weight", "lm_head.weight"),
        (Stack(("language_model.model.layers", "model.language_model.layers"), "layers"),),
        extra_embedding_rows=8,
    ),
    "gpt_bigcode": Layout(("transformer.wte.weight",), ("lm_head.weight",), (Stack(("transformer.h",), "layers"),)),
    "t5": Layout(
        ("shared.weight", "encoder.embed_tokens.weight", "decoder.embed_tokens.weight"),
        ("lm_head.weight",),
        (Stack(("encoder.block",), "layers"), Stack(("decoder.block",), "decoder_layers")),
    ),
}
