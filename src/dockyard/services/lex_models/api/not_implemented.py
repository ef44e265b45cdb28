"""Operations Dockyard does not answer yet (NotImplementedException with the reason)."""

from dockyard.services.lex_models import SPEC

SPEC.declare_not_implemented(
    "Dockyard runs no conversations (no runtime traffic), so there are no utterances to show or delete.",
    "GetUtterancesView", "DeleteUtterances")
SPEC.declare_not_implemented(
    "Channel associations are created in the console only; Dockyard stores none to delete.",
    "DeleteBotChannelAssociation")
