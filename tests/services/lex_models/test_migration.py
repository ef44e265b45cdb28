"""Lex V1 -> V2 migration through boto3: the V2 bot is written by the Lex V2 service and builds there."""

from __future__ import annotations

import time

import pytest

from tests.services.lexv2_models.import_export.helpers import bot_spec, export_file, import_file, zip_entries

from .helpers import envelope, import_payload
from .test_import_export import _bot_resource

ROLE = "arn:aws:iam::123456789012:role/lex"


def _wait(fn, done, timeout: float = 20.0):
    end = time.monotonic() + timeout
    while True:
        out = fn()
        if done(out) or time.monotonic() > end:
            return out
        time.sleep(0.02)


def test_migrated_bot_builds_in_lex_v2(aws) -> None:
    region = "eu-west-3"
    lex = aws("lex-models", region_name=region)
    v2 = aws("lexv2-models", region_name=region)
    assert import_payload(lex, envelope(_bot_resource()), "BOT")["importStatus"] == "COMPLETE"
    lex.create_bot_version(name="ColourBot")
    started = lex.start_migration(v1BotName="ColourBot", v1BotVersion="1", v2BotName="ColourBotV",
                                  v2BotRole=ROLE, migrationStrategy="CREATE_NEW")
    bot_id = started["v2BotId"]
    done = _wait(lambda: lex.get_migration(migrationId=started["migrationId"]),
                 lambda m: m["migrationStatus"] != "IN_PROGRESS")
    assert done["migrationStatus"] == "COMPLETED", done["alerts"]
    intents = v2.list_intents(botId=bot_id, botVersion="DRAFT", localeId="en_US")["intentSummaries"]
    assert {"PickColour", "SayHello"} <= {i["intentName"] for i in intents}
    v2.build_bot_locale(botId=bot_id, botVersion="DRAFT", localeId="en_US")
    built = _wait(lambda: v2.describe_bot_locale(botId=bot_id, botVersion="DRAFT", localeId="en_US"),
                  lambda d: d["botLocaleStatus"] not in ("Building", "ReadyExpressTesting"))
    assert built["botLocaleStatus"] == "Built", built.get("failureReasons")
    summaries = lex.get_migrations(v1BotNameContains="Colour")["migrationSummaries"]
    assert [s["migrationId"] for s in summaries] == [started["migrationId"]]
    with pytest.raises(lex.exceptions.BadRequestException):
        lex.start_migration(v1BotName="ColourBot", v1BotVersion="1", v2BotName="ColourBotV",
                            v2BotRole=ROLE, migrationStrategy="CREATE_NEW")

    # the V2 export of the migrated bot imports into a fresh account region
    _, files = export_file(v2, {"botExportSpecification": {"botId": bot_id, "botVersion": "DRAFT"}})
    fresh = aws("lexv2-models", region_name="ap-south-2")
    imported = import_file(fresh, zip_entries(files), bot_spec("ColourBotCopy"))
    assert imported["importStatus"] == "Completed", imported.get("failureReasons")
