"""Lex V2 model-building operations: importing the handler modules registers them on SPEC."""

from __future__ import annotations

from typing import Any

from dockyard.services.lexv2_models import (  # noqa: F401  (registration by import)
    SPEC,
    api_bots,
    api_exports,
    api_imports,
    api_intents,
    api_locales,
    api_slot_types,
    api_test_sets,
    api_versions,
    api_vocabulary,
    export_job,
    import_job,
    lifecycle,
)


@SPEC.on_start
def register_job_kinds(runtime: Any) -> None:
    runtime.jobs.register(*lifecycle.job_kinds())
    runtime.jobs.register(import_job.job_kind(runtime), export_job.job_kind(runtime))
