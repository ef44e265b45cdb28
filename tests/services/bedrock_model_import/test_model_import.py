"""Bedrock custom model import through boto3, both front doors: every architecture, every golden failure."""

from __future__ import annotations

import json
from typing import Any

import pytest
from botocore.exceptions import ClientError

from dockyard.services.bedrock_model_import.formats.tiny_model import safetensors_bytes, tensor_shapes, tiny_model
from dockyard.services.bedrock_model_import.formats.tiny_tokenizer import sentencepiece_model
from tests.services.bedrock_model_import.s3_models import BUCKET, ROLE, changed, run, start, upload, wait

# model_type -> instructSupported (Converse: not Qwen, not GPT-OSS), customModelUnitsVersion
EXPECTED = {
    "llama": (True, "v1.0"), "mllama": (True, "v1.0"), "mistral": (True, "v1.0"), "mixtral": (True, "v1.0"),
    "t5": (True, "v1.0"), "gpt_bigcode": (True, "v1.0"), "qwen2": (False, "v1.0"), "qwen2_vl": (False, "v1.0"),
    "qwen2_5_vl": (False, "v1.0"), "qwen3": (False, "v1.0"), "qwen3_moe": (False, "v1.0"),
    "gpt_oss": (False, "v2.0"),
}


def config_with(**fields: Any) -> bytes:
    config = json.loads(tiny_model("llama")["config.json"])
    return json.dumps({**config, **fields}).encode()


@pytest.mark.parametrize("model_type", sorted(EXPECTED))
def test_tiny_model_of_every_architecture_imports(clients: Any, model_type: str) -> None:
    bedrock, s3 = clients
    job = run(bedrock, upload(s3, model_type, tiny_model(model_type)), name=f"j-{model_type.replace('_', '-')}")
    assert job["status"] == "Completed", job.get("failureMessage")
    assert job["endTime"] and job["importedModelArn"]
    model = bedrock.get_imported_model(modelIdentifier="m")
    instruct, version = EXPECTED[model_type]
    assert model["modelArchitecture"] == model_type
    assert model["instructSupported"] is instruct
    assert model["customModelUnits"] == {"customModelUnitsPerModelCopy": 1, "customModelUnitsVersion": version}
    assert bedrock.get_imported_model(modelIdentifier=model["modelArn"])["modelName"] == "m"
    assert model["modelArn"] == job["importedModelArn"]
    assert [m["modelName"] for m in bedrock.list_imported_models()["modelSummaries"]] == ["m"]
    assert bedrock.list_model_import_jobs(statusEquals="Completed")["modelImportJobSummaries"][0]["jobName"]
    bedrock.delete_imported_model(modelIdentifier="m")
    with pytest.raises(ClientError) as err:
        bedrock.get_imported_model(modelIdentifier="m")
    assert err.value.response["Error"]["Code"] == "ResourceNotFoundException"
    # moto still answers the other Bedrock operations, in the same test
    assert bedrock.list_custom_models()["modelSummaries"] == []


def test_sharded_model_with_a_sentencepiece_tokenizer_imports(clients: Any) -> None:
    bedrock, s3 = clients
    files = tiny_model("mistral", shards=3, sentencepiece=True)
    assert "model.safetensors.index.json" in files and "model-00003-of-00003.safetensors" in files
    assert run(bedrock, upload(s3, "sharded", files))["status"] == "Completed"


def test_a_folder_with_only_a_sentencepiece_tokenizer_imports(clients: Any) -> None:
    bedrock, s3 = clients
    files = changed({"tokenizer.json": None, "tokenizer.model": sentencepiece_model()}, "t5")
    job = run(bedrock, upload(s3, "spm", files))
    assert job["status"] == "Completed", job.get("failureMessage")


def test_template_without_converse_support_and_without_template(clients: Any) -> None:
    bedrock, s3 = clients
    files = changed({"tokenizer_config.json": b'{"bos_token": "<s>"}'}, "mistral")
    run(bedrock, upload(s3, "notemplate", files), name="a", model="a")
    assert bedrock.get_imported_model(modelIdentifier="a")["instructSupported"] is False
    files = changed({"chat_template.jinja": b"{% for m in messages %}{{ m['content'] }}{% endfor %}",
                     "tokenizer_config.json": b'{"chat_template": "{% broken"}'}, "mistral")
    assert run(bedrock, upload(s3, "filewins", files), name="b", model="b")["status"] == "Completed"


def grown_tokenizer(more: int) -> bytes:
    """The tiny llama tokenizer.json with ``more`` added tokens (261 + more ids)."""
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_str(tiny_model("llama")["tokenizer.json"].decode())
    tokenizer.add_special_tokens([f"<extra_{i}>" for i in range(more)])
    return tokenizer.to_str().encode()


def weights(tensors: dict[str, tuple[str, tuple[int, ...]]], **replace: tuple[str, tuple[int, ...]]) -> bytes:
    return safetensors_bytes({**tensors, **replace})


def llama_tensors() -> dict[str, tuple[str, tuple[int, ...]]]:
    return {name: ("BF16", shape) for name, shape in tensor_shapes("llama").items()}


GOLDEN = [
    ("missing config", {"config.json": None}, "config.json is missing"),
    ("unparsable config", {"config.json": b"{nope"}, "config.json is not valid JSON"),
    ("unsupported architecture", {"config.json": config_with(model_type="bert", architectures=["BertForMaskedLM"])},
     "BertForMaskedLM (model_type 'bert') is not supported"),
    ("embedding model", {"config.json": config_with(architectures=["LlamaModel"])}, "is an embedding model"),
    ("too long a context", {"config.json": config_with(max_position_embeddings=262144)},
     "maximum context length of the model (262144"),
    ("no weights", {"model.safetensors": None}, "No .safetensors file"),
    ("header shorter than 8 bytes", {"model.safetensors": b"\x05\x00"}, "model.safetensors is corrupt"),
    ("header not JSON", {"model.safetensors": b"\x04\x00\x00\x00\x00\x00\x00\x00{no}"}, "not valid JSON"),
    ("wrong dtype", {"model.safetensors": weights(llama_tensors(), **{"model.norm.weight": ("I8", (16,))})},
     "data type(s) I8"),
    ("embedding shape", {"model.safetensors": weights(llama_tensors(),
                                                      **{"model.embed_tokens.weight": ("BF16", (99, 16))})},
     "model.embed_tokens.weight has shape [99, 16]"),
    ("hidden size", {"config.json": config_with(hidden_size=32)}, "hidden size 32"),
    ("too few layers", {"config.json": config_with(num_hidden_layers=4)},
     "num_hidden_layers 4, but the weights hold 2 layer(s) under model.layers (layer(s) 2-3 missing)"),
    ("incomplete shard index", {"model.safetensors.index.json": b'{"weight_map": {"x": "model-00002.safetensors"}}'},
     "names shard(s) missing from the folder: model-00002.safetensors"),
    ("index tensor not in its shard", {"model.safetensors.index.json": b'{"weight_map": {"x": "model.safetensors"}}'},
     "lists 1 tensor(s) not found in their shard: x"),
    ("missing tokenizer", {"tokenizer.json": None}, "tokenizer files are missing"),
    ("missing tokenizer_config", {"tokenizer_config.json": None}, "tokenizer files are missing"),
    ("tokenizer does not load", {"tokenizer.json": b'{"model": 3}'},
     "tokenizer.json does not load with the tokenizers library: data did not match any variant"),
    ("tokenizer JSON that the library refuses", {"tokenizer.json": json.dumps(
        {"version": "1.0", "model": {"type": "BPE", "vocab": {"a": 0}, "merges": ["a b"]}}).encode()},
     "does not load with the tokenizers library: Token `b` out of vocabulary"),
    ("sentencepiece does not load", {"tokenizer.model": b"not a protobuf"},
     "tokenizer.model does not load with sentencepiece"),
    ("tokenizer larger than vocab_size", {"tokenizer.json": grown_tokenizer(20)},
     "The tokenizer (tokenizer.json) uses 281 token ids, more than the vocab_size 272"),
    ("broken chat template", {"chat_template.jinja": b"{% for m in messages %}{{ m "}, "does not compile"),
    ("chat template in tokenizer_config", {"tokenizer_config.json": b'{"chat_template": "{% if %}"}'},
     "The chat template in tokenizer_config.json does not compile"),
]


@pytest.mark.parametrize(("change", "words"), [g[1:] for g in GOLDEN], ids=[g[0] for g in GOLDEN])
def test_golden_failures(clients: Any, change: dict[str, bytes | None], words: str) -> None:
    bedrock, s3 = clients
    job = run(bedrock, upload(s3, "bad", changed(change)))
    assert job["status"] == "Failed"
    assert words in job["failureMessage"], job["failureMessage"]
    assert len(job["failureMessage"]) <= 2048
    assert "importedModelArn" not in job and job["endTime"]
    assert bedrock.list_imported_models()["modelSummaries"] == []


def test_gpt_oss_only_in_us_east_1(door: Any) -> None:
    bedrock, s3 = door.client("bedrock", region_name="us-west-2"), door.client("s3", region_name="us-east-1")
    s3.create_bucket(Bucket=BUCKET)
    job = run(bedrock, upload(s3, "oss", tiny_model("gpt_oss")))
    assert job["status"] == "Failed" and "only in us-east-1, not in us-west-2" in job["failureMessage"]


@pytest.mark.parametrize(("uri", "words"), [(f"s3://{BUCKET}/nothing-here", "No model files were found"),
                                            ("s3://no-such-bucket-x/model", "bucket no-such-bucket-x does not exist")])
def test_empty_prefix_or_missing_bucket_fails(clients: Any, uri: str, words: str) -> None:
    bedrock, _ = clients
    job = run(bedrock, uri)
    assert job["status"] == "Failed" and words in job["failureMessage"], job["failureMessage"]


def test_names_quota_and_idempotency(clients: Any) -> None:
    bedrock, s3 = clients
    uri = upload(s3, "ok", tiny_model("mistral"))
    arn = start(bedrock, uri, name="j0", model="m0", clientRequestToken="tok-1")
    assert start(bedrock, uri, name="j0", model="m0", clientRequestToken="tok-1") == arn  # same token, same job
    assert wait(bedrock, arn)["status"] == "Completed"
    for i in (1, 2):
        assert run(bedrock, uri, name=f"j{i}", model=f"m{i}")["status"] == "Completed"
    with pytest.raises(ClientError) as err:
        run(bedrock, uri, name="j0", model="other")
    assert err.value.response["Error"]["Code"] == "ConflictException"
    assert "job with the name j0 already exists" in err.value.response["Error"]["Message"]
    with pytest.raises(ClientError) as err:
        run(bedrock, uri, name="j9", model="m1")
    assert err.value.response["Error"]["Code"] == "ConflictException"
    assert "imported model with the name m1 already exists" in err.value.response["Error"]["Message"]
    with pytest.raises(ClientError) as err:  # a fourth model
        run(bedrock, uri, name="j4", model="m4")
    assert err.value.response["Error"]["Code"] == "ServiceQuotaExceededException"
    assert "maximum number of imported models (3)" in err.value.response["Error"]["Message"]
    bedrock.delete_imported_model(modelIdentifier="m2")
    assert run(bedrock, uri, name="j4", model="m4")["status"] == "Completed"


def test_get_waits_while_the_job_runs_under_the_manual_clock(door: Any) -> None:
    bedrock, s3 = door.client("bedrock"), door.client("s3")
    s3.create_bucket(Bucket=BUCKET)
    assert door.control("POST", "/_dockyard/clock", {"clock": "manual", "service": "bedrock"})[0] == 200
    uri = upload(s3, "held", tiny_model("mistral"))
    arn = start(bedrock, uri, name="a", model="a")
    for _ in range(3):
        job = bedrock.get_model_import_job(jobIdentifier="a")
        assert job["status"] == "InProgress" and "endTime" not in job and "importedModelArn" not in job
    assert bedrock.list_imported_models()["modelSummaries"] == []
    with pytest.raises(ClientError) as err:  # a second concurrent job
        start(bedrock, uri, name="b", model="b")
    assert err.value.response["Error"]["Code"] == "ServiceQuotaExceededException"
    assert "request a quota increase for Concurrent model import jobs" in err.value.response["Error"]["Message"]
    with pytest.raises(ClientError) as err:  # the name of a model being imported is taken
        start(bedrock, uri, name="c", model="a")
    assert err.value.response["Error"]["Code"] == "ConflictException"
    status, _ = door.control("POST", f"/_dockyard/jobs/{arn.rsplit('/', 1)[1]}/advance", {"to": "Completed"})
    assert status == 200
    job = bedrock.get_model_import_job(jobIdentifier=arn)
    assert job["status"] == "Completed" and job["endTime"] and job["importedModelArn"]
    assert bedrock.get_imported_model(modelIdentifier="a")["modelArchitecture"] == "mistral"


def test_role_arn_is_validated_by_the_model(clients: Any) -> None:
    bedrock, _ = clients
    with pytest.raises(ClientError) as err:
        bedrock.create_model_import_job(jobName="x", importedModelName="x", roleArn="not-a-role",
                                        modelDataSource={"s3DataSource": {"s3Uri": f"s3://{BUCKET}/x"}})
    assert err.value.response["Error"]["Code"] == "ValidationException"
    assert ROLE  # the valid form used everywhere else
