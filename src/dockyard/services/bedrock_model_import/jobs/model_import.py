"""The model import job: validate the S3 folder as Bedrock does, then create the imported model."""

from __future__ import annotations

import json
from typing import Any

from dockyard.service_kit import JobContext, JobKind, S3Location, parse_s3_uri
from dockyard.services.bedrock_model_import import SPEC
from dockyard.services.bedrock_model_import.formats.model_config import ConfigError, read_config, text_config
from dockyard.services.bedrock_model_import.formats.model_units import UNITS_VERSION, custom_model_units
from dockyard.services.bedrock_model_import.formats.safetensors_header import (
    SUPPORTED_DTYPES,
    HeaderError,
    header_length,
    parse_header,
)
from dockyard.services.bedrock_model_import.formats.tokenizer_files import (
    TokenizerError,
    chat_template,
    compile_template,
    tokenizer_vocab_size,
)
from dockyard.services.bedrock_model_import.resources.store import MODEL

TEXT_LIMIT = 200 * 10**9
MULTIMODAL_LIMIT = 100 * 10**9


def _fail(ctx: JobContext, message: str) -> None:
    ctx.fail(message[:2048])


def import_body(ctx: JobContext) -> None:
    blobs = ctx.deps.blobs
    uri = ctx.input["s3Uri"]
    loc = parse_s3_uri(uri)
    prefix = loc.key if not loc.key or loc.key.endswith("/") else loc.key + "/"
    if not blobs.bucket_exists(loc.bucket):
        _fail(ctx, f"The S3 bucket {loc.bucket} does not exist or the role cannot read it. Check the s3Uri {uri}.")
    if not blobs.account_may(ctx.scope.account, "s3:GetObject", S3Location(loc.bucket, prefix)):
        _fail(ctx, f"Access Denied: account {ctx.scope.account} is not authorized to perform s3:GetObject on "
                   f"arn:aws:s3:::{loc.bucket}/{prefix}: the bucket belongs to another account and its bucket "
                   f"policy does not grant it. Check the s3Uri {uri}.")
    files = {o.key[len(prefix):]: o.size for o in blobs.list_objects(S3Location(loc.bucket, prefix))}
    files = {k: v for k, v in files.items() if k and "/" not in k}
    if not files:
        _fail(ctx, f"No model files were found at {uri}. Upload the Hugging Face model folder to that prefix.")
    if "config.json" not in files:
        _fail(ctx, f"config.json is missing from {uri}. Upload the model's config.json.")
    get = lambda name: blobs.get_bytes(S3Location(loc.bucket, prefix + name))  # noqa: E731
    try:
        config = read_config(get("config.json"), ctx.scope.region)
    except ConfigError as exc:
        _fail(ctx, str(exc))
    shards = sorted(k for k in files if k.endswith(".safetensors"))
    if not shards:
        _fail(ctx, f"No .safetensors file was found at {uri}. Save the weights in the safetensors format.")
    tensors: dict[str, Any] = {}
    for shard in shards:
        where = S3Location(loc.bucket, prefix + shard)
        try:
            n = header_length(blobs.get_range(where, 0, 8))
            if 8 + n > files[shard]:
                raise ValueError(f"the header length {n} exceeds the file's {files[shard]} bytes")
            for t in parse_header(blobs.get_range(where, 8, n), files[shard]):
                tensors[t.name] = (shard, t)
        except (HeaderError, ValueError) as exc:
            _fail(ctx, f"The safetensors file {shard} is corrupt: {exc}. Re-save the weights with safetensors.")
    bad = sorted({t.dtype for _, t in tensors.values()} - SUPPORTED_DTYPES)
    if bad:
        _fail(ctx, f"The weights use the data type(s) {', '.join(bad)}; only F32, F16 and BF16 are supported. "
              "Convert the weights (quantized weights cannot be imported).")
    if "model.safetensors.index.json" in files:
        try:
            weight_map = json.loads(get("model.safetensors.index.json"))["weight_map"]
        except (ValueError, KeyError, TypeError):
            _fail(ctx, "model.safetensors.index.json is not valid JSON with a weight_map. Re-save the checkpoint.")
        missing = sorted(set(weight_map.values()) - set(shards))
        if missing:
            _fail(ctx, f"model.safetensors.index.json names shard(s) missing from {uri}: {', '.join(missing)}. "
                  "Upload every shard.")
        absent = sorted(name for name, shard in weight_map.items() if tensors.get(name, (None,))[0] != shard)
        if absent:
            _fail(ctx, "model.safetensors.index.json lists tensor(s) not found in their shard: "
                  f"{', '.join(absent[:5])}. Upload the shards that belong to this index.")
    size = sum(files[s] for s in shards)
    limit = MULTIMODAL_LIMIT if config.multimodal else TEXT_LIMIT
    if size >= limit:
        _fail(ctx, f"The model weights are {size} bytes; they must be less than {limit // 10**9} GB for "
              f"{'multimodal' if config.multimodal else 'text'} models.")
    cfg = text_config(config.raw)
    vocab = cfg.get("vocab_size")
    hidden = cfg.get("hidden_size") or cfg.get("d_model") or cfg.get("n_embd")
    embeds = [t for _, t in tensors.values() if "embed" in t.name or t.name.endswith(("wte.weight", "shared.weight"))]
    for t in embeds[:1]:
        if len(t.shape) == 2 and ((vocab and t.shape[0] != vocab) or (hidden and t.shape[1] != hidden)):
            _fail(ctx, f"The tensor {t.name} has shape {list(t.shape)}, but config.json says vocab_size {vocab} and "
                  f"hidden size {hidden}. Upload the config.json that belongs to these weights.")
    if "tokenizer_config.json" not in files or not ({"tokenizer.json", "tokenizer.model"} & files.keys()):
        _fail(ctx, f"The tokenizer files are missing from {uri}: upload tokenizer_config.json and tokenizer.json "
              "and/or tokenizer.model.")
    small = {n: get(n) for n in ("tokenizer.json", "tokenizer_config.json", "chat_template.jinja",
                                 "chat_template.json") if n in files}
    try:
        if "tokenizer.json" in small:
            size = tokenizer_vocab_size(small["tokenizer.json"])
            if vocab and size > vocab:
                raise TokenizerError(f"The tokenizer has {size} tokens, more than the vocab_size {vocab} of "
                                     "config.json. Use the tokenizer saved with the model.")
        template = chat_template(small)
        if template is not None:
            source = next(n for n in ("chat_template.jinja", "chat_template.json", "tokenizer_config.json")
                          if n in small)
            compile_template(template, source)
    except TokenizerError as exc:
        _fail(ctx, str(exc))
    params = sum(t.elements for _, t in tensors.values())
    ctx.artifact("model", {
        "modelArchitecture": config.model_type,
        "instructSupported": config.converse and template is not None,
        "customModelUnits": {"customModelUnitsPerModelCopy": custom_model_units(params),
                             "customModelUnitsVersion": UNITS_VERSION},
    })


def create_model(ctx: JobContext) -> None:
    found = dict(ctx.job.artifacts["model"])
    doc = {**ctx.input["model"], **found}
    ctx.db.put(ctx.scope, MODEL, doc["id"], doc)


MODEL_IMPORT = SPEC.job_kind(JobKind(
    service="bedrock",
    name="model-import",
    body=import_body,
    initial_status="InProgress",
    phases=("Completed",),
    failed_status="Failed",
    min_phase_seconds={"InProgress": 300},
    on_succeeded=create_model,
))
