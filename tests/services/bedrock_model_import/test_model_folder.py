"""The import job's reads of the model folder (headers only, one ranged GET each unless the header is long)
and its validate() over a fake bucket."""

from __future__ import annotations

import threading
from types import SimpleNamespace
from typing import Any

import pytest

from dockyard.service_kit import S3Location
from dockyard.services.bedrock_model_import.formats.model_config import ARCHITECTURES, ConfigError
from dockyard.services.bedrock_model_import.formats.tiny_model import safetensors_bytes, tiny_model
from dockyard.services.bedrock_model_import.formats.weight_checks import WeightsError
from dockyard.services.bedrock_model_import.jobs.model_folder import FIRST_READ, FolderError, ModelFolder
from dockyard.services.bedrock_model_import.jobs.model_import import validate


class Blobs:
    """An in-memory bucket that records every read."""

    def __init__(self, files: dict[str, bytes], bucket: str = "b") -> None:
        self.files, self.bucket, self.reads = files, bucket, []
        self.lock = threading.Lock()

    def bucket_exists(self, bucket: str) -> bool:
        return bucket == self.bucket

    def account_may(self, account: str, action: str, loc: S3Location) -> bool:
        return account == "123456789012"

    def list_objects(self, loc: S3Location) -> Any:
        return [SimpleNamespace(key=k, size=len(v)) for k, v in sorted(self.files.items()) if k.startswith(loc.key)]

    def get_range(self, loc: S3Location, start: int, length: int) -> bytes:
        with self.lock:
            self.reads.append((loc.key, start, length))
        return self.files[loc.key][start:start + length]

    def get_bytes(self, loc: S3Location) -> bytes:
        with self.lock:
            self.reads.append((loc.key, 0, None))
        return self.files[loc.key]


def folder(files: dict[str, bytes]) -> tuple[ModelFolder, Blobs]:
    blobs = Blobs({f"m/{k}": v for k, v in files.items()} | {"m/sub/ignored.safetensors": b""})
    return ModelFolder(blobs, "s3://b/m"), blobs


def test_only_the_files_directly_under_the_prefix() -> None:
    f, _ = folder(tiny_model("llama", shards=2))
    assert "sub/ignored.safetensors" not in f and "config.json" in f
    assert sorted(k for k in f.sizes if k.endswith(".safetensors")) == ["model-00001-of-00002.safetensors",
                                                                         "model-00002-of-00002.safetensors"]


def test_a_header_is_read_with_one_ranged_get_and_never_the_weights() -> None:
    big = safetensors_bytes({"w": ("BF16", (1024, 1024))}, random_data=False)  # 2 MiB of weights
    f, blobs = folder({"model.safetensors": big})
    tensors = f.headers(["model.safetensors"])["model.safetensors"]
    assert [t.name for t in tensors] == ["w"]
    assert blobs.reads == [("m/model.safetensors", 0, 8 + FIRST_READ)]


def test_a_header_longer_than_the_first_read_takes_a_second_get() -> None:
    many = {f"model.layers.{i}.mlp.up_proj.weight": ("BF16", (1,)) for i in range(2000)}  # ~150 KB of header
    data = safetensors_bytes(many, random_data=False)
    f, blobs = folder({"model.safetensors": data})
    assert len(f.headers(["model.safetensors"])["model.safetensors"]) == 2000
    (_, s1, n1), (_, s2, n2) = blobs.reads
    assert (s1, n1) == (0, 8 + FIRST_READ) and s2 == 8 + FIRST_READ and s1 + n1 + n2 < len(data)


def test_the_first_corrupt_shard_in_name_order_is_reported() -> None:
    good = safetensors_bytes({"w": ("BF16", (4,))})
    f, _ = folder({"a.safetensors": good, "b.safetensors": b"\x01", "c.safetensors": b"\x02" * 20})
    with pytest.raises(FolderError, match=r"The safetensors file b\.safetensors is corrupt: the file is 1 bytes"):
        f.headers(["a.safetensors", "b.safetensors", "c.safetensors"])


def test_an_empty_shard_is_corrupt_not_a_crash() -> None:
    f, blobs = folder({"model.safetensors": b""})
    with pytest.raises(FolderError, match="is corrupt: the file is 0 bytes long"):
        f.headers(["model.safetensors"])
    assert blobs.reads == []


def test_missing_bucket_empty_prefix_and_oversized_small_files() -> None:
    with pytest.raises(FolderError, match="bucket nope does not exist"):
        ModelFolder(Blobs({}), "s3://nope/m")
    with pytest.raises(FolderError, match="No model files were found at s3://b/empty"):
        ModelFolder(Blobs({"m/config.json": b"{}"}), "s3://b/empty")
    f, _ = folder({"config.json": b"{}"})
    f.sizes["config.json"] = 2**40
    with pytest.raises(FolderError, match=r"config\.json is 1099511627776 bytes"):
        f.read("config.json")


def job_context(files: dict[str, bytes], region: str = "us-east-1") -> Any:
    """What the job's validate() reads of its context: the blob store, the input, the region, cancellation."""
    blobs = Blobs({f"m/{k}": v for k, v in files.items()})
    return SimpleNamespace(deps=SimpleNamespace(blobs=blobs), input={"s3Uri": "s3://b/m"},
                           scope=SimpleNamespace(region=region, account="123456789012"), check_cancelled=lambda: None)


@pytest.mark.parametrize("model_type", sorted(ARCHITECTURES))
@pytest.mark.parametrize(("shards", "spm"), [(1, False), (3, True)])
def test_validate_accepts_every_tiny_model(model_type: str, shards: int, spm: bool) -> None:
    found = validate(job_context(tiny_model(model_type, shards=shards, sentencepiece=spm, seed=shards)))
    assert found["modelArchitecture"] == model_type
    assert found["customModelUnits"]["customModelUnitsPerModelCopy"] == 1


def test_validate_stops_at_the_first_failure_in_order() -> None:
    files = tiny_model("llama")
    files["config.json"] = b"{"  # and the tokenizer is missing too: the config comes first
    del files["tokenizer.json"]
    with pytest.raises(ConfigError):
        validate(job_context(files))
    files = tiny_model("llama", shards=2)
    del files["model-00002-of-00002.safetensors"]
    with pytest.raises(WeightsError, match="names shard"):  # the index, before the layer count
        validate(job_context(files))
