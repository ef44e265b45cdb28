"""The model import job: validate the S3 folder as Bedrock does, then create the imported model.

The body only reads (the S3 folder); ``on_succeeded`` writes the model, in the engine's transaction
with the Completed record. Recovery is ``retry``: a job interrupted by a restart is validated again
and completes, and a model exists only under a Completed job."""

from __future__ import annotations

from dockyard.service_kit import JobContext, JobKind
from dockyard.services.bedrock_model_import import SPEC
from dockyard.services.bedrock_model_import.formats.model_config import ConfigError, ModelConfig, read_config
from dockyard.services.bedrock_model_import.formats.model_units import custom_model_units, units_version
from dockyard.services.bedrock_model_import.formats.tokenizer_files import (
    TokenizerError,
    chat_template,
    check_vocabulary,
    compile_template,
    sentencepiece_size,
    tokenizer_json_size,
)
from dockyard.services.bedrock_model_import.formats.weight_checks import (
    INDEX,
    WeightsError,
    check_dtypes,
    check_index,
    check_shapes,
    check_size,
    collect,
)
from dockyard.services.bedrock_model_import.jobs.model_folder import FolderError, ModelFolder
from dockyard.services.bedrock_model_import.resources.store import MODEL

TOKENIZER_FILES = ("tokenizer.json", "tokenizer.model")
SMALL_FILES = ("tokenizer_config.json", "chat_template.jinja", "chat_template.json")


def import_body(ctx: JobContext) -> None:
    try:
        ctx.artifact("model", validate(ctx))
    except (FolderError, ConfigError, WeightsError, TokenizerError) as exc:
        ctx.fail(str(exc)[:2048])


def validate(ctx: JobContext) -> dict[str, object]:
    """What Bedrock checks, in order; the first failure is the job's failureMessage."""
    folder = ModelFolder(ctx.deps.blobs, ctx.input["s3Uri"], ctx.scope.account)
    if "config.json" not in folder:
        raise FolderError(f"config.json is missing from {folder.uri}. Upload the model's config.json.")
    config = read_config(folder.read("config.json"), ctx.scope.region)
    shards = sorted(k for k in folder.sizes if k.endswith(".safetensors"))
    if not shards:
        raise FolderError(f"No .safetensors file was found at {folder.uri}. Save the weights in the safetensors "
                          "format.")
    ctx.check_cancelled()
    located = collect(folder.headers(shards))
    check_dtypes(t for _, t in located.values())
    if INDEX in folder:
        check_index(folder.read(INDEX), located, shards)
    check_size(sum(folder.sizes[s] for s in shards), config.multimodal)
    check_shapes(config, {name: t for name, (_, t) in located.items()})
    ctx.check_cancelled()
    template = check_tokenizer(folder, config)
    return {
        "modelArchitecture": config.model_type,
        "instructSupported": config.converse and template is not None,
        "customModelUnits": {
            "customModelUnitsPerModelCopy": custom_model_units(sum(t.elements for _, t in located.values())),
            "customModelUnitsVersion": units_version(config.model_type),
        },
    }


def check_tokenizer(folder: ModelFolder, config: ModelConfig) -> str | None:
    """The tokenizer files load and fit vocab_size; the chat template compiles. Returns the template."""
    if "tokenizer_config.json" not in folder or not any(n in folder for n in TOKENIZER_FILES):
        raise FolderError(f"The tokenizer files are missing from {folder.uri}: upload tokenizer_config.json and "
                          "tokenizer.json and/or tokenizer.model.")
    if "tokenizer.json" in folder:
        check_vocabulary(tokenizer_json_size(folder.read("tokenizer.json")), config.vocab_size, "tokenizer.json")
    if "tokenizer.model" in folder:
        check_vocabulary(sentencepiece_size(folder.read("tokenizer.model")), config.vocab_size, "tokenizer.model")
    found = chat_template({n: folder.read(n) for n in SMALL_FILES if n in folder})
    if found is None:
        return None
    compile_template(*found)
    return found[0]


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
    names=lambda record: (record.input.get("model", {}).get("jobName", ""),),  # mock.jobs.advance(jobName)
    recovery="retry",  # validation only reads; the model is written with the Completed record
))
