"""``dockyard bedrock make-model``: write a tiny valid model folder for Bedrock custom model import."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

from dockyard.services.bedrock_model_import.formats.model_config import ARCHITECTURES
from dockyard.services.bedrock_model_import.formats.tiny_model import tiny_model

DESCRIPTION = """\
Write a tiny, valid Hugging Face model folder that Bedrock custom model import accepts: random
weights (safetensors), a real config.json, a tokenizer (tokenizer.json, tokenizer_config.json, and
with --sentencepiece a tokenizer.model) and a chat template. A few dozen kilobytes; use it to test
a pipeline that calls CreateModelImportJob.

DEST is a local folder or an s3://bucket/prefix. For S3, --endpoint-url (or AWS_ENDPOINT_URL)
points at the embedded S3 of a running Dockyard (http://127.0.0.1:4566) or any S3; without one
the usual AWS credential chain and endpoints are used.

ARCH is a config.json model_type: {archs}, or "all" (one sub-folder per architecture).

examples:
  dockyard bedrock make-model llama ./tiny-llama
  dockyard bedrock make-model qwen3 s3://models/qwen3 --endpoint-url http://127.0.0.1:4566 --create-bucket
  dockyard bedrock make-model all s3://models/tiny --shards 2
"""


def add_bedrock_parser(subparsers: argparse._SubParsersAction) -> None:
    """Register ``dockyard bedrock make-model``."""
    bedrock = subparsers.add_parser("bedrock", help="Bedrock custom model import helpers (make-model)",
                                    description="Bedrock custom model import helpers.")
    sub = bedrock.add_subparsers(dest="bedrock_command", metavar="COMMAND", required=True)
    p = sub.add_parser(
        "make-model",
        help="write a tiny valid model folder of a supported architecture to a folder or s3:// prefix",
        description=DESCRIPTION.format(archs=", ".join(sorted(ARCHITECTURES))),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("arch", metavar="ARCH", choices=[*sorted(ARCHITECTURES), "all"],
                   help="model_type of the model (or 'all')")
    p.add_argument("dest", metavar="DEST", help="a local folder or s3://bucket/prefix")
    p.add_argument("--shards", type=int, default=1,
                   help="split the weights into this many safetensors files with a model.safetensors.index.json")
    p.add_argument("--sentencepiece", action="store_true", help="also write a SentencePiece tokenizer.model")
    p.add_argument("--seed", type=int, default=0, help="seed of the random weights (default 0)")
    p.add_argument("--endpoint-url", default=None,
                   help="S3 endpoint, e.g. http://127.0.0.1:4566 (env AWS_ENDPOINT_URL)")
    p.add_argument("--region", default=None, help="S3 region (default: the AWS configuration's, else us-east-1)")
    p.add_argument("--create-bucket", action="store_true", help="create the S3 bucket if it does not exist")
    p.set_defaults(func=run_make_model)


def run_make_model(args: argparse.Namespace) -> int:
    if args.shards < 1:
        print("dockyard bedrock make-model: --shards must be at least 1", file=sys.stderr)
        return 2
    archs = sorted(ARCHITECTURES) if args.arch == "all" else [args.arch]
    folders = {arch: tiny_model(arch, shards=args.shards, seed=args.seed, sentencepiece=args.sentencepiece)
               for arch in archs}
    base = args.dest.rstrip("/")
    try:
        write = S3Writer(base, args) if base.startswith("s3://") else LocalWriter(base)
        for arch, files in folders.items():
            where = base if args.arch != "all" else f"{base}/{arch}"
            write(where, files)
            print(f"{arch}: {len(files)} files, {sum(map(len, files.values())):,} bytes -> {where}/")
    except WriteError as exc:
        print(f"dockyard bedrock make-model: {exc}", file=sys.stderr)
        return 1
    return 0


class WriteError(RuntimeError):
    """The folder could not be written; the message says why."""


class LocalWriter:
    def __init__(self, base: str) -> None:
        self.base = base

    def __call__(self, where: str, files: dict[str, bytes]) -> None:
        folder = Path(where)
        try:
            folder.mkdir(parents=True, exist_ok=True)
            for name, body in files.items():
                (folder / name).write_bytes(body)
        except OSError as exc:
            raise WriteError(f"cannot write {folder}: {exc.strerror or exc}") from exc


class S3Writer:
    def __init__(self, base: str, args: argparse.Namespace) -> None:
        import boto3
        import botocore.exceptions

        self.errors = (botocore.exceptions.BotoCoreError, botocore.exceptions.ClientError)
        bucket = base[len("s3://"):].split("/", 1)[0]
        if not bucket:
            raise WriteError(f"{base} names no bucket; use s3://bucket/prefix")
        self.bucket = bucket
        endpoint = args.endpoint_url or os.environ.get("AWS_ENDPOINT_URL")
        session = boto3.session.Session()
        creds: dict[str, Any] = {}
        if endpoint and session.get_credentials() is None:  # a local S3 (Dockyard's) does not check them
            creds = {"aws_access_key_id": "testing", "aws_secret_access_key": "testing"}
        region = args.region or session.region_name or "us-east-1"
        self.s3 = session.client("s3", endpoint_url=endpoint, region_name=region, **creds)
        self.endpoint = endpoint or "AWS"
        try:
            self.s3.head_bucket(Bucket=bucket)
        except self.errors as exc:
            if not args.create_bucket:
                raise WriteError(f"the bucket {bucket} cannot be reached at {self.endpoint} ({exc}); create it "
                                 "or pass --create-bucket") from exc
            self.create(region)

    def create(self, region: str) -> None:
        extra = {} if region == "us-east-1" else {"CreateBucketConfiguration": {"LocationConstraint": region}}
        try:
            self.s3.create_bucket(Bucket=self.bucket, **extra)
        except self.errors as exc:
            raise WriteError(f"cannot create the bucket {self.bucket} at {self.endpoint}: {exc}") from exc

    def __call__(self, where: str, files: dict[str, bytes]) -> None:
        prefix = where[len("s3://") + len(self.bucket):].strip("/")
        for name, body in files.items():
            key = f"{prefix}/{name}" if prefix else name
            try:
                self.s3.put_object(Bucket=self.bucket, Key=key, Body=body)
            except self.errors as exc:
                raise WriteError(f"cannot write s3://{self.bucket}/{key} at {self.endpoint}: {exc}") from exc
