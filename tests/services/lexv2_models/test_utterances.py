"""DeleteUtterances in both front doors: no conversation traffic is stored, so the call checks the bot
(and locale) it names and answers 204."""

from __future__ import annotations

import pytest
from botocore.exceptions import ClientError

from tests.services.lexv2_models.front_doors import Door
from tests.services.lexv2_models.resources.builders import new_bot


def test_delete_utterances(door: Door) -> None:
    client = door.client()
    ids = new_bot(client)
    answer = client.delete_utterances(botId=ids["botId"])
    assert answer["ResponseMetadata"]["HTTPStatusCode"] == 204
    assert set(answer) == {"ResponseMetadata"}
    assert client.delete_utterances(botId=ids["botId"], localeId="en_US", sessionId="session-1")[
        "ResponseMetadata"]["HTTPStatusCode"] == 204
    for call, words in ((dict(botId="NOSUCHBOT0"), "bot with ID NOSUCHBOT0"),
                        (dict(botId=ids["botId"], localeId="fr_FR"), "locale fr_FR")):
        with pytest.raises(ClientError) as err:
            client.delete_utterances(**call)
        assert err.value.response["Error"]["Code"] == "ValidationException"
        assert words in err.value.response["Error"]["Message"]
    assert client.describe_bot(botId=ids["botId"])["botStatus"] == "Available"
