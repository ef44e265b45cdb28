"""The validators, directly: config.json, the weights as a whole, the tokenizer files, the model units."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dockyard.services.bedrock_model_import.formats.model_config import (
    ARCHITECTURES,
    MAX_CONTEXT,
    ConfigError,
    read_config,
)
from dockyard.services.bedrock_model_import.formats.model_units import custom_model_units, units_version
from dockyard.services.bedrock_model_import.formats.safetensors_header import Tensor
from dockyard.services.bedrock_model_import.formats.tiny_model import model_config, tensor_shapes, tiny_model
from dockyard.services.bedrock_model_import.formats.tiny_tokenizer import sentencepiece_model
from dockyard.services.bedrock_model_import.formats.tokenizer_files import (
    TokenizerError,
    chat_template,
    check_vocabulary,
    compile_template,
    sentencepiece_size,
    tokenizer_json_size,
)
from dockyard.services.bedrock_model_import.formats.weight_checks import (
    WeightsError,
    check_dtypes,
    check_index,
    check_shapes,
    check_size,
    collect,
    layer_indices,
)


def config(model_type: str = "llama", region: str = "us-east-1", **fields: Any) -> Any:
    return read_config(json.dumps({**model_config(model_type), **fields}).encode(), region)


def tensors(model_type: str = "llama", drop: str = "", **shapes: tuple[int, ...]) -> dict[str, Tensor]:
    found = {**tensor_shapes(model_type), **shapes}
    return {n: Tensor(n, "BF16", s, 0, 0) for n, s in found.items() if not (drop and n.startswith(drop))}


# -- config.json --------------------------------------------------------------------------------------
@pytest.mark.parametrize("model_type", sorted(ARCHITECTURES))
def test_every_tiny_config_reads_with_its_dimensions(model_type: str) -> None:
    c = config(model_type)
    assert (c.model_type, c.hidden_size, c.num_layers, c.vocab_size) == (model_type, 16, 2, 272 if model_type not in (
        "t5", "gpt_bigcode") else c.vocab_size)
    assert c.multimodal is (model_type in ("mllama", "qwen2_vl", "qwen2_5_vl"))


def test_dimension_aliases_of_gpt_bigcode_and_t5() -> None:
    assert config("gpt_bigcode").hidden_size == 16 and config("gpt_bigcode").num_layers == 2  # n_embd, n_layer
    c = config("t5", num_decoder_layers=3)
    assert (c.hidden_size, c.num_layers, c.decoder_layers, c.context_length) == (16, 2, 3, 512)
    assert config("mllama").vocab_size == 272  # from text_config


def test_context_limit_admits_llama_3_1() -> None:
    assert config(max_position_embeddings=131072).context_length == MAX_CONTEXT == 131072
    with pytest.raises(ConfigError, match=r"131073 in config\.json"):
        config(max_position_embeddings=131073)


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"\xff", "not valid JSON"),
        (b"[]", "not a JSON object"),
        (b"{}", "no model_type or architectures"),
        (b'{"model_type": "llama", "architectures": [3]}', "no model_type or architectures"),
        (b'{"model_type": "llama", "architectures": ["LlamaModel"]}', "embedding model"),
        (b'{"model_type": "bert", "architectures": ["BertForMaskedLM"]}', "not supported"),
        (b'{"model_type": "llama", "architectures": ["MistralForCausalLM"]}', "not supported"),
        (b'{"model_type": "qwen3", "architectures": ["Qwen3ForSequenceClassification"]}', "not supported"),
        (b'{"model_type": "llama", "architectures": ["LlamaForCausalLM"]}', "no hidden size"),
        (b'{"model_type": "llama", "architectures": ["LlamaForCausalLM"], "hidden_size": "8"}', "positive integer"),
        (b'{"model_type": "llama", "architectures": ["LlamaForCausalLM"], "max_position_embeddings": true}',
         "positive integer"),
    ],
)
def test_config_failures(data: bytes, words: str) -> None:
    with pytest.raises(ConfigError) as err:
        read_config(data, "us-east-1")
    assert words in str(err.value)


def test_gpt_oss_region() -> None:
    assert config("gpt_oss").model_type == "gpt_oss"
    with pytest.raises(ConfigError, match="only in us-east-1, not in eu-central-1"):
        config("gpt_oss", region="eu-central-1")


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=10,
)
config_fields = st.sampled_from(["model_type", "architectures", "hidden_size", "num_hidden_layers", "vocab_size",
                                 "max_position_embeddings", "text_config", "n_embd", "d_model", "num_decoder_layers"])


@given(st.dictionaries(config_fields, json_values | st.sampled_from(["llama", "t5", ["LlamaForCausalLM"]])),
       st.sampled_from(["llama", "t5", "mllama"]))
@settings(max_examples=150)
def test_any_config_is_read_or_refused_with_a_config_error(fields: dict[str, Any], base: str) -> None:
    try:
        read_config(json.dumps({**model_config(base), **fields}).encode(), "us-east-1")
    except ConfigError as exc:
        assert str(exc)


@given(st.binary(max_size=100))
def test_any_bytes_are_read_or_refused(data: bytes) -> None:
    try:
        read_config(data, "us-east-1")
    except ConfigError:
        pass


# -- the weights as a whole ---------------------------------------------------------------------------
@pytest.mark.parametrize("model_type", sorted(ARCHITECTURES))
def test_every_tiny_model_has_the_shapes_its_config_says(model_type: str) -> None:
    check_shapes(config(model_type), tensors(model_type))


@pytest.mark.parametrize(
    ("model_type", "t", "words"),
    [
        ("llama", tensors(drop="model.layers.1."), "num_hidden_layers 2, but the weights hold 1 layer(s) under "
                                                   "model.layers (layer(s) 1 missing)"),
        ("llama", tensors(**{"model.layers.5.mlp.up_proj.weight": (32, 16)}), "layer(s) 5 beyond it"),
        ("llama", tensors(drop="model.layers."), "no layer tensors (model.layers.0.*)"),
        ("llama", tensors(drop="model.embed_tokens"), "no token embedding (model.embed_tokens.weight)"),
        ("llama", tensors(**{"lm_head.weight": (271, 16)}), "lm_head.weight has shape [271, 16]"),
        ("llama", tensors(**{"model.embed_tokens.weight": (272, 8)}), "hidden size 16 (expected [272, 16])"),
        ("mllama", tensors("mllama", **{"language_model.model.embed_tokens.weight": (272, 16)}),
         "expected [280, 16]"),  # Mllama's 8 image-token rows
        ("t5", tensors("t5", drop="decoder.block.1."), "num_decoder_layers 2, but the weights hold 1 layer(s) under "
                                                       "decoder.block"),
        ("gpt_bigcode", tensors("gpt_bigcode", drop="transformer.h.0."), "under transformer.h (layer(s) 0 missing)"),
    ],
)
def test_shape_failures(model_type: str, t: dict[str, Tensor], words: str) -> None:
    with pytest.raises(WeightsError) as err:
        check_shapes(config(model_type), t)
    assert words in str(err.value)


def test_newer_transformers_names_of_multimodal_models() -> None:
    renamed = {n.replace("language_model.model.", "model.language_model."): t
               for n, t in tensors("mllama").items()}
    check_shapes(config("mllama"), renamed)


def test_layer_count_of_32_with_a_missing_middle_layer() -> None:
    names = [f"model.layers.{i}.mlp.up_proj.weight" for i in range(32) if i not in (7, 8, 9, 20)]
    assert layer_indices(names, "model.layers") == set(range(32)) - {7, 8, 9, 20}
    t = {**tensors(), **{n: Tensor(n, "BF16", (32, 16), 0, 0) for n in names}}
    with pytest.raises(WeightsError, match=r"layer\(s\) 7-9, 20 missing"):
        check_shapes(config(num_hidden_layers=32), t)


def test_dtypes_index_size_and_duplicates() -> None:
    check_dtypes([Tensor("a", "F32", (1,), 0, 4), Tensor("b", "BF16", (1,), 4, 6)])
    with pytest.raises(WeightsError, match=r"data type\(s\) F8_E4M3, I8"):
        check_dtypes([Tensor("a", "I8", (1,), 0, 1), Tensor("b", "F8_E4M3", (1,), 1, 2)])
    located = collect({"s1.safetensors": [Tensor("a", "F32", (1,), 0, 4)],
                       "s2.safetensors": [Tensor("b", "F32", (1,), 0, 4)]})
    check_index(b'{"weight_map": {"a": "s1.safetensors", "b": "s2.safetensors"}}', located,
                ["s1.safetensors", "s2.safetensors"])
    with pytest.raises(WeightsError, match="not found in their shard: b"):
        check_index(b'{"weight_map": {"a": "s1.safetensors", "b": "s1.safetensors"}}', located,
                    ["s1.safetensors", "s2.safetensors"])
    with pytest.raises(WeightsError, match="not valid JSON with a weight_map"):
        check_index(b'{"weight_map": [1]}', located, [])
    with pytest.raises(WeightsError, match=r"in both s1\.safetensors and s2\.safetensors"):
        collect({"s1.safetensors": [Tensor("a", "F32", (1,), 0, 4)],
                 "s2.safetensors": [Tensor("a", "F32", (1,), 0, 4)]})
    check_size(200 * 10**9 - 1, multimodal=False)
    with pytest.raises(WeightsError, match="less than 200 GB for text models"):
        check_size(200 * 10**9, multimodal=False)
    with pytest.raises(WeightsError, match="less than 100 GB for multimodal models"):
        check_size(100 * 10**9, multimodal=True)


@given(st.binary(max_size=80) | json_values.map(lambda v: json.dumps(v).encode()))
@settings(max_examples=200)
def test_any_index_is_accepted_or_refused_with_a_weights_error(data: bytes) -> None:
    try:
        check_index(data, {}, [])
    except WeightsError:
        pass


# -- tokenizer files and chat templates ---------------------------------------------------------------
def test_tokenizers_of_the_tiny_models_load() -> None:
    assert tokenizer_json_size(tiny_model("llama")["tokenizer.json"]) == 261
    assert sentencepiece_size(sentencepiece_model(64)) == 64
    check_vocabulary(261, 272, "tokenizer.json")
    with pytest.raises(TokenizerError, match="uses 273 token ids, more than the vocab_size 272"):
        check_vocabulary(273, 272, "tokenizer.json")


@given(st.binary(max_size=200) | json_values.map(lambda v: json.dumps(v).encode()))
@settings(max_examples=200)
def test_any_tokenizer_bytes_load_or_fail_precisely(data: bytes) -> None:
    for load, name in ((tokenizer_json_size, "tokenizer.json"), (sentencepiece_size, "tokenizer.model")):
        try:
            assert load(data) >= 0
        except TokenizerError as exc:
            assert name in str(exc)


def test_chat_template_sources_and_precedence() -> None:
    assert chat_template({}) is None
    assert chat_template({"tokenizer_config.json": b'{"bos_token": "<s>"}'}) is None
    assert chat_template({"tokenizer_config.json": b'{"chat_template": "T"}'}) == ("T", "tokenizer_config.json")
    assert chat_template({"chat_template.json": b'{"chat_template": "J"}',
                          "tokenizer_config.json": b'{"chat_template": "T"}'}) == ("J", "chat_template.json")
    assert chat_template({"chat_template.jinja": b"F", "chat_template.json": b'{"chat_template": "J"}'}) == (
        "F", "chat_template.jinja")
    named = b'{"chat_template": [{"name": "tool_use", "template": "X"}, {"name": "default", "template": "D"}]}'
    assert chat_template({"tokenizer_config.json": named}) == ("D", "tokenizer_config.json")
    with pytest.raises(TokenizerError, match="not a string"):
        chat_template({"tokenizer_config.json": b'{"chat_template": 3}'})
    with pytest.raises(TokenizerError, match=r"chat_template\.json is not valid JSON"):
        chat_template({"chat_template.json": b"{"})


@given(st.text(max_size=60))
@settings(max_examples=300)
def test_any_template_compiles_or_fails_precisely(template: str) -> None:
    try:
        compile_template(template, "chat_template.jinja")
    except TokenizerError as exc:
        assert "chat_template.jinja does not compile" in str(exc)


def test_deeply_nested_template_fails_precisely() -> None:
    with pytest.raises(TokenizerError, match="does not compile"):
        compile_template("{{ " + "(" * 5000 + "1" + ")" * 5000 + " }}", "tokenizer_config.json")


# -- custom model units -------------------------------------------------------------------------------
@pytest.mark.parametrize(("parameters", "units"), [(8_030_000_000, 2), (70_550_000_000, 8), (1_000, 1),
                                                   (3_210_000_000, 1), (405_000_000_000, 20)])
def test_custom_model_units_reproduce_aws_figures(parameters: int, units: int) -> None:
    assert custom_model_units(parameters) == units


def test_units_version() -> None:
    assert units_version("gpt_oss") == "v2.0" and units_version("llama") == "v1.0"


def test_a_panic_in_the_tokenizers_library_is_a_precise_failure(monkeypatch: pytest.MonkeyPatch) -> None:
    import tokenizers

    class PanicException(BaseException):  # pyo3's, as a Rust panic arrives in Python
        pass

    def panic(text: str) -> None:
        raise PanicException("index out of bounds")

    monkeypatch.setattr(tokenizers.Tokenizer, "from_str", panic)
    with pytest.raises(TokenizerError, match=r"makes the tokenizers library fail \(index out of bounds\)"):
        tokenizer_json_size(b"{}")
