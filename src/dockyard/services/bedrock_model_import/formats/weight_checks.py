"""Checks of the weights as a whole: dtypes, the shard index, the size limits, shapes against config.json.

Pure functions over parsed safetensors headers; each raises ``WeightsError`` with what is wrong and
what to do.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping

from dockyard.services.bedrock_model_import.formats.model_config import ModelConfig
from dockyard.services.bedrock_model_import.formats.safetensors_header import SUPPORTED_DTYPES, Tensor
from dockyard.services.bedrock_model_import.formats.weight_layout import LAYOUTS, Stack

TEXT_LIMIT = 200 * 10**9
MULTIMODAL_LIMIT = 100 * 10**9
INDEX = "model.safetensors.index.json"


class WeightsError(ValueError):
    """The weights do not make the model config.json describes; the message says why and what to do."""


def collect(shards: Mapping[str, Iterable[Tensor]]) -> dict[str, tuple[str, Tensor]]:
    """Tensor name -> (shard, tensor) over every shard; a name in two shards is an error."""
    found: dict[str, tuple[str, Tensor]] = {}
    for shard in sorted(shards):
        for t in shards[shard]:
            if t.name in found:
                raise WeightsError(f"The tensor {t.name} is in both {found[t.name][0]} and {shard}. Upload the shards "
                                   "of one checkpoint only.")
            found[t.name] = (shard, t)
    return found


def check_dtypes(tensors: Iterable[Tensor]) -> None:
    bad = sorted({t.dtype for t in tensors} - SUPPORTED_DTYPES)
    if bad:
        raise WeightsError(f"The weights use the data type(s) {', '.join(bad)}; only F32, F16 and BF16 are supported. "
                           "Convert the weights (quantized weights cannot be imported).")


def check_index(data: bytes, located: Mapping[str, tuple[str, Tensor]], shards: Iterable[str]) -> None:
    """model.safetensors.index.json: every shard it names is present and holds the tensors it lists."""
    try:
        weight_map = json.loads(data.decode("utf-8"))["weight_map"]
    except (UnicodeDecodeError, ValueError, KeyError, TypeError, RecursionError):
        weight_map = None
    if not isinstance(weight_map, dict) or not all(isinstance(v, str) for v in weight_map.values()):
        raise WeightsError(f"{INDEX} is not valid JSON with a weight_map of tensor names to shard files. Re-save the "
                           "checkpoint with save_pretrained().")
    missing = sorted(set(weight_map.values()) - set(shards))
    if missing:
        raise WeightsError(f"{INDEX} names shard(s) missing from the folder: {', '.join(missing[:10])}. "
                           "Upload every shard.")
    absent = sorted(name for name, shard in weight_map.items() if located.get(name, ("",))[0] != shard)
    if absent:
        raise WeightsError(f"{INDEX} lists {len(absent)} tensor(s) not found in their shard: {', '.join(absent[:5])}. "
                           "Upload the shards that belong to this index.")


def check_size(total_bytes: int, multimodal: bool) -> None:
    limit = MULTIMODAL_LIMIT if multimodal else TEXT_LIMIT
    if total_bytes >= limit:
        raise WeightsError(f"The model weights are {total_bytes} bytes; they must be less than {limit // 10**9} GB "
                           f"for {'multimodal' if multimodal else 'text'} models.")


def check_shapes(config: ModelConfig, tensors: Mapping[str, Tensor]) -> None:
    """The token embedding, the LM head and the layer stacks agree with config.json."""
    layout = LAYOUTS[config.model_type]
    advice = "Upload the config.json that belongs to these weights."
    embedding = next((tensors[n] for n in layout.embeddings if n in tensors), None)
    if embedding is None:
        raise WeightsError(f"The weights have no token embedding ({layout.embeddings[0]}); the tensor names do not "
                           f"match the {config.architecture} architecture of config.json. {advice}")
    rows = config.vocab_size + layout.extra_embedding_rows
    if embedding.shape != (rows, config.hidden_size):
        raise WeightsError(f"The tensor {embedding.name} has shape {list(embedding.shape)}, but config.json says "
                           f"vocab_size {config.vocab_size} and hidden size {config.hidden_size} (expected "
                           f"[{rows}, {config.hidden_size}]). {advice}")
    for name in (n for n in layout.heads if n in tensors):
        if tensors[name].shape != (config.vocab_size, config.hidden_size):
            raise WeightsError(f"The tensor {name} has shape {list(tensors[name].shape)}, but config.json says "
                               f"[{config.vocab_size}, {config.hidden_size}] (vocab_size, hidden size). {advice}")
    for stack in layout.stacks:
        _check_stack(config, stack, tensors)


def layer_indices(tensors: Iterable[str], prefix: str) -> set[int]:
    pattern = re.compile(re.escape(prefix) + r"\.(\d+)\.")
    return {int(m.group(1)) for name in tensors if (m := pattern.match(name))}


def _check_stack(config: ModelConfig, stack: Stack, tensors: Mapping[str, Tensor]) -> None:
    expected = config.num_layers if stack.count == "layers" else config.decoder_layers
    key = "num_decoder_layers" if stack.count == "decoder_layers" else "num_hidden_layers"
    for prefix in stack.prefixes:
        found = layer_indices(tensors, prefix)
        if found:
            break
    else:
        raise WeightsError(f"The weights have no layer tensors ({stack.prefixes[0]}.0.*), but config.json says "
                           f"{key} {expected}. Upload the weights that belong to this config.json.")
    if found != set(range(expected)):
        missing = sorted(set(range(expected)) - found)
        extra = sorted(found - set(range(expected)))
        detail = "; ".join(part for part in (
            f"layer(s) {_ranges(missing)} missing" if missing else "",
            f"layer(s) {_ranges(extra)} beyond it" if extra else "",
        ) if part)
        raise WeightsError(f"config.json says {key} {expected}, but the weights hold {len(found)} layer(s) under "
                           f"{prefix} ({detail}). Upload every shard, or the config.json that belongs to these "
                           "weights.")


def _ranges(numbers: list[int]) -> str:
    parts: list[str] = []
    start = prev = numbers[0]
    for n in [*numbers[1:], None]:
        if n is not None and n == prev + 1:
            prev = n
            continue
        parts.append(str(start) if start == prev else f"{start}-{prev}")
        if n is not None:
            start = prev = n
    return ", ".join(parts[:10]) + (", ..." if len(parts) > 10 else "")
