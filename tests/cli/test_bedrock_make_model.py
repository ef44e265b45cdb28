"""``dockyard bedrock make-model``, run in-process through ``main(argv)``: folders and buckets that import."""

from __future__ import annotations

import json
import uuid
from pathlib import Path
from typing import Any

import boto3
import pytest

from dockyard.cli.main import main
from dockyard.mocking.in_process import DockyardMock
from dockyard.services.bedrock_model_import.formats.model_config import ARCHITECTURES
from tests.conftest import CREDENTIALS
from tests.services.bedrock_model_import.s3_models import run


def test_help_names_every_architecture_and_both_destinations(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        main(["bedrock", "make-model", "--help"])
    assert done.value.code == 0
    text = capsys.readouterr().out
    assert all(arch in text for arch in ARCHITECTURES)
    assert "s3://bucket/prefix" in text and "--endpoint-url" in text and "--shards" in text


def test_unknown_architecture_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        main(["bedrock", "make-model", "bert", "out"])
    assert done.value.code == 2 and "invalid choice: 'bert'" in capsys.readouterr().err


def test_local_folder_of_every_architecture(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["bedrock", "make-model", "all", str(tmp_path / "tiny"), "--shards", "2", "--sentencepiece"]) == 0
    for arch in ARCHITECTURES:
        folder = tmp_path / "tiny" / arch
        names = {p.name for p in folder.iterdir()}
        assert {"config.json", "tokenizer.json", "tokenizer.model", "tokenizer_config.json",
                "model.safetensors.index.json", "model-00001-of-00002.safetensors"} <= names
        assert json.loads((folder / "config.json").read_text())["model_type"] == arch
    assert "qwen3_moe: 8 files" in capsys.readouterr().out


def test_same_seed_same_weights(tmp_path: Path) -> None:
    for name, seed in (("a", "1"), ("b", "1"), ("c", "2")):
        assert main(["bedrock", "make-model", "llama", str(tmp_path / name), "--seed", seed]) == 0
    weights = {n: (tmp_path / n / "model.safetensors").read_bytes() for n in "abc"}
    assert weights["a"] == weights["b"] != weights["c"]


def test_a_local_folder_uploaded_imports_to_completed(tmp_path: Path) -> None:
    assert main(["bedrock", "make-model", "gpt_bigcode", str(tmp_path / "m")]) == 0
    with DockyardMock():
        s3, bedrock = boto3.client("s3", **CREDENTIALS), boto3.client("bedrock", **CREDENTIALS)
        s3.create_bucket(Bucket="models")
        for path in (tmp_path / "m").iterdir():
            s3.upload_file(str(path), "models", f"local/{path.name}")
        job = run(bedrock, "s3://models/local")
        assert job["status"] == "Completed", job.get("failureMessage")


def test_s3_prefix_in_process_imports_to_completed() -> None:
    with DockyardMock():
        assert main(["bedrock", "make-model", "mixtral", "s3://made/tiny/mixtral", "--create-bucket",
                     "--shards", "2"]) == 0
        bedrock = boto3.client("bedrock", **CREDENTIALS)
        job = run(bedrock, "s3://made/tiny/mixtral")
        assert job["status"] == "Completed", job.get("failureMessage")
        assert bedrock.get_imported_model(modelIdentifier="m")["modelArchitecture"] == "mixtral"


def test_s3_prefix_of_a_running_server_imports_to_completed(dockyard_server: Any,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    bucket = f"cli-{uuid.uuid4().hex[:8]}"
    args = ["bedrock", "make-model", "qwen2_5_vl", f"s3://{bucket}/q", "--endpoint-url", dockyard_server.endpoint]
    assert main(args) == 1  # no such bucket yet
    assert f"the bucket {bucket} cannot be reached" in capsys.readouterr().err
    assert main([*args, "--create-bucket"]) == 0
    bedrock = dockyard_server.client("bedrock")
    job = run(bedrock, f"s3://{bucket}/q", name=f"cli-{bucket}", model=f"cli_{bucket[4:]}")
    assert job["status"] == "Completed", job.get("failureMessage")
    assert bedrock.get_imported_model(modelIdentifier=f"cli_{bucket[4:]}")["instructSupported"] is False
    bedrock.delete_imported_model(modelIdentifier=f"cli_{bucket[4:]}")


def test_an_unwritable_folder_is_one_line_and_exit_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "file").write_text("x")
    assert main(["bedrock", "make-model", "llama", str(tmp_path / "file" / "m")]) == 1
    assert "cannot write" in capsys.readouterr().err
    assert main(["bedrock", "make-model", "llama", str(tmp_path / "z"), "--shards", "0"]) == 2
