"""Bedrock model import benchmark: a 4-shard model of 256 MB per shard in the embedded S3.

Run: ``python bench/bench_bedrock_import.py [--shard-mb 256] [--shards 4]``; writes
``bench/results/bedrock_import.json``. Each shard is a generated safetensors header plus zero bytes
(one ``bytes(n)`` per shard, never random data); the job reads only the 8-byte lengths and headers
with ranged GETs. Measured: CreateModelImportJob until Completed, and the bytes the job read from S3.
"""

from __future__ import annotations

import argparse
import json
import struct
import sys
import time
from pathlib import Path
from typing import Any

import boto3

from dockyard.mocking.in_process import DockyardMock
from dockyard.services.bedrock_model_import.formats.tiny_model import tiny_model

RESULTS = Path(__file__).resolve().parent / "results" / "bedrock_import.json"
CREDS = {"aws_access_key_id": "a", "aws_secret_access_key": "b", "region_name": "us-east-1"}
HIDDEN = 4096


def shard(index: int, size: int) -> tuple[bytes, list[str]]:
    """A safetensors shard of ``size`` bytes of BF16 zeros: [rows, HIDDEN] tensors of 32 MB each."""
    per = 32 * 2**20
    rows = per // (2 * HIDDEN)
    header, names = {}, []
    for i in range(size // per):
        name = f"model.layers.{index}.w{i}.weight"
        header[name] = {"dtype": "BF16", "shape": [rows, HIDDEN], "data_offsets": [i * per, (i + 1) * per]}
        names.append(name)
    raw = json.dumps(header).encode()
    raw += b" " * (-len(raw) % 8)
    return struct.pack("<Q", len(raw)) + raw + bytes(per * len(names)), names


def main(argv: list[str] | None = None) -> dict[str, Any]:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shard-mb", type=int, default=256)
    ap.add_argument("--shards", type=int, default=4)
    args = ap.parse_args(argv)
    with DockyardMock() as mock:
        assert mock.runtime is not None
        s3, bedrock = boto3.client("s3", **CREDS), boto3.client("bedrock", **CREDS)
        s3.create_bucket(Bucket="bench")
        files = tiny_model("llama")
        config = json.loads(files.pop("config.json"))
        config.update(hidden_size=HIDDEN, vocab_size=16)
        files.pop("model.safetensors")
        weight_map: dict[str, str] = {}
        for i in range(args.shards):
            name = f"model-{i + 1:05d}-of-{args.shards:05d}.safetensors"
            body, names = shard(i, args.shard_mb * 2**20)
            s3.put_object(Bucket="bench", Key=f"m/{name}", Body=body)
            del body
            weight_map.update(dict.fromkeys(names, name))
        files["model.safetensors.index.json"] = json.dumps({"weight_map": weight_map}).encode()
        files["config.json"] = json.dumps(config).encode()
        for name, body in files.items():
            s3.put_object(Bucket="bench", Key=f"m/{name}", Body=body)

        blobs, read = mock.runtime.blobs, [0]
        get_range, get_bytes = blobs.get_range, blobs.get_bytes

        def counted_range(loc: Any, start: int, length: int) -> bytes:
            data = get_range(loc, start, length)
            read[0] += len(data)
            return data

        def counted_bytes(loc: Any) -> bytes:
            data = get_bytes(loc)
            read[0] += len(data)
            return data

        blobs.get_range, blobs.get_bytes = counted_range, counted_bytes  # type: ignore[method-assign]
        start = time.perf_counter()
        arn = bedrock.create_model_import_job(
            jobName="bench", importedModelName="bench", roleArn="arn:aws:iam::123456789012:role/r",
            modelDataSource={"s3DataSource": {"s3Uri": "s3://bench/m"}},
        )["jobArn"]
        while (job := bedrock.get_model_import_job(jobIdentifier=arn))["status"] == "InProgress":
            time.sleep(0.005)
        seconds = time.perf_counter() - start
    result = {
        "shards": args.shards, "shard_bytes": args.shard_mb * 2**20, "status": job["status"],
        "failure": job.get("failureMessage"), "import_s": round(seconds, 4), "bytes_read_from_s3": read[0],
        "goal": "import < 1 s, < 1 MB read",
    }
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps(result, indent=2))
    return result


if __name__ == "__main__":
    main(sys.argv[1:])
