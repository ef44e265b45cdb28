"""Lex V1 import/export benchmark: a 100-intent bot imported with StartImport and exported with
GetExport, through boto3 (``lex-models``) on the in-process front door, default instant clock.

Run: ``.venv/bin/python bench/bench_lexv1.py [--intents 100] [--utterances 100] [--slot-types 20]
[--values 500]``; writes ``bench/results/lexv1.json``.

Each intent has 100 utterances and one slot whose type is one of the 20 slot types (500 values
each, round robin). Timed from the call to the terminal status the client sees by polling every
millisecond: StartImport -> COMPLETE; GetExport (first call) -> READY (download not timed);
StartMigration -> COMPLETED (the V2 bot, locale, slot types, intents and slots written).
Goal: each under 1 s.
"""

from __future__ import annotations

import argparse
import io
import json
import platform
import sys
import time
import zipfile
from pathlib import Path
from typing import Any

import boto3

import dockyard

RESULTS = Path(__file__).resolve().parent / "results" / "lexv1.json"
METADATA = {"schemaVersion": "1.0", "importType": "LEX", "importFormat": "JSON"}


def letters(n: int) -> str:
    """A V1-legal name part ([a-zA-Z_]+) for a number."""
    return "".join(chr(ord("a") + int(d)) for d in str(n))


def bench_bot(intents: int, utterances: int, slot_types: int, values: int) -> dict[str, Any]:
    types = [{"name": f"Type_{letters(t)}", "version": "1", "valueSelectionStrategy": "ORIGINAL_VALUE",
              "enumerationValues": [{"value": f"type {t} value {v}"} for v in range(values)]}
             for t in range(slot_types)]
    prompt = {"messages": [{"contentType": "PlainText", "content": "Which one?"}], "maxAttempts": 2}
    intent_list = [{
        "name": f"Intent_{letters(i)}", "version": "1", "fulfillmentActivity": {"type": "ReturnIntent"},
        # short utterances: 10,000 of them must stay under AWS's 200,000 utterance characters per bot
        "sampleUtterances": [f"i{i} u{u} {{Thing}}" for u in range(utterances)],
        "slots": [{"name": "Thing", "slotConstraint": "Required", "slotType": types[i % slot_types]["name"],
                   "slotTypeVersion": "1", "priority": 1, "valueElicitationPrompt": prompt}],
    } for i in range(intents)]
    return {"name": "BenchBot", "version": "1", "locale": "en-US", "childDirected": False,
            "idleSessionTTLInSeconds": 300, "intents": intent_list, "slotTypes": types,
            "abortStatement": {"messages": [{"contentType": "PlainText", "content": "Sorry"}]}}


def payload(resource: dict[str, Any]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("BenchBot_Export.json", json.dumps({"metadata": METADATA, "resource": resource}))
    return out.getvalue()


def run(intents: int, utterances: int, slot_types: int, values: int) -> dict[str, Any]:
    data = payload(bench_bot(intents, utterances, slot_types, values))
    with dockyard.mock():
        lex = boto3.client("lex-models", region_name="us-east-1", aws_access_key_id="x", aws_secret_access_key="x")
        began = time.perf_counter()
        import_id = lex.start_import(payload=data, resourceType="BOT", mergeStrategy="FAIL_ON_CONFLICT")["importId"]
        while (status := lex.get_import(importId=import_id)["importStatus"]) == "IN_PROGRESS":
            time.sleep(0.001)
        import_seconds = time.perf_counter() - began
        assert status == "COMPLETE", lex.get_import(importId=import_id)["failureReason"]
        lex.create_bot_version(name="BenchBot")
        began = time.perf_counter()
        params = {"name": "BenchBot", "version": "1", "resourceType": "BOT", "exportType": "LEX"}
        while (status := lex.get_export(**params)["exportStatus"]) == "IN_PROGRESS":
            time.sleep(0.001)
        export_seconds = time.perf_counter() - began
        assert status == "READY"
        began = time.perf_counter()
        migration_id = lex.start_migration(v1BotName="BenchBot", v1BotVersion="1", v2BotName="BenchBotV",
                                           v2BotRole="arn:aws:iam::123456789012:role/bench",
                                           migrationStrategy="CREATE_NEW")["migrationId"]
        while (status := lex.get_migration(migrationId=migration_id)["migrationStatus"]) == "IN_PROGRESS":
            time.sleep(0.001)
        migration_seconds = time.perf_counter() - began
        assert status == "COMPLETED", lex.get_migration(migrationId=migration_id)["alerts"]
    return {"intents": intents, "utterancesPerIntent": utterances, "slotTypes": slot_types,
            "valuesPerSlotType": values, "payloadBytes": len(data), "import_seconds": round(import_seconds, 3),
            "export_seconds": round(export_seconds, 3),
            "migration_seconds": round(migration_seconds, 3), "python": platform.python_version()}


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--intents", type=int, default=100)
    parser.add_argument("--utterances", type=int, default=100)
    parser.add_argument("--slot-types", type=int, default=20)
    parser.add_argument("--values", type=int, default=500)
    args = parser.parse_args(argv)
    result = run(args.intents, args.utterances, args.slot_types, args.values)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps(result, indent=2))
    return result


if __name__ == "__main__":
    main(sys.argv[1:])
