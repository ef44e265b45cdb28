"""Lex V2 import/export benchmark: a big bot imported from a zip and exported again, through boto3.

Run: ``.venv/bin/python bench/bench_lexv2_import_export.py [--intents 100] [--utterances 500]
[--slot-types 50] [--values 1000]``; writes ``bench/results/lexv2_import_export.json``.

In-process (``dockyard.mock()``), default instant clock. The bot has the shape of
``bench_lexv2_bot.py`` (one slot per intent, slot types used round robin), written as a LexJson
archive by the archive library. Measured from the start call to the terminal status the client
sees by polling (DescribeImport / DescribeExport every millisecond), and the job's own run time:

* import: StartImport -> Completed (the zip was already PUT to the upload URL);
* export: CreateExport -> Completed (the zip is in the internal bucket; the download is not timed).
Goal: each under 1 s.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Any

import boto3
import requests

import dockyard
from bench.bench_lexv2_bot import run_cli, wait_until
from dockyard.services.lexv2_models.formats import (
    BotDefinition,
    IntentDefinition,
    LocaleDefinition,
    SlotDefinition,
    SlotPriority,
    SlotTypeDefinition,
    write_bot_archive,
)

RESULTS = Path(__file__).resolve().parent / "results" / "lexv2_import_export.json"
ROLE = "arn:aws:iam::123456789012:role/bench"
PROMPT = {"messageGroups": [{"message": {"plainTextMessage": {"value": "Which one?"}}}], "maxRetries": 2}


def bench_bot(intents: int, utterances: int, slot_types: int, values: int) -> BotDefinition:
    """The benchmark bot as an archive definition (same shape as bench_lexv2_bot)."""
    locale = LocaleDefinition("en_US", 0.4)
    for t in range(slot_types):
        locale.slot_types[f"Type{t}"] = SlotTypeDefinition(
            f"Type{t}", slot_type_values=[{"sampleValue": {"value": f"type {t} value {v}"}} for v in range(values)],
            value_selection_setting={"resolutionStrategy": "OriginalValue"})
    for i in range(intents):
        intent = IntentDefinition(
            f"Intent{i}", sample_utterances=[{"utterance": f"intent {i} sample {u} with {{Thing}}"}
                                             for u in range(utterances)],
            slot_priorities=[SlotPriority(1, "Thing")])
        intent.slots["Thing"] = SlotDefinition("Thing", f"Type{i % max(slot_types, 1)}",
                                               {"slotConstraint": "Required", "promptSpecification": PROMPT})
        locale.intents[intent.name] = intent
    bot = BotDefinition("Bench", {"childDirected": False}, 300)
    bot.locales["en_US"] = locale
    return bot


def run(intents: int, utterances: int, slot_types: int, values: int) -> dict[str, Any]:
    data = write_bot_archive(bench_bot(intents, utterances, slot_types, values))
    with dockyard.mock() as mock:
        client = boto3.client("lexv2-models", region_name="us-east-1", aws_access_key_id="testing",
                              aws_secret_access_key="testing")
        upload = client.create_upload_url()
        assert requests.put(upload["uploadUrl"], data=data, timeout=60).status_code == 200
        spec = {"botImportSpecification": {"botName": "Bench", "roleArn": ROLE,
                                           "dataPrivacy": {"childDirected": False}}}
        start = time.perf_counter()
        client.start_import(importId=upload["importId"], resourceSpecification=spec, mergeStrategy="FailOnConflict")
        wait_until(lambda: client.describe_import(importId=upload["importId"])["importStatus"] != "InProgress")
        import_s = time.perf_counter() - start
        described = client.describe_import(importId=upload["importId"])
        job = mock.jobs.get(upload["importId"])
        import_job_s = (job.ended_at or 0) - (job.started_at or job.created_at)

        export_spec = {"botExportSpecification": {"botId": described["importedResourceId"], "botVersion": "DRAFT"}}
        start = time.perf_counter()
        export_id = client.create_export(resourceSpecification=export_spec, fileFormat="LexJson")["exportId"]
        wait_until(lambda: client.describe_export(exportId=export_id)["exportStatus"] != "InProgress")
        export_s = time.perf_counter() - start
        exported = client.describe_export(exportId=export_id)
        job = mock.jobs.get(export_id)
        export_job_s = (job.ended_at or 0) - (job.started_at or job.created_at)
        export_bytes = len(requests.get(exported["downloadUrl"], timeout=60).content)
    return {
        "shape": {"intents": intents, "utterances_per_intent": utterances, "slot_types": slot_types,
                  "values_per_slot_type": values, "slots_per_intent": 1},
        "archive_bytes": len(data),
        "import_seconds": round(import_s, 4),
        "import_job_seconds": round(import_job_s, 4),
        "import_status": described["importStatus"],
        "export_seconds": round(export_s, 4),
        "export_job_seconds": round(export_job_s, 4),
        "export_status": exported["exportStatus"],
        "export_bytes": export_bytes,
        "goal_seconds": 1.0,
        "import_under_goal": described["importStatus"] == "Completed" and import_s < 1.0,
        "export_under_goal": exported["exportStatus"] == "Completed" and export_s < 1.0,
    }


def main(argv: list[str] | None = None) -> dict[str, Any]:
    return run_cli("lexv2_import_export", __doc__.splitlines()[0], run, RESULTS, argv)


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    main()
