"""The ARNs of Lex V2 resources a caller can name (tags, resource policies): a bot and a bot alias.

``arn:aws:lex:<region>:<account>:bot/<botId>`` and
``arn:aws:lex:<region>:<account>:bot-alias/<botId>/<botAliasId>`` (the test alias is ``TSTALIASID``).
"""

from __future__ import annotations

from dataclasses import dataclass

from dockyard.service_kit import Scope


@dataclass(frozen=True)
class LexArn:
    """What an ARN names: a bot (``alias_id`` None) or one of its aliases."""

    arn: str
    bot_id: str
    alias_id: str | None = None


def bot_arn(scope: Scope, bot_id: str) -> str:
    return f"arn:aws:lex:{scope.region}:{scope.account}:bot/{bot_id}"


def alias_arn(scope: Scope, bot_id: str, alias_id: str) -> str:
    return f"arn:aws:lex:{scope.region}:{scope.account}:bot-alias/{bot_id}/{alias_id}"


def parse(scope: Scope, arn: str) -> LexArn | None:
    """The bot or alias ``arn`` names in ``scope`` (its region and account); None for anything else."""
    prefix = f"arn:aws:lex:{scope.region}:{scope.account}:"
    if not arn.startswith(prefix):
        return None
    parts = arn[len(prefix):].split("/")
    if len(parts) == 2 and parts[0] == "bot" and parts[1]:
        return LexArn(arn, parts[1])
    if len(parts) == 3 and parts[0] == "bot-alias" and parts[1] and parts[2]:
        return LexArn(arn, parts[1], parts[2])
    return None
