"""A tiny valid Hugging Face model folder (config, safetensors weights, tokenizer): test fixtures and demos."""

from __future__ import annotations

import json
import os
import struct

from dockyard.services.bedrock_model_import.formats.model_config import ARCHITECTURES

HIDDEN, LAYERS, VOCAB = 8, 2, 16


def safetensors_bytes(tensors: dict[str, tuple[str, tuple[int, ...]]], random: bool = True) -> bytes:
    """A safetensors file: dtype and shape per tensor, random (or zero) data."""
    width = {"F32": 4, "F16": 2, "BF16": 2, "I8": 1}
    header, offset, data = {}, 0, []
    for name, (dtype, shape) in tensors.items():
        n = width[dtype]
        for d in shape:
            n *= d
        header[name] = {"dtype": dtype, "shape": list(shape), "data_offsets": [offset, offset + n]}
        data.append(os.urandom(n) if random else bytes(n))
        offset += n
    raw = json.dumps(header).encode()
    raw += b" " * (-len(raw) % 8)
    return struct.pack("<Q", len(raw)) + raw + b"".join(data)


def tiny_model(model_type: str) -> dict[str, bytes]:
    """File name -> content of a tiny model folder of ``model_type``."""
    arch = sorted(ARCHITECTURES[model_type][0])[0]
    config = {"model_type": model_type, "architectures": [arch], "hidden_size": HIDDEN,
              "num_hidden_layers": LAYERS, "vocab_size": VOCAB, "max_position_embeddings": 4096}
    weights = {"model.embed_tokens.weight": ("BF16", (VOCAB, HIDDEN))}
    for i in range(LAYERS):
        weights[f"model.layers.{i}.mlp.weight"] = ("BF16", (HIDDEN, HIDDEN))
    vocab = {f"t{i}": i for i in range(VOCAB)}
    tokenizer = {"version": "1.0", "model": {"type": "WordLevel", "vocab": vocab, "unk_token": "t0"},
                 "pre_tokenizer": {"type": "Whitespace"}, "added_tokens": [], "normalizer": None,
                 "post_processor": None, "decoder": None, "truncation": None, "padding": None}
    template = "{% for m in messages %}<|{{ m['role'] }}|>{{ m['content'] }}{% endfor %}"
    return {
        "config.json": json.dumps(config).encode(),
        "model.safetensors": safetensors_bytes(weights),
        "tokenizer.json": json.dumps(tokenizer).encode(),
        "tokenizer_config.json": json.dumps({"chat_template": template, "unk_token": "t0"}).encode(),
    }
