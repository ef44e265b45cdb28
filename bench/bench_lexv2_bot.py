"""Lex V2 bot definition benchmark: a big bot through boto3, then a locale build.

Run: ``.venv/bin/python bench/bench_lexv2_bot.py [--intents 100] [--utterances 500]
[--slot-types 50] [--values 1000]``; writes ``bench/results/lexv2_bot.json``.

In-process (``dockyard.mock()``), default instant clock:

* create: CreateBot + CreateBotLocale + CreateSlotType x slot types (values each) + CreateIntent x
  intents (utterances each) + one slot per intent, all through boto3;
* build: BuildBotLocale until DescribeBotLocale answers Built (client view), and the build job's
  own run time (engine view);
* version: CreateBotVersion until DescribeBotVersion answers Available (a copy of the locale).
Goal: build under 1 s.
"""

from __future__ import annotations

import argparse
import json
import platform
import sys
import time
from pathlib import Path
from typing import Any

import boto3

import dockyard

RESULTS = Path(__file__).resolve().parent / "results" / "lexv2_bot.json"
ROLE = "arn:aws:iam::123456789012:role/bench"


def wait_until(check: Any, timeout: float = 120.0) -> None:
    """Poll ``check`` every millisecond until it is true."""
    deadline = time.perf_counter() + timeout
    while not check():
        if time.perf_counter() > deadline:
            raise TimeoutError("benchmark wait timed out")
        time.sleep(0.001)


def run(intents: int, utterances: int, slot_types: int, values: int) -> dict[str, Any]:
    with dockyard.mock() as mock:
        client = boto3.client("lexv2-models", region_name="us-east-1", aws_access_key_id="testing",
                              aws_secret_access_key="testing")
        start = time.perf_counter()
        bot_id = client.create_bot(botName="Bench", roleArn=ROLE, dataPrivacy={"childDirected": False},
                                   idleSessionTTLInSeconds=300)["botId"]
        wait_until(lambda: client.describe_bot(botId=bot_id)["botStatus"] == "Available")
        ids = {"botId": bot_id, "botVersion": "DRAFT", "localeId": "en_US"}
        client.create_bot_locale(**ids, nluIntentConfidenceThreshold=0.4)
        wait_until(lambda: client.describe_bot_locale(**ids)["botLocaleStatus"] == "NotBuilt")
        type_ids = []
        for t in range(slot_types):
            slot_values = [{"sampleValue": {"value": f"type {t} value {v}"}} for v in range(values)]
            type_ids.append(client.create_slot_type(**ids, slotTypeName=f"Type{t}", slotTypeValues=slot_values,
                                                    valueSelectionSetting={"resolutionStrategy": "OriginalValue"})
                            ["slotTypeId"])
        prompt = {"messageGroups": [{"message": {"plainTextMessage": {"value": "Which one?"}}}], "maxRetries": 2}
        for i in range(intents):
            sample = [{"utterance": f"intent {i} sample {u} with {{Thing}}"} for u in range(utterances)]
            intent_id = client.create_intent(**ids, intentName=f"Intent{i}", sampleUtterances=sample)["intentId"]
            client.create_slot(**ids, intentId=intent_id, slotName="Thing", slotTypeId=type_ids[i % len(type_ids)],
                               valueElicitationSetting={"slotConstraint": "Required", "promptSpecification": prompt})
        create_s = time.perf_counter() - start

        start = time.perf_counter()
        client.build_bot_locale(**ids)
        wait_until(lambda: client.describe_bot_locale(**ids)["botLocaleStatus"] != "Building")
        build_s = time.perf_counter() - start
        status = client.describe_bot_locale(**ids)["botLocaleStatus"]
        job = mock.runtime.jobs.list(service="lexv2-models", kind="locale-build")[0]
        build_job_s = (job.ended_at or 0) - (job.started_at or job.created_at)

        start = time.perf_counter()
        client.create_bot_version(botId=bot_id, botVersionLocaleSpecification={"en_US": {"sourceBotVersion": "DRAFT"}})
        wait_until(lambda: client.describe_bot_version(botId=bot_id, botVersion="1")["botStatus"] == "Available")
        version_s = time.perf_counter() - start
    return {
        "shape": {"intents": intents, "utterancesPerIntent": utterances, "slotTypes": slot_types,
                  "valuesPerSlotType": values, "slotsPerIntent": 1},
        "createSeconds": round(create_s, 3),
        "createCalls": 4 + slot_types + 2 * intents,
        "buildSeconds": round(build_s, 4),
        "buildJobSeconds": round(build_job_s, 4),
        "buildStatus": status,
        "buildGoalSeconds": 1.0,
        "buildUnderGoal": status == "Built" and build_s < 1.0,
        "versionSeconds": round(version_s, 4),
    }


def run_cli(name: str, description: str, run_fn: Any, results: Path, argv: list[str] | None) -> dict[str, Any]:
    """The command line both Lex V2 benchmarks share: bot size arguments, run, write the results file."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--intents", type=int, default=100)
    parser.add_argument("--utterances", type=int, default=500)
    parser.add_argument("--slot-types", type=int, default=50)
    parser.add_argument("--values", type=int, default=1000)
    args = parser.parse_args(argv)
    result = {
        "benchmark": name,
        "mode": "in-process dockyard.mock(), instant clock",
        "python": sys.version.split()[0],
        "platform": platform.platform(),
        **run_fn(args.intents, args.utterances, args.slot_types, args.values),
    }
    results.parent.mkdir(parents=True, exist_ok=True)
    results.write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps(result, indent=2))
    return result


def main(argv: list[str] | None = None) -> dict[str, Any]:
    return run_cli("lexv2_bot", __doc__.splitlines()[0], run, RESULTS, argv)


if __name__ == "__main__":
    main()
