"""Lex V2 model-building operations: importing the handler modules registers them on SPEC."""

from __future__ import annotations

from typing import Any

from dockyard.services.lexv2_models import (  # noqa: F401  (registration by import)
    SPEC,
    api_bots,
    api_intents,
    api_locales,
    api_slot_types,
    api_versions,
    api_vocabulary,
    lifecycle,
)


@SPEC.on_start
def register_job_kinds(runtime: Any) -> None:
    runtime.jobs.register(*lifecycle.job_kinds())
