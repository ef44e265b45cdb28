"""Bedrock model import benchmark: a 4-shard model of 256 MB per shard in the embedded S3.

Run: ``python bench/bench_bedrock_import.py [--shard-mb 256] [--shards 4] [--runs 3]``; writes
``bench/results/bedrock_import.json``. Each shard is a generated safetensors header plus zero bytes
(one ``bytes(n)`` per shard, never random data); the job reads only the headers with ranged GETs.

Measured, per run: CreateModelImportJob until GetModelImportJob answers Completed (the set-up upload
is not counted), the bytes the job read from S3, and the time the job spent inside S3 calls. The
median of ``--runs`` imports of the same folder is quoted (the imported model is deleted between
runs, so the three-model quota never bites). The same folder with 1 MB shards gives the import's
fixed cost: the difference is the embedded S3 (moto) reading each whole object for a ranged GET.
"""

from __future__ import annotations

import argparse
import json
import statistics
import struct
import sys
import threading
import time
from pathlib import Path
from typing import Any

import boto3
from botocore.config import Config

from dockyard.mocking.in_process import DockyardMock
from dockyard.service_kit import S3Location
from dockyard.services.bedrock_model_import.formats.tiny_model import tiny_model, vocab_size

RESULTS = Path(__file__).resolve().parent / "results" / "bedrock_import.json"
CREDS = {"aws_access_key_id": "a", "aws_secret_access_key": "b", "region_name": "us-east-1"}
HIDDEN = 4096
# Before this round of work (two ranged GETs per shard, one after the other), measured the same way:
BEFORE = {"import_s": 2.9825, "bytes_read_from_s3": 6249}


def shard(index: int, size: int) -> tuple[bytes, list[str]]:
    """A safetensors shard of ``size`` bytes of BF16 zeros holding layer ``index``: [rows, HIDDEN] tensors of
    32 MB each (the first shard also holds the token embedding)."""
    per = min(32 * 2**20, size)
    rows = per // (2 * HIDDEN)
    header: dict[str, Any] = {}
    offset = 0
    if index == 0:
        offset = 2 * vocab_size("llama") * HIDDEN
        header["model.embed_tokens.weight"] = {"dtype": "BF16", "shape": [vocab_size("llama"), HIDDEN],
                                               "data_offsets": [0, offset]}
    for i in range(size // per):
        header[f"model.layers.{index}.w{i}.weight"] = {
            "dtype": "BF16", "shape": [rows, HIDDEN], "data_offsets": [offset + i * per, offset + (i + 1) * per]}
    raw = json.dumps(header).encode()
    raw += b" " * (-len(raw) % 8)
    return struct.pack("<Q", len(raw)) + raw + bytes(offset + per * (size // per)), list(header)


class S3Meter:
    """Counts the bytes and the seconds the job spends in the blob store's read calls."""

    def __init__(self, blobs: Any) -> None:
        self.bytes, self.seconds, self.calls = 0, 0.0, 0
        self.lock = threading.Lock()
        for name in ("get_range", "get_bytes"):
            setattr(blobs, name, self.wrap(getattr(blobs, name)))

    def wrap(self, call: Any) -> Any:
        def counted(*args: Any) -> bytes:
            start = time.perf_counter()
            data = call(*args)
            with self.lock:
                self.bytes += len(data)
                self.seconds += time.perf_counter() - start
                self.calls += 1
            return data

        return counted

    def reset(self) -> None:
        self.bytes, self.seconds, self.calls = 0, 0.0, 0


def upload(s3: Any, shards: int, shard_bytes: int) -> None:
    files = tiny_model("llama")
    config = json.loads(files.pop("config.json"))
    config.update(hidden_size=HIDDEN, num_hidden_layers=shards)
    for name in [n for n in files if n.endswith(".safetensors")]:
        files.pop(name)
    weight_map: dict[str, str] = {}
    for i in range(shards):
        name = f"model-{i + 1:05d}-of-{shards:05d}.safetensors"
        body, names = shard(i, shard_bytes)
        s3.put_object(Bucket="bench", Key=f"m/{name}", Body=body)
        del body
        weight_map.update(dict.fromkeys(names, name))
    files["model.safetensors.index.json"] = json.dumps({"weight_map": weight_map}).encode()
    files["config.json"] = json.dumps(config).encode()
    for name, body in files.items():
        s3.put_object(Bucket="bench", Key=f"m/{name}", Body=body)


def import_once(bedrock: Any, run: int) -> dict[str, Any]:
    start = time.perf_counter()
    arn = bedrock.create_model_import_job(
        jobName=f"bench-{run}", importedModelName=f"bench-{run}", roleArn="arn:aws:iam::123456789012:role/r",
        modelDataSource={"s3DataSource": {"s3Uri": "s3://bench/m"}},
    )["jobArn"]
    while (job := bedrock.get_model_import_job(jobIdentifier=arn))["status"] == "InProgress":
        time.sleep(0.005)
    seconds = time.perf_counter() - start
    if job["status"] == "Completed":
        bedrock.delete_imported_model(modelIdentifier=f"bench-{run}")
    return {"seconds": seconds, "status": job["status"], "failure": job.get("failureMessage")}


def measure(shards: int, shard_bytes: int, runs: int) -> tuple[list[dict[str, Any]], float]:
    """``runs`` imports of one folder of ``shards`` shards; and one 8-byte ranged GET of a shard."""
    out: list[dict[str, Any]] = []
    with DockyardMock() as mock:
        assert mock.runtime is not None
        # botocore's aws-chunked checksum of a 256 MB body takes minutes; the set-up does not need it
        setup = Config(request_checksum_calculation="when_required")
        s3, bedrock = boto3.client("s3", config=setup, **CREDS), boto3.client("bedrock", **CREDS)
        s3.create_bucket(Bucket="bench")
        upload(s3, shards, shard_bytes)
        meter = S3Meter(mock.runtime.blobs)
        for run in range(runs):
            meter.reset()
            out.append({**import_once(bedrock, run), "bytes_read_from_s3": meter.bytes, "s3_calls": meter.calls,
                        "seconds_in_s3_calls": round(meter.seconds, 4)})
        # what one ranged GET of 8 bytes of one shard costs in the embedded S3 (moto reads the whole object)
        key = S3Location("bench", f"m/model-00001-of-{shards:05d}.safetensors")
        start = time.perf_counter()
        mock.runtime.blobs.get_range(key, 0, 8)
        return out, time.perf_counter() - start


def main(argv: list[str] | None = None) -> dict[str, Any]:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shard-mb", type=int, default=256)
    ap.add_argument("--shards", type=int, default=4)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args(argv)
    runs, one_get = measure(args.shards, args.shard_mb * 2**20, args.runs)
    small, _ = measure(args.shards, 2**20, args.runs)  # the same folder with 1 MB shards: the fixed cost
    middle = sorted(runs, key=lambda r: r["seconds"])[len(runs) // 2]
    result = {
        "shards": args.shards, "shard_bytes": args.shard_mb * 2**20, "runs": len(runs),
        "status": middle["status"], "failure": middle["failure"],
        "import_s": round(statistics.median(r["seconds"] for r in runs), 4),
        "import_s_before": BEFORE["import_s"],
        "bytes_read_from_s3": middle["bytes_read_from_s3"],
        "bytes_read_from_s3_before": BEFORE["bytes_read_from_s3"],
        "s3_calls": middle["s3_calls"],
        "seconds_in_s3_calls": middle["seconds_in_s3_calls"],
        "embedded_s3_one_8_byte_ranged_get_s": round(one_get, 4),
        "import_s_same_folder_1mb_shards": round(statistics.median(r["seconds"] for r in small), 4),
        "each_run_s": [round(r["seconds"], 4) for r in runs],
        "goal": "import < 1 s, < 1 MB read",
    }
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps(result, indent=2))
    return result


if __name__ == "__main__":
    main(sys.argv[1:])
