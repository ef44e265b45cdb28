"""A tiny valid Hugging Face model folder of each supported architecture: random weights, a real config,
a tokenizer and a chat template, for pipeline tests and demos (``dockyard bedrock make-model``).

Tensor names and shapes follow transformers 4.51 (the version Bedrock documents) for the language
model; the vision towers of the multimodal families are abbreviated to a few tensors.
"""

from __future__ import annotations

import json
import random
import struct
from collections.abc import Callable

from dockyard.services.bedrock_model_import.formats.model_config import ARCHITECTURES
from dockyard.services.bedrock_model_import.formats.tiny_tokenizer import (
    sentencepiece_model,
    tokenizer_config,
    tokenizer_json,
    tokenizer_size,
)

HIDDEN, LAYERS, HEADS, KV_HEADS, INTERMEDIATE, EXPERTS = 16, 2, 2, 1, 32, 2
HEAD_DIM = HIDDEN // HEADS
CONTEXT = 4096
DTYPE_BYTES = {"F32": 4, "F16": 2, "BF16": 2, "I8": 1, "U8": 1, "F64": 8}
Shapes = dict[str, tuple[int, ...]]


def safetensors_bytes(tensors: dict[str, tuple[str, tuple[int, ...]]], random_data: bool = True,
                      seed: int = 0) -> bytes:
    """A safetensors file: dtype and shape per tensor, random (or zero) data."""
    rng = random.Random(seed)
    header, offset, data = {}, 0, []
    for name, (dtype, shape) in tensors.items():
        n = DTYPE_BYTES[dtype]
        for d in shape:
            n *= d
        header[name] = {"dtype": dtype, "shape": list(shape), "data_offsets": [offset, offset + n]}
        data.append(_random_floats(rng, n, dtype) if random_data else bytes(n))
        offset += n
    raw = json.dumps({"__metadata__": {"format": "pt"}, **header}).encode()
    raw += b" " * (-len(raw) % 8)
    return struct.pack("<Q", len(raw)) + raw + b"".join(data)


def _random_floats(rng: random.Random, n: int, dtype: str) -> bytes:
    """Small random values (|x| < 0.125): random bits would hold NaNs and infinities."""
    if dtype in ("F32", "F64"):
        width = DTYPE_BYTES[dtype]
        fmt = "<f" if width == 4 else "<d"
        return b"".join(struct.pack(fmt, rng.uniform(-0.125, 0.125)) for _ in range(n // width))
    if dtype in ("BF16", "F16"):
        out = bytearray()
        for _ in range(n // 2):
            value = rng.uniform(-0.125, 0.125)
            out += struct.pack("<f", value)[2:] if dtype == "BF16" else struct.pack("<e", value)
        return bytes(out)
    return rng.randbytes(n)


def vocab_size(model_type: str) -> int:
    """The tokenizer's size rounded up to a multiple of 16, as real configs pad their embeddings."""
    return -(-tokenizer_size(model_type) // 16) * 16


# -- tensors per family -------------------------------------------------------------------------------
def _attention(p: str, bias: bool = False, qk_norm: bool = False) -> Shapes:
    kv = KV_HEADS * HEAD_DIM
    t: Shapes = {f"{p}.q_proj.weight": (HIDDEN, HIDDEN), f"{p}.k_proj.weight": (kv, HIDDEN),
                 f"{p}.v_proj.weight": (kv, HIDDEN), f"{p}.o_proj.weight": (HIDDEN, HIDDEN)}
    if bias:
        t |= {f"{p}.q_proj.bias": (HIDDEN,), f"{p}.k_proj.bias": (kv,), f"{p}.v_proj.bias": (kv,)}
    if qk_norm:
        t |= {f"{p}.q_norm.weight": (HEAD_DIM,), f"{p}.k_norm.weight": (HEAD_DIM,)}
    return t


def _mlp(p: str, names: tuple[str, str, str] = ("gate_proj", "up_proj", "down_proj")) -> Shapes:
    gate, up, down = names
    return {f"{p}.{gate}.weight": (INTERMEDIATE, HIDDEN), f"{p}.{up}.weight": (INTERMEDIATE, HIDDEN),
            f"{p}.{down}.weight": (HIDDEN, INTERMEDIATE)}


def _norms(p: str) -> Shapes:
    return {f"{p}.input_layernorm.weight": (HIDDEN,), f"{p}.post_attention_layernorm.weight": (HIDDEN,)}


def _decoder(model_type: str, root: str = "model", head: str = "lm_head.weight", extra_rows: int = 0) -> Shapes:
    vocab = vocab_size(model_type)
    t: Shapes = {f"{root}.embed_tokens.weight": (vocab + extra_rows, HIDDEN)}
    for i in range(LAYERS):
        p = f"{root}.layers.{i}"
        t |= _norms(p)
        t |= _attention(f"{p}.self_attn", bias=model_type.startswith("qwen2"), qk_norm=model_type.startswith("qwen3"))
        if model_type == "mixtral":
            t[f"{p}.block_sparse_moe.gate.weight"] = (EXPERTS, HIDDEN)
            for e in range(EXPERTS):
                t |= _mlp(f"{p}.block_sparse_moe.experts.{e}", ("w1", "w3", "w2"))
        elif model_type == "qwen3_moe":
            t[f"{p}.mlp.gate.weight"] = (EXPERTS, HIDDEN)
            for e in range(EXPERTS):
                t |= _mlp(f"{p}.mlp.experts.{e}")
        elif model_type == "gpt_oss":
            t |= {f"{p}.self_attn.o_proj.bias": (HIDDEN,), f"{p}.self_attn.sinks": (HEADS,),
                  f"{p}.mlp.router.weight": (EXPERTS, HIDDEN), f"{p}.mlp.router.bias": (EXPERTS,),
                  f"{p}.mlp.experts.gate_up_proj": (EXPERTS, HIDDEN, 2 * INTERMEDIATE),
                  f"{p}.mlp.experts.gate_up_proj_bias": (EXPERTS, 2 * INTERMEDIATE),
                  f"{p}.mlp.experts.down_proj": (EXPERTS, INTERMEDIATE, HIDDEN),
                  f"{p}.mlp.experts.down_proj_bias": (EXPERTS, HIDDEN)}
        else:
            t |= _mlp(f"{p}.mlp")
    t[f"{root}.norm.weight"] = (HIDDEN,)
    t[head] = (vocab, HIDDEN)
    return t


def _t5(model_type: str) -> Shapes:
    vocab, t = vocab_size(model_type), {}
    t["shared.weight"] = (vocab, HIDDEN)
    for stack, sublayers in (("encoder", ("SelfAttention",)), ("decoder", ("SelfAttention", "EncDecAttention"))):
        for i in range(LAYERS):
            for j, attn in enumerate(sublayers):
                p = f"{stack}.block.{i}.layer.{j}"
                t |= {f"{p}.{attn}.{x}.weight": (HIDDEN, HIDDEN) for x in "qkvo"}
                t[f"{p}.layer_norm.weight"] = (HIDDEN,)
                if i == 0 and attn == "SelfAttention":
                    t[f"{p}.SelfAttention.relative_attention_bias.weight"] = (32, HEADS)
            p = f"{stack}.block.{i}.layer.{len(sublayers)}"
            t |= {f"{p}.DenseReluDense.wi_0.weight": (INTERMEDIATE, HIDDEN),
                  f"{p}.DenseReluDense.wi_1.weight": (INTERMEDIATE, HIDDEN),
                  f"{p}.DenseReluDense.wo.weight": (HIDDEN, INTERMEDIATE), f"{p}.layer_norm.weight": (HIDDEN,)}
        t[f"{stack}.final_layer_norm.weight"] = (HIDDEN,)
    t["lm_head.weight"] = (vocab, HIDDEN)
    return t


def _gpt_bigcode(model_type: str) -> Shapes:
    t: Shapes = {"transformer.wte.weight": (vocab_size(model_type), HIDDEN),
                 "transformer.wpe.weight": (CONTEXT, HIDDEN)}
    for i in range(LAYERS):
        p = f"transformer.h.{i}"
        for name, out, inp in (("attn.c_attn", HIDDEN + 2 * HEAD_DIM, HIDDEN), ("attn.c_proj", HIDDEN, HIDDEN),
                               ("mlp.c_fc", INTERMEDIATE, HIDDEN), ("mlp.c_proj", HIDDEN, INTERMEDIATE)):
            t |= {f"{p}.{name}.weight": (out, inp), f"{p}.{name}.bias": (out,)}
        for ln in ("ln_1", "ln_2"):
            t |= {f"{p}.{ln}.weight": (HIDDEN,), f"{p}.{ln}.bias": (HIDDEN,)}
    t |= {"transformer.ln_f.weight": (HIDDEN,), "transformer.ln_f.bias": (HIDDEN,)}
    return t  # the LM head is tied to transformer.wte


def _mllama(model_type: str) -> Shapes:
    t = _decoder(model_type, root="language_model.model", head="language_model.lm_head.weight", extra_rows=8)
    p = f"language_model.model.layers.{LAYERS - 1}"  # the cross-attention layer (text_config.cross_attention_layers)
    for name in [n for n in t if n.startswith(f"{p}.self_attn.")]:
        t[name.replace(".self_attn.", ".cross_attn.")] = t.pop(name)
    t |= {f"{p}.cross_attn.q_norm.weight": (HEAD_DIM,), f"{p}.cross_attn.k_norm.weight": (HEAD_DIM,),
          f"{p}.cross_attn_attn_gate": (1,), f"{p}.cross_attn_mlp_gate": (1,)}
    t |= {"vision_model.patch_embedding.weight": (HIDDEN, 3, 14, 14), "vision_model.class_embedding": (HIDDEN,),
          "vision_model.layernorm_pre.weight": (HIDDEN,), "vision_model.layernorm_post.weight": (HIDDEN,)}
    for stack in ("transformer", "global_transformer"):
        for i in range(LAYERS):
            p = f"vision_model.{stack}.layers.{i}"
            t |= {f"{p}.self_attn.{x}_proj.weight": (HIDDEN, HIDDEN) for x in "qkvo"}
            t |= {f"{p}.mlp.fc1.weight": (INTERMEDIATE, HIDDEN), f"{p}.mlp.fc2.weight": (HIDDEN, INTERMEDIATE)}
    t |= {"multi_modal_projector.weight": (HIDDEN, 2 * HIDDEN), "multi_modal_projector.bias": (HIDDEN,)}
    return t


def _qwen_vl(model_type: str) -> Shapes:
    t = _decoder(model_type)
    t["visual.patch_embed.proj.weight"] = (HIDDEN, 3, 2, 14, 14)
    for i in range(LAYERS):
        p = f"visual.blocks.{i}"
        t |= {f"{p}.norm1.weight": (HIDDEN,), f"{p}.norm2.weight": (HIDDEN,),
              f"{p}.attn.qkv.weight": (3 * HIDDEN, HIDDEN), f"{p}.attn.qkv.bias": (3 * HIDDEN,),
              f"{p}.attn.proj.weight": (HIDDEN, HIDDEN)}
        t |= _mlp(f"{p}.mlp") if model_type == "qwen2_5_vl" else {
            f"{p}.mlp.fc1.weight": (INTERMEDIATE, HIDDEN), f"{p}.mlp.fc2.weight": (HIDDEN, INTERMEDIATE)}
    t |= {"visual.merger.ln_q.weight": (HIDDEN,), "visual.merger.mlp.0.weight": (4 * HIDDEN, 4 * HIDDEN),
          "visual.merger.mlp.2.weight": (HIDDEN, 4 * HIDDEN)}
    return t


TENSORS: dict[str, Callable[[str], Shapes]] = {
    "t5": _t5, "gpt_bigcode": _gpt_bigcode, "mllama": _mllama, "qwen2_vl": _qwen_vl, "qwen2_5_vl": _qwen_vl,
}


# -- config per family --------------------------------------------------------------------------------
def model_config(model_type: str) -> dict[str, object]:
    arch = sorted(ARCHITECTURES[model_type][0])[0]
    vocab = vocab_size(model_type)
    base: dict[str, object] = {"architectures": [arch], "model_type": model_type, "torch_dtype": "bfloat16",
                               "transformers_version": "4.51.3"}
    decoder = {"hidden_size": HIDDEN, "intermediate_size": INTERMEDIATE, "num_hidden_layers": LAYERS,
               "num_attention_heads": HEADS, "num_key_value_heads": KV_HEADS, "head_dim": HEAD_DIM,
               "vocab_size": vocab, "max_position_embeddings": CONTEXT, "rms_norm_eps": 1e-5,
               "rope_theta": 500000.0, "hidden_act": "silu", "tie_word_embeddings": False,
               "bos_token_id": 0, "eos_token_id": 1}
    if model_type == "t5":
        return base | {"d_model": HIDDEN, "d_kv": HEAD_DIM, "d_ff": INTERMEDIATE, "num_layers": LAYERS,
                       "num_decoder_layers": LAYERS, "num_heads": HEADS, "vocab_size": vocab,
                       "relative_attention_num_buckets": 32, "feed_forward_proj": "gated-gelu",
                       "is_encoder_decoder": True, "tie_word_embeddings": False, "decoder_start_token_id": 0,
                       "pad_token_id": 0, "eos_token_id": 1, "n_positions": 512}
    if model_type == "gpt_bigcode":
        return base | {"n_embd": HIDDEN, "n_inner": INTERMEDIATE, "n_layer": LAYERS, "n_head": HEADS,
                       "n_positions": CONTEXT, "vocab_size": vocab, "multi_query": True,
                       "activation_function": "gelu_pytorch_tanh", "bos_token_id": 0, "eos_token_id": 0}
    if model_type == "mllama":
        text = decoder | {"model_type": "mllama_text_model", "cross_attention_layers": [LAYERS - 1]}
        vision = {"model_type": "mllama_vision_model", "hidden_size": HIDDEN, "num_hidden_layers": LAYERS,
                  "num_global_layers": LAYERS, "attention_heads": HEADS, "image_size": 56, "patch_size": 14,
                  "vision_output_dim": 2 * HIDDEN, "max_num_tiles": 4}
        return base | {"text_config": text, "vision_config": vision, "image_token_index": vocab + 7}
    config = base | decoder
    if model_type in ("mixtral", "qwen3_moe", "gpt_oss"):
        config |= {"num_local_experts": EXPERTS, "num_experts": EXPERTS, "num_experts_per_tok": 1,
                   "moe_intermediate_size": INTERMEDIATE}
    if model_type in ("qwen2_vl", "qwen2_5_vl"):
        config["vision_config"] = {"depth": LAYERS, "hidden_size": HIDDEN, "embed_dim": HIDDEN,
                                   "num_heads": HEADS, "patch_size": 14, "temporal_patch_size": 2,
                                   "spatial_merge_size": 2, "out_hidden_size": HIDDEN}
    return config


def tensor_shapes(model_type: str) -> Shapes:
    """Tensor name -> shape of the tiny model of ``model_type``."""
    return TENSORS.get(model_type, _decoder)(model_type)


def tiny_model(model_type: str, shards: int = 1, seed: int = 0, sentencepiece: bool = False,
               dtype: str = "BF16") -> dict[str, bytes]:
    """File name -> content of a tiny model folder of ``model_type`` (``shards`` > 1: with an index)."""
    shapes = tensor_shapes(model_type)
    names = list(shapes)
    files: dict[str, bytes] = {"config.json": json.dumps(model_config(model_type), indent=2).encode()}
    if shards == 1:
        files["model.safetensors"] = safetensors_bytes({n: (dtype, shapes[n]) for n in names}, seed=seed)
    else:
        weight_map: dict[str, str] = {}
        for i in range(shards):
            part = names[i * len(names) // shards:(i + 1) * len(names) // shards]
            shard = f"model-{i + 1:05d}-of-{shards:05d}.safetensors"
            files[shard] = safetensors_bytes({n: (dtype, shapes[n]) for n in part}, seed=seed + i)
            weight_map |= dict.fromkeys(part, shard)
        total = sum(len(v) for k, v in files.items() if k.endswith(".safetensors"))
        files["model.safetensors.index.json"] = json.dumps(
            {"metadata": {"total_size": total}, "weight_map": weight_map}, indent=2).encode()
    files["tokenizer.json"] = tokenizer_json(model_type)
    files["tokenizer_config.json"] = tokenizer_config(model_type)
    if sentencepiece:
        files["tokenizer.model"] = sentencepiece_model()
    files["generation_config.json"] = json.dumps({"bos_token_id": 0, "eos_token_id": 1}).encode()
    return files
