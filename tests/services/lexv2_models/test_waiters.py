"""Every waiter of the lexv2-models model, end to end, in both front doors.

The waiters are read from botocore's model, so a waiter a new botocore adds fails here until it has
a scenario below.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import botocore.session
import pytest
from botocore import xform_name

from tests.services.lexv2_models.import_export.archives import small_bot_archive
from tests.services.lexv2_models.import_export.helpers import bot_spec, unique, upload
from tests.services.lexv2_models.resources.airline import FAST_WAIT
from tests.services.lexv2_models.resources.builders import build, flower_bot, new_bot

WAITERS = sorted(xform_name(name) for name in botocore.session.get_session()
                 .get_waiter_model("lexv2-models").waiter_names)


def _built(client: Any) -> dict[str, str]:
    ids, _ = flower_bot(client)
    client.build_bot_locale(**ids)
    return ids


def _version(client: Any) -> tuple[str, str]:
    ids = _built(client)
    client.get_waiter("bot_locale_built").wait(**ids, WaiterConfig=FAST_WAIT)
    spec = {ids["localeId"]: {"sourceBotVersion": "DRAFT"}}
    return ids["botId"], client.create_bot_version(botId=ids["botId"], botVersionLocaleSpecification=spec)["botVersion"]


def bot_available(client: Any) -> None:
    bot = client.create_bot(botName=unique("w"), roleArn="arn:aws:iam::123456789012:role/r",
                            dataPrivacy={"childDirected": False}, idleSessionTTLInSeconds=300)
    client.get_waiter("bot_available").wait(botId=bot["botId"], WaiterConfig=FAST_WAIT)
    assert client.describe_bot(botId=bot["botId"])["botStatus"] == "Available"


def bot_locale_created(client: Any) -> None:
    ids = new_bot(client)  # waits with bot_locale_created
    assert client.describe_bot_locale(**ids)["botLocaleStatus"] == "NotBuilt"


def bot_locale_built(client: Any) -> None:
    ids = _built(client)
    client.get_waiter("bot_locale_built").wait(**ids, WaiterConfig=FAST_WAIT)
    assert client.describe_bot_locale(**ids)["botLocaleStatus"] == "Built"


def bot_locale_express_testing_available(client: Any) -> None:
    ids = _built(client)
    client.get_waiter("bot_locale_express_testing_available").wait(**ids, WaiterConfig=FAST_WAIT)
    assert client.describe_bot_locale(**ids)["botLocaleStatus"] in ("Built", "ReadyExpressTesting")


def bot_version_available(client: Any) -> None:
    bot_id, version = _version(client)
    client.get_waiter("bot_version_available").wait(botId=bot_id, botVersion=version, WaiterConfig=FAST_WAIT)
    assert client.describe_bot_version(botId=bot_id, botVersion=version)["botStatus"] == "Available"


def bot_alias_available(client: Any) -> None:
    bot_id, version = _version(client)
    alias_id = client.create_bot_alias(botId=bot_id, botAliasName="Live", botVersion=version)["botAliasId"]
    client.get_waiter("bot_alias_available").wait(botId=bot_id, botAliasId=alias_id, WaiterConfig=FAST_WAIT)
    assert client.describe_bot_alias(botId=bot_id, botAliasId=alias_id)["botAliasStatus"] == "Available"


def bot_export_completed(client: Any) -> None:
    ids = _built(client)
    spec = {"botExportSpecification": {"botId": ids["botId"], "botVersion": "DRAFT"}}
    export_id = client.create_export(resourceSpecification=spec, fileFormat="LexJson")["exportId"]
    client.get_waiter("bot_export_completed").wait(exportId=export_id, WaiterConfig=FAST_WAIT)
    assert client.describe_export(exportId=export_id)["exportStatus"] == "Completed"


def bot_import_completed(client: Any) -> None:
    name = unique("imported")
    import_id = upload(client, small_bot_archive(name))
    client.start_import(importId=import_id, resourceSpecification=bot_spec(name), mergeStrategy="FailOnConflict")
    client.get_waiter("bot_import_completed").wait(importId=import_id, WaiterConfig=FAST_WAIT)
    assert client.describe_import(importId=import_id)["importedResourceName"] == name


SCENARIOS: dict[str, Callable[[Any], None]] = {f.__name__: f for f in (
    bot_available, bot_locale_created, bot_locale_built, bot_locale_express_testing_available,
    bot_version_available, bot_alias_available, bot_export_completed, bot_import_completed)}


@pytest.mark.parametrize("waiter", WAITERS)
def test_waiter_succeeds_end_to_end(aws, waiter: str) -> None:
    scenario = SCENARIOS.get(waiter)
    assert scenario is not None, f"the lexv2-models waiter {waiter} has no end-to-end scenario here"
    scenario(aws("lexv2-models"))


def test_failure_states_end_a_waiter(aws) -> None:
    from botocore.exceptions import WaiterError

    client = aws("lexv2-models")
    ids = new_bot(client)  # a locale with no intent of its own fails its build
    client.build_bot_locale(**ids)
    with pytest.raises(WaiterError) as info:
        client.get_waiter("bot_locale_built").wait(**ids, WaiterConfig=FAST_WAIT)
    assert "Failed" in str(info.value)
    assert build(client, ids)["botLocaleStatus"] == "Failed"
